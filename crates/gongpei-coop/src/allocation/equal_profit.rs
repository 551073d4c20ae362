//! Equal profit method (Frisk, Göthe-Lundgren, Jörnsten & Rönnqvist 2010): the core allocation
//! whose relative savings `1 − x_i / c({i})` are as equal as possible, found by a small LP
//! (solved with the pure-Rust `microlp` simplex).

use microlp::{ComparisonOp, OptimizationDirection, Problem};

use super::{Allocation, Coalition, CoalitionCosts};
use crate::CoopError;

/// Largest game for which every coalition constraint is written out.
pub const EQUAL_PROFIT_MAX_PLAYERS: usize = 12;

/// Solves `min f` subject to `x_j/c_j − x_i/c_i ≤ f` for all `i ≠ j`, `x(S) ≤ c(S)` for every
/// proper coalition and `x(N) = c(N)`.
///
/// When the core is empty the LP has no solution; the method then falls back to individual
/// rationality only (`x_i ≤ c({i})`), and to efficiency alone if even that fails, saying so in
/// `note`.
///
/// ```
/// use gongpei_coop::allocation::{equal_profit, Coalition, CoalitionCosts};
/// // Two players save 20 together out of 40 + 60 stand-alone: both save 20%.
/// let f = |s: Coalition| Ok(match s.0 { 1 => 40.0, 2 => 60.0, _ => 80.0 });
/// let game = CoalitionCosts::new(2, &f).unwrap();
/// let a = equal_profit(&game).unwrap();
/// assert!((a.shares[0] - 32.0).abs() < 1e-6 && (a.shares[1] - 48.0).abs() < 1e-6);
/// ```
pub fn equal_profit(game: &CoalitionCosts<'_>) -> Result<Allocation, CoopError> {
    let n = game.players();
    if n > EQUAL_PROFIT_MAX_PLAYERS {
        return Err(CoopError::Input(format!(
            "equal profit method is limited to {EQUAL_PROFIT_MAX_PLAYERS} players ({n} given)"
        )));
    }
    let table = game.table()?;
    let standalone: Vec<f64> = (0..n).map(|i| table[1usize << i]).collect();
    if let Some(i) = standalone.iter().position(|&c| c <= 0.0) {
        return Err(CoopError::Input(format!(
            "equal profit method needs positive stand-alone costs; player {i} has {}",
            standalone[i]
        )));
    }
    let attempts = [
        (Level::Core, None),
        (
            Level::IndividualRationality,
            Some("the core is empty: only individual rationality imposed"),
        ),
        (
            Level::EfficiencyOnly,
            Some("no individually rational allocation exists (c(N) > sum of c({i})): efficiency only"),
        ),
    ];
    for (level, note) in attempts {
        if let Some(shares) = solve_lp(&table, &standalone, level) {
            return Ok(Allocation {
                rule: "equal_profit".into(),
                shares,
                ci95: None,
                note: note.map(str::to_string),
            });
        }
    }
    Err(CoopError::Input(
        "equal profit LP failed at every relaxation level".into(),
    ))
}

#[derive(Clone, Copy, PartialEq)]
enum Level {
    Core,
    IndividualRationality,
    EfficiencyOnly,
}

fn solve_lp(table: &[f64], standalone: &[f64], level: Level) -> Option<Vec<f64>> {
    let n = standalone.len();
    let grand = Coalition::grand(n);
    let scale = table[grand.0 as usize].abs().max(1.0);
    let mut lp = Problem::new(OptimizationDirection::Minimize);
    // Costs are scaled to about 1 to keep the simplex well conditioned.
    let x: Vec<_> = (0..n)
        .map(|_| lp.add_var(0.0, (f64::NEG_INFINITY, f64::INFINITY)))
        .collect();
    let f = lp.add_var(1.0, (f64::NEG_INFINITY, f64::INFINITY));
    for i in 0..n {
        for j in 0..n {
            if i != j {
                let ci = standalone[i] / scale;
                let cj = standalone[j] / scale;
                lp.add_constraint(
                    [(x[j], 1.0 / cj), (x[i], -1.0 / ci), (f, -1.0)],
                    ComparisonOp::Le,
                    0.0,
                );
            }
        }
    }
    let all: Vec<(microlp::Variable, f64)> = x.iter().map(|&v| (v, 1.0)).collect();
    lp.add_constraint(all, ComparisonOp::Eq, table[grand.0 as usize] / scale);
    for s in Coalition::all_nonempty(n) {
        let proper = s != grand;
        let imposed = match level {
            Level::Core => proper,
            Level::IndividualRationality => s.len() == 1 && proper,
            Level::EfficiencyOnly => false,
        };
        if imposed {
            let terms: Vec<(microlp::Variable, f64)> = s.players().map(|i| (x[i], 1.0)).collect();
            lp.add_constraint(terms, ComparisonOp::Le, table[s.0 as usize] / scale);
        }
    }
    let solution = lp.solve().ok()?;
    Some(x.iter().map(|&v| solution[v] * scale).collect())
}
