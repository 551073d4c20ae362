//! The road part of a scenario: edges between sites, or an OpenStreetMap extract the sites are
//! snapped onto, or travel matrices from elsewhere; speeds and the no-road fallback.
//!
//! File paths (`osm.file`, `matrices[].csv`, ...) are relative to the scenario file's folder
//! (kept in [`Roads::base_dir`] when the scenario is read from a file) unless absolute. How
//! they are resolved into a network and matrices is `crate::travel`.

use std::path::PathBuf;

use super::{RoadClass, SpeedTable, VehicleProfile};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SiteId;

/// Road graph of the scenario.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roads {
    /// Road segments. Empty (and no `osm`) means "no road data": travel is haversine distance
    /// times `detour_factor` at the `fallback_class` speed.
    #[serde(default)]
    pub edges: Vec<RoadEdge>,
    /// Roads read from an OpenStreetMap extract, every site snapped onto its nearest usable
    /// road; replaces `edges` (which must then be empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub osm: Option<OsmRoads>,
    /// Travel matrices from elsewhere (e.g. a map service's table API), at most one per vehicle
    /// profile; they replace the routed matrices of that profile.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub matrices: Vec<ExternalMatrix>,
    /// Folder that relative paths are resolved against: the scenario file's folder, set by
    /// `from_json_file`; `None` means the current directory. Not part of the file, and not
    /// compared by `==` (the same scenario may be read from two places).
    #[serde(skip)]
    pub base_dir: Option<PathBuf>,
    /// km/h per vehicle profile and road class.
    #[serde(default)]
    pub speeds_kmh: SpeedTable,
    /// Ratio of road distance to straight-line distance used when there are no edges (>= 1).
    #[serde(default = "default_detour")]
    pub detour_factor: f64,
    /// Road class whose speeds apply in the no-road fallback.
    #[serde(default = "default_fallback_class")]
    pub fallback_class: RoadClass,
}

fn default_detour() -> f64 {
    1.3
}

fn default_fallback_class() -> RoadClass {
    RoadClass::County
}

impl PartialEq for Roads {
    fn eq(&self, other: &Self) -> bool {
        // `base_dir` is where the file was read, not what it says.
        self.edges == other.edges
            && self.osm == other.osm
            && self.matrices == other.matrices
            && self.speeds_kmh == other.speeds_kmh
            && self.detour_factor == other.detour_factor
            && self.fallback_class == other.fallback_class
    }
}

impl Default for Roads {
    fn default() -> Self {
        Roads {
            edges: Vec::new(),
            osm: None,
            matrices: Vec::new(),
            base_dir: None,
            speeds_kmh: SpeedTable::default(),
            detour_factor: default_detour(),
            fallback_class: default_fallback_class(),
        }
    }
}

/// One road segment between two sites (junction sites shape the graph).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoadEdge {
    /// Site id at one end.
    pub from: SiteId,
    /// Site id at the other end.
    pub to: SiteId,
    /// Length along the road, metres (> 0).
    pub length_m: f64,
    /// Functional class, which sets the speed per vehicle profile.
    pub class: RoadClass,
    /// When true the segment can only be driven from `from` to `to`.
    #[serde(default)]
    pub one_way: bool,
}

/// Roads from an OpenStreetMap `.osm.pbf` extract (see the `gongpei-osm` crate for the tag
/// mapping); one file instead of one site per junction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OsmRoads {
    /// The `.osm.pbf` file, relative to the scenario file's folder unless absolute.
    pub file: String,
    /// Largest accepted distance from a site to its nearest usable road, metres; a site
    /// farther away is an error naming it.
    #[serde(default = "default_max_snap_m")]
    pub max_snap_m: f64,
}

fn default_max_snap_m() -> f64 {
    2000.0
}

/// Distance and duration matrices of one vehicle profile, from files keyed by site id: either
/// a long CSV (`from,to,distance_m,duration_s`, one row per ordered pair of sites), or two
/// square `.npy` arrays (metres, seconds) with a text file listing the site id of each row
/// (one id per line). Every non-junction site must appear, every pair between the sites that
/// appear must be given, values finite and >= 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalMatrix {
    /// Vehicle profile the matrices are for.
    pub profile: VehicleProfile,
    /// Long-format CSV file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csv: Option<String>,
    /// `.npy` array of distances in metres (n x n).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance_npy: Option<String>,
    /// `.npy` array of durations in seconds (n x n).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_npy: Option<String>,
    /// Text file with the site id of each row/column of the `.npy` arrays, one per line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_ids: Option<String>,
}
