//! A variant's allocation game as separate tasks: [`game_setup`] plans what every coalition
//! cost needs (the comparison of `separate` and the variant's `allocate` mode for all carriers),
//! [`coalition_costs`] plans one batch of coalitions (any worker, any order), and
//! [`crate::game::allocate_table`] applies the rules to the gathered table. The costs equal
//! those a `compare` of the same variant computes in one process.

use std::sync::Arc;
use std::time::Instant;

use gongpei_scenario::Scenario;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::changes::run_settings;
use super::run::{on_threads, variant_scenario};
use super::Variant;
use crate::allocation::Coalition;
use crate::compare::compare_with;
use crate::game::GameSetup;
use crate::modes::Mode;
use crate::planner::{PlanControl, Planner};
use crate::world::World;
use crate::CoopError;

/// The game's mode and the comparison options of `variant` restricted to what the game needs.
fn game_options(variant: &Variant) -> Result<(Mode, crate::compare::CompareOptions), CoopError> {
    let mut options = run_settings(variant)?.options;
    let mode = options.allocate.ok_or_else(|| {
        CoopError::Input(format!(
            "variant {}: changes.allocate is \"none\"; a coalition game needs the mode whose cost it splits",
            variant.id
        ))
    })?;
    options.modes = vec![mode];
    options.allocate = None;
    Ok((mode, options))
}

/// One coalition's cost c(S) and the wall time its plan took.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CoalitionCost {
    /// The coalition as a bitmask over the game's carriers.
    pub mask: u64,
    /// c(S), CNY per day.
    pub cost: f64,
    /// Seconds its plan took (0 for costs the setup already knew: c(N), `separate` games).
    pub seconds: f64,
}

/// A planner over `world`, stoppable through `control` when given.
fn planner_for<'w>(world: &'w World<'w>, control: Option<Arc<PlanControl>>) -> Planner<'w> {
    match control {
        Some(c) => Planner::with_control(world, c),
        None => Planner::new(world),
    }
}

/// Plans `separate` and the game's mode for all carriers of `variant` and returns what each
/// coalition's cost needs. `control` lets another thread stop it ([`CoopError::Cancelled`]).
pub fn game_setup(
    variant: &Variant,
    threads: usize,
    base: Option<&Scenario>,
    control: Option<Arc<PlanControl>>,
) -> Result<GameSetup, CoopError> {
    let scenario = variant_scenario(variant, base)?;
    let (mode, options) = game_options(variant)?;
    on_threads(threads, || {
        let world = World::new(&scenario)?;
        let planner = planner_for(&world, control);
        let comparison = compare_with(&planner, &options)?;
        GameSetup::prepare(&planner, mode, &options, &comparison.modes)
    })
}

/// c(S) of each coalition in `masks` (bitmasks over the carriers of `setup`), in order, each
/// with the seconds its plan took. `control` lets another thread stop it.
pub fn coalition_costs(
    variant: &Variant,
    setup: &GameSetup,
    masks: &[u64],
    threads: usize,
    base: Option<&Scenario>,
    control: Option<Arc<PlanControl>>,
) -> Result<Vec<CoalitionCost>, CoopError> {
    let scenario = variant_scenario(variant, base)?;
    on_threads(threads, || {
        let world = World::new(&scenario)?;
        if world.carrier_names() != setup.carriers {
            return Err(CoopError::Input(format!(
                "variant {}: the game's carriers ({}) are not the scenario's",
                variant.id,
                setup.carriers.join(", ")
            )));
        }
        let planner = planner_for(&world, control);
        masks
            .par_iter()
            .map(|&mask| {
                let started = Instant::now();
                let cost = setup.coalition_cost(&planner, Coalition(mask))?;
                Ok(CoalitionCost {
                    mask,
                    cost,
                    seconds: started.elapsed().as_secs_f64(),
                })
            })
            .collect()
    })
}
