//! The gongpei routing engine: one validated problem model, O(1) evaluation by segment
//! concatenation, and a Hybrid Genetic Search solver (granular local search with SWAP*, penalised
//! infeasible search, route-exchange crossover; see [`search`]) that handles CVRP, VRPTW,
//! heterogeneous and multi-depot fleets, simultaneous pickup and delivery, route duration and
//! distance limits and optional clients with prizes in a single code path.
//!
//! Design rules (see `docs/ARCHITECTURE.md`): this crate performs no I/O and knows no file format
//! or Python; every quantity is an `i64` in units chosen by the caller (so benchmark rounding
//! conventions are reproduced exactly and sums never lose precision); the hot loop allocates
//! nothing per move; every solution reported to a caller is evaluated by [`Solution::evaluate`],
//! which lists each broken constraint.
//!
//! ```
//! use gongpei_core::{Client, Depot, Matrix, ProblemData, VehicleType};
//!
//! // One depot and two clients on a line: 0 --10-- 1 --10-- 2.
//! let coords = [0i64, 10, 20];
//! let dist = Matrix::from_fn(3, |i, j| (coords[i] - coords[j]).abs());
//! let data = ProblemData::builder()
//!     .depot(Depot::default())
//!     .client(Client::with_delivery(vec![4]))
//!     .client(Client::with_delivery(vec![5]))
//!     .vehicle_type(VehicleType::with_capacity(2, vec![10]))
//!     .distance_matrix(dist.clone())
//!     .duration_matrix(dist)
//!     .build()
//!     .unwrap();
//! assert_eq!(data.num_clients(), 2);
//! ```

#[cfg(feature = "bench-support")]
#[doc(hidden)]
pub mod bench_support;
pub mod eval;
pub mod model;
pub mod search;
pub mod solution;
pub mod solver;

pub use model::{
    Client, Depot, Incompatibility, Matrix, ModelError, ModelErrorKind, ProblemBuilder,
    ProblemData, VehicleType, UNBOUNDED,
};
pub use solution::{Route, RouteReport, Solution, SolutionReport, Violation, Visit};
pub use solver::{
    engine_threads, set_engine_threads, solve, try_solve, Control, InitialSolution,
    InitialSolutionError, Progress, SolveOutcome, SolveParams, Strategy, WarmStartReport,
};

/// Distances, in the caller's unit (metres, or benchmark units scaled to integers).
pub type Distance = i64;
/// Durations and times, in the caller's unit (seconds, or benchmark units scaled to integers).
pub type Duration = i64;
/// Costs, in the caller's currency unit.
pub type Cost = i64;
/// One dimension of a load (parcels, kilograms, ...).
pub type Load = i64;
