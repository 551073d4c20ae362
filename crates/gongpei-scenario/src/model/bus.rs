//! Scheduled bus lines with spare parcel capacity (交邮合作, "transport + postal").

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SiteId;

/// A bus line: a fixed sequence of stops and a timetable of runs.
///
/// A run departs the first stop at `departure_s` and reaches stop `k` at
/// `departure_s + stop_offsets_s[k]`. Parcels may be loaded at any stop and unloaded at a later
/// stop of the same run, up to `spare_parcels_per_run` and `spare_kg_per_run` on board at once:
/// the limit holds on every segment between two consecutive stops, so a run carries more in all
/// when loads board and alight along the way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BusLine {
    /// Unique id, e.g. `ccT3` for 村村通3路.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Bus company operating the line.
    pub operator: String,
    /// Site ids of the stops in driving order (at least two). Stops may be bus stops,
    /// township centres or village stations.
    pub stops: Vec<SiteId>,
    /// Arrival time at each stop relative to the run's departure, seconds; starts at 0 and
    /// never decreases; same length as `stops`.
    pub stop_offsets_s: Vec<i64>,
    /// The runs of the day in this direction.
    pub runs: Vec<BusRun>,
    /// Parcels the luggage space can take per run.
    pub spare_parcels_per_run: i64,
    /// Kilograms the luggage space can take per run.
    pub spare_kg_per_run: i64,
    /// Fee paid to the bus company per parcel carried, yuan.
    pub fee_per_parcel: f64,
    /// Fee paid to the bus company per kilogram carried, yuan, added to the per-parcel fee
    /// (default 0).
    #[serde(default)]
    pub fee_per_kg: f64,
    /// Stop where carriers' vans hand parcels over to this line and collect what it brings back
    /// (a site id among `stops`). Default: the district's bus station, the end stop shared by
    /// the most lines. Lines from different towns name their own, so each has its station.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handover: Option<SiteId>,
    /// Whether chilled goods may ride (an insulated box on board).
    #[serde(default)]
    pub chilled_allowed: bool,
}

/// One run of a bus line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BusRun {
    /// Departure from the first stop, seconds after midnight.
    pub departure_s: i64,
}
