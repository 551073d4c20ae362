//! The coalition game's checkpoint: a JSON Lines file (`game.jsonl` beside the sweep's
//! `checkpoint.jsonl`) that the CLI and `gongpei.sweep` append to as the game's tasks end, so
//! that an interrupted game resumes with the coalitions it still lacks.
//!
//! Two kinds of line, both keyed by the variant's id and [`Variant::hash`]:
//! `{"kind": "setup", "id", "hash", "seconds", "setup": {GameSetup}}` once the setup is planned,
//! and `{"kind": "coalitions", "id", "hash", "costs": [{"mask", "cost", "seconds"}, ..]}` per
//! finished batch. Lines of another definition (the spec changed since) are ignored; a later
//! line for the same coalition replaces an earlier one. As in the sweep's checkpoint, a last line
//! cut short by an interruption is ignored and any other bad line is an error naming file and
//! line.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::checkpoint::{append_line, read_json_lines};
use super::coalitions::CoalitionCost;
use super::Variant;
use crate::game::GameSetup;
use crate::CoopError;

/// One line of the game's checkpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum GameLine {
    /// The game's setup is planned.
    Setup {
        /// The variant's id.
        id: String,
        /// [`Variant::hash`] of its definition.
        hash: String,
        /// Seconds the setup took.
        seconds: f64,
        /// What every coalition's cost rests on.
        setup: GameSetup,
    },
    /// A batch of coalitions is planned.
    Coalitions {
        /// The variant's id.
        id: String,
        /// [`Variant::hash`] of its definition.
        hash: String,
        /// The batch's costs.
        costs: Vec<CoalitionCost>,
    },
}

impl GameLine {
    /// The setup line of `variant`'s game.
    pub fn setup(variant: &Variant, setup: &GameSetup, seconds: f64) -> Self {
        GameLine::Setup {
            id: variant.id.clone(),
            hash: variant.hash(),
            seconds,
            setup: setup.clone(),
        }
    }

    /// The line of a finished batch of `variant`'s coalitions.
    pub fn coalitions(variant: &Variant, costs: Vec<CoalitionCost>) -> Self {
        GameLine::Coalitions {
            id: variant.id.clone(),
            hash: variant.hash(),
            costs,
        }
    }

    /// The line's JSON (no newline).
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("a game line is plain data and always serialises")
    }

    fn is_of(&self, id: &str, hash: &str) -> bool {
        match self {
            GameLine::Setup { id: i, hash: h, .. }
            | GameLine::Coalitions { id: i, hash: h, .. } => i == id && h == hash,
        }
    }
}

/// What a game's checkpoint holds for one variant.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GameProgress {
    /// The setup and the seconds it took, once planned.
    pub setup: Option<(GameSetup, f64)>,
    /// Every coalition planned so far, by bitmask.
    pub costs: BTreeMap<u64, CoalitionCost>,
}

impl GameProgress {
    /// The bitmasks of `n` players' non-empty coalitions not planned yet, ascending.
    pub fn missing(&self, n: usize) -> Vec<u64> {
        (1..(1u64 << n))
            .filter(|m| !self.costs.contains_key(m))
            .collect()
    }
}

/// `variant`'s progress in the game checkpoint at `path` (empty when the file does not exist).
///
/// ```
/// use gongpei_coop::sweep::{append_game_line, read_game_progress, Base, CoalitionCost, GameLine, Variant};
/// let path = std::env::temp_dir().join(format!("gongpei-doc-game-{}.jsonl", std::process::id()));
/// let v = Variant::new("g", Base::preset("small", 1), 1);
/// let cost = CoalitionCost { mask: 3, cost: 12.5, seconds: 0.25 };
/// append_game_line(&path, &GameLine::coalitions(&v, vec![cost])).unwrap();
/// let other = v.clone().with_change("bus_fee", 2.0);
/// append_game_line(&path, &GameLine::coalitions(&other, vec![CoalitionCost { mask: 1, ..cost }])).unwrap();
/// let progress = read_game_progress(&path, &v).unwrap();
/// assert_eq!(progress.costs.keys().copied().collect::<Vec<_>>(), vec![3]);
/// assert_eq!(progress.missing(2), vec![1, 2]);
/// # std::fs::remove_file(&path).unwrap();
/// ```
pub fn read_game_progress(path: &Path, variant: &Variant) -> Result<GameProgress, CoopError> {
    let lines: Vec<GameLine> = read_json_lines(path, "a game checkpoint line")?;
    let hash = variant.hash();
    let mut progress = GameProgress::default();
    for line in lines.into_iter().filter(|l| l.is_of(&variant.id, &hash)) {
        match line {
            GameLine::Setup { setup, seconds, .. } => progress.setup = Some((setup, seconds)),
            GameLine::Coalitions { costs, .. } => {
                progress
                    .costs
                    .extend(costs.into_iter().map(|c| (c.mask, c)));
            }
        }
    }
    Ok(progress)
}

/// Appends `line` to the game checkpoint at `path` (created when missing), flushed.
pub fn append_game_line(path: &Path, line: &GameLine) -> Result<(), CoopError> {
    append_line(path, &line.to_line())
}
