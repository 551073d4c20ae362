//! `transport_postal` (交邮合作): carriers keep their own vans, and their flows at villages served
//! by bus lines may ride bus runs. See [`super::bus`] for how riders are placed on runs and
//! [`super::transport_postal_joint`] for the joint choice of who rides; here the plan without buses is
//! compared with the plan with them and the cheaper one is kept.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::bus::{assign, better, candidates, station_stops, stations, Candidate};
use super::bus_joint::BusChoice;
use super::common::{coalition_flows, stop_per_flow};
use super::separate;
use super::transport_postal_joint;
use crate::allocation::Coalition;
use crate::plan::{BusAssignment, Plan};
use crate::planner::Planner;
use crate::subproblem::{Effort, Solved, StopDemand};
use crate::world::World;
use crate::CoopError;

/// 交邮合作: each carrier keeps its own vans, but its flows at bus-served villages may ride the
/// bus; its van drops them at the station of the line they ride.
pub(crate) fn plan(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    let mut base = separate::plan(planner, coalition, effort)?;
    base.mode = "transport_postal".into();
    let ready = ready_times(world, coalition)?;
    if ready.is_empty() {
        return Ok(base);
    }
    let cands = candidates(world, &base)?;
    let bus = assign(world, &cands, &ready, true);
    let greedy = if bus.is_empty() {
        base.clone()
    } else {
        let with_bus = with_riders(planner, coalition, effort, &base, &bus, Some(&cands))?;
        if better(&with_bus, &base) {
            with_bus
        } else {
            base.clone()
        }
    };
    match planner.bus_choice() {
        BusChoice::Greedy => Ok(greedy),
        BusChoice::Joint => transport_postal_joint::improve(
            planner, coalition, effort, &base, &cands, &ready, greedy,
        ),
    }
}

/// When parcels can be at each handover station: once the coalition's earliest van has driven
/// there from its base.
fn ready_times(world: &World<'_>, coalition: Coalition) -> Result<HashMap<usize, i64>, CoopError> {
    let mut ready = HashMap::new();
    for station in stations(world) {
        let mut at = i64::MAX;
        for c in coalition.players().filter(|&c| c < world.num_carriers()) {
            for f in separate::carrier_fleets(world, c)? {
                let (_, t) = world.leg(f.spec.profile, f.start, station)?;
                at = at.min(f.earliest_start_s + t);
            }
        }
        if at < i64::MAX {
            ready.insert(station, at);
        }
    }
    Ok(ready)
}

/// The stops of carrier `c` when its flows among `riders` ride and `own_bus` are its loads:
/// its other flows, plus one drop (and pickup) per handover station used.
pub(crate) fn carrier_stops(
    world: &World<'_>,
    flows: &[usize],
    c: usize,
    riders: &HashSet<usize>,
    own_bus: &[BusAssignment],
) -> Vec<StopDemand> {
    let own: Vec<usize> = flows
        .iter()
        .copied()
        .filter(|&k| world.flows[k].carrier == c && !riders.contains(&k))
        .collect();
    let mut stops = stop_per_flow(world, &own);
    stops.extend(station_stops(world, own_bus));
    stops
}

/// Carrier `c`'s bus loads among `bus`.
pub(crate) fn carrier_bus(
    world: &World<'_>,
    bus: &[BusAssignment],
    c: usize,
) -> Vec<BusAssignment> {
    bus.iter()
        .filter(|b| b.flows.iter().any(|&f| world.flows[f].carrier == c))
        .cloned()
        .collect()
}

/// The plan in which the loads of `bus` ride: each carrier with riders re-solves its vans
/// without them (skipped when `estimate` is given and its estimated gain, van savings minus fees
/// minus the trips to the stations, is not positive) and keeps the result only when its day
/// really got cheaper than in `base`; the others keep their `base` routes.
pub(crate) fn with_riders(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
    base: &Plan,
    bus: &[BusAssignment],
    estimate: Option<&[Candidate]>,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    let riders: HashSet<usize> = bus.iter().flat_map(|b| b.flows.iter().copied()).collect();
    let flows = coalition_flows(world, coalition);
    let carriers: Vec<usize> = coalition
        .players()
        .filter(|&c| c < world.num_carriers())
        .collect();
    let saving: HashMap<usize, f64> = estimate
        .unwrap_or_default()
        .iter()
        .flat_map(|c| c.flows.iter().map(move |&f| (f, c.saving)))
        .collect();
    let decided = carriers
        .par_iter()
        .map(
            |&c| -> Result<Option<(Solved, Vec<BusAssignment>)>, CoopError> {
                let own_bus = carrier_bus(world, bus, c);
                if own_bus.is_empty() {
                    return Ok(None);
                }
                let fees: f64 = own_bus.iter().map(|b| b.fee).sum();
                if estimate.is_some() {
                    let own_riders = own_bus.iter().flat_map(|b| b.flows.iter());
                    let mut seen = HashSet::new();
                    let van_saving: f64 = own_riders
                        .filter(|f| seen.insert(**f))
                        .map(|f| saving.get(f).copied().unwrap_or(0.0))
                        .sum();
                    let detour = station_detour(world, c, &own_bus)?;
                    if van_saving - fees - detour <= 0.0 {
                        return Ok(None);
                    }
                }
                let stops = carrier_stops(world, &flows, c, &riders, &own_bus);
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
        replenishment: Vec::new(),
        pickup_at_shops: false,
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
    Ok(with_bus)
}

/// Estimated cost of carrier `c`'s van going to each station its loads use and back (first
/// fleet's prices), the estimate's stand-in for the station stops.
fn station_detour(
    world: &World<'_>,
    c: usize,
    own_bus: &[BusAssignment],
) -> Result<f64, CoopError> {
    let fleets = separate::carrier_fleets(world, c)?;
    let Some(f) = fleets.first() else {
        return Ok(0.0);
    };
    let used: HashSet<usize> = own_bus
        .iter()
        .map(|b| {
            if b.inbound {
                b.board_site
            } else {
                b.alight_site
            }
        })
        .collect();
    let mut total = 0.0;
    for station in used {
        let (d, t) = world.leg(f.spec.profile, f.start, station)?;
        total += 2.0
            * (d as f64 / 1000.0 * f.spec.cost_per_km + t as f64 / 3600.0 * f.spec.cost_per_hour);
    }
    Ok(total)
}
