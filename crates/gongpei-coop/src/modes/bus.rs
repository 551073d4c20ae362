//! Bus runs as parcel carriers (交邮合作): which flows ride which run.
//!
//! Candidates are flows (or pooled village stops) at villages that a bus line serves. Each gets
//! an estimated routing saving: what its removal saves the van route serving it in the plan
//! without buses (detour distance and time at that vehicle's prices, plus its service time). A
//! candidate is worth a ride when the saving beats the fee (per parcel plus per kilogram).
//! Candidates are assigned greedily, best saving per parcel first, to the earliest run that
//! reaches the village in its window and still has spare parcels and kilograms on every segment
//! the load occupies (`run_loads.rs`); produce goes back on a return run reaching the station by
//! the end of the day. Each line is handed parcels at its own station (`handover`, by default the
//! district's bus station), where the vans drop and collect its loads. `bus_joint.rs` searches
//! the rider set priced by routing instead of taking the greedy one. The caller then re-solves the vans without the riders and keeps the bus
//! plan only if the whole day got cheaper, so the estimate can never make a plan worse.

use std::collections::{BTreeMap, HashMap, HashSet};

use gongpei_scenario::BusLine;

use super::run_loads::RunLoads;
use crate::plan::{BusAssignment, Loads, Plan};
use crate::subproblem::StopDemand;
use crate::world::World;
use crate::CoopError;

/// A group of flows at one village that rides together or not at all.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    /// Village site.
    pub village: usize,
    /// Flows.
    pub flows: Vec<usize>,
    /// Estimated van saving if they ride, yuan.
    pub saving: f64,
}

/// Builds candidates from a plan: every van stop at a village that some bus line serves,
/// with the saving of skipping it. Chilled stops ride only lines that allow chilled goods.
pub(crate) fn candidates(world: &World<'_>, plan: &Plan) -> Result<Vec<Candidate>, CoopError> {
    let served: Vec<usize> = world
        .scenario
        .bus_lines
        .iter()
        .flat_map(|l| l.stops.iter())
        .filter_map(|id| world.scenario.site_index(id))
        .collect();
    let mut out = Vec::new();
    for r in &plan.routes {
        let (per_km, per_h) = world.unit_costs(&r.vehicle);
        let path = r.site_path();
        for (k, stop) in r.stops.iter().enumerate() {
            if stop.flows.is_empty() || !served.contains(&stop.site) {
                continue;
            }
            let (prev, next) = (path[k], path[k + 2]);
            let (d1, t1) = world.leg(r.profile, prev, stop.site)?;
            let (d2, t2) = world.leg(r.profile, stop.site, next)?;
            let (d0, t0) = world.leg(r.profile, prev, next)?;
            let service: i64 = stop.flows.iter().map(|&f| world.flows[f].service_s).sum();
            let saving = (d1 + d2 - d0) as f64 / 1000.0 * per_km
                + (t1 + t2 - t0 + service) as f64 / 3600.0 * per_h;
            out.push(Candidate {
                village: stop.site,
                flows: stop.flows.clone(),
                saving,
            });
        }
    }
    Ok(out)
}

/// Totals a candidate moves: (parcels in, kg in, parcels out, kg out).
pub(crate) fn candidate_loads(world: &World<'_>, c: &Candidate) -> (i64, i64, i64, i64) {
    c.flows.iter().fold((0, 0, 0, 0), |a, &f| {
        let x = &world.flows[f];
        (
            a.0 + x.parcels_in,
            a.1 + x.kg_in,
            a.2 + x.parcels_out,
            a.3 + x.kg_out,
        )
    })
}

/// The fee a line charges for a load, yuan: per parcel plus per kilogram.
pub(crate) fn line_fee(line: &BusLine, parcels: i64, kg: i64) -> f64 {
    parcels as f64 * line.fee_per_parcel + kg as f64 * line.fee_per_kg
}

/// The handover stop of a line: its own `handover` if it names one, else the district's bus
/// station when the line stops there (None: no van can hand parcels to the line).
pub(crate) fn line_station(world: &World<'_>, line: &BusLine) -> Option<usize> {
    match &line.handover {
        Some(h) => world.scenario.site_index(h),
        None => {
            let station = bus_station(world)?;
            line.stops
                .iter()
                .any(|s| world.scenario.site_index(s) == Some(station))
                .then_some(station)
        }
    }
}

/// Every handover station of the scenario's lines (ascending site index).
pub(crate) fn stations(world: &World<'_>) -> Vec<usize> {
    let mut out: Vec<usize> = world
        .scenario
        .bus_lines
        .iter()
        .filter_map(|l| line_station(world, l))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Assigns candidates to runs. `ready[station]` is when parcels can be at a station; lines
/// handing over at a station without an entry are not used. With `by_margin` (the greedy rule)
/// only candidates whose estimated saving beats the fee ride; without it every candidate given
/// rides when a run has room (the joint search chooses the set itself). Candidates are placed
/// best saving per parcel first, each on the earliest-arriving run with room on every segment it
/// occupies.
pub(crate) fn assign(
    world: &World<'_>,
    candidates: &[Candidate],
    ready: &HashMap<usize, i64>,
    by_margin: bool,
) -> Vec<BusAssignment> {
    let costs = &world.scenario.costs;
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    let margin = |c: &Candidate| {
        let (pi, _, po, _) = candidate_loads(world, c);
        c.saving / ((pi + po).max(1) as f64)
    };
    order.sort_by(|&a, &b| {
        margin(&candidates[b])
            .total_cmp(&margin(&candidates[a]))
            .then(a.cmp(&b))
    });
    let mut used = RunLoads::default();
    let mut out = Vec::new();
    let transfer = costs.bus_transfer_s_per_parcel;
    // Stops as site indices, once: the scenario looks sites up by id.
    let lines = &world.scenario.bus_lines;
    let line_sites: Vec<Vec<Option<usize>>> = lines
        .iter()
        .map(|l| {
            l.stops
                .iter()
                .map(|s| world.scenario.site_index(s))
                .collect()
        })
        .collect();
    let line_stations: Vec<Option<usize>> = lines.iter().map(|l| line_station(world, l)).collect();
    let position = |li: usize, site: usize| line_sites[li].iter().position(|&s| s == Some(site));
    for i in order {
        let c = &candidates[i];
        let (pi, ki, po, ko) = candidate_loads(world, c);
        if pi == 0 && po == 0 {
            continue;
        }
        let chilled = c.flows.iter().any(|&f| world.flows[f].chilled);
        let window = c.flows.iter().fold((0i64, i64::MAX), |w, &f| {
            (
                w.0.max(world.flows[f].window.0),
                w.1.min(world.flows[f].window.1),
            )
        });
        // (line, run, board position, alight position, arrival)
        let mut best_in: Option<(usize, usize, usize, usize, i64)> = None;
        let mut best_out: Option<(usize, usize, usize, usize, i64)> = None;
        for (li, line) in lines.iter().enumerate() {
            if chilled && !line.chilled_allowed {
                continue;
            }
            let Some(station) = line_stations[li] else {
                continue;
            };
            let Some(&ready_s) = ready.get(&station) else {
                continue;
            };
            let (Some(ps), Some(pv)) = (position(li, station), position(li, c.village)) else {
                continue;
            };
            if by_margin && c.saving <= line_fee(line, pi + po, ki + ko) {
                continue;
            }
            for (ri, run) in line.runs.iter().enumerate() {
                let at = |k: usize| run.departure_s + line.stop_offsets_s[k];
                if ps < pv && pi > 0 {
                    let (dep_at, arr_at) = (at(ps), at(pv));
                    let ride_ok = !chilled || arr_at - dep_at <= costs.max_chilled_duration_s;
                    if ride_ok
                        && dep_at >= ready_s + transfer * pi
                        && arr_at <= window.1
                        && best_in.is_none_or(|b| arr_at < b.4)
                        && used.fits(line, li, ri, ps, pv, pi, ki)
                    {
                        best_in = Some((li, ri, ps, pv, arr_at));
                    }
                }
                if pv < ps && po > 0 {
                    let (dep_at, arr_at) = (at(pv), at(ps));
                    if dep_at >= window.0
                        && arr_at + transfer * po <= costs.day_end_s
                        && best_out.is_none_or(|b| arr_at < b.4)
                        && used.fits(line, li, ri, pv, ps, po, ko)
                    {
                        best_out = Some((li, ri, pv, ps, arr_at));
                    }
                }
            }
        }
        let inbound_ok = pi == 0 || best_in.is_some();
        let outbound_ok = po == 0 || best_out.is_some();
        if !(inbound_ok && outbound_ok) {
            continue;
        }
        for (choice, inbound, parcels, kg) in [(best_in, true, pi, ki), (best_out, false, po, ko)] {
            let Some((li, ri, from, to, arr_at)) = choice else {
                continue;
            };
            if parcels == 0 {
                continue;
            }
            let line = &lines[li];
            used.add(line, li, ri, from, to, parcels, kg);
            let site = |k: usize| line_sites[li][k].unwrap_or(c.village);
            out.push(BusAssignment {
                line: line.id.clone(),
                run: ri,
                departure_s: line.runs[ri].departure_s,
                board_site: site(from),
                alight_site: site(to),
                arrival_s: arr_at,
                // A pooled stop mixes flows; each load lists only the flows moving that way.
                flows: c
                    .flows
                    .iter()
                    .copied()
                    .filter(|&f| {
                        let x = &world.flows[f];
                        if inbound {
                            x.parcels_in + x.kg_in > 0
                        } else {
                            x.parcels_out + x.kg_out > 0
                        }
                    })
                    .collect(),
                inbound,
                parcels,
                kg,
                fee: line_fee(line, parcels, kg),
            });
        }
    }
    out
}

/// The stops the vans make at the handover stations for these bus loads: per station, what
/// they drop for inbound runs and collect from outbound ones, due before the earliest inbound
/// run leaving there (ascending station).
pub(crate) fn station_stops(world: &World<'_>, bus: &[BusAssignment]) -> Vec<StopDemand> {
    let mut by_station: BTreeMap<usize, Loads> = BTreeMap::new();
    for b in bus {
        let (station, l) = if b.inbound {
            (
                b.board_site,
                Loads {
                    parcels_in: b.parcels,
                    kg_in: b.kg,
                    ..Loads::default()
                },
            )
        } else {
            (
                b.alight_site,
                Loads {
                    parcels_out: b.parcels,
                    kg_out: b.kg,
                    ..Loads::default()
                },
            )
        };
        by_station.entry(station).or_default().add(&l);
    }
    by_station
        .into_iter()
        .map(|(site, loads)| StopDemand {
            site,
            window: (0, station_deadline(world, bus, site, loads.parcels_in)),
            loads,
            service_s: 300,
            flows: Vec::new(),
            replenishment: Vec::new(),
        })
        .collect()
}

/// The bus station: the first stop shared by the most lines (where parcels are handed over).
pub(crate) fn bus_station(world: &World<'_>) -> Option<usize> {
    let mut count: HashMap<usize, usize> = HashMap::new();
    for l in &world.scenario.bus_lines {
        for s in [l.stops.first(), l.stops.last()].into_iter().flatten() {
            if let Some(i) = world.scenario.site_index(s) {
                *count.entry(i).or_default() += 1;
            }
        }
    }
    count
        .into_iter()
        .max_by_key(|&(s, n)| (n, std::cmp::Reverse(s)))
        .map(|(s, _)| s)
}

/// Loads of the given flows (the riders of a bus plan).
pub(crate) fn rider_loads(world: &World<'_>, flows: &HashSet<usize>) -> Loads {
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

/// Latest drop at `station` so that the earliest inbound run used from there is caught.
pub(crate) fn station_deadline(
    world: &World<'_>,
    bus: &[BusAssignment],
    station: usize,
    parcels: i64,
) -> i64 {
    bus.iter()
        .filter(|b| b.inbound && b.board_site == station)
        .map(|b| b.departure_s)
        .min()
        .map_or(world.scenario.costs.day_end_s, |d| {
            d - world.scenario.costs.bus_transfer_s_per_parcel * parcels
        })
        .max(0)
}

/// Whether plan `a` is better than `b`: fewer engine violations first, then cheaper.
pub(crate) fn better(a: &Plan, b: &Plan) -> bool {
    let (a_bad, b_bad) = (
        !a.engine_violations.is_empty(),
        !b.engine_violations.is_empty(),
    );
    if a_bad != b_bad {
        return b_bad;
    }
    a.total_cost() < b.total_cost() - 1e-6
}

/// Per-carrier bus fees of a plan, yuan (fees of pooled loads split by parcels).
pub(crate) fn bus_fees_by_carrier(world: &World<'_>, plan: &Plan) -> HashMap<usize, f64> {
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
