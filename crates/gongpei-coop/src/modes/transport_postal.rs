//! `transport_postal` (交邮合作): carriers keep their own vans, and their flows at villages served
//! by bus lines may ride bus runs. See [`super::bus`] for how riders are chosen; here the plan
//! without buses is compared with the plan with them and the cheaper one is kept.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::bus::{assign, better, bus_station, candidates, rider_loads, station_deadline};
use super::common::{coalition_flows, stop_per_flow};
use super::separate;
use crate::allocation::Coalition;
use crate::plan::{BusAssignment, Plan};
use crate::planner::Planner;
use crate::subproblem::{Effort, Solved, StopDemand};
use crate::CoopError;

/// 交邮合作: each carrier keeps its own vans, but its flows at bus-served villages may ride the
/// bus; its van drops them at the bus station.
pub(crate) fn plan(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    let mut base = separate::plan(planner, coalition, effort)?;
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
    if std::env::var_os("GONGPEI_DEBUG_BUS").is_some() {
        eprintln!(
            "transport_postal: ready {ready}, {} candidates, {} bus loads",
            cands.len(),
            bus.len()
        );
        for c in &cands {
            eprintln!(
                "  cand village {} flows {:?} saving {:.1}",
                world.site_name(c.village),
                c.flows,
                c.saving
            );
        }
    }
    if bus.is_empty() {
        return Ok(base);
    }
    let riders: HashSet<usize> = bus.iter().flat_map(|b| b.flows.iter().copied()).collect();
    let flows = coalition_flows(world, coalition);
    let carriers: Vec<usize> = coalition
        .players()
        .filter(|&c| c < world.num_carriers())
        .collect();
    let saving: HashMap<usize, f64> = cands
        .iter()
        .flat_map(|c| c.flows.iter().map(move |&f| (f, c.saving)))
        .collect();
    // Per carrier: re-solve its vans without its riders only when the estimated gain (van
    // savings minus fees minus the trip to the bus station) is positive, and keep the result only
    // when the carrier's day really got cheaper.
    let decided = carriers
        .par_iter()
        .map(
            |&c| -> Result<Option<(Solved, Vec<BusAssignment>)>, CoopError> {
                let own_riders: HashSet<usize> = riders
                    .iter()
                    .copied()
                    .filter(|&k| world.flows[k].carrier == c)
                    .collect();
                if own_riders.is_empty() {
                    return Ok(None);
                }
                let own_bus: Vec<BusAssignment> = bus
                    .iter()
                    .filter(|b| b.flows.iter().any(|f| own_riders.contains(f)))
                    .cloned()
                    .collect();
                let fees: f64 = own_bus.iter().map(|b| b.fee).sum();
                let fleets = separate::carrier_fleets(world, c)?;
                let detour = match fleets.first() {
                    Some(f) => {
                        let (d, t) = world.leg(f.spec.profile, f.start, station)?;
                        2.0 * (d as f64 / 1000.0 * f.spec.cost_per_km
                            + t as f64 / 3600.0 * f.spec.cost_per_hour)
                    }
                    None => 0.0,
                };
                let gain: f64 = own_riders
                    .iter()
                    .map(|f| saving.get(f).copied().unwrap_or(0.0))
                    .sum::<f64>()
                    - fees
                    - detour;
                if gain <= 0.0 {
                    return Ok(None);
                }
                let own: Vec<usize> = flows
                    .iter()
                    .copied()
                    .filter(|&k| world.flows[k].carrier == c && !riders.contains(&k))
                    .collect();
                let mut stops = stop_per_flow(world, &own);
                let loads = rider_loads(world, &own_riders);
                stops.push(StopDemand {
                    site: station,
                    window: (0, station_deadline(world, &own_bus, loads.parcels_in)),
                    loads,
                    service_s: 300,
                    flows: Vec::new(),
                });
                let solved = separate::solve_carrier(planner, c, &stops, effort)?;
                let id = &world.scenario.carriers[c].id;
                let before: f64 = base
                    .routes
                    .iter()
                    .filter(|r| &r.operator == id)
                    .map(|r| r.cost)
                    .sum();
                let after: f64 = solved.routes.iter().map(|r| r.cost).sum::<f64>() + fees;
                Ok((solved.violations.is_empty() && after < before - 1e-6)
                    .then_some((solved, own_bus)))
            },
        )
        .collect::<Result<Vec<_>, CoopError>>()?;
    let mut with_bus = Plan {
        mode: "transport_postal".into(),
        carriers: carriers.clone(),
        flows,
        routes: Vec::new(),
        bus: Vec::new(),
        townships: Vec::new(),
        handling_cost: 0.0,
        hub_sorted_s: None,
        engine_violations: Vec::new(),
        hurried: false,
        leads: None,
    };
    for (&c, choice) in carriers.iter().zip(decided) {
        let id = &world.scenario.carriers[c].id;
        match choice {
            Some((solved, own_bus)) => {
                with_bus.routes.extend(solved.routes);
                with_bus.engine_violations.extend(solved.violations);
                with_bus.bus.extend(own_bus);
            }
            None => {
                with_bus
                    .routes
                    .extend(base.routes.iter().filter(|r| &r.operator == id).cloned());
                let (label, cold_label) = (format!("separate/{id}:"), format!("separate/{id}/"));
                with_bus.engine_violations.extend(
                    base.engine_violations
                        .iter()
                        .filter(|v| v.starts_with(&label) || v.starts_with(&cold_label))
                        .cloned(),
                );
            }
        }
    }
    Ok(cheaper(base, with_bus))
}

/// Keeps the cheaper plan, preferring one without engine violations.
fn cheaper(base: Plan, with_bus: Plan) -> Plan {
    if better(&with_bus, &base) {
        with_bus
    } else {
        base
    }
}
