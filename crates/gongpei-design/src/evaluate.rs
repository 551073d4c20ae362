//! Routing evaluation of a design: the scenario a design implies (hub moved, stops merged, days
//! of a weekly plan, ...) is planned by the cooperation layer, every plan goes through the plan
//! checker, and the figures a design table shows are kept. Every design in this crate is judged
//! here, so "evaluated by routing" means the same thing in each of them.

use std::sync::Arc;

use gongpei_coop::check::check_plan;
use gongpei_coop::kpi::{plan_kpis, Kpis};
use gongpei_coop::{Coalition, Effort, Mode, Plan, PlanControl, Planner, World};
use gongpei_scenario::Scenario;
use serde::Serialize;

use crate::DesignError;

/// How designs are evaluated by routing.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Modes planned for every design (at least one).
    pub modes: Vec<Mode>,
    /// Engine effort per sub-problem (as in `gongpei scenario compare`).
    pub effort: Effort,
    /// Lets another thread stop a long evaluation (Ctrl-C in Python: every later plan fails
    /// with `CoopError::Cancelled`) or hurry it (a signal to the CLI: every later plan is made
    /// construction-only and marked [`ModeFigures::hurried`], see [`PlanControl`]).
    pub control: Option<Arc<PlanControl>>,
}

impl Evaluation {
    /// `modes` at the comparison's default effort for `seed`.
    ///
    /// ```
    /// use gongpei_coop::Mode;
    /// let e = gongpei_design::Evaluation::new(vec![Mode::PostalExpress], 7);
    /// assert_eq!(e.effort.seed, 7);
    /// ```
    pub fn new(modes: Vec<Mode>, seed: u64) -> Self {
        Evaluation {
            modes,
            effort: Effort::modes_default(seed),
            control: None,
        }
    }
}

/// One mode planned for one design.
#[derive(Debug, Clone, Serialize)]
pub struct ModeFigures {
    /// The mode.
    pub mode: Mode,
    /// Its figures (daily cost and parts, vehicle-km, vehicles, lead times, ...).
    pub kpis: Kpis,
    /// Whether the plan passed the independent plan checker.
    pub feasible: bool,
    /// What the checker found broken, and what the engine could not satisfy (empty when
    /// feasible).
    pub violations: Vec<String>,
    /// Whether the plan was made hurried (a hurry request through the evaluation's control
    /// came while or before it was planned: searches stopped at their best so far, later
    /// sub-problems construction-only), so these figures come from a shortened search.
    pub hurried: bool,
}

impl Evaluation {
    /// [`Evaluation::run`], with a design the planner cannot route (a merged stop bigger than
    /// any van, a moved hub no truck reaches in its shift, ...) kept as the planner's message
    /// instead of ending a sweep; a stop through `control` is still an error (a hurry is not:
    /// the plans come back marked hurried).
    pub fn run_or_reason(
        &self,
        scenario: &Scenario,
    ) -> Result<Result<Vec<ModeFigures>, String>, DesignError> {
        match self.run(scenario) {
            Ok(figures) => Ok(Ok(figures)),
            Err(DesignError::Coop(gongpei_coop::CoopError::Cancelled)) => {
                Err(DesignError::Coop(gongpei_coop::CoopError::Cancelled))
            }
            Err(DesignError::Coop(e)) => Ok(Err(e.to_string())),
            Err(e) => Err(e),
        }
    }

    /// Plans every mode on `scenario` for all its carriers and checks each plan.
    ///
    /// Errors name the scenario part at fault (a design that left a site unknown, a shift no van
    /// can serve a village in, ...); a stop through `control` is `CoopError::Cancelled`, a hurry
    /// returns every mode's plan, the hurried ones marked.
    pub fn run(&self, scenario: &Scenario) -> Result<Vec<ModeFigures>, DesignError> {
        Ok(self
            .run_with_plans(scenario)?
            .into_iter()
            .map(|(figures, _)| figures)
            .collect())
    }

    /// As [`Evaluation::run`], keeping each mode's plan beside its figures: a design that works
    /// on the routes themselves (the weekly frequency plan estimates insertion and removal
    /// deltas on them and checks which flows each day serves) reads them here, so it is judged
    /// by the same planning and checking as every other design.
    pub fn run_with_plans(
        &self,
        scenario: &Scenario,
    ) -> Result<Vec<(ModeFigures, Plan)>, DesignError> {
        if self.modes.is_empty() {
            return Err(DesignError::input("modes", "no mode to evaluate"));
        }
        let world = World::new(scenario)?;
        gongpei_coop::reach::check_shifts(&world)?;
        let planner = match &self.control {
            Some(c) => Planner::with_control(&world, Arc::clone(c)),
            None => Planner::new(&world),
        };
        let grand = Coalition::grand(world.num_carriers());
        self.modes
            .iter()
            .map(|&mode| {
                let plan = planner.plan(mode, grand, &self.effort)?;
                let report = check_plan(scenario, &plan);
                let mut violations = report.errors;
                violations.extend(plan.engine_violations.iter().cloned());
                let figures = ModeFigures {
                    mode,
                    kpis: plan_kpis(&world, &plan),
                    feasible: violations.is_empty(),
                    violations,
                    hurried: plan.hurried,
                };
                Ok((figures, plan))
            })
            .collect()
    }
}
