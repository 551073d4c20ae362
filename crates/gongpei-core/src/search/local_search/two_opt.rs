//! Intra-route 2-opt: a route's clients between two positions are reversed.

use super::{Judge, LocalSearch};
use crate::search::route::Span;

impl LocalSearch<'_, '_> {
    /// Intra-route 2-opt: reverses the clients between `u` and `v`.
    pub(super) fn two_opt<J: Judge>(
        &mut self,
        judge: &mut J,
        r: usize,
        pu: usize,
        pv: usize,
    ) -> bool {
        let (a, b) = if pu < pv { (pu, pv) } else { (pv, pu) };
        if b < a + 2 {
            return false;
        }
        let l = self.routes[r].last();
        let s = [
            Span::fwd(r, 1, a),
            Span::rev(r, a + 1, b),
            Span::fwd(r, b + 1, l - 1),
        ];
        judge.one(self, r, &s)
    }
}
