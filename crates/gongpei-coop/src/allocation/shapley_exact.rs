//! Exact Shapley value by enumerating every coalition (up to [`EXACT_SHAPLEY_MAX_PLAYERS`]).

use super::{Allocation, CoalitionCosts};
use crate::CoopError;

/// Largest game solved exactly (2^10 = 1024 coalition costs).
pub const EXACT_SHAPLEY_MAX_PLAYERS: usize = 10;

/// The Shapley value: player i pays the average, over all joining orders, of its marginal cost
/// c(S ∪ {i}) − c(S) on joining the players before it.
///
/// ```
/// use gongpei_coop::allocation::{shapley_exact, Coalition, CoalitionCosts};
/// let need = [1.0, 2.0, 4.0];
/// let f = |s: Coalition| Ok(s.players().map(|i| need[i]).fold(0.0, f64::max));
/// let game = CoalitionCosts::new(3, &f).unwrap();
/// let phi = shapley_exact(&game).unwrap();
/// // Airport game: runway segments are split among those who use them.
/// let expect = [1.0 / 3.0, 1.0 / 3.0 + 0.5, 1.0 / 3.0 + 0.5 + 2.0];
/// for (a, b) in phi.shares.iter().zip(expect) { assert!((a - b).abs() < 1e-9); }
/// ```
pub fn shapley_exact(game: &CoalitionCosts<'_>) -> Result<Allocation, CoopError> {
    let n = game.players();
    if n > EXACT_SHAPLEY_MAX_PLAYERS {
        return Err(CoopError::Input(format!(
            "exact Shapley is limited to {EXACT_SHAPLEY_MAX_PLAYERS} players ({n} given); \
             use shapley_sampled"
        )));
    }
    Ok(shapley_from_table(n, &game.table()?))
}

/// The exact Shapley value of an `n`-player game from its full table of 2^n coalition costs
/// (indexed by bitmask, `table[0] = 0`): for games whose table was computed elsewhere, e.g. one
/// task per coalition on a cluster, where the player limit of [`shapley_exact`] does not apply.
///
/// ```
/// use gongpei_coop::allocation::shapley_from_table;
/// let phi = shapley_from_table(2, &[0.0, 10.0, 10.0, 16.0]);
/// assert_eq!(phi.shares, vec![8.0, 8.0]);
/// ```
pub fn shapley_from_table(n: usize, table: &[f64]) -> Allocation {
    // weight[k] = k! (n-k-1)! / n! for a coalition of size k not containing the player.
    let mut fact = vec![1.0f64; n + 1];
    for k in 1..=n {
        fact[k] = fact[k - 1] * k as f64;
    }
    let weight: Vec<f64> = (0..n)
        .map(|k| fact[k] * fact[n - k - 1] / fact[n])
        .collect();
    let mut shares = vec![0.0; n];
    for (i, share) in shares.iter_mut().enumerate() {
        let bit = 1usize << i;
        for s in 0..table.len() {
            if s & bit == 0 {
                let k = s.count_ones() as usize;
                *share += weight[k] * (table[s | bit] - table[s]);
            }
        }
    }
    Allocation {
        rule: "shapley".into(),
        shares,
        ci95: None,
        note: None,
    }
}
