//! Daily demand per village and carrier, both directions.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{CarrierId, SiteId};

/// Temperature class of a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Temperature {
    /// No temperature control needed.
    #[default]
    Ambient,
    /// Must ride a refrigerated vehicle or compartment (fresh food in, fresh produce out), and
    /// reach the cold store within `costs.max_chilled_duration_s` of pickup.
    Chilled,
}

/// A time window in seconds after midnight, `start_s <= end_s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeWindow {
    /// Earliest service start.
    pub start_s: i64,
    /// Latest service start.
    pub end_s: i64,
}

/// One carrier's daily flows at one village for one temperature class.
///
/// Deliveries (`*_in`) go from the carrier's depot to the village; pickups (`*_out`, e.g. fruit
/// and other produce sold online) go from the village back to the depot (or the cold store).
/// Every quantity is a non-negative integer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    /// Site id of a village station.
    pub village: SiteId,
    /// Carrier id.
    pub carrier: CarrierId,
    /// Temperature class of these flows.
    #[serde(default)]
    pub temperature: Temperature,
    /// Parcels delivered into the village per day.
    pub parcels_in: i64,
    /// Kilograms delivered into the village per day.
    pub kg_in: i64,
    /// Parcels picked up from the village per day (produce and returns).
    #[serde(default)]
    pub parcels_out: i64,
    /// Kilograms picked up from the village per day.
    #[serde(default)]
    pub kg_out: i64,
    /// Service time at the village for this record, seconds.
    #[serde(default)]
    pub service_s: i64,
    /// When the village accepts this service; the site's opening hours otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_window: Option<TimeWindow>,
}
