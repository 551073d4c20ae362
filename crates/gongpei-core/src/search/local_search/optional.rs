//! Optional clients: insert an unrouted one where its insertion costs less than its prize, or
//! remove a routed one whose removal saves more than its prize.

use super::LocalSearch;
use crate::search::route::{Pricer, Span};

impl LocalSearch<'_, '_> {
    pub(super) fn try_insert_optional(&mut self, u: usize) -> bool {
        match self.cheapest_insertion(u, false) {
            Some((delta, r, p)) if delta - self.sd.prize[u] < 0 => {
                self.insert_at(r, p, self.sd.loc(u));
                true
            }
            _ => false,
        }
    }

    pub(super) fn try_remove_optional(&mut self, u: usize) -> bool {
        if self.sd.has_pins && self.sd.is_pinned(u) {
            return false;
        }
        let (r, p) = (self.route_of[u], self.pos_of[u]);
        let l = self.routes[r].last();
        let s = [Span::fwd(r, 1, p - 1), Span::fwd(r, p + 1, l - 1)];
        let pricer = Pricer {
            sd: self.sd,
            routes: &self.routes,
        };
        let t = self.routes[r].vehicle_type;
        let d = pricer.distance(t, &s);
        let cost = pricer.cost(t, &s, d, &self.pen);
        if cost + self.sd.prize[u] < self.routes[r].cost {
            self.remove_client(u);
            true
        } else {
            false
        }
    }
}
