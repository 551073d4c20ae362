//! The characteristic cost function c(S) of a cooperative game, computed in parallel (rayon) and
//! cached by coalition bitmask so that every allocation rule reuses the same solves.

use std::collections::HashMap;
use std::sync::Mutex;

use rayon::prelude::*;

use super::Coalition;
use crate::CoopError;

/// Function computing the cost of one coalition (typically: solve the routing problems of a mode
/// restricted to the coalition's demand).
pub type CostFn<'a> = dyn Fn(Coalition) -> Result<f64, CoopError> + Sync + 'a;

/// Cached coalition costs of an `n`-player game. `c(∅) = 0` by definition.
///
/// ```
/// use gongpei_coop::allocation::{Coalition, CoalitionCosts};
/// // Airport game: a coalition pays for the longest runway any member needs.
/// let need = [1.0, 2.0, 4.0];
/// let f = |s: Coalition| Ok(s.players().map(|i| need[i]).fold(0.0, f64::max));
/// let game = CoalitionCosts::new(3, &f).unwrap();
/// assert_eq!(game.cost(Coalition::grand(3)).unwrap(), 4.0);
/// assert_eq!(game.solves(), 1);
/// ```
pub struct CoalitionCosts<'a> {
    players: usize,
    cost_fn: &'a CostFn<'a>,
    cache: Mutex<HashMap<Coalition, f64>>,
}

impl<'a> CoalitionCosts<'a> {
    /// A game of `players` players with the given cost function (nothing is computed yet).
    pub fn new(players: usize, cost_fn: &'a CostFn<'a>) -> Result<Self, CoopError> {
        if players == 0 || players > super::MAX_PLAYERS {
            return Err(CoopError::Input(format!(
                "a cooperative game needs 1 to {} players, got {players}",
                super::MAX_PLAYERS
            )));
        }
        Ok(Self {
            players,
            cost_fn,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// Number of players.
    pub fn players(&self) -> usize {
        self.players
    }

    /// The grand coalition.
    pub fn grand(&self) -> Coalition {
        Coalition::grand(self.players)
    }

    /// Number of coalitions whose cost has been computed.
    pub fn solves(&self) -> usize {
        self.cache.lock().map(|c| c.len()).unwrap_or(0)
    }

    fn cached(&self, s: Coalition) -> Option<f64> {
        if s.is_empty() {
            return Some(0.0);
        }
        self.cache.lock().ok()?.get(&s).copied()
    }

    /// c(S), computed once and cached.
    pub fn cost(&self, s: Coalition) -> Result<f64, CoopError> {
        if let Some(v) = self.cached(s) {
            return Ok(v);
        }
        self.check(s)?;
        let v = (self.cost_fn)(s)?;
        if !v.is_finite() {
            return Err(CoopError::Input(format!(
                "cost of coalition {:#b} is not finite ({v})",
                s.0
            )));
        }
        if let Ok(mut c) = self.cache.lock() {
            c.insert(s, v);
        }
        Ok(v)
    }

    fn check(&self, s: Coalition) -> Result<(), CoopError> {
        if s.0 & !self.grand().0 != 0 {
            return Err(CoopError::Input(format!(
                "coalition {:#b} names players beyond the {} of the game",
                s.0, self.players
            )));
        }
        Ok(())
    }

    /// Computes every listed coalition not yet cached, in parallel. Results do not depend on the
    /// thread count because each c(S) is computed independently of the others.
    pub fn ensure(&self, coalitions: &[Coalition]) -> Result<(), CoopError> {
        let mut missing: Vec<Coalition> = coalitions
            .iter()
            .copied()
            .filter(|&s| self.cached(s).is_none())
            .collect();
        missing.sort_unstable();
        missing.dedup();
        missing
            .par_iter()
            .map(|&s| self.cost(s).map(|_| ()))
            .collect::<Result<Vec<()>, CoopError>>()?;
        Ok(())
    }

    /// All 2^n coalition costs indexed by bitmask (only for small games, n <= 20).
    pub fn table(&self) -> Result<Vec<f64>, CoopError> {
        if self.players > 20 {
            return Err(CoopError::Input(format!(
                "a full table of 2^{} coalition costs is too large; use sampled Shapley",
                self.players
            )));
        }
        let all: Vec<Coalition> = Coalition::all_nonempty(self.players).collect();
        self.ensure(&all)?;
        let mut out = vec![0.0; 1usize << self.players];
        for s in all {
            out[s.0 as usize] = self.cost(s)?;
        }
        Ok(out)
    }
}
