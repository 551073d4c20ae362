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
mod warm;

pub use params::{Control, Progress, SolveOutcome, SolveParams, Strategy};
pub use pool::{engine_threads, set_engine_threads};
pub use warm::{InitialSolution, InitialSolutionError, WarmStartReport};

use crate::search::data::SearchData;
use crate::search::neighbours::granular_neighbours;
use crate::search::strategy::{Kind, Search, Start};
use crate::search::Rng;
use crate::{ProblemData, Route, Solution};
use stop::Stopper;
use warm::{pins_hold, Reduced};
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
/// With an initial solution in `params`, call [`try_solve`], which reports an initial solution
/// that does not fit the problem as an error; `solve` then solves without it (cold) and says so
/// in [`SolveOutcome::warm_start`] (`None`) and [`SolveOutcome::initial_rejected`].
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
    match try_solve(data, params, observer) {
        Ok(outcome) => outcome,
        Err(error) => {
            let cold = SolveParams {
                initial: None,
                ..params.clone()
            };
            let mut outcome = search(data, &cold, None, &[], observer);
            outcome.initial_rejected = Some(error);
            outcome
        }
    }
}

/// As [`solve`], starting from `params.initial` when given: the initial solution is checked
/// ([`InitialSolution::check`]), its fixed routes are kept as given (their vehicles used up, the
/// search planning the rest; they open the answer), its free routes seed every search, and its
/// pinned clients stay in their route (together, order free). The answer is never worse than a
/// feasible initial solution, whatever the limits.
///
/// ```
/// use gongpei_core::{try_solve, Client, Control, Depot, InitialSolution, Matrix, ProblemData, Route,
///     SolveParams, VehicleType};
/// let xs = [0i64, 3, 5, 9];
/// let d = Matrix::from_fn(4, |i, j| (xs[i] - xs[j]).abs());
/// let data = ProblemData::builder()
///     .depot(Depot::default())
///     .clients((0..3).map(|_| Client::with_delivery(vec![1])))
///     .vehicle_type(VehicleType::with_capacity(3, vec![5]))
///     .distance_matrix(d.clone()).duration_matrix(d)
///     .build().unwrap();
/// let yesterday = vec![Route { vehicle_type: 0, visits: vec![0] }, Route { vehicle_type: 0, visits: vec![2, 1] }];
/// let initial = InitialSolution { routes: yesterday.clone(), fixed_routes: vec![0], ..InitialSolution::default() };
/// let params = SolveParams { max_iterations: Some(50), initial: Some(initial), ..SolveParams::default() };
/// let outcome = try_solve(&data, &params, &|_| Control::Continue).unwrap();
/// assert_eq!(outcome.solution.routes[0], yesterday[0]);
/// assert_eq!(outcome.report.cost, 6 + 18);
/// let twice = InitialSolution { routes: vec![Route { vehicle_type: 0, visits: vec![1, 1] }], ..InitialSolution::default() };
/// let bad = SolveParams { initial: Some(twice), ..params };
/// let err = try_solve(&data, &bad, &|_| Control::Continue).unwrap_err();
/// assert_eq!(err.to_string(), "route 0, position 1: client 1 is already visited by route 0, position 0");
/// ```
pub fn try_solve(
    data: &ProblemData,
    params: &SolveParams,
    observer: &(dyn Fn(&Progress) -> Control + Sync),
) -> Result<SolveOutcome, InitialSolutionError> {
    let Some(initial) = &params.initial else {
        return Ok(search(data, params, None, &[], observer));
    };
    initial.check(data)?;
    let given = Solution::new(initial.routes.clone());
    let given_report = given.evaluate(data);
    let warm_start = Some(WarmStartReport {
        initial_cost: given_report.cost,
        initial_feasible: given_report.is_feasible(),
        fixed_routes: initial.fixed_routes.clone(),
    });
    let complete = initial.visits_every_required(data);
    let pins = initial.pin_groups();
    let mut outcome = if initial.fixed_routes.is_empty() {
        search(
            data,
            params,
            Some((&initial.routes, complete)),
            &pins,
            observer,
        )
    } else {
        let reduced = Reduced::new(data, initial)?;
        let fixed = Solution::new(reduced.fixed.clone()).evaluate(data);
        // Alone, the fixed routes miss every other client; nothing else may be broken.
        let fixed_cost = fixed.cost - fixed.uncollected_prizes;
        let fixed_feasible = fixed
            .violations
            .iter()
            .all(|v| matches!(v, crate::Violation::MissingClient { .. }));
        // Progress counts the fixed routes too, so the observer sees the whole solution's cost.
        let whole = |p: &Progress| {
            observer(&Progress {
                best_cost: p.best_cost.map(|c| c + fixed_cost),
                best_feasible: p.best_feasible && fixed_feasible,
                ..*p
            })
        };
        let (rest, iterations, elapsed) = match &reduced.data {
            Some(rest) => {
                let o = search(
                    rest,
                    params,
                    Some((&reduced.start, complete)),
                    &reduced.pins,
                    &whole,
                );
                (o.solution, o.iterations, o.elapsed)
            }
            None => (Solution::default(), 0, std::time::Duration::ZERO),
        };
        let solution = reduced.merge(&rest);
        let report = solution.evaluate(data);
        SolveOutcome {
            solution,
            report,
            iterations,
            elapsed,
            warm_start: None,
            initial_rejected: None,
        }
    };
    // The search keeps the pins by construction (every move, the crossover and the
    // ruin-and-recreate respect them); the start, which keeps them too, answers should the
    // check ever fail.
    let pins_broken = !pins_hold(&pins, &outcome.solution);
    let given_better = pins_broken
        || given_report.is_feasible()
            && (!outcome.report.is_feasible() || given_report.cost < outcome.report.cost);
    if given_better {
        outcome.solution = given;
        outcome.report = given_report;
    }
    outcome.warm_start = warm_start;
    Ok(outcome)
}

/// The search proper on `data`, every search seeded with `start` (routes, and whether they
/// visit every required client) when given, keeping the pin groups `pins`.
fn search(
    data: &ProblemData,
    params: &SolveParams,
    start: Option<(&[Route], bool)>,
    pins: &[Vec<usize>],
    observer: &(dyn Fn(&Progress) -> Control + Sync),
) -> SolveOutcome {
    let stopper = Stopper::new(params.time_limit, observer);
    let mut sd = SearchData::new(data);
    sd.set_pins(pins);
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
        // A start with a client on a barred vehicle loses it on loading: not whole as given.
        let start = start.map(|(routes, complete)| Start {
            routes: routes.to_vec(),
            complete: complete && (!sd.has_restrictions || sd.covers_required(routes)),
        });
        searches.push(Search::new(kind, &sd, &neighbours, s, start));
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
    if !report.is_feasible() && data.num_clients() <= GREEDY_FALLBACK_LIMIT && pins.is_empty() {
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
        warm_start: None,
        initial_rejected: None,
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
