//! Helpers shared by the modes: turning flows into stops and finding fleets.

use gongpei_scenario::{Echelon, VehicleTypeSpec, SHARED_OPERATOR};

use crate::allocation::Coalition;
use crate::plan::Loads;
use crate::subproblem::{Fleet, StopDemand};
use crate::world::{Flow, World};
use crate::CoopError;

/// The loads of one flow.
pub(crate) fn flow_loads(f: &Flow) -> Loads {
    Loads {
        parcels_in: f.parcels_in,
        kg_in: f.kg_in,
        parcels_out: f.parcels_out,
        kg_out: f.kg_out,
        chilled_in: if f.chilled { f.parcels_in } else { 0 },
        chilled_out: if f.chilled { f.parcels_out } else { 0 },
    }
}

/// Flows (indices) of the coalition's carriers that move anything.
pub(crate) fn coalition_flows(world: &World<'_>, coalition: Coalition) -> Vec<usize> {
    (0..world.flows.len())
        .filter(|&k| {
            let f = &world.flows[k];
            coalition.contains(f.carrier) && f.parcels_in + f.parcels_out + f.kg_in + f.kg_out > 0
        })
        .collect()
}

/// The largest parcels and kilograms one vehicle of `fleets` carries (chilled parcels for
/// refrigerated fleets count against the parcel capacity).
pub(crate) fn largest_vehicle(fleets: &[Fleet<'_>]) -> (i64, i64) {
    fleets.iter().fold((0, 0), |(p, kg), f| {
        (p.max(f.spec.capacity_parcels), kg.max(f.spec.capacity_kg))
    })
}

/// Errors naming the demand record when one flow alone is more than any vehicle of `fleets`
/// carries in one direction (it would have to be split over several vehicles).
pub(crate) fn require_fits(
    world: &World<'_>,
    flows: &[usize],
    fleets: &[Fleet<'_>],
    who: &str,
) -> Result<(), CoopError> {
    let (p, kg) = largest_vehicle(fleets);
    if fleets.is_empty() {
        return Ok(());
    }
    for &k in flows {
        let f = &world.flows[k];
        if f.parcels_in.max(f.parcels_out) > p || f.kg_in.max(f.kg_out) > kg {
            return Err(CoopError::Input(format!(
                "demand[{}] (carrier {}, village {}): {} / {} parcels and {} / {} kg in / out, more than the largest vehicle of {who} carries ({p} parcels, {kg} kg); split the record or add a bigger vehicle type",
                f.record,
                world.scenario.carriers[f.carrier].id,
                world.scenario.sites[f.village].id,
                f.parcels_in,
                f.parcels_out,
                f.kg_in,
                f.kg_out
            )));
        }
    }
    Ok(())
}

/// One stop per flow (carriers keep their own stops).
pub(crate) fn stop_per_flow(world: &World<'_>, flows: &[usize]) -> Vec<StopDemand> {
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
                replenishment: Vec::new(),
            }
        })
        .collect()
}

/// Pools flows into one stop per (village, temperature class): shared vehicles serve every
/// carrier's parcels in one visit; service times add up. A pooled stop never holds more than one
/// vehicle of capacity `max` (parcels, kg) carries in either direction: beyond it the village's
/// flows are spread over several stops (first fit, largest flow first), which different
/// vehicles may serve.
pub(crate) fn pooled_stops(world: &World<'_>, flows: &[usize], max: (i64, i64)) -> Vec<StopDemand> {
    let mut order: Vec<usize> = flows.to_vec();
    let size = |k: usize| {
        let f = &world.flows[k];
        f.parcels_in.max(f.parcels_out)
    };
    order.sort_by_key(|&k| (std::cmp::Reverse(size(k)), k));
    let fits = |s: &StopDemand, f: &Flow| {
        let l = &s.loads;
        l.parcels_in + f.parcels_in <= max.0
            && l.parcels_out + f.parcels_out <= max.0
            && l.kg_in + f.kg_in <= max.1
            && l.kg_out + f.kg_out <= max.1
    };
    let mut out: Vec<StopDemand> = Vec::new();
    let mut keys: Vec<(usize, bool)> = Vec::new();
    for k in order {
        let f = &world.flows[k];
        let key = (f.village, f.chilled);
        match keys
            .iter()
            .zip(&out)
            .position(|(&x, s)| x == key && fits(s, f))
        {
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
                    replenishment: Vec::new(),
                });
            }
        }
    }
    out
}

/// Vehicle types of `operator` for `echelon`.
pub(crate) fn specs<'a>(
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

/// Refrigerated fleet rule: a van unloads at the cold store, then returns to its base (straight
/// home when the base is the cold store). The time limit from a chilled pickup to the cold store
/// is imposed on the pickup stops, see `subproblem::solve_stops`.
pub(crate) fn apply_cold_rules(world: &World<'_>, fleet: &mut Fleet<'_>) {
    if fleet.spec.refrigerated && fleet.end != world.cold_store {
        fleet.via_cold_store = true;
    }
}

/// Splits `loads` at `site` into stops no bigger than one vehicle of `max` (parcels, kg), in
/// both directions; chilled parcels are split with the parcels.
pub(crate) fn split_loads(
    site: usize,
    loads: &Loads,
    max: (i64, i64),
    window: (i64, i64),
    service_s: i64,
) -> Vec<StopDemand> {
    let (max_parcels, max_kg) = (max.0.max(1), max.1.max(1));
    let parts = [
        div_ceil(loads.parcels_in, max_parcels),
        div_ceil(loads.kg_in, max_kg),
        div_ceil(loads.parcels_out, max_parcels),
        div_ceil(loads.kg_out, max_kg),
        1,
    ]
    .into_iter()
    .max()
    .unwrap_or(1);
    let share = |total: i64, k: i64| total * (k + 1) / parts - total * k / parts;
    (0..parts)
        .map(|k| StopDemand {
            site,
            loads: Loads {
                parcels_in: share(loads.parcels_in, k),
                kg_in: share(loads.kg_in, k),
                parcels_out: share(loads.parcels_out, k),
                kg_out: share(loads.kg_out, k),
                chilled_in: share(loads.chilled_in, k),
                chilled_out: share(loads.chilled_out, k),
            },
            service_s,
            window,
            flows: Vec::new(),
            replenishment: Vec::new(),
        })
        .collect()
}

/// The shared refrigerated fleet at the cold store, used for chilled flows in pooled modes.
pub(crate) fn shared_cold_fleets<'a>(world: &'a World<'_>) -> Vec<Fleet<'a>> {
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
pub(crate) fn require_cold(
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

fn div_ceil(a: i64, b: i64) -> i64 {
    (a + b - 1) / b
}

/// One stop per B2B replenishment record (a commerce partner's own van serves each shop).
pub(crate) fn replenishment_stops(world: &World<'_>, records: &[usize]) -> Vec<StopDemand> {
    records
        .iter()
        .map(|&j| {
            let d = &world.replenishment[j];
            StopDemand {
                site: d.village,
                loads: d.loads(),
                service_s: d.service_s,
                window: d.window,
                flows: Vec::new(),
                replenishment: vec![j],
            }
        })
        .collect()
}

/// Adds B2B replenishment records to pooled ambient stops (快商合作): a shop's cases join the
/// village's parcel stop when one vehicle of capacity `max` still carries both, with their
/// unloading time added and the windows intersected; otherwise they get a stop of their own.
pub(crate) fn add_replenishment(
    world: &World<'_>,
    stops: &mut Vec<StopDemand>,
    records: &[usize],
    max: (i64, i64),
) {
    for &j in records {
        let d = &world.replenishment[j];
        let joins = |s: &StopDemand| {
            let ambient = s.loads.chilled_in + s.loads.chilled_out == 0;
            let window = (s.window.0.max(d.window.0), s.window.1.min(d.window.1));
            s.site == d.village
                && ambient
                && window.0 <= window.1
                && s.loads.parcels_in + d.cases <= max.0
                && s.loads.kg_in + d.kg <= max.1
        };
        match stops.iter().position(joins) {
            Some(i) => {
                let s = &mut stops[i];
                s.loads.add(&d.loads());
                s.service_s += d.service_s;
                s.window = (s.window.0.max(d.window.0), s.window.1.min(d.window.1));
                s.replenishment.push(j);
            }
            None => stops.extend(replenishment_stops(world, &[j])),
        }
    }
}

/// Errors naming the replenishment record when one shop's daily cases are more than any
/// vehicle of `fleets` carries.
pub(crate) fn require_replenishment_fits(
    world: &World<'_>,
    records: &[usize],
    fleets: &[Fleet<'_>],
    who: &str,
) -> Result<(), CoopError> {
    if fleets.is_empty() {
        return Ok(());
    }
    let (p, kg) = largest_vehicle(fleets);
    for &j in records {
        let d = &world.replenishment[j];
        if d.cases > p || d.kg > kg {
            return Err(CoopError::Input(format!(
                "commerce.replenishment[{j}] (shop at {}): {} cases / {} kg a day, more than the largest vehicle of {who} carries ({p} parcels, {kg} kg); lower days_per_week or split the record",
                world.scenario.sites[d.village].id, d.cases, d.kg
            )));
        }
    }
    Ok(())
}

/// Leaves ambient parcels of pick-up point villages at the shop (快商合作): each stop's service
/// time is recomputed from its flows with [`crate::commerce::service_with_pickup`] (B2B
/// unloading unchanged).
pub(crate) fn apply_pickup_points(world: &World<'_>, stops: &mut [StopDemand]) {
    for s in stops.iter_mut() {
        if !world.pickup_villages.contains(&s.site) {
            continue;
        }
        let parcels: i64 = s
            .flows
            .iter()
            .map(|&k| {
                let f = &world.flows[k];
                crate::commerce::service_with_pickup(world.scenario, f.service_s, f.chilled, true)
            })
            .sum();
        let b2b: i64 = s
            .replenishment
            .iter()
            .map(|&j| world.replenishment[j].service_s)
            .sum();
        s.service_s = parcels + b2b;
    }
}
