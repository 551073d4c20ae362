//! `combined` (邮快合作 + 交邮合作): the two-echelon system of [`super::postal_express`], where pooled
//! village stops on bus lines may ride bus runs and whole townships' volume may ride the runs that
//! stop at their centre instead of the trunk.

use std::collections::{BTreeMap, HashMap, HashSet};

use gongpei_scenario::model::VehicleProfile;
use gongpei_scenario::{Echelon, SHARED_OPERATOR};

use super::bus::{
    assign, better, bus_station, candidates, line_fee, line_station, rider_loads, station_deadline,
};
use super::common::specs;
use super::postal_express::{self, BusStationDrop, LastMileMemo};
use super::run_loads::RunLoads;
use crate::allocation::Coalition;
use crate::plan::{BusAssignment, Leg, Loads, Plan};
use crate::planner::Planner;
use crate::subproblem::Effort;
use crate::world::World;
use crate::CoopError;

/// 邮快合作 + 交邮合作: the two-echelon system, where (1) pooled village stops on bus lines may
/// ride bus runs, and (2) a whole township's volume may ride the runs that stop at its centre
/// instead of the trunk. Both are supplied through the bus station, which the trunk visits.
///
/// Village riders are chosen by [`assign`]; townships by a local search: candidates ordered by
/// the trunk detour they would save are tried one at a time (at most [`TOWNSHIP_TRIES`]), each
/// priced by re-solving both echelons, and kept only when the day gets cheaper.
pub(crate) fn plan(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    let none = BusStationDrop::default();
    // One memo for the whole chain of trials: a trial that moves one township's volume to the
    // bus shifts the trunk schedule a little and re-plans only the townships it delays.
    let mut memo = LastMileMemo::default();
    let base = postal_express::plan_with_memo(
        planner,
        coalition,
        effort,
        &none,
        "combined",
        &Default::default(),
        &mut memo,
    )?;
    let Some(station) = bus_station(world) else {
        return Ok(base);
    };
    let trunk = specs(world, SHARED_OPERATOR, Echelon::Trunk);
    // Trunk trucks leave once the hub has sorted (after the feeders are in).
    let start = base.hub_sorted_s.unwrap_or_else(|| {
        trunk.iter().map(|s| s.shift_start_s).min().unwrap_or(0)
            + world.scenario.costs.hub_sorting_s
    });
    let profile = trunk.first().map_or(VehicleProfile::Truck, |s| s.profile);
    let (_, to_station) = world.leg(profile, world.hub, station)?;
    let ready = start + to_station + postal_express::TRUNK_STOP_S;
    let cands: Vec<_> = candidates(world, &base)?;
    // The trunk supplies the district's bus station only: lines handing over elsewhere are left
    // to 交邮合作's vans.
    let village_bus = assign(world, &cands, &HashMap::from([(station, ready)]), true);
    // The bus-station drop for a set of bus loads: village riders leave the van problems, and
    // everything riding (village and township volume) is brought to the station by the trunk.
    let make_drop = |bus: &[BusAssignment], townships: &BTreeMap<usize, i64>| {
        let riders: HashSet<usize> = bus.iter().flat_map(|b| b.flows.iter().copied()).collect();
        let mut loads = rider_loads(world, &riders);
        for b in bus.iter().filter(|b| b.flows.is_empty()) {
            if b.inbound {
                loads.parcels_in += b.parcels;
                loads.kg_in += b.kg;
            } else {
                loads.parcels_out += b.parcels;
                loads.kg_out += b.kg;
            }
        }
        BusStationDrop {
            deadline_s: station_deadline(world, bus, station, loads.parcels_in),
            flows: riders,
            site: Some(station),
            loads,
            townships: townships.clone(),
        }
    };
    let mut best = base;
    let mut bus = village_bus;
    let mut townships: BTreeMap<usize, i64> = BTreeMap::new();
    if !bus.is_empty() {
        let mut with_bus = postal_express::plan_with_memo(
            planner,
            coalition,
            effort,
            &make_drop(&bus, &townships),
            "combined",
            &Default::default(),
            &mut memo,
        )?;
        with_bus.bus = bus.clone();
        if better(&with_bus, &best) {
            best = with_bus;
        } else {
            bus.clear();
        }
    }
    // Township local search, starting from the best plan so far.
    let mut tries = 0;
    for (t, saving) in township_candidates(world, &best)? {
        if tries >= TOWNSHIP_TRIES || saving <= 0.0 {
            break;
        }
        let volume = township_volume(&best, t);
        let Some((extra, arrival)) = township_runs(world, station, t, &volume, &bus, ready) else {
            continue;
        };
        if extra.iter().map(|b| b.fee).sum::<f64>() >= saving {
            continue;
        }
        tries += 1;
        let mut trial_bus = bus.clone();
        trial_bus.extend(extra);
        let mut trial_townships = townships.clone();
        trial_townships.insert(t, arrival);
        let drop = make_drop(&trial_bus, &trial_townships);
        let mut trial = postal_express::plan_with_memo(
            planner,
            coalition,
            effort,
            &drop,
            "combined",
            &Default::default(),
            &mut memo,
        )?;
        trial.bus = trial_bus.clone();
        if better(&trial, &best) {
            best = trial;
            bus = trial_bus;
            townships = trial_townships;
        }
    }
    Ok(best)
}

/// How many townships the combined mode's local search tries to put on buses.
pub(crate) const TOWNSHIP_TRIES: usize = 4;

/// Inbound and outbound volume a township's last mile moves in `plan`.
fn township_volume(plan: &Plan, t: usize) -> Loads {
    let mut l = Loads::default();
    for r in plan
        .routes
        .iter()
        .filter(|r| r.leg == Leg::LastMile && r.start_site == t)
    {
        for s in &r.stops {
            l.add(&s.loads);
        }
    }
    l
}

/// Townships the trunk visits, with the trunk cost their stops add (detour at truck prices).
fn township_candidates(world: &World<'_>, plan: &Plan) -> Result<Vec<(usize, f64)>, CoopError> {
    let mut out: Vec<(usize, f64)> = Vec::new();
    for r in plan.routes.iter().filter(|r| r.leg == Leg::Trunk) {
        let (per_km, per_h) = world.unit_costs(&r.vehicle);
        let path = r.site_path();
        for k in 0..r.stops.len() {
            let site = path[k + 1];
            if site == path[k] || site == path[k + 2] {
                continue;
            }
            let (d1, t1) = world.leg(r.profile, path[k], site)?;
            let (d2, t2) = world.leg(r.profile, site, path[k + 2])?;
            let (d0, t0) = world.leg(r.profile, path[k], path[k + 2])?;
            let saving = (d1 + d2 - d0) as f64 / 1000.0 * per_km
                + (t1 + t2 - t0 + postal_express::TRUNK_STOP_S) as f64 / 3600.0 * per_h;
            out.push((site, saving));
        }
    }
    let on_lines: HashSet<usize> = world
        .scenario
        .bus_lines
        .iter()
        .flat_map(|l| l.stops.iter())
        .filter_map(|id| world.scenario.site_index(id))
        .collect();
    out.retain(|(s, _)| on_lines.contains(s));
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out.dedup_by_key(|x| x.0);
    Ok(out)
}

/// Runs that can carry a township's whole volume given what `used` already occupies: inbound
/// runs from the station (earliest first), outbound produce on return runs reaching the station
/// by the end of the day. Returns the loads and the arrival of the last inbound run.
fn township_runs(
    world: &World<'_>,
    station: usize,
    t: usize,
    volume: &Loads,
    used: &[BusAssignment],
    ready: i64,
) -> Option<(Vec<BusAssignment>, i64)> {
    let costs = &world.scenario.costs;
    let mut load = RunLoads::from_assignments(world, used);
    let mut out = Vec::new();
    let mut last_arrival = 0;
    for inbound in [true, false] {
        let (mut parcels, mut kg) = if inbound {
            (volume.parcels_in, volume.kg_in)
        } else {
            (volume.parcels_out, volume.kg_out)
        };
        let mut options = Vec::new();
        for (li, line) in world.scenario.bus_lines.iter().enumerate() {
            if line_station(world, line) != Some(station) {
                continue;
            }
            let pos = |s: usize| {
                line.stops
                    .iter()
                    .position(|x| world.scenario.site_index(x) == Some(s))
            };
            let (Some(ps), Some(pt)) = (pos(station), pos(t)) else {
                continue;
            };
            let (from, to) = if inbound { (ps, pt) } else { (pt, ps) };
            if from >= to {
                continue;
            }
            for (ri, run) in line.runs.iter().enumerate() {
                let dep = run.departure_s + line.stop_offsets_s[from];
                let arr = run.departure_s + line.stop_offsets_s[to];
                let ok = if inbound {
                    dep >= ready
                } else {
                    arr <= costs.day_end_s
                };
                if ok {
                    options.push((arr, li, line, ri, from, to));
                }
            }
        }
        options.sort_by(|a, b| a.0.cmp(&b.0).then(a.2.id.cmp(&b.2.id)).then(a.3.cmp(&b.3)));
        for (arr, li, line, ri, from, to) in options {
            if parcels <= 0 && kg <= 0 {
                break;
            }
            // Room on every segment the load occupies, from the station to the township.
            let (room_p, room_kg) = load.room(line, li, ri, from, to);
            if room_p <= 0 || room_kg <= 0 {
                continue;
            }
            // Take as many parcels as fit, with kilograms in proportion.
            let take_p = parcels.min(room_p);
            let take_kg = if parcels > 0 {
                (kg * take_p + parcels - 1) / parcels
            } else {
                kg
            };
            let take_kg = take_kg.min(room_kg);
            let take_p = if take_kg < kg && parcels > 0 && take_kg * parcels / kg.max(1) < take_p {
                (take_kg * parcels / kg.max(1)).max(0)
            } else {
                take_p
            };
            if take_p == 0 && take_kg == 0 {
                continue;
            }
            load.add(line, li, ri, from, to, take_p, take_kg);
            parcels -= take_p;
            kg -= take_kg;
            if inbound {
                last_arrival = last_arrival.max(arr);
            }
            out.push(BusAssignment {
                line: line.id.clone(),
                run: ri,
                departure_s: line.runs[ri].departure_s,
                board_site: line
                    .stops
                    .get(from)
                    .and_then(|x| world.scenario.site_index(x))
                    .unwrap_or(station),
                alight_site: line
                    .stops
                    .get(to)
                    .and_then(|x| world.scenario.site_index(x))
                    .unwrap_or(t),
                arrival_s: arr,
                flows: Vec::new(),
                inbound,
                parcels: take_p,
                kg: take_kg,
                fee: line_fee(line, take_p, take_kg),
            });
        }
        if parcels > 0 || kg > 0 {
            return None;
        }
    }
    Some((out, last_arrival))
}
