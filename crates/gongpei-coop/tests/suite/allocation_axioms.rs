//! Property tests of the allocation rules: Shapley efficiency, symmetry and null player; sampled
//! Shapley converging to the exact value; equal-profit shares in the core when one exists.

use gongpei_coop::allocation::{
    check_core, equal_profit, game_properties, shapley_exact, shapley_sampled, Coalition,
    CoalitionCosts,
};
use proptest::prelude::*;

/// A random game given by a cost table (index = bitmask, entry 0 unused).
fn random_table(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(0.0f64..1000.0, 1usize << n)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn shapley_is_efficient(n in 1usize..7, seed_table in random_table(6)) {
        let f = |s: Coalition| Ok(seed_table[s.0 as usize]);
        let game = CoalitionCosts::new(n, &f).unwrap();
        let phi = shapley_exact(&game).unwrap();
        let total: f64 = phi.shares.iter().sum();
        prop_assert!((total - seed_table[Coalition::grand(n).0 as usize]).abs() < 1e-6);
    }

    #[test]
    fn symmetric_players_pay_the_same(n in 2usize..7, table in random_table(6)) {
        // Make players 0 and 1 symmetric: c(S) depends on S only through the other players and
        // the number of {0, 1} members.
        let f = |s: Coalition| {
            let k = s.contains(0) as u64 + s.contains(1) as u64;
            let canonical = match k {
                0 => s.0,
                1 => (s.0 & !3) | 1,
                _ => s.0,
            };
            Ok(table[canonical as usize])
        };
        let game = CoalitionCosts::new(n, &f).unwrap();
        let phi = shapley_exact(&game).unwrap();
        prop_assert!((phi.shares[0] - phi.shares[1]).abs() < 1e-6);
    }

    #[test]
    fn null_player_pays_nothing(n in 2usize..7, table in random_table(6)) {
        // The last player adds nothing to any coalition.
        let null = n - 1;
        let f = |s: Coalition| Ok(if s.without(null).is_empty() { 0.0 } else { table[s.without(null).0 as usize] });
        let game = CoalitionCosts::new(n, &f).unwrap();
        let phi = shapley_exact(&game).unwrap();
        prop_assert!(phi.shares[null].abs() < 1e-6);
    }

    #[test]
    fn equal_profit_lies_in_a_nonempty_core(n in 2usize..6, weights in prop::collection::vec(1.0f64..100.0, 6), discount in 0.0f64..0.3) {
        // Costs concave in the total weight: c(S) = w(S)^(1-discount) is subadditive and its core
        // is non-empty (proportional shares are in it).
        let f = |s: Coalition| Ok(s.players().map(|i| weights[i]).sum::<f64>().powf(1.0 - discount));
        let game = CoalitionCosts::new(n, &f).unwrap();
        let a = equal_profit(&game).unwrap();
        prop_assert!(a.note.is_none());
        let report = check_core(&game, &a.shares, 1e-6).unwrap();
        prop_assert!(report.in_core(), "{:?}", report);
    }
}

#[test]
fn sampled_shapley_converges_to_exact() {
    let table: Vec<f64> = (0..(1u64 << 6))
        .map(|m| {
            let s = Coalition(m);
            let base: f64 = s.players().map(|i| 10.0 + 7.0 * i as f64).sum();
            // Savings growing with coalition size plus a pair interaction.
            base * (1.0 - 0.04 * s.len() as f64)
                + if s.contains(1) && s.contains(4) {
                    -5.0
                } else {
                    0.0
                }
        })
        .collect();
    let f = |s: Coalition| Ok(table[s.0 as usize]);
    let game = CoalitionCosts::new(6, &f).unwrap();
    let exact = shapley_exact(&game).unwrap();
    let mut previous_error = f64::INFINITY;
    for (permutations, seed) in [(50, 3), (5000, 3)] {
        let est = shapley_sampled(&game, permutations, seed).unwrap();
        let ci = est.ci95.clone().unwrap();
        let error: f64 = exact
            .shares
            .iter()
            .zip(&est.shares)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f64::max);
        for (i, half_width) in ci.iter().enumerate() {
            // 4 half-widths: a generous bound that a correct estimator essentially never breaks.
            assert!((exact.shares[i] - est.shares[i]).abs() <= 4.0 * half_width + 1e-9);
        }
        assert!(error < previous_error || error < 1e-9);
        previous_error = error;
    }
    assert!(
        previous_error < 0.5,
        "error {previous_error} after 5000 permutations"
    );
    // Same seed, same estimate.
    let a = shapley_sampled(&game, 200, 9).unwrap();
    let b = shapley_sampled(&game, 200, 9).unwrap();
    assert_eq!(a.shares, b.shares);
}

#[test]
fn breaches_of_monotonicity_are_reported() {
    // Adding player 2 lowers the cost of {0,1}: a heuristic artefact the report must show.
    let f = |s: Coalition| {
        Ok(match s.0 {
            0b011 => 50.0,
            0b111 => 40.0,
            _ => 10.0 * s.len() as f64,
        })
    };
    let game = CoalitionCosts::new(3, &f).unwrap();
    let p = game_properties(&game, 1e-9).unwrap();
    assert!(p
        .monotonicity_breaches
        .iter()
        .any(|b| b.first == Coalition(0b011) && b.second == Coalition(0b111)));
}

#[test]
fn empty_core_is_detected_and_equal_profit_relaxes() {
    // Three players, every pair saves a lot, the grand coalition little: the core is empty.
    let f = |s: Coalition| {
        Ok(match s.len() {
            1 => 10.0,
            2 => 12.0,
            _ => 20.0,
        })
    };
    let game = CoalitionCosts::new(3, &f).unwrap();
    let a = equal_profit(&game).unwrap();
    assert!(a.note.as_deref().unwrap_or("").contains("core is empty"));
    let shapley = shapley_exact(&game).unwrap();
    let report = check_core(&game, &shapley.shares, 1e-9).unwrap();
    assert!(!report.in_core());
    assert_eq!(report.blocking.len(), 3);
}
