//! Bus runs as parcel carriers (交邮合作): which flows ride which run.
//!
//! Candidates are flows (or pooled village stops) at villages that a bus line serves. Each gets
//! an estimated routing saving: what its removal saves the van route serving it in the plan
//! without buses (detour distance and time at that vehicle's prices, plus its service time). A
//! candidate is worth a ride when the saving beats the fee. Candidates are assigned greedily, best
//! saving per parcel first, to the earliest run that reaches the village in its window and still
//! has spare parcels and kilograms; produce goes back on a return run reaching the bus station by
//! the end of the day. The caller then re-solves the vans without the riders and keeps the bus
//! plan only if the whole day got cheaper, so the estimate can never make a plan worse.

use std::collections::HashMap;

use std::collections::HashSet;

use crate::plan::{BusAssignment, Loads, Plan};
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

/// Assigns candidates to runs. Parcels are ready at the bus station at `ready_s`.
pub(crate) fn assign(
    world: &World<'_>,
    candidates: &[Candidate],
    ready_s: i64,
) -> Result<Vec<BusAssignment>, CoopError> {
    let costs = &world.scenario.costs;
    let Some(station) = bus_station(world) else {
        return Ok(Vec::new());
    };
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    let parcels_of = |c: &Candidate| -> (i64, i64, i64, i64) {
        c.flows.iter().fold((0, 0, 0, 0), |a, &f| {
            let x = &world.flows[f];
            (
                a.0 + x.parcels_in,
                a.1 + x.kg_in,
                a.2 + x.parcels_out,
                a.3 + x.kg_out,
            )
        })
    };
    let margin = |c: &Candidate| {
        let (pi, _, po, _) = parcels_of(c);
        c.saving / ((pi + po).max(1) as f64)
    };
    order.sort_by(|&a, &b| {
        margin(&candidates[b])
            .total_cmp(&margin(&candidates[a]))
            .then(a.cmp(&b))
    });
    let mut used: HashMap<(usize, usize), (i64, i64)> = HashMap::new();
    let mut out = Vec::new();
    for i in order {
        let c = &candidates[i];
        let (pi, ki, po, ko) = parcels_of(c);
        let chilled = c.flows.iter().any(|&f| world.flows[f].chilled);
        let window = c.flows.iter().fold((0i64, i64::MAX), |w, &f| {
            (
                w.0.max(world.flows[f].window.0),
                w.1.min(world.flows[f].window.1),
            )
        });
        let mut best_in: Option<(usize, usize, i64, i64)> = None; // line, run, departure, arrival
        let mut best_out: Option<(usize, usize, i64, i64)> = None;
        for (li, line) in world.scenario.bus_lines.iter().enumerate() {
            if chilled && !line.chilled_allowed {
                continue;
            }
            let fee = line.fee_per_parcel;
            let pos_station = line
                .stops
                .iter()
                .position(|s| world.scenario.site_index(s) == Some(station));
            let pos_village = line
                .stops
                .iter()
                .position(|s| world.scenario.site_index(s) == Some(c.village));
            let (Some(ps), Some(pv)) = (pos_station, pos_village) else {
                continue;
            };
            if c.saving <= fee * (pi + po) as f64 {
                continue;
            }
            for (ri, run) in line.runs.iter().enumerate() {
                let (dep_at, arr_at) = if ps < pv {
                    (
                        run.departure_s + line.stop_offsets_s[ps],
                        run.departure_s + line.stop_offsets_s[pv],
                    )
                } else {
                    (
                        run.departure_s + line.stop_offsets_s[pv],
                        run.departure_s + line.stop_offsets_s[ps],
                    )
                };
                let (up, uk) = used.get(&(li, ri)).copied().unwrap_or((0, 0));
                let transfer = costs.bus_transfer_s_per_parcel;
                if ps < pv && pi > 0 {
                    let fits =
                        up + pi <= line.spare_parcels_per_run && uk + ki <= line.spare_kg_per_run;
                    let ride_ok = !chilled || arr_at - dep_at <= costs.max_chilled_duration_s;
                    if fits
                        && ride_ok
                        && dep_at >= ready_s + transfer * pi
                        && arr_at <= window.1
                        && best_in.is_none_or(|b| arr_at < b.3)
                    {
                        best_in = Some((li, ri, dep_at, arr_at));
                    }
                }
                if pv < ps && po > 0 {
                    let fits =
                        up + po <= line.spare_parcels_per_run && uk + ko <= line.spare_kg_per_run;
                    if fits
                        && dep_at >= window.0
                        && arr_at + transfer * po <= costs.day_end_s
                        && best_out.is_none_or(|b| arr_at < b.3)
                    {
                        best_out = Some((li, ri, dep_at, arr_at));
                    }
                }
            }
        }
        let inbound_ok = pi == 0 || best_in.is_some();
        let outbound_ok = po == 0 || best_out.is_some();
        if !(inbound_ok && outbound_ok) || (pi == 0 && po == 0) {
            continue;
        }
        for (choice, inbound, parcels, kg) in [(best_in, true, pi, ki), (best_out, false, po, ko)] {
            let Some((li, ri, dep_at, arr_at)) = choice else {
                continue;
            };
            if parcels == 0 {
                continue;
            }
            let line = &world.scenario.bus_lines[li];
            let e = used.entry((li, ri)).or_insert((0, 0));
            e.0 += parcels;
            e.1 += kg;
            out.push(BusAssignment {
                line: line.id.clone(),
                run: ri,
                departure_s: line.runs[ri].departure_s,
                board_site: if inbound { station } else { c.village },
                alight_site: if inbound { c.village } else { station },
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
                fee: parcels as f64 * line.fee_per_parcel,
            });
            let _ = dep_at;
        }
    }
    Ok(out)
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

/// Latest drop at the bus station so that the earliest inbound run used is caught.
pub(crate) fn station_deadline(world: &World<'_>, bus: &[BusAssignment], parcels: i64) -> i64 {
    bus.iter()
        .filter(|b| b.inbound)
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
