//! The errors of the location models: bad input named by the demand point, candidate or field at
//! fault, and solver outcomes that leave no usable choice.

use thiserror::Error;

/// Why a location model could not be solved.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum LocateError {
    /// The cost matrix has no candidate column.
    #[error("no candidate site: the model needs at least one candidate")]
    NoCandidate,
    /// The cost matrix has no demand row.
    #[error("no demand point: the model needs at least one demand point")]
    NoDemand,
    /// A row of the cost matrix does not have one entry per candidate.
    #[error("cost matrix row of demand point {demand} has {found} entries, expected {expected} (one per candidate)")]
    RaggedCosts {
        /// Label of the demand point whose row is short or long.
        demand: String,
        /// Entries found in that row.
        found: usize,
        /// Number of candidates.
        expected: usize,
    },
    /// A per-item vector (weights, fixed costs, capacities, labels) has the wrong length.
    #[error("{field} has {found} entries, expected {expected}")]
    WrongLength {
        /// The field at fault, e.g. `fixed_costs`.
        field: &'static str,
        /// Entries found.
        found: usize,
        /// Entries expected.
        expected: usize,
    },
    /// A cost, weight or capacity is negative, NaN or infinite.
    #[error("{field} of {item} is {value}: it must be a finite number >= 0")]
    BadNumber {
        /// The field at fault, e.g. `cost` or `weight`.
        field: &'static str,
        /// What the number belongs to, e.g. `demand point 3 -> candidate 7`.
        item: String,
        /// The offending value.
        value: f64,
    },
    /// More facilities asked for than there are candidates (or none at all).
    #[error("p = {p} facilities asked for, but there are {candidates} candidates (p must be between 1 and the number of candidates)")]
    BadFacilityCount {
        /// Facilities asked for.
        p: usize,
        /// Candidates available.
        candidates: usize,
    },
    /// A demand point that no candidate covers within the radius (set covering cannot be met).
    #[error("demand point {demand} is not covered by any candidate within radius {radius} (nearest candidate: {nearest})")]
    Uncoverable {
        /// Label of the uncovered demand point.
        demand: String,
        /// The coverage radius.
        radius: f64,
        /// Cost to its nearest candidate.
        nearest: f64,
    },
    /// The candidates' total capacity cannot hold the total demand.
    #[error("capacities too small: total capacity {capacity} < total demand {demand}")]
    CapacityTooSmall {
        /// Sum of all candidate capacities.
        capacity: f64,
        /// Sum of all demands.
        demand: f64,
    },
    /// A demand point whose demand exceeds every candidate's capacity (each point is served by one site).
    #[error("demand point {demand} needs {amount}, more than the largest capacity {largest} of any candidate (each demand point is served by one site)")]
    DemandExceedsCapacity {
        /// Label of the demand point.
        demand: String,
        /// Its demand.
        amount: f64,
        /// The largest capacity.
        largest: f64,
    },
    /// HiGHS proved the model infeasible (e.g. capacities cannot be packed).
    #[error("the model is infeasible: {0}")]
    Infeasible(String),
    /// The solver stopped (time limit or another limit) without any feasible choice.
    #[error("HiGHS stopped ({status}) after {seconds:.1} s without a feasible solution")]
    NoSolution {
        /// HiGHS's model status.
        status: String,
        /// Time spent.
        seconds: f64,
    },
    /// HiGHS reported an error.
    #[error("HiGHS failed: {0}")]
    Solver(String),
}
