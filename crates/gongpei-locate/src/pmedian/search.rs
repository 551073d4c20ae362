//! The exact search: incumbent, Lagrangian bound and reductions in rounds, then HiGHS on the
//! reduced model; decides the status (proven optimal, or stopped with the gap between the
//! incumbent and the best bound).

use std::time::Instant;

use highs::{HighsModelStatus, Sense};

use super::bounds::Bounds;
use super::data::Instance;
use super::heuristic::{self, Medians};
use super::lagrangian::{self, Dual, Fix, Schedule};
use super::pairs::Pairs;
use super::{branch, model, reduce};
use crate::error::LocateError;
use crate::mip::{self, MipStatus, SolveOptions, Tuning};

/// The chosen candidates and what is proven about them.
pub(super) struct Outcome {
    /// Open candidates, ascending.
    pub open: Vec<usize>,
    /// Proven optimal, or stopped with a gap.
    pub status: MipStatus,
}

/// Each point's cost in the incumbent: multipliers at which the relaxed problem already sees
/// the points that the incumbent serves expensively.
fn initial_multipliers(inst: &Instance, open: &[usize]) -> Vec<f64> {
    (0..inst.clients)
        .map(|c| {
            open.iter()
                .map(|&j| inst.wc(c, j))
                .fold(f64::INFINITY, f64::min)
        })
        .collect()
}

/// Solves `inst` under `options`; `started` is when the solve began (the time limit covers it all).
pub(super) fn run(
    inst: &Instance,
    options: &SolveOptions,
    started: Instant,
) -> Result<Outcome, LocateError> {
    run_with(inst, options, started, BRANCH_NODES)
}

/// [`run`] with at most `branch_nodes` nodes of branch and bound before HiGHS takes over.
pub(super) fn run_with(
    inst: &Instance,
    options: &SolveOptions,
    started: Instant,
    branch_nodes: usize,
) -> Result<Outcome, LocateError> {
    let deadline = options.time_limit.map(|l| started + l);
    // The bounding rounds leave at least half the time to HiGHS.
    let bounding_deadline = options.time_limit.map(|l| started + l / 2);
    let start = heuristic::greedy(inst);
    let mut bounds = Bounds {
        best: heuristic::improve(inst, &start, deadline),
        lower: 0.0,
        integral: inst.integral,
        relative_gap: options.relative_gap,
    };
    let pairs = Pairs::full(inst);
    let mut fix = vec![Fix::Free; inst.m];
    let mut lambda = initial_multipliers(inst, &bounds.best.open);
    let dual: Dual = loop {
        let dual = lagrangian::ascend(
            &pairs,
            &fix,
            lambda,
            bounds.best.cost,
            bounds.cutoff(),
            Schedule::ROOT,
            bounding_deadline,
        );
        bounds.bound_interesting(dual.bound);
        if bounds.proven() {
            return Ok(finish(bounds, true));
        }
        let improved = bounds.offer(heuristic::improve(inst, &dual.chosen_set(), deadline));
        bounds.bound_interesting(dual.bound);
        if bounds.proven() {
            return Ok(finish(bounds, true));
        }
        let fixed = reduce::fix_candidates(&dual, &mut fix, bounds.cutoff());
        let out_of_time = bounding_deadline.is_some_and(|d| Instant::now() >= d);
        if (fixed == 0 && !improved) || out_of_time {
            break dual;
        }
        lambda = dual.lambda;
    };
    if deadline.is_some_and(|d| Instant::now() >= d) {
        return Ok(finish(bounds, false));
    }
    let Some(caps) = reduce::service_caps(&pairs, &dual, &fix, bounds.cutoff()) else {
        return Ok(finish(bounds, true)); // some point has no pair left: nothing beats the cutoff
    };
    let (pairs, fix) = pairs.restrict(&fix, &caps);
    let ended = branch::search(
        inst,
        &pairs,
        fix.clone(),
        dual.lambda,
        dual.bound,
        &mut bounds,
        branch_nodes,
        deadline,
    );
    match ended {
        branch::Ended::Complete => Ok(finish(bounds, true)),
        branch::Ended::Deadline => Ok(finish(bounds, false)),
        branch::Ended::Budget => solve_reduced(inst, &pairs, &fix, bounds, options, started),
    }
}

/// Nodes the Lagrangian branch and bound may open before HiGHS takes over on the reduced model.
/// Every OR-Library instance needs far fewer (at most a few hundred; 1,385 for pmed35's graph
/// with p = 10); the budget bounds the cost of a tree that does not converge, for which HiGHS's
/// cuts may do better.
const BRANCH_NODES: usize = 5_000;

/// HiGHS on the sorted-distances model of the reduced pairs, with the cutoff as objective bound.
fn solve_reduced(
    inst: &Instance,
    pairs: &Pairs,
    fix: &[Fix],
    mut bounds: Bounds,
    options: &SolveOptions,
    started: Instant,
) -> Result<Outcome, LocateError> {
    let built = model::build(pairs, fix);
    let cutoff = bounds.cutoff();
    let tuning = Tuning {
        objective_bound: Some(cutoff.value - built.constant),
        // Integer objectives: an incumbent within less than 1 of the bound is optimal.
        absolute_gap: inst.integral.then_some(1.0 - 1e-6),
    };
    let run = mip::run(built.problem, Sense::Minimise, options, started, tuning)?;
    if let Some(columns) = &run.columns {
        let mut open: Vec<usize> = (0..pairs.m)
            .filter(|&j| mip::is_one(columns[j]))
            .map(|j| pairs.original[j])
            .collect();
        open.sort_unstable();
        if open.len() == inst.p {
            let cost = inst.objective(&open);
            bounds.offer(Medians { open, cost });
        }
    }
    match run.status {
        // HiGHS proved its solution optimal among the choices of interest, or that none exists.
        HighsModelStatus::Optimal | HighsModelStatus::Infeasible => Ok(finish(bounds, true)),
        status if mip::stopped_by_limit(status) => {
            bounds.bound_interesting(run.dual_bound + built.constant);
            Ok(finish(bounds, false))
        }
        other => Err(LocateError::Solver(format!(
            "HiGHS ended the reduced p-median model with status {other:?}"
        ))),
    }
}

fn finish(bounds: Bounds, proven: bool) -> Outcome {
    Outcome {
        status: bounds.status(proven),
        open: bounds.best.open,
    }
}
