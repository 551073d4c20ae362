//! The p-median problem: open exactly p candidates minimising the weighted sum of each demand
//! point's cost to its nearest open candidate.
//!
//! Solved exactly in phases, each in its own module:
//! 1. `heuristic`: greedy + vertex substitution gives the incumbent (upper bound);
//! 2. `lagrangian`: subgradient optimisation of the Lagrangian relaxation of "each point served
//!    once" gives a lower bound; when it reaches the `cutoff` (with integer costs: above
//!    incumbent - 1) the incumbent is proven optimal;
//! 3. `reduce`: otherwise the bound fixes candidates open or closed and caps each point's cost
//!    (both rounds repeat while they fix something; the relaxed problem's choices restart the
//!    local search, which may lower the incumbent);
//! 4. `model`: HiGHS solves the sorted-distances formulation restricted by the reductions, with
//!    the cutoff as objective bound; a solution it finds is better than the incumbent, and its
//!    proof (or proof that nothing beats the cutoff) makes the result optimal.
//!
//! The objective is always recomputed from the chosen candidates; a time limit covers all phases,
//! and when it strikes the status carries the gap between the incumbent and the best bound.

use std::time::Instant;

mod bounds;
mod branch;
mod cutoff;
mod data;
mod heuristic;
mod lagrangian;
mod model;
mod pairs;
mod reduce;
mod search;
#[cfg(test)]
mod tests;

use crate::costs::{check_len, check_numbers, CostMatrix};
use crate::error::LocateError;
use crate::mip::SolveOptions;
use crate::solution::{nearest_open, Solution};
use data::Instance;

/// A p-median instance over a cost matrix.
///
/// ```
/// use gongpei_locate::{CostMatrix, PMedian, SolveOptions};
/// // Two clusters {0, 1} and {2, 3}: one median in each.
/// let d = |a: f64, b: f64| (a - b).abs();
/// let xs = [0.0, 1.0, 10.0, 11.0];
/// let costs = CostMatrix::new(xs.iter().map(|&a| xs.iter().map(|&b| d(a, b)).collect()).collect()).unwrap();
/// let s = PMedian::new(&costs, 2).solve(&SolveOptions::default()).unwrap();
/// assert_eq!(s.objective, 2.0);
/// assert!(s.status.is_optimal());
/// ```
#[derive(Debug, Clone)]
pub struct PMedian<'a> {
    costs: &'a CostMatrix,
    p: usize,
    weights: Option<Vec<f64>>,
}

impl<'a> PMedian<'a> {
    /// Every demand point weighs 1.
    pub fn new(costs: &'a CostMatrix, p: usize) -> Self {
        Self {
            costs,
            p,
            weights: None,
        }
    }

    /// Weights the demand points (e.g. parcels per day); one finite weight >= 0 per row.
    pub fn with_weights(mut self, weights: Vec<f64>) -> Self {
        self.weights = Some(weights);
        self
    }

    fn weight(&self, i: usize) -> f64 {
        self.weights.as_ref().map_or(1.0, |w| w[i])
    }

    fn validate(&self) -> Result<(), LocateError> {
        let m = self.costs.candidates();
        if self.p == 0 || self.p > m {
            return Err(LocateError::BadFacilityCount {
                p: self.p,
                candidates: m,
            });
        }
        if let Some(w) = &self.weights {
            check_len("weights", w.len(), self.costs.demands())?;
            check_numbers("weight", w, |i| {
                format!("demand point {}", self.costs.demand_label(i))
            })?;
        }
        Ok(())
    }

    /// Solves the instance to proven optimality (or until the time limit; the status then gives
    /// the gap between the returned choice and the best lower bound found).
    pub fn solve(&self, options: &SolveOptions) -> Result<Solution, LocateError> {
        self.validate()?;
        let started = Instant::now();
        let inst = Instance::new(self.costs, self.p, |i| self.weight(i));
        let outcome = search::run(&inst, options, started)?;
        let assignment = nearest_open(self.costs, &outcome.open);
        let objective = self.objective_of(&assignment);
        Ok(Solution {
            open: outcome.open,
            assignment,
            objective,
            status: outcome.status,
            elapsed: started.elapsed(),
        })
    }

    fn objective_of(&self, assignment: &[Option<usize>]) -> f64 {
        assignment
            .iter()
            .enumerate()
            .map(|(i, j)| j.map_or(0.0, |j| self.weight(i) * self.costs.cost(i, j)))
            .sum()
    }
}
