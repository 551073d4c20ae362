//! Covering models: a demand point is covered by a site whose cost to it is at most the radius.
//! Set covering opens the cheapest set of sites covering every demand point (Toregas et al. 1971);
//! maximal covering opens at most K sites covering the most demand weight (Church and ReVelle 1974).

use std::time::Instant;

use highs::{RowProblem, Sense};

use crate::costs::{check_len, check_numbers, CostMatrix};
use crate::error::LocateError;
use crate::mip::{self, SolveOptions};
use crate::solution::{chosen, Solution};

/// The candidates covering demand point `i` within `radius`.
fn covering_sites(costs: &CostMatrix, i: usize, radius: f64) -> Vec<usize> {
    (0..costs.candidates())
        .filter(|&j| costs.cost(i, j) <= radius)
        .collect()
}

/// For each demand point, its cheapest open site within `radius`, if any.
fn covered_by(costs: &CostMatrix, open: &[usize], radius: f64) -> Vec<Option<usize>> {
    (0..costs.demands())
        .map(|i| {
            open.iter()
                .copied()
                .filter(|&j| costs.cost(i, j) <= radius)
                .min_by(|&a, &b| costs.cost(i, a).total_cmp(&costs.cost(i, b)))
        })
        .collect()
}

fn check_radius(radius: f64) -> Result<(), LocateError> {
    if radius.is_finite() && radius >= 0.0 {
        Ok(())
    } else {
        Err(LocateError::BadNumber {
            field: "radius",
            item: "the covering model".into(),
            value: radius,
        })
    }
}

/// Set covering: every demand point within `radius` of an open site, at the least total site cost.
///
/// ```
/// use gongpei_locate::{CostMatrix, SetCovering, SolveOptions};
/// let xs = [0.0, 1.0, 2.0, 10.0];
/// let costs = CostMatrix::new(xs.iter().map(|&a| xs.iter().map(|&b| f64::abs(a - b)).collect()).collect()).unwrap();
/// let s = SetCovering::new(&costs, 1.0).solve(&SolveOptions::default()).unwrap();
/// assert_eq!(s.open, vec![1, 3]);
/// assert_eq!(s.objective, 2.0);
/// ```
#[derive(Debug, Clone)]
pub struct SetCovering<'a> {
    costs: &'a CostMatrix,
    radius: f64,
    site_costs: Option<Vec<f64>>,
}

impl<'a> SetCovering<'a> {
    /// Every site costs 1: the fewest sites.
    pub fn new(costs: &'a CostMatrix, radius: f64) -> Self {
        Self {
            costs,
            radius,
            site_costs: None,
        }
    }

    /// A cost per candidate site (e.g. build cost, lower where an existing shop is upgraded).
    pub fn with_site_costs(mut self, site_costs: Vec<f64>) -> Self {
        self.site_costs = Some(site_costs);
        self
    }

    fn site_cost(&self, j: usize) -> f64 {
        self.site_costs.as_ref().map_or(1.0, |c| c[j])
    }

    /// Solves the instance to optimality (or until the time limit).
    pub fn solve(&self, options: &SolveOptions) -> Result<Solution, LocateError> {
        let costs = self.costs;
        check_radius(self.radius)?;
        if let Some(c) = &self.site_costs {
            check_len("site_costs", c.len(), costs.candidates())?;
            check_numbers("site cost", c, |j| {
                format!("candidate {}", costs.candidate_label(j))
            })?;
        }
        let cover: Vec<Vec<usize>> = (0..costs.demands())
            .map(|i| covering_sites(costs, i, self.radius))
            .collect();
        if let Some(i) = cover.iter().position(Vec::is_empty) {
            return Err(LocateError::Uncoverable {
                demand: costs.demand_label(i),
                radius: self.radius,
                nearest: costs.row(i).iter().copied().fold(f64::INFINITY, f64::min),
            });
        }
        let started = Instant::now();
        let mut pb = RowProblem::default();
        let y: Vec<_> = (0..costs.candidates())
            .map(|j| pb.add_integer_column(self.site_cost(j), 0..=1))
            .collect();
        for sites in &cover {
            pb.add_row(1.0.., sites.iter().map(|&j| (y[j], 1.0)));
        }
        let outcome = mip::solve(pb, Sense::Minimise, options, started)?;
        let open = chosen(&outcome.columns);
        let assignment = covered_by(costs, &open, self.radius);
        let objective = open.iter().map(|&j| self.site_cost(j)).sum();
        Ok(Solution {
            open,
            assignment,
            objective,
            status: outcome.status,
            elapsed: outcome.elapsed,
        })
    }
}

/// Maximal covering: at most `k` sites, maximising the weight of demand points within `radius` of
/// an open site. The objective is the covered weight.
///
/// ```
/// use gongpei_locate::{CostMatrix, MaximalCovering, SolveOptions};
/// let xs = [0.0, 1.0, 2.0, 10.0];
/// let costs = CostMatrix::new(xs.iter().map(|&a| xs.iter().map(|&b| f64::abs(a - b)).collect()).collect()).unwrap();
/// let s = MaximalCovering::new(&costs, 1.0, 1).with_weights(vec![1.0, 1.0, 1.0, 5.0])
///     .solve(&SolveOptions::default())
///     .unwrap();
/// assert_eq!((s.open.clone(), s.objective), (vec![3], 5.0));
/// ```
#[derive(Debug, Clone)]
pub struct MaximalCovering<'a> {
    costs: &'a CostMatrix,
    radius: f64,
    k: usize,
    weights: Option<Vec<f64>>,
}

impl<'a> MaximalCovering<'a> {
    /// Every demand point weighs 1.
    pub fn new(costs: &'a CostMatrix, radius: f64, k: usize) -> Self {
        Self {
            costs,
            radius,
            k,
            weights: None,
        }
    }

    /// Weights the demand points (e.g. parcels per day).
    pub fn with_weights(mut self, weights: Vec<f64>) -> Self {
        self.weights = Some(weights);
        self
    }

    fn weight(&self, i: usize) -> f64 {
        self.weights.as_ref().map_or(1.0, |w| w[i])
    }

    /// Solves the instance to optimality (or until the time limit).
    pub fn solve(&self, options: &SolveOptions) -> Result<Solution, LocateError> {
        let costs = self.costs;
        check_radius(self.radius)?;
        let m = costs.candidates();
        if self.k == 0 || self.k > m {
            return Err(LocateError::BadFacilityCount {
                p: self.k,
                candidates: m,
            });
        }
        if let Some(w) = &self.weights {
            check_len("weights", w.len(), costs.demands())?;
            check_numbers("weight", w, |i| {
                format!("demand point {}", costs.demand_label(i))
            })?;
        }
        let started = Instant::now();
        let mut pb = RowProblem::default();
        let y: Vec<_> = (0..m).map(|_| pb.add_integer_column(0.0, 0..=1)).collect();
        pb.add_row(..=self.k as f64, y.iter().map(|&c| (c, 1.0)));
        for i in 0..costs.demands() {
            let sites = covering_sites(costs, i, self.radius);
            if sites.is_empty() || self.weight(i) == 0.0 {
                continue; // contributes nothing whatever is chosen
            }
            // u_i <= sum of covering sites; maximising pushes u_i to 1 exactly when covered.
            let u = pb.add_column(self.weight(i), 0.0..=1.0);
            let row = sites.iter().map(|&j| (y[j], -1.0));
            pb.add_row(..=0.0, row.chain(std::iter::once((u, 1.0))));
        }
        let outcome = mip::solve(pb, Sense::Maximise, options, started)?;
        let open = chosen(&outcome.columns[..m]);
        let assignment = covered_by(costs, &open, self.radius);
        let objective = assignment
            .iter()
            .enumerate()
            .filter(|(_, j)| j.is_some())
            .map(|(i, _)| self.weight(i))
            .sum();
        Ok(Solution {
            open,
            assignment,
            objective,
            status: outcome.status,
            elapsed: outcome.elapsed,
        })
    }
}
