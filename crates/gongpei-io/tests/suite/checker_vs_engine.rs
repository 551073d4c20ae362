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
