//! How a move assembled from spans is judged and applied: [`Judge`] says what to do with a
//! move an operator has built ([`Improve`]: apply it when it lowers the penalised cost, as the
//! search does; [`Price`]: only price it, for the benches and the operator tests), and the
//! application rebuilds the changed routes' caches. Pinned and barred clients are refused here,
//! after pricing and only for improving moves, so the pricing loop stays untouched.

use super::LocalSearch;
use crate::search::route::{Pricer, Span, UNROUTED};

/// What to do with a move an operator has built from spans of the current routes.
pub(crate) trait Judge {
    /// Routes `ru` and `rv` rebuilt from `su` and `sv`, whose distances are `du` and `dv`; true
    /// when the move was applied.
    #[allow(clippy::too_many_arguments)]
    fn two(
        &mut self,
        ls: &mut LocalSearch,
        ru: usize,
        su: &[Span],
        du: i64,
        rv: usize,
        sv: &[Span],
        dv: i64,
    ) -> bool;

    /// Route `r` rebuilt from `s`; true when the move was applied.
    fn one(&mut self, ls: &mut LocalSearch, r: usize, s: &[Span]) -> bool;
}

/// The search's judge: applies a move that lowers the penalised cost (first improvement).
pub(crate) struct Improve;

impl Judge for Improve {
    #[inline(always)]
    fn two(
        &mut self,
        ls: &mut LocalSearch,
        ru: usize,
        su: &[Span],
        du: i64,
        rv: usize,
        sv: &[Span],
        dv: i64,
    ) -> bool {
        ls.try_two_with(ru, su, du, rv, sv, dv, 0)
    }

    #[inline(always)]
    fn one(&mut self, ls: &mut LocalSearch, r: usize, s: &[Span]) -> bool {
        ls.try_one(r, s)
    }
}

#[cfg(any(test, feature = "bench-support"))]
/// A judge that applies nothing and keeps the penalised cost change of every move it is shown
/// (priced as [`Improve`] prices a move past its lower-bound filter), and with `keep_routes`
/// the moved routes' client sequences too (for the operator tests).
#[derive(Debug, Default)]
pub(crate) struct Price {
    pub keep_routes: bool,
    pub moves: Vec<PricedMove>,
}

#[cfg(any(test, feature = "bench-support"))]
/// One move a [`Price`] judge was shown.
#[derive(Debug, Clone)]
pub(crate) struct PricedMove {
    /// Penalised cost change.
    pub delta: i64,
    /// With `keep_routes`: each changed route slot and its new client sequence (read by the
    /// operator tests only).
    #[cfg_attr(not(test), allow(dead_code))]
    pub routes: Vec<(usize, Vec<usize>)>,
}

#[cfg(any(test, feature = "bench-support"))]
impl Price {
    fn keep(&mut self, ls: &LocalSearch, delta: i64, changed: &[(usize, &[Span])]) {
        let routes = if self.keep_routes {
            changed
                .iter()
                .map(|&(r, spans)| {
                    let mut nodes = Vec::new();
                    ls.build(r, spans, &mut nodes);
                    let visits = nodes[1..nodes.len() - 1]
                        .iter()
                        .map(|&l| ls.sd.client_of(l))
                        .collect();
                    (r, visits)
                })
                .collect()
        } else {
            Vec::new()
        };
        self.moves.push(PricedMove { delta, routes });
    }
}

#[cfg(any(test, feature = "bench-support"))]
impl Judge for Price {
    fn two(
        &mut self,
        ls: &mut LocalSearch,
        ru: usize,
        su: &[Span],
        du: i64,
        rv: usize,
        sv: &[Span],
        dv: i64,
    ) -> bool {
        let pricer = Pricer {
            sd: ls.sd,
            routes: &ls.routes,
        };
        let (tu, tv) = (ls.routes[ru].vehicle_type, ls.routes[rv].vehicle_type);
        let delta = pricer.cost(tu, su, du, &ls.pen) + pricer.cost(tv, sv, dv, &ls.pen)
            - ls.routes[ru].cost
            - ls.routes[rv].cost;
        self.keep(ls, delta, &[(ru, su), (rv, sv)]);
        false
    }

    fn one(&mut self, ls: &mut LocalSearch, r: usize, s: &[Span]) -> bool {
        let pricer = Pricer {
            sd: ls.sd,
            routes: &ls.routes,
        };
        let t = ls.routes[r].vehicle_type;
        let d = pricer.distance(t, s);
        let delta = pricer.cost(t, s, d, &ls.pen) - ls.routes[r].cost;
        self.keep(ls, delta, &[(r, s)]);
        false
    }
}

impl LocalSearch<'_, '_> {
    /// Shows `judge` the two-route move, its new routes' distances summed along the spans.
    #[inline]
    pub(super) fn judge_two<J: Judge>(
        &mut self,
        judge: &mut J,
        ru: usize,
        su: &[Span],
        rv: usize,
        sv: &[Span],
    ) -> bool {
        let pricer = Pricer {
            sd: self.sd,
            routes: &self.routes,
        };
        let du = pricer.distance(self.routes[ru].vehicle_type, su);
        let dv = pricer.distance(self.routes[rv].vehicle_type, sv);
        judge.two(self, ru, su, du, rv, sv, dv)
    }

    /// Applies the two-route move (routes `ru` and `rv` rebuilt from `su` and `sv`, of distances
    /// `du` and `dv`) if it lowers the penalised cost by more than `extra`.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    pub(super) fn try_two_with(
        &mut self,
        ru: usize,
        su: &[Span],
        du: i64,
        rv: usize,
        sv: &[Span],
        dv: i64,
        extra: i64,
    ) -> bool {
        let pricer = Pricer {
            sd: self.sd,
            routes: &self.routes,
        };
        debug_assert_eq!(du, pricer.distance(self.routes[ru].vehicle_type, su));
        debug_assert_eq!(dv, pricer.distance(self.routes[rv].vehicle_type, sv));
        let tu = self.routes[ru].vehicle_type;
        let tv = self.routes[rv].vehicle_type;
        let old = self.routes[ru].cost + self.routes[rv].cost;
        let lb_u = pricer.lower_bound(tu, su, du);
        let lb_v = pricer.lower_bound(tv, sv, dv);
        if lb_u + lb_v + extra >= old {
            return false;
        }
        let cu = pricer.cost(tu, su, du, &self.pen);
        if cu + lb_v + extra >= old {
            return false;
        }
        let cv = pricer.cost(tv, sv, dv, &self.pen);
        if cu + cv + extra >= old {
            return false;
        }
        if self.sd.has_pins && (self.carries_pinned(ru, su) || self.carries_pinned(rv, sv)) {
            return false;
        }
        if self.sd.has_restrictions && (self.carries_barred(ru, su) || self.carries_barred(rv, sv))
        {
            return false;
        }
        self.apply_two(ru, su, rv, sv);
        true
    }

    /// Whether the new route `r` made of `spans` takes in a pinned client from another route.
    #[cold]
    pub(super) fn carries_pinned(&self, r: usize, spans: &[Span]) -> bool {
        spans
            .iter()
            .filter(|span| span.route != r && span.route != UNROUTED)
            .any(|span| {
                let nodes = &self.routes[span.route].nodes;
                (span.from..=span.to)
                    .filter(|&i| !span.is_empty() && i < nodes.len())
                    .any(|i| self.sd.is_pinned(self.sd.client_of(nodes[i])))
            })
    }

    /// Whether the new route `r` made of `spans` takes in, from another route or unrouted, a
    /// client that may not ride its vehicle type.
    #[cold]
    pub(super) fn carries_barred(&self, r: usize, spans: &[Span]) -> bool {
        let t = self.routes[r].vehicle_type;
        spans
            .iter()
            .filter(|span| span.route != r && !span.is_empty())
            .any(|span| {
                if span.route == UNROUTED {
                    return !self.sd.allowed(self.sd.client_of(span.from), t);
                }
                let nodes = &self.routes[span.route].nodes;
                (span.from..=span.to)
                    .filter(|&i| i < nodes.len())
                    .any(|i| !self.sd.allowed(self.sd.client_of(nodes[i]), t))
            })
    }

    #[inline]
    pub(super) fn try_one(&mut self, r: usize, s: &[Span]) -> bool {
        let pricer = Pricer {
            sd: self.sd,
            routes: &self.routes,
        };
        let t = self.routes[r].vehicle_type;
        let old = self.routes[r].cost;
        let d = pricer.distance(t, s);
        if pricer.lower_bound(t, s, d) >= old {
            return false;
        }
        if pricer.cost(t, s, d, &self.pen) >= old {
            return false;
        }
        self.apply_one(r, s);
        true
    }

    pub(super) fn build(&self, r: usize, spans: &[Span], out: &mut Vec<usize>) {
        let t = &self.sd.types[self.routes[r].vehicle_type];
        out.clear();
        out.push(t.start_loc);
        for s in spans {
            s.push_locations(&self.routes, out);
        }
        out.push(t.end_loc);
    }

    pub(super) fn apply_two(&mut self, ru: usize, su: &[Span], rv: usize, sv: &[Span]) {
        let mut bu = std::mem::take(&mut self.buf_u);
        let mut bv = std::mem::take(&mut self.buf_v);
        self.build(ru, su, &mut bu);
        self.build(rv, sv, &mut bv);
        std::mem::swap(&mut self.routes[ru].nodes, &mut bu);
        std::mem::swap(&mut self.routes[rv].nodes, &mut bv);
        self.buf_u = bu;
        self.buf_v = bv;
        self.finish(ru);
        self.finish(rv);
        self.update_empty_slots(ru, rv);
    }

    pub(super) fn apply_one(&mut self, r: usize, s: &[Span]) {
        let mut bu = std::mem::take(&mut self.buf_u);
        self.build(r, s, &mut bu);
        std::mem::swap(&mut self.routes[r].nodes, &mut bu);
        self.buf_u = bu;
        self.finish(r);
        self.update_empty_slots(r, r);
    }

    pub(super) fn finish(&mut self, r: usize) {
        self.routes[r].update(self.sd, &self.pen);
        self.index_route(r);
        self.counter += 1;
        self.last_modified[r] = self.counter;
    }
}
