//! 2-opt*: two routes exchange their tails after a client each, with the new distances read from
//! the changed arcs when both routes share a profile.

use super::{Judge, LocalSearch};
use crate::search::route::Span;

impl LocalSearch<'_, '_> {
    /// New distance of route `r` keeping its clients up to position `p`, then those of route
    /// `o` after position `q`, ending at `r`'s own end depot (same profile).
    #[inline]
    pub(crate) fn tail_swapped_distance(&self, r: usize, p: usize, o: usize, q: usize) -> i64 {
        let (route, other) = (&self.routes[r], &self.routes[o]);
        let (here, end) = (route.nodes[p], route.nodes[route.last()]);
        let lo = other.last();
        if q + 1 > lo - 1 {
            route.cum_dist[p] + self.arc(r, here, end)
        } else {
            route.cum_dist[p]
                + self.arc(r, here, other.nodes[q + 1])
                + self.stretch(o, q + 1, lo - 1)
                + self.arc(r, other.nodes[lo - 1], end)
        }
    }

    /// 2-opt*: route `ru` keeps its clients up to `pu` then takes `rv`'s after `pv`, and vice
    /// versa.
    pub(super) fn swap_tails<J: Judge>(
        &mut self,
        judge: &mut J,
        ru: usize,
        pu: usize,
        rv: usize,
        pv: usize,
    ) -> bool {
        let lu = self.routes[ru].last();
        let lv = self.routes[rv].last();
        let su = [Span::fwd(ru, 1, pu), Span::fwd(rv, pv + 1, lv - 1)];
        let sv = [Span::fwd(rv, 1, pv), Span::fwd(ru, pu + 1, lu - 1)];
        if self.same_profile_routes(ru, rv) {
            let du = self.tail_swapped_distance(ru, pu, rv, pv);
            let dv = self.tail_swapped_distance(rv, pv, ru, pu);
            judge.two(self, ru, &su, du, rv, &sv, dv)
        } else {
            self.judge_two(judge, ru, &su, rv, &sv)
        }
    }
}
