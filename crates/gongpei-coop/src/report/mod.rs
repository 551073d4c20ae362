//! Reports of a comparison: terminal tables ([`text`]), JSON, and a self-contained HTML page
//! with inline SVG maps of each mode's routes and bar charts ([`html`]).

mod files;
mod html;
mod svg;
mod text;

pub use files::{compare_file, write_outputs};
pub use html::html;
pub use text::text;
