//! The solver's public face: parameters, progress reporting, stopping and the outcome.
//!
//! [`solve`] is deterministic for a fixed `seed` and `threads`; the observer may stop it early.

mod construct;
mod params;

pub use params::{Control, Progress, SolveOutcome, SolveParams};

use crate::ProblemData;
use std::time::Instant;

/// Solves the problem and returns the best solution found, evaluated.
///
/// `observer` is called now and then with the search's progress (from any thread); returning
/// [`Control::Stop`] ends the search soon after.
///
/// ```
/// use gongpei_core::{solve, Client, Control, Depot, Matrix, ProblemData, SolveParams, VehicleType};
/// let xs = [0i64, 3, 5, 9];
/// let d = Matrix::from_fn(4, |i, j| (xs[i] - xs[j]).abs());
/// let data = ProblemData::builder()
///     .depot(Depot::default())
///     .clients((0..3).map(|_| Client::with_delivery(vec![1])))
///     .vehicle_type(VehicleType::with_capacity(3, vec![5]))
///     .distance_matrix(d.clone()).duration_matrix(d)
///     .build().unwrap();
/// let params = SolveParams { max_iterations: Some(200), ..SolveParams::default() };
/// let outcome = solve(&data, &params, &|_| Control::Continue);
/// assert!(outcome.report.is_feasible());
/// assert_eq!(outcome.report.cost, 18);
/// ```
pub fn solve(
    data: &ProblemData,
    params: &SolveParams,
    observer: &(dyn Fn(&Progress) -> Control + Sync),
) -> SolveOutcome {
    let started = Instant::now();
    let solution = construct::greedy_insertion(data);
    let report = solution.evaluate(data);
    let _ = observer(&Progress {
        elapsed: started.elapsed(),
        iterations: 0,
        best_cost: Some(report.cost),
        best_feasible: report.is_feasible(),
    });
    let _ = params;
    SolveOutcome {
        solution,
        report,
        iterations: 0,
        elapsed: started.elapsed(),
    }
}
