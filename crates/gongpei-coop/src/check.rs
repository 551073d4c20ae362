//! An independent plan checker: recomputes from the scenario alone (its own road network and
//! shortest paths, not the planner's matrices or the engine's figures) that every demand record
//! of the coalition is served exactly once, loads and capacities hold (chilled goods only in
//! refrigerated vehicles), legs match the roads, windows and shift limits hold, every route
//! returns to its base, chilled pickups reach the cold store within `max_chilled_duration_s`,
//! bus runs stay within their spare capacity on every segment, their timetable and fees, each township's last mile leaves
//! only after its trunk delivery arrived and was handled, and in pooled plans the feeders bring
//! each carrier's volume from its depots before the hub sorts and the hub's routes leave (in
//! 快快合作, a lead's transfer tours bring the others' parcels before its rounds leave its outlet).
//! The commerce partners' B2B replenishment (快商合作) is checked alike: a plan of every carrier
//! delivers each record's daily average exactly once, on the shared vans or the supplier's own,
//! with its unloading time and the shop's hours; pick-up point villages' shorter hand-over is
//! recomputed from the scenario; suppliers away from the hub bring their goods there on their
//! own vans (see `check_replenishment`).
//!
//! It imports only the scenario and the plan data types: flows are demand record indices,
//! replenishment indices are `commerce.replenishment` record indices.

use std::cell::RefCell;
use std::collections::HashMap;

use gongpei_scenario::model::VehicleProfile;
use gongpei_scenario::travel::Travel;
use gongpei_scenario::{Scenario, Temperature, SHARED_OPERATOR};

use crate::plan::{Leg, Loads, Plan};

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

/// One demand record as the checker reads it from the scenario.
struct Rec {
    record: usize,
    village: usize,
    carrier: usize,
    chilled: bool,
    parcels_in: i64,
    kg_in: i64,
    parcels_out: i64,
    kg_out: i64,
    service_s: i64,
    window: (i64, i64),
}

fn records(sc: &Scenario) -> Result<Vec<Rec>, String> {
    sc.demand
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let village = sc
                .site_index(&d.village)
                .ok_or_else(|| format!("demand[{k}]: unknown village {:?}", d.village))?;
            let carrier = sc
                .carrier_index(&d.carrier)
                .ok_or_else(|| format!("demand[{k}]: unknown carrier {:?}", d.carrier))?;
            let window = match (d.time_window, sc.sites[village].opening_hours) {
                (Some(w), _) => (w.start_s, w.end_s),
                (None, Some(h)) => (h.open_s, h.close_s),
                (None, None) => (0, 86_400),
            };
            Ok(Rec {
                record: k,
                village,
                carrier,
                chilled: d.temperature == Temperature::Chilled,
                parcels_in: d.parcels_in,
                kg_in: d.kg_in,
                parcels_out: d.parcels_out,
                kg_out: d.kg_out,
                service_s: d.service_s,
                window,
            })
        })
        .collect()
}

/// One B2B replenishment record as the checker reads it from the scenario.
struct B2b {
    shop_site: usize,
    supplier_site: usize,
    supplier_operator: String,
    cases: i64,
    kg: i64,
    service_s: i64,
    window: (i64, i64),
}

fn b2b_records(sc: &Scenario) -> Result<Vec<B2b>, String> {
    let m = &sc.commerce;
    m.replenishment
        .iter()
        .enumerate()
        .map(|(j, r)| {
            let site_of = |partner: &str| {
                m.partner(partner)
                    .and_then(|p| Some((sc.site_index(&p.site)?, p.operator.clone())))
                    .ok_or_else(|| {
                        format!("commerce.replenishment[{j}]: unknown partner {partner:?}")
                    })
            };
            let (shop_site, _) = site_of(&r.shop)?;
            let (supplier_site, supplier_operator) = site_of(&r.supplier)?;
            Ok(B2b {
                shop_site,
                supplier_site,
                supplier_operator,
                cases: r.daily_cases(),
                kg: r.daily_kg(),
                service_s: r.service_s,
                window: sc.sites[shop_site]
                    .opening_hours
                    .map_or((0, 86_400), |h| (h.open_s, h.close_s)),
            })
        })
        .collect()
}

fn rec_loads(flows: &[Rec], ks: &[usize]) -> Loads {
    let mut l = Loads::default();
    for &k in ks {
        let Some(f) = flows.get(k) else { continue };
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

/// (distance m, duration s) of a leg by (profile, from, to).
type LegMemo = HashMap<(VehicleProfile, usize, usize), (i64, i64)>;

/// Legs on the checker's own resolution of the scenario's roads, memoised: external matrices
/// where the scenario gives them for a profile, shortest paths on its road network otherwise.
struct Roads {
    travel: Travel,
    memo: RefCell<LegMemo>,
}

impl Roads {
    fn leg(&self, p: VehicleProfile, a: usize, b: usize) -> Result<(i64, i64), String> {
        if a == b {
            return Ok((0, 0));
        }
        if let Some(&x) = self.memo.borrow().get(&(p, a, b)) {
            return Ok(x);
        }
        let x = match self.travel.external.iter().find(|(q, _)| *q == p) {
            Some((_, table)) => {
                let sites = self.travel.network.sites();
                table.get(&sites[a].id, &sites[b].id).ok_or_else(|| {
                    format!("no external {p:?} matrix entry from site {a} to site {b}")
                })?
            }
            None => {
                let path = self
                    .travel
                    .network
                    .router(p.into())
                    .path(a, b)
                    .map_err(|e| format!("no road from site {a} to site {b}: {e}"))?;
                (path.distance_m, path.duration_s)
            }
        };
        self.memo.borrow_mut().insert((p, a, b), x);
        Ok(x)
    }
}

/// Checks `plan` against `scenario`.
pub fn check_plan(scenario: &Scenario, plan: &Plan) -> CheckReport {
    let mut errors = Vec::new();
    let sc = scenario;
    let flows = match records(sc) {
        Ok(f) => f,
        Err(e) => {
            return CheckReport { errors: vec![e] };
        }
    };
    let b2b = match b2b_records(sc) {
        Ok(b) => b,
        Err(e) => return CheckReport { errors: vec![e] },
    };
    if let Some(&j) = plan.replenishment.iter().find(|&&j| j >= b2b.len()) {
        return CheckReport {
            errors: vec![format!(
                "replenishment {j} is not a commerce.replenishment record"
            )],
        };
    }
    let pickup: std::collections::HashSet<usize> = sc
        .commerce
        .partners
        .iter()
        .filter(|p| p.pickup_point)
        .filter_map(|p| sc.site_index(&p.site))
        .collect();
    let service_of = |k: usize, site: usize| {
        let f = &flows[k];
        let at_shop = plan.pickup_at_shops && pickup.contains(&site);
        if at_shop && !f.chilled {
            f.service_s.min(sc.commerce.pickup_handover_s)
        } else {
            f.service_s
        }
    };
    let roads = match gongpei_scenario::travel::resolve(sc) {
        Ok(travel) => Roads {
            travel,
            memo: RefCell::new(HashMap::new()),
        },
        Err(e) => {
            return CheckReport {
                errors: vec![format!("road network: {e}")],
            }
        }
    };
    let costs = &sc.costs;
    let name = |s: usize| sc.sites.get(s).map_or("?".to_string(), |x| x.id.clone());
    let (Some(hub), Some(cold_store)) = (
        sc.site_index(&costs.shared_hub),
        sc.site_index(&costs.cold_store),
    ) else {
        return CheckReport {
            errors: vec!["costs.shared_hub or costs.cold_store names an unknown site".into()],
        };
    };
    // Every record of the coalition's carriers that moves anything must be in the plan.
    for (k, f) in flows.iter().enumerate() {
        let moves = f.parcels_in + f.parcels_out + f.kg_in + f.kg_out > 0;
        if moves && plan.carriers.contains(&f.carrier) && !plan.flows.contains(&k) {
            errors.push(format!(
                "demand[{k}] (village {}) belongs to the coalition but is not in the plan",
                name(f.village)
            ));
        }
    }
    if let Some(&k) = plan.flows.iter().find(|&&k| k >= flows.len()) {
        return CheckReport {
            errors: vec![format!("flow {k} is not a demand record")],
        };
    }

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
        let f = &flows[k];
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
        if r.end_site != r.start_site {
            errors.push(format!(
                "{who}: ends at {} instead of returning to its base",
                name(r.end_site)
            ));
        }
        let Some(spec) = sc.vehicle_types.iter().find(|v| v.id == r.vehicle) else {
            errors.push(format!("{who}: unknown vehicle type"));
            continue;
        };
        *fleet_use
            .entry((r.vehicle.clone(), r.start_site))
            .or_default() += 1;
        let mut total = Loads::default();
        for (si, s) in r.stops.iter().enumerate() {
            if !s.flows.is_empty() || !s.replenishment.is_empty() {
                let mut expect = rec_loads(&flows, &s.flows);
                for &j in &s.replenishment {
                    if let Some(d) = b2b.get(j) {
                        expect.parcels_in += d.cases;
                        expect.kg_in += d.kg;
                    }
                }
                if expect != s.loads {
                    errors.push(format!(
                        "{who}, stop {si} ({}): loads {:?} differ from its flows' {:?}",
                        name(s.site),
                        s.loads,
                        expect
                    ));
                }
                if s.replenishment
                    .iter()
                    .any(|&j| b2b.get(j).is_none_or(|d| d.shop_site != s.site))
                {
                    errors.push(format!(
                        "{who}, stop {si}: replenishment of another shop (or no such record) is delivered at {}",
                        name(s.site)
                    ));
                }
                if s.flows.iter().any(|&k| flows[k].village != s.site) {
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
            match roads.leg(r.profile, at, s.site) {
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
            let b2b_windows = s.replenishment.iter().filter_map(|&j| b2b.get(j));
            let window = s
                .flows
                .iter()
                .map(|&k| flows[k].window)
                .chain(b2b_windows.map(|d| d.window))
                .fold((0i64, i64::MAX), |w, x| (w.0.max(x.0), w.1.min(x.1)));
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
                || (s.service_start_s < window.0
                    && !(s.flows.is_empty() && s.replenishment.is_empty()))
            {
                errors.push(format!(
                    "{who}, stop {si} ({}): service at {} outside window {:?}",
                    name(s.site),
                    s.service_start_s,
                    window
                ));
            }
            let service: i64 = s.flows.iter().map(|&k| service_of(k, s.site)).sum::<i64>()
                + s.replenishment
                    .iter()
                    .filter_map(|&j| b2b.get(j))
                    .map(|d| d.service_s)
                    .sum::<i64>();
            if s.departure_s < s.service_start_s + service {
                errors.push(format!(
                    "{who}, stop {si} ({}): leaves at {} before its service of {service} s is done",
                    name(s.site),
                    s.departure_s
                ));
            }
            time = s.departure_s.max(s.service_start_s + service);
            at = s.site;
            if r.leg == Leg::Trunk {
                *trunk_in.entry(s.site).or_default() += s.loads.parcels_in;
                let e = trunk_arrival.entry(s.site).or_insert(s.departure_s);
                *e = (*e).max(s.departure_s);
            }
        }
        if let Ok((d, t)) = roads.leg(r.profile, at, r.end_site) {
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
        // Chilled pickups: from the start of service at the pickup to the arrival at the cold
        // store (a later stop there, or the route's end there).
        for (si, st) in r
            .stops
            .iter()
            .enumerate()
            .filter(|(_, st)| st.loads.chilled_out > 0)
        {
            let reach = r.stops[si + 1..]
                .iter()
                .find(|x| x.site == cold_store)
                .map(|x| x.arrival_s)
                .or((r.end_site == cold_store).then_some(r.end_s));
            match reach {
                None => errors.push(format!(
                    "{who}, stop {si} ({}): chilled pickup never reaches the cold store",
                    name(st.site)
                )),
                Some(t) if t - st.service_start_s > costs.max_chilled_duration_s => {
                    errors.push(format!(
                        "{who}, stop {si} ({}): chilled pickup reaches the cold store after {} s, more than {} s",
                        name(st.site),
                        t - st.service_start_s,
                        costs.max_chilled_duration_s
                    ))
                }
                Some(_) => {}
            }
        }
    }
    check_feeders(sc, plan, &flows, hub, cold_store, &mut errors);
    check_replenishment(sc, plan, &b2b, hub, &mut errors);
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

    // 4. Bus runs: stop order, timetable, fees, spare capacity on every segment, windows.
    // On board per (line, run): parcels and kg on each segment between consecutive stops.
    let mut on_board: HashMap<(String, usize), Vec<(i64, i64)>> = HashMap::new();
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
                let segments = on_board
                    .entry((b.line.clone(), b.run))
                    .or_insert_with(|| vec![(0, 0); line.stops.len() - 1]);
                for seg in &mut segments[i..j] {
                    seg.0 += b.parcels;
                    seg.1 += b.kg;
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
        let fee = b.parcels as f64 * line.fee_per_parcel + b.kg as f64 * line.fee_per_kg;
        if (fee - b.fee).abs() > 1e-6 * fee.abs().max(1.0) {
            errors.push(format!(
                "line {} run {}: fee {:.2} but {} parcels / {} kg cost {fee:.2} at the line's fees",
                b.line, b.run, b.fee, b.parcels, b.kg
            ));
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
            rec_loads(&flows, &b.flows)
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
                .any(|&k| flows.get(k).is_some_and(|f| b.arrival_s > f.window.1))
        {
            errors.push(format!(
                "line {} run {}: reaches {} after its window",
                b.line,
                b.run,
                name(b.alight_site)
            ));
        }
    }
    let mut runs: Vec<_> = on_board.into_iter().collect();
    runs.sort_by(|a, b| a.0.cmp(&b.0));
    for ((line_id, run), segments) in &runs {
        let Some(line) = sc.bus_lines.iter().find(|l| &l.id == line_id) else {
            continue;
        };
        for (k, (p, kg)) in segments.iter().enumerate() {
            if *p > line.spare_parcels_per_run || *kg > line.spare_kg_per_run {
                errors.push(format!(
                    "line {line_id} run {run}: {p} parcels / {kg} kg on board from {} to {} exceed spare capacity {} / {}",
                    line.stops[k], line.stops[k + 1],
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

/// Pooled plans: each carrier's volume handled by others (shared vehicles, or buses when the
/// carrier drives nothing itself) must be collected at its depots by feeder routes, its ambient
/// produce brought back there, and the hub's other routes must leave after the last feeder is
/// back plus `hub_sorting_s`. Carriers with the hub (the cold store, for chilled goods) among
/// their depots need no feeder for that class and are not checked here.
fn check_feeders(
    sc: &Scenario,
    plan: &Plan,
    flows: &[Rec],
    hub: usize,
    cold_store: usize,
    errors: &mut Vec<String>,
) {
    let ids: Vec<&str> = sc.carriers.iter().map(|c| c.id.as_str()).collect();
    let own_driving: Vec<bool> = ids
        .iter()
        .map(|id| {
            plan.routes
                .iter()
                .any(|r| r.leg != Leg::Feeder && r.operator == *id)
        })
        .collect();
    let mut pooled = vec![false; flows.len()];
    for r in &plan.routes {
        for s in &r.stops {
            for &k in &s.flows {
                if let Some(f) = flows.get(k) {
                    pooled[k] |= r.operator != ids[f.carrier];
                }
            }
        }
    }
    for b in &plan.bus {
        for &k in &b.flows {
            if let Some(f) = flows.get(k) {
                pooled[k] |= !own_driving[f.carrier];
            }
        }
    }
    let depots: Vec<Vec<usize>> = sc
        .carriers
        .iter()
        .map(|c| c.depots.iter().filter_map(|d| sc.site_index(d)).collect())
        .collect();
    let owners = |site: usize| depots.iter().filter(|d| d.contains(&site)).count();
    for (c, id) in ids.iter().enumerate() {
        let mine = &depots[c];
        if mine.is_empty() || mine.iter().any(|&d| owners(d) > 1) {
            continue;
        }
        let (mut need_in, mut need_out, mut need_cold) = (0i64, 0i64, 0i64);
        for (k, f) in flows.iter().enumerate() {
            if f.carrier == c && pooled[k] {
                if f.chilled {
                    need_cold += f.parcels_in;
                } else {
                    need_in += f.parcels_in;
                    need_out += f.parcels_out;
                }
            }
        }
        let (mut got_in, mut got_out, mut got_cold) = (0i64, 0i64, 0i64);
        for r in plan.routes.iter().filter(|r| r.leg == Leg::Feeder) {
            if r.operator != SHARED_OPERATOR {
                // A carrier's own transfer tours (快快合作) drop its parcels at the leads'
                // outlets and take its produce back from there.
                if r.operator == *id {
                    for s in r.stops.iter().filter(|s| !mine.contains(&s.site)) {
                        got_in += s.loads.parcels_in - s.loads.chilled_in;
                        got_out += s.loads.parcels_out;
                    }
                }
                continue;
            }
            for s in r.stops.iter().filter(|s| mine.contains(&s.site)) {
                got_cold += s.loads.chilled_out;
                got_in += s.loads.parcels_out - s.loads.chilled_out;
                got_out += s.loads.parcels_in;
            }
        }
        if !mine.contains(&hub) && (got_in, got_out) != (need_in, need_out) {
            errors.push(format!(
                "carrier {id}: feeders collect {got_in} and return {got_out} parcels at its depots, but {need_in} of its parcels and {need_out} of its produce go through the hub"
            ));
        }
        if !mine.contains(&cold_store) && got_cold != need_cold {
            errors.push(format!(
                "carrier {id}: feeders bring {got_cold} chilled parcels from its depots to the cold store, but {need_cold} go through it"
            ));
        }
    }
    check_transfers(sc, plan, flows, errors);
    let Some(back) = plan
        .routes
        .iter()
        .filter(|r| r.leg == Leg::Feeder && r.operator == SHARED_OPERATOR)
        .map(|r| r.end_s)
        .max()
    else {
        return;
    };
    let sorted = back + sc.costs.hub_sorting_s;
    for (ri, r) in plan.routes.iter().enumerate() {
        let from_hub = r.start_site == hub || r.start_site == cold_store;
        // A commerce partner's own vans load its own goods at its warehouse (which may stand at
        // the hub), not the sorted parcels.
        let sorted_goods = !sc.commerce.is_operator(&r.operator);
        if r.leg != Leg::Feeder && from_hub && sorted_goods && r.start_s < sorted {
            errors.push(format!(
                "route {ri} ({} from {}) leaves at {} before the hub has sorted the feeders' parcels ({sorted})",
                r.vehicle, sc.sites[r.start_site].id, r.start_s
            ));
        }
    }
}

/// Transfers between carriers (快快合作): carriers' own feeder tours drop their parcels at a
/// lead's outlet, where they are cross-docked, so routes from that site serving other carriers'
/// flows leave only after the last drop there plus `township_handling_s`.
fn check_transfers(sc: &Scenario, plan: &Plan, flows: &[Rec], errors: &mut Vec<String>) {
    let mut dropped: HashMap<usize, i64> = HashMap::new();
    for r in plan
        .routes
        .iter()
        .filter(|r| r.leg == Leg::Feeder && r.operator != SHARED_OPERATOR)
    {
        for s in &r.stops {
            let e = dropped.entry(s.site).or_insert(s.departure_s);
            *e = (*e).max(s.departure_s);
        }
    }
    for (ri, r) in plan.routes.iter().enumerate() {
        let others = r.stops.iter().flat_map(|s| &s.flows).any(|&k| {
            flows
                .get(k)
                .is_some_and(|f| sc.carriers[f.carrier].id != r.operator)
        });
        if r.leg == Leg::Feeder || !others {
            continue;
        }
        if let Some(&t) = dropped.get(&r.start_site) {
            let ready = t + sc.costs.township_handling_s;
            if r.start_s < ready {
                errors.push(format!(
                    "route {ri} ({} from {}) leaves at {} before the transferred parcels are cross-docked there ({ready})",
                    r.vehicle, sc.sites[r.start_site].id, r.start_s
                ));
            }
        }
    }
}

/// The commerce partners' B2B replenishment: a plan of every carrier carries every record that
/// moves anything; each carried record is delivered at exactly one route stop (none that is not
/// carried), by a shared van or by its supplier's own; and where shared vans carry the goods of a
/// supplier away from the hub, the supplier's vans bring all of them to the hub (the day before:
/// B2B orders are known a day ahead, so no time on the delivery day is checked).
fn check_replenishment(
    sc: &Scenario,
    plan: &Plan,
    b2b: &[B2b],
    hub: usize,
    errors: &mut Vec<String>,
) {
    let everyone = (0..sc.carriers.len()).all(|c| plan.carriers.contains(&c));
    for (j, d) in b2b.iter().enumerate() {
        if everyone && d.cases + d.kg > 0 && !plan.replenishment.contains(&j) {
            errors.push(format!(
                "commerce.replenishment[{j}] is not carried by a plan of every carrier (each mode carries the same B2B demand)"
            ));
        }
    }
    let mut served: HashMap<usize, usize> = HashMap::new();
    let mut shared: Vec<usize> = Vec::new();
    for (ri, r) in plan.routes.iter().enumerate() {
        for s in &r.stops {
            for &j in &s.replenishment {
                *served.entry(j).or_default() += 1;
                let Some(d) = b2b.get(j) else { continue };
                if r.operator == SHARED_OPERATOR {
                    shared.push(j);
                } else if r.operator != d.supplier_operator {
                    errors.push(format!(
                        "route {ri} ({}): delivers commerce.replenishment[{j}] but belongs to {}, neither the shared fleet nor the supplier {}",
                        r.vehicle, r.operator, d.supplier_operator
                    ));
                }
            }
        }
    }
    for &j in &plan.replenishment {
        let n = served.get(&j).copied().unwrap_or(0);
        if n != 1 {
            errors.push(format!(
                "commerce.replenishment[{j}]: delivered at {n} route stops, expected 1"
            ));
        }
    }
    for j in served.keys() {
        if !plan.replenishment.contains(j) {
            errors.push(format!(
                "commerce.replenishment[{j}] is delivered but the plan does not carry it"
            ));
        }
    }
    // Suppliers away from the hub: what the shared vans carry of theirs must reach the hub on
    // their own vans.
    let mut owed: HashMap<(usize, &str), i64> = HashMap::new();
    for &j in &shared {
        let d = &b2b[j];
        if d.supplier_site != hub {
            *owed
                .entry((d.supplier_site, d.supplier_operator.as_str()))
                .or_default() += d.cases;
        }
    }
    for ((site, operator), cases) in &owed {
        let mut brought = 0;
        for r in plan
            .routes
            .iter()
            .filter(|r| r.operator == *operator && r.start_site == *site)
        {
            brought += r
                .stops
                .iter()
                .filter(|s| s.site == hub)
                .map(|s| s.loads.parcels_in)
                .sum::<i64>();
        }
        if brought != *cases {
            errors.push(format!(
                "supplier {operator} at {}: its vans bring {brought} cases to the hub, but the shared vans deliver {cases} of its cases",
                sc.sites[*site].id
            ));
        }
    }
}
