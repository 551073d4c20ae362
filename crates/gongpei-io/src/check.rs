//! An independent solution checker: recomputes cost and feasibility of a solution by a plain
//! visit-by-visit simulation over the instance's matrices, sharing no code with the engine's
//! segment arithmetic, so the two can be compared.

use crate::{format_cost, Instance};
use gongpei_core::{Cost, Solution, UNBOUNDED};

/// What [`check`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckReport {
    /// Total cost in model units: fixed costs + distance and duration costs + prizes of skipped
    /// optional clients.
    pub cost: Cost,
    /// The same in the file's unit (`cost / cost_scale`).
    pub cost_in_file_unit: f64,
    /// Total distance in model units.
    pub distance: i64,
    /// Number of non-empty routes.
    pub num_routes: usize,
    /// Every broken constraint, in words naming route and client (solution ids).
    pub problems: Vec<String>,
}

impl CheckReport {
    /// True when no constraint is broken.
    pub fn is_feasible(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Recomputes cost and feasibility of `solution` for `instance`.
///
/// Checks: every required client visited exactly once, known clients and vehicle types, fleet
/// size per vehicle type, each client on a vehicle type it may ride (required features present,
/// type not forbidden), capacity at every point of a route (peak load with pickups), time windows
/// (waiting when early, never arriving after a window closes), the end depot's closing time,
/// maximum route duration (departing as late as is useful) and maximum route distance.
///
/// ```
/// let inst = gongpei_io::read_instance_str("t.vrp", "NAME : t\nDIMENSION : 3\nCAPACITY : 10\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n1 0 0\n2 3 4\n3 0 4\nDEMAND_SECTION\n1 0\n2 6\n3 6\nDEPOT_SECTION\n1\n-1\nEOF\n").unwrap();
/// let sol = gongpei_core::Solution::new(vec![gongpei_core::Route { vehicle_type: 0, visits: vec![0, 1] }]);
/// let report = gongpei_io::check(&inst, &sol);
/// assert_eq!(report.cost, 12); // 5 + 3 + 4
/// assert!(!report.is_feasible()); // 12 > 10
/// ```
pub fn check(instance: &Instance, solution: &Solution) -> CheckReport {
    let data = &instance.data;
    let id = |c: usize| {
        instance
            .solution_ids
            .get(c)
            .map_or(format!("#{c}"), |v| v.to_string())
    };
    let mut problems = Vec::new();
    let mut visits_of = vec![0usize; data.num_clients()];
    let mut used = vec![0usize; data.num_vehicle_types()];
    let mut cost: i128 = 0;
    let mut total_distance: i128 = 0;
    let mut num_routes = 0;
    for route in &solution.routes {
        if route.visits.is_empty() {
            continue;
        }
        num_routes += 1;
        let label = format!("route {}", num_routes);
        let Some(vt) = data.vehicle_types().get(route.vehicle_type) else {
            problems.push(format!(
                "{label}: vehicle type {} does not exist",
                route.vehicle_type
            ));
            continue;
        };
        used[route.vehicle_type] += 1;
        if let Some(bad) = route.visits.iter().find(|&&c| c >= data.num_clients()) {
            problems.push(format!("{label}: client index {bad} does not exist"));
            continue;
        }
        for &c in &route.visits {
            visits_of[c] += 1;
            let client = data.client(c);
            let missing = client.required_features & !vt.features;
            if missing != 0 {
                problems.push(format!(
                    "{label}: client {} needs vehicle features {missing:#b} that vehicle type {} lacks",
                    id(c),
                    route.vehicle_type
                ));
            } else if client.forbidden_vehicle_types.contains(&route.vehicle_type) {
                problems.push(format!(
                    "{label}: client {} forbids vehicle type {}",
                    id(c),
                    route.vehicle_type
                ));
            }
        }
        let dist = data.distance_matrix(vt.profile);
        let time = data.duration_matrix(vt.profile);
        let start_depot = data.depot(vt.start_depot);
        let end_depot = data.depot(vt.end_depot);
        let locations: Vec<usize> = std::iter::once(vt.start_depot)
            .chain(route.visits.iter().map(|&c| data.client_location(c)))
            .chain(std::iter::once(vt.end_depot))
            .collect();

        // Loads: everything to deliver is on board at the start; each visit drops its delivery
        // and takes its pickup.
        let dims = vt.capacity.len();
        let mut load = vec![0i128; dims];
        for &c in &route.visits {
            for (d, l) in load.iter_mut().enumerate() {
                *l += *data.client(c).delivery.get(d).unwrap_or(&0) as i128;
            }
        }
        let mut peak = load.clone();
        for &c in &route.visits {
            let client = data.client(c);
            for (d, l) in load.iter_mut().enumerate() {
                *l += *client.pickup.get(d).unwrap_or(&0) as i128
                    - *client.delivery.get(d).unwrap_or(&0) as i128;
                peak[d] = peak[d].max(*l);
            }
        }
        for (d, (&load, &capacity)) in peak.iter().zip(&vt.capacity).enumerate() {
            if load > capacity as i128 {
                problems.push(format!(
                    "{label}: load {load} exceeds capacity {capacity} (dimension {d})"
                ));
            }
        }

        // Distance.
        let distance: i128 = locations
            .windows(2)
            .map(|w| dist.get(w[0], w[1]) as i128)
            .sum();
        if vt.max_distance < UNBOUNDED && distance > vt.max_distance as i128 {
            problems.push(format!(
                "{label}: distance {distance} exceeds the limit {}",
                vt.max_distance
            ));
        }

        // Schedule: leave as early as allowed, wait when early, never late.
        let depart = (vt.tw_early.max(start_depot.tw_early)) as i128;
        let mut now = depart;
        let mut waited: i128 = 0;
        // Latest useful delay of the departure: bounded by each window's remaining slack plus the
        // waiting before it, so the delay never makes a visit late.
        let mut delay_room = i128::MAX;
        for (k, &c) in route.visits.iter().enumerate() {
            let client = data.client(c);
            now += time.get(locations[k], locations[k + 1]) as i128;
            if now < client.tw_early as i128 {
                waited += client.tw_early as i128 - now;
                now = client.tw_early as i128;
            }
            if now > client.tw_late as i128 {
                problems.push(format!(
                    "{label}: client {} served at {} after its window closes at {}",
                    id(c),
                    now,
                    client.tw_late
                ));
            } else {
                delay_room = delay_room.min(client.tw_late as i128 - now + waited);
            }
            now += client.service_duration as i128;
        }
        now += time.get(
            locations[locations.len() - 2],
            locations[locations.len() - 1],
        ) as i128;
        let close = vt.tw_late.min(end_depot.tw_late) as i128;
        if now > close {
            problems.push(format!(
                "{label}: returns at {now} after the depot closes at {close}"
            ));
        } else {
            delay_room = delay_room.min(close - now + waited);
        }
        let latest_start = vt.tw_late.min(start_depot.tw_late) as i128;
        delay_room = delay_room.min(latest_start - depart).max(0);
        let duration = now - depart - waited.min(delay_room);
        if vt.max_duration < UNBOUNDED && duration > vt.max_duration as i128 {
            problems.push(format!(
                "{label}: duration {duration} exceeds the limit {}",
                vt.max_duration
            ));
        }
        cost += vt.fixed_cost as i128
            + vt.unit_distance_cost as i128 * distance
            + vt.unit_duration_cost as i128 * duration;
        total_distance += distance;
    }
    for (t, &n) in used.iter().enumerate() {
        let available = data.vehicle_type(t).count;
        if n > available {
            problems.push(format!(
                "vehicle type {t}: {n} routes but only {available} vehicles"
            ));
        }
    }
    for (c, &n) in visits_of.iter().enumerate() {
        let client = data.client(c);
        if n == 0 {
            if client.required {
                problems.push(format!("client {} is not visited", id(c)));
            } else {
                cost += client.prize as i128;
            }
        } else if n > 1 {
            problems.push(format!("client {} is visited {n} times", id(c)));
        }
    }
    let cost = cost.clamp(i64::MIN as i128, i64::MAX as i128) as i64;
    CheckReport {
        cost,
        cost_in_file_unit: instance.unscaled(cost),
        distance: total_distance.clamp(i64::MIN as i128, i64::MAX as i128) as i64,
        num_routes,
        problems,
    }
}

/// Compares a stated cost (in the file's unit, e.g. a `.sol` file's `Cost` line) with a checked
/// cost; `None` when they agree to the precision of the instance's convention, otherwise a
/// sentence saying by how much they differ. An integer stated cost in the set's
/// [`Instance::integer_cost_scale`] (PyVRP's `.sol` files) is accepted too.
///
/// ```
/// let text = "NAME : p\nTYPE : PCVRPTW\nDIMENSION : 2\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : EUC_2D\n\
///             NODE_COORD_SECTION\n1 0 0\n2 1 1\nDEMAND_SECTION\n1 0\n2 1\n\
///             PRIZE_SECTION\n1 0\n2 7\nDEPOT_SECTION\n1\n-1\nEOF\n";
/// let inst = gongpei_io::read_instance_str("p.vrp", text).unwrap();
/// let report = gongpei_io::check(&inst, &gongpei_core::Solution::new(vec![]));
/// assert_eq!(report.cost_in_file_unit, 7.0); // the prize of the skipped client
/// assert_eq!(gongpei_io::compare_stated_cost(&inst, &report, 7.0), None);
/// assert_eq!(gongpei_io::compare_stated_cost(&inst, &report, 70.0), None); // PyVRP's tenths
/// assert!(gongpei_io::compare_stated_cost(&inst, &report, 8.0).is_some());
/// ```
pub fn compare_stated_cost(
    instance: &Instance,
    report: &CheckReport,
    stated: f64,
) -> Option<String> {
    let tolerance = match instance.rounding {
        crate::Rounding::Exact => 0.01,
        _ => 0.5 / instance.cost_scale as f64,
    };
    let diff = (stated - report.cost_in_file_unit).abs();
    let in_integer_unit = instance.integer_cost_scale.is_some_and(|scale| {
        stated.fract() == 0.0
            && (stated / scale as f64 - report.cost_in_file_unit).abs() <= tolerance
    });
    (diff > tolerance && !in_integer_unit).then(|| {
        format!(
            "stated cost {stated} differs from the recomputed {} by {diff:.6}",
            format_cost(report.cost, instance.cost_scale)
        )
    })
}
