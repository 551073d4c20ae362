//! The least core of the cost game (Maschler, Peleg & Shapley 1979): the smallest ε such that
//! some allocation charges no proper coalition more than its stand-alone cost plus ε. ε* ≤ 0
//! means the core is non-empty; ε* > 0 is what the most aggrieved coalition must be asked to
//! forgo.

use super::lexicographic::{LexProblem, TIGHT_TOLERANCE};
use super::nucleolus::scaled_table;
use super::{Allocation, Coalition, CoalitionCosts};
use crate::CoopError;

/// Largest game the least core is computed for (same LP size as the nucleolus).
pub const LEAST_CORE_MAX_PLAYERS: usize = super::NUCLEOLUS_MAX_PLAYERS;

/// The least core's value and its chosen point.
#[derive(Debug, Clone, PartialEq)]
pub struct LeastCore {
    /// ε* in cost units (yuan): `min ε` s.t. `x(S) ≤ c(S) + ε` for every proper non-empty S and
    /// `x(N) = c(N)`.
    pub epsilon: f64,
    /// Whether the core is empty (ε* above the tolerance: 1e-7 of the largest coalition cost).
    pub core_empty: bool,
    /// One point of the least core (rule `least_core`): the one whose carriers' savings
    /// `c({i}) − x_i` are lexicographically max-min (the smallest saving as large as possible,
    /// then the next), i.e. savings in yuan as equal as stability at ε* allows. Unique.
    pub allocation: Allocation,
}

/// Computes ε* and the least-core point described at [`LeastCore::allocation`].
///
/// ```
/// use gongpei_coop::allocation::{least_core, Coalition, CoalitionCosts};
/// // Three carriers: any two save 30 together, all three only 30 too (cost 90 each alone).
/// let f = |s: Coalition| Ok(match s.len() { 1 => 90.0, 2 => 150.0, _ => 240.0 });
/// let game = CoalitionCosts::new(3, &f).unwrap();
/// let lc = least_core(&game).unwrap();
/// // Each pays 80: a pair pays 160 = 150 + 10, so ε* = 10 and the core is empty.
/// assert!((lc.epsilon - 10.0).abs() < 1e-6 && lc.core_empty);
/// assert!(lc.allocation.shares.iter().all(|x| (x - 80.0).abs() < 1e-6));
/// ```
pub fn least_core(game: &CoalitionCosts<'_>) -> Result<LeastCore, CoopError> {
    let n = game.players();
    if n > LEAST_CORE_MAX_PLAYERS {
        return Err(CoopError::Input(format!(
            "least core is limited to {LEAST_CORE_MAX_PLAYERS} players ({n} given)"
        )));
    }
    if n < 2 {
        return Err(CoopError::Input(
            "least core needs at least 2 players (one player has no proper coalition)".into(),
        ));
    }
    let (table, scale) = scaled_table(game)?;
    let grand = Coalition::grand(n);
    let proper: Vec<Coalition> = Coalition::all_nonempty(n).filter(|&s| s != grand).collect();
    let stage_one = LexProblem {
        n,
        table: &table,
        targets: proper.clone(),
        caps: Vec::new(),
    };
    let (t, _) = stage_one.max_min(&proper, &[])?;
    let epsilon = -t;
    // The least core itself, with the rounding allowance of the check LPs, then the savings of
    // the singletons maximised lexicographically inside it.
    let point = LexProblem {
        n,
        table: &table,
        targets: (0..n).map(Coalition::single).collect(),
        caps: proper
            .iter()
            .map(|&s| (s, table[s.0 as usize] + epsilon + TIGHT_TOLERANCE * 1e-2))
            .collect(),
    };
    let outcome = point.solve()?;
    let core_empty = epsilon > TIGHT_TOLERANCE;
    let epsilon_cny = epsilon * scale;
    // Shown to the fen; `+ 0.0` keeps a rounding residue from printing as -0.00.
    let shown = (epsilon_cny * 100.0).round() / 100.0 + 0.0;
    let verdict = if core_empty {
        format!(
            "core empty: epsilon* = {shown:.2} CNY (some coalition pays that much more than alone)"
        )
    } else {
        format!("core non-empty: epsilon* = {shown:.2} CNY")
    };
    Ok(LeastCore {
        epsilon: epsilon_cny,
        core_empty,
        allocation: Allocation {
            rule: "least_core".into(),
            shares: outcome.x.iter().map(|v| v * scale).collect(),
            ci95: None,
            note: Some(format!(
                "{verdict}; the point with the most equal savings in the least core"
            )),
        },
    })
}
