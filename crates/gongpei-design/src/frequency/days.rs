//! Planning the days of a week for one mode: each day's scenario goes through [`Evaluation`]
//! (planner and plan checker), and a day already planned with the same demand is taken from a
//! cache, so re-planning a rejected move or seven identical daily days costs nothing.

use std::sync::Arc;

use gongpei_coop::{Mode, Plan};
use gongpei_scenario::model::Demand;
use gongpei_scenario::Scenario;

use super::pattern::{VisitPattern, DAYS};
use super::week::{day_scenario, DayScenario, Villages};
use crate::{DesignError, Evaluation, ModeFigures};

/// One planned day.
#[derive(Debug, Clone)]
pub(crate) struct PlannedDay {
    /// The day's records and what they carry.
    pub day: Arc<DayScenario>,
    /// Figures and checker result of the day's plan.
    pub figures: ModeFigures,
    /// The plan.
    pub plan: Arc<Plan>,
}

/// Plans days of one mode, remembering the last days planned.
pub(crate) struct DayPlanner<'a> {
    base: &'a Scenario,
    villages: &'a Villages,
    evaluation: Evaluation,
    handover_s_per_parcel: f64,
    cache: Vec<(Vec<Demand>, PlannedDay)>,
    /// Days actually planned (not from the cache).
    pub plans_made: usize,
}

/// Days kept in the cache (each holds one plan).
const CACHE_DAYS: usize = 48;

impl<'a> DayPlanner<'a> {
    /// A planner of `mode` with the effort and control of `evaluation`.
    pub fn new(
        base: &'a Scenario,
        villages: &'a Villages,
        evaluation: &Evaluation,
        mode: Mode,
        handover_s_per_parcel: f64,
    ) -> Self {
        DayPlanner {
            base,
            villages,
            evaluation: Evaluation {
                modes: vec![mode],
                effort: evaluation.effort.clone(),
                control: evaluation.control.clone(),
            },
            handover_s_per_parcel,
            cache: Vec::new(),
            plans_made: 0,
        }
    }

    /// Day `day` of the week with these patterns.
    pub fn plan_day(
        &mut self,
        patterns: &[VisitPattern],
        day: usize,
    ) -> Result<PlannedDay, DesignError> {
        let d = day_scenario(
            self.base,
            self.villages,
            patterns,
            day,
            self.handover_s_per_parcel,
        );
        if let Some((_, hit)) = self
            .cache
            .iter()
            .find(|(demand, _)| *demand == d.scenario.demand)
        {
            return Ok(hit.clone());
        }
        let (figures, plan) = if d
            .scenario
            .demand
            .iter()
            .all(|r| r.parcels_in + r.parcels_out + r.kg_in + r.kg_out == 0)
        {
            // Nobody is visited that day (and nothing is chilled): no vehicle leaves.
            self.idle_day()
        } else {
            self.plans_made += 1;
            self.evaluation
                .run_with_plans(&d.scenario)?
                .pop()
                .ok_or_else(|| DesignError::input("modes", "no mode to evaluate"))?
        };
        let planned = PlannedDay {
            day: Arc::new(d),
            figures,
            plan: Arc::new(plan),
        };
        // A hurried day is not the answer of the effort: planned again if met again.
        if planned.figures.hurried {
            return Ok(planned);
        }
        if self.cache.len() >= CACHE_DAYS {
            self.cache.remove(0);
        }
        self.cache
            .push((planned.day.scenario.demand.clone(), planned.clone()));
        Ok(planned)
    }

    /// The plan of a day without demand: no route, no cost, nothing to check.
    fn idle_day(&self) -> (ModeFigures, Plan) {
        let mode = self.evaluation.modes[0];
        let plan = Plan {
            mode: mode.name().to_string(),
            carriers: (0..self.base.carriers.len()).collect(),
            flows: Vec::new(),
            routes: Vec::new(),
            bus: Vec::new(),
            townships: Vec::new(),
            handling_cost: 0.0,
            hub_sorted_s: None,
            engine_violations: Vec::new(),
            hurried: false,
            replenishment: Vec::new(),
            pickup_at_shops: false,
            leads: None,
        };
        let figures = ModeFigures {
            mode,
            kpis: gongpei_coop::kpi::Kpis::default(),
            feasible: true,
            violations: Vec::new(),
            hurried: false,
        };
        (figures, plan)
    }

    /// All seven days.
    pub fn plan_week(&mut self, patterns: &[VisitPattern]) -> Result<Vec<PlannedDay>, DesignError> {
        (0..DAYS).map(|d| self.plan_day(patterns, d)).collect()
    }

    /// Whether the user asked to stop.
    pub fn stop_requested(&self) -> bool {
        self.evaluation
            .control
            .as_ref()
            .is_some_and(|c| c.stop_requested())
    }

    /// Whether the user asked to hurry (pattern moves then end: a day planned hurried is not
    /// comparable with one planned at the full effort).
    pub fn hurry_requested(&self) -> bool {
        self.evaluation
            .control
            .as_ref()
            .is_some_and(|c| c.hurry_requested())
    }
}

/// Cost of a week, yuan.
pub(crate) fn week_cost(days: &[PlannedDay]) -> f64 {
    days.iter().map(|d| d.figures.kpis.cost).sum()
}

/// Days whose plan breaks a constraint.
pub(crate) fn broken_days(days: &[PlannedDay]) -> usize {
    days.iter().filter(|d| !d.figures.feasible).count()
}
