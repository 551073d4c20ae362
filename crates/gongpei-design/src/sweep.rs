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

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gongpei_coop::sweep::{
    on_threads, run_entry, run_settings, variant_scenario, Entry, Row, Spec, Status, Variant,
};
use gongpei_coop::{CoopError, Effort, Mode, PlanControl};
use gongpei_locate::SolveOptions;
use gongpei_scenario::Scenario;
use serde_json::Value;

use crate::{
    design_cold, keep_township_demand, plan_frequency, ColdOptions, ColdStoreCosts, Coverage,
    DesignError, Evaluation, FrequencyParameters, ModeFigures, Siting, SitingCosts, StationCosts,
    SITING_MODES,
};

/// The design questions a variant may list in its `design` change.
pub const QUESTIONS: [&str; 4] = ["site", "cover", "cold", "frequency"];

/// Parameters every question takes beside its own.
const COMMON: [&str; 2] = ["iterations", "modes"];

/// Each question's own parameters (the flags of its `gongpei design` subcommand).
fn parameters(question: &str) -> &'static [&'static str] {
    match question {
        "site" => &[
            "candidates",
            "shortlist",
            "hubs",
            "fixed_per_day",
            "capacity",
            "handling_per_parcel",
            "time_limit",
        ],
        "cover" => &[
            "radius_km",
            "max_stations",
            "k_radius_km",
            "candidates",
            "build_capital",
            "upgrade_capital",
            "build_operating_per_day",
            "upgrade_operating_per_day",
            "amortisation_years",
            "model_only",
            "time_limit",
        ],
        "cold" => &[
            "candidates",
            "max_hours",
            "store_capital",
            "store_life_years",
            "store_running_per_day",
            "time_limit",
        ],
        _ => &[
            "max_wait_days",
            "max_moves",
            "handover_s_per_parcel",
            "townships",
        ],
    }
}

/// Whether `question` takes parameter `name`.
fn takes(question: &str, name: &str) -> bool {
    // `design_cold` plans its collection as `postal_express` whatever the modes (see
    // [`design_cold`]), so it does not offer a `modes` that would be ignored.
    let common = COMMON.contains(&name) && !(question == "cold" && name == "modes");
    common || parameters(question).contains(&name)
}

/// An input error naming the variant's change `key` (`changes.design_site.shortlist`).
fn bad(key: &str, message: impl std::fmt::Display) -> DesignError {
    DesignError::input(format!("changes.{key}"), message.to_string())
}

/// One question's parameters as the variant gives them, read with the error naming the change.
struct Params<'v> {
    question: &'static str,
    given: BTreeMap<String, &'v Value>,
}

impl<'v> Params<'v> {
    fn key(&self, name: &str) -> String {
        format!("design_{}.{name}", self.question)
    }

    fn get(&self, name: &str) -> Option<&'v Value> {
        self.given.get(name).copied()
    }

    fn number(&self, name: &str) -> Result<Option<f64>, DesignError> {
        self.get(name)
            .map(|v| match v.as_f64() {
                Some(x) if x.is_finite() && x >= 0.0 => Ok(x),
                _ => Err(bad(
                    &self.key(name),
                    format!("expected a number >= 0, got {v}"),
                )),
            })
            .transpose()
    }

    fn count_of(&self, name: &str, v: &Value) -> Result<u64, DesignError> {
        v.as_u64().ok_or_else(|| {
            bad(
                &self.key(name),
                format!("expected a whole number >= 0, got {v}"),
            )
        })
    }

    fn count(&self, name: &str) -> Result<Option<u64>, DesignError> {
        self.get(name).map(|v| self.count_of(name, v)).transpose()
    }

    /// The items of a list parameter; a single value is a list of one.
    fn items(&self, name: &str) -> Option<Vec<&'v Value>> {
        self.get(name).map(|v| match v {
            Value::Array(items) => items.iter().collect(),
            one => vec![one],
        })
    }

    fn numbers(&self, name: &str) -> Result<Option<Vec<f64>>, DesignError> {
        self.items(name)
            .map(|items| {
                items
                    .into_iter()
                    .map(|v| match v.as_f64() {
                        Some(x) if x.is_finite() => Ok(x),
                        _ => Err(bad(&self.key(name), format!("expected numbers, got {v}"))),
                    })
                    .collect()
            })
            .transpose()
    }

    fn counts(&self, name: &str) -> Result<Option<Vec<u64>>, DesignError> {
        self.items(name)
            .map(|items| items.into_iter().map(|v| self.count_of(name, v)).collect())
            .transpose()
    }

    fn texts(&self, name: &str) -> Result<Option<Vec<String>>, DesignError> {
        self.items(name)
            .map(|items| {
                items
                    .into_iter()
                    .map(|v| {
                        v.as_str().map(str::to_string).ok_or_else(|| {
                            bad(&self.key(name), format!("expected names (text), got {v}"))
                        })
                    })
                    .collect()
            })
            .transpose()
    }

    fn flag(&self, name: &str) -> Result<bool, DesignError> {
        match self.get(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(v) => Err(bad(
                &self.key(name),
                format!("expected true or false, got {v}"),
            )),
        }
    }

    fn modes(&self, default: &[Mode]) -> Result<Vec<Mode>, DesignError> {
        let Some(names) = self.texts("modes")? else {
            return Ok(default.to_vec());
        };
        if names.is_empty() {
            return Err(bad(&self.key("modes"), "no mode given"));
        }
        names
            .iter()
            .map(|m| m.parse::<Mode>().map_err(|e| bad(&self.key("modes"), e)))
            .collect()
    }

    fn solve(&self) -> Result<SolveOptions, DesignError> {
        let time_limit = match self.get("time_limit") {
            None => None,
            Some(v) => match v.as_f64() {
                Some(s) if s.is_finite() && s > 0.0 => Some(Duration::from_secs_f64(s)),
                _ => {
                    return Err(bad(
                        &self.key("time_limit"),
                        format!("expected a positive number of seconds, got {v}"),
                    ))
                }
            },
        };
        Ok(SolveOptions {
            time_limit,
            ..SolveOptions::default()
        })
    }
}

/// One question with its parameters read and checked.
#[derive(Debug, Clone)]
enum Question {
    Site {
        siting: Siting,
    },
    Cover {
        coverage: Coverage,
        radii_km: Vec<f64>,
        k_radius_km: f64,
        max_stations: Vec<usize>,
        model_only: bool,
    },
    Cold {
        options: ColdOptions,
        limits_s: Vec<Option<i64>>,
    },
    Frequency {
        params: FrequencyParameters,
        townships: Vec<String>,
    },
}

/// A question, the modes its routing plans and its iteration budget (`None`: the variant's).
#[derive(Debug, Clone)]
struct Asked {
    question: Question,
    modes: Vec<Mode>,
    iterations: Option<u64>,
}

/// The design questions a variant asks for, in the order its `design` change lists them, with
/// their parameters read from its `design_QUESTION.PARAM` changes and checked.
#[derive(Debug, Clone, Default)]
pub struct DesignQuestions {
    asked: Vec<Asked>,
}

impl DesignQuestions {
    /// Reads the questions of `variant`. Errors name the change: an unknown question
    /// (`changes.design: unknown design question "x"`), a question listed twice, an unknown
    /// parameter (`changes.design_site.shortlst`), a bad value. Parameters of a known question
    /// the variant does not list are accepted and unused, so that a grid may switch questions
    /// on and off with their parameters in `[run]`.
    ///
    /// ```
    /// use gongpei_coop::sweep::{Base, Variant};
    /// let v = Variant::new("d", Base::preset("small", 1), 1)
    ///     .with_change("design", serde_json::json!(["site", "moon"]));
    /// let err = gongpei_design::sweep::DesignQuestions::of(&v).unwrap_err().to_string();
    /// assert!(err.starts_with("changes.design: unknown design question \"moon\""), "{err}");
    /// ```
    pub fn of(variant: &Variant) -> Result<DesignQuestions, DesignError> {
        let mut given: BTreeMap<&'static str, BTreeMap<String, &Value>> = BTreeMap::new();
        for (key, value) in &variant.changes {
            let Some(rest) = key.strip_prefix("design_") else {
                continue;
            };
            let (question, name) = rest.split_once('.').unwrap_or((rest, ""));
            let Some(&question) = QUESTIONS.iter().find(|&&q| q == question) else {
                return Err(bad(
                    key,
                    format!(
                        "unknown design question {question:?}; expected {}",
                        QUESTIONS.join(", ")
                    ),
                ));
            };
            if !takes(question, name) {
                let mut known: Vec<&str> = COMMON
                    .iter()
                    .copied()
                    .filter(|n| takes(question, n))
                    .collect();
                known.extend(parameters(question));
                return Err(bad(
                    key,
                    format!(
                        "unknown parameter of the {question} question; it takes {}",
                        known.join(", ")
                    ),
                ));
            }
            given
                .entry(question)
                .or_default()
                .insert(name.to_string(), value);
        }
        let names: Vec<String> = match variant.changes.get("design") {
            None => Vec::new(),
            Some(v) => {
                let items = match v {
                    Value::Array(items) => items.iter().collect::<Vec<_>>(),
                    one => vec![one],
                };
                let mut names = Vec::new();
                for item in items {
                    let Some(name) = item.as_str() else {
                        return Err(bad(
                            "design",
                            format!("expected question names (text), got {item}"),
                        ));
                    };
                    if !QUESTIONS.contains(&name) {
                        return Err(bad(
                            "design",
                            format!(
                                "unknown design question {name:?}; expected {}",
                                QUESTIONS.join(", ")
                            ),
                        ));
                    }
                    if names.iter().any(|n| n == name) {
                        return Err(bad("design", format!("{name:?} is listed twice")));
                    }
                    names.push(name.to_string());
                }
                names
            }
        };
        let mut asked = Vec::new();
        for name in &names {
            let question = QUESTIONS
                .iter()
                .copied()
                .find(|q| q == name)
                .unwrap_or("site");
            let params = Params {
                question,
                given: given.remove(question).unwrap_or_default(),
            };
            asked.push(read_question(&params)?);
        }
        // Parameters of questions not asked are still read, so a bad value is reported before a
        // grid's other variants ask for that question.
        for (question, values) in given {
            read_question(&Params {
                question,
                given: values,
            })?;
        }
        Ok(DesignQuestions { asked })
    }

    /// Whether no question is asked.
    pub fn is_empty(&self) -> bool {
        self.asked.is_empty()
    }

    /// The questions' names, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.asked
            .iter()
            .map(|a| match a.question {
                Question::Site { .. } => "site",
                Question::Cover { .. } => "cover",
                Question::Cold { .. } => "cold",
                Question::Frequency { .. } => "frequency",
            })
            .collect()
    }

    /// Answers every question on `scenario` (the variant's changed scenario) with the routing
    /// at `effort`, on `threads` threads (HiGHS on as many), and returns their columns. A stop
    /// through `control` is `CoopError::Cancelled`; a hurry gives hurried figures, marked in
    /// each question's `hurried` column.
    pub fn answer(
        &self,
        scenario: &Scenario,
        effort: &Effort,
        threads: usize,
        control: Option<Arc<PlanControl>>,
    ) -> Result<Row, DesignError> {
        let highs_threads = u32::try_from(threads).ok().and_then(NonZeroU32::new);
        let mut row = Row::default();
        for asked in &self.asked {
            let evaluation = Evaluation {
                modes: asked.modes.clone(),
                effort: Effort {
                    iterations: asked.iterations.unwrap_or(effort.iterations),
                    ..effort.clone()
                },
                control: control.clone(),
            };
            let cells = on_threads(threads, || {
                Ok(answer_one(
                    &asked.question,
                    scenario,
                    &evaluation,
                    highs_threads,
                ))
            })
            .map_err(DesignError::Coop)??;
            row.0.extend(cells.0);
        }
        Ok(row)
    }
}

/// Reads one question's parameters (see the module table for the defaults).
fn read_question(p: &Params<'_>) -> Result<Asked, DesignError> {
    let iterations = p.count("iterations")?;
    let (question, modes) = match p.question {
        "site" => {
            let defaults = SitingCosts::default();
            let costs = SitingCosts {
                fixed_per_day: p.number("fixed_per_day")?.unwrap_or(defaults.fixed_per_day),
                capacity_parcels: p.number("capacity")?.unwrap_or(defaults.capacity_parcels),
                handling_per_parcel: p.number("handling_per_parcel")?,
            };
            let shortlist = p.count("shortlist")?.unwrap_or(5);
            if shortlist == 0 {
                return Err(bad(&p.key("shortlist"), "must be at least 1"));
            }
            let hub_counts = p
                .counts("hubs")?
                .unwrap_or_else(|| vec![2, 3])
                .into_iter()
                .map(|h| usize::try_from(h).unwrap_or(usize::MAX))
                .collect::<Vec<_>>();
            if let Some(h) = hub_counts.iter().find(|&&h| h < 2) {
                return Err(bad(
                    &p.key("hubs"),
                    format!(
                        "{h}: several-hub models need at least 2 hubs (one hub is the shortlist)"
                    ),
                ));
            }
            let siting = Siting {
                candidates: p.texts("candidates")?,
                costs,
                shortlist: usize::try_from(shortlist).unwrap_or(usize::MAX),
                hub_counts,
                solve: p.solve()?,
            };
            siting
                .costs
                .validate()
                .map_err(|e| rename(e, p, "siting_costs."))?;
            (Question::Site { siting }, p.modes(&SITING_MODES)?)
        }
        "cover" => {
            let defaults = StationCosts::default();
            let costs = StationCosts {
                build_capital: p.number("build_capital")?.unwrap_or(defaults.build_capital),
                upgrade_capital: p
                    .number("upgrade_capital")?
                    .unwrap_or(defaults.upgrade_capital),
                build_operating_per_day: p
                    .number("build_operating_per_day")?
                    .unwrap_or(defaults.build_operating_per_day),
                upgrade_operating_per_day: p
                    .number("upgrade_operating_per_day")?
                    .unwrap_or(defaults.upgrade_operating_per_day),
                amortisation_years: p
                    .number("amortisation_years")?
                    .unwrap_or(defaults.amortisation_years),
            };
            costs
                .validate()
                .map_err(|e| rename(e, p, "station_costs."))?;
            let radii_km = p
                .numbers("radius_km")?
                .unwrap_or_else(|| vec![2.0, 3.0, 5.0]);
            let max_stations = p
                .counts("max_stations")?
                .unwrap_or_default()
                .into_iter()
                .map(|k| usize::try_from(k).unwrap_or(usize::MAX))
                .collect::<Vec<_>>();
            if radii_km.is_empty() && max_stations.is_empty() {
                return Err(bad(
                    &p.key("radius_km"),
                    "no radius and no station count (max_stations) to design for",
                ));
            }
            let k_radius_km = match p.number("k_radius_km")? {
                Some(r) => r,
                None => radii_km.first().copied().unwrap_or(3.0),
            };
            let coverage = Coverage {
                costs,
                candidates: p.texts("candidates")?,
                solve: p.solve()?,
            };
            (
                Question::Cover {
                    coverage,
                    radii_km,
                    k_radius_km,
                    max_stations,
                    model_only: p.flag("model_only")?,
                },
                p.modes(&SITING_MODES)?,
            )
        }
        "cold" => {
            let defaults = ColdStoreCosts::default();
            let costs = ColdStoreCosts {
                capital_yuan: p.number("store_capital")?.unwrap_or(defaults.capital_yuan),
                life_years: p.number("store_life_years")?.unwrap_or(defaults.life_years),
                operating_per_day: p
                    .number("store_running_per_day")?
                    .unwrap_or(defaults.operating_per_day),
            };
            if costs.life_years <= 0.0 {
                return Err(bad(&p.key("store_life_years"), "must be above 0"));
            }
            let limits_s = match p.numbers("max_hours")? {
                None => vec![None],
                Some(hours) if hours.is_empty() => {
                    return Err(bad(&p.key("max_hours"), "no limit given"))
                }
                Some(hours) => hours
                    .into_iter()
                    .map(|h| {
                        if h > 0.0 {
                            Ok(Some((h * 3600.0).round() as i64))
                        } else {
                            Err(bad(
                                &p.key("max_hours"),
                                format!("{h}: expected a positive number of hours"),
                            ))
                        }
                    })
                    .collect::<Result<_, _>>()?,
            };
            let options = ColdOptions {
                candidates: p.texts("candidates")?,
                max_precooling_s: None,
                costs,
                solve: p.solve()?,
            };
            // The collection is planned as `postal_express` (see `design_cold`).
            (
                Question::Cold { options, limits_s },
                vec![Mode::PostalExpress],
            )
        }
        _ => {
            let defaults = FrequencyParameters::default();
            let max_wait_days = match p.numbers("max_wait_days")? {
                None => defaults.max_wait_days.clone(),
                Some(days) => days
                    .into_iter()
                    .map(|d| {
                        if d.fract() == 0.0 && d.abs() < 1e9 {
                            Ok(d as i64)
                        } else {
                            Err(bad(
                                &p.key("max_wait_days"),
                                format!("{d}: expected whole days"),
                            ))
                        }
                    })
                    .collect::<Result<_, _>>()?,
            };
            let params = FrequencyParameters {
                max_wait_days,
                handover_s_per_parcel: p
                    .number("handover_s_per_parcel")?
                    .unwrap_or(defaults.handover_s_per_parcel),
                max_moves: p.count("max_moves")?.map_or(defaults.max_moves, |m| {
                    usize::try_from(m).unwrap_or(usize::MAX)
                }),
            };
            params.validate().map_err(|e| rename(e, p, ""))?;
            (
                Question::Frequency {
                    params,
                    townships: p.texts("townships")?.unwrap_or_default(),
                },
                p.modes(&[Mode::PostalExpress, Mode::Separate])?,
            )
        }
    };
    Ok(Asked {
        question,
        modes,
        iterations,
    })
}

/// A library validation error (`siting_costs.fixed_per_day: ...`, `max_wait_days[1]: ...`) as
/// one naming the variant's change (`changes.design_site.fixed_per_day: ...`).
fn rename(e: DesignError, p: &Params<'_>, library_prefix: &str) -> DesignError {
    match e {
        DesignError::Input { field, message } => {
            let field = field.strip_prefix(library_prefix).unwrap_or(&field);
            let name = field.split('[').next().unwrap_or(field);
            // The CLI flag names of the costs differ from the library's field names.
            let name = match name {
                "capacity_parcels" => "capacity",
                other => other,
            };
            bad(&p.key(name), format!("{field}: {message}"))
        }
        other => other,
    }
}

/// The columns of one question's answer, prefixed `design_QUESTION.`.
fn answer_one(
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
    use serde_json::json;

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
