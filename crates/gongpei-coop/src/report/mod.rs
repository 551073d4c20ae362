//! Reports of a comparison: terminal tables ([`text`]), and the files `gongpei scenario compare`
//! writes ([`write_outputs`]): JSON, GeoJSON of the routes along the roads ([`routes_geojson`]),
//! tables as CSV and `.xlsx` ([`tables()`]), and a self-contained HTML page with an interactive
//! Leaflet map, SVG route maps and bar charts ([`html()`]). [`model`] is the one place that reads
//! the comparison's plans; everything else is built from its records.

pub mod escape;
mod files;
mod geojson;
mod html;
mod map;
pub mod model;
mod svg;
pub mod table;
mod tables;
mod text;

pub use files::{
    compare_file, compare_file_with, write_outputs, write_outputs_with, ReportOptions,
};
pub use geojson::routes_geojson;
pub use html::html;
pub use map::TileSource;
pub use model::ReportModel;
pub use table::{write_csv_files, write_xlsx, Cell, Table};
pub use tables::tables;
pub use text::text;
