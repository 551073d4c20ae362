//! Checks of the phases against exhaustive enumeration on small seeded instances: the incumbent
//! is a real choice at its stated cost, the Lagrangian bound never exceeds the optimum, and the
//! reductions never cut off a choice that beats the cutoff.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::cutoff::Cutoff;
use super::data::Instance;
use super::heuristic;
use super::lagrangian::{self, Fix, Schedule};
use super::pairs::Pairs;
use super::reduce;
use super::search;
use crate::CostMatrix;

/// Seeded random instance: rounded (or, when `fractional`, unrounded) Euclidean costs between
/// random points of a 20 x 20 square, and random weights (some zero).
fn instance(seed: u64, n: usize, m: usize, fractional: bool) -> (CostMatrix, Vec<f64>) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut point = || {
        (
            rng.random_range(0.0..20.0f64),
            rng.random_range(0.0..20.0f64),
        )
    };
    let demand: Vec<_> = (0..n).map(|_| point()).collect();
    let sites: Vec<_> = (0..m).map(|_| point()).collect();
    let rows = demand
        .iter()
        .map(|a| {
            sites
                .iter()
                .map(|b| {
                    let d = (a.0 - b.0).hypot(a.1 - b.1);
                    if fractional {
                        d
                    } else {
                        d.round()
                    }
                })
                .collect()
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed + 1000);
    let weights = (0..n).map(|_| rng.random_range(0..4) as f64).collect();
    (CostMatrix::new(rows).unwrap(), weights)
}

/// Every p-subset of `0..m` with its objective.
fn all_choices(inst: &Instance) -> Vec<(Vec<usize>, f64)> {
    (0u32..1 << inst.m)
        .filter(|mask| mask.count_ones() as usize == inst.p)
        .map(|mask| {
            let open: Vec<usize> = (0..inst.m).filter(|j| mask & (1 << j) != 0).collect();
            let cost = inst.objective(&open);
            (open, cost)
        })
        .collect()
}

#[test]
fn heuristic_reports_its_true_cost_and_never_beats_the_optimum() {
    for seed in 0..30 {
        let (costs, w) = instance(seed, 12, 10, seed % 2 == 1);
        let inst = Instance::new(&costs, 1 + seed as usize % 4, |i| w[i]);
        let optimum = all_choices(&inst)
            .iter()
            .map(|c| c.1)
            .fold(f64::INFINITY, f64::min);
        let start = heuristic::greedy(&inst);
        let found = heuristic::improve(&inst, &start, None);
        assert_eq!(found.open.len(), inst.p, "seed {seed}");
        assert_eq!(found.cost, inst.objective(&found.open), "seed {seed}");
        assert!(found.cost <= inst.objective(&start), "seed {seed}");
        assert!(found.cost >= optimum, "seed {seed}");
    }
}

#[test]
fn lagrangian_bound_stays_below_the_optimum() {
    for seed in 0..30 {
        let (costs, w) = instance(100 + seed, 12, 10, seed % 2 == 1);
        let inst = Instance::new(&costs, 1 + seed as usize % 4, |i| w[i]);
        let optimum = all_choices(&inst)
            .iter()
            .map(|c| c.1)
            .fold(f64::INFINITY, f64::min);
        let best = heuristic::improve(&inst, &heuristic::greedy(&inst), None);
        let fix = vec![Fix::Free; inst.m];
        // A cutoff no bound reaches, so that the ascent runs its whole schedule.
        let never = Cutoff {
            value: f64::INFINITY,
        };
        let pairs = Pairs::full(&inst);
        let start = vec![0.0; inst.clients];
        let dual = lagrangian::ascend(&pairs, &fix, start, best.cost, never, Schedule::ROOT, None);
        assert!(
            dual.bound <= optimum + 1e-9,
            "seed {seed}: {} > {optimum}",
            dual.bound
        );
        assert!(optimum <= best.cost);
    }
}

#[test]
fn reductions_keep_every_choice_that_beats_the_cutoff() {
    let mut tested = 0;
    for seed in 0..40 {
        let (costs, w) = instance(200 + seed, 12, 11, seed % 3 == 2);
        let inst = Instance::new(&costs, 2 + seed as usize % 3, |i| w[i]);
        let pairs = Pairs::full(&inst);
        let choices = all_choices(&inst);
        let optimum = choices.iter().map(|c| c.1).fold(f64::INFINITY, f64::min);
        // Cutoffs from several incumbents, the optimum included (then nothing is of interest).
        for upper in [optimum, optimum + 1.0, optimum * 1.05 + 2.0] {
            let cutoff = Cutoff::new(upper, inst.integral, 1e-9);
            let mut fix = vec![Fix::Free; inst.m];
            let mut lambda = vec![0.0; inst.clients];
            for _ in 0..3 {
                let dual =
                    lagrangian::ascend(&pairs, &fix, lambda, upper, cutoff, Schedule::ROOT, None);
                reduce::fix_candidates(&dual, &mut fix, cutoff);
                let caps = reduce::service_caps(&pairs, &dual, &fix, cutoff);
                for (open, cost) in choices.iter().filter(|c| c.1 < cutoff.value) {
                    tested += 1;
                    for (j, f) in fix.iter().enumerate() {
                        let is_open = open.contains(&j);
                        assert!(
                            *f == Fix::Free || (*f == Fix::Open) == is_open,
                            "seed {seed}: {open:?} (cost {cost}, cutoff {}) breaks fixing of {j}",
                            cutoff.value
                        );
                    }
                    let caps = caps.as_ref().unwrap_or_else(|| {
                        panic!("seed {seed}: no pair left but {open:?} costs {cost}")
                    });
                    for (c, &cap) in caps.iter().enumerate() {
                        let nearest = open
                            .iter()
                            .map(|&j| inst.wc(c, j))
                            .fold(f64::INFINITY, f64::min);
                        assert!(
                            nearest <= cap,
                            "seed {seed}: point {c} served at {nearest} > cap {cap}"
                        );
                    }
                }
                lambda = dual.lambda;
            }
        }
    }
    assert!(
        tested > 100,
        "only {tested} choices checked: the cutoffs cut everything"
    );
}

#[test]
fn branch_and_bound_and_highs_on_the_reduced_model_both_find_the_optimum() {
    for seed in 0..24 {
        let (costs, w) = instance(300 + seed, 14, 12, seed % 4 == 3);
        let inst = Instance::new(&costs, 2 + seed as usize % 4, |i| w[i]);
        let optimum = all_choices(&inst)
            .iter()
            .map(|c| c.1)
            .fold(f64::INFINITY, f64::min);
        let options = crate::SolveOptions::default();
        // No node for the branch and bound: HiGHS solves whatever the root leaves.
        for nodes in [0, 1, usize::MAX] {
            let started = std::time::Instant::now();
            let out = search::run_with(&inst, &options, started, nodes).unwrap();
            assert!(out.status.is_optimal(), "seed {seed}, {nodes} nodes");
            assert_eq!(
                inst.objective(&out.open),
                optimum,
                "seed {seed}, {nodes} nodes"
            );
            assert_eq!(out.open.len(), inst.p);
        }
    }
}

#[test]
fn restricted_pairs_keep_only_open_candidates_within_caps() {
    let (costs, w) = instance(7, 6, 5, false);
    let inst = Instance::new(&costs, 2, |i| w[i]);
    let pairs = Pairs::full(&inst);
    let fix = [Fix::Free, Fix::Closed, Fix::Open, Fix::Free, Fix::Closed];
    let caps: Vec<f64> = (0..inst.clients)
        .map(|c| inst.wc(c, 3).max(inst.wc(c, 2)))
        .collect();
    let (kept, kept_fix) = pairs.restrict(&fix, &caps);
    assert_eq!(kept.original, vec![0, 2, 3]);
    assert_eq!(kept_fix, vec![Fix::Free, Fix::Open, Fix::Free]);
    for (c, &cap) in caps.iter().enumerate() {
        let (sites, costs) = kept.of(c);
        assert!(costs.windows(2).all(|w| w[0] <= w[1]));
        for (&j, &d) in sites.iter().zip(costs) {
            assert_eq!(d, inst.wc(c, kept.original[j as usize]));
            assert!(d <= cap);
        }
    }
}
