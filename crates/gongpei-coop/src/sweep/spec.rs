//! Sweep specifications in TOML: a base scenario, changes shared by every variant, a grid of
//! changes whose every combination is a variant, and explicit variants (each crossed with the
//! grid). Expanded into [`Variant`]s, and checked against the base scenario so that a change
//! that does not fit it is reported at its place in the spec (`grid.demand_scale.nobody`).
//!
//! ```toml
//! [base]
//! preset = "small"          # or file = "scenario.json" (relative to the spec's folder)
//! seed = 1                  # the preset's generator seed
//!
//! [run]                     # changes of every variant
//! iterations = 0
//! allocate = "none"
//!
//! [grid]                    # every combination (the last key written varies fastest)
//! seed = [1, 2]             # engine seed
//! demand_scale = [0.8, 1.0, 1.25]
//! "bus_fee" = [0.5, 1.0]
//!
//! [[variants]]              # explicit variants, each crossed with the grid
//! id = "peak"
//! "demand_scale.zto" = 1.5
//! ```
//!
//! A `[game]` table turns the spec into one variant's coalition game (see
//! [`super::game_files`]): every coalition's cost planned as its own task, then every allocation
//! rule from the full table.
//!
//! ```toml
//! [game]
//! variant = "peak"          # which variant (may be left out when the spec has only one)
//! batch = 8                 # coalitions per task (default 8)
//! ```
//!
//! Keys may be written dotted or nested (`demand_scale.zto = 1.5` and `[run.demand_scale]
//! zto = 1.5` are the same change). `seed` is the variant's engine seed (default 1) and
//! `base_seed` the preset's generator seed; every other key is a change (see
//! [`super::changes`]). `design = ["site"]` and `design_QUESTION.PARAM` keys ask for design
//! questions: accepted here, checked and answered by `gongpei_design::sweep`.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::changes::{apply_changes, run_settings};
use super::{Base, Variant};
use crate::CoopError;

/// A parsed spec: where each change was written, for errors.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The base scenario.
    pub base: Base,
    /// The expanded variants, in order.
    pub variants: Vec<Variant>,
    /// The `[game]` table, when the spec asks for a coalition game instead of a sweep.
    pub game: Option<GameSpec>,
    /// For each variant, the spec place of each of its changes (`run.iterations`, `grid.seed`,
    /// `variants[1].demand_scale`).
    origins: Vec<BTreeMap<String, String>>,
    /// The spec's name in errors (its file).
    origin: String,
}

/// The `[game]` table of a spec: the coalition game of one of its variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GameSpec {
    /// Id of the variant whose game is computed (resolved: the only variant when not written).
    pub variant: String,
    /// Coalitions planned per task (at least 1).
    pub batch: usize,
}

/// Coalitions per task when `[game]` does not say.
pub const DEFAULT_GAME_BATCH: usize = 8;

fn spec_error(origin: &str, message: impl std::fmt::Display) -> CoopError {
    CoopError::Input(format!("{origin}: {message}"))
}

/// Flattens nested tables into dotted keys, in the order written.
fn flatten(
    origin: &str,
    prefix: &str,
    value: &toml::Value,
    out: &mut Vec<(String, Value)>,
) -> Result<(), CoopError> {
    match value {
        toml::Value::Table(fields) => {
            for (k, v) in fields {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(origin, &key, v, out)?;
            }
        }
        other => {
            let json = serde_json::to_value(other)
                .map_err(|e| spec_error(origin, format!("{prefix}: {e}")))?;
            out.push((prefix.to_string(), json));
        }
    }
    Ok(())
}

fn table_of(
    origin: &str,
    root: &toml::Table,
    key: &str,
) -> Result<Vec<(String, Value)>, CoopError> {
    let mut out = Vec::new();
    match root.get(key) {
        None => {}
        Some(v @ toml::Value::Table(_)) => flatten(origin, "", v, &mut out)?,
        Some(_) => return Err(spec_error(origin, format!("{key}: expected a table"))),
    }
    Ok(out)
}

impl Spec {
    /// Parses the spec file at `path` (a base `file` is relative to its folder).
    pub fn from_file(path: &Path) -> Result<Spec, CoopError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CoopError::Input(format!("{}: {e}", path.display())))?;
        let folder = path.parent().unwrap_or(Path::new("."));
        Spec::from_toml(&text, &path.display().to_string(), folder)
    }

    /// Parses spec text; `origin` names it in errors, `folder` resolves a relative base file.
    pub fn from_toml(text: &str, origin: &str, folder: &Path) -> Result<Spec, CoopError> {
        let root: toml::Table = toml::from_str(text).map_err(|e| spec_error(origin, e))?;
        if let Some(unknown) = root
            .keys()
            .find(|k| !["base", "run", "grid", "variants", "game"].contains(&k.as_str()))
        {
            return Err(spec_error(
                origin,
                format!("unknown table {unknown:?}; a spec has base, run, grid, variants and game"),
            ));
        }
        let base_value = root.get("base").cloned().ok_or_else(|| {
            spec_error(
                origin,
                "no [base] table (preset = \"small\" or file = \"x.json\")",
            )
        })?;
        let mut base: Base = base_value
            .try_into()
            .map_err(|e| spec_error(origin, format!("base: {e}")))?;
        base.check("base").map_err(|e| spec_error(origin, e))?;
        if let Some(file) = &base.file {
            if file.is_relative() {
                base.file = Some(folder.join(file));
            }
        }
        if base.preset.is_some() && base.seed.is_none() {
            base.seed = Some(1);
        }
        let run = table_of(origin, &root, "run")?;
        let grid = table_of(origin, &root, "grid")?;
        let mut axes: Vec<(String, Vec<Value>)> = Vec::new();
        for (key, value) in grid {
            match value {
                Value::Array(items) if !items.is_empty() => axes.push((key, items)),
                _ => {
                    return Err(spec_error(
                        origin,
                        format!("grid.{key}: expected a non-empty list of values"),
                    ))
                }
            }
        }
        let explicit: Vec<Vec<(String, Value)>> = match root.get("variants") {
            None => vec![Vec::new()],
            Some(toml::Value::Array(items)) if !items.is_empty() => items
                .iter()
                .enumerate()
                .map(|(i, v)| match v {
                    toml::Value::Table(_) => {
                        let mut out = Vec::new();
                        flatten(origin, "", v, &mut out)?;
                        Ok(out)
                    }
                    _ => Err(spec_error(
                        origin,
                        format!("variants[{i}]: expected a table"),
                    )),
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(spec_error(origin, "variants: expected [[variants]] tables")),
        };
        let combos: usize = axes.iter().map(|(_, v)| v.len()).product();
        let total = explicit.len() * combos;
        let width = total.saturating_sub(1).to_string().len().max(3);
        let mut variants = Vec::with_capacity(total);
        let mut origins = Vec::with_capacity(total);
        for (e, fixed) in explicit.iter().enumerate() {
            for k in 0..combos {
                let mut changes: Vec<(String, Value, String)> = run
                    .iter()
                    .map(|(key, v)| (key.clone(), v.clone(), format!("run.{key}")))
                    .collect();
                let mut own_id = None;
                for (key, v) in fixed {
                    if key == "id" {
                        own_id = Some(v.as_str().map(str::to_string).ok_or_else(|| {
                            spec_error(origin, format!("variants[{e}].id: expected a string"))
                        })?);
                        continue;
                    }
                    changes.push((key.clone(), v.clone(), format!("variants[{e}].{key}")));
                }
                // Mixed radix: the last axis varies fastest.
                let mut rest = k;
                let mut picks = vec![0; axes.len()];
                for (a, (_, values)) in axes.iter().enumerate().rev() {
                    picks[a] = rest % values.len();
                    rest /= values.len();
                }
                for ((key, values), &p) in axes.iter().zip(&picks) {
                    if let Some(place) = changes
                        .iter()
                        .find(|c| c.0 == *key && c.2.starts_with("variants"))
                    {
                        return Err(spec_error(
                            origin,
                            format!("grid.{key} and {} both set it; keep one", place.2),
                        ));
                    }
                    changes.push((key.clone(), values[p].clone(), format!("grid.{key}")));
                }
                let index = variants.len();
                let id = match own_id {
                    Some(id) if combos == 1 => id,
                    Some(id) => format!("{id}-{k}"),
                    None => format!("v{index:0width$}"),
                };
                let (variant, places) = assemble(origin, &id, &base, changes)?;
                variants.push(variant);
                origins.push(places);
            }
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(dup) = variants.iter().find(|v| !seen.insert(v.id.clone())) {
            return Err(spec_error(
                origin,
                format!("variant id {:?} is used twice", dup.id),
            ));
        }
        let game = match root.get("game") {
            None => None,
            Some(table) => Some(game_spec(origin, table, &variants)?),
        };
        Ok(Spec {
            base,
            variants,
            game,
            origins,
            origin: origin.to_string(),
        })
    }

    /// Where the change `key` of the `index`-th variant was written (`run.iterations`,
    /// `grid.seed`, `variants[1].design`), for errors of checks made outside this crate (the
    /// design questions); the key itself when the variant has no such change.
    pub fn place(&self, index: usize, key: &str) -> String {
        self.origins
            .get(index)
            .and_then(|places| places.get(key))
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// The spec's name in errors (its file, or the origin given to [`Spec::from_toml`]).
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The variant whose coalition game the `[game]` table asks for.
    pub fn game_variant(&self) -> Option<&Variant> {
        let game = self.game.as_ref()?;
        self.variants.iter().find(|v| v.id == game.variant)
    }

    /// Checks every change of every variant against `base` (the base scenario): an unknown key,
    /// carrier, township, line or vehicle type, or a bad value, is an error naming the spec
    /// place (`grid.demand_scale.nobody`). Each distinct (place, value) is tried once.
    pub fn check_against(&self, base: &gongpei_scenario::Scenario) -> Result<(), CoopError> {
        let mut tried = std::collections::HashSet::new();
        for (variant, places) in self.variants.iter().zip(&self.origins) {
            for (key, value) in &variant.changes {
                let place = places.get(key).cloned().unwrap_or_else(|| key.clone());
                if !tried.insert((place.clone(), value.to_string())) {
                    continue;
                }
                let one = Variant::new(&variant.id, variant.base.clone(), variant.seed)
                    .with_change(key, value.clone());
                let mut scenario = base.clone();
                apply_changes(&mut scenario, &one)
                    .and_then(|()| run_settings(&one).map(|_| ()))
                    .map_err(|e| {
                        let text = e.to_string();
                        let reason = text
                            .strip_prefix(&format!("changes.{key}: "))
                            .unwrap_or(&text)
                            .to_string();
                        spec_error(&self.origin, format!("{place}: {reason}"))
                    })?;
            }
        }
        Ok(())
    }
}

/// A TOML value as it would read in JSON, for errors.
fn shown(value: &toml::Value) -> String {
    serde_json::to_value(value).map_or_else(|_| format!("{value:?}"), |v| v.to_string())
}

/// Reads the `[game]` table and resolves its variant among `variants`.
fn game_spec(
    origin: &str,
    table: &toml::Value,
    variants: &[Variant],
) -> Result<GameSpec, CoopError> {
    let fields = table
        .as_table()
        .ok_or_else(|| spec_error(origin, "game: expected a table"))?;
    if let Some(unknown) = fields
        .keys()
        .find(|k| !["variant", "batch"].contains(&k.as_str()))
    {
        return Err(spec_error(
            origin,
            format!("game.{unknown}: unknown key; [game] has variant and batch"),
        ));
    }
    let batch = match fields.get("batch") {
        None => DEFAULT_GAME_BATCH,
        Some(v) => v
            .as_integer()
            .filter(|&b| b >= 1)
            .and_then(|b| usize::try_from(b).ok())
            .ok_or_else(|| {
                spec_error(
                    origin,
                    format!("game.batch: expected a whole number >= 1, got {}", shown(v)),
                )
            })?,
    };
    let ids = || {
        variants
            .iter()
            .map(|v| v.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let variant = match fields.get("variant") {
        Some(toml::Value::String(id)) => {
            variants.iter().find(|v| &v.id == id).ok_or_else(|| {
                spec_error(
                    origin,
                    format!("game.variant: no variant {id:?}; the spec has {}", ids()),
                )
            })?
        }
        Some(other) => {
            return Err(spec_error(
                origin,
                format!(
                    "game.variant: expected a variant id (a string), got {}",
                    shown(other)
                ),
            ))
        }
        None if variants.len() == 1 => &variants[0],
        None => {
            return Err(spec_error(
                origin,
                format!(
                "game.variant: the spec has {} variants ({}); name the one whose game to compute",
                variants.len(),
                ids()
            ),
            ))
        }
    };
    if variant.changes.get("allocate") == Some(&Value::from("none")) {
        return Err(spec_error(
            origin,
            format!(
                "game.variant: variant {:?} has allocate = \"none\"; a game needs the mode whose cost it splits",
                variant.id
            ),
        ));
    }
    Ok(GameSpec {
        variant: variant.id.clone(),
        batch,
    })
}

/// One variant from its changes in spec order; `seed` and `base_seed` become fields, a key set
/// twice keeps the later place (run < variants < grid).
fn assemble(
    origin: &str,
    id: &str,
    base: &Base,
    changes: Vec<(String, Value, String)>,
) -> Result<(Variant, BTreeMap<String, String>), CoopError> {
    let mut variant = Variant::new(id, base.clone(), 1);
    let mut places = BTreeMap::new();
    for (key, value, place) in changes {
        match key.as_str() {
            "seed" | "base_seed" => {
                let n = value.as_u64().ok_or_else(|| {
                    spec_error(
                        origin,
                        format!("{place}: expected a whole number >= 0, got {value}"),
                    )
                })?;
                if key == "seed" {
                    variant.seed = n;
                } else if variant.base.preset.is_some() {
                    variant.base.seed = Some(n);
                } else {
                    return Err(spec_error(
                        origin,
                        format!("{place}: base_seed applies to a preset base, not a file"),
                    ));
                }
            }
            _ => {
                variant.changes.insert(key.clone(), value);
                places.insert(key, place);
            }
        }
    }
    Ok((variant, places))
}
