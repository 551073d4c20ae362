//! `postal_express` (邮快合作): all carriers hand over at the district hub; trunk trucks carry each
//! township's pooled volume to its centre (first echelon); shared vans leave each centre once its
//! trunk delivery has arrived and been handled, and serve all carriers' villages in one round
//! (second echelon). Chilled flows go straight from the cold store in shared refrigerated vans.
//!
//! Timing coupling: the trunk is solved first; each township's vans are released at its trunk
//! arrival plus `township_handling_s`. When a township's last mile then misses village windows
//! or its shift limit, its trunk stop gets an earlier deadline and both echelons are solved again
//! (at most [`COUPLING_ROUNDS`] rounds).
//!
//! Produce collected by last-mile vans is consolidated at the centre and rides the next trunk
//! visit back to the hub (a steady daily cycle), so it appears as trunk pickup volume.
//!
//! Feeders (see [`super::feeder`]) first bring the carriers' parcels from their depots to the
//! hub; the hub sorts from the later of its opening (the trunk trucks' shift start) and the last
//! feeder's return, for `hub_sorting_s`; trunk, cold and hub-direct routes leave after that.

use std::collections::{BTreeMap, HashMap, HashSet};

use gongpei_scenario::{Echelon, SHARED_OPERATOR};
use rayon::prelude::*;

use super::commerce::LastMileExtras;
use super::common::{
    add_replenishment, apply_pickup_points, coalition_flows, flow_loads, largest_vehicle,
    pooled_stops, require_fits, require_replenishment_fits, shared_cold_fleets, specs, split_loads,
};
use super::feeder::plan_feeders;
use crate::allocation::Coalition;
use crate::plan::{Leg, Loads, Plan, TownshipRelease};
use crate::planner::Planner;
use crate::subproblem::{solve_stops, Effort, Fleet, Solved};
use crate::CoopError;

/// How many times trunk and last mile are re-solved to repair late releases.
pub(crate) const COUPLING_ROUNDS: usize = 3;

/// Unloading time of a trunk truck at a township centre, seconds.
pub(crate) const TRUNK_STOP_S: i64 = 600;

/// Volume brought to the bus station for bus runs (from [`super::bus`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct BusStationDrop {
    /// Flows riding buses, removed from the van problems.
    pub flows: HashSet<usize>,
    /// Site of the bus station.
    pub site: Option<usize>,
    /// Loads handed to (and collected from) the bus station.
    pub loads: Loads,
    /// Latest arrival at the bus station so the first used run is caught.
    pub deadline_s: i64,
    /// Townships whose whole volume rides buses instead of the trunk, with the arrival of the
    /// last bus bringing it (their volume is included in `loads`).
    pub townships: BTreeMap<usize, i64>,
}

/// Trunk, township arrivals and last miles of one coupling round.
type CoupledSolve = (Solved, BTreeMap<usize, i64>, Vec<(usize, Solved)>);

/// Last-mile plans of one planning chain (the coupling rounds of a plan, the trials of the
/// combined mode), reused when a township's same flows are released no later than when they were
/// planned: its vans then still leave after their goods are ready, so the plan stays valid, and
/// re-solving after a small shift of the trunk schedule is skipped. Only violation-free plans are
/// reused. A memo belongs to one sequential chain, so answers stay independent of thread timing.
#[derive(Debug, Clone, Default)]
pub(crate) struct LastMileMemo {
    by_township: HashMap<usize, (Vec<usize>, i64, Solved)>,
}

impl LastMileMemo {
    fn get(&self, township: usize, flows: &[usize], release: i64) -> Option<Solved> {
        let (known, planned_release, solved) = self.by_township.get(&township)?;
        (known.as_slice() == flows && release <= *planned_release && solved.violations.is_empty())
            .then(|| solved.clone())
    }
}

/// Plans the two-echelon system for the coalition, with `bus` flows handed to buses.
pub(crate) fn plan(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
    bus: &BusStationDrop,
    mode: &str,
) -> Result<Plan, CoopError> {
    plan_with_memo(
        planner,
        coalition,
        effort,
        bus,
        mode,
        &LastMileExtras::default(),
        &mut LastMileMemo::default(),
    )
}

/// [`plan`], reusing and extending the last-mile plans of `memo` (see [`LastMileMemo`]), with
/// `extras` riding the shared vans too (快商合作's B2B replenishment and pick-up points; none
/// for the other modes). One memo belongs to one `extras`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn plan_with_memo(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
    bus: &BusStationDrop,
    mode: &str,
    extras: &LastMileExtras,
    memo: &mut LastMileMemo,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    let costs = &world.scenario.costs;
    let flows = coalition_flows(world, coalition);
    let served: Vec<usize> = flows
        .iter()
        .copied()
        .filter(|k| !bus.flows.contains(k))
        .collect();
    let chilled: Vec<usize> = served
        .iter()
        .copied()
        .filter(|&k| world.flows[k].chilled)
        .collect();
    let mut by_township: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut from_hub: Vec<usize> = Vec::new();
    for &k in served.iter().filter(|&&k| !world.flows[k].chilled) {
        match world.flows[k].township {
            Some(t) => by_township.entry(t).or_default().push(k),
            None => from_hub.push(k),
        }
    }
    // Township handling capacity: the largest villages beyond it are served from the hub.
    for (&t, list) in by_township.iter_mut() {
        if let Some(cap) = world.scenario.sites[t].handling_capacity_parcels {
            let handled = |l: &[usize]| {
                l.iter()
                    .map(|&k| world.flows[k].parcels_in + world.flows[k].parcels_out)
                    .sum::<i64>()
            };
            list.sort_by_key(|&k| (world.flows[k].parcels_in + world.flows[k].parcels_out, k));
            while handled(list) > cap {
                if let Some(k) = list.pop() {
                    from_hub.push(k);
                }
            }
        }
    }
    // B2B cases ride the trunk to their shop's township centre and its last mile (the villages
    // without a township get them from the hub), like the parcels.
    let mut b2b_by_township: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut b2b_from_hub: Vec<usize> = Vec::new();
    for &j in &extras.replenishment {
        match world.replenishment[j].township {
            Some(t) => {
                b2b_by_township.entry(t).or_default().push(j);
                by_township.entry(t).or_default();
            }
            None => b2b_from_hub.push(j),
        }
    }
    by_township.retain(|t, l| !l.is_empty() || b2b_by_township.contains_key(t));
    let b2b_of = |t: usize| b2b_by_township.get(&t).map_or(&[][..], Vec::as_slice);

    let trunk_specs = specs(world, SHARED_OPERATOR, Echelon::Trunk);
    let last_mile_specs = specs(world, SHARED_OPERATOR, Echelon::LastMile);
    if trunk_specs.is_empty() || last_mile_specs.is_empty() {
        return Err(CoopError::Input(format!(
            "{mode} needs shared vehicle types with echelon `trunk` and `last_mile` (operator \"{SHARED_OPERATOR}\")"
        )));
    }
    let hub = world.hub;
    // Feeders first: the hub sorts once the carriers' parcels are in.
    let feeders = plan_feeders(planner, &flows, effort, mode)?;
    let hub_open = trunk_specs
        .iter()
        .map(|s| s.shift_start_s)
        .min()
        .unwrap_or(0);
    let sorted_s = hub_open.max(feeders.last_return_s.unwrap_or(hub_open)) + costs.hub_sorting_s;
    let left = |spec: &gongpei_scenario::VehicleTypeSpec| {
        (spec.count as usize).saturating_sub(feeders.used.get(&spec.id).copied().unwrap_or(0))
    };
    fn after(mut f: Fleet<'_>, sorted_s: i64) -> Fleet<'_> {
        f.earliest_start_s = f.earliest_start_s.max(sorted_s);
        f
    }
    let after_sorting = |f| after(f, sorted_s);
    let trunk_fleets: Vec<Fleet<'_>> = trunk_specs
        .iter()
        .filter(|s| left(s) > 0)
        .map(|s| after_sorting(Fleet::at(s, hub, left(s))))
        .collect();
    let chunk_parcels = trunk_specs
        .iter()
        .map(|s| s.capacity_parcels)
        .min()
        .unwrap_or(1)
        .max(1);
    let chunk_kg = trunk_specs
        .iter()
        .map(|s| s.capacity_kg)
        .min()
        .unwrap_or(1)
        .max(1);

    let township_loads: BTreeMap<usize, Loads> = by_township
        .iter()
        .map(|(&t, l)| {
            let mut sum = Loads::default();
            for &k in l {
                sum.add(&flow_loads(&world.flows[k]));
            }
            for &j in b2b_of(t) {
                sum.add(&world.replenishment[j].loads());
            }
            (t, sum)
        })
        .collect();
    let mut deadline: BTreeMap<usize, i64> = township_loads
        .keys()
        .map(|&t| (t, costs.day_end_s))
        .collect();
    let mut engine_violations = Vec::new();
    let mut result: Option<CoupledSolve> = None;
    for round in 0..COUPLING_ROUNDS {
        let mut trunk_stops = Vec::new();
        for (&t, loads) in township_loads
            .iter()
            .filter(|(t, _)| !bus.townships.contains_key(t))
        {
            trunk_stops.extend(split_loads(
                t,
                loads,
                (chunk_parcels, chunk_kg),
                (0, deadline[&t]),
                TRUNK_STOP_S,
            ));
        }
        if let Some(site) = bus.site {
            if bus.loads.parcels_in + bus.loads.parcels_out > 0 {
                trunk_stops.extend(split_loads(
                    site,
                    &bus.loads,
                    (chunk_parcels, chunk_kg),
                    (0, bus.deadline_s),
                    TRUNK_STOP_S,
                ));
            }
        }
        let trunk = solve_stops(
            planner,
            &format!("{mode}/trunk"),
            Leg::Trunk,
            &trunk_stops,
            &trunk_fleets,
            effort,
        )?;
        let mut arrival: BTreeMap<usize, i64> = BTreeMap::new();
        for r in &trunk.routes {
            for s in &r.stops {
                let done = s.departure_s;
                let e = arrival.entry(s.site).or_insert(done);
                *e = (*e).max(done);
            }
        }
        for (&t, &at) in &bus.townships {
            arrival.insert(t, at);
        }
        let townships: Vec<(usize, Vec<usize>)> =
            by_township.iter().map(|(&t, l)| (t, l.clone())).collect();
        let release_of =
            |t: usize| arrival.get(&t).copied().unwrap_or(0) + costs.township_handling_s;
        let memo_view = &*memo;
        let last_miles = townships
            .par_iter()
            .map(|(t, l)| {
                let release = release_of(*t);
                if let Some(kept) = memo_view.get(*t, l, release) {
                    return Ok((*t, kept));
                }
                let fleets: Vec<Fleet<'_>> = last_mile_specs
                    .iter()
                    .map(|s| {
                        let mut f = Fleet::at(s, *t, s.count as usize);
                        f.earliest_start_s = f.earliest_start_s.max(release);
                        f
                    })
                    .collect();
                let label = format!("{mode}/last_mile/{}", world.site_name(*t));
                require_fits(world, l, &fleets, &label)?;
                require_replenishment_fits(world, b2b_of(*t), &fleets, &label)?;
                solve_stops(
                    planner,
                    &label,
                    Leg::LastMile,
                    &shared_stops(world, l, b2b_of(*t), extras, largest_vehicle(&fleets)),
                    &fleets,
                    effort,
                )
                .map(|s| (*t, s))
            })
            .collect::<Result<Vec<(usize, Solved)>, CoopError>>()?;
        for ((t, l), (_, solved)) in townships.iter().zip(&last_miles) {
            let release = release_of(*t);
            let keep_older = memo.get(*t, l, release).is_some();
            if !keep_older {
                memo.by_township
                    .insert(*t, (l.clone(), release, solved.clone()));
            }
        }
        let mut late = false;
        for (t, s) in &last_miles {
            if !s.violations.is_empty()
                && round + 1 < COUPLING_ROUNDS
                && !bus.townships.contains_key(t)
            {
                // Ask the trunk to arrive half an hour earlier: the usual repair of a
                // two-echelon timing conflict.
                let now = arrival.get(t).copied().unwrap_or(costs.day_end_s);
                let tightened = (now - 1800 - TRUNK_STOP_S).max(0);
                if tightened < deadline[t] {
                    deadline.insert(*t, tightened);
                    late = true;
                }
            }
        }
        result = Some((trunk, arrival, last_miles));
        if !late {
            break;
        }
    }
    let (trunk, arrival, last_miles) =
        result.ok_or_else(|| CoopError::Input("no coupling round ran".into()))?;

    // Chilled flows and hub-served villages: straight from the hub / cold store.
    let cold_fleets: Vec<Fleet<'_>> = shared_cold_fleets(world)
        .into_iter()
        .filter_map(|mut f| {
            f.count = f
                .count
                .saturating_sub(feeders.used.get(&f.spec.id).copied().unwrap_or(0));
            (f.count > 0).then(|| after_sorting(f))
        })
        .collect();
    let cold_label = format!("{mode}/cold");
    if !chilled.is_empty() && cold_fleets.is_empty() {
        return Err(CoopError::Input(format!(
            "{cold_label}: chilled demand but no shared refrigerated van is left after the feeders"
        )));
    }
    require_fits(world, &chilled, &cold_fleets, &cold_label)?;
    let cold = solve_stops(
        planner,
        &cold_label,
        Leg::Cold,
        &pooled_stops(world, &chilled, largest_vehicle(&cold_fleets)),
        &cold_fleets,
        effort,
    )?;
    let hub_fleets: Vec<Fleet<'_>> = last_mile_specs
        .iter()
        .map(|s| after_sorting(Fleet::at(s, hub, s.count as usize)))
        .collect();
    let direct_label = format!("{mode}/hub_direct");
    require_fits(world, &from_hub, &hub_fleets, &direct_label)?;
    require_replenishment_fits(world, &b2b_from_hub, &hub_fleets, &direct_label)?;
    let direct = solve_stops(
        planner,
        &direct_label,
        Leg::LastMile,
        &shared_stops(
            world,
            &from_hub,
            &b2b_from_hub,
            extras,
            largest_vehicle(&hub_fleets),
        ),
        &hub_fleets,
        effort,
    )?;

    let mut plan = Plan {
        mode: mode.to_string(),
        carriers: coalition
            .players()
            .filter(|&c| c < world.num_carriers())
            .collect(),
        flows: flows.clone(),
        routes: Vec::new(),
        bus: Vec::new(),
        townships: Vec::new(),
        handling_cost: 0.0,
        hub_sorted_s: Some(sorted_s),
        engine_violations: Vec::new(),
        hurried: false,
        replenishment: extras.replenishment.clone(),
        pickup_at_shops: extras.pickup_at_shops,
        leads: None,
    };
    // B2B cases are sorted at the hub and cross-docked at the centres like parcels (same
    // handling cost per case as per parcel).
    let hub_parcels: i64 = flows
        .iter()
        .map(|&k| world.flows[k].parcels_in + world.flows[k].parcels_out)
        .sum::<i64>()
        + extras
            .replenishment
            .iter()
            .map(|&j| world.replenishment[j].cases)
            .sum::<i64>();
    let mut township_parcels = 0;
    for (&t, loads) in &township_loads {
        let handled = loads.parcels_in + loads.parcels_out;
        township_parcels += handled;
        let trunk_arrival = arrival.get(&t).copied();
        plan.townships.push(TownshipRelease {
            township: t,
            trunk_arrival_s: trunk_arrival,
            release_s: trunk_arrival.unwrap_or(0) + costs.township_handling_s,
            handled_parcels: handled,
        });
    }
    plan.handling_cost = hub_parcels as f64 * costs.hub_handling_per_parcel
        + township_parcels as f64 * costs.township_handling_per_parcel;
    for s in std::iter::once(feeders.solved)
        .chain(std::iter::once(trunk))
        .chain(last_miles.into_iter().map(|(_, s)| s))
        .chain([cold, direct])
    {
        plan.routes.extend(s.routes);
        engine_violations.extend(s.violations);
    }
    plan.engine_violations = engine_violations;
    Ok(plan)
}

/// The stops of a shared last-mile van round: the parcels pooled per village, their hand-over at
/// pick-up point shops when `extras` says so, and the B2B replenishment of `b2b` joined to them.
fn shared_stops(
    world: &crate::world::World<'_>,
    flows: &[usize],
    b2b: &[usize],
    extras: &LastMileExtras,
    max: (i64, i64),
) -> Vec<crate::subproblem::StopDemand> {
    let mut stops = pooled_stops(world, flows, max);
    if extras.pickup_at_shops {
        apply_pickup_points(world, &mut stops);
    }
    add_replenishment(world, &mut stops, b2b, max);
    stops
}
