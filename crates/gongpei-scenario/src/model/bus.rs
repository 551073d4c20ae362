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
    /// The bus operator's own cost of loading, scanning and unloading one parcel (the crew's
    /// time), yuan; part of its marginal cost of carrying parcels, against which the fee revenue
    /// is set in the stakeholder accounts and the fee range (default
    /// [`DEFAULT_HANDLING_COST_PER_PARCEL`]).
    #[serde(default = "default_handling_cost_per_parcel")]
    pub handling_cost_per_parcel: f64,
    /// The operator's cost of each stop of a run at which parcels are loaded or unloaded (the
    /// longer dwell: driver's time, idling), yuan (default [`DEFAULT_HANDOVER_COST_PER_STOP`]).
    #[serde(default = "default_handover_cost_per_stop")]
    pub handover_cost_per_stop: f64,
    /// The operator's extra fuel per kilogram carried on a run, yuan (default
    /// [`DEFAULT_FUEL_COST_PER_KG`]).
    #[serde(default = "default_fuel_cost_per_kg")]
    pub fuel_cost_per_kg: f64,
}

/// Default [`BusLine::handling_cost_per_parcel`], yuan: about 10 s of a crew at 36 yuan an
/// hour (the generated scenarios' `costs.bus_transfer_s_per_parcel` is 10 s).
pub const DEFAULT_HANDLING_COST_PER_PARCEL: f64 = 0.1;
/// Default [`BusLine::handover_cost_per_stop`], yuan: about two minutes' longer dwell of a bus
/// (driver's time and idling, roughly 60 yuan an hour).
pub const DEFAULT_HANDOVER_COST_PER_STOP: f64 = 2.0;
/// Default [`BusLine::fuel_cost_per_kg`], yuan: a 10 t rural bus burning about 25 l of diesel
/// (7.5 yuan a litre) per 100 km spends about 0.0002 yuan per extra kilogram-km, 0.01 yuan per
/// kilogram over a 50 km line.
pub const DEFAULT_FUEL_COST_PER_KG: f64 = 0.01;

fn default_handling_cost_per_parcel() -> f64 {
    DEFAULT_HANDLING_COST_PER_PARCEL
}

fn default_handover_cost_per_stop() -> f64 {
    DEFAULT_HANDOVER_COST_PER_STOP
}

fn default_fuel_cost_per_kg() -> f64 {
    DEFAULT_FUEL_COST_PER_KG
}

/// One run of a bus line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BusRun {
    /// Departure from the first stop, seconds after midnight.
    pub departure_s: i64,
}
