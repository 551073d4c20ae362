//! One variant of a sweep: a base scenario (a bundled preset and its generator seed, or a
//! scenario file), an engine seed and parameter changes keyed by name (see [`super::changes`]
//! for the vocabulary). Plain data with a stable JSON form, which is what travels to worker
//! processes and cluster tasks and what the checkpoint's hash is taken of.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::CoopError;

/// The scenario a variant starts from: exactly one of `preset` (with the generator's `seed`) and
/// `file`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Base {
    /// Bundled preset (`small`, `jizhou`), generated on the worker (needs no file there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// Generator seed of the preset (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Scenario JSON file (a path the worker can read; the Ray backend ships the text instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<PathBuf>,
}

impl Base {
    /// A bundled preset generated with `seed`.
    pub fn preset(name: &str, seed: u64) -> Self {
        Base {
            preset: Some(name.to_string()),
            seed: Some(seed),
            file: None,
        }
    }

    /// Checks that exactly one source is named (`key` names the spec table in errors).
    pub fn check(&self, key: &str) -> Result<(), CoopError> {
        match (&self.preset, &self.file) {
            (Some(_), None) => Ok(()),
            (None, Some(_)) if self.seed.is_none() => Ok(()),
            (None, Some(_)) => Err(CoopError::Input(format!(
                "{key}.seed: a seed applies to a preset; a scenario file is used as it is"
            ))),
            (Some(_), Some(_)) => Err(CoopError::Input(format!(
                "{key}: give either preset or file, not both"
            ))),
            (None, None) => Err(CoopError::Input(format!(
                "{key}: name a preset (preset = \"small\") or a scenario file (file = \"x.json\")"
            ))),
        }
    }

    /// Short text for progress lines and tables, e.g. `small#1` or the file name.
    pub fn label(&self) -> String {
        match (&self.preset, &self.file) {
            (Some(p), _) => format!("{p}#{}", self.seed.unwrap_or(1)),
            (None, Some(f)) => f.display().to_string(),
            (None, None) => "?".to_string(),
        }
    }
}

/// One scenario variant: `base` with `changes` applied, planned with engine seed `seed`.
///
/// ```
/// use gongpei_coop::sweep::{Base, Variant};
/// let v = Variant::new("peak", Base::preset("small", 1), 1)
///     .with_change("demand_scale", 1.5)
///     .with_change("modes", serde_json::json!(["postal_express"]));
/// assert_eq!(v.hash(), Variant::from_json(&v.to_json()).unwrap().hash());
/// assert_ne!(v.hash(), v.clone().with_change("demand_scale", 1.6).hash());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    /// Name of the variant, unique within its sweep (the checkpoint's key with the hash).
    pub id: String,
    /// The scenario it starts from.
    pub base: Base,
    /// Engine seed (same seed, same answer).
    pub seed: u64,
    /// Parameter changes by key (`demand_scale.zto`, `bus_fee`, `modes`, ...), in key order.
    #[serde(default)]
    pub changes: BTreeMap<String, serde_json::Value>,
}

impl Variant {
    /// A variant of `base` with no changes.
    pub fn new(id: &str, base: Base, seed: u64) -> Self {
        Variant {
            id: id.to_string(),
            base,
            seed,
            changes: BTreeMap::new(),
        }
    }

    /// The variant with one more change (replacing one of the same key).
    pub fn with_change(mut self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.changes.insert(key.to_string(), value.into());
        self
    }

    /// The variant's JSON (its stable, canonical form: keys in order).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a variant is plain data and always serialises")
    }

    /// Reads a variant from its JSON form.
    pub fn from_json(text: &str) -> Result<Self, CoopError> {
        let variant: Variant = serde_json::from_str(text)
            .map_err(|e| CoopError::Input(format!("variant JSON: {e}")))?;
        variant.base.check("base")?;
        Ok(variant)
    }

    /// Hash of the definition (base, seed and changes; not the id): 16 hex digits of 64-bit
    /// FNV-1a over the canonical JSON. A checkpoint entry is reused only when id and hash match.
    pub fn hash(&self) -> String {
        let definition = serde_json::json!({
            "base": self.base,
            "seed": self.seed,
            "changes": self.changes,
        });
        let text = definition.to_string();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in text.as_bytes() {
            h ^= u64::from(*byte);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }

    /// The variant's parameter columns of its row: `base`, `seed`, then every change (lists
    /// joined with `+`, e.g. `separate+postal_express`).
    pub fn params(&self) -> Vec<(String, serde_json::Value)> {
        let mut out = vec![
            ("base".to_string(), self.base.label().into()),
            ("seed".to_string(), self.seed.into()),
        ];
        for (key, value) in &self.changes {
            let cell = match value {
                serde_json::Value::Array(items) => items
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join("+")
                    .into(),
                other => other.clone(),
            };
            out.push((key.clone(), cell));
        }
        out
    }
}
