//! The solver against brute force on small random instances (at most 7 clients): CVRP, VRPTW,
//! pickup and delivery, heterogeneous and multi-depot fleets, duration and distance limits and
//! optional clients. Every answer must be feasible by `Solution::evaluate` and optimal.

use gongpei_core::{
    solve, Client, Control, Depot, Matrix, ProblemData, Route, Solution, SolveParams, VehicleType,
    Violation,
};
use std::collections::HashMap;

/// A tiny deterministic generator so instances do not depend on the solver's RNG.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, n: i64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as i64
    }
}

pub(crate) fn euclid(points: &[(i64, i64)]) -> Matrix {
    Matrix::from_fn(points.len(), |i, j| {
        let (dx, dy) = (points[i].0 - points[j].0, points[i].1 - points[j].1);
        ((dx * dx + dy * dy) as f64).sqrt().round() as i64
    })
}

/// Cost of one route driven by `vehicle_type`, or `None` when it breaks a route constraint,
/// including client-vehicle compatibility (checked here from the fields themselves: every
/// required feature bit on the type, the type not forbidden).
pub(crate) fn route_cost(data: &ProblemData, vehicle_type: usize, visits: &[usize]) -> Option<i64> {
    let vt = data.vehicle_type(vehicle_type);
    let compatible = visits.iter().all(|&c| {
        let client = data.client(c);
        client.required_features & vt.features == client.required_features
            && !client.forbidden_vehicle_types.contains(&vehicle_type)
    });
    if !compatible {
        return None;
    }
    let report = Solution::new(vec![Route {
        vehicle_type,
        visits: visits.to_vec(),
    }])
    .evaluate(data);
    let ok = report
        .violations
        .iter()
        .all(|v| matches!(v, Violation::MissingClient { .. }));
    ok.then_some(report.cost - report.uncollected_prizes)
}

fn permutations(items: &[usize]) -> Vec<Vec<usize>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, first);
            out.push(p);
        }
    }
    out
}

/// Optimal objective by enumeration: best route per (client subset, vehicle type), then the best
/// partition of a visited subset into routes within the fleet, plus unvisited prizes.
pub(crate) fn brute_force(data: &ProblemData) -> i64 {
    brute_force_with(data, |_| true)
}

/// As [`brute_force`], with routes restricted to the client sets (bit masks) `allowed` accepts.
pub(crate) fn brute_force_with(data: &ProblemData, allowed: impl Fn(usize) -> bool) -> i64 {
    let n = data.num_clients();
    let types = data.num_vehicle_types();
    let mut best_route = vec![vec![None; types]; 1 << n];
    for (mask, row) in best_route.iter_mut().enumerate().skip(1) {
        if !allowed(mask) {
            continue;
        }
        let members: Vec<usize> = (0..n).filter(|&c| mask >> c & 1 == 1).collect();
        for (t, slot) in row.iter_mut().enumerate() {
            *slot = permutations(&members)
                .iter()
                .filter_map(|p| route_cost(data, t, p))
                .min();
        }
    }
    let counts: Vec<usize> = data
        .vehicle_types()
        .iter()
        .map(|v| v.count.min(n))
        .collect();
    let mut memo = HashMap::new();
    let mut best = i64::MAX;
    let required: usize = (0..n)
        .filter(|&c| data.client(c).required)
        .map(|c| 1 << c)
        .sum();
    for mask in 0usize..1 << n {
        if mask & required != required {
            continue;
        }
        let prizes: i64 = (0..n)
            .filter(|&c| mask >> c & 1 == 0)
            .map(|c| data.client(c).prize)
            .sum();
        if let Some(cost) = cover(mask, &counts, &best_route, &mut memo) {
            best = best.min(cost + prizes);
        }
    }
    best
}

fn cover(
    mask: usize,
    counts: &[usize],
    best_route: &[Vec<Option<i64>>],
    memo: &mut HashMap<(usize, Vec<usize>), Option<i64>>,
) -> Option<i64> {
    if mask == 0 {
        return Some(0);
    }
    if let Some(&v) = memo.get(&(mask, counts.to_vec())) {
        return v;
    }
    let lowest = mask & mask.wrapping_neg();
    let mut best: Option<i64> = None;
    let rest = mask & !lowest;
    // Every route containing the lowest client: lowest | any subset of the rest.
    let mut sub = rest;
    loop {
        let route = sub | lowest;
        for t in 0..counts.len() {
            if counts[t] == 0 {
                continue;
            }
            if let Some(rc) = best_route[route][t] {
                let mut left = counts.to_vec();
                left[t] -= 1;
                if let Some(c) = cover(mask & !route, &left, best_route, memo) {
                    best = Some(best.map_or(rc + c, |b: i64| b.min(rc + c)));
                }
            }
        }
        if sub == 0 {
            break;
        }
        sub = (sub - 1) & rest;
    }
    memo.insert((mask, counts.to_vec()), best);
    best
}

pub(crate) fn check(data: &ProblemData, label: &str) {
    let optimum = brute_force(data);
    let params = SolveParams {
        seed: 3,
        max_iterations: Some(300),
        ..SolveParams::default()
    };
    let outcome = solve(data, &params, &|_| Control::Continue);
    assert!(
        outcome.report.is_feasible(),
        "{label}: infeasible answer {:?}",
        outcome.report.violations
    );
    assert_eq!(outcome.solution.evaluate(data), outcome.report, "{label}");
    assert_eq!(outcome.report.cost, optimum, "{label}: not optimal");
}

pub(crate) fn points(rng: &mut Lcg, count: usize) -> Vec<(i64, i64)> {
    (0..count).map(|_| (rng.next(100), rng.next(100))).collect()
}

#[test]
fn cvrp_reaches_optimum() {
    for seed in 1..=4 {
        let mut rng = Lcg(seed);
        let pts = points(&mut rng, 8);
        let m = euclid(&pts);
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients((0..7).map(|_| Client::with_delivery(vec![1 + rng.next(9)])))
            .vehicle_type(VehicleType::with_capacity(7, vec![15]))
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        check(&data, &format!("cvrp seed {seed}"));
    }
}

#[test]
fn vrptw_reaches_optimum() {
    for seed in 1..=4 {
        let mut rng = Lcg(100 + seed);
        let pts = points(&mut rng, 8);
        let m = euclid(&pts);
        let clients: Vec<Client> = (0..7)
            .map(|_| {
                let early = 60 + rng.next(200);
                Client {
                    service_duration: 10,
                    tw_early: early,
                    tw_late: early + 40 + rng.next(80),
                    ..Client::with_delivery(vec![1 + rng.next(9)])
                }
            })
            .collect();
        let data = ProblemData::builder()
            .depot(Depot {
                tw_late: 600,
                ..Depot::default()
            })
            .clients(clients)
            .vehicle_type(VehicleType::with_capacity(7, vec![25]))
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        check(&data, &format!("vrptw seed {seed}"));
    }
}

#[test]
fn pickup_delivery_reaches_optimum() {
    for seed in 1..=4 {
        let mut rng = Lcg(200 + seed);
        let pts = points(&mut rng, 8);
        let m = euclid(&pts);
        let clients: Vec<Client> = (0..7)
            .map(|_| Client {
                pickup: vec![rng.next(10)],
                ..Client::with_delivery(vec![rng.next(10)])
            })
            .collect();
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients(clients)
            .vehicle_type(VehicleType::with_capacity(7, vec![20]))
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        check(&data, &format!("pickup-delivery seed {seed}"));
    }
}

#[test]
fn heterogeneous_limited_fleet_reaches_optimum() {
    for seed in 1..=4 {
        let mut rng = Lcg(300 + seed);
        let pts = points(&mut rng, 8);
        let m = euclid(&pts);
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients((0..7).map(|_| Client::with_delivery(vec![1 + rng.next(9), rng.next(5)])))
            .vehicle_type(VehicleType {
                fixed_cost: 40,
                ..VehicleType::with_capacity(1, vec![30, 12])
            })
            .vehicle_type(VehicleType {
                fixed_cost: 10,
                unit_distance_cost: 2,
                ..VehicleType::with_capacity(3, vec![12, 8])
            })
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        check(&data, &format!("heterogeneous seed {seed}"));
    }
}

#[test]
fn multi_depot_with_limits_reaches_optimum() {
    for seed in 1..=4 {
        let mut rng = Lcg(400 + seed);
        let pts = points(&mut rng, 9);
        let m = euclid(&pts);
        let data = ProblemData::builder()
            .depot(Depot::default())
            .depot(Depot::default())
            .clients((0..7).map(|_| Client {
                service_duration: 5,
                ..Client::with_delivery(vec![1 + rng.next(9)])
            }))
            .vehicle_type(VehicleType {
                max_duration: 260,
                ..VehicleType::with_capacity(3, vec![20])
            })
            .vehicle_type(VehicleType {
                start_depot: 1,
                end_depot: 1,
                max_distance: 220,
                ..VehicleType::with_capacity(3, vec![20])
            })
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        check(&data, &format!("multi-depot seed {seed}"));
    }
}

#[test]
fn optional_clients_reach_optimum() {
    for seed in 1..=4 {
        let mut rng = Lcg(500 + seed);
        let pts = points(&mut rng, 8);
        let m = euclid(&pts);
        let clients: Vec<Client> = (0..7)
            .map(|c| Client {
                required: c % 2 == 0,
                prize: 20 + rng.next(80),
                ..Client::with_delivery(vec![1 + rng.next(9)])
            })
            .collect();
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients(clients)
            .vehicle_type(VehicleType {
                fixed_cost: 30,
                ..VehicleType::with_capacity(2, vec![20])
            })
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        check(&data, &format!("optional seed {seed}"));
    }
}

#[test]
fn two_profiles_and_shift_windows_reach_optimum() {
    for seed in 1..=3 {
        let mut rng = Lcg(600 + seed);
        let pts = points(&mut rng, 8);
        let car = euclid(&pts);
        // A bike profile: shorter (straighter) but slower.
        let bike_dist = Matrix::from_fn(8, |i, j| car.get(i, j) * 3 / 4);
        let bike_time = Matrix::from_fn(8, |i, j| car.get(i, j) * 3);
        let clients: Vec<Client> = (0..7)
            .map(|_| {
                let early = rng.next(150);
                Client {
                    service_duration: 5,
                    tw_early: early,
                    tw_late: early + 200 + rng.next(200),
                    ..Client::with_delivery(vec![1 + rng.next(6)])
                }
            })
            .collect();
        let data = ProblemData::new(
            vec![Depot::default()],
            clients,
            vec![
                VehicleType {
                    fixed_cost: 25,
                    tw_late: 900,
                    ..VehicleType::with_capacity(2, vec![20])
                },
                VehicleType {
                    profile: 1,
                    unit_duration_cost: 1,
                    unit_distance_cost: 0,
                    tw_early: 10,
                    tw_late: 1500,
                    ..VehicleType::with_capacity(2, vec![8])
                },
            ],
            vec![car.clone(), bike_dist],
            vec![car, bike_time],
        )
        .unwrap();
        check(&data, &format!("profiles seed {seed}"));
    }
}
