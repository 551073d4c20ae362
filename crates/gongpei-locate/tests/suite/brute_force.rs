//! Every location model against exhaustive enumeration on small seeded random instances: the
//! MIP's objective must equal the brute-force optimum, and its choice must be consistent.

use crate::common::{assert_assigned_to_open, nearest, random_costs, random_values, rng, subsets};
use gongpei_locate::{FacilityLocation, MaximalCovering, PMedian, SetCovering, SolveOptions};

const CASES: u64 = 40;

#[test]
fn p_median_matches_brute_force() {
    for seed in 0..CASES {
        let mut r = rng(seed);
        let costs = random_costs(&mut r, 9, 7);
        let weights = random_values(&mut r, 9, 0, 5);
        let p = 1 + (seed as usize % 4);
        let best = subsets(7)
            .filter(|s| s.len() == p)
            .map(|s| {
                (0..9)
                    .map(|i| weights[i] * nearest(&costs, i, &s))
                    .sum::<f64>()
            })
            .fold(f64::INFINITY, f64::min);
        let s = PMedian::new(&costs, p)
            .with_weights(weights.clone())
            .solve(&SolveOptions::default())
            .unwrap();
        assert_eq!(s.objective, best, "seed {seed}, p {p}");
        assert_eq!(s.open.len(), p, "seed {seed}");
        assert!(s.status.is_optimal());
        assert_assigned_to_open(&s.open, &s.assignment);
    }
}

#[test]
fn uncapacitated_facility_location_matches_brute_force() {
    for seed in 0..CASES {
        let mut r = rng(100 + seed);
        let costs = random_costs(&mut r, 8, 6);
        let demand = random_values(&mut r, 8, 1, 6);
        let fixed = random_values(&mut r, 6, 0, 60);
        let best = subsets(6)
            .map(|s| {
                let f: f64 = s.iter().map(|&j| fixed[j]).sum();
                f + (0..8)
                    .map(|i| demand[i] * nearest(&costs, i, &s))
                    .sum::<f64>()
            })
            .fold(f64::INFINITY, f64::min);
        let model = FacilityLocation::new(&costs, demand.clone(), fixed.clone());
        let s = model.solve(&SolveOptions::default()).unwrap();
        assert_eq!(s.objective, best, "seed {seed}");
        assert_eq!(model.objective_of(&s.open, &s.assignment), s.objective);
        assert!(s.status.is_optimal());
        assert_assigned_to_open(&s.open, &s.assignment);
    }
}

/// Brute force over every single-sourcing assignment (m^n) of the capacitated model.
fn capacitated_best(
    costs: &gongpei_locate::CostMatrix,
    demand: &[f64],
    fixed: &[f64],
    cap: &[f64],
) -> f64 {
    let (n, m) = (costs.demands(), costs.candidates());
    let mut best = f64::INFINITY;
    for code in 0..m.pow(n as u32) {
        let mut load = vec![0.0; m];
        let mut transport = 0.0;
        let mut c = code;
        for (i, &d) in demand.iter().enumerate() {
            let j = c % m;
            c /= m;
            load[j] += d;
            transport += d * costs.cost(i, j);
        }
        if (0..m).all(|j| load[j] <= cap[j]) {
            let f: f64 = (0..m).filter(|&j| load[j] > 0.0).map(|j| fixed[j]).sum();
            best = best.min(f + transport);
        }
    }
    best
}

#[test]
fn capacitated_facility_location_matches_brute_force() {
    let mut solved = 0;
    for seed in 0..CASES {
        let mut r = rng(200 + seed);
        let costs = random_costs(&mut r, 7, 4);
        let demand = random_values(&mut r, 7, 1, 6);
        let fixed = random_values(&mut r, 4, 0, 60);
        let cap = random_values(&mut r, 4, 5, 15);
        let best = capacitated_best(&costs, &demand, &fixed, &cap);
        let model = FacilityLocation::new(&costs, demand.clone(), fixed.clone())
            .with_capacities(cap.clone());
        match model.solve(&SolveOptions::default()) {
            Ok(s) => {
                assert_eq!(s.objective, best, "seed {seed}");
                for (j, &capacity) in cap.iter().enumerate() {
                    let load: f64 = (0..7)
                        .filter(|&i| s.assignment[i] == Some(j))
                        .map(|i| demand[i])
                        .sum();
                    assert!(load <= capacity, "seed {seed}: site {j} over capacity");
                }
                assert!(s.assignment.iter().all(Option::is_some));
                assert_assigned_to_open(&s.open, &s.assignment);
                solved += 1;
            }
            // No assignment fits: brute force must agree, and the error must say why.
            Err(e) => assert!(
                best.is_infinite(),
                "seed {seed}: {e} but brute force found {best}"
            ),
        }
    }
    assert!(
        solved >= CASES / 2,
        "only {solved} feasible cases: the generator is too tight"
    );
}

#[test]
fn set_covering_matches_brute_force() {
    let mut solved = 0;
    for seed in 0..CASES {
        let mut r = rng(300 + seed);
        let costs = random_costs(&mut r, 10, 7);
        let site_costs = random_values(&mut r, 7, 1, 10);
        let radius = 6.0 + (seed % 5) as f64;
        let covers = |s: &[usize]| (0..10).all(|i| nearest(&costs, i, s) <= radius);
        let best = subsets(7)
            .filter(|s| covers(s))
            .map(|s| s.iter().map(|&j| site_costs[j]).sum::<f64>())
            .fold(f64::INFINITY, f64::min);
        let result = SetCovering::new(&costs, radius)
            .with_site_costs(site_costs.clone())
            .solve(&SolveOptions::default());
        if best.is_infinite() {
            assert!(result.is_err(), "seed {seed}: no cover exists");
            continue;
        }
        let s = result.unwrap();
        assert_eq!(s.objective, best, "seed {seed}");
        assert!(covers(&s.open));
        assert!(s.assignment.iter().all(Option::is_some));
        solved += 1;
    }
    assert!(solved >= CASES / 2, "only {solved} coverable cases");
}

#[test]
fn maximal_covering_matches_brute_force() {
    for seed in 0..CASES {
        let mut r = rng(400 + seed);
        let costs = random_costs(&mut r, 10, 7);
        let weights = random_values(&mut r, 10, 0, 8);
        let radius = 3.0 + (seed % 6) as f64;
        let k = 1 + (seed as usize % 3);
        let covered = |s: &[usize]| -> f64 {
            (0..10)
                .filter(|&i| nearest(&costs, i, s) <= radius)
                .map(|i| weights[i])
                .sum()
        };
        let best = subsets(7)
            .filter(|s| s.len() <= k)
            .map(|s| covered(&s))
            .fold(0.0, f64::max);
        let s = MaximalCovering::new(&costs, radius, k)
            .with_weights(weights.clone())
            .solve(&SolveOptions::default())
            .unwrap();
        assert_eq!(s.objective, best, "seed {seed}");
        assert!(s.open.len() <= k);
        assert_eq!(covered(&s.open), s.objective);
        assert_assigned_to_open(&s.open, &s.assignment);
    }
}
