//! Checks of the game itself: monotonicity (adding a carrier never lowers the cost) and
//! subadditivity (merging two disjoint coalitions never costs more than keeping them apart).
//!
//! The coalition costs come from a heuristic routing solver, so c(S) is an upper bound on the
//! true optimum and noise can break these properties even when the true game has them. This
//! report says where that happens instead of hiding it.

use serde::Serialize;

use super::{Coalition, CoalitionCosts};
use crate::CoopError;

/// One pair of coalitions breaking a property by more than the tolerance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PropertyBreach {
    /// The smaller (monotonicity) or first (subadditivity) coalition.
    pub first: Coalition,
    /// The larger (monotonicity) or second (subadditivity) coalition.
    pub second: Coalition,
    /// By how much the property fails, in cost units.
    pub excess: f64,
}

/// What the game's properties look like.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GameProperties {
    /// Pairs `S ⊂ S ∪ {i}` with `c(S ∪ {i}) < c(S) − tol` (worst first, at most 20 kept).
    pub monotonicity_breaches: Vec<PropertyBreach>,
    /// Number of monotonicity breaches found in total.
    pub monotonicity_breach_count: usize,
    /// Disjoint pairs with `c(S ∪ T) > c(S) + c(T) + tol` (worst first, at most 20 kept).
    pub subadditivity_breaches: Vec<PropertyBreach>,
    /// Number of subadditivity breaches found in total.
    pub subadditivity_breach_count: usize,
}

/// Checks monotonicity and subadditivity over all coalitions (n <= 20).
///
/// ```
/// use gongpei_coop::allocation::{game_properties, Coalition, CoalitionCosts};
/// // A coalition of 2 costs more than the two apart: not subadditive.
/// let f = |s: Coalition| Ok(if s.len() == 2 { 30.0 } else { 10.0 });
/// let game = CoalitionCosts::new(2, &f).unwrap();
/// let p = game_properties(&game, 1e-9).unwrap();
/// assert_eq!(p.subadditivity_breach_count, 1);
/// assert_eq!(p.monotonicity_breach_count, 0);
/// ```
pub fn game_properties(
    game: &CoalitionCosts<'_>,
    tolerance: f64,
) -> Result<GameProperties, CoopError> {
    let n = game.players();
    let table = game.table()?;
    let mut mono = Vec::new();
    let mut sub = Vec::new();
    for s in Coalition::all_nonempty(n) {
        for i in 0..n {
            if !s.contains(i) {
                let bigger = s.with(i);
                let excess = table[s.0 as usize] - table[bigger.0 as usize];
                if excess > tolerance {
                    mono.push(PropertyBreach {
                        first: s,
                        second: bigger,
                        excess,
                    });
                }
            }
        }
        // Each unordered disjoint pair once: T's lowest player above S's lowest player.
        let rest = Coalition::grand(n).0 & !s.0;
        let mut t = rest;
        while t != 0 {
            if t.trailing_zeros() > s.0.trailing_zeros() {
                let union = (s.0 | t) as usize;
                let excess = table[union] - table[s.0 as usize] - table[t as usize];
                if excess > tolerance {
                    sub.push(PropertyBreach {
                        first: s,
                        second: Coalition(t),
                        excess,
                    });
                }
            }
            t = (t - 1) & rest;
        }
    }
    let worst_first = |v: &mut Vec<PropertyBreach>| {
        v.sort_by(|a, b| b.excess.total_cmp(&a.excess).then(a.first.cmp(&b.first)));
        let count = v.len();
        v.truncate(20);
        count
    };
    let monotonicity_breach_count = worst_first(&mut mono);
    let subadditivity_breach_count = worst_first(&mut sub);
    Ok(GameProperties {
        monotonicity_breaches: mono,
        monotonicity_breach_count,
        subadditivity_breaches: sub,
        subadditivity_breach_count,
    })
}
