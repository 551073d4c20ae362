//! Key figures of a plan, for the whole mode and per carrier: daily cost and its parts,
//! vehicle-km, vehicles, driver-hours, parcels per vehicle-km, villages served, lead times, CO2.
//!
//! Lead time of a parcel: from the time parcels are available in the district (the earliest
//! shift start of any vehicle type, i.e. the start of the delivery day) to the start of service
//! at its village, or the bus's arrival there; averages are weighted by parcels.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::plan::Plan;
use crate::world::World;

/// Figures of one mode, or of one carrier within a mode.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Kpis {
    /// Total daily cost, yuan (routes + bus fees + handling).
    pub cost: f64,
    /// Fixed vehicle cost, yuan.
    pub fixed_cost: f64,
    /// Distance cost, yuan.
    pub distance_cost: f64,
    /// Time cost, yuan.
    pub time_cost: f64,
    /// Bus fees, yuan.
    pub bus_fees: f64,
    /// Feeder routes between the carriers' depots and the hub (their fixed, distance and time
    /// cost, which the three parts above leave out), yuan.
    pub feeder_cost: f64,
    /// Handling at hub and township centres, yuan.
    pub handling_cost: f64,
    /// Vehicle-kilometres.
    pub vehicle_km: f64,
    /// Vehicles used (routes).
    pub vehicles: usize,
    /// Driver-hours on duty.
    pub driver_hours: f64,
    /// Parcels moved (in + out).
    pub parcels: i64,
    /// Parcels per vehicle-km.
    pub parcels_per_vehicle_km: f64,
    /// Villages served.
    pub villages_served: usize,
    /// Parcel-weighted average lead time, hours.
    pub avg_lead_time_h: f64,
    /// Worst lead time, hours.
    pub worst_lead_time_h: f64,
    /// CO2, kg.
    pub co2_kg: f64,
    /// Parcels carried by bus runs.
    pub bus_parcels: i64,
    /// B2B cases of the commerce partners' shops delivered on an average day (not in `parcels`).
    pub b2b_cases: i64,
    /// Cost of the commerce partners' own vans (their replenishment runs outside 快商合作, their
    /// shuttles to the hub in it), yuan; part of `cost`, paid by no carrier.
    pub commerce_own_cost: f64,
}

/// Start of the delivery day: the earliest shift start of any vehicle type.
pub fn day_start(world: &World<'_>) -> i64 {
    world
        .scenario
        .vehicle_types
        .iter()
        .map(|v| v.shift_start_s)
        .min()
        .unwrap_or(0)
}

/// Delivery time per flow (service start, or bus arrival).
fn delivery_times(plan: &Plan) -> HashMap<usize, i64> {
    let mut out = HashMap::new();
    for r in &plan.routes {
        for s in &r.stops {
            for &k in &s.flows {
                out.insert(k, s.service_start_s);
            }
        }
    }
    for b in plan.bus.iter().filter(|b| b.inbound) {
        for &k in &b.flows {
            out.insert(k, b.arrival_s);
        }
    }
    out
}

/// Mode-level figures.
pub fn plan_kpis(world: &World<'_>, plan: &Plan) -> Kpis {
    let mut k = route_kpis(world, plan, |_| true);
    k.bus_fees = plan.bus_fees() + 0.0;
    k.handling_cost = plan.handling_cost;
    k.cost =
        k.fixed_cost + k.distance_cost + k.time_cost + k.feeder_cost + k.bus_fees + k.handling_cost;
    k.bus_parcels = plan.bus.iter().map(|b| b.parcels).sum();
    demand_kpis(world, plan, &plan.flows, &mut k);
    k.b2b_cases = plan
        .replenishment
        .iter()
        .filter_map(|&j| world.replenishment.get(j))
        .map(|d| d.cases)
        .sum();
    let own = route_kpis(world, plan, |op| world.scenario.commerce.is_operator(op));
    k.commerce_own_cost = own.fixed_cost + own.distance_cost + own.time_cost + own.feeder_cost;
    k
}

/// Per-carrier figures: its own fleet's routes, the bus fees of its flows, its parcels, villages
/// and lead times. Shared vehicles and handling are not attributed here (that is what the cost
/// allocation does); for `separate` these figures are complete.
pub fn carrier_kpis(world: &World<'_>, plan: &Plan, carrier: usize) -> Kpis {
    let id = &world.scenario.carriers[carrier].id;
    let mut k = route_kpis(world, plan, |op| op == id);
    k.bus_fees = crate::modes::bus_fees_by_carrier(world, plan)
        .get(&carrier)
        .copied()
        .unwrap_or(0.0);
    k.cost = k.fixed_cost + k.distance_cost + k.time_cost + k.feeder_cost + k.bus_fees;
    let own: Vec<usize> = plan
        .flows
        .iter()
        .copied()
        .filter(|&f| world.flows[f].carrier == carrier)
        .collect();
    k.bus_parcels = plan
        .bus
        .iter()
        .map(|b| {
            b.flows
                .iter()
                .filter(|&&f| world.flows[f].carrier == carrier)
                .map(|&f| {
                    if b.inbound {
                        world.flows[f].parcels_in
                    } else {
                        world.flows[f].parcels_out
                    }
                })
                .sum::<i64>()
        })
        .sum();
    demand_kpis(world, plan, &own, &mut k);
    k
}

fn route_kpis(world: &World<'_>, plan: &Plan, include: impl Fn(&str) -> bool) -> Kpis {
    let mut k = Kpis::default();
    for r in plan.routes.iter().filter(|r| include(&r.operator)) {
        let Some(spec) = world
            .scenario
            .vehicle_types
            .iter()
            .find(|v| v.id == r.vehicle)
        else {
            continue;
        };
        let km = r.distance_m as f64 / 1000.0;
        let h = r.duration_s as f64 / 3600.0;
        k.vehicles += 1;
        k.vehicle_km += km;
        k.driver_hours += h;
        if r.leg == crate::plan::Leg::Feeder {
            k.feeder_cost +=
                spec.fixed_cost_per_day + km * spec.cost_per_km + h * spec.cost_per_hour;
        } else {
            k.fixed_cost += spec.fixed_cost_per_day;
            k.distance_cost += km * spec.cost_per_km;
            k.time_cost += h * spec.cost_per_hour;
        }
        k.co2_kg += km * world.scenario.costs.co2_for(r.profile);
    }
    k
}

fn demand_kpis(world: &World<'_>, plan: &Plan, flows: &[usize], k: &mut Kpis) {
    let times = delivery_times(plan);
    let start = day_start(world);
    let mut villages = BTreeSet::new();
    let (mut weighted, mut weight, mut worst) = (0.0, 0i64, 0i64);
    for &f in flows {
        let flow = &world.flows[f];
        k.parcels += flow.parcels_in + flow.parcels_out;
        villages.insert(flow.village);
        if let Some(&t) = times.get(&f) {
            if flow.parcels_in > 0 {
                let lead = (t - start).max(0);
                weighted += (lead * flow.parcels_in) as f64;
                weight += flow.parcels_in;
                worst = worst.max(lead);
            }
        }
    }
    k.villages_served = villages.len();
    k.avg_lead_time_h = if weight > 0 {
        weighted / weight as f64 / 3600.0
    } else {
        0.0
    };
    k.worst_lead_time_h = worst as f64 / 3600.0;
    k.parcels_per_vehicle_km = if k.vehicle_km > 0.0 {
        k.parcels as f64 / k.vehicle_km
    } else {
        0.0
    };
}
