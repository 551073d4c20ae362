//! The exact p-median solver (incumbent, Lagrangian bound, reductions, branch and bound, HiGHS)
//! against exhaustive enumeration, with the properties every answer must keep: a bound that
//! never crosses the optimum, a time limit that covers the whole solve, seeded reproducibility.

use std::time::{Duration, Instant};

use crate::common::{assert_assigned_to_open, nearest, random_costs, random_values, rng, subsets};
use gongpei_locate::{CostMatrix, MipStatus, PMedian, SolveOptions};
use rand::Rng;

/// The brute-force optimum of p-median on `costs` with `weights`.
fn brute_force(costs: &CostMatrix, weights: &[f64], p: usize) -> f64 {
    subsets(costs.candidates())
        .filter(|s| s.len() == p)
        .map(|s| {
            (0..costs.demands())
                .map(|i| weights[i] * nearest(costs, i, &s))
                .sum::<f64>()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Unrounded Euclidean costs between seeded random points (no ties, fractional objectives).
fn fractional_costs(seed: u64, demands: usize, candidates: usize) -> CostMatrix {
    let mut r = rng(seed);
    let mut point = || (r.random_range(0.0..50.0f64), r.random_range(0.0..50.0f64));
    let d: Vec<_> = (0..demands).map(|_| point()).collect();
    let c: Vec<_> = (0..candidates).map(|_| point()).collect();
    let rows = d
        .iter()
        .map(|a| c.iter().map(|b| (a.0 - b.0).hypot(a.1 - b.1)).collect())
        .collect();
    CostMatrix::new(rows).unwrap()
}

#[test]
fn larger_weighted_instances_match_brute_force() {
    for seed in 0..30 {
        let mut r = rng(500 + seed);
        let (n, m) = (16, 12);
        let costs = random_costs(&mut r, n, m);
        let weights = random_values(&mut r, n, 0, 9);
        let p = 1 + seed as usize % 6;
        let s = PMedian::new(&costs, p)
            .with_weights(weights.clone())
            .solve(&SolveOptions::default())
            .unwrap();
        assert_eq!(
            s.objective,
            brute_force(&costs, &weights, p),
            "seed {seed}, p {p}"
        );
        assert!(s.status.is_optimal(), "seed {seed}");
        assert_eq!(s.open.len(), p);
        assert_assigned_to_open(&s.open, &s.assignment);
    }
}

#[test]
fn fractional_costs_and_more_demand_points_than_candidates_match_brute_force() {
    for seed in 0..30 {
        let (n, m) = (20, 10);
        let costs = fractional_costs(600 + seed, n, m);
        let weights = vec![1.0; n];
        let p = 2 + seed as usize % 4;
        let s = PMedian::new(&costs, p)
            .solve(&SolveOptions::default())
            .unwrap();
        let best = brute_force(&costs, &weights, p);
        assert!(
            (s.objective - best).abs() <= 1e-9 * best,
            "seed {seed}: {} vs {best}",
            s.objective
        );
        assert!(s.status.is_optimal(), "seed {seed}");
    }
}

#[test]
fn a_stopped_solve_reports_a_gap_that_brackets_the_optimum() {
    for seed in 0..20 {
        let mut r = rng(700 + seed);
        let costs = random_costs(&mut r, 14, 11);
        let weights = random_values(&mut r, 14, 1, 5);
        let p = 2 + seed as usize % 3;
        let best = brute_force(&costs, &weights, p);
        // No time at all: only the greedy start and one bound evaluation happen.
        let options = SolveOptions {
            time_limit: Some(Duration::ZERO),
            ..SolveOptions::default()
        };
        let s = PMedian::new(&costs, p)
            .with_weights(weights)
            .solve(&options)
            .unwrap();
        assert!(s.objective >= best, "seed {seed}");
        match s.status {
            MipStatus::Optimal => assert_eq!(s.objective, best, "seed {seed}"),
            MipStatus::Stopped { gap } => {
                assert!((0.0..=1.0).contains(&gap), "seed {seed}: gap {gap}");
                let lower = s.objective * (1.0 - gap);
                assert!(
                    lower <= best + 1e-9,
                    "seed {seed}: bound {lower} > optimum {best}"
                );
            }
        }
    }
}

#[test]
fn the_time_limit_covers_the_whole_solve() {
    let mut r = rng(42);
    let xs: Vec<(f64, f64)> = (0..500)
        .map(|_| (r.random_range(0.0..1000.0), r.random_range(0.0..1000.0)))
        .collect();
    let rows = xs
        .iter()
        .map(|a| {
            xs.iter()
                .map(|b| (a.0 - b.0).hypot(a.1 - b.1).round())
                .collect()
        })
        .collect();
    let costs = CostMatrix::new(rows).unwrap();
    let limit = Duration::from_millis(50);
    let options = SolveOptions {
        time_limit: Some(limit),
        ..SolveOptions::default()
    };
    let started = Instant::now();
    let s = PMedian::new(&costs, 8).solve(&options).unwrap();
    let wall = started.elapsed();
    assert_eq!(s.open.len(), 8);
    assert!(s.elapsed <= wall);
    // Slack for the steps that run to their end (sorting, greedy start, one bound evaluation) on a
    // loaded machine.
    assert!(wall < limit + Duration::from_millis(700), "took {wall:?}");
}

#[test]
fn a_seed_fixes_the_answer() {
    let mut r = rng(9);
    let costs = random_costs(&mut r, 40, 40);
    let weights = random_values(&mut r, 40, 1, 7);
    let solve = || {
        PMedian::new(&costs, 6)
            .with_weights(weights.clone())
            .solve(&SolveOptions::default())
            .unwrap()
    };
    let (a, b) = (solve(), solve());
    assert_eq!(
        (a.open, a.assignment, a.objective, a.status),
        (b.open, b.assignment, b.objective, b.status)
    );
}

#[test]
fn p_equal_to_the_candidates_opens_all_and_zero_weights_cost_nothing() {
    let mut r = rng(3);
    let costs = random_costs(&mut r, 8, 5);
    let s = PMedian::new(&costs, 5)
        .solve(&SolveOptions::default())
        .unwrap();
    assert_eq!(s.open, vec![0, 1, 2, 3, 4]);
    assert_eq!(s.objective, brute_force(&costs, &[1.0; 8], 5));
    assert!(s.status.is_optimal());
    let s = PMedian::new(&costs, 2)
        .with_weights(vec![0.0; 8])
        .solve(&SolveOptions::default())
        .unwrap();
    assert_eq!((s.objective, s.open.len()), (0.0, 2));
    assert!(s.status.is_optimal());
}
