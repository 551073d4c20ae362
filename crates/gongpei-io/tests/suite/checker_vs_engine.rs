//! The independent checker and the engine's own evaluation must agree on cost and feasibility of
//! random solutions (random client orders cut into routes, random vehicle types) on instances with
//! time windows, pickups, route-duration limits and several depots.

use crate::common::bundled;
use gongpei_core::{Route, Solution};
use gongpei_io::{check, read_instance, Instance};
use proptest::prelude::*;

fn instances() -> Vec<Instance> {
    [
        "C101.txt",
        "CON3-0.vrpspd",
        "p01.txt",
        "A-n32-k5.vrp",
        "r101.vrpspd",
    ]
    .iter()
    .map(|n| read_instance(bundled().join(n)).unwrap())
    .collect()
}

/// Builds a solution from a permutation key, cut points and vehicle-type choices.
fn solution(inst: &Instance, keys: &[u32], cuts: &[bool], types: &[u8], drop: usize) -> Solution {
    let n = inst.data.num_clients();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&c| (keys[c % keys.len()].wrapping_mul(c as u32 + 1), c));
    order.truncate(n - drop.min(n));
    let mut routes = Vec::new();
    let mut current = Vec::new();
    for (k, c) in order.into_iter().enumerate() {
        current.push(c);
        if cuts[k % cuts.len()] {
            routes.push(std::mem::take(&mut current));
        }
    }
    routes.push(current);
    let num_types = inst.data.num_vehicle_types();
    Solution::new(
        routes
            .into_iter()
            .enumerate()
            .map(|(r, visits)| Route {
                vehicle_type: types[r % types.len()] as usize % num_types,
                visits,
            })
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn checker_and_engine_agree(
        which in 0usize..5,
        keys in proptest::collection::vec(any::<u32>(), 1..50),
        cuts in proptest::collection::vec(proptest::bool::weighted(0.12), 1..40),
        types in proptest::collection::vec(any::<u8>(), 1..8),
        drop in prop_oneof![Just(0usize), 0usize..3],
    ) {
        let inst = &instances()[which];
        let sol = solution(inst, &keys, &cuts, &types, drop);
        let ours = check(inst, &sol);
        let engine = sol.evaluate(&inst.data);
        prop_assert_eq!(ours.is_feasible(), engine.is_feasible(),
            "{}: checker {:?} engine {:?}", inst.name, ours.problems, engine.violations);
        prop_assert_eq!(ours.distance, engine.distance, "{}", inst.name);
        if ours.is_feasible() {
            prop_assert_eq!(ours.cost, engine.cost, "{}", inst.name);
        }
    }
}

/// A refrigerated van (feature bit 0) and a plain van; client 0 needs the cold chain, client 1
/// forbids the refrigerated type, client 2 rides anything.
fn cold_chain_instance() -> Instance {
    use gongpei_core::{Client, Depot, Matrix, ProblemData, VehicleType};
    let cold = VehicleType {
        features: 0b1,
        ..VehicleType::with_capacity(1, vec![10])
    };
    let plain = VehicleType::with_capacity(1, vec![10]);
    let clients = vec![
        Client {
            required_features: 0b1,
            ..Client::with_delivery(vec![1])
        },
        Client {
            forbidden_vehicle_types: vec![0],
            ..Client::with_delivery(vec![1])
        },
        Client::with_delivery(vec![1]),
    ];
    let distance = Matrix::from_fn(4, |i, j| (i as i64 - j as i64).abs());
    let data = ProblemData::new(
        vec![Depot::default()],
        clients,
        vec![cold, plain],
        vec![distance.clone()],
        vec![distance],
    )
    .unwrap();
    Instance {
        name: "cold-chain".into(),
        format: gongpei_io::Format::Vrplib,
        rounding: gongpei_io::Rounding::Explicit,
        cost_scale: 1,
        solution_ids: vec![1, 2, 3],
        node_ids: vec![2, 3, 4],
        depot_node_ids: vec![1],
        listed_vehicle_types: Vec::new(),
        integer_cost_scale: None,
        data,
    }
}

#[test]
fn the_checker_names_a_client_on_a_vehicle_type_it_may_not_ride() {
    let inst = cold_chain_instance();
    let route = |vehicle_type, visits: Vec<usize>| Route {
        vehicle_type,
        visits,
    };
    let allowed = Solution::new(vec![route(0, vec![0, 2]), route(1, vec![1])]);
    let ours = check(&inst, &allowed);
    assert!(ours.is_feasible(), "{:?}", ours.problems);
    assert!(allowed.evaluate(&inst.data).is_feasible());

    let swapped = Solution::new(vec![route(1, vec![0, 2]), route(0, vec![1])]);
    let ours = check(&inst, &swapped);
    assert_eq!(ours.problems.len(), 2, "{:?}", ours.problems);
    assert!(ours.problems[0].contains("client 1 needs vehicle features 0b1"));
    assert!(ours.problems[1].contains("client 2 forbids vehicle type 0"));
    let engine = swapped.evaluate(&inst.data);
    assert_eq!(engine.violations.len(), 2, "{:?}", engine.violations);
    assert_eq!(ours.cost, engine.cost);
}
