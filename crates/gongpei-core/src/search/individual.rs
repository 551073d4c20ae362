//! A member of the genetic population: routes plus the figures needed to rank it (objective and
//! constraint excesses, so its penalised cost can be recomputed when penalties change) and its
//! neighbour structure for the broken-pairs distance.

use super::cost::{CostEvaluator, Excess};
use crate::Route;

/// Marks the depot in `pred`/`succ`.
const DEPOT: u32 = u32::MAX;

#[derive(Debug, Clone)]
pub(crate) struct Individual {
    /// Non-empty routes.
    pub routes: Vec<Route>,
    /// Unpenalised objective: route costs plus uncollected prizes.
    pub objective: i64,
    /// How far the routes break each relaxed constraint, summed over routes.
    pub excess: Excess,
    /// Predecessor and successor client of each client (`DEPOT` at route ends, and for
    /// unvisited clients both are `DEPOT`).
    pred: Vec<u32>,
    succ: Vec<u32>,
    visited: Vec<bool>,
}

impl Individual {
    pub fn new(routes: Vec<Route>, num_clients: usize, objective: i64, excess: Excess) -> Self {
        let mut pred = vec![DEPOT; num_clients];
        let mut succ = vec![DEPOT; num_clients];
        let mut visited = vec![false; num_clients];
        for r in &routes {
            for (i, &c) in r.visits.iter().enumerate() {
                visited[c] = true;
                if i > 0 {
                    pred[c] = r.visits[i - 1] as u32;
                }
                if i + 1 < r.visits.len() {
                    succ[c] = r.visits[i + 1] as u32;
                }
            }
        }
        Self {
            routes,
            objective,
            excess,
            pred,
            succ,
            visited,
        }
    }

    pub fn is_feasible(&self) -> bool {
        self.excess.is_feasible()
    }

    /// Objective plus penalties for every excess.
    pub fn penalised_cost(&self, pen: &CostEvaluator) -> i64 {
        pen.penalised(self.objective, &self.excess)
    }

    /// Broken-pairs distance in `[0, 1]`: the share of clients whose neighbours differ
    /// (direction ignored, so reversed routes count as equal).
    pub fn broken_pairs_distance(&self, other: &Self) -> f64 {
        let n = self.pred.len();
        if n == 0 {
            return 0.0;
        }
        let mut broken = 0usize;
        for c in 0..n {
            if self.visited[c] != other.visited[c] {
                broken += 1;
                continue;
            }
            let (a, b) = (self.succ[c], self.pred[c]);
            let (x, y) = (other.succ[c], other.pred[c]);
            if a != x && a != y {
                broken += 1;
            }
            if b == DEPOT && x != DEPOT && y != DEPOT {
                broken += 1;
            }
        }
        broken as f64 / n as f64
    }

    /// Whether both have the same routes (as sets of visiting sequences, in any route order).
    pub fn same_as(&self, other: &Self) -> bool {
        self.objective == other.objective && self.succ == other.succ && self.pred == other.pred
    }
}
