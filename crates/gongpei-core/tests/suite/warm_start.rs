//! Warm starts and fixed routes: the initial solution's check (each error names its route and
//! position), answers never worse than a feasible start (also with no search at all), fixed
//! routes kept unchanged with their vehicles used up, the optimum around a fixed route against
//! brute force, infeasible and partial starts repaired, and determinism.

use super::solver_optimal::{brute_force, brute_force_with, euclid, route_cost, Lcg};
use gongpei_core::{
    solve, try_solve, Client, Control, Depot, InitialSolution, InitialSolutionError, Matrix,
    ProblemData, Route, SolveOutcome, SolveParams, Strategy, VehicleType,
};
use std::time::Duration;

fn route(vehicle_type: usize, visits: &[usize]) -> Route {
    Route {
        vehicle_type,
        visits: visits.to_vec(),
    }
}

/// `n` clients at random points, demands 1-9, `count` vehicles of capacity `capacity`.
fn cvrp(seed: u64, n: usize, count: usize, capacity: i64) -> ProblemData {
    let mut rng = Lcg(seed);
    let points: Vec<(i64, i64)> = (0..=n).map(|_| (rng.next(1000), rng.next(1000))).collect();
    let m = euclid(&points);
    ProblemData::builder()
        .depot(Depot::default())
        .clients((0..n).map(|_| Client::with_delivery(vec![1 + rng.next(9)])))
        .vehicle_type(VehicleType::with_capacity(count, vec![capacity]))
        .distance_matrix(m.clone())
        .duration_matrix(m)
        .build()
        .unwrap()
}

/// Two vehicle types: 3 small vans and 1 large truck.
fn mixed() -> ProblemData {
    let mut rng = Lcg(77);
    let points: Vec<(i64, i64)> = (0..=12).map(|_| (rng.next(100), rng.next(100))).collect();
    let m = euclid(&points);
    ProblemData::builder()
        .depot(Depot::default())
        .clients((0..12).map(|_| Client::with_delivery(vec![1 + rng.next(5)])))
        .vehicle_type(VehicleType::with_capacity(3, vec![12]))
        .vehicle_type(VehicleType {
            fixed_cost: 50,
            ..VehicleType::with_capacity(1, vec![30])
        })
        .distance_matrix(m.clone())
        .duration_matrix(m)
        .build()
        .unwrap()
}

fn warm(initial: InitialSolution, iterations: u64) -> SolveParams {
    SolveParams {
        seed: 5,
        max_iterations: Some(iterations),
        initial: Some(initial),
        ..SolveParams::default()
    }
}

fn start(routes: Vec<Route>, fixed_routes: Vec<usize>) -> InitialSolution {
    InitialSolution {
        routes,
        fixed_routes,
        pinned_clients: Vec::new(),
    }
}

fn pinned(
    routes: Vec<Route>,
    fixed_routes: Vec<usize>,
    pinned_clients: &[usize],
) -> InitialSolution {
    InitialSolution {
        routes,
        fixed_routes,
        pinned_clients: pinned_clients.to_vec(),
    }
}

/// The route index holding each client of `clients` (None when unvisited).
fn routes_of(solution: &gongpei_core::Solution, clients: &[usize]) -> Vec<Option<usize>> {
    clients
        .iter()
        .map(|c| solution.routes.iter().position(|r| r.visits.contains(c)))
        .collect()
}

fn run(data: &ProblemData, params: &SolveParams) -> SolveOutcome {
    try_solve(data, params, &|_| Control::Continue).unwrap()
}

fn error(data: &ProblemData, initial: InitialSolution) -> InitialSolutionError {
    try_solve(data, &warm(initial, 10), &|_| Control::Continue).unwrap_err()
}

#[test]
fn the_check_names_the_route_and_position_of_each_problem() {
    let data = mixed();
    let e = error(
        &data,
        start(vec![route(0, &[0, 1]), route(0, &[2, 12])], vec![]),
    );
    assert_eq!(
        e,
        InitialSolutionError::UnknownClient {
            route: 1,
            position: 1,
            client: 12,
            clients: 12
        }
    );
    assert_eq!(
        e.describe(1),
        "route 2, position 2: client 12 does not exist (the problem has 12, numbered from 0)"
    );
    let e = error(
        &data,
        start(vec![route(0, &[0, 1]), route(1, &[2, 0])], vec![]),
    );
    assert_eq!(
        e.to_string(),
        "route 1, position 1: client 0 is already visited by route 0, position 0"
    );
    let e = error(&data, start(vec![route(2, &[0])], vec![]));
    assert_eq!(
        e.to_string(),
        "route 0: vehicle type 2 does not exist (the problem has 2)"
    );
    let e = error(
        &data,
        start(vec![route(1, &[0]), route(0, &[1]), route(1, &[2])], vec![]),
    );
    assert_eq!(
        e,
        InitialSolutionError::TooManyRoutes {
            route: 2,
            vehicle_type: 1,
            count: 1
        }
    );
    // Empty routes use no vehicle.
    let ok = start(vec![route(1, &[]), route(1, &[2])], vec![]);
    assert!(ok.check(&data).is_ok());
    let e = error(&data, start(vec![route(0, &[0])], vec![1]));
    assert_eq!(
        e.describe(1),
        "fixed route 2: there is no such route (the initial solution has 1)"
    );
    let e = error(
        &data,
        start(vec![route(0, &[0]), route(0, &[1])], vec![1, 1]),
    );
    assert_eq!(e, InitialSolutionError::FixedTwice { route: 1 });
    let e = error(&data, start(vec![route(0, &[0]), route(0, &[])], vec![1]));
    assert_eq!(e, InitialSolutionError::EmptyFixedRoute { route: 1 });
    // Every vehicle fixed while client 11 is left over.
    let all = vec![
        route(0, &[0, 1]),
        route(0, &[2, 3]),
        route(0, &[4, 5]),
        route(1, &[6, 7, 8, 9, 10]),
    ];
    let e = error(&data, start(all, vec![0, 1, 2, 3]));
    assert_eq!(e, InitialSolutionError::NoVehicleLeft { clients: 1 });
}

#[test]
fn solve_without_try_reports_a_rejected_start_and_solves_cold() {
    let data = mixed();
    let params = warm(start(vec![route(0, &[0, 0])], vec![]), 50);
    let outcome = solve(&data, &params, &|_| Control::Continue);
    assert!(outcome.report.is_feasible());
    assert!(outcome.warm_start.is_none());
    assert!(matches!(
        outcome.initial_rejected,
        Some(InitialSolutionError::DuplicateClient { client: 0, .. })
    ));
}

#[test]
fn no_search_at_all_still_answers_the_feasible_start_or_better() {
    let data = cvrp(3, 80, 30, 40);
    for strategy in [Strategy::Genetic, Strategy::IteratedLocalSearch] {
        let cold = SolveParams {
            seed: 1,
            max_iterations: Some(300),
            strategy,
            ..SolveParams::default()
        };
        let first = run(&data, &cold);
        assert!(first.report.is_feasible());
        let initial = start(first.solution.routes.clone(), vec![]);
        let stops = [
            SolveParams {
                max_iterations: Some(0),
                strategy,
                initial: Some(initial.clone()),
                ..SolveParams::default()
            },
            SolveParams {
                time_limit: Some(Duration::ZERO),
                strategy,
                initial: Some(initial.clone()),
                ..SolveParams::default()
            },
            SolveParams {
                seed: 9,
                max_iterations: Some(50),
                strategy,
                initial: Some(initial.clone()),
                ..SolveParams::default()
            },
        ];
        for params in &stops {
            let again = run(&data, params);
            assert!(again.report.is_feasible(), "{strategy:?}");
            assert!(
                again.report.cost <= first.report.cost,
                "{strategy:?}: {} > {}",
                again.report.cost,
                first.report.cost
            );
            let report = again.warm_start.as_ref().unwrap();
            assert_eq!(report.initial_cost, first.report.cost);
            assert!(report.initial_feasible);
        }
    }
}

#[test]
fn fixed_routes_stay_unchanged_and_use_up_their_vehicles() {
    let data = mixed();
    let cold = run(
        &data,
        &SolveParams {
            max_iterations: Some(200),
            ..SolveParams::default()
        },
    );
    // Fix a deliberately poor truck route (clients in a bad order) and one van route.
    let truck = route(1, &[11, 0, 7, 3]);
    let van = route(0, &[5, 9]);
    let initial = start(
        vec![van.clone(), truck.clone(), route(0, &[1, 2])],
        vec![1, 0],
    );
    let outcome = run(&data, &warm(initial, 300));
    assert!(
        outcome.report.is_feasible(),
        "{:?}",
        outcome.report.violations
    );
    assert_eq!(outcome.solution.routes[0], truck);
    assert_eq!(outcome.solution.routes[1], van);
    let others = &outcome.solution.routes[2..];
    for r in others.iter().filter(|r| !r.visits.is_empty()) {
        assert_eq!(r.vehicle_type, 0, "the truck is used up: {r:?}");
        for c in [11, 0, 7, 3, 5, 9] {
            assert!(!r.visits.contains(&c), "fixed client {c} moved: {r:?}");
        }
    }
    assert!(others.iter().filter(|r| !r.visits.is_empty()).count() <= 2);
    assert_eq!(outcome.solution.evaluate(&data), outcome.report);
    assert_eq!(outcome.warm_start.unwrap().fixed_routes, vec![1, 0]);
    // Fixing can only cost more than the free optimum the cold search approaches.
    assert!(outcome.report.cost >= cold.report.cost);
}

/// The problem without `fixed`: its clients dropped, one vehicle fewer of its type (built here
/// independently of the engine's own reduction).
fn without(data: &ProblemData, fixed: &Route) -> (ProblemData, Vec<usize>) {
    let kept: Vec<usize> = (0..data.num_clients())
        .filter(|c| !fixed.visits.contains(c))
        .collect();
    let locations: Vec<usize> = std::iter::once(0)
        .chain(kept.iter().map(|&c| c + 1))
        .collect();
    let sub =
        |m: &Matrix| Matrix::from_fn(locations.len(), |i, j| m.get(locations[i], locations[j]));
    let mut types = data.vehicle_types().to_vec();
    types[fixed.vehicle_type].count -= 1;
    let reduced = ProblemData::new(
        data.depots().to_vec(),
        kept.iter().map(|&c| data.client(c).clone()).collect(),
        types,
        vec![sub(data.distance_matrix(0))],
        vec![sub(data.duration_matrix(0))],
    )
    .unwrap();
    (reduced, kept)
}

#[test]
fn the_best_solution_around_a_fixed_route_is_found() {
    for seed in 1..=4 {
        let mut rng = Lcg(seed);
        let points: Vec<(i64, i64)> = (0..8).map(|_| (rng.next(100), rng.next(100))).collect();
        let m = euclid(&points);
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients((0..7).map(|_| Client::with_delivery(vec![1 + rng.next(9)])))
            .vehicle_type(VehicleType::with_capacity(4, vec![15]))
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        // A route the optimum would probably not choose: the far ends of the client list.
        let fixed = route(0, &[6, 0]);
        let (rest, _) = without(&data, &fixed);
        let optimum = route_cost(&data, 0, &fixed.visits).unwrap() + brute_force(&rest);
        let outcome = run(&data, &warm(start(vec![fixed.clone()], vec![0]), 300));
        assert!(outcome.report.is_feasible(), "seed {seed}");
        assert_eq!(outcome.solution.routes[0], fixed, "seed {seed}");
        assert_eq!(outcome.report.cost, optimum, "seed {seed}: not optimal");
    }
}

#[test]
fn an_infeasible_or_partial_start_is_repaired_and_reported() {
    let data = cvrp(11, 40, 12, 30);
    // Everyone on one vehicle: far over capacity.
    let everyone = start(vec![route(0, &(0..40).collect::<Vec<_>>())], vec![]);
    for strategy in [Strategy::Genetic, Strategy::IteratedLocalSearch] {
        let params = SolveParams {
            strategy,
            ..warm(everyone.clone(), 200)
        };
        let outcome = run(&data, &params);
        assert!(outcome.report.is_feasible(), "{strategy:?}");
        let report = outcome.warm_start.unwrap();
        assert!(!report.initial_feasible);
        // Half the clients only: the search inserts the rest.
        let half = start(vec![route(0, &(0..20).collect::<Vec<_>>())], vec![]);
        let outcome = run(
            &data,
            &SolveParams {
                strategy,
                ..warm(half, 200)
            },
        );
        assert!(outcome.report.is_feasible(), "{strategy:?}");
        assert!(!outcome.warm_start.unwrap().initial_feasible);
    }
}

#[test]
fn the_same_seed_threads_and_start_give_the_same_answer() {
    let data = cvrp(21, 60, 20, 35);
    let first = run(
        &data,
        &SolveParams {
            max_iterations: Some(100),
            ..SolveParams::default()
        },
    );
    let routes = first.solution.routes.clone();
    for threads in [1, 2] {
        for fixed in [vec![], vec![0, 2]] {
            let params = SolveParams {
                threads,
                ..warm(start(routes.clone(), fixed.clone()), 400)
            };
            let a = run(&data, &params);
            let b = run(&data, &params);
            assert_eq!(a.solution, b.solution, "threads {threads}, fixed {fixed:?}");
            assert!(a.report.cost <= first.report.cost);
        }
    }
}

#[test]
fn every_route_fixed_answers_the_start_itself() {
    let data = mixed();
    let all = vec![
        route(0, &[0, 1, 11]),
        route(0, &[2, 3]),
        route(0, &[4, 5]),
        route(1, &[6, 7, 8, 9, 10]),
    ];
    let outcome = run(&data, &warm(start(all.clone(), vec![0, 1, 2, 3]), 100));
    assert_eq!(outcome.solution.routes, all);
    assert_eq!(outcome.iterations, 0);
}

#[test]
fn the_searches_start_from_the_given_solution() {
    // A good solution broken by one client moved onto another route (overloading it): no final
    // comparison with the start can hide a search that ignores it, as the start is infeasible.
    let data = cvrp(5, 120, 40, 40);
    for strategy in [Strategy::Genetic, Strategy::IteratedLocalSearch] {
        let good = run(
            &data,
            &SolveParams {
                max_iterations: Some(3000),
                strategy,
                ..SolveParams::default()
            },
        );
        let mut routes = good.solution.routes.clone();
        let moved = routes[0].visits.remove(0);
        let last = routes.len() - 1;
        routes[last].visits.push(moved);
        let second: Vec<usize> = routes[1].visits.drain(..).collect();
        routes[last].visits.extend(second);
        let broken = start(routes, vec![]);
        assert!(broken.check(&data).is_ok());
        let none = |initial| SolveParams {
            max_iterations: Some(0),
            strategy,
            initial,
            ..SolveParams::default()
        };
        let cold = run(&data, &none(None));
        let warm = run(&data, &none(Some(broken)));
        assert!(!warm.warm_start.unwrap().initial_feasible);
        assert!(warm.report.is_feasible(), "{strategy:?}");
        assert!(
            warm.report.cost < cold.report.cost,
            "{strategy:?}: warm {} not below cold {} (good {})",
            warm.report.cost,
            cold.report.cost,
            good.report.cost
        );
    }
}

#[test]
fn pinned_clients_stay_together_in_their_route() {
    let data = cvrp(8, 80, 30, 40);
    for strategy in [Strategy::Genetic, Strategy::IteratedLocalSearch] {
        // A poor start: a cold search of 3 iterations (with 0 the final comparison could not
        // tell a search that keeps the pins from one whose answer was replaced by the start).
        let first = run(
            &data,
            &SolveParams {
                max_iterations: Some(3),
                strategy,
                ..SolveParams::default()
            },
        );
        let routes = first.solution.routes.clone();
        // Three groups: the first two clients of routes 0 and 1 and the whole of route 2.
        let groups: Vec<Vec<usize>> = vec![
            routes[0].visits[..2].to_vec(),
            routes[1].visits[..2].to_vec(),
            routes[2].visits.clone(),
        ];
        let pins: Vec<usize> = groups.iter().flatten().copied().collect();
        for threads in [1, 2] {
            let params = SolveParams {
                threads,
                strategy,
                ..warm(pinned(routes.clone(), vec![], &pins), 400)
            };
            let a = run(&data, &params);
            assert!(a.report.is_feasible(), "{strategy:?}");
            let mut homes = Vec::new();
            for g in &groups {
                let at = routes_of(&a.solution, g);
                assert!(
                    at.iter().all(|r| r.is_some() && *r == at[0]),
                    "{strategy:?}: group {g:?} split: {at:?}"
                );
                homes.push(at[0]);
            }
            homes.sort();
            homes.dedup();
            assert_eq!(homes.len(), 3, "{strategy:?}: two groups share a route");
            // Strictly better: the search itself kept the pins (the start is only the answer of
            // last resort should the final check find them broken).
            assert!(a.report.cost < first.report.cost, "{strategy:?}");
            assert_eq!(a.solution, run(&data, &params).solution, "deterministic");
        }
    }
}

#[test]
fn the_best_solution_keeping_pinned_clients_together_is_found() {
    for seed in 1..=4 {
        let mut rng = Lcg(40 + seed);
        let points: Vec<(i64, i64)> = (0..8).map(|_| (rng.next(100), rng.next(100))).collect();
        let m = euclid(&points);
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients((0..7).map(|_| Client::with_delivery(vec![1 + rng.next(6)])))
            .vehicle_type(VehicleType::with_capacity(4, vec![15]))
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        // Clients 0 and 6 must share a route, 3 must be on another one.
        let together = |mask: usize| (mask & 1 == 0) == (mask >> 6 & 1 == 0);
        let apart = |mask: usize| !(mask & 1 == 1 && mask >> 3 & 1 == 1);
        let optimum = brute_force_with(&data, |mask| together(mask) && apart(mask));
        let routes = vec![route(0, &[0, 1, 6]), route(0, &[3, 2]), route(0, &[4, 5])];
        let outcome = run(&data, &warm(pinned(routes, vec![], &[6, 0, 3]), 300));
        assert!(outcome.report.is_feasible(), "seed {seed}");
        let at = routes_of(&outcome.solution, &[0, 6, 3]);
        assert!(
            at[0] == at[1] && at[0] != at[2],
            "seed {seed}: {:?}",
            outcome.solution
        );
        assert_eq!(outcome.report.cost, optimum, "seed {seed}: not optimal");
        assert!(optimum >= brute_force(&data));
    }
}

#[test]
fn pins_are_checked_and_work_beside_fixed_routes() {
    let data = mixed();
    let routes = vec![route(0, &[0, 1]), route(1, &[2, 3, 4]), route(0, &[5])];
    let e = error(&data, pinned(routes.clone(), vec![], &[12]));
    assert_eq!(
        e.to_string(),
        "pinned client 12 does not exist (the problem has 12, numbered from 0)"
    );
    let e = error(&data, pinned(routes.clone(), vec![], &[7]));
    assert_eq!(e, InitialSolutionError::PinnedNotVisited { client: 7 });
    let e = error(&data, pinned(routes.clone(), vec![], &[1, 1]));
    assert_eq!(e, InitialSolutionError::PinnedTwice { client: 1 });
    // Route 1 fixed, clients 0 and 1 pinned together, 5 alone elsewhere: the rest is free.
    let outcome = run(
        &data,
        &warm(pinned(routes.clone(), vec![1], &[0, 1, 5]), 300),
    );
    assert!(outcome.report.is_feasible());
    assert_eq!(outcome.solution.routes[0], routes[1]);
    let at = routes_of(&outcome.solution, &[0, 1, 5]);
    assert!(at[0] == at[1] && at[0] != at[2], "{:?}", outcome.solution);
    assert!(at.iter().all(|r| r.is_some_and(|r| r > 0)));
}
