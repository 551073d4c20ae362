//! Ruin and recreate for the iterated local search: a settled solution is loaded, a local region
//! of clients removed and reinserted at their cheapest positions.

use super::{LocalSearch, NONE};
use crate::search::cost::CostEvaluator;
use crate::search::rng::Rng;
use crate::search::route::Span;
use crate::Route;

impl LocalSearch<'_, '_> {
    /// Loads a solution taken to be locally optimal: only what a later [`Self::perturb`]
    /// touches is searched by the next [`Self::run`].
    pub fn load_settled(&mut self, routes: &[Route], pen: &CostEvaluator) {
        let settled = vec![false; routes.len()];
        self.load(routes, Some(&settled), pen);
    }

    /// Ruins and recreates a small neighbourhood of the loaded solution: removes `count` routed
    /// clients (a random client and its nearest routed granular neighbours, so the ruin is local
    /// and the recreate can reorder a region) and reinserts them one by one, in random order, at
    /// their cheapest position. The routes touched are then the only ones the next
    /// [`Self::run`] searches from.
    pub fn perturb(&mut self, rng: &mut Rng, count: usize) {
        let n = self.sd.num_clients;
        let mut removed = std::mem::take(&mut self.removed);
        removed.clear();
        // A few regions at most: when a centre has too few routed neighbours, start another.
        for _ in 0..4 {
            if removed.len() >= count {
                break;
            }
            let centre = rng.below(n);
            if self.route_of[centre] == NONE {
                continue;
            }
            let region = std::iter::once(centre).chain(self.neighbours[centre].iter().copied());
            for c in region {
                if removed.len() >= count {
                    break;
                }
                if self.route_of[c] != NONE && !self.sd.is_pinned(c) {
                    self.remove_client(c);
                    removed.push(c);
                }
            }
        }
        rng.shuffle(&mut removed);
        for &c in &removed {
            self.insert_cheapest(c);
        }
        self.removed = removed;
    }

    pub(super) fn remove_client(&mut self, c: usize) {
        let (r, p) = (self.route_of[c], self.pos_of[c]);
        let l = self.routes[r].last();
        let s = [Span::fwd(r, 1, p - 1), Span::fwd(r, p + 1, l - 1)];
        self.apply_one(r, &s);
        self.route_of[c] = NONE;
    }
}
