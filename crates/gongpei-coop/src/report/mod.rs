//! Reports of a comparison: terminal tables ([`text`]), and the files `gongpei scenario compare`
//! writes ([`write_outputs`]): JSON, GeoJSON of the routes along the roads ([`routes_geojson`]),
//! tables as CSV and `.xlsx` ([`tables()`]), and a self-contained HTML page with an interactive
//! Leaflet map, SVG route maps and bar charts ([`html()`]). [`model`] is the one place that reads
//! the comparison's plans; everything else is built from its records.
//!
//! The page building blocks are public for every report page of the workspace (the design
//! pages of gongpei-design use them): [`page`] (head, style, footer with sources and the Leaflet
//! credit), [`html_table`] (escaped tables and lists), [`leaflet`] (the embedded interactive map
//! and its data model) and [`escape`].

pub mod escape;
mod files;
mod geojson;
mod html;
pub mod html_table;
pub mod leaflet;
mod map;
pub mod model;
pub mod page;
mod svg;
pub mod table;
mod tables;
mod text;

pub use files::{
    compare_file, compare_file_watched, compare_file_with, write_outputs, write_outputs_with,
    ReportOptions,
};
pub use geojson::routes_geojson;
pub use html::html;
pub use leaflet::TileSource;
pub use model::ReportModel;
pub use table::{write_csv_files, write_xlsx, Cell, Table};
pub use tables::tables;
pub use text::text;
