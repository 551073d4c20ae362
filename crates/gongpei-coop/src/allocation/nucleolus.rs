//! The nucleolus of the cost game (Schmeidler 1969): the efficient allocation that makes the
//! worst-treated coalition as well off as possible, then the next one, and so on — found by the
//! sequence of LPs in [`super::lexicographic`].

use super::lexicographic::{LexProblem, LEXICOGRAPHIC_MAX_PLAYERS};
use super::{Allocation, Coalition, CoalitionCosts};
use crate::CoopError;

/// Largest game the nucleolus is computed for: 2^n − 2 coalition constraints per LP and up to
/// one check LP per tight coalition and stage (measured in the crate README: 6 carriers take
/// 1-3 ms, 12 about 0.6 s). Also the limit of the exact rank test.
pub const NUCLEOLUS_MAX_PLAYERS: usize = 12;

// The exact rank test of the LP sequence must cover every game allowed here.
const _: () = assert!(NUCLEOLUS_MAX_PLAYERS <= LEXICOGRAPHIC_MAX_PLAYERS);

/// The (pre)nucleolus of the cost game: among allocations with `x(N) = c(N)`, the one whose
/// vector of excesses `c(S) − x(S)` (what each proper coalition S saves against going alone),
/// sorted ascending, is lexicographically largest.
///
/// It is unique, lies in the least core, and in the core whenever the core is non-empty (then it
/// is also the nucleolus over individually rational allocations). Excesses within 1e-7 of the
/// largest coalition cost count as equal (see the crate README for the tolerances).
///
/// ```
/// use gongpei_coop::allocation::{nucleolus, Coalition, CoalitionCosts};
/// // Two carriers save 20 together out of 40 + 60 alone: each saves 10.
/// let f = |s: Coalition| Ok(match s.0 { 1 => 40.0, 2 => 60.0, _ => 80.0 });
/// let game = CoalitionCosts::new(2, &f).unwrap();
/// let a = nucleolus(&game).unwrap();
/// assert!((a.shares[0] - 30.0).abs() < 1e-6 && (a.shares[1] - 50.0).abs() < 1e-6);
/// ```
pub fn nucleolus(game: &CoalitionCosts<'_>) -> Result<Allocation, CoopError> {
    let n = game.players();
    if n > NUCLEOLUS_MAX_PLAYERS {
        return Err(CoopError::Input(format!(
            "nucleolus is limited to {NUCLEOLUS_MAX_PLAYERS} players ({n} given)"
        )));
    }
    let (table, scale) = scaled_table(game)?;
    let grand = Coalition::grand(n);
    let problem = LexProblem {
        n,
        table: &table,
        targets: Coalition::all_nonempty(n).filter(|&s| s != grand).collect(),
        caps: Vec::new(),
    };
    let outcome = problem.solve()?;
    // Rounded to the fen shown, and `+ 0.0` so that a rounding residue never prints as -0.00.
    let worst = outcome
        .levels
        .first()
        .map_or(0.0, |t| (t * scale * 100.0).round() / 100.0 + 0.0);
    Ok(Allocation {
        rule: "nucleolus".into(),
        shares: outcome.x.iter().map(|v| v * scale).collect(),
        ci95: None,
        note: Some(format!(
            "{} stages, {} LPs; smallest coalition saving {worst:.2}",
            outcome.levels.len(),
            outcome.lps
        )),
    })
}

/// All coalition costs divided by the largest |c(S)| (at least 1), so that the LPs see numbers
/// of order 1 and the tightness tolerance is relative. Returns the table and the scale.
pub(super) fn scaled_table(game: &CoalitionCosts<'_>) -> Result<(Vec<f64>, f64), CoopError> {
    let table = game.table()?;
    let scale = table.iter().fold(1.0f64, |m, c| m.max(c.abs()));
    Ok((table.iter().map(|c| c / scale).collect(), scale))
}
