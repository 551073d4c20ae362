//! `combined` (邮快合作 + 交邮合作): the two-echelon system of [`super::postal_express`], where pooled
//! village stops on bus lines may ride bus runs and whole townships' volume may ride the runs that
//! stop at their centre instead of the trunk.

use std::collections::{BTreeMap, HashMap, HashSet};

use gongpei_scenario::model::VehicleProfile;
use gongpei_scenario::{Echelon, SHARED_OPERATOR};

use super::bus::{
    assign, better, bus_station, candidates, line_fee, line_station, rider_loads, station_deadline,
};
use super::bus_joint::{search_riders, BusChoice, RiderSearch, VIOLATION_PENALTY};
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
/// Village riders are chosen as the planner's [`BusChoice`] says: greedily by [`assign`], and
/// with [`BusChoice::Joint`] also by [`search_riders`], each rider set priced by re-solving both
/// echelons at a cheap effort. Townships are then chosen by a local search: candidates ordered
/// by the trunk detour they would save are tried one at a time (at most [`TOWNSHIP_TRIES`]),
/// each priced by re-solving both echelons, and kept only when the day gets cheaper. The joint
/// choice runs the township search from its own riders too and keeps whichever of the two whole
/// plans is better, so it is never worse than the greedy plan.
pub(crate) fn plan(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    // One memo for the whole chain of trials: a trial that moves one township's volume to the
    // bus shifts the trunk schedule a little and re-plans only the townships it delays.
    let mut memo = LastMileMemo::default();
    let base = postal_express::plan_with_memo(
        planner,
        coalition,
        effort,
        &BusStationDrop::default(),
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
    let chain = Chain {
        planner,
        coalition,
        effort,
        station,
        ready: start + to_station + postal_express::TRUNK_STOP_S,
    };
    // The trunk supplies the district's bus station only: lines handing over elsewhere are left
    // to 交邮合作's vans.
    let ready = HashMap::from([(station, chain.ready)]);
    let cands = candidates(world, &base)?;
    let without_bus = Step {
        plan: base,
        bus: Vec::new(),
        townships: BTreeMap::new(),
    };
    let village_bus = assign(world, &cands, &ready, true);
    let greedy_villages = chain.with_villages(&mut memo, &without_bus, village_bus)?;
    let greedy = chain.township_search(&mut memo, greedy_villages.clone())?;
    if planner.bus_choice() == BusChoice::Greedy {
        return Ok(greedy.plan);
    }
    // Joint: price rider sets at a cheap effort, each from a copy of the greedy set's memo (so
    // the townships a set leaves alone are not re-solved, and answers do not depend on the order
    // of the parallel pricings).
    let cheap = Effort::construction_only(effort.seed);
    let mut start_memo = LastMileMemo::default();
    chain.price(&cheap, &greedy_villages.bus, &mut start_memo)?;
    let greedy_riders: HashSet<usize> = greedy_villages
        .bus
        .iter()
        .flat_map(|b| b.flows.iter().copied())
        .collect();
    let search = RiderSearch {
        candidates: &cands,
        ready: &ready,
        greedy_riders: &greedy_riders,
        seed: effort.seed,
    };
    let price = |bus: &[BusAssignment]| chain.price(&cheap, bus, &mut start_memo.clone());
    let Some(bus) = search_riders(world, &search, &price)? else {
        return Ok(greedy.plan);
    };
    let joint_villages = chain.with_villages(&mut memo, &greedy_villages, bus)?;
    if joint_villages.bus == greedy_villages.bus {
        // Not cheaper at the mode's effort: the greedy plan stands.
        return Ok(greedy.plan);
    }
    let joint = chain.township_search(&mut memo, joint_villages)?;
    Ok(if better(&joint.plan, &greedy.plan) {
        joint.plan
    } else {
        greedy.plan
    })
}

/// What one planning chain of the combined mode shares: who plans, for whom, and when the trunk
/// can have parcels at the bus station.
struct Chain<'p, 'w> {
    planner: &'p Planner<'w>,
    coalition: Coalition,
    effort: &'p Effort,
    /// The district's bus station (the trunk's drop for everything riding).
    station: usize,
    /// When the trunk can have parcels at the station.
    ready: i64,
}

/// A combined plan with what rides the buses: all bus loads, and the townships riding whole
/// (with the arrival of the last bus bringing their volume).
#[derive(Clone)]
struct Step {
    plan: Plan,
    bus: Vec<BusAssignment>,
    townships: BTreeMap<usize, i64>,
}

impl Chain<'_, '_> {
    /// The bus-station drop for a set of bus loads: village riders leave the van problems, and
    /// everything riding (village and township volume) is brought to the station by the trunk.
    fn drop(&self, bus: &[BusAssignment], townships: &BTreeMap<usize, i64>) -> BusStationDrop {
        let world = self.planner.world();
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
            deadline_s: station_deadline(world, bus, self.station, loads.parcels_in),
            flows: riders,
            site: Some(self.station),
            loads,
            townships: townships.clone(),
        }
    }

    /// Both echelons re-solved at `effort` with `bus` and `townships` riding.
    fn solve(
        &self,
        effort: &Effort,
        bus: &[BusAssignment],
        townships: &BTreeMap<usize, i64>,
        memo: &mut LastMileMemo,
    ) -> Result<Plan, CoopError> {
        let mut plan = postal_express::plan_with_memo(
            self.planner,
            self.coalition,
            effort,
            &self.drop(bus, townships),
            "combined",
            &Default::default(),
            memo,
        )?;
        plan.bus = bus.to_vec();
        Ok(plan)
    }

    /// The price of village riders `bus` for the joint search: the day re-solved at `effort`,
    /// fees included, with a penalty per engine violation.
    fn price(
        &self,
        effort: &Effort,
        bus: &[BusAssignment],
        memo: &mut LastMileMemo,
    ) -> Result<f64, CoopError> {
        let plan = self.solve(effort, bus, &BTreeMap::new(), memo)?;
        Ok(plan.total_cost() + plan.engine_violations.len() as f64 * VIOLATION_PENALTY)
    }

    /// `from` with its village riders replaced by `village_bus` (no township riding), when that
    /// makes the day better; else `from` itself.
    fn with_villages(
        &self,
        memo: &mut LastMileMemo,
        from: &Step,
        village_bus: Vec<BusAssignment>,
    ) -> Result<Step, CoopError> {
        if village_bus.is_empty() {
            return Ok(from.clone());
        }
        let plan = self.solve(self.effort, &village_bus, &BTreeMap::new(), memo)?;
        Ok(if better(&plan, &from.plan) {
            Step {
                plan,
                bus: village_bus,
                townships: BTreeMap::new(),
            }
        } else {
            from.clone()
        })
    }

    /// The township local search from `from`: each candidate township's whole volume tried on
    /// the runs stopping at its centre, kept when the day gets better.
    fn township_search(&self, memo: &mut LastMileMemo, from: Step) -> Result<Step, CoopError> {
        let world = self.planner.world();
        let mut best = from;
        let mut tries = 0;
        for (t, saving) in township_candidates(world, &best.plan)? {
            if tries >= TOWNSHIP_TRIES || saving <= 0.0 {
                break;
            }
            let volume = township_volume(&best.plan, t);
            let Some((extra, arrival)) =
                township_runs(world, self.station, t, &volume, &best.bus, self.ready)
            else {
                continue;
            };
            if extra.iter().map(|b| b.fee).sum::<f64>() >= saving {
                continue;
            }
            tries += 1;
            let mut bus = best.bus.clone();
            bus.extend(extra);
            let mut townships = best.townships.clone();
            townships.insert(t, arrival);
            let plan = self.solve(self.effort, &bus, &townships, memo)?;
            if better(&plan, &best.plan) {
                best = Step {
                    plan,
                    bus,
                    townships,
                };
            }
        }
        Ok(best)
    }
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
