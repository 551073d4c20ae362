//! The solver's public face: parameters, progress reporting, stopping and the outcome.
//!
//! [`solve`] runs `threads` independent Hybrid Genetic Searches ([`crate::search`]) that exchange
//! their best solutions every `EPOCH` (200) iterations per thread, so the answer is deterministic for a fixed
//! `seed` and `threads` when the search is stopped by an iteration limit.

pub(crate) mod construct;
mod params;
mod stop;

pub use params::{Control, Progress, SolveOutcome, SolveParams, Strategy};

use crate::search::data::SearchData;
use crate::search::individual::Individual;
use crate::search::neighbours::granular_neighbours;
use crate::search::strategy::{Kind, Search};
use crate::search::Rng;
use crate::{ProblemData, Solution};
use rayon::prelude::*;
use stop::Stopper;

/// Iterations each thread runs between two exchanges of best solutions.
const EPOCH: u64 = 200;
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
    let threads = searches.len();
    let (best, iterations) = if data.num_clients() == 0 {
        (None, 0)
    } else if threads == 1 {
        run_sequential(&mut searches[0], params, &stopper)
    } else {
        run_parallel(&mut searches, params, &stopper, threads)
    };

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

/// The better of two candidates: feasible first, then lower objective.
fn better(candidate: &Individual, incumbent: Option<&Individual>) -> bool {
    match incumbent {
        None => true,
        Some(b) => match (candidate.is_feasible(), b.is_feasible()) {
            (true, false) => true,
            (false, true) => false,
            _ => candidate.objective < b.objective,
        },
    }
}

fn run_sequential(
    hgs: &mut Search,
    params: &SolveParams,
    stopper: &Stopper,
) -> (Option<Individual>, u64) {
    let stop = || stopper.should_stop();
    let report = |best: Option<&Individual>| {
        stopper.record(
            0,
            best.map(|b| b.objective),
            best.is_some_and(|b| b.is_feasible()),
        );
    };
    hgs.initialise_reporting(&stop, &report);
    let mut best_objective = hgs.best_feasible().map(|b| b.objective);
    let mut since_improvement = 0u64;
    loop {
        if stop()
            || params.max_iterations.is_some_and(|m| hgs.iterations() >= m)
            || params
                .max_no_improvement
                .is_some_and(|m| since_improvement >= m)
        {
            break;
        }
        hgs.iterate(&stop);
        since_improvement += 1;
        let now = hgs.best_feasible().map(|b| b.objective);
        if now.is_some() && (best_objective.is_none() || now < best_objective) {
            best_objective = now;
            since_improvement = 0;
        }
        let best = hgs.best();
        stopper.record(
            hgs.iterations(),
            best.map(|b| b.objective),
            best.is_some_and(|b| b.is_feasible()),
        );
    }
    (hgs.best().cloned(), hgs.iterations())
}

fn run_parallel(
    searches: &mut [Search],
    params: &SolveParams,
    stopper: &Stopper,
    threads: usize,
) -> (Option<Individual>, u64) {
    let stop = || stopper.should_stop();
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        // Without a dedicated pool the searches still run, one after another per epoch.
        Err(_) => rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a one-thread pool can always be built"),
    };
    // During set-up each thread reports its own best; the display may alternate between them.
    let report = |best: Option<&Individual>| {
        stopper.record(
            0,
            best.map(|b| b.objective),
            best.is_some_and(|b| b.is_feasible()),
        );
    };
    pool.install(|| {
        searches
            .par_iter_mut()
            .for_each(|h| h.initialise_reporting(&stop, &report))
    });
    let mut total = 0u64;
    let mut since_improvement = 0u64;
    let mut best: Option<Individual> = None;
    loop {
        let mut quota = EPOCH;
        if let Some(m) = params.max_iterations {
            let left = m.saturating_sub(total);
            quota = quota.min(left.div_ceil(threads as u64));
        }
        if stop()
            || quota == 0
            || params
                .max_no_improvement
                .is_some_and(|m| since_improvement >= m)
        {
            break;
        }
        let before: u64 = searches.iter().map(|h| h.iterations()).sum();
        pool.install(|| {
            searches.par_iter_mut().for_each(|h| {
                for _ in 0..quota {
                    if stop() {
                        break;
                    }
                    h.iterate(&stop);
                }
            })
        });
        let after: u64 = searches.iter().map(|h| h.iterations()).sum();
        total += after - before;
        let mut improved = false;
        let mut leader = None;
        for (i, h) in searches.iter().enumerate() {
            if let Some(b) = h.best() {
                if better(b, best.as_ref()) {
                    best = Some(b.clone());
                    leader = Some(i);
                    improved = true;
                }
            }
        }
        since_improvement = if improved {
            0
        } else {
            since_improvement + after - before
        };
        if let (Some(i), Some(b)) = (leader, best.as_ref()) {
            for (j, h) in searches.iter_mut().enumerate() {
                if j != i && b.is_feasible() {
                    h.inject(b);
                }
            }
        }
        stopper.record(
            total,
            best.as_ref().map(|b| b.objective),
            best.as_ref().is_some_and(|b| b.is_feasible()),
        );
    }
    for h in searches.iter() {
        if let Some(b) = h.best() {
            if better(b, best.as_ref()) {
                best = Some(b.clone());
            }
        }
    }
    (best, total)
}
