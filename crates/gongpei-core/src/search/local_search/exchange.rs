//! Exchange N-M: moves `n` consecutive clients after another position (relocate, `m == 0`) or
//! swaps them with `m` consecutive clients (swap), within a route or between two, with the new
//! distances of two routes on one profile read from the arcs the move changes.

use super::{Judge, LocalSearch};
use crate::search::route::Span;

impl LocalSearch<'_, '_> {
    /// Moves the `n` clients from position `pu` of `ru` after position `pv` of `rv` (`m == 0`) or
    /// swaps them with the `m` clients from position `pv` (`m > 0`).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn exchange<J: Judge>(
        &mut self,
        judge: &mut J,
        n: usize,
        m: usize,
        ru: usize,
        pu: usize,
        rv: usize,
        pv: usize,
    ) -> bool {
        let lu = self.routes[ru].last();
        let lv = self.routes[rv].last();
        if pu + n > lu || (m > 0 && (pv == 0 || pv + m > lv)) {
            return false;
        }
        let seg_u = Span::fwd(ru, pu, pu + n - 1);
        if ru != rv {
            let direct = self.same_profile_routes(ru, rv);
            if m == 0 {
                let su = [Span::fwd(ru, 1, pu - 1), Span::fwd(ru, pu + n, lu - 1)];
                let sv = [Span::fwd(rv, 1, pv), seg_u, Span::fwd(rv, pv + 1, lv - 1)];
                if direct {
                    let (du, dv) = self.relocate_distances(ru, pu, n, rv, pv);
                    judge.two(self, ru, &su, du, rv, &sv, dv)
                } else {
                    self.judge_two(judge, ru, &su, rv, &sv)
                }
            } else {
                let seg_v = Span::fwd(rv, pv, pv + m - 1);
                let su = [
                    Span::fwd(ru, 1, pu - 1),
                    seg_v,
                    Span::fwd(ru, pu + n, lu - 1),
                ];
                let sv = [
                    Span::fwd(rv, 1, pv - 1),
                    seg_u,
                    Span::fwd(rv, pv + m, lv - 1),
                ];
                if direct {
                    let du = self.replaced_distance(ru, pu, n, rv, pv, m);
                    let dv = self.replaced_distance(rv, pv, m, ru, pu, n);
                    judge.two(self, ru, &su, du, rv, &sv, dv)
                } else {
                    self.judge_two(judge, ru, &su, rv, &sv)
                }
            }
        } else if m == 0 {
            if pv + 1 >= pu && pv < pu + n {
                return false;
            }
            if pv < pu {
                let s = [
                    Span::fwd(ru, 1, pv),
                    seg_u,
                    Span::fwd(ru, pv + 1, pu - 1),
                    Span::fwd(ru, pu + n, lu - 1),
                ];
                judge.one(self, ru, &s)
            } else {
                let s = [
                    Span::fwd(ru, 1, pu - 1),
                    Span::fwd(ru, pu + n, pv),
                    seg_u,
                    Span::fwd(ru, pv + 1, lu - 1),
                ];
                judge.one(self, ru, &s)
            }
        } else {
            let seg_v = Span::fwd(rv, pv, pv + m - 1);
            if pv + m <= pu {
                let s = [
                    Span::fwd(ru, 1, pv - 1),
                    seg_u,
                    Span::fwd(ru, pv + m, pu - 1),
                    seg_v,
                    Span::fwd(ru, pu + n, lu - 1),
                ];
                judge.one(self, ru, &s)
            } else if pu + n <= pv {
                let s = [
                    Span::fwd(ru, 1, pu - 1),
                    seg_v,
                    Span::fwd(ru, pu + n, pv - 1),
                    seg_u,
                    Span::fwd(ru, pv + m, lu - 1),
                ];
                judge.one(self, ru, &s)
            } else {
                false
            }
        }
    }

    /// New distances of routes `ru` and `rv` when the `n` clients from position `pu` of `ru`
    /// move after position `pv` of `rv` (same profile): only the changed arcs are looked up.
    #[inline(always)]
    pub(crate) fn relocate_distances(
        &self,
        ru: usize,
        pu: usize,
        n: usize,
        rv: usize,
        pv: usize,
    ) -> (i64, i64) {
        let (u, v) = (&self.routes[ru], &self.routes[rv]);
        let (a, first, last, b) = (
            u.nodes[pu - 1],
            u.nodes[pu],
            u.nodes[pu + n - 1],
            u.nodes[pu + n],
        );
        let (c, e) = (v.nodes[pv], v.nodes[pv + 1]);
        let inner = self.stretch(ru, pu, pu + n - 1);
        let du = u.cum_dist[u.last()] - self.stretch(ru, pu - 1, pu + n) + self.arc(ru, a, b);
        // The arc c -> e is on route v: read it from its cumulative distances, not the matrix.
        let dv = v.cum_dist[v.last()] - self.stretch(rv, pv, pv + 1)
            + self.arc(rv, c, first)
            + inner
            + self.arc(rv, last, e);
        (du, dv)
    }

    /// New distance of route `r` when its `n` clients from position `p` are replaced by the
    /// `m` clients from position `q` of route `o` (same profile).
    #[inline]
    pub(crate) fn replaced_distance(
        &self,
        r: usize,
        p: usize,
        n: usize,
        o: usize,
        q: usize,
        m: usize,
    ) -> i64 {
        let (route, other) = (&self.routes[r], &self.routes[o]);
        let (a, b) = (route.nodes[p - 1], route.nodes[p + n]);
        let (first, last) = (other.nodes[q], other.nodes[q + m - 1]);
        route.cum_dist[route.last()] - self.stretch(r, p - 1, p + n)
            + self.arc(r, a, first)
            + self.stretch(o, q, q + m - 1)
            + self.arc(r, last, b)
    }
}
