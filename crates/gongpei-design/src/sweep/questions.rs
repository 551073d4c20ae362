//! The design questions of a sweep variant: their names, their parameters read from the
//! variant's `design_QUESTION.PARAM` changes and checked, with errors naming the change.

use std::collections::BTreeMap;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::Duration;

use gongpei_coop::sweep::{on_threads, Row, Variant};
use gongpei_coop::{Effort, Mode, PlanControl};
use gongpei_locate::SolveOptions;
use gongpei_scenario::Scenario;
use serde_json::Value;

use super::answers::answer_one;
use crate::{
    ColdOptions, ColdStoreCosts, Coverage, DesignError, Evaluation, FrequencyParameters, Siting,
    SitingCosts, StationCosts, SITING_MODES,
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
pub(super) enum Question {
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
