//! Moves a client alone into an unused vehicle of each type (opens a route).

use super::{Judge, LocalSearch, NONE};
use crate::search::route::Span;

impl LocalSearch<'_, '_> {
    /// Moves client `u` alone into an empty vehicle of each type.
    pub(crate) fn try_empty_route<J: Judge>(&mut self, judge: &mut J, u: usize) -> bool {
        let (ru, pu) = (self.route_of[u], self.pos_of[u]);
        let lu = self.routes[ru].last();
        for t in 0..self.empty_slot.len() {
            let e = self.empty_slot[t];
            if e == NONE || (lu == 2 && t == self.routes[ru].vehicle_type) {
                continue;
            }
            let su = [Span::fwd(ru, 1, pu - 1), Span::fwd(ru, pu + 1, lu - 1)];
            let se = [Span::fwd(ru, pu, pu)];
            if self.judge_two(judge, ru, &su, e, &se) {
                return true;
            }
        }
        false
    }
}
