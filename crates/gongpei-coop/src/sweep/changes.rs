//! The vocabulary of a variant's changes, and applying them: to the scenario (demand, bus lines,
//! fleets, handling costs) and to the comparison's settings (modes, allocation, effort). Every
//! change is checked against the scenario, and an error names the change's key (`changes.KEY`)
//! and what the scenario has instead.
//!
//! | key | value | applies |
//! | --- | --- | --- |
//! | `demand_scale`, `demand_scale.CARRIER` | factor >= 0 | parcels and kg in and out of every (the carrier's) demand record, rounded to whole units |
//! | `township_demand_scale.TOWNSHIP` | factor >= 0 | the same for the villages of a township centre (site id) |
//! | `bus_fee`, `bus_fee.LINE` | CNY per parcel >= 0 | every (one) bus line's fee |
//! | `bus_spare_parcels`, `bus_spare_parcels.LINE` | integer >= 0 | spare parcels per run |
//! | `bus_spare_kg`, `bus_spare_kg.LINE` | integer >= 0 | spare kilograms per run |
//! | `fleet_count.TYPE` | integer >= 0 | vehicles of a vehicle type per base |
//! | `hub_handling_per_parcel`, `township_handling_per_parcel` | CNY >= 0 | handling costs |
//! | `modes` | list of mode names | modes planned (`separate` always) |
//! | `allocate` | mode name or `none` | the mode whose joint cost is allocated |
//! | `rules` | list of rule names | allocation rules reported in the row (default: all) |
//! | `iterations`, `clients_per_step`, `strategy` | integers, `hgs`/`ils`/`auto` | mode plans' effort |
//! | `coalition_iterations`, `coalition_strategy` | integer, strategy | coalition plans' effort |
//! | `permutations` | integer | sampled Shapley (above 10 carriers) |
//! | `design`, `design_QUESTION.PARAM` | list of question names, their parameters | accepted and left alone here: the design questions a variant asks for are read and answered by `gongpei_design::sweep`, which depends on this crate |
//!
//! Demand factors multiply (`demand_scale` x `demand_scale.zto` x `township_demand_scale.T`).

use gongpei_scenario::model::SiteTier;
use gongpei_scenario::Scenario;
use serde_json::Value;

use super::Variant;
use crate::compare::CompareOptions;
use crate::game::parse_strategy;
use crate::modes::Mode;
use crate::subproblem::Effort;
use crate::CoopError;

/// What a variant asks of the comparison beyond the scenario.
#[derive(Debug, Clone)]
pub struct RunSettings {
    /// The comparison's options (modes, allocation, effort, seed).
    pub options: CompareOptions,
    /// Allocation rules to report (`None`: all).
    pub rules: Option<Vec<String>>,
}

/// Allocation rule names a `rules` change may list.
pub const RULES: [&str; 7] = [
    "shapley",
    "shapley_sampled",
    "proportional_volume",
    "proportional_standalone",
    "equal_profit",
    "nucleolus",
    "least_core",
];

fn bad(key: &str, message: impl std::fmt::Display) -> CoopError {
    CoopError::Input(format!("changes.{key}: {message}"))
}

fn number(key: &str, value: &Value) -> Result<f64, CoopError> {
    match value.as_f64() {
        Some(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(bad(key, format!("expected a number >= 0, got {value}"))),
    }
}

fn count(key: &str, value: &Value) -> Result<u64, CoopError> {
    match value {
        Value::Number(n) if n.as_u64().is_some() => Ok(n.as_u64().unwrap_or_default()),
        Value::Number(n)
            if n.as_f64()
                .is_some_and(|x| x >= 0.0 && x.fract() == 0.0 && x < 9e15) =>
        {
            Ok(n.as_f64().unwrap_or_default() as u64)
        }
        _ => Err(bad(
            key,
            format!("expected a whole number >= 0, got {value}"),
        )),
    }
}

fn text<'v>(key: &str, value: &'v Value) -> Result<&'v str, CoopError> {
    value
        .as_str()
        .ok_or_else(|| bad(key, format!("expected a string, got {value}")))
}

fn names(key: &str, value: &Value) -> Result<Vec<String>, CoopError> {
    let items = value
        .as_array()
        .ok_or_else(|| bad(key, format!("expected a list of names, got {value}")))?;
    items
        .iter()
        .map(|v| text(key, v).map(str::to_string))
        .collect()
}

/// `known` in a readable list for "did you mean" errors (the first 12).
fn listing<'a>(known: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = known.collect();
    let mut shown = all.iter().take(12).copied().collect::<Vec<_>>().join(", ");
    if all.len() > 12 {
        shown.push_str(&format!(", ... ({} in all)", all.len()));
    }
    shown
}

/// Whether `name` (a change key's part before the first dot) is the parameter table of a design
/// question (`design_site`, `design_cover`, ...): left to `gongpei_design::sweep`, which checks
/// the question's name and parameters.
pub fn is_design_key(name: &str) -> bool {
    name.strip_prefix("design_").is_some_and(|q| !q.is_empty())
}

/// Applies the scenario changes of `variant` to `scenario` (the run settings are left to
/// [`run_settings`]). Unknown keys and names the scenario does not have are errors.
///
/// ```
/// use gongpei_coop::sweep::{apply_changes, Base, Variant};
/// let mut s = gongpei_scenario::generate::generate(gongpei_scenario::generate::Preset::Small, 1).unwrap();
/// let before = s.total_parcels_in();
/// let v = Variant::new("double", Base::preset("small", 1), 1).with_change("demand_scale", 2.0);
/// apply_changes(&mut s, &v).unwrap();
/// assert!((s.total_parcels_in() - 2 * before).abs() <= s.demand.len() as i64);
/// let wrong = Variant::new("x", Base::preset("small", 1), 1).with_change("demand_scale.nobody", 2.0);
/// let err = apply_changes(&mut s, &wrong).unwrap_err().to_string();
/// assert!(err.starts_with("changes.demand_scale.nobody: unknown carrier"), "{err}");
/// ```
pub fn apply_changes(scenario: &mut Scenario, variant: &Variant) -> Result<(), CoopError> {
    let mut factors = vec![1.0f64; scenario.demand.len()];
    for (key, value) in &variant.changes {
        let (name, target) = match key.split_once('.') {
            Some((name, target)) => (name, Some(target)),
            None => (key.as_str(), None),
        };
        match (name, target) {
            ("demand_scale", target) => {
                let factor = number(key, value)?;
                if let Some(carrier) = target {
                    if scenario.carrier_index(carrier).is_none() {
                        return Err(bad(key, format!(
                            "unknown carrier {carrier:?}; the scenario has {}",
                            listing(scenario.carriers.iter().map(|c| c.id.as_str()))
                        )));
                    }
                }
                for (f, d) in factors.iter_mut().zip(&scenario.demand) {
                    if target.is_none_or(|c| d.carrier == c) {
                        *f *= factor;
                    }
                }
            }
            ("township_demand_scale", Some(township)) => {
                let factor = number(key, value)?;
                let is_centre = scenario
                    .sites
                    .iter()
                    .any(|s| s.id == township && s.tier == SiteTier::TownshipCentre);
                if !is_centre {
                    let centres = scenario
                        .sites
                        .iter()
                        .filter(|s| s.tier == SiteTier::TownshipCentre)
                        .map(|s| s.id.as_str());
                    return Err(bad(key, format!(
                        "unknown township {township:?} (a township centre's site id); the scenario has {}",
                        listing(centres)
                    )));
                }
                let villages: std::collections::HashSet<&str> = scenario
                    .sites
                    .iter()
                    .filter(|s| s.township.as_deref() == Some(township))
                    .map(|s| s.id.as_str())
                    .collect();
                for (f, d) in factors.iter_mut().zip(&scenario.demand) {
                    if villages.contains(d.village.as_str()) {
                        *f *= factor;
                    }
                }
            }
            ("bus_fee" | "bus_spare_parcels" | "bus_spare_kg", target) => {
                apply_bus(scenario, key, name, target, value)?;
            }
            ("fleet_count", Some(vehicle_type)) => {
                let n = count(key, value)?;
                let n = u32::try_from(n).map_err(|_| bad(key, format!("{n} vehicles is too many")))?;
                let known = scenario.vehicle_types.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
                let t = scenario
                    .vehicle_types
                    .iter_mut()
                    .find(|t| t.id == vehicle_type)
                    .ok_or_else(|| bad(key, format!(
                        "unknown vehicle type {vehicle_type:?}; the scenario has {}",
                        listing(known.iter().map(String::as_str))
                    )))?;
                t.count = n;
            }
            ("hub_handling_per_parcel", None) => {
                scenario.costs.hub_handling_per_parcel = number(key, value)?;
            }
            ("township_handling_per_parcel", None) => {
                scenario.costs.township_handling_per_parcel = number(key, value)?;
            }
            (
                "modes" | "allocate" | "rules" | "iterations" | "clients_per_step" | "strategy"
                | "coalition_iterations" | "coalition_strategy" | "permutations",
                None,
            ) => {}
            // The design questions are read (and their names and parameters checked) by
            // gongpei-design, which builds on this crate and so cannot be called from here.
            ("design", None) => {}
            (question, Some(_)) if is_design_key(question) => {}
            _ => {
                return Err(bad(key, "unknown change; see the table in `gongpei_coop::sweep::changes` \
                     (demand_scale[.CARRIER], township_demand_scale.TOWNSHIP, bus_fee[.LINE], \
                     bus_spare_parcels[.LINE], bus_spare_kg[.LINE], fleet_count.TYPE, \
                     hub_handling_per_parcel, township_handling_per_parcel, modes, allocate, rules, \
                     iterations, clients_per_step, strategy, coalition_iterations, \
                     coalition_strategy, permutations, design, design_QUESTION.PARAM)"))
            }
        }
    }
    for (f, d) in factors.into_iter().zip(scenario.demand.iter_mut()) {
        if f != 1.0 {
            let scale = |x: i64| (x as f64 * f).round() as i64;
            d.parcels_in = scale(d.parcels_in);
            d.kg_in = scale(d.kg_in);
            d.parcels_out = scale(d.parcels_out);
            d.kg_out = scale(d.kg_out);
        }
    }
    Ok(())
}

fn apply_bus(
    scenario: &mut Scenario,
    key: &str,
    name: &str,
    line: Option<&str>,
    value: &Value,
) -> Result<(), CoopError> {
    if let Some(line) = line {
        if !scenario.bus_lines.iter().any(|l| l.id == line) {
            return Err(bad(
                key,
                format!(
                    "unknown bus line {line:?}; the scenario has {}",
                    if scenario.bus_lines.is_empty() {
                        "none".to_string()
                    } else {
                        listing(scenario.bus_lines.iter().map(|l| l.id.as_str()))
                    }
                ),
            ));
        }
    } else if scenario.bus_lines.is_empty() {
        return Err(bad(key, "the scenario has no bus lines"));
    }
    let fee = if name == "bus_fee" {
        Some(number(key, value)?)
    } else {
        None
    };
    let spare = if name == "bus_fee" {
        None
    } else {
        Some(i64::try_from(count(key, value)?).map_err(|_| bad(key, "too large"))?)
    };
    for l in scenario
        .bus_lines
        .iter_mut()
        .filter(|l| line.is_none_or(|id| l.id == id))
    {
        match (name, fee, spare) {
            ("bus_fee", Some(fee), _) => l.fee_per_parcel = fee,
            ("bus_spare_parcels", _, Some(n)) => l.spare_parcels_per_run = n,
            (_, _, Some(n)) => l.spare_kg_per_run = n,
            _ => {}
        }
    }
    Ok(())
}

/// The comparison settings of `variant`: those of `gongpei scenario compare` (mode plans at
/// HGS, 100 iterations per 100 clients; coalitions at ILS, 0 iterations; every mode; the
/// `postal_express` game) with the variant's run changes applied.
pub fn run_settings(variant: &Variant) -> Result<RunSettings, CoopError> {
    let seed = variant.seed;
    let mut options = CompareOptions {
        effort: Effort::modes_default(seed),
        coalition_effort: Effort::coalitions_default(seed),
        ..Default::default()
    };
    let mut rules = None;
    for (key, value) in &variant.changes {
        match key.as_str() {
            "modes" => {
                options.modes = names(key, value)?
                    .iter()
                    .map(|m| m.parse::<Mode>().map_err(|e| bad(key, e)))
                    .collect::<Result<_, _>>()?;
            }
            "allocate" => {
                options.allocate = match text(key, value)? {
                    "none" => None,
                    mode => Some(mode.parse().map_err(|e| bad(key, e))?),
                };
            }
            "rules" => {
                let listed = names(key, value)?;
                if let Some(unknown) = listed.iter().find(|r| !RULES.contains(&r.as_str())) {
                    return Err(bad(
                        key,
                        format!("unknown rule {unknown:?}; expected {}", RULES.join(", ")),
                    ));
                }
                rules = Some(listed);
            }
            "iterations" => options.effort.iterations = count(key, value)?,
            "clients_per_step" => options.effort.clients_per_step = count(key, value)?,
            "strategy" => {
                options.effort.strategy =
                    parse_strategy(text(key, value)?).map_err(|e| bad(key, e))?
            }
            "coalition_iterations" => options.coalition_effort.iterations = count(key, value)?,
            "coalition_strategy" => {
                options.coalition_effort.strategy =
                    parse_strategy(text(key, value)?).map_err(|e| bad(key, e))?
            }
            "permutations" => {
                options.permutations = usize::try_from(count(key, value)?)
                    .ok()
                    .filter(|&p| p > 0)
                    .ok_or_else(|| bad(key, "expected at least 1 permutation"))?
            }
            _ => {}
        }
    }
    Ok(RunSettings { options, rules })
}
