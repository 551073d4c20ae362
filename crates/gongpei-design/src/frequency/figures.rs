//! Figures of a planned week for one mode and target: weekly cost and its daily mean,
//! vehicle-km, vehicle-days, parcel-weighted waiting and lead times, visits and the patterns
//! used, and each village's pattern.

use std::collections::{BTreeMap, HashMap};

use gongpei_coop::Mode;
use gongpei_scenario::Scenario;
use serde::Serialize;

use super::days::PlannedDay;
use super::pattern::VisitPattern;
use super::week::Villages;

/// One day of a planned week.
#[derive(Debug, Clone, Serialize)]
pub struct DayFigures {
    /// Day of the week (0..7).
    pub day: usize,
    /// The day's cost, yuan.
    pub cost: f64,
    /// Vehicle-kilometres.
    pub vehicle_km: f64,
    /// Vehicles (routes) used.
    pub vehicles: usize,
    /// Parcels moved (in + out).
    pub parcels: i64,
    /// Villages with an ambient visit that day.
    pub villages_visited: usize,
    /// Whether the day's plan passed the plan checker.
    pub feasible: bool,
}

/// A village's chosen pattern.
#[derive(Debug, Clone, Serialize)]
pub struct VillagePattern {
    /// Site id.
    pub village: String,
    /// Site name.
    pub name: String,
    /// Pattern family name (`daily`, `three_days`, ...).
    pub pattern: String,
    /// Offset of the family's base pattern, days.
    pub offset: u8,
    /// The seven days, `1` = visit, day 0 first.
    pub days: String,
    /// Visits per week.
    pub visits_per_week: usize,
    /// Longest wait for a visit, days.
    pub longest_gap_days: usize,
}

/// One mode's week under one lead-time target.
#[derive(Debug, Clone, Serialize)]
pub struct WeekFigures {
    /// The mode.
    pub mode: Mode,
    /// The lead-time target, days.
    pub max_wait_days: usize,
    /// Sum of the seven days' costs, yuan.
    pub weekly_cost: f64,
    /// Weekly cost / 7, yuan.
    pub cost_per_day: f64,
    /// Vehicle-kilometres in the week.
    pub vehicle_km: f64,
    /// Vehicle-days (routes) in the week.
    pub vehicle_days: usize,
    /// Parcel-weighted mean wait for a visit (in and out parcels), days.
    pub avg_wait_days: f64,
    /// Longest wait for a visit, days.
    pub worst_wait_days: f64,
    /// Parcel-weighted mean lead time of delivered parcels (wait + time of delivery on the visit
    /// day after the day's start), hours.
    pub avg_lead_time_h: f64,
    /// Worst lead time of a delivered parcel, hours.
    pub worst_lead_time_h: f64,
    /// Ambient village visits in the week (village-days).
    pub visits_per_week: usize,
    /// Villages per pattern family.
    pub patterns_used: BTreeMap<String, usize>,
    /// Whether every day passed the plan checker and the week's check.
    pub feasible: bool,
    /// What the checkers found (day-prefixed), empty when feasible.
    pub violations: Vec<String>,
    /// Where the search started: `least_frequent` (balanced offsets) or `tighter_target` (the
    /// previous, tighter target's patterns, which are allowed here too).
    pub start: String,
    /// Weekly cost of the starting patterns, yuan.
    pub start_cost: f64,
    /// Pattern moves tried / accepted (each tried move re-plans the days it touches).
    pub moves_tried: usize,
    /// Moves that lowered the re-planned weekly cost.
    pub moves_accepted: usize,
    /// The seven days.
    pub days: Vec<DayFigures>,
    /// Each village's pattern.
    pub villages: Vec<VillagePattern>,
    /// Whether some day of the week was planned hurried (see
    /// [`crate::ModeFigures::hurried`]).
    pub hurried: bool,
}

/// Parcel-weighted waiting and lead time of a week: (avg wait d, worst wait d, avg lead h,
/// worst lead h).
///
/// Parcels reach the station (or the sender's hands) evenly over time and wait for the start of
/// the next visit day; a visit carrying `g` days of volume has waited `g / 2` days on average
/// and `g` at most. Delivered parcels then reach the village at the day plan's service start
/// (or bus arrival), measured from the start of the delivery day as in the day's figures.
fn waiting(days: &[PlannedDay], day_start_s: i64) -> (f64, f64, f64, f64) {
    let (mut wait_sum, mut wait_weight, mut worst_wait) = (0.0, 0i64, 0.0f64);
    let (mut lead_sum, mut lead_weight, mut worst_lead) = (0.0, 0i64, 0.0f64);
    for day in days {
        let mut delivered: HashMap<usize, i64> = HashMap::new();
        for r in &day.plan.routes {
            for s in &r.stops {
                for &f in &s.flows {
                    delivered.insert(f, s.service_start_s);
                }
            }
        }
        for b in day.plan.bus.iter().filter(|b| b.inbound) {
            for &f in &b.flows {
                delivered.insert(f, b.arrival_s);
            }
        }
        for (i, r) in day.day.scenario.demand.iter().enumerate() {
            let g = day.day.carried_days[i] as f64;
            let parcels = r.parcels_in + r.parcels_out;
            if parcels == 0 {
                continue;
            }
            wait_sum += g / 2.0 * parcels as f64;
            wait_weight += parcels;
            worst_wait = worst_wait.max(g);
            if r.parcels_in > 0 {
                if let Some(&t) = delivered.get(&i) {
                    let in_day_h = (t - day_start_s).max(0) as f64 / 3600.0;
                    lead_sum += (g / 2.0 * 24.0 + in_day_h) * r.parcels_in as f64;
                    lead_weight += r.parcels_in;
                    worst_lead = worst_lead.max(g * 24.0 + in_day_h);
                }
            }
        }
    }
    let mean = |s: f64, w: i64| if w > 0 { s / w as f64 } else { 0.0 };
    (
        mean(wait_sum, wait_weight),
        worst_wait,
        mean(lead_sum, lead_weight),
        worst_lead,
    )
}

/// Everything the figures need besides the days.
pub(crate) struct WeekContext<'a> {
    pub base: &'a Scenario,
    pub villages: &'a Villages,
    pub mode: Mode,
    pub max_wait_days: usize,
    pub day_start_s: i64,
}

/// Search bookkeeping shown with the figures.
pub(crate) struct SearchRecord {
    pub start: &'static str,
    pub start_cost: f64,
    pub moves_tried: usize,
    pub moves_accepted: usize,
}

/// The figures of a planned week.
pub(crate) fn week_figures(
    cx: &WeekContext<'_>,
    patterns: &[VisitPattern],
    days: &[PlannedDay],
    violations: Vec<String>,
    search: SearchRecord,
) -> WeekFigures {
    let weekly_cost: f64 = days.iter().map(|d| d.figures.kpis.cost).sum();
    let (avg_wait_days, worst_wait_days, avg_lead_time_h, worst_lead_time_h) =
        waiting(days, cx.day_start_s);
    let mut patterns_used = BTreeMap::new();
    for p in patterns {
        *patterns_used
            .entry(p.family.name().to_string())
            .or_insert(0) += 1;
    }
    let day_figures = days
        .iter()
        .enumerate()
        .map(|(d, day)| DayFigures {
            day: d,
            cost: day.figures.kpis.cost,
            vehicle_km: day.figures.kpis.vehicle_km,
            vehicles: day.figures.kpis.vehicles,
            parcels: day.figures.kpis.parcels,
            villages_visited: patterns.iter().filter(|p| p.visits(d)).count(),
            feasible: day.figures.feasible,
        })
        .collect();
    let villages = patterns
        .iter()
        .enumerate()
        .map(|(v, p)| {
            let site = &cx.base.sites[cx.villages.sites[v]];
            VillagePattern {
                village: site.id.clone(),
                name: site.name.clone(),
                pattern: p.family.name().to_string(),
                offset: p.offset,
                days: p.to_string(),
                visits_per_week: p.visits_per_week(),
                longest_gap_days: p.longest_gap(),
            }
        })
        .collect();
    WeekFigures {
        mode: cx.mode,
        max_wait_days: cx.max_wait_days,
        weekly_cost,
        cost_per_day: weekly_cost / 7.0,
        vehicle_km: days.iter().map(|d| d.figures.kpis.vehicle_km).sum(),
        vehicle_days: days.iter().map(|d| d.figures.kpis.vehicles).sum(),
        avg_wait_days,
        worst_wait_days,
        avg_lead_time_h,
        worst_lead_time_h,
        visits_per_week: patterns.iter().map(VisitPattern::visits_per_week).sum(),
        patterns_used,
        feasible: violations.is_empty(),
        violations,
        start: search.start.to_string(),
        start_cost: search.start_cost,
        moves_tried: search.moves_tried,
        moves_accepted: search.moves_accepted,
        days: day_figures,
        villages,
        hurried: days.iter().any(|d| d.figures.hurried),
    }
}
