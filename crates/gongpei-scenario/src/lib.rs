//! gongpei-scenario: the versioned JSON scenario format of a rural district's daily parcel
//! flows, its semantic validation, its JSON Schema, CSV site import, and the generators of the
//! bundled Jizhou (蓟州区, Tianjin) scenarios.
//!
//! Design: the [`model`] types are plain serde structs with `deny_unknown_fields`, so a typo in a
//! file is an error, never a silently ignored value. Parsing goes through
//! `serde_path_to_error`, so a type error names its JSON path (`demand[3].parcels_in`), line and
//! column; [`validate()`] then checks what types cannot (references resolve, quantities are
//! non-negative, timetables are ordered) and lists every problem with its path. Conversion to
//! the routing world (`gongpei_network::RoadNetwork`) is in [`network`] (roads given as JSON
//! edges) and [`travel`] (any road source: JSON edges, an OpenStreetMap extract, or external
//! matrices from files). The same scenario as tables (CSV folder or `.xlsx` workbook) is in
//! [`tables`].

pub mod csv_sites;
pub mod error;
pub mod export;
pub mod generate;
pub mod json;
pub mod model;
pub mod network;
pub mod schema;
pub mod tables;
mod text;
pub mod travel;
pub mod validate;

pub use error::{Problem, ScenarioError};
pub use json::{from_json_file, from_json_str, to_json_file, to_json_string};
pub use model::*;
pub use validate::validate;
