//! Solver parameters, progress snapshots, the stop signal and the outcome.

use super::warm::{InitialSolution, InitialSolutionError, WarmStartReport};
use crate::{Cost, Solution, SolutionReport};
use std::time::Duration as WallTime;

/// How long and how to search. The answer is fixed by `seed` and `threads` (and, when a time limit
/// stops the search, by how far it got in that time).
///
/// ```
/// use gongpei_core::SolveParams;
/// let p = SolveParams { seed: 7, time_limit: Some(std::time::Duration::from_secs(5)), ..SolveParams::default() };
/// assert_eq!(p.threads, 1);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SolveParams {
    /// Seed of every random choice.
    pub seed: u64,
    /// Number of worker threads (1 = sequential).
    pub threads: usize,
    /// Wall-clock limit.
    pub time_limit: Option<WallTime>,
    /// Limit on search iterations (summed over threads).
    pub max_iterations: Option<u64>,
    /// Stop after this many iterations without improving the best solution.
    pub max_no_improvement: Option<u64>,
    /// Which metaheuristic runs.
    pub strategy: Strategy,
    /// A solution to start from, some of its routes possibly fixed (see [`InitialSolution`]
    /// and [`crate::try_solve`]). Same seed, threads and initial solution give the same answer.
    pub initial: Option<InitialSolution>,
}

/// The metaheuristic of a solve.
///
/// ```
/// use gongpei_core::{SolveParams, Strategy};
/// let p = SolveParams { strategy: Strategy::IteratedLocalSearch, ..SolveParams::default() };
/// assert_eq!(SolveParams::default().strategy, Strategy::Auto);
/// # let _ = p;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// The genetic search up to [`Strategy::AUTO_ITERATED_ABOVE`] clients, the iterated local
    /// search above.
    #[default]
    Auto,
    /// Hybrid genetic search (Vidal et al. 2012): a population of solutions improved by local
    /// search, recombined by route exchange. Strongest on small and medium instances, where
    /// educating a whole offspring is cheap.
    Genetic,
    /// Iterated local search with late acceptance: ruin-and-recreate of a small region and local
    /// search on what changed. Its iterations stay cheap on thousands of clients.
    IteratedLocalSearch,
}

impl Strategy {
    /// Above this many clients [`Strategy::Auto`] runs the iterated local search.
    pub const AUTO_ITERATED_ABOVE: usize = 400;
}

impl Default for SolveParams {
    fn default() -> Self {
        Self {
            seed: 0,
            threads: 1,
            time_limit: None,
            max_iterations: None,
            max_no_improvement: None,
            strategy: Strategy::Auto,
            initial: None,
        }
    }
}

/// A snapshot of the search, given to the observer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Wall time since the solve started.
    pub elapsed: WallTime,
    /// Iterations done so far.
    pub iterations: u64,
    /// Cost of the best solution so far.
    pub best_cost: Option<Cost>,
    /// Whether that best solution is feasible.
    pub best_feasible: bool,
}

/// The observer's answer: go on or stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Keep searching.
    Continue,
    /// Stop as soon as possible and return the best solution so far.
    Stop,
}

/// What a solve returns: the best solution, its evaluation and statistics.
#[derive(Debug, Clone)]
pub struct SolveOutcome {
    /// The best solution found (feasible whenever a feasible one was found).
    pub solution: Solution,
    /// Its evaluation by [`Solution::evaluate`].
    pub report: SolutionReport,
    /// Iterations performed.
    pub iterations: u64,
    /// Wall time spent.
    pub elapsed: WallTime,
    /// How the initial solution was used (`None` without one, or when it was rejected).
    pub warm_start: Option<WarmStartReport>,
    /// Why [`crate::solve`] solved without the initial solution it was given ([`crate::try_solve`]
    /// returns this as its error instead).
    pub initial_rejected: Option<InitialSolutionError>,
}
