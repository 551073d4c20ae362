//! Cost and operating parameters of the delivery system and its cooperation modes.

use super::VehicleProfile;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SiteId;

/// Parameters shared by all modes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostParameters {
    /// Currency of every money amount in the file (always `CNY` for now).
    pub currency: String,
    /// Site id of the shared district hub where carriers hand over in 邮快合作.
    pub shared_hub: SiteId,
    /// Site id of the cold store where chilled pickups must arrive.
    pub cold_store: SiteId,
    /// Handling cost per parcel sorted at the shared hub, yuan.
    pub hub_handling_per_parcel: f64,
    /// Handling cost per parcel cross-docked at a township centre, yuan.
    pub township_handling_per_parcel: f64,
    /// Handling time at a township centre between a trunk arrival and the departure of the
    /// last-mile routes it feeds, seconds.
    pub township_handling_s: i64,
    /// Time at the hub to sort all carriers' parcels before the first trunk departs, seconds.
    pub hub_sorting_s: i64,
    /// Extra handling time per parcel loaded on or off a bus, seconds.
    pub bus_transfer_s_per_parcel: i64,
    /// Maximum time from the pickup of a chilled parcel to its arrival at the cold store, seconds.
    pub max_chilled_duration_s: i64,
    /// Time by which all deliveries should be done, seconds after midnight.
    pub day_end_s: i64,
    /// CO2 emission factors per vehicle profile.
    pub co2_kg_per_km: Vec<Emission>,
    /// Commission the carriers pay the keeper of a village station (村级站点代办费) for each
    /// parcel handed over there, in or out, yuan; the same in every mode, so a transfer between
    /// carriers and station keepers that the stakeholder accounts show and the plans' costs
    /// leave out (default [`DEFAULT_VILLAGE_STATION_COMMISSION`]).
    #[serde(default = "default_village_station_commission")]
    pub village_station_commission_per_parcel: f64,
}

/// Default [`CostParameters::village_station_commission_per_parcel`], yuan: the lower end of the
/// 0.3-0.5 yuan a parcel commonly paid to village agents.
pub const DEFAULT_VILLAGE_STATION_COMMISSION: f64 = 0.3;

fn default_village_station_commission() -> f64 {
    DEFAULT_VILLAGE_STATION_COMMISSION
}

/// CO2 factor of one vehicle profile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Emission {
    /// Vehicle profile.
    pub profile: VehicleProfile,
    /// kg CO2 per vehicle-km.
    pub kg_per_km: f64,
}

impl CostParameters {
    /// The CO2 factor of `profile`, 0 when the file gives none.
    pub fn co2_for(&self, profile: VehicleProfile) -> f64 {
        self.co2_kg_per_km
            .iter()
            .find(|e| e.profile == profile)
            .map_or(0.0, |e| e.kg_per_km)
    }
}
