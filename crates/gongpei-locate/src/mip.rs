//! Running a model on HiGHS: solver options (time limit, gap, threads), the MIP status reported with
//! every result, and the translation of HiGHS outcomes into values or [`LocateError`]s.

use std::num::NonZeroU32;
use std::time::{Duration, Instant};

use highs::{HighsModelStatus, HighsSolutionStatus, RowProblem, Sense};

use crate::error::LocateError;

/// How HiGHS is run.
#[derive(Debug, Clone, PartialEq)]
pub struct SolveOptions {
    /// Wall-clock limit for the MIP; `None` runs until proven optimal.
    pub time_limit: Option<Duration>,
    /// Relative gap at which the search stops and calls the incumbent optimal. The default, `1e-9`,
    /// is far below one unit on the integer objectives of the benchmarks, so "optimal" means proven
    /// optimal (p-median with integer weighted costs also rounds its bound up: a bound above
    /// incumbent - 1 proves the incumbent).
    pub relative_gap: f64,
    /// Threads HiGHS may use; `None` leaves HiGHS's default.
    pub threads: Option<NonZeroU32>,
}

impl Default for SolveOptions {
    fn default() -> Self {
        Self {
            time_limit: None,
            relative_gap: 1e-9,
            threads: None,
        }
    }
}

/// What HiGHS could say about the returned choice.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "status", rename_all = "snake_case"))]
pub enum MipStatus {
    /// Proven optimal (within [`SolveOptions::relative_gap`]).
    Optimal,
    /// A limit (time or other) stopped the search: the choice is feasible, and the optimum lies
    /// within `gap` (relative) of its objective. For facility location and covering it is HiGHS's
    /// MIP gap; for p-median it is (objective - best lower bound) / objective over the whole
    /// objective.
    Stopped {
        /// The relative gap at the stop.
        gap: f64,
    },
}

impl MipStatus {
    /// True when the choice is proven optimal.
    pub fn is_optimal(&self) -> bool {
        matches!(self, MipStatus::Optimal)
    }
}

/// The raw outcome of one HiGHS run: column values, status and time (objectives are recomputed
/// by each model from its choice).
pub(crate) struct MipOutcome {
    pub columns: Vec<f64>,
    pub status: MipStatus,
    pub elapsed: Duration,
}

/// Extra HiGHS settings a model may ask for.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tuning {
    /// HiGHS's `objective_bound`: only solutions better than this are sought (a cutoff).
    pub objective_bound: Option<f64>,
    /// HiGHS's `mip_abs_gap` (e.g. just below 1 when every objective is an integer).
    pub absolute_gap: Option<f64>,
}

/// What one HiGHS run said, before any interpretation.
pub(crate) struct Run {
    pub status: HighsModelStatus,
    /// The column values, when HiGHS has a feasible solution.
    pub columns: Option<Vec<f64>>,
    /// HiGHS's relative MIP gap.
    pub gap: f64,
    /// HiGHS's best dual bound (minimisation: a lower bound on the model's objective).
    pub dual_bound: f64,
    pub elapsed: Duration,
}

/// Runs HiGHS on `problem` under `options` and `tuning`; `started` is when model building began,
/// so that the time limit and the reported time cover building too.
pub(crate) fn run(
    problem: RowProblem,
    sense: Sense,
    options: &SolveOptions,
    started: Instant,
    tuning: Tuning,
) -> Result<Run, LocateError> {
    let mut model = problem
        .try_optimise(sense)
        .map_err(|s| LocateError::Solver(format!("loading the model: {s:?}")))?;
    model.make_quiet();
    set(&mut model, "mip_rel_gap", options.relative_gap)?;
    if let Some(limit) = options.time_limit {
        let remaining = limit.saturating_sub(started.elapsed()).as_secs_f64();
        set(&mut model, "time_limit", remaining.max(0.001))?;
    }
    if let Some(bound) = tuning.objective_bound {
        set(&mut model, "objective_bound", bound)?;
    }
    if let Some(gap) = tuning.absolute_gap {
        set(&mut model, "mip_abs_gap", gap)?;
    }
    if let Some(threads) = options.threads {
        model.set_threads(threads);
    }
    let solved = model
        .try_solve()
        .map_err(|s| LocateError::Solver(format!("solving: {s:?}")))?;
    let has_solution = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
    Ok(Run {
        status: solved.status(),
        columns: has_solution.then(|| solved.get_solution().columns().to_vec()),
        gap: solved
            .double_info_value(c"mip_gap")
            .unwrap_or(f64::INFINITY),
        dual_bound: solved
            .double_info_value(c"mip_dual_bound")
            .unwrap_or(f64::NEG_INFINITY),
        elapsed: started.elapsed(),
    })
}

/// True for the statuses of a run that a limit stopped.
pub(crate) fn stopped_by_limit(status: HighsModelStatus) -> bool {
    matches!(
        status,
        HighsModelStatus::ReachedTimeLimit
            | HighsModelStatus::ReachedIterationLimit
            | HighsModelStatus::ReachedSolutionLimit
            | HighsModelStatus::ReachedInterrupt
            | HighsModelStatus::ReachedMemoryLimit
            | HighsModelStatus::ObjectiveBound
            | HighsModelStatus::ObjectiveTarget
    )
}

/// Solves `problem` with HiGHS under `options`; `started` is when model building began, so that the
/// reported time covers building too.
pub(crate) fn solve(
    problem: RowProblem,
    sense: Sense,
    options: &SolveOptions,
    started: Instant,
) -> Result<MipOutcome, LocateError> {
    let run = run(problem, sense, options, started, Tuning::default())?;
    let mip_status = match (run.status, &run.columns) {
        (HighsModelStatus::Optimal, Some(_)) => MipStatus::Optimal,
        (HighsModelStatus::Infeasible, _) => {
            return Err(LocateError::Infeasible(
                "HiGHS proved that no choice meets the constraints".into(),
            ))
        }
        (status, Some(_)) if stopped_by_limit(status) => MipStatus::Stopped { gap: run.gap },
        (other, _) => {
            return Err(LocateError::NoSolution {
                status: format!("{other:?}"),
                seconds: run.elapsed.as_secs_f64(),
            })
        }
    };
    Ok(MipOutcome {
        columns: run.columns.unwrap_or_default(),
        status: mip_status,
        elapsed: run.elapsed,
    })
}

fn set(model: &mut highs::Model, option: &str, value: f64) -> Result<(), LocateError> {
    model
        .try_set_option(option, value)
        .map_err(|s| LocateError::Solver(format!("setting option {option}: {s}")))
}

/// Reads a binary column as chosen (HiGHS returns integers up to its feasibility tolerance).
pub(crate) fn is_one(value: f64) -> bool {
    value > 0.5
}
