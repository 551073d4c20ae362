//! Vehicle-type moves: a whole route moves to an unused vehicle of another type, or two routes of
//! different types exchange their vehicles.

use super::{Judge, LocalSearch, NONE};
use crate::search::route::Span;

impl LocalSearch<'_, '_> {
    /// Moves whole routes to an unused vehicle of another type, or swaps the vehicles of two
    /// routes of different types.
    pub(crate) fn vehicle_type_moves<J: Judge>(&mut self, judge: &mut J) -> bool {
        let mut improved = false;
        for r in 0..self.routes.len() {
            if self.routes[r].is_empty() {
                continue;
            }
            for t in 0..self.empty_slot.len() {
                let e = self.empty_slot[t];
                if e == NONE || t == self.routes[r].vehicle_type || self.routes[r].is_empty() {
                    continue;
                }
                let l = self.routes[r].last();
                let se = [Span::fwd(r, 1, l - 1)];
                if self.judge_two(judge, r, &[], e, &se) {
                    improved = true;
                }
            }
        }
        let nr = self.routes.len();
        if nr <= 200 {
            for a in 0..nr {
                for b in a + 1..nr {
                    let (ra, rb) = (&self.routes[a], &self.routes[b]);
                    if ra.is_empty() || rb.is_empty() || ra.vehicle_type == rb.vehicle_type {
                        continue;
                    }
                    let sa = [Span::fwd(b, 1, rb.last() - 1)];
                    let sb = [Span::fwd(a, 1, ra.last() - 1)];
                    if self.judge_two(judge, a, &sa, b, &sb) {
                        improved = true;
                    }
                }
            }
        }
        improved
    }
}
