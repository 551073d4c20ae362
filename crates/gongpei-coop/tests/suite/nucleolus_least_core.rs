//! Nucleolus and least core against independent references: ε* against the Bondareva–Shapley
//! formula over every minimal balanced collection (enumerated by brute force), the nucleolus
//! against Kohlberg's criterion (balancedness checked by a small feasibility LP), closed forms
//! (two players, symmetric games, the Talmud bankruptcy games of Aumann & Maschler 1985) and the
//! errors.

use std::sync::OnceLock;

use gongpei_coop::allocation::{
    check_core, least_core, nucleolus, shapley_exact, Coalition, CoalitionCosts,
    NUCLEOLUS_MAX_PLAYERS,
};
use microlp::{ComparisonOp, OptimizationDirection, Problem};
use proptest::prelude::*;

/// A minimal balanced collection: proper coalitions and their (unique, positive) weights.
type Collection = Vec<(u64, f64)>;

/// Solves `Σ λ_S χ_S = 1` on the family: `None` when the columns are dependent, `Some(None)`
/// when they are independent but the system has no solution, `Some(Some(λ))` otherwise.
fn balancing_weights(n: usize, family: &[u64]) -> Option<Option<Vec<f64>>> {
    let k = family.len();
    let mut a: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            let mut row: Vec<f64> = family.iter().map(|&s| ((s >> i) & 1) as f64).collect();
            row.push(1.0);
            row
        })
        .collect();
    let mut r = 0;
    for c in 0..k {
        let p = (r..n).find(|&i| a[i][c].abs() > 1e-9)?;
        a.swap(r, p);
        let pivot_row = a[r].clone();
        for (i, row) in a.iter_mut().enumerate() {
            if i != r {
                let f = row[c] / pivot_row[c];
                if f != 0.0 {
                    for (v, p) in row[c..].iter_mut().zip(&pivot_row[c..]) {
                        *v -= f * p;
                    }
                }
            }
        }
        r += 1;
    }
    // Rows below the rank must read 0 = 0.
    if (r..n).any(|i| a[i][k].abs() > 1e-9) {
        return Some(None);
    }
    Some(Some((0..k).map(|c| a[c][k] / a[c][c]).collect()))
}

/// Every minimal balanced collection of proper coalitions of `n` players: families of at most
/// `n` linearly independent coalitions with positive balancing weights.
fn minimal_balanced(n: usize) -> &'static [Collection] {
    static CACHE: OnceLock<Vec<Vec<Collection>>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        (0..=5)
            .map(|n| {
                let mut out = Vec::new();
                if n >= 2 {
                    let proper: Vec<u64> = (1..(1u64 << n) - 1).collect();
                    let mut family = Vec::new();
                    extend(n, &proper, 0, &mut family, &mut out);
                }
                out
            })
            .collect()
    });
    &all[n]
}

fn extend(n: usize, proper: &[u64], from: usize, family: &mut Vec<u64>, out: &mut Vec<Collection>) {
    for idx in from..proper.len() {
        family.push(proper[idx]);
        if let Some(weights) = balancing_weights(n, family) {
            if let Some(w) = weights.filter(|w| w.iter().all(|&l| l > 1e-9)) {
                out.push(family.iter().copied().zip(w).collect());
            }
            if family.len() < n {
                extend(n, proper, idx + 1, family, out);
            }
        }
        family.pop();
    }
}

/// ε* = max over minimal balanced collections of (c(N) − Σ λ_S c(S)) / Σ λ_S (LP duality:
/// the least core's dual is a maximisation over balanced weights, whose vertices these are).
fn epsilon_reference(n: usize, table: &[f64]) -> f64 {
    let grand = table[(1usize << n) - 1];
    minimal_balanced(n)
        .iter()
        .map(|b| {
            let weight: f64 = b.iter().map(|(_, l)| l).sum();
            let cost: f64 = b.iter().map(|&(s, l)| l * table[s as usize]).sum();
            (grand - cost) / weight
        })
        .fold(f64::NEG_INFINITY, f64::max)
}

/// Whether the coalitions admit positive weights λ_S with Σ_{S∋i} λ_S equal for every player
/// (feasibility LP with λ_S ≥ 1 and the common sum free).
fn is_balanced(n: usize, coalitions: &[u64]) -> bool {
    let mut lp = Problem::new(OptimizationDirection::Minimize);
    let lambda: Vec<_> = coalitions
        .iter()
        .map(|_| lp.add_var(0.0, (1.0, f64::INFINITY)))
        .collect();
    let mu = lp.add_var(0.0, (f64::NEG_INFINITY, f64::INFINITY));
    for i in 0..n {
        let mut terms: Vec<_> = coalitions
            .iter()
            .zip(&lambda)
            .filter(|(s, _)| (*s >> i) & 1 == 1)
            .map(|(_, &v)| (v, 1.0))
            .collect();
        terms.push((mu, -1.0));
        lp.add_constraint(terms, ComparisonOp::Eq, 0.0);
    }
    lp.solve().is_ok()
}

fn excess(table: &[f64], s: u64, x: &[f64]) -> f64 {
    table[s as usize]
        - (0..x.len())
            .filter(|i| (s >> i) & 1 == 1)
            .map(|i| x[i])
            .sum::<f64>()
}

/// Kohlberg (1971): an efficient x is the prenucleolus iff for every level α the proper
/// coalitions with excess ≤ α form a balanced collection.
fn satisfies_kohlberg(n: usize, table: &[f64], x: &[f64], tol: f64) -> Result<(), String> {
    let proper: Vec<u64> = (1..(1u64 << n) - 1).collect();
    let mut levels: Vec<f64> = proper.iter().map(|&s| excess(table, s, x)).collect();
    levels.sort_by(f64::total_cmp);
    levels.dedup_by(|a, b| (*a - *b).abs() <= tol);
    for alpha in levels {
        let d: Vec<u64> = proper
            .iter()
            .copied()
            .filter(|&s| excess(table, s, x) <= alpha + tol)
            .collect();
        if !is_balanced(n, &d) {
            return Err(format!(
                "coalitions with excess <= {alpha} are not balanced: {d:?}"
            ));
        }
    }
    Ok(())
}

/// Random games: arbitrary costs (often not subadditive, core often empty) or concave in a
/// weight (subadditive, core non-empty), n = 2..5.
fn game() -> impl Strategy<Value = (usize, Vec<f64>)> {
    let arbitrary = (2usize..=5, prop::collection::vec(1.0f64..1000.0, 32)).prop_map(|(n, t)| {
        let mut table = t[..1usize << n].to_vec();
        table[0] = 0.0;
        (n, table)
    });
    let concave = (
        2usize..=5,
        prop::collection::vec(1.0f64..100.0, 5),
        0.05f64..0.5,
    )
        .prop_map(|(n, w, d)| {
            let table = (0..1u64 << n)
                .map(|s| {
                    let total: f64 = (0..n).filter(|i| (s >> i) & 1 == 1).map(|i| w[i]).sum();
                    total.powf(1.0 - d)
                })
                .collect();
            (n, table)
        });
    prop_oneof![arbitrary, concave]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn least_core_epsilon_equals_the_balanced_collection_formula((n, table) in game()) {
        let f = |s: Coalition| Ok(table[s.0 as usize]);
        let g = CoalitionCosts::new(n, &f).unwrap();
        let lc = least_core(&g).unwrap();
        let reference = epsilon_reference(n, &table);
        let tol = 1e-6 * table.iter().fold(1.0f64, |m, c| m.max(c.abs()));
        prop_assert!((lc.epsilon - reference).abs() <= tol, "epsilon {} vs {reference}", lc.epsilon);
        prop_assert_eq!(lc.core_empty, reference > tol);
        // The returned point is in the least core and efficient.
        let x = &lc.allocation.shares;
        prop_assert!((x.iter().sum::<f64>() - table[(1usize << n) - 1]).abs() <= tol);
        for s in 1..(1u64 << n) - 1 {
            prop_assert!(-excess(&table, s, x) <= lc.epsilon + tol, "coalition {s:#b}");
        }
    }

    #[test]
    fn nucleolus_is_efficient_in_the_least_core_and_meets_kohlberg((n, table) in game()) {
        let f = |s: Coalition| Ok(table[s.0 as usize]);
        let g = CoalitionCosts::new(n, &f).unwrap();
        let x = nucleolus(&g).unwrap().shares;
        let scale = table.iter().fold(1.0f64, |m, c| m.max(c.abs()));
        let tol = 1e-6 * scale;
        prop_assert!((x.iter().sum::<f64>() - table[(1usize << n) - 1]).abs() <= tol);
        let eps = epsilon_reference(n, &table);
        let worst = (1..(1u64 << n) - 1).map(|s| -excess(&table, s, &x)).fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(worst <= eps + tol, "max x(S) - c(S) = {worst} above epsilon* {eps}");
        if eps <= 0.0 {
            prop_assert!(check_core(&g, &x, tol).unwrap().in_core());
        }
        if let Err(e) = satisfies_kohlberg(n, &table, &x, 1e-5 * scale) {
            prop_assert!(false, "{}", e);
        }
    }

    #[test]
    fn two_players_split_the_saving_equally(c1 in 1.0f64..500.0, c2 in 1.0f64..500.0, c12 in 1.0f64..1000.0) {
        let f = |s: Coalition| Ok(match s.0 { 1 => c1, 2 => c2, _ => c12 });
        let g = CoalitionCosts::new(2, &f).unwrap();
        let half = (c1 + c2 - c12) / 2.0;
        let expect = [c1 - half, c2 - half];
        let lc = least_core(&g).unwrap();
        prop_assert!((lc.epsilon + half).abs() < 1e-6);
        for a in [nucleolus(&g).unwrap().shares, lc.allocation.shares] {
            prop_assert!((a[0] - expect[0]).abs() < 1e-6 && (a[1] - expect[1]).abs() < 1e-6, "{a:?} vs {expect:?}");
        }
    }

    #[test]
    fn symmetric_games_give_equal_shares(n in 2usize..=6, by_size in prop::collection::vec(1.0f64..1000.0, 7)) {
        let f = |s: Coalition| Ok(by_size[s.len()]);
        let g = CoalitionCosts::new(n, &f).unwrap();
        let equal = by_size[n] / n as f64;
        for a in [nucleolus(&g).unwrap().shares, least_core(&g).unwrap().allocation.shares] {
            prop_assert!(a.iter().all(|x| (x - equal).abs() < 1e-6 * by_size[n].max(1.0)), "{a:?}");
        }
    }
}

#[test]
fn the_enumerated_minimal_balanced_collections_are_the_known_numbers() {
    // 6, 42 and 1,292 minimal balanced collections for 3, 4 and 5 players, {N} included.
    assert_eq!(minimal_balanced(3).len(), 5);
    assert_eq!(minimal_balanced(4).len(), 41);
    assert_eq!(minimal_balanced(5).len(), 1291);
}

#[test]
fn talmud_bankruptcy_games_have_the_published_nucleolus() {
    // Aumann & Maschler (1985): claims 100, 200, 300; the nucleolus of the bankruptcy game
    // v(S) = max(0, E − claims outside S) is (33⅓, 33⅓, 33⅓), (50, 75, 75), (50, 100, 150) for
    // E = 100, 200, 300. As a cost game: c(S) = claims of S − v(S) (what S loses), whose
    // nucleolus is claims − awards.
    let claims = [100.0, 200.0, 300.0];
    let published = [
        (100.0, [100.0 / 3.0, 100.0 / 3.0, 100.0 / 3.0]),
        (200.0, [50.0, 75.0, 75.0]),
        (300.0, [50.0, 100.0, 150.0]),
    ];
    for (estate, awards) in published {
        let f = move |s: Coalition| {
            let inside: f64 = s.players().map(|i| claims[i]).sum();
            let outside: f64 = claims.iter().sum::<f64>() - inside;
            Ok(inside - (estate - outside).max(0.0))
        };
        let g = CoalitionCosts::new(3, &f).unwrap();
        let x = nucleolus(&g).unwrap().shares;
        let table = g.table().unwrap();
        assert!(satisfies_kohlberg(3, &table, &x, 1e-6).is_ok());
        // The reference is not vacuous: the Shapley value (a different point here) fails it.
        let phi = shapley_exact(&g).unwrap().shares;
        if phi.iter().zip(&x).any(|(a, b)| (a - b).abs() > 1e-3) {
            assert!(
                satisfies_kohlberg(3, &table, &phi, 1e-6).is_err(),
                "estate {estate}"
            );
        }
        for i in 0..3 {
            assert!(
                (x[i] - (claims[i] - awards[i])).abs() < 1e-6,
                "estate {estate}: player {i} loses {} instead of {}",
                x[i],
                claims[i] - awards[i]
            );
        }
    }
}

#[test]
fn too_many_players_and_non_finite_costs_are_refused_by_name() {
    let f = |s: Coalition| Ok(s.len() as f64);
    let big = CoalitionCosts::new(NUCLEOLUS_MAX_PLAYERS + 1, &f).unwrap();
    let e = nucleolus(&big).unwrap_err().to_string();
    assert!(
        e.contains("nucleolus is limited to 12 players (13 given)"),
        "{e}"
    );
    let e = least_core(&big).unwrap_err().to_string();
    assert!(
        e.contains("least core is limited to 12 players (13 given)"),
        "{e}"
    );
    let one = CoalitionCosts::new(1, &f).unwrap();
    assert!(least_core(&one)
        .unwrap_err()
        .to_string()
        .contains("at least 2 players"));
    assert_eq!(nucleolus(&one).unwrap().shares, vec![1.0]);
    let nan = |s: Coalition| Ok(if s.0 == 0b101 { f64::NAN } else { 1.0 });
    let g = CoalitionCosts::new(3, &nan).unwrap();
    for e in [
        nucleolus(&g).unwrap_err().to_string(),
        least_core(&g).unwrap_err().to_string(),
    ] {
        assert!(e.contains("cost of coalition 0b101 is not finite"), "{e}");
    }
}
