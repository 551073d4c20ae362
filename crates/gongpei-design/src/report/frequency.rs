//! The frequency page: per lead-time target and mode the planned week, the cost against
//! service-level curve, the checkers' findings and the assumptions, as the terminal prints them
//! ([`FrequencyStudy::table`]); the map has a layer per target and mode with every village
//! coloured by its visit pattern (popups: pattern, visit days, visits a week, longest gap).

use std::fmt::Write as _;

use gongpei_coop::report::escape::html_text;
use gongpei_coop::report::leaflet::MapLayer;
use gongpei_scenario::Scenario;

use super::colours::{palette, pattern_colour};
use super::frame::{self, point, row};
use super::summary::Summary;
use crate::map::frequency_geojson;
use crate::{FrequencyStudy, PatternFamily};

/// The frequency study's tables as the terminal prints them ([`FrequencyStudy::table`]) and the
/// page shows them: per target and mode the week, the curve, the checkers' findings, the
/// assumptions.
pub fn frequency_summary(study: &FrequencyStudy) -> Summary {
    let mut s = Summary::opening(study.hurried);
    s.note(format!(
        "Service frequency on {}: {} villages, targets {:?} days, {} day plans",
        study.scenario,
        study.villages,
        study
            .targets
            .iter()
            .map(|t| t.max_wait_days)
            .collect::<Vec<_>>(),
        study.day_plans
    ));
    s.heading("Weeks by target and mode");
    let mut rows = Vec::new();
    for t in &study.targets {
        for w in &t.modes {
            let patterns: Vec<String> = w
                .patterns_used
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            rows.push(vec![
                t.max_wait_days.to_string(),
                w.mode.name().to_string(),
                format!("{:.1}", w.weekly_cost),
                format!("{:.1}", w.cost_per_day),
                format!("{:.1}", w.vehicle_km),
                w.vehicle_days.to_string(),
                format!("{:.2}", w.avg_wait_days),
                format!("{:.1}", w.worst_wait_days),
                format!("{:.1}", w.avg_lead_time_h),
                format!("{:.1}", w.worst_lead_time_h),
                w.visits_per_week.to_string(),
                if w.feasible { "clean" } else { "BROKEN" }.into(),
                patterns.join(", "),
            ]);
        }
    }
    s.table(
        &[
            "target days",
            "mode",
            "week yuan",
            "yuan/day",
            "vehicle-km",
            "vehicle-days",
            "avg wait d",
            "max wait d",
            "avg lead h",
            "max lead h",
            "visits/week",
            "check",
            "patterns",
        ],
        rows,
    );
    s.heading("Cost against service level (saving against the tightest target)");
    s.table(
        &[
            "mode",
            "target days",
            "week yuan",
            "yuan/day",
            "saving",
            "avg lead h",
        ],
        study
            .curve
            .iter()
            .map(|p| {
                vec![
                    p.mode.name().to_string(),
                    p.max_wait_days.to_string(),
                    format!("{:.1}", p.weekly_cost),
                    format!("{:.1}", p.cost_per_day),
                    format!("{:.1} %", p.saving_pct),
                    format!("{:.1}", p.avg_lead_time_h),
                ]
            })
            .collect(),
    );
    let findings: Vec<String> = study
        .targets
        .iter()
        .flat_map(|t| {
            t.modes.iter().flat_map(move |w| {
                w.violations
                    .iter()
                    .take(10)
                    .map(move |v| format!("target {} {}: {v}", t.max_wait_days, w.mode.name()))
            })
        })
        .collect();
    if !findings.is_empty() {
        s.heading("Checker findings");
        s.list(findings);
    }
    s.heading("Assumptions");
    s.list(study.assumptions.clone());
    s
}

/// The HTML page of a frequency study on `scenario` (the scenario it was planned on).
pub fn frequency_html(scenario: &Scenario, study: &FrequencyStudy) -> String {
    let mut h = frame::start(
        scenario,
        "weekly service frequency",
        &format!(
            "A visit pattern per village ({} villages) against each lead-time target, every day \
             of the week planned and checked; {} day plans.",
            study.villages, study.day_plans
        ),
    );
    h.push_str(&frequency_summary(study).html());
    let mut legend = String::from("<span class=legend>");
    for f in PatternFamily::ALL {
        let _ = write!(
            legend,
            "<span style=\"background:{}\"></span>{}",
            pattern_colour(f.name()),
            html_text(f.name())
        );
    }
    legend.push_str("</span>");
    h.push_str(&frame::map_section(
        scenario,
        &format!(
            "One layer per target and mode (the loosest target of the first mode shown), every \
             village coloured by its pattern: {legend}."
        ),
        layers(scenario, study),
    ));
    h.push_str(&frame::geojson(&frequency_geojson(scenario, study)));
    h.push_str(&frame::end(scenario));
    h
}

fn layers(scenario: &Scenario, study: &FrequencyStudy) -> Vec<MapLayer> {
    let loosest = study.targets.iter().map(|t| t.max_wait_days).max();
    let first_mode = study.curve.first().map(|p| p.mode);
    let mut layers = Vec::new();
    for t in &study.targets {
        for (mi, w) in t.modes.iter().enumerate() {
            let features = w
                .villages
                .iter()
                .filter_map(|v| {
                    let days: Vec<String> = v
                        .days
                        .chars()
                        .enumerate()
                        .filter(|(_, c)| *c == '1')
                        .map(|(d, _)| d.to_string())
                        .collect();
                    point(
                        scenario,
                        &v.village,
                        v.name.clone(),
                        vec![
                            row("village", v.village.clone()),
                            row("pattern", v.pattern.replace('_', " ")),
                            row(
                                "visit days",
                                format!("{} (day {})", v.days, days.join(", ")),
                            ),
                            row("visits a week", v.visits_per_week.to_string()),
                            row("longest gap", format!("{} days", v.longest_gap_days)),
                            row("offset", format!("{} days", v.offset)),
                        ],
                        Some(pattern_colour(&v.pattern).to_string()),
                        6.0,
                    )
                })
                .collect();
            layers.push(MapLayer {
                label: format!(
                    "{} · at most {} days: {:.1} yuan/day, {} visits/week",
                    w.mode.name(),
                    t.max_wait_days,
                    w.cost_per_day,
                    w.visits_per_week
                ),
                colour: palette(mi).to_string(),
                dashed: false,
                visible: Some(t.max_wait_days) == loosest && Some(w.mode) == first_mode,
                features,
            });
        }
    }
    layers
}
