//! The two drivers of a solve's searches on the engine pool ([`super::pool`]): one search
//! iterating alone, or several searches running epochs of [`EPOCH`] iterations each and
//! exchanging their best in between. Both work in rounds that may end at any iteration (a
//! [`Slice`](super::pool::Slice) of a shared pool) and pick up exactly where they stopped, so
//! rounds change when the work runs, never what it computes.

use super::pool::Seat;
use super::stop::Stopper;
use super::SolveParams;
use crate::search::individual::Individual;
use crate::search::strategy::Search;

/// Iterations each search runs between two exchanges of best solutions.
pub(crate) const EPOCH: u64 = 200;

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

/// Records a search's best during set-up (each search reports its own; the display may
/// alternate between them).
fn report_setup(stopper: &Stopper, best: Option<&Individual>) {
    stopper.record(
        0,
        best.map(|b| b.objective),
        best.is_some_and(|b| b.is_feasible()),
    );
}

/// Sets up every search in rounds on the pool, each search in its own task. Once stopped, only
/// the first search still builds its one guaranteed solution: a thousand searches each
/// building one would take seconds past the time limit.
fn set_up(searches: &mut [Search], stopper: &Stopper, seat: &Seat) {
    let stop = || stopper.should_stop();
    let report = |best: Option<&Individual>| report_setup(stopper, best);
    let mut ready = vec![false; searches.len()];
    while ready.iter().any(|r| !r) {
        rayon::scope(|scope| {
            for (k, (search, ready)) in searches.iter_mut().zip(ready.iter_mut()).enumerate() {
                if *ready {
                    continue;
                }
                let (stop, report) = (&stop, &report);
                scope.spawn(move |_| {
                    if k > 0 && search.best().is_none() && stop() {
                        *ready = true;
                        return;
                    }
                    let slice = seat.slice();
                    *ready = search.initialise_reporting(stop, report, &|| slice.over());
                });
            }
        });
    }
}

/// One search alone: iterates until a limit, the time limit or a stop.
pub(crate) fn run_sequential(
    search: &mut Search,
    params: &SolveParams,
    stopper: &Stopper,
    seat: &Seat,
) -> (Option<Individual>, u64) {
    let stop = || stopper.should_stop();
    set_up(std::slice::from_mut(search), stopper, seat);
    let mut best_objective = search.best_feasible().map(|b| b.objective);
    let mut since_improvement = 0u64;
    let mut finished = false;
    while !finished {
        finished = rayon::scope(|_| {
            let slice = seat.slice();
            loop {
                if stop()
                    || params
                        .max_iterations
                        .is_some_and(|m| search.iterations() >= m)
                    || params
                        .max_no_improvement
                        .is_some_and(|m| since_improvement >= m)
                {
                    return true;
                }
                search.iterate(&stop);
                since_improvement += 1;
                let now = search.best_feasible().map(|b| b.objective);
                if now.is_some() && (best_objective.is_none() || now < best_objective) {
                    best_objective = now;
                    since_improvement = 0;
                }
                let best = search.best();
                stopper.record(
                    search.iterations(),
                    best.map(|b| b.objective),
                    best.is_some_and(|b| b.is_feasible()),
                );
                if slice.over() {
                    return false;
                }
            }
        });
    }
    (search.best().cloned(), search.iterations())
}

/// Runs one epoch: every search `quota` iterations (fewer only when stopped), in as many
/// rounds as the pool's slices need.
fn run_epoch(searches: &mut [Search], quota: u64, stopper: &Stopper, seat: &Seat) {
    let stop = || stopper.should_stop();
    let mut left = vec![quota; searches.len()];
    while !stop() && left.iter().any(|&l| l > 0) {
        rayon::scope(|scope| {
            for (search, left) in searches.iter_mut().zip(left.iter_mut()) {
                if *left == 0 {
                    continue;
                }
                let stop = &stop;
                scope.spawn(move |_| {
                    let slice = seat.slice();
                    while *left > 0 && !stop() {
                        search.iterate(stop);
                        *left -= 1;
                        if slice.over() {
                            break;
                        }
                    }
                });
            }
        });
    }
}

/// Several searches: epochs of [`EPOCH`] iterations each, then the best is shared.
pub(crate) fn run_parallel(
    searches: &mut [Search],
    params: &SolveParams,
    stopper: &Stopper,
    seat: &Seat,
) -> (Option<Individual>, u64) {
    let stop = || stopper.should_stop();
    let threads = searches.len() as u64;
    set_up(searches, stopper, seat);
    let mut total = 0u64;
    let mut since_improvement = 0u64;
    let mut best: Option<Individual> = None;
    loop {
        let mut quota = EPOCH;
        if let Some(m) = params.max_iterations {
            let left = m.saturating_sub(total);
            quota = quota.min(left.div_ceil(threads));
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
        run_epoch(searches, quota, stopper, seat);
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
