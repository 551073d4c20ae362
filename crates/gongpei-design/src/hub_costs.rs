//! The location model of hub siting: the daily cost of serving each demand point (a township
//! centre's trunk volume, a carrier depot's feeder volume, a village without township served
//! straight from the hub) from each candidate hub, built from the world's travel matrices in the
//! same cost parts the `postal_express` routing pays (distance, time and a share of the vehicle's
//! fixed day per trip).

use gongpei_coop::World;
use gongpei_scenario::model::{Echelon, VehicleTypeSpec, SHARED_OPERATOR};
use serde::Serialize;

use crate::DesignError;

/// Loading or unloading time of a truck at a township centre or carrier depot, seconds: the
/// handover stop the routing plans there (`TRUNK_STOP_S` and `FEEDER_STOP_S` of gongpei-coop).
pub(crate) const HANDOVER_STOP_S: i64 = 600;

/// What a demand point of the siting model is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HubDemandKind {
    /// A township centre: trunk trips from the hub with the township's pooled volume.
    Township,
    /// A carrier depot: feeder trips bringing its parcels to the hub (and produce back).
    Depot,
    /// A village without township centre: last-mile van trips straight from the hub.
    HubDirectVillage,
}

/// One demand point of the siting model.
#[derive(Debug, Clone)]
pub(crate) struct HubDemand {
    pub site: usize,
    pub kind: HubDemandKind,
    /// Parcels and kilograms carried from the hub, and back to it.
    pub parcels_from_hub: i64,
    pub kg_from_hub: i64,
    pub parcels_to_hub: i64,
    pub kg_to_hub: i64,
    /// Index into [`HubCostModel::vehicles`] of the vehicle type making its trips.
    pub vehicle: usize,
}

impl HubDemand {
    /// Parcels sorted at the hub for this point (township and hub-direct volume; a depot's
    /// parcels are counted at the point they are sorted for).
    pub fn sorted_parcels(&self) -> i64 {
        match self.kind {
            HubDemandKind::Depot => 0,
            _ => self.parcels_from_hub + self.parcels_to_hub,
        }
    }

    /// Round trips a day: every trip carries at most one vehicle load each way (as the routing
    /// splits a stop's loads into vehicle-sized stops), at least one.
    pub fn trips(&self, v: &VehicleTypeSpec) -> i64 {
        let cap_p = v.capacity_parcels.max(1);
        let cap_kg = v.capacity_kg.max(1);
        [
            div_ceil(self.parcels_from_hub, cap_p),
            div_ceil(self.kg_from_hub, cap_kg),
            div_ceil(self.parcels_to_hub, cap_p),
            div_ceil(self.kg_to_hub, cap_kg),
            1,
        ]
        .into_iter()
        .max()
        .unwrap_or(1)
    }
}

fn div_ceil(a: i64, b: i64) -> i64 {
    (a + b - 1) / b
}

/// Daily trips, kilometres and cost of each demand point from each candidate.
#[derive(Debug, Clone)]
pub(crate) struct HubCostModel {
    pub points: Vec<HubDemand>,
    pub candidates: Vec<usize>,
    /// The vehicle types making the trips (trunk truck; last-mile van for hub-direct villages).
    pub vehicles: Vec<VehicleTypeSpec>,
    /// `points x candidates`: round trips a day.
    pub trips: Vec<i64>,
    /// `points x candidates`: kilometres a day.
    pub km: Vec<f64>,
    /// `points x candidates`: yuan a day.
    pub cost: Vec<f64>,
}

impl HubCostModel {
    /// Builds the model for `candidates` (site indices) of `world`.
    pub fn new(world: &World<'_>, candidates: &[usize]) -> Result<Self, DesignError> {
        let scenario = world.scenario;
        let smallest = |echelon: Echelon| {
            scenario
                .vehicle_types
                .iter()
                .filter(|v| v.operator == SHARED_OPERATOR && v.echelon == echelon)
                .min_by_key(|v| (v.capacity_parcels, v.capacity_kg))
                .cloned()
        };
        let trunk = smallest(Echelon::Trunk).ok_or_else(|| {
            DesignError::input(
                "vehicle_types",
                "siting needs a shared vehicle type with echelon `trunk` (the hub's trucks)",
            )
        })?;
        let mut vehicles = vec![trunk];
        let mut points: Vec<HubDemand> = Vec::new();
        let add = |points: &mut Vec<HubDemand>, site, kind, vehicle, load: [i64; 4]| {
            let p = match points.iter().position(|p| p.site == site && p.kind == kind) {
                Some(p) => p,
                None => {
                    points.push(HubDemand {
                        site,
                        kind,
                        parcels_from_hub: 0,
                        kg_from_hub: 0,
                        parcels_to_hub: 0,
                        kg_to_hub: 0,
                        vehicle,
                    });
                    points.len() - 1
                }
            };
            let d = &mut points[p];
            d.parcels_from_hub += load[0];
            d.kg_from_hub += load[1];
            d.parcels_to_hub += load[2];
            d.kg_to_hub += load[3];
        };
        for f in world.flows.iter().filter(|f| !f.chilled) {
            if f.parcels_in + f.kg_in + f.parcels_out + f.kg_out == 0 {
                continue;
            }
            let out = [f.parcels_in, f.kg_in, f.parcels_out, f.kg_out];
            match f.township {
                Some(t) => add(&mut points, t, HubDemandKind::Township, 0, out),
                None => {
                    if vehicles.len() == 1 {
                        let van = smallest(Echelon::LastMile).ok_or_else(|| {
                            DesignError::input(
                                "vehicle_types",
                                "villages without township are served from the hub, which needs a shared vehicle type with echelon `last_mile`",
                            )
                        })?;
                        vehicles.push(van);
                    }
                    add(
                        &mut points,
                        f.village,
                        HubDemandKind::HubDirectVillage,
                        1,
                        out,
                    )
                }
            }
            // A carrier without depots hands over at the hub wherever it is: no feeder.
            if !scenario.carriers[f.carrier].depots.is_empty() {
                // Collected at the depot: the day's parcels; dropped there: the produce.
                let feed = [f.parcels_out, f.kg_out, f.parcels_in, f.kg_in];
                add(&mut points, f.depot, HubDemandKind::Depot, 0, feed);
            }
        }
        if points.is_empty() {
            return Err(DesignError::input(
                "demand",
                "no ambient volume: nothing passes a hub, so there is nothing to site",
            ));
        }
        let (n, m) = (points.len(), candidates.len());
        let mut model = HubCostModel {
            points,
            candidates: candidates.to_vec(),
            vehicles,
            trips: vec![0; n * m],
            km: vec![0.0; n * m],
            cost: vec![0.0; n * m],
        };
        for i in 0..n {
            let point = &model.points[i];
            let v = &model.vehicles[point.vehicle];
            let trips = point.trips(v);
            for (j, &hub) in candidates.iter().enumerate() {
                if point.kind == HubDemandKind::Depot && point.site == hub {
                    continue; // a depot at the hub needs no feeder
                }
                let (there_m, there_s) = world.leg(v.profile, hub, point.site)?;
                let (back_m, back_s) = world.leg(v.profile, point.site, hub)?;
                let km = (there_m + back_m) as f64 / 1000.0;
                let hours = (there_s + back_s + HANDOVER_STOP_S) as f64 / 3600.0;
                // The vehicle's fixed day is paid in proportion to the shift a trip uses.
                let shift_h = (v.max_shift_s.max(1)) as f64 / 3600.0;
                let per_trip = km * v.cost_per_km
                    + hours * v.cost_per_hour
                    + v.fixed_cost_per_day * hours / shift_h;
                model.trips[i * m + j] = trips;
                model.km[i * m + j] = trips as f64 * km;
                model.cost[i * m + j] = trips as f64 * per_trip;
            }
        }
        Ok(model)
    }

    /// Parcels sorted at a hub serving every point.
    pub fn sorted_parcels(&self) -> i64 {
        self.points.iter().map(HubDemand::sorted_parcels).sum()
    }
}
