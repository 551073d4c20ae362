//! The frequency study: for each lead-time target (tightest first) and mode, the planned and
//! checked week, and the cost against service-level curve as a table and JSON.

use gongpei_coop::kpi::day_start;
use gongpei_coop::{Mode, World};
use gongpei_scenario::Scenario;
use serde::Serialize;

use super::check::check_week;
use super::days::{week_cost, DayPlanner, PlannedDay};
use super::figures::{week_figures, SearchRecord, WeekContext, WeekFigures};
use super::params::FrequencyParameters;
use super::pattern::VisitPattern;
use super::search::{balanced_start, improve};
use super::week::Villages;
use crate::{DesignError, Evaluation};

/// One point of the cost against service-level curve.
#[derive(Debug, Clone, Serialize)]
pub struct CurvePoint {
    /// Mode.
    pub mode: Mode,
    /// Lead-time target, days.
    pub max_wait_days: usize,
    /// Weekly cost, yuan.
    pub weekly_cost: f64,
    /// Weekly cost / 7, yuan.
    pub cost_per_day: f64,
    /// Saving against daily visits (the target of 1 day, or the tightest target asked), %.
    pub saving_pct: f64,
    /// Parcel-weighted mean lead time of delivered parcels, hours.
    pub avg_lead_time_h: f64,
    /// Ambient village visits per week.
    pub visits_per_week: usize,
    /// Whether the week passed every check.
    pub feasible: bool,
}

/// All modes under one target.
#[derive(Debug, Clone, Serialize)]
pub struct TargetResult {
    /// Lead-time target, days.
    pub max_wait_days: usize,
    /// One planned week per mode.
    pub modes: Vec<WeekFigures>,
}

/// The whole study.
#[derive(Debug, Clone, Serialize)]
pub struct FrequencyStudy {
    /// Scenario name.
    pub scenario: String,
    /// Villages a pattern was chosen for (those with ambient demand).
    pub villages: usize,
    /// Parameters used.
    pub parameters: FrequencyParameters,
    /// Weeks per target, tightest first.
    pub targets: Vec<TargetResult>,
    /// The curve, per mode then target.
    pub curve: Vec<CurvePoint>,
    /// Day plans made (the rest came from the cache of identical days).
    pub day_plans: usize,
    /// Modelling assumptions that drive the figures.
    pub assumptions: Vec<String>,
    /// Whether a hurry request (a signal to the CLI) shortened the study: the pattern moves
    /// under way ended (a trial is only accepted when planned at the full effort), and every
    /// later target kept its starting patterns, its days planned construction-only (those weeks
    /// are marked [`WeekFigures::hurried`]).
    pub hurried: bool,
}

fn assumptions(p: &FrequencyParameters) -> Vec<String> {
    vec![
        "A week of 7 identical demand days; parcels reach the station (pickups the sender) evenly over time and wait for the start of the next visit day: a visit carrying g days of volume has waited g/2 days on average, g at most; the target bounds the longest gap between visits.".into(),
        "On a visit day a village's ambient records (every carrier, in and out, parcels and kg) carry the volume accumulated since the previous visit, so each record's weekly total is 7 days of demand.".into(),
        "Chilled records are served every day with their daily volume: chilled produce and food cannot wait days at a station without cold storage; they are not counted as pattern visits.".into(),
        format!("A visit carrying more than a day's volume takes {} s longer per extra parcel (the stop's fixed time is paid once).", p.handover_s_per_parcel),
        "Each day is planned on its own with the full fleet available and every vehicle-day paying its fixed cost; the week's cost is the sum of the 7 days.".into(),
        "Patterns are chosen per mode; each target's search starts from the cheaper of the least frequent patterns (offsets balanced) and the previous tighter target's patterns, so the curve cannot rise as the target is relaxed.".into(),
    ]
}

/// Plans the week for every target and mode of `params` with `evaluation`'s modes, effort and
/// control; every day is planned and checked through [`Evaluation`], and every week checked.
///
/// Errors: a parameter out of range (`max_wait_days[i]`, `handover_s_per_parcel`), no mode
/// (`modes`), a scenario the planner cannot use; a stop requested through the control ends the
/// run with `CoopError::Cancelled` (unless it comes during the last target's moves, which it
/// then ends early). A hurry requested through the control ends the moves under way and plans
/// the remaining targets from their starting patterns construction-only, so every target and
/// mode is still reported ([`FrequencyStudy::hurried`]).
pub fn plan_frequency(
    scenario: &Scenario,
    params: &FrequencyParameters,
    evaluation: &Evaluation,
) -> Result<FrequencyStudy, DesignError> {
    params.validate()?;
    if evaluation.modes.is_empty() {
        return Err(DesignError::input("modes", "no mode to evaluate"));
    }
    let world = World::new(scenario)?;
    gongpei_coop::reach::check_shifts(&world)?;
    let villages = Villages::of(scenario);
    let targets = params.sorted_targets();
    let day_start_s = day_start(&world);
    let mut per_target: Vec<TargetResult> = targets
        .iter()
        .map(|&t| TargetResult {
            max_wait_days: t,
            modes: Vec::new(),
        })
        .collect();
    let mut day_plans = 0;
    for &mode in &evaluation.modes {
        let mut planner = DayPlanner::new(
            scenario,
            &villages,
            evaluation,
            mode,
            params.handover_s_per_parcel,
        );
        let mut tighter: Option<(Vec<VisitPattern>, Vec<PlannedDay>)> = None;
        for (ti, &target) in targets.iter().enumerate() {
            let start = balanced_start(&villages, target);
            let start_days = planner.plan_week(&start)?;
            let (mut patterns, mut days, mut label) = (start, start_days, "least_frequent");
            if let Some((p, d)) = tighter.take() {
                let fewer_broken = super::days::broken_days(&d) < super::days::broken_days(&days);
                let same_broken = super::days::broken_days(&d) == super::days::broken_days(&days);
                if fewer_broken || (same_broken && week_cost(&d) < week_cost(&days)) {
                    (patterns, days, label) = (p, d, "tighter_target");
                }
            }
            let start_cost = week_cost(&days);
            let improved = improve(
                &world,
                &villages,
                &mut planner,
                target,
                params.max_moves,
                patterns,
                days,
            )?;
            let violations = check_week(
                scenario,
                &villages,
                &improved.patterns,
                target,
                &improved.days,
            );
            let cx = WeekContext {
                base: scenario,
                villages: &villages,
                mode,
                max_wait_days: target,
                day_start_s,
            };
            let figures = week_figures(
                &cx,
                &improved.patterns,
                &improved.days,
                violations,
                SearchRecord {
                    start: label,
                    start_cost,
                    moves_tried: improved.tried,
                    moves_accepted: improved.accepted,
                },
            );
            per_target[ti].modes.push(figures);
            tighter = Some((improved.patterns, improved.days));
        }
        day_plans += planner.plans_made;
    }
    let curve = curve_points(&per_target, &evaluation.modes);
    Ok(FrequencyStudy {
        scenario: scenario.name.clone(),
        villages: villages.len(),
        parameters: params.clone(),
        targets: per_target,
        curve,
        day_plans,
        assumptions: assumptions(params),
        hurried: evaluation
            .control
            .as_ref()
            .is_some_and(|c| c.hurry_requested()),
    })
}

fn curve_points(targets: &[TargetResult], modes: &[Mode]) -> Vec<CurvePoint> {
    let mut out = Vec::new();
    for (mi, &mode) in modes.iter().enumerate() {
        let reference = targets.first().map_or(0.0, |t| t.modes[mi].weekly_cost);
        for t in targets {
            let w = &t.modes[mi];
            out.push(CurvePoint {
                mode,
                max_wait_days: t.max_wait_days,
                weekly_cost: w.weekly_cost,
                cost_per_day: w.cost_per_day,
                saving_pct: if reference > 0.0 {
                    100.0 * (reference - w.weekly_cost) / reference
                } else {
                    0.0
                },
                avg_lead_time_h: w.avg_lead_time_h,
                visits_per_week: w.visits_per_week,
                feasible: w.feasible,
            });
        }
    }
    out
}

impl FrequencyStudy {
    /// The text report: per target and mode the week's figures, then the curve, the checkers'
    /// findings and the assumptions ([`crate::report::frequency_summary`] as text, the same
    /// tables the HTML page shows).
    pub fn table(&self) -> String {
        crate::report::frequency_summary(self).text()
    }
}
