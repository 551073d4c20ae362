//! Proportional rules: the grand coalition's cost split by a weight per player (its volume, or
//! its stand-alone cost).

use super::{Allocation, Coalition, CoalitionCosts};
use crate::CoopError;

/// Splits c(N) in proportion to `weights` (e.g. parcels per day).
///
/// ```
/// use gongpei_coop::allocation::{proportional_to, Coalition, CoalitionCosts};
/// let f = |s: Coalition| Ok(if s.len() == 2 { 90.0 } else { 60.0 });
/// let game = CoalitionCosts::new(2, &f).unwrap();
/// let a = proportional_to(&game, &[1.0, 2.0], "volume").unwrap();
/// assert_eq!(a.shares, vec![30.0, 60.0]);
/// ```
pub fn proportional_to(
    game: &CoalitionCosts<'_>,
    weights: &[f64],
    what: &str,
) -> Result<Allocation, CoopError> {
    let n = game.players();
    if weights.len() != n {
        return Err(CoopError::Input(format!(
            "proportional rule: {} weights for {n} players",
            weights.len()
        )));
    }
    if let Some(i) = weights.iter().position(|w| !w.is_finite() || *w < 0.0) {
        return Err(CoopError::Input(format!(
            "proportional rule: weight of player {i} is {} (must be finite and >= 0)",
            weights[i]
        )));
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return Err(CoopError::Input(
            "proportional rule: all weights are zero".into(),
        ));
    }
    let joint = game.cost(game.grand())?;
    Ok(Allocation {
        rule: format!("proportional_{what}"),
        shares: weights.iter().map(|w| joint * w / total).collect(),
        ci95: None,
        note: None,
    })
}

/// Splits c(N) in proportion to the stand-alone costs c({i}).
pub fn proportional_standalone(game: &CoalitionCosts<'_>) -> Result<Allocation, CoopError> {
    let singles: Vec<Coalition> = (0..game.players()).map(Coalition::single).collect();
    game.ensure(&singles)?;
    let weights = singles
        .iter()
        .map(|&s| game.cost(s))
        .collect::<Result<Vec<f64>, CoopError>>()?;
    proportional_to(game, &weights, "standalone")
}
