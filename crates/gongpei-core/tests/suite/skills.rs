//! Client-vehicle compatibility ("skills"): required features and forbidden vehicle types are
//! kept by the solver (brute force on tiny instances, a larger instance checked route by route,
//! both search strategies), refused by validation when no type may serve a client, reported by
//! the evaluator, and deterministic.

use crate::solver_optimal::{check, euclid, points, Lcg};
use gongpei_core::{
    solve, Client, Control, Depot, Incompatibility, InitialSolution, ModelErrorKind, ProblemData,
    Route, Solution, SolveParams, Strategy, VehicleType, Violation,
};

/// Feature bit 0: refrigerated. Bit 1: small enough for a village lane.
const COLD: u64 = 1;
const LANE: u64 = 2;

/// Three types (a big ambient truck, a refrigerated van, a small lane van); every third client
/// needs cold, every fourth a lane vehicle, and some forbid the truck.
fn restricted(seed: u64, clients: usize, counts: [usize; 3]) -> ProblemData {
    let mut rng = Lcg(900 + seed);
    let pts = points(&mut rng, clients + 1);
    let m = euclid(&pts);
    ProblemData::builder()
        .depot(Depot::default())
        .clients((0..clients).map(|i| Client {
            required_features: (if i % 3 == 0 { COLD } else { 0 })
                | (if i % 4 == 1 { LANE } else { 0 }),
            forbidden_vehicle_types: if i % 5 == 2 { vec![0] } else { Vec::new() },
            ..Client::with_delivery(vec![1 + rng.next(6)])
        }))
        .vehicle_type(VehicleType {
            name: "truck".into(),
            fixed_cost: 10,
            ..VehicleType::with_capacity(counts[0], vec![30])
        })
        .vehicle_type(VehicleType {
            name: "cold van".into(),
            features: COLD,
            fixed_cost: 30,
            ..VehicleType::with_capacity(counts[1], vec![12])
        })
        .vehicle_type(VehicleType {
            name: "lane van".into(),
            features: LANE | COLD,
            fixed_cost: 20,
            unit_distance_cost: 2,
            ..VehicleType::with_capacity(counts[2], vec![10])
        })
        .distance_matrix(m.clone())
        .duration_matrix(m)
        .build()
        .unwrap()
}

#[test]
fn restricted_fleet_reaches_the_brute_force_optimum() {
    for seed in 1..=4 {
        let data = restricted(seed, 7, [2, 2, 2]);
        check(&data, &format!("restricted seed {seed}"));
    }
}

#[test]
fn restrictions_change_the_optimum_and_it_is_still_reached() {
    // Without restrictions one truck could take everything; with them it cannot.
    let data = restricted(7, 7, [2, 1, 2]);
    let free = data
        .with_clients(
            data.clients()
                .iter()
                .map(|c| Client {
                    required_features: 0,
                    forbidden_vehicle_types: Vec::new(),
                    ..c.clone()
                })
                .collect(),
        )
        .unwrap();
    let (restricted_opt, free_opt) = (
        crate::solver_optimal::brute_force(&data),
        crate::solver_optimal::brute_force(&free),
    );
    assert!(restricted_opt > free_opt, "{restricted_opt} vs {free_opt}");
    check(&data, "restricted seed 7");
}

#[test]
fn no_route_of_either_strategy_carries_a_barred_client() {
    let data = restricted(11, 80, [10, 10, 14]);
    for strategy in [Strategy::Genetic, Strategy::IteratedLocalSearch] {
        let params = SolveParams {
            seed: 5,
            max_iterations: Some(200),
            strategy,
            ..SolveParams::default()
        };
        let outcome = solve(&data, &params, &|_| Control::Continue);
        assert!(
            outcome.report.is_feasible(),
            "{strategy:?}: {:?}",
            outcome.report.violations
        );
        for route in &outcome.solution.routes {
            for &c in &route.visits {
                assert!(
                    data.can_serve(route.vehicle_type, c),
                    "{strategy:?}: client {c} on type {}",
                    route.vehicle_type
                );
            }
        }
    }
}

#[test]
fn same_seed_same_answer_with_restrictions() {
    let data = restricted(13, 40, [6, 6, 8]);
    for threads in [1, 2] {
        let params = SolveParams {
            seed: 9,
            threads,
            max_iterations: Some(150),
            ..SolveParams::default()
        };
        let a = solve(&data, &params, &|_| Control::Continue);
        let b = solve(&data, &params, &|_| Control::Continue);
        assert_eq!(a.solution, b.solution, "threads {threads}");
        assert!(a.report.is_feasible());
    }
}

#[test]
fn a_client_no_type_may_serve_is_refused_by_name() {
    let m = euclid(&[(0, 0), (3, 4), (6, 8)]);
    let build = |second: Client| {
        ProblemData::builder()
            .depot(Depot::default())
            .client(Client::with_delivery(vec![1]))
            .client(second)
            .vehicle_type(VehicleType {
                features: COLD,
                ..VehicleType::with_capacity(2, vec![10])
            })
            .vehicle_type(VehicleType::with_capacity(2, vec![10]))
            .distance_matrix(m.clone())
            .duration_matrix(m.clone())
            .build()
    };
    let err = build(Client {
        name: "Xiaying".into(),
        required_features: LANE,
        ..Client::with_delivery(vec![1])
    })
    .unwrap_err();
    assert_eq!(err.kind(), ModelErrorKind::Unservable);
    assert!(
        err.message()
            .starts_with("client 1 (\"Xiaying\") cannot be served"),
        "{}",
        err.message()
    );
    assert!(
        err.message().contains("lacks feature 1"),
        "{}",
        err.message()
    );

    // Optional clients too, and forbidding every type counts.
    let err = build(Client {
        name: "Beitun".into(),
        required: false,
        prize: 50,
        forbidden_vehicle_types: vec![0, 1],
        ..Client::with_delivery(vec![1])
    })
    .unwrap_err();
    assert_eq!(err.kind(), ModelErrorKind::Unservable);
    assert!(err.message().contains("\"Beitun\""), "{}", err.message());
    assert!(err.message().contains("forbidden"), "{}", err.message());

    let err = build(Client {
        forbidden_vehicle_types: vec![5],
        ..Client::with_delivery(vec![1])
    })
    .unwrap_err();
    assert_eq!(err.kind(), ModelErrorKind::Reference);
    assert!(
        err.message()
            .contains("client 1: forbidden_vehicle_types names vehicle type 5"),
        "{}",
        err.message()
    );

    // Servable by the one cold type: accepted.
    assert!(build(Client {
        required_features: COLD,
        forbidden_vehicle_types: vec![1],
        ..Client::with_delivery(vec![1])
    })
    .is_ok());
}

#[test]
fn the_evaluator_names_each_incompatible_assignment() {
    let data = restricted(1, 7, [2, 2, 2]);
    // Client 0 needs cold, client 1 a lane vehicle, client 2 forbids the truck.
    let solution = Solution::new(vec![
        Route {
            vehicle_type: 0,
            visits: vec![0, 2, 3],
        },
        Route {
            vehicle_type: 1,
            visits: vec![1, 4, 5, 6],
        },
    ]);
    let report = solution.evaluate(&data);
    let barred: Vec<&Violation> = report
        .violations
        .iter()
        .filter(|v| matches!(v, Violation::Incompatible { .. }))
        .collect();
    let expected = [
        Violation::Incompatible {
            route: 0,
            client: 0,
            vehicle_type: 0,
            reason: Incompatibility::MissingFeatures(COLD),
        },
        Violation::Incompatible {
            route: 0,
            client: 2,
            vehicle_type: 0,
            reason: Incompatibility::Forbidden,
        },
        Violation::Incompatible {
            route: 0,
            client: 3,
            vehicle_type: 0,
            reason: Incompatibility::MissingFeatures(COLD),
        },
        Violation::Incompatible {
            route: 1,
            client: 1,
            vehicle_type: 1,
            reason: Incompatibility::MissingFeatures(LANE),
        },
        Violation::Incompatible {
            route: 1,
            client: 5,
            vehicle_type: 1,
            reason: Incompatibility::MissingFeatures(LANE),
        },
    ];
    assert_eq!(barred, expected.iter().collect::<Vec<_>>());
    assert_eq!(
        expected[0].to_string(),
        "route 0: client 0 on vehicle type 0 lacks feature 0 (bits 0x1)"
    );
    assert_eq!(
        expected[1].to_string(),
        "route 0: client 2 on vehicle type 0 is forbidden by the client"
    );
    // Every client on the lane van, which has both features: nothing barred.
    let fine = Solution::new(vec![Route {
        vehicle_type: 2,
        visits: (0..7).collect(),
    }]);
    assert!(!fine
        .evaluate(&data)
        .violations
        .iter()
        .any(|v| matches!(v, Violation::Incompatible { .. })));
}

#[test]
fn a_warm_start_pinning_a_client_on_a_barred_vehicle_is_refused_and_others_are_repaired() {
    let data = restricted(3, 7, [2, 2, 2]);
    // Client 0 needs cold; route 0 is a truck.
    let routes = vec![
        Route {
            vehicle_type: 0,
            visits: vec![4, 0, 2],
        },
        Route {
            vehicle_type: 2,
            visits: vec![1, 3, 5, 6],
        },
    ];
    let pinned = InitialSolution {
        routes: routes.clone(),
        pinned_clients: vec![0],
        ..InitialSolution::default()
    };
    let err = pinned.check(&data).unwrap_err();
    assert_eq!(
        err.describe(0),
        "route 0, position 1: pinned client 0 may not stay on vehicle type 0, which lacks \
         feature 0 (bits 0x1)"
    );
    // Not pinned, the barred clients of the start are moved to vehicles they may ride.
    let params = SolveParams {
        seed: 1,
        max_iterations: Some(100),
        initial: Some(InitialSolution {
            routes,
            ..InitialSolution::default()
        }),
        ..SolveParams::default()
    };
    let outcome = solve(&data, &params, &|_| Control::Continue);
    assert!(
        outcome.report.is_feasible(),
        "{:?}",
        outcome.report.violations
    );
    assert_eq!(
        outcome.report.cost,
        crate::solver_optimal::brute_force(&data)
    );
}
