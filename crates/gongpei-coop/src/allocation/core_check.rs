//! Stability of an allocation: individual rationality and the core (no coalition would be better
//! off on its own), listing every blocking coalition.

use serde::Serialize;

use super::{Coalition, CoalitionCosts};
use crate::CoopError;

/// A coalition that pays more under the allocation than it would alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockingCoalition {
    /// The coalition.
    pub coalition: Coalition,
    /// What its members pay under the allocation, x(S).
    pub allocated: f64,
    /// What serving only them would cost, c(S).
    pub standalone: f64,
}

/// The stability verdict of one allocation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CoreReport {
    /// Sum of shares minus c(N) (0 for an efficient allocation).
    pub efficiency_gap: f64,
    /// Players paying more than their stand-alone cost.
    pub irrational_players: Vec<usize>,
    /// Proper coalitions S with x(S) > c(S) + tolerance, worst excess first.
    pub blocking: Vec<BlockingCoalition>,
}

impl CoreReport {
    /// Whether the allocation is in the core (efficient, and blocked by no coalition).
    pub fn in_core(&self) -> bool {
        self.blocking.is_empty() && self.efficiency_gap.abs() <= 1e-6
    }
}

/// Checks `shares` against every coalition; `tolerance` absorbs rounding (e.g. 0.01 yuan).
///
/// ```
/// use gongpei_coop::allocation::{check_core, Coalition, CoalitionCosts};
/// let f = |s: Coalition| Ok(match s.0 { 1 => 40.0, 2 => 60.0, _ => 80.0 });
/// let game = CoalitionCosts::new(2, &f).unwrap();
/// assert!(check_core(&game, &[30.0, 50.0], 1e-9).unwrap().in_core());
/// let bad = check_core(&game, &[45.0, 35.0], 1e-9).unwrap();
/// assert_eq!(bad.irrational_players, vec![0]);
/// assert_eq!(bad.blocking.len(), 1);
/// ```
pub fn check_core(
    game: &CoalitionCosts<'_>,
    shares: &[f64],
    tolerance: f64,
) -> Result<CoreReport, CoopError> {
    let n = game.players();
    if shares.len() != n {
        return Err(CoopError::Input(format!(
            "core check: {} shares for {n} players",
            shares.len()
        )));
    }
    let table = game.table()?;
    let grand = game.grand();
    let mut blocking = Vec::new();
    for s in Coalition::all_nonempty(n) {
        if s == grand {
            continue;
        }
        let allocated: f64 = s.players().map(|i| shares[i]).sum();
        let standalone = table[s.0 as usize];
        if allocated > standalone + tolerance {
            blocking.push(BlockingCoalition {
                coalition: s,
                allocated,
                standalone,
            });
        }
    }
    blocking.sort_by(|a, b| {
        (b.allocated - b.standalone)
            .total_cmp(&(a.allocated - a.standalone))
            .then(a.coalition.cmp(&b.coalition))
    });
    let irrational_players = (0..n)
        .filter(|&i| shares[i] > table[1usize << i] + tolerance)
        .collect();
    Ok(CoreReport {
        efficiency_gap: shares.iter().sum::<f64>() - table[grand.0 as usize],
        irrational_players,
        blocking,
    })
}
