//! The brute-force reference of the tests on the hand-made scenario (`tests/data/tiny.json`):
//! the cheapest single tour through a few stops, by enumerating every visiting order.

use gongpei_coop::{Effort, World};
use gongpei_scenario::model::VehicleProfile;
use gongpei_scenario::Scenario;

/// The hand-made scenario `tests/data/tiny.json`.
pub fn tiny_scenario() -> Scenario {
    gongpei_scenario::from_json_str(include_str!("../data/tiny.json"), "tiny.json").unwrap()
}

/// The small, fixed search budget the tiny-scenario tests plan with.
pub fn effort() -> Effort {
    Effort {
        seed: 2,
        iterations: 50,
        ..Effort::default()
    }
}

/// Cheapest single route from `base` through every stop (site, service s) and back, priced
/// `fixed + per_km * km + per_h * hours` (all prices in the tiny scenario are exact).
pub fn best_tour(
    world: &World<'_>,
    profile: VehicleProfile,
    base: usize,
    stops: &[(usize, i64)],
    (fixed, per_km, per_h): (f64, f64, f64),
) -> f64 {
    fn permutations(items: Vec<usize>) -> Vec<Vec<usize>> {
        if items.len() <= 1 {
            return vec![items];
        }
        let mut out = Vec::new();
        for i in 0..items.len() {
            let mut rest = items.clone();
            let first = rest.remove(i);
            for mut p in permutations(rest) {
                p.insert(0, first);
                out.push(p);
            }
        }
        out
    }
    let mut best = f64::INFINITY;
    for order in permutations((0..stops.len()).collect()) {
        let mut at = base;
        let (mut dist, mut time) = (0, 0);
        for &k in &order {
            let (d, t) = world.leg(profile, at, stops[k].0).unwrap();
            dist += d;
            time += t + stops[k].1;
            at = stops[k].0;
        }
        let (d, t) = world.leg(profile, at, base).unwrap();
        dist += d;
        time += t;
        best = best.min(fixed + per_km * dist as f64 / 1000.0 + per_h * time as f64 / 3600.0);
    }
    best
}
