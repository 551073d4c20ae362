//! Provenance of a scenario: sources and their licences, and which parts are synthetic.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where the scenario came from.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// Free-text description.
    pub description: String,
    /// Coordinate reference system of all positions (always `WGS84`).
    pub coordinate_system: String,
    /// The district the scenario describes (official name and code), used to title reports and
    /// name outputs; absent for hand-made or partial scenarios.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<DistrictIdentity>,
    /// Generator and preset that produced the file, if generated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<String>,
    /// Seed of the generator, if generated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Data sources with their licences (attribution as required).
    #[serde(default)]
    pub sources: Vec<SourceCredit>,
    /// Parts of the scenario that are generated rather than taken from a source.
    #[serde(default)]
    pub synthetic: Vec<SyntheticPart>,
}

/// One data source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceCredit {
    /// Short key, e.g. `vonng2016`.
    pub key: String,
    /// What it is and where it lives (repository, path, commit).
    pub title: String,
    /// Licence, e.g. `CC BY 4.0`.
    pub licence: String,
    /// Which parts of the scenario use it.
    pub used_for: String,
}

/// One synthetic part and how it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SyntheticPart {
    /// Which part, e.g. `village_positions`, `roads`, `demand`.
    pub part: String,
    /// How it was generated.
    pub method: String,
}

/// Official identity of the district a scenario describes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DistrictIdentity {
    /// Official division code (NBS 统计用区划代码, 6 digits for a county-level unit), e.g. `120119`.
    pub code: String,
    /// Official name, e.g. 蓟州区.
    pub name: String,
}
