//! The p-median problem: open exactly p candidates minimising the weighted sum of each demand
//! point's cost to its nearest open candidate.
//!
//! Solved with the "sorted distances" formulation (Elloumi 2010, after Cornuéjols, Nemhauser and
//! Wolsey 1980): for demand point i with distinct costs D_i^1 < ... < D_i^K, a variable z_ik in
//! [0, 1] says "no open site within D_i^k", and the objective is
//! sum_i w_i (D_i^1 + sum_k (D_i^{k+1} - D_i^k) z_ik) (the constant sum_i w_i D_i^1 is left out:
//! the objective is recomputed from the choice). Elloumi's rows
//! `z_ik + sum_{j: d_ij <= D_i^k} y_j >= 1` repeat every nearer site in every level; they are
//! written here as the equivalent chain
//! z_i1 + sum_{level 1} y_j >= 1, z_ik - z_i(k-1) + sum_{level k} y_j >= 0 (the least z meeting the
//! chain is max(0, 1 - sum of the nearer y), the same value), so each site appears once per demand
//! point and the matrix stays as sparse as the classical formulation's while having one variable
//! per distinct cost level, not per pair. Levels that at least n - p + 1 candidates reach are
//! dropped (with at most n - p sites closed, one of them is open).

use std::time::Instant;

use highs::{RowProblem, Sense};

use crate::costs::{check_len, check_numbers, CostMatrix};
use crate::error::LocateError;
use crate::mip::{self, SolveOptions};
use crate::solution::{chosen, nearest_open, Solution};

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

    /// Solves the instance to optimality (or until the time limit).
    pub fn solve(&self, options: &SolveOptions) -> Result<Solution, LocateError> {
        self.validate()?;
        let started = Instant::now();
        let costs = self.costs;
        let m = costs.candidates();
        let mut pb = RowProblem::default();
        let y: Vec<_> = (0..m).map(|_| pb.add_integer_column(0.0, 0..=1)).collect();
        pb.add_row(self.p as f64..=self.p as f64, y.iter().map(|&c| (c, 1.0)));
        let mut order: Vec<usize> = (0..m).collect();
        for i in 0..costs.demands() {
            let row = costs.row(i);
            let w = self.weight(i);
            order.sort_by(|&a, &b| row[a].total_cmp(&row[b]));
            // Walk the candidates by cost, one level per distinct cost; `previous` is the z of the
            // level before (none before the first: "no open site within D^0" is the constant 1).
            let mut previous = None;
            let mut reached = 0;
            while reached < m {
                let level = row[order[reached]];
                let first = reached;
                while reached < m && row[order[reached]] == level {
                    reached += 1;
                }
                if reached > m - self.p {
                    break; // at most m - p sites are closed: one of these is open
                }
                let step = row[order[reached]] - level;
                let z = pb.add_column(w * step, 0.0..=1.0);
                let opened = order[first..reached].iter().map(|&j| (y[j], 1.0));
                let terms = opened.chain(std::iter::once((z, 1.0)));
                match previous {
                    None => pb.add_row(1.0.., terms),
                    Some(before) => pb.add_row(0.0.., terms.chain(std::iter::once((before, -1.0)))),
                }
                previous = Some(z);
            }
        }
        let outcome = mip::solve(pb, Sense::Minimise, options, started)?;
        let open = chosen(&outcome.columns[..m]);
        let assignment = nearest_open(costs, &open);
        let objective = self.objective_of(&assignment);
        Ok(Solution {
            open,
            assignment,
            objective,
            status: outcome.status,
            elapsed: outcome.elapsed,
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
