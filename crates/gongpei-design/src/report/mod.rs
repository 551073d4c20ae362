//! What a design result shows: its [`Summary`] (headed tables of formatted figures and the
//! assumptions, built once per result by `*_summary`), printed by the CLI as text
//! ([`Summary::text`]), and the HTML page of each result: one self-contained file (no network:
//! Leaflet and the map script are inlined by gongpei-coop's report building blocks) with the
//! same summary (the same figures, money in yuan with its unit), an interactive map with a layer
//! per run, and the result's GeoJSON embedded as data. Every name from the scenario is escaped.
//!
//! - [`siting_html`]: candidates coloured by model rank, the several-hub assignments as lines;
//! - [`cover_html`]: per radius D and station count K, the stations, their D-km circles and each
//!   village's line to its station;
//! - [`cold_html`]: per pre-cooling limit, the stores and the villages sending produce to each;
//! - [`frequency_html`]: per lead-time target and mode, the villages coloured by visit pattern.
//!
//! ```no_run
//! use gongpei_design::{report, Evaluation, Siting, SITING_MODES};
//! let scenario = gongpei_scenario::from_json_file("jizhou.json".as_ref()).unwrap();
//! let result = Siting::default()
//!     .run(&scenario, &Evaluation::new(SITING_MODES.to_vec(), 1), |_, _| {})
//!     .unwrap();
//! std::fs::write("site.html", report::siting_html(&scenario, &result)).unwrap();
//! ```

mod cold;
mod colours;
mod cover;
mod frame;
mod frequency;
mod site;
mod summary;

pub use cold::{cold_html, cold_summary};
pub use cover::{cover_html, cover_summary};
pub use frequency::{frequency_html, frequency_summary};
pub use site::{siting_html, siting_summary};
pub use summary::{Block, Summary};
