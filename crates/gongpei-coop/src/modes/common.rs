//! Helpers shared by the modes: turning flows into stops and finding fleets.

use gongpei_scenario::{Echelon, VehicleTypeSpec, SHARED_OPERATOR};

use crate::allocation::Coalition;
use crate::plan::Loads;
use crate::subproblem::{Fleet, StopDemand};
use crate::world::{Flow, World};
use crate::CoopError;

/// The loads of one flow.
pub fn flow_loads(f: &Flow) -> Loads {
    Loads {
        parcels_in: f.parcels_in,
        kg_in: f.kg_in,
        parcels_out: f.parcels_out,
        kg_out: f.kg_out,
        chilled_in: if f.chilled { f.parcels_in } else { 0 },
        chilled_out: if f.chilled { f.parcels_out } else { 0 },
    }
}

/// Flows (indices) of the coalition's carriers.
pub fn coalition_flows(world: &World<'_>, coalition: Coalition) -> Vec<usize> {
    (0..world.flows.len())
        .filter(|&k| coalition.contains(world.flows[k].carrier))
        .collect()
}

/// One stop per flow (carriers keep their own stops).
pub fn stop_per_flow(world: &World<'_>, flows: &[usize]) -> Vec<StopDemand> {
    flows
        .iter()
        .map(|&k| {
            let f = &world.flows[k];
            StopDemand {
                site: f.village,
                loads: flow_loads(f),
                service_s: f.service_s,
                window: f.window,
                flows: vec![k],
            }
        })
        .collect()
}

/// Pools flows into one stop per (village, temperature class): shared vehicles serve every
/// carrier's parcels in one visit. Service times add up minus a per-extra-carrier saving of the
/// fixed part (parking, signing), kept simple: the longest fixed part counts once.
pub fn pooled_stops(world: &World<'_>, flows: &[usize]) -> Vec<StopDemand> {
    let mut out: Vec<StopDemand> = Vec::new();
    let mut keys: Vec<(usize, bool)> = Vec::new();
    for &k in flows {
        let f = &world.flows[k];
        let key = (f.village, f.chilled);
        match keys.iter().position(|&x| x == key) {
            Some(i) => {
                let s = &mut out[i];
                s.loads.add(&flow_loads(f));
                s.service_s += f.service_s;
                s.window = (
                    s.window.0.max(f.window.0),
                    s.window.1.min(f.window.1).max(s.window.0.max(f.window.0)),
                );
                s.flows.push(k);
            }
            None => {
                keys.push(key);
                out.push(StopDemand {
                    site: f.village,
                    loads: flow_loads(f),
                    service_s: f.service_s,
                    window: f.window,
                    flows: vec![k],
                });
            }
        }
    }
    out
}

/// Vehicle types of `operator` for `echelon`.
pub fn specs<'a>(
    world: &'a World<'_>,
    operator: &str,
    echelon: Echelon,
) -> Vec<&'a VehicleTypeSpec> {
    world
        .scenario
        .vehicle_types
        .iter()
        .filter(|v| v.operator == operator && v.echelon == echelon)
        .collect()
}

/// Refrigerated fleet rule: return to the cold store. (The time limit from a chilled pickup to
/// the cold store is imposed on the pickup stops, see `subproblem::solve_stops`.)
pub fn apply_cold_rules(world: &World<'_>, fleet: &mut Fleet<'_>) {
    if fleet.spec.refrigerated {
        fleet.end = world.cold_store;
    }
}

/// The shared refrigerated fleet at the cold store, used for chilled flows in pooled modes.
pub fn shared_cold_fleets<'a>(world: &'a World<'_>) -> Vec<Fleet<'a>> {
    world
        .scenario
        .vehicle_types
        .iter()
        .filter(|v| v.operator == SHARED_OPERATOR && v.refrigerated)
        .map(|spec| {
            let base = spec
                .base
                .as_deref()
                .and_then(|b| world.scenario.site_index(b))
                .unwrap_or(world.cold_store);
            let mut f = Fleet::at(spec, base, spec.count as usize);
            apply_cold_rules(world, &mut f);
            f
        })
        .collect()
}

/// Errors when chilled flows exist but no refrigerated vehicle can take them.
pub fn require_cold(
    fleets: &[Fleet<'_>],
    stops: &[StopDemand],
    who: &str,
) -> Result<(), CoopError> {
    let chilled = stops
        .iter()
        .any(|s| s.loads.chilled_in + s.loads.chilled_out > 0);
    if chilled && !fleets.iter().any(|f| f.spec.refrigerated) {
        return Err(CoopError::Input(format!(
            "{who} has chilled demand but no refrigerated vehicle type (set `refrigerated: true` on one of its vehicle_types)"
        )));
    }
    Ok(())
}
