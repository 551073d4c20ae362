//! Vehicle types of each operator, with their costs and limits.

use super::VehicleProfile;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SiteId;

/// The `operator` value of vehicles run jointly for the cooperation modes (共配车队), typically
/// operated by China Post at the district hub and township centres.
pub const SHARED_OPERATOR: &str = "shared";

/// Which leg of the delivery chain a vehicle type serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Echelon {
    /// Depot -> villages -> depot, one carrier's own routes (`separate` mode).
    Direct,
    /// District hub -> township centres (first echelon of 邮快合作).
    Trunk,
    /// Township centre -> villages (second echelon of 邮快合作).
    LastMile,
}

/// A vehicle type of one operator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VehicleTypeSpec {
    /// Unique id, e.g. `zto_van`.
    pub id: String,
    /// Carrier id owning the vehicles, or `"shared"` ([`SHARED_OPERATOR`]).
    pub operator: String,
    /// Leg served.
    pub echelon: Echelon,
    /// Routing profile (sets speeds and which travel matrix applies).
    pub profile: VehicleProfile,
    /// Vehicles available per base: per depot of the operator (`direct`), at the hub
    /// (`trunk`), or per township centre (`last_mile`).
    pub count: u32,
    /// Capacity in parcels.
    pub capacity_parcels: i64,
    /// Capacity in kilograms.
    pub capacity_kg: i64,
    /// Whether the vehicle can carry chilled goods.
    #[serde(default)]
    pub refrigerated: bool,
    /// Cost per vehicle used per day (driver's daily wage share, depreciation), yuan.
    pub fixed_cost_per_day: f64,
    /// Cost per km driven (fuel, wear), yuan.
    pub cost_per_km: f64,
    /// Cost per hour on duty, yuan.
    pub cost_per_hour: f64,
    /// Maximum shift length, seconds.
    pub max_shift_s: i64,
    /// Earliest departure from the base, seconds after midnight.
    #[serde(default = "default_shift_start")]
    pub shift_start_s: i64,
    /// Fixed base for this type, overriding the operator's depots / hub / township centres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<SiteId>,
}

fn default_shift_start() -> i64 {
    7 * 3600
}
