//! An independent plan checker: recomputes from the scenario, not from the engine's figures,
//! that every flow is served exactly once, loads and capacities hold (chilled goods only in
//! refrigerated vehicles), legs match the travel matrices, windows and shift limits hold, bus
//! runs stay within their spare capacity and timetable, and each township's last mile leaves
//! only after its trunk delivery arrived and was handled.

use std::collections::HashMap;

use crate::modes::two_echelon::TRUNK_STOP_S;
use crate::plan::{Leg, Loads, Plan};
use crate::world::World;

/// Everything wrong with a plan (empty when it is feasible).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct CheckReport {
    /// One line per broken rule, naming route, stop, flow or bus run.
    pub errors: Vec<String>,
}

impl CheckReport {
    /// Whether the plan passed.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }
}

fn flow_loads(world: &World<'_>, flows: &[usize]) -> Loads {
    let mut l = Loads::default();
    for &k in flows {
        let f = &world.flows[k];
        l.parcels_in += f.parcels_in;
        l.kg_in += f.kg_in;
        l.parcels_out += f.parcels_out;
        l.kg_out += f.kg_out;
        if f.chilled {
            l.chilled_in += f.parcels_in;
            l.chilled_out += f.parcels_out;
        }
    }
    l
}

/// Checks `plan` against the scenario of `world`.
pub fn check_plan(world: &World<'_>, plan: &Plan) -> CheckReport {
    let mut errors = Vec::new();
    let sc = world.scenario;
    let costs = &sc.costs;
    let name = |s: usize| sc.sites.get(s).map_or("?".to_string(), |x| x.id.clone());

    // 1. Every flow of the coalition exactly once, nothing else.
    let mut by_route: HashMap<usize, usize> = HashMap::new();
    for r in &plan.routes {
        for s in &r.stops {
            for &k in &s.flows {
                *by_route.entry(k).or_default() += 1;
            }
        }
    }
    let mut bus_in: HashMap<usize, usize> = HashMap::new();
    let mut bus_out: HashMap<usize, usize> = HashMap::new();
    for b in &plan.bus {
        for &k in &b.flows {
            *(if b.inbound { &mut bus_in } else { &mut bus_out })
                .entry(k)
                .or_default() += 1;
        }
    }
    for &k in &plan.flows {
        let f = &world.flows[k];
        let routes = by_route.get(&k).copied().unwrap_or(0);
        let (bi, bo) = (
            bus_in.get(&k).copied().unwrap_or(0),
            bus_out.get(&k).copied().unwrap_or(0),
        );
        let on_bus = bi + bo > 0;
        let ok = if on_bus {
            routes == 0
                && bi == usize::from(f.parcels_in + f.kg_in > 0)
                && bo == usize::from(f.parcels_out + f.kg_out > 0)
        } else {
            routes == 1
        };
        if !ok {
            errors.push(format!(
                "flow {k} (demand[{}], village {}): served by {routes} route stops, {bi} inbound and {bo} outbound bus loads",
                f.record,
                name(f.village)
            ));
        }
    }
    for k in by_route.keys().chain(bus_in.keys()).chain(bus_out.keys()) {
        if !plan.flows.contains(k) {
            errors.push(format!(
                "flow {k} is served but does not belong to the coalition"
            ));
        }
    }

    // 2. Routes: loads, capacities, legs, times.
    let mut trunk_in: HashMap<usize, i64> = HashMap::new();
    let mut trunk_arrival: HashMap<usize, i64> = HashMap::new();
    let mut fleet_use: HashMap<(String, usize), usize> = HashMap::new();
    for (ri, r) in plan.routes.iter().enumerate() {
        let who = format!("route {ri} ({} from {})", r.vehicle, name(r.start_site));
        let Some(spec) = sc.vehicle_types.iter().find(|v| v.id == r.vehicle) else {
            errors.push(format!("{who}: unknown vehicle type"));
            continue;
        };
        *fleet_use
            .entry((r.vehicle.clone(), r.start_site))
            .or_default() += 1;
        let mut total = Loads::default();
        for (si, s) in r.stops.iter().enumerate() {
            if !s.flows.is_empty() {
                let expect = flow_loads(world, &s.flows);
                if expect != s.loads {
                    errors.push(format!(
                        "{who}, stop {si} ({}): loads {:?} differ from its flows' {:?}",
                        name(s.site),
                        s.loads,
                        expect
                    ));
                }
                if s.flows.iter().any(|&k| world.flows[k].village != s.site) {
                    errors.push(format!(
                        "{who}, stop {si}: a flow of another village is served at {}",
                        name(s.site)
                    ));
                }
            }
            total.add(&s.loads);
        }
        let mut load = [total.parcels_in, total.kg_in, total.chilled_in];
        let mut peak = load;
        for s in &r.stops {
            load[0] += s.loads.parcels_out - s.loads.parcels_in;
            load[1] += s.loads.kg_out - s.loads.kg_in;
            load[2] += s.loads.chilled_out - s.loads.chilled_in;
            for d in 0..3 {
                peak[d] = peak[d].max(load[d]);
            }
        }
        let cap = [
            spec.capacity_parcels,
            spec.capacity_kg,
            if spec.refrigerated {
                spec.capacity_parcels
            } else {
                0
            },
        ];
        for d in 0..3 {
            if peak[d] > cap[d] {
                let what = ["parcels", "kg", "chilled parcels"][d];
                errors.push(format!(
                    "{who}: peak load {} {what} exceeds capacity {}",
                    peak[d], cap[d]
                ));
            }
        }
        // Legs against the matrices; times never run backwards.
        let mut at = r.start_site;
        let mut time = r.start_s;
        let mut distance = 0;
        for (si, s) in r.stops.iter().enumerate() {
            match world.leg(r.profile, at, s.site) {
                Ok((d, t)) => {
                    distance += d;
                    if s.arrival_s < time + t {
                        errors.push(format!(
                            "{who}, stop {si} ({}): arrives at {} before it can ({})",
                            name(s.site),
                            s.arrival_s,
                            time + t
                        ));
                    }
                }
                Err(e) => errors.push(format!("{who}: {e}")),
            }
            let window = s.flows.iter().fold((0i64, i64::MAX), |w, &k| {
                (
                    w.0.max(world.flows[k].window.0),
                    w.1.min(world.flows[k].window.1),
                )
            });
            // The window end is the latest service start (inclusive). A late vehicle shows as a
            // service start before its arrival (the engine's time warp), named as such.
            if s.service_start_s < s.arrival_s {
                errors.push(format!(
                    "{who}, stop {si} ({}): arrives at {} but service is booked at {} (late for window {:?})",
                    name(s.site),
                    s.arrival_s,
                    s.service_start_s,
                    window
                ));
            } else if s.service_start_s > window.1
                || (s.service_start_s < window.0 && !s.flows.is_empty())
            {
                errors.push(format!(
                    "{who}, stop {si} ({}): service at {} outside window {:?}",
                    name(s.site),
                    s.service_start_s,
                    window
                ));
            }
            let service: i64 = if s.flows.is_empty() {
                0
            } else {
                s.flows.iter().map(|&k| world.flows[k].service_s).sum()
            };
            time = s.service_start_s + service;
            at = s.site;
            if r.leg == Leg::Trunk {
                *trunk_in.entry(s.site).or_default() += s.loads.parcels_in;
                let done = s.service_start_s + TRUNK_STOP_S;
                let e = trunk_arrival.entry(s.site).or_insert(done);
                *e = (*e).max(done);
            }
        }
        if let Ok((d, t)) = world.leg(r.profile, at, r.end_site) {
            distance += d;
            if r.end_s < time + t {
                errors.push(format!(
                    "{who}: returns at {} before it can ({})",
                    r.end_s,
                    time + t
                ));
            }
        }
        if distance != r.distance_m {
            errors.push(format!(
                "{who}: distance {} m differs from the matrices' {distance} m",
                r.distance_m
            ));
        }
        if r.start_s < spec.shift_start_s {
            errors.push(format!(
                "{who}: leaves at {} before the shift start {}",
                r.start_s, spec.shift_start_s
            ));
        }
        if r.end_s - r.start_s > spec.max_shift_s {
            errors.push(format!(
                "{who}: on duty {} s, more than the shift limit {} s",
                r.end_s - r.start_s,
                spec.max_shift_s
            ));
        }
        if peak[2] > 0 || total.chilled_out > 0 {
            if r.end_site != world.cold_store {
                errors.push(format!(
                    "{who}: carries chilled goods but does not end at the cold store"
                ));
            }
            for (si, st) in r
                .stops
                .iter()
                .enumerate()
                .filter(|(_, st)| st.loads.chilled_out > 0)
            {
                if r.end_s - st.service_start_s > costs.max_chilled_duration_s {
                    errors.push(format!(
                        "{who}, stop {si} ({}): chilled pickup reaches the cold store after {} s, more than {} s",
                        name(st.site),
                        r.end_s - st.service_start_s,
                        costs.max_chilled_duration_s
                    ));
                }
            }
        }
    }
    for ((vehicle, base), used) in &fleet_use {
        if let Some(spec) = sc.vehicle_types.iter().find(|v| &v.id == vehicle) {
            if *used > spec.count as usize {
                errors.push(format!(
                    "vehicle type {vehicle} at {}: {used} routes but {} vehicles",
                    name(*base),
                    spec.count
                ));
            }
        }
    }

    // 3. Township coupling: last mile leaves after trunk arrival + handling, and receives what
    //    the trunk brought.
    // Townships supplied by bus (volume loads, no flows) count like trunk deliveries.
    for b in plan.bus.iter().filter(|b| b.inbound && b.flows.is_empty()) {
        *trunk_in.entry(b.alight_site).or_default() += b.parcels;
        let e = trunk_arrival.entry(b.alight_site).or_insert(b.arrival_s);
        *e = (*e).max(b.arrival_s);
    }
    let mut last_mile_in: HashMap<usize, i64> = HashMap::new();
    for r in plan
        .routes
        .iter()
        .filter(|r| r.leg == Leg::LastMile && trunk_arrival.contains_key(&r.start_site))
    {
        let release = trunk_arrival[&r.start_site] + costs.township_handling_s;
        if r.start_s < release {
            errors.push(format!(
                "last-mile {} from {} leaves at {} before its trunk delivery is handled ({release})",
                r.vehicle,
                name(r.start_site),
                r.start_s
            ));
        }
        *last_mile_in.entry(r.start_site).or_default() +=
            r.stops.iter().map(|s| s.loads.parcels_in).sum::<i64>();
    }
    for (t, &brought) in &trunk_in {
        let expected = last_mile_in.get(t).copied().unwrap_or(0);
        let to_bus: i64 = plan
            .bus
            .iter()
            .filter(|b| b.inbound && b.board_site == *t)
            .map(|b| b.parcels)
            .sum();
        if brought != expected + to_bus {
            errors.push(format!(
                "{}: trunk brought {brought} parcels, last mile and buses take {}",
                name(*t),
                expected + to_bus
            ));
        }
    }

    // 4. Bus runs: stop order, timetable, spare capacity, windows.
    let mut run_load: HashMap<(String, usize), (i64, i64)> = HashMap::new();
    for b in &plan.bus {
        let Some(line) = sc.bus_lines.iter().find(|l| l.id == b.line) else {
            errors.push(format!("bus load on unknown line {}", b.line));
            continue;
        };
        let pos = |s: usize| line.stops.iter().position(|x| sc.site_index(x) == Some(s));
        match (pos(b.board_site), pos(b.alight_site), line.runs.get(b.run)) {
            (Some(i), Some(j), Some(run)) if i < j => {
                if run.departure_s + line.stop_offsets_s[j] != b.arrival_s {
                    errors.push(format!(
                        "line {} run {}: arrival {} does not match the timetable",
                        b.line, b.run, b.arrival_s
                    ));
                }
            }
            _ => errors.push(format!(
                "line {} run {}: cannot carry from {} to {}",
                b.line,
                b.run,
                name(b.board_site),
                name(b.alight_site)
            )),
        }
        let expect = if b.flows.is_empty() {
            // Township volume: the parcels are accounted for by the last mile it feeds.
            Loads {
                parcels_in: b.parcels,
                kg_in: b.kg,
                parcels_out: b.parcels,
                kg_out: b.kg,
                ..Loads::default()
            }
        } else {
            flow_loads(world, &b.flows)
        };
        let (p, kg) = if b.inbound {
            (expect.parcels_in, expect.kg_in)
        } else {
            (expect.parcels_out, expect.kg_out)
        };
        if (p, kg) != (b.parcels, b.kg) {
            errors.push(format!(
                "line {} run {}: carries {} parcels / {} kg but its flows hold {p} / {kg}",
                b.line, b.run, b.parcels, b.kg
            ));
        }
        if b.inbound
            && b.flows
                .iter()
                .any(|&k| b.arrival_s > world.flows[k].window.1)
        {
            errors.push(format!(
                "line {} run {}: reaches {} after its window",
                b.line,
                b.run,
                name(b.alight_site)
            ));
        }
        let e = run_load.entry((b.line.clone(), b.run)).or_default();
        e.0 += b.parcels;
        e.1 += b.kg;
    }
    for ((line_id, run), (p, kg)) in &run_load {
        if let Some(line) = sc.bus_lines.iter().find(|l| &l.id == line_id) {
            if *p > line.spare_parcels_per_run || *kg > line.spare_kg_per_run {
                errors.push(format!(
                    "line {line_id} run {run}: {p} parcels / {kg} kg exceed spare capacity {} / {}",
                    line.spare_parcels_per_run, line.spare_kg_per_run
                ));
            }
        }
    }
    errors.extend(
        plan.engine_violations
            .iter()
            .map(|v| format!("engine: {v}")),
    );
    CheckReport { errors }
}
