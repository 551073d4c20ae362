//! Cheapest insertion of unrouted clients (repair after crossover, recreate after ruin, pinned
//! clients into their group's route): priced with the route caches next to the client's routed
//! granular neighbours, in empty vehicles, or everywhere when no neighbour is routed.

use super::{LocalSearch, NONE};
use crate::search::route::{Pricer, Span};

impl LocalSearch<'_, '_> {
    /// Cost change of inserting location `loc` after position `p` of route `r`.
    pub(super) fn insertion_delta(&self, r: usize, p: usize, loc: usize) -> i64 {
        let pricer = Pricer {
            sd: self.sd,
            routes: &self.routes,
        };
        let l = self.routes[r].last();
        let s = [
            Span::fwd(r, 1, p),
            Span::single(loc),
            Span::fwd(r, p + 1, l - 1),
        ];
        let t = self.routes[r].vehicle_type;
        let d = pricer.distance(t, &s);
        pricer.cost(t, &s, d, &self.pen) - self.routes[r].cost
    }

    pub(super) fn insert_at(&mut self, r: usize, p: usize, loc: usize) {
        let l = self.routes[r].last();
        let s = [
            Span::fwd(r, 1, p),
            Span::single(loc),
            Span::fwd(r, p + 1, l - 1),
        ];
        self.apply_one(r, &s);
    }

    /// Inserts every unrouted required (or pinned) client at its cheapest position.
    pub(super) fn insert_missing_required(&mut self) {
        for u in 0..self.sd.num_clients {
            if self.route_of[u] == NONE && (self.sd.required[u] || self.sd.is_pinned(u)) {
                self.insert_cheapest(u);
            }
        }
    }

    /// Inserts unrouted client `u` at its cheapest position (see [`Self::cheapest_insertion`]).
    pub(super) fn insert_cheapest(&mut self, u: usize) {
        if let Some((_, r, p)) = self.cheapest_insertion(u, true) {
            self.insert_at(r, p, self.sd.loc(u));
        }
    }

    /// The cheapest place for unrouted client `u` (cost change, route, insert after position):
    /// next to a routed granular neighbour, or alone in an empty vehicle; with `scan_all`, every
    /// position of every route when no neighbour is routed.
    pub(super) fn cheapest_insertion(
        &self,
        u: usize,
        scan_all: bool,
    ) -> Option<(i64, usize, usize)> {
        if self.sd.has_pins && self.sd.is_pinned(u) {
            return self.pinned_insertion(u);
        }
        let loc = self.sd.loc(u);
        let mut best: Option<(i64, usize, usize)> = None;
        let (sd, routes) = (self.sd, &self.routes);
        let offer = |best: &mut Option<(i64, usize, usize)>, delta: i64, r: usize, p: usize| {
            if sd.has_restrictions && !sd.allowed(u, routes[r].vehicle_type) {
                return;
            }
            if best.is_none_or(|b| delta < b.0) {
                *best = Some((delta, r, p));
            }
        };
        for &v in &self.neighbours[u] {
            let rv = self.route_of[v];
            if rv != NONE {
                for p in [self.pos_of[v] - 1, self.pos_of[v]] {
                    offer(&mut best, self.insertion_delta(rv, p, loc), rv, p);
                }
            }
        }
        let none_routed = self.neighbours[u].iter().all(|&v| self.route_of[v] == NONE);
        // With restrictions the routed neighbours may all be on barred vehicles.
        let none_allowed = self.sd.has_restrictions && best.is_none();
        if scan_all && (none_routed || none_allowed) {
            for r in 0..self.routes.len() {
                for p in 0..self.routes[r].last() {
                    if !self.routes[r].is_empty() {
                        offer(&mut best, self.insertion_delta(r, p, loc), r, p);
                    }
                }
            }
        }
        for &e in &self.empty_slot {
            if e != NONE {
                offer(&mut best, self.insertion_delta(e, 0, loc), e, 0);
            }
        }
        best
    }

    /// The cheapest place for unrouted pinned client `u`: any position of the route holding a
    /// routed client of its group, else of any route (empty ones included) holding no pinned
    /// client. There is always such a route: groups come from a solution's routes, so there are
    /// no more groups than route slots.
    #[cold]
    pub(super) fn pinned_insertion(&self, u: usize) -> Option<(i64, usize, usize)> {
        let loc = self.sd.loc(u);
        let group = &self.sd.pin_members[self.sd.pin_group[u]];
        let home = group.iter().map(|&c| self.route_of[c]).find(|&r| r != NONE);
        let pin_free = |r: usize| {
            let route = &self.routes[r];
            (1..route.last()).all(|i| !self.sd.is_pinned(self.sd.client_of(route.nodes[i])))
        };
        let mut best: Option<(i64, usize, usize)> = None;
        for r in 0..self.routes.len() {
            let allowed = match home {
                Some(h) => r == h,
                None => pin_free(r),
            };
            if !allowed || !self.sd.allowed(u, self.routes[r].vehicle_type) {
                continue;
            }
            for p in 0..self.routes[r].last() {
                let delta = self.insertion_delta(r, p, loc);
                if best.is_none_or(|b| delta < b.0) {
                    best = Some((delta, r, p));
                }
            }
        }
        best
    }
}
