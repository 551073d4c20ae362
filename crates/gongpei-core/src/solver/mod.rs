//! The solver's public face: parameters, progress reporting, stopping and the outcome.
//!
//! [`solve`] runs `threads` independent searches ([`crate::search`]) that exchange their best
//! solutions every `EPOCH` (200) iterations per search, so the answer is deterministic for a
//! fixed `seed` and `threads` when the search is stopped by an iteration limit. The searches run
//! on the process's one engine pool ([`engine_threads`]), shared with every other solve.

pub(crate) mod construct;
mod drive;
mod params;
mod pool;
mod stop;

pub use params::{Control, Progress, SolveOutcome, SolveParams, Strategy};
pub use pool::{engine_threads, set_engine_threads};

use crate::search::data::SearchData;
use crate::search::neighbours::granular_neighbours;
use crate::search::strategy::{Kind, Search};
use crate::search::Rng;
use crate::{ProblemData, Solution};
use stop::Stopper;
/// Granular neighbourhood size.
const NEIGHBOURS: usize = 20;
/// Below this many clients, the greedy construction is tried as a fallback when the search found
/// nothing feasible.
const GREEDY_FALLBACK_LIMIT: usize = 100;

/// Solves the problem and returns the best solution found, evaluated.
///
/// `observer` is called now and then with the search's progress (from any thread); returning
/// [`Control::Stop`] ends the search soon after.
///
/// The `threads` searches run on the process's engine pool, at most [`engine_threads`] at once
/// however many solves run side by side; a solve waiting for its turn still stops at its time
/// limit with the best found so far (or none, reported as unserved clients).
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
    let stopper = Stopper::new(params.time_limit, observer);
    let sd = SearchData::new(data);
    let neighbours = granular_neighbours(&sd, NEIGHBOURS);
    let threads = params.threads.max(1);
    let kind = strategy_for(data, params.strategy);
    let seeds: Vec<u64> = (0..threads)
        .map(|i| Rng::fork(params.seed, i as u64).next_u64())
        .collect();
    // Setting up a search costs time of its own (thousands of threads took seconds), so the
    // set-up honours the time limit and a stop too: at least one search, then only while
    // there is time left.
    let mut searches: Vec<Search> = Vec::with_capacity(threads);
    for &s in &seeds {
        if !searches.is_empty() && stopper.should_stop() {
            break;
        }
        searches.push(Search::new(kind, &sd, &neighbours, s));
    }
    let seat = pool::Seat::take(searches.len());
    let (best, iterations) = if data.num_clients() == 0 {
        (None, 0)
    } else if searches.len() == 1 {
        drive::run_sequential(&mut searches[0], params, &stopper, &seat)
    } else {
        drive::run_parallel(&mut searches, params, &stopper, &seat)
    };
    drop(seat);

    let mut solution = best
        .map(|ind| Solution::new(ind.routes))
        .unwrap_or_default();
    let mut report = solution.evaluate(data);
    if !report.is_feasible() && data.num_clients() <= GREEDY_FALLBACK_LIMIT {
        let greedy = construct::greedy_insertion(data);
        let greedy_report = greedy.evaluate(data);
        if greedy_report.is_feasible() {
            solution = greedy;
            report = greedy_report;
        }
    }
    stopper.report_final(iterations, Some(report.cost), report.is_feasible());
    SolveOutcome {
        solution,
        report,
        iterations,
        elapsed: stopper.elapsed(),
    }
}

/// The metaheuristic the parameters ask for on this problem.
fn strategy_for(data: &ProblemData, strategy: Strategy) -> Kind {
    match strategy {
        Strategy::Genetic => Kind::Genetic,
        Strategy::IteratedLocalSearch => Kind::Iterated,
        Strategy::Auto if data.num_clients() > Strategy::AUTO_ITERATED_ABOVE => Kind::Iterated,
        Strategy::Auto => Kind::Genetic,
    }
}
