//! The road part of a scenario: edges between sites, speeds and the no-road fallback.

use gongpei_network::{RoadClass, SpeedTable};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SiteId;

/// Road graph of the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Roads {
    /// Road segments. Empty means "no road data": travel is haversine distance times
    /// `detour_factor` at the `fallback_class` speed.
    #[serde(default)]
    pub edges: Vec<RoadEdge>,
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

impl Default for Roads {
    fn default() -> Self {
        Roads {
            edges: Vec::new(),
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
