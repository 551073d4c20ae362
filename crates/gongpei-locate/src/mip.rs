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
    /// Relative gap at which HiGHS stops and calls the incumbent optimal. The default, `1e-9`, is far
    /// below one unit on the integer objectives of the benchmarks, so "optimal" means proven optimal.
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
    /// within `gap` (relative, as HiGHS reports it) of its objective. For p-median the gap is
    /// relative to the model's objective, which leaves out the constant sum of each demand point's
    /// cheapest cost (zero when every demand point is also a candidate, as in OR-Library files).
    Stopped {
        /// HiGHS's relative MIP gap at the stop.
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

/// Solves `problem` with HiGHS under `options`; `started` is when model building began, so that the
/// reported time covers building too.
pub(crate) fn solve(
    problem: RowProblem,
    sense: Sense,
    options: &SolveOptions,
    started: Instant,
) -> Result<MipOutcome, LocateError> {
    let mut model = problem
        .try_optimise(sense)
        .map_err(|s| LocateError::Solver(format!("loading the model: {s:?}")))?;
    model.make_quiet();
    set(&mut model, "mip_rel_gap", options.relative_gap)?;
    if let Some(limit) = options.time_limit {
        let remaining = limit.saturating_sub(started.elapsed()).as_secs_f64();
        set(&mut model, "time_limit", remaining.max(0.001))?;
    }
    if let Some(threads) = options.threads {
        model.set_threads(threads);
    }
    let solved = model
        .try_solve()
        .map_err(|s| LocateError::Solver(format!("solving: {s:?}")))?;
    let elapsed = started.elapsed();
    let status = solved.status();
    let has_solution = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
    let mip_status = match status {
        HighsModelStatus::Optimal => MipStatus::Optimal,
        HighsModelStatus::Infeasible => {
            return Err(LocateError::Infeasible(
                "HiGHS proved that no choice meets the constraints".into(),
            ))
        }
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedMemoryLimit
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget
            if has_solution =>
        {
            MipStatus::Stopped {
                gap: solved
                    .double_info_value(c"mip_gap")
                    .unwrap_or(f64::INFINITY),
            }
        }
        other => {
            return Err(LocateError::NoSolution {
                status: format!("{other:?}"),
                seconds: elapsed.as_secs_f64(),
            })
        }
    };
    Ok(MipOutcome {
        columns: solved.get_solution().columns().to_vec(),
        status: mip_status,
        elapsed,
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
