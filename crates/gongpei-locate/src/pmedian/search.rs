//! The exact search: incumbent, Lagrangian bound and reductions in rounds, then HiGHS on the
//! reduced model; decides the status (proven optimal, or stopped with the gap between the
//! incumbent and the best bound).

use std::time::Instant;

use highs::{HighsModelStatus, Sense};

use super::cutoff::Cutoff;
use super::data::Instance;
use super::heuristic::{self, Medians};
use super::lagrangian::{self, Dual, Fix};
use super::{model, reduce};
use crate::error::LocateError;
use crate::mip::{self, MipStatus, SolveOptions, Tuning};

/// The chosen candidates and what is proven about them.
pub(super) struct Outcome {
    /// Open candidates, ascending.
    pub open: Vec<usize>,
    /// Proven optimal, or stopped with a gap.
    pub status: MipStatus,
}

/// The incumbent and the best lower bound on the optimum found so far.
struct Bounds {
    best: Medians,
    lower: f64,
    integral: bool,
    relative_gap: f64,
}

impl Bounds {
    fn cutoff(&self) -> Cutoff {
        Cutoff::new(self.best.cost, self.integral, self.relative_gap)
    }

    /// Takes `candidate` if it beats the incumbent; true if it did.
    fn offer(&mut self, candidate: Medians) -> bool {
        let better = candidate.cost < self.best.cost;
        if better {
            self.best = candidate;
        }
        better
    }

    /// Records `bound`, a lower bound on every choice of interest under the current cutoff: the
    /// optimum is at least the smaller of the bound and the cutoff.
    fn bound_interesting(&mut self, bound: f64) {
        self.lower = self.lower.max(bound.min(self.cutoff().value));
    }

    fn proven(&self) -> bool {
        self.cutoff().excludes(self.lower) || self.lower >= self.best.cost
    }

    fn finish(self, proven: bool) -> Outcome {
        let status = if proven || self.proven() {
            MipStatus::Optimal
        } else {
            let upper = self.best.cost;
            let gap = if upper > 0.0 {
                ((upper - self.lower) / upper).max(0.0)
            } else {
                0.0
            };
            MipStatus::Stopped { gap }
        };
        Outcome {
            open: self.best.open,
            status,
        }
    }
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
    let mut fix = vec![Fix::Free; inst.m];
    let mut lambda = initial_multipliers(inst, &bounds.best.open);
    let dual: Dual = loop {
        let dual = lagrangian::ascend(
            inst,
            &fix,
            lambda,
            bounds.best.cost,
            bounds.cutoff(),
            bounding_deadline,
        );
        bounds.bound_interesting(dual.bound);
        if bounds.proven() {
            return Ok(bounds.finish(true));
        }
        let improved = bounds.offer(heuristic::improve(inst, &dual.chosen_set(), deadline));
        bounds.bound_interesting(dual.bound);
        if bounds.proven() {
            return Ok(bounds.finish(true));
        }
        let fixed = reduce::fix_candidates(&dual, &mut fix, bounds.cutoff());
        trace(|| {
            format!(
                "round: bound {} upper {} fixed {fixed} improved {improved} at {:?}",
                dual.bound,
                bounds.best.cost,
                started.elapsed()
            )
        });
        let out_of_time = bounding_deadline.is_some_and(|d| Instant::now() >= d);
        if (fixed == 0 && !improved) || out_of_time {
            break dual;
        }
        lambda = dual.lambda;
    };
    if deadline.is_some_and(|d| Instant::now() >= d) {
        return Ok(bounds.finish(false));
    }
    let cutoff = bounds.cutoff();
    let Some(caps) = reduce::service_caps(inst, &dual, &fix, cutoff) else {
        return Ok(bounds.finish(true)); // some point has no pair left: nothing beats the cutoff
    };
    let built = model::build(inst, &fix, &caps);
    trace(|| {
        format!(
            "model: {} levels, {} free, {} open at {:?}",
            built.levels,
            fix.iter().filter(|&&f| f == Fix::Free).count(),
            fix.iter().filter(|&&f| f == Fix::Open).count(),
            started.elapsed()
        )
    });
    let tuning = Tuning {
        objective_bound: Some(cutoff.value - built.constant),
        // Integer objectives: an incumbent within less than 1 of the bound is optimal.
        absolute_gap: inst.integral.then_some(1.0 - 1e-6),
    };
    let run = mip::run(built.problem, Sense::Minimise, options, started, tuning)?;
    trace(|| {
        format!(
            "highs: {:?} dual {} at {:?}",
            run.status,
            run.dual_bound + built.constant,
            started.elapsed()
        )
    });
    if let Some(columns) = &run.columns {
        let open: Vec<usize> = (0..inst.m).filter(|&j| mip::is_one(columns[j])).collect();
        if open.len() == inst.p {
            let cost = inst.objective(&open);
            bounds.offer(Medians { open, cost });
        }
    }
    match run.status {
        // HiGHS proved its solution optimal among the choices of interest, or that none exists.
        HighsModelStatus::Optimal | HighsModelStatus::Infeasible => Ok(bounds.finish(true)),
        status if mip::stopped_by_limit(status) => {
            bounds.bound_interesting(run.dual_bound + built.constant);
            Ok(bounds.finish(false))
        }
        other => Err(LocateError::Solver(format!(
            "HiGHS ended the reduced p-median model with status {other:?}"
        ))),
    }
}

fn trace(message: impl FnOnce() -> String) {
    if std::env::var_os("GONGPEI_PMEDIAN_TRACE").is_some() {
        eprintln!("{}", message());
    }
}
