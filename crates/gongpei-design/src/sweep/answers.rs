//! One design question answered on a variant's scenario, its headline figures as the row's
//! `design_QUESTION.` columns.

use std::num::NonZeroU32;

use gongpei_coop::sweep::Row;
use gongpei_coop::CoopError;
use gongpei_locate::SolveOptions;
use gongpei_scenario::Scenario;

use super::questions::Question;
use crate::{
    design_cold, keep_township_demand, plan_frequency, ColdOptions, Coverage, DesignError,
    Evaluation, ModeFigures, Siting,
};

/// The columns of one question's answer, prefixed `design_QUESTION.`.
pub(super) fn answer_one(
    question: &Question,
    scenario: &Scenario,
    evaluation: &Evaluation,
    highs_threads: Option<NonZeroU32>,
) -> Result<Row, DesignError> {
    let mut row = Row::default();
    let first = evaluation.modes.first().copied();
    // The cost of the first mode listed, the one a design's `saving` is counted on.
    let first_cost = |modes: &[ModeFigures]| {
        modes
            .iter()
            .find(|m| Some(m.mode) == first)
            .map(|m| m.kpis.cost)
    };
    let with_threads = |solve: &SolveOptions| SolveOptions {
        threads: highs_threads,
        ..solve.clone()
    };
    match question {
        Question::Site { siting } => {
            let siting = Siting {
                solve: with_threads(&siting.solve),
                ..siting.clone()
            };
            let result = siting
                .run(scenario, evaluation, |_, _| {})
                .map_err(|e| in_question("site", e))?;
            let cost_of = |site: &str| {
                result
                    .candidates
                    .iter()
                    .find(|c| c.site == site)
                    .map(|c| c.daily_cost)
            };
            let choice_cost = cost_of(&result.model_choice);
            let current = &scenario.costs.shared_hub;
            let current_cost = cost_of(current);
            row.push("design_site.choice", result.model_choice.as_str());
            row.push("design_site.daily_cost", choice_cost);
            row.push("design_site.current_hub", current.as_str());
            row.push("design_site.current_daily_cost", current_cost);
            row.push(
                "design_site.saving",
                current_cost
                    .zip(choice_cost)
                    .map(|(now, chosen)| now - chosen),
            );
            // The routed choice: the shortlisted site whose first-mode plan is cheapest among
            // those routed and passing the checker.
            let routed = result
                .evaluated
                .iter()
                .filter(|e| e.routing_error.is_none())
                .filter_map(|e| {
                    e.modes
                        .iter()
                        .find(|m| Some(m.mode) == first && m.feasible)
                        .map(|m| (e.model.site.as_str(), m.kpis.cost))
                })
                .min_by(|a, b| a.1.total_cmp(&b.1));
            row.push("design_site.routed_choice", routed.map(|r| r.0));
            row.push("design_site.routed_cost", routed.map(|r| r.1));
            for m in &result.multi_hub {
                row.push(
                    format!("design_site.hubs_{}.sites", m.hubs),
                    m.sites.join("+"),
                );
                row.push(
                    format!("design_site.hubs_{}.daily_cost", m.hubs),
                    m.daily_cost,
                );
            }
            row.push("design_site.hurried", result.hurried);
        }
        Question::Cover {
            coverage,
            radii_km,
            k_radius_km,
            max_stations,
            model_only,
        } => {
            let coverage = Coverage {
                solve: with_threads(&coverage.solve),
                ..coverage.clone()
            };
            let routed = (!model_only).then_some(evaluation);
            let result = coverage
                .sweep(
                    scenario,
                    radii_km,
                    *k_radius_km,
                    max_stations,
                    routed,
                    |_| {},
                )
                .map_err(|e| in_question("cover", e))?;
            let baseline = first_cost(&result.baseline);
            row.push("design_cover.baseline_cost", baseline);
            for e in result.by_radius.iter().chain(&result.by_stations) {
                let d = &e.design;
                let prefix = format!("design_cover.{}", d.label());
                let route_cost = if e.routing_error.is_none() {
                    first_cost(&e.modes)
                } else {
                    None
                };
                let total = route_cost.map(|c| c + d.station_cost_per_day);
                row.push(format!("{prefix}.stations"), d.stations.len());
                row.push(
                    format!("{prefix}.station_cost_per_day"),
                    d.station_cost_per_day,
                );
                row.push(
                    format!("{prefix}.coverage_pct"),
                    (d.total_parcels > 0)
                        .then(|| 100.0 * d.covered_parcels as f64 / d.total_parcels as f64),
                );
                row.push(format!("{prefix}.route_cost"), route_cost);
                row.push(format!("{prefix}.total_cost"), total);
                row.push(
                    format!("{prefix}.saving"),
                    baseline.zip(total).map(|(now, design)| now - design),
                );
                row.push(
                    format!("{prefix}.feasible"),
                    (!model_only)
                        .then(|| e.routing_error.is_none() && e.modes.iter().all(|m| m.feasible)),
                );
            }
            row.push("design_cover.hurried", result.hurried);
        }
        Question::Cold { options, limits_s } => {
            let mut hurried = false;
            for &limit in limits_s {
                let options = ColdOptions {
                    max_precooling_s: limit,
                    solve: with_threads(&options.solve),
                    ..options.clone()
                };
                let d = design_cold(scenario, &options, evaluation)
                    .map_err(|e| in_question("cold", e))?;
                let prefix = format!("design_cold.{}h", d.max_precooling_s as f64 / 3600.0);
                let total = d.stores_cost_per_day + d.collection_cost_per_day;
                let status_quo = d.baseline.collection.kpis.cost;
                row.push(format!("{prefix}.stores"), d.stores.len());
                row.push(
                    format!("{prefix}.sites"),
                    d.stores
                        .iter()
                        .map(|s| s.site.as_str())
                        .collect::<Vec<_>>()
                        .join("+"),
                );
                row.push(
                    format!("{prefix}.stores_cost_per_day"),
                    d.stores_cost_per_day,
                );
                row.push(
                    format!("{prefix}.collection_cost_per_day"),
                    d.collection_cost_per_day,
                );
                row.push(format!("{prefix}.total_cost"), total);
                row.push(format!("{prefix}.status_quo_cost"), status_quo);
                row.push(format!("{prefix}.saving"), status_quo - total);
                row.push(format!("{prefix}.feasible"), d.feasible);
                row.push(
                    format!("{prefix}.recommendation"),
                    d.recommendation.as_str(),
                );
                hurried |= d.hurried;
            }
            row.push("design_cold.hurried", hurried);
        }
        Question::Frequency { params, townships } => {
            let mut sliced = scenario.clone();
            keep_township_demand(&mut sliced, townships)
                .map_err(|e| in_question("frequency", e))?;
            let study = plan_frequency(&sliced, params, evaluation)
                .map_err(|e| in_question("frequency", e))?;
            for p in &study.curve {
                let prefix = format!(
                    "design_frequency.{}.wait_{}d",
                    p.mode.name(),
                    p.max_wait_days
                );
                row.push(format!("{prefix}.cost_per_day"), p.cost_per_day);
                row.push(format!("{prefix}.saving_pct"), p.saving_pct);
                row.push(format!("{prefix}.avg_lead_time_h"), p.avg_lead_time_h);
                row.push(format!("{prefix}.visits_per_week"), p.visits_per_week);
                row.push(format!("{prefix}.feasible"), p.feasible);
            }
            row.push("design_frequency.hurried", study.hurried);
        }
    }
    Ok(row)
}

/// An error of one question's run named after it (`design_site: candidates: unknown site
/// "x"`), a stop left as it is.
fn in_question(question: &str, e: DesignError) -> DesignError {
    match e {
        DesignError::Coop(CoopError::Cancelled) => e,
        DesignError::Input { field, message } => DesignError::Input {
            field: format!("design_{question}: {field}"),
            message,
        },
        other => DesignError::input(format!("design_{question}"), other.to_string()),
    }
}
