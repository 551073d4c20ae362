//! Facility location with fixed and per-unit costs: uncapacitated (each demand point goes to its
//! cheapest open site) and capacitated (each demand point is served whole by one open site whose
//! capacity holds all it serves: single sourcing, as a township's parcels go to one centre).
//!
//! Objective: sum of the fixed costs of the open sites + sum_i demand_i * cost(i, site of i).
//! Formulation: y_j binary (open), x_ij the share of demand point i served by j, sum_j x_ij = 1,
//! x_ij <= y_j (the strong linking rows), and with capacities x_ij binary and
//! sum_i demand_i x_ij <= capacity_j y_j.

use std::time::Instant;

use highs::{RowProblem, Sense};

use crate::costs::{check_len, check_numbers, CostMatrix};
use crate::error::LocateError;
use crate::mip::{self, is_one, SolveOptions};
use crate::solution::{chosen, nearest_open, Solution};

/// A facility location instance.
///
/// ```
/// use gongpei_locate::{CostMatrix, FacilityLocation, SolveOptions};
/// // Opening the second site (fixed 5) saves 2 * 10 in transport: open both.
/// let costs = CostMatrix::new(vec![vec![0.0, 10.0], vec![10.0, 0.0]]).unwrap();
/// let s = FacilityLocation::new(&costs, vec![1.0, 2.0], vec![5.0, 5.0])
///     .solve(&SolveOptions::default())
///     .unwrap();
/// assert_eq!(s.open, vec![0, 1]);
/// assert_eq!(s.objective, 10.0);
/// ```
#[derive(Debug, Clone)]
pub struct FacilityLocation<'a> {
    costs: &'a CostMatrix,
    demand: Vec<f64>,
    fixed: Vec<f64>,
    capacity: Option<Vec<f64>>,
}

impl<'a> FacilityLocation<'a> {
    /// Uncapacitated: `costs` per unit of demand, `demand` per demand point, `fixed` cost per
    /// candidate.
    pub fn new(costs: &'a CostMatrix, demand: Vec<f64>, fixed: Vec<f64>) -> Self {
        Self {
            costs,
            demand,
            fixed,
            capacity: None,
        }
    }

    /// Capacitated, single sourcing: `capacity` per candidate, in the units of `demand`.
    pub fn with_capacities(mut self, capacity: Vec<f64>) -> Self {
        self.capacity = Some(capacity);
        self
    }

    fn validate(&self) -> Result<(), LocateError> {
        let costs = self.costs;
        check_len("demand", self.demand.len(), costs.demands())?;
        check_len("fixed_costs", self.fixed.len(), costs.candidates())?;
        check_numbers("demand", &self.demand, |i| {
            format!("demand point {}", costs.demand_label(i))
        })?;
        check_numbers("fixed cost", &self.fixed, |j| {
            format!("candidate {}", costs.candidate_label(j))
        })?;
        if let Some(capacity) = &self.capacity {
            check_len("capacities", capacity.len(), costs.candidates())?;
            check_numbers("capacity", capacity, |j| {
                format!("candidate {}", costs.candidate_label(j))
            })?;
            let total: f64 = capacity.iter().sum();
            let needed: f64 = self.demand.iter().sum();
            if total < needed {
                return Err(LocateError::CapacityTooSmall {
                    capacity: total,
                    demand: needed,
                });
            }
            let largest = capacity.iter().copied().fold(0.0, f64::max);
            if let Some(i) = self.demand.iter().position(|&d| d > largest) {
                return Err(LocateError::DemandExceedsCapacity {
                    demand: costs.demand_label(i),
                    amount: self.demand[i],
                    largest,
                });
            }
        }
        Ok(())
    }

    /// Solves the instance to optimality (or until the time limit).
    pub fn solve(&self, options: &SolveOptions) -> Result<Solution, LocateError> {
        self.validate()?;
        let started = Instant::now();
        let costs = self.costs;
        let (n, m) = (costs.demands(), costs.candidates());
        let capacitated = self.capacity.is_some();
        let mut pb = RowProblem::default();
        let y: Vec<_> = (0..m)
            .map(|j| pb.add_integer_column(self.fixed[j], 0..=1))
            .collect();
        let mut x = Vec::with_capacity(n * m);
        for i in 0..n {
            for j in 0..m {
                let unit = self.demand[i] * costs.cost(i, j);
                x.push(if capacitated {
                    pb.add_integer_column(unit, 0..=1)
                } else {
                    pb.add_column(unit, 0.0..=1.0)
                });
            }
        }
        for i in 0..n {
            pb.add_row(1.0..=1.0, (0..m).map(|j| (x[i * m + j], 1.0)));
            for j in 0..m {
                pb.add_row(..=0.0, [(x[i * m + j], 1.0), (y[j], -1.0)]);
            }
        }
        if let Some(capacity) = &self.capacity {
            for j in 0..m {
                let load = (0..n).map(|i| (x[i * m + j], self.demand[i]));
                pb.add_row(..=0.0, load.chain(std::iter::once((y[j], -capacity[j]))));
            }
        }
        let outcome = mip::solve(pb, Sense::Minimise, options, started)?;
        let open = chosen(&outcome.columns[..m]);
        let assignment = if capacitated {
            let xs = &outcome.columns[m..];
            (0..n)
                .map(|i| (0..m).find(|&j| is_one(xs[i * m + j])))
                .collect()
        } else {
            nearest_open(costs, &open)
        };
        let objective = self.objective_of(&open, &assignment);
        Ok(Solution {
            open,
            assignment,
            objective,
            status: outcome.status,
            elapsed: outcome.elapsed,
        })
    }

    /// Fixed costs of `open` plus the transport of every assigned demand point.
    pub fn objective_of(&self, open: &[usize], assignment: &[Option<usize>]) -> f64 {
        let fixed: f64 = open.iter().map(|&j| self.fixed[j]).sum();
        let transport: f64 = assignment
            .iter()
            .enumerate()
            .map(|(i, j)| j.map_or(0.0, |j| self.demand[i] * self.costs.cost(i, j)))
            .sum();
        fixed + transport
    }
}
