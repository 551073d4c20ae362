//! Scenario sweeps: many variants of one base scenario (demand, bus fees and spare capacity,
//! fleets, handling costs, seeds, modes, allocation rules), each run as its own comparison and
//! reduced to one flat row of KPIs. One definition serves the `gongpei sweep` command and
//! the Python package's `gongpei.sweep` (local processes or Ray tasks):
//!
//! - [`variant`]: a [`Variant`] (base + seed + changes) and the hash of its definition;
//! - [`spec`]: TOML specs expanded into variants (grid and explicit lists), checked against the
//!   base scenario with errors naming the spec key;
//! - [`changes`]: the change vocabulary, applied to a scenario and to the comparison settings;
//! - [`run`]: one variant run on a given number of threads, into a [`Row`] ([`row`]);
//! - [`checkpoint`]: the JSON Lines file both runners append to and resume from;
//! - [`coalitions`]: a variant's allocation game as one setup task and coalition-batch tasks;
//! - [`game_checkpoint`]: the game's JSON Lines checkpoint (setup and finished batches);
//! - [`game_files`]: a finished game as `game.csv`, `allocation.csv`, `game.json` and a table.
//!
//! ```
//! use gongpei_coop::sweep::{run_variant, Base, Variant};
//! let v = Variant::new("quick", Base::preset("small", 1), 1)
//!     .with_change("iterations", 0)
//!     .with_change("modes", serde_json::json!(["postal_express"]))
//!     .with_change("allocate", "none");
//! let row = run_variant(&v, 1, None, None).unwrap();
//! assert_eq!(row.get("postal_express.feasible"), Some(&serde_json::Value::Bool(true)));
//! assert!(row.get("separate.cost").unwrap().as_f64().unwrap() > 0.0);
//! ```

pub mod changes;
pub mod checkpoint;
pub mod coalitions;
pub mod game_checkpoint;
pub mod game_files;
pub mod row;
pub mod run;
pub mod spec;
pub mod variant;

pub use changes::{apply_changes, is_design_key, run_settings, RunSettings};
pub use checkpoint::{
    append_entry, outcomes, pending, read_checkpoint, write_results_csv, Entry, Status,
};
pub use coalitions::{coalition_costs, game_setup, CoalitionCost};
pub use game_checkpoint::{append_game_line, read_game_progress, GameLine, GameProgress};
pub use game_files::{game_summary, write_game_files};
pub use row::{comparison_row, Row};
pub use run::{load_base, load_base_text, on_threads, run_entry, run_variant, variant_scenario};
pub use spec::{GameSpec, Spec, DEFAULT_GAME_BATCH};
pub use variant::{Base, Variant};
