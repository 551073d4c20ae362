//! Design questions inside sweep variants: a variant (or a spec's `[run]` table) that lists
//! `design = ["site", "cover", "cold", "frequency"]` gets each question answered on its changed
//! scenario after its comparison, and each answer's headline figures added to its row as
//! `design_QUESTION.…` columns. The question's parameters are the variant's changes
//! `design_QUESTION.PARAM` (the CLI subcommand's flags, `_` for `-`), so a grid can vary them
//! like any change. The comparison itself is gongpei-coop's [`run_entry`]; this crate builds on
//! gongpei-coop, so the sweep runners (the `gongpei sweep` command and the Python workers) call
//! [`run_design_entry`] here instead, and check specs with [`check_spec`].
//!
//! | question | parameters (default as the CLI) | columns |
//! | --- | --- | --- |
//! | `site` | `candidates`, `shortlist` (5), `hubs` ([2, 3]), `fixed_per_day`, `capacity`, `handling_per_parcel`, `modes` | `choice`, `daily_cost`, `current_hub`, `current_daily_cost`, `saving`, `routed_choice`, `routed_cost`, `hubs_P.sites`, `hubs_P.daily_cost`, `hurried` |
//! | `cover` | `radius_km` ([2, 3, 5]), `max_stations` ([]), `k_radius_km`, `candidates`, `build_capital`, `upgrade_capital`, `build_operating_per_day`, `upgrade_operating_per_day`, `amortisation_years`, `model_only` (false), `modes` | `baseline_cost`, per design `D=3km` / `D=3km,K=60`: `stations`, `station_cost_per_day`, `coverage_pct`, `route_cost`, `total_cost`, `saving`, `feasible`; `hurried` |
//! | `cold` | `candidates`, `max_hours` (the scenario's limit), `store_capital`, `store_life_years`, `store_running_per_day` | per limit `4h`: `stores`, `sites`, `stores_cost_per_day`, `collection_cost_per_day`, `total_cost`, `status_quo_cost`, `saving`, `feasible`, `recommendation`; `hurried` |
//! | `frequency` | `max_wait_days` ([1, 2, 3, 4]), `modes` (postal_express, separate), `max_moves` (40), `handover_s_per_parcel` (6), `townships` | per mode and target `MODE.wait_Nd`: `cost_per_day`, `saving_pct`, `avg_lead_time_h`, `visits_per_week`, `feasible`; `hurried` |
//!
//! Every question also takes `iterations` (default: the variant's `iterations`) and, but for
//! `frequency`, `time_limit` (seconds of each location model; default: to proven optimum). The
//! routing runs at the variant's effort and seed (`seed`, `iterations`, `clients_per_step`,
//! `strategy`) on the variant's threads, HiGHS on as many. List parameters take one value too
//! (`design_cover.radius_km = 3`). Costs are yuan a day; a `saving` is what the design saves
//! against today's network (the current hub, a stop at every village, the one cold store) on
//! the first mode listed, and is empty when there is nothing to compare with.
//!
//! ```
//! use gongpei_coop::sweep::{Base, Variant};
//! use gongpei_design::sweep::run_design_entry;
//! let v = Variant::new("sited", Base::preset("small", 1), 1)
//!     .with_change("iterations", 0)
//!     .with_change("allocate", "none")
//!     .with_change("modes", serde_json::json!(["postal_express"]))
//!     .with_change("design", serde_json::json!(["site"]))
//!     .with_change("design_site.shortlist", 1)
//!     .with_change("design_site.hubs", serde_json::json!([]))
//!     .with_change("design_site.modes", serde_json::json!(["postal_express"]));
//! let entry = run_design_entry(&v, 1, None, None).unwrap();
//! let row = entry.row.unwrap();
//! assert!(row.get("design_site.choice").unwrap().is_string());
//! assert!(row.get("postal_express.cost").is_some()); // the comparison's columns come first
//! ```

mod answers;
mod questions;

pub use questions::{DesignQuestions, QUESTIONS};

use std::sync::Arc;
use std::time::Instant;

use gongpei_coop::sweep::{
    run_entry, run_settings, variant_scenario, Entry, Row, Spec, Status, Variant,
};
use gongpei_coop::{CoopError, PlanControl};
use gongpei_scenario::Scenario;

use crate::DesignError;

/// [`run_entry`] (the variant's comparison as a checkpoint entry) with the design questions it
/// asks for answered after it and their columns appended to its row; `seconds` is the wall time
/// of both. A variant whose questions cannot be read fails before its comparison runs; a
/// question that fails makes the variant a failed entry with its error. A stop through
/// `control` is returned as [`CoopError::Cancelled`] (an interrupted variant is not an outcome).
pub fn run_design_entry(
    variant: &Variant,
    threads: usize,
    base: Option<&Scenario>,
    control: Option<Arc<PlanControl>>,
) -> Result<Entry, CoopError> {
    let started = Instant::now();
    let questions = match DesignQuestions::of(variant) {
        Ok(q) => q,
        Err(e) => return Ok(Entry::failed(variant, &e.to_string(), 1, 0.0)),
    };
    let mut entry = run_entry(variant, threads, base, control.clone())?;
    if questions.is_empty() || entry.status != Status::Ok {
        return Ok(entry);
    }
    let answered = variant_scenario(variant, base)
        .and_then(|scenario| Ok((scenario, run_settings(variant)?)))
        .map_err(DesignError::Coop)
        .and_then(|(scenario, settings)| {
            questions.answer(&scenario, &settings.options.effort, threads, control)
        });
    let seconds = started.elapsed().as_secs_f64();
    match answered {
        Ok(cells) => {
            entry.row.get_or_insert_with(Row::default).0.extend(cells.0);
            entry.seconds = seconds;
            Ok(entry)
        }
        Err(DesignError::Coop(CoopError::Cancelled)) => Err(CoopError::Cancelled),
        Err(e) => Ok(Entry::failed(variant, &e.to_string(), 1, seconds)),
    }
}

/// [`Spec::check_against`] (every change against the base scenario), then every variant's design
/// questions read ([`DesignQuestions::of`]), an error naming the spec place
/// (`s.toml: run.design: unknown design question "moon"`).
pub fn check_spec(spec: &Spec, base: &Scenario) -> Result<(), CoopError> {
    spec.check_against(base)?;
    for (index, variant) in spec.variants.iter().enumerate() {
        if let Err(e) = DesignQuestions::of(variant) {
            let text = e.to_string();
            let (key, reason) = match &e {
                DesignError::Input { field, message } => (
                    field.strip_prefix("changes.").unwrap_or(field).to_string(),
                    message.clone(),
                ),
                _ => ("design".to_string(), text),
            };
            return Err(CoopError::Input(format!(
                "{}: {}: {reason}",
                spec.origin(),
                spec.place(index, &key)
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use gongpei_coop::sweep::Base;
    use serde_json::{json, Value};

    use super::*;

    fn asking(changes: &[(&str, Value)]) -> Variant {
        let mut v = Variant::new("d", Base::preset("small", 1), 1)
            .with_change("iterations", 0)
            .with_change("allocate", "none")
            .with_change("modes", json!(["postal_express"]));
        for (key, value) in changes {
            v = v.with_change(key, value.clone());
        }
        v
    }

    fn error_of(changes: &[(&str, Value)]) -> String {
        DesignQuestions::of(&asking(changes))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn bad_questions_and_parameters_are_named() {
        let cases: Vec<(Vec<(&str, Value)>, &str)> = vec![
            (
                vec![("design", json!(["site", "site"]))],
                "changes.design: \"site\" is listed twice",
            ),
            (
                vec![("design", json!([3]))],
                "changes.design: expected question names",
            ),
            (
                vec![
                    ("design", json!(["site"])),
                    ("design_site.shortlist", json!(0)),
                ],
                "changes.design_site.shortlist: must be at least 1",
            ),
            (
                vec![
                    ("design", json!(["site"])),
                    ("design_site.hubs", json!([1])),
                ],
                "changes.design_site.hubs: 1: several-hub models need at least 2 hubs",
            ),
            (
                vec![
                    ("design", json!(["cover"])),
                    ("design_cover.modes", json!(["teleport"])),
                ],
                "changes.design_cover.modes: unknown mode",
            ),
            (
                vec![
                    ("design", json!(["cold"])),
                    ("design_cold.modes", json!(["separate"])),
                ],
                "changes.design_cold.modes: unknown parameter of the cold question",
            ),
            (
                vec![
                    ("design", json!(["cold"])),
                    ("design_cold.max_hours", json!([0])),
                ],
                "changes.design_cold.max_hours: 0: expected a positive number of hours",
            ),
            (
                vec![
                    ("design", json!(["site"])),
                    ("design_site.time_limit", json!(-1)),
                ],
                "changes.design_site.time_limit: expected a positive number of seconds",
            ),
            // A question not asked still has its values checked.
            (
                vec![("design_frequency.max_wait_days", json!([0]))],
                "changes.design_frequency.max_wait_days: max_wait_days[0]: 0 days",
            ),
            (
                vec![("design_site", json!(1))],
                "changes.design_site: unknown parameter of the site question",
            ),
        ];
        for (changes, expected) in cases {
            let err = error_of(&changes);
            assert!(
                err.starts_with(expected),
                "{changes:?}\n=> {err}\nexpected {expected}"
            );
        }
        let listed = DesignQuestions::of(&asking(&[
            ("design", json!(["frequency", "site"])),
            ("design_cover.radius_km", json!(3)),
        ]))
        .unwrap();
        assert_eq!(listed.names(), ["frequency", "site"]);
        assert!(DesignQuestions::of(&asking(&[])).unwrap().is_empty());
    }

    #[test]
    fn a_question_failing_on_the_scenario_fails_the_variant_naming_it() {
        let v = asking(&[
            ("design", json!(["site"])),
            ("design_site.candidates", json!(["nowhere"])),
        ]);
        let entry = run_design_entry(&v, 1, None, None).unwrap();
        assert_eq!(entry.status, Status::Failed);
        let error = entry.error.unwrap();
        assert!(
            error.starts_with("design_site: candidates: unknown site \"nowhere\""),
            "{error}"
        );
        // Without design questions the entry is coop's own.
        let plain = asking(&[]);
        let row = run_design_entry(&plain, 1, None, None)
            .unwrap()
            .row
            .unwrap();
        let theirs = run_entry(&plain, 1, None, None).unwrap().row.unwrap();
        assert_eq!(row, theirs);
    }
}
