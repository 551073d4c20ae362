//! Cost allocation among carriers: the cooperative game c(S) and the rules that split the joint
//! cost c(N), one rule per file, plus stability checks (core, individual rationality) and a
//! report of where the heuristic game breaks monotonicity or subadditivity.

mod coalition;
mod core_check;
mod costs;
mod equal_profit;
mod least_core;
mod lexicographic;
mod nucleolus;
mod properties;
mod proportional;
mod shapley_exact;
mod shapley_sampled;

pub use coalition::{Coalition, MAX_PLAYERS};
pub use core_check::{check_core, BlockingCoalition, CoreReport};
pub use costs::{CoalitionCosts, CostFn};
pub use equal_profit::{equal_profit, EQUAL_PROFIT_MAX_PLAYERS};
pub use least_core::{least_core, LeastCore, LEAST_CORE_MAX_PLAYERS};
pub use nucleolus::{nucleolus, NUCLEOLUS_MAX_PLAYERS};
pub use properties::{game_properties, GameProperties, PropertyBreach};
pub use proportional::{proportional_standalone, proportional_to};
pub use shapley_exact::{shapley_exact, shapley_from_table, EXACT_SHAPLEY_MAX_PLAYERS};
pub use shapley_sampled::shapley_sampled;

use serde::Serialize;

/// The result of one allocation rule: what each player pays.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Allocation {
    /// Rule name (`shapley`, `shapley_sampled`, `proportional_volume`, ...).
    pub rule: String,
    /// Share of each player, in player order; they sum to c(N).
    pub shares: Vec<f64>,
    /// 95% confidence half-width per player, for sampled estimates.
    pub ci95: Option<Vec<f64>>,
    /// Remarks (sample size, relaxations made).
    pub note: Option<String>,
}

/// The Shapley value: exact up to [`EXACT_SHAPLEY_MAX_PLAYERS`], sampled with `permutations`
/// orders above.
pub fn shapley(
    game: &CoalitionCosts<'_>,
    permutations: usize,
    seed: u64,
) -> Result<Allocation, crate::CoopError> {
    if game.players() <= EXACT_SHAPLEY_MAX_PLAYERS {
        shapley_exact(game)
    } else {
        shapley_sampled(game, permutations, seed)
    }
}
