//! `transport_postal` (交邮合作) on its own, and `combined` (both cooperations): flows at villages
//! served by bus lines may ride bus runs; vans serve the rest. See [`super::bus`] for how riders
//! are chosen; here the plan without buses is compared with the plan with them and the cheaper
//! one is kept.

use std::collections::{HashMap, HashSet};

use gongpei_network::VehicleProfile;
use gongpei_scenario::{Echelon, SHARED_OPERATOR};
use rayon::prelude::*;

use super::bus::{assign, bus_station, candidates};
use super::common::{coalition_flows, specs, stop_per_flow};
use super::separate;
use super::two_echelon::{self, BusStationDrop};
use crate::allocation::Coalition;
use crate::plan::{BusAssignment, Loads, Plan};
use crate::subproblem::{Effort, Solved, StopDemand};
use crate::world::World;
use crate::CoopError;

fn rider_loads(world: &World<'_>, flows: &HashSet<usize>) -> Loads {
    let mut l = Loads::default();
    for &k in flows {
        let f = &world.flows[k];
        l.parcels_in += f.parcels_in;
        l.kg_in += f.kg_in;
        l.parcels_out += f.parcels_out;
        l.kg_out += f.kg_out;
    }
    l
}

/// Latest drop at the bus station so that the earliest inbound run used is caught.
fn station_deadline(world: &World<'_>, bus: &[BusAssignment], parcels: i64) -> i64 {
    bus.iter()
        .filter(|b| b.inbound)
        .map(|b| b.departure_s)
        .min()
        .map_or(world.scenario.costs.day_end_s, |d| {
            d - world.scenario.costs.bus_transfer_s_per_parcel * parcels
        })
        .max(0)
}

/// 交邮合作: each carrier keeps its own vans, but its flows at bus-served villages may ride the
/// bus; its van drops them at the bus station.
pub fn plan_transport_postal(
    world: &World<'_>,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    let mut base = separate::plan(world, coalition, effort)?;
    base.mode = "transport_postal".into();
    let Some(station) = bus_station(world) else {
        return Ok(base);
    };
    // Parcels can reach the station once the earliest van has driven there from its depot.
    let mut ready = i64::MAX;
    for c in coalition.players().filter(|&c| c < world.num_carriers()) {
        for f in separate::carrier_fleets(world, c)? {
            let (_, t) = world.leg(f.spec.profile, f.start, station)?;
            ready = ready.min(f.earliest_start_s + t);
        }
    }
    let cands = candidates(world, &base)?;
    let bus = assign(world, &cands, ready)?;
    if bus.is_empty() {
        return Ok(base);
    }
    let riders: HashSet<usize> = bus.iter().flat_map(|b| b.flows.iter().copied()).collect();
    let flows = coalition_flows(world, coalition);
    let carriers: Vec<usize> = coalition
        .players()
        .filter(|&c| c < world.num_carriers())
        .collect();
    let solved = carriers
        .par_iter()
        .map(|&c| {
            let own: Vec<usize> = flows
                .iter()
                .copied()
                .filter(|&k| world.flows[k].carrier == c && !riders.contains(&k))
                .collect();
            let own_riders: HashSet<usize> = riders
                .iter()
                .copied()
                .filter(|&k| world.flows[k].carrier == c)
                .collect();
            let mut stops = stop_per_flow(world, &own);
            if !own_riders.is_empty() {
                let loads = rider_loads(world, &own_riders);
                let own_bus: Vec<BusAssignment> = bus
                    .iter()
                    .filter(|b| b.flows.iter().any(|f| own_riders.contains(f)))
                    .cloned()
                    .collect();
                stops.push(StopDemand {
                    site: station,
                    window: (0, station_deadline(world, &own_bus, loads.parcels_in)),
                    loads,
                    service_s: 300,
                    flows: Vec::new(),
                });
            }
            separate::solve_carrier(world, c, &stops, effort)
        })
        .collect::<Result<Vec<Solved>, CoopError>>()?;
    let mut with_bus = Plan {
        mode: "transport_postal".into(),
        carriers,
        flows,
        routes: Vec::new(),
        bus,
        townships: Vec::new(),
        handling_cost: 0.0,
        engine_violations: Vec::new(),
    };
    for s in solved {
        with_bus.routes.extend(s.routes);
        with_bus.engine_violations.extend(s.violations);
    }
    Ok(cheaper(base, with_bus))
}

/// Keeps the cheaper plan, preferring one without engine violations.
fn cheaper(base: Plan, with_bus: Plan) -> Plan {
    let key = |p: &Plan| (!p.engine_violations.is_empty(), p.total_cost());
    let (a, b) = (key(&base), key(&with_bus));
    if b.0 < a.0 || (b.0 == a.0 && b.1 < a.1) {
        with_bus
    } else {
        base
    }
}

/// 邮快合作 + 交邮合作: the two-echelon system, with pooled village stops on bus lines riding
/// bus runs from the bus station, which the trunk supplies.
pub fn plan_combined(
    world: &World<'_>,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    let none = BusStationDrop::default();
    let base = two_echelon::plan(world, coalition, effort, &none, "combined")?;
    let Some(station) = bus_station(world) else {
        return Ok(base);
    };
    let trunk = specs(world, SHARED_OPERATOR, Echelon::Trunk);
    let start = trunk.iter().map(|s| s.shift_start_s).min().unwrap_or(0)
        + world.scenario.costs.hub_sorting_s;
    let (_, to_station) = world.leg(
        trunk.first().map_or(VehicleProfile::Truck, |s| s.profile),
        world.hub,
        station,
    )?;
    let cands: Vec<_> = candidates(world, &base)?;
    let bus = assign(
        world,
        &cands,
        start + to_station + two_echelon::TRUNK_STOP_S,
    )?;
    if bus.is_empty() {
        return Ok(base);
    }
    let riders: HashSet<usize> = bus.iter().flat_map(|b| b.flows.iter().copied()).collect();
    let loads = rider_loads(world, &riders);
    let drop = BusStationDrop {
        deadline_s: station_deadline(world, &bus, loads.parcels_in),
        flows: riders,
        site: Some(station),
        loads,
    };
    let mut with_bus = two_echelon::plan(world, coalition, effort, &drop, "combined")?;
    with_bus.bus = bus;
    Ok(cheaper(base, with_bus))
}

/// Per-carrier bus fees of a plan, yuan (fees of pooled loads split by parcels).
pub fn bus_fees_by_carrier(world: &World<'_>, plan: &Plan) -> HashMap<usize, f64> {
    let mut out = HashMap::new();
    for b in &plan.bus {
        let total: i64 = b
            .flows
            .iter()
            .map(|&k| {
                if b.inbound {
                    world.flows[k].parcels_in
                } else {
                    world.flows[k].parcels_out
                }
            })
            .sum();
        for &k in &b.flows {
            let p = if b.inbound {
                world.flows[k].parcels_in
            } else {
                world.flows[k].parcels_out
            };
            *out.entry(world.flows[k].carrier).or_insert(0.0) +=
                b.fee * p as f64 / total.max(1) as f64;
        }
    }
    out
}
