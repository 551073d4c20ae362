//! A variant's allocation game as separate tasks: [`game_setup`] plans what every coalition
//! cost needs (the comparison of `separate` and the variant's `allocate` mode for all carriers),
//! [`coalition_costs`] plans one batch of coalitions (any worker, any order), and
//! [`crate::game::allocate_table`] applies the rules to the gathered table. The costs equal
//! those a `compare` of the same variant computes in one process.

use gongpei_scenario::Scenario;
use rayon::prelude::*;

use super::changes::run_settings;
use super::run::{on_threads, variant_scenario};
use super::Variant;
use crate::allocation::Coalition;
use crate::compare::compare_with;
use crate::game::GameSetup;
use crate::modes::Mode;
use crate::planner::Planner;
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

/// Plans `separate` and the game's mode for all carriers of `variant` and returns what each
/// coalition's cost needs.
pub fn game_setup(
    variant: &Variant,
    threads: usize,
    base: Option<&Scenario>,
) -> Result<GameSetup, CoopError> {
    let scenario = variant_scenario(variant, base)?;
    let (mode, options) = game_options(variant)?;
    on_threads(threads, || {
        let world = World::new(&scenario)?;
        let planner = Planner::new(&world);
        let comparison = compare_with(&planner, &options)?;
        GameSetup::prepare(&planner, mode, &options, &comparison.modes)
    })
}

/// c(S) of each coalition in `masks` (bitmasks over the carriers of `setup`), in order.
pub fn coalition_costs(
    variant: &Variant,
    setup: &GameSetup,
    masks: &[u64],
    threads: usize,
    base: Option<&Scenario>,
) -> Result<Vec<(u64, f64)>, CoopError> {
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
        let planner = Planner::new(&world);
        masks
            .par_iter()
            .map(|&m| setup.coalition_cost(&planner, Coalition(m)).map(|c| (m, c)))
            .collect()
    })
}
