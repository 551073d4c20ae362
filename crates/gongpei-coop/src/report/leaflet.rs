//! The interactive map any report page can carry: Leaflet (vendored under `assets/leaflet/`,
//! BSD-2, embedded with `include_str!` so the page works offline), the reports' own script
//! (`assets/report_map.js`) and the map's data ([`MapData`]: toggleable layers of lines, point
//! markers and circles, each with a popup table, plus an always-shown site layer) as JSON in a
//! `<script type="application/json">` element, escaped so that no name can close the element.
//!
//! The comparison report (`compare.html`) and the design pages of gongpei-design both draw their
//! maps with it.
//!
//! ```
//! use gongpei_coop::report::leaflet::{map_html, MapData, MapFeature, MapLayer, Shape};
//! let layer = MapLayer {
//!     label: "stations".into(),
//!     colour: "#1f77b4".into(),
//!     dashed: false,
//!     visible: true,
//!     features: vec![MapFeature {
//!         link: Some("site=V1".into()),
//!         title: "Village <1>".into(),
//!         rows: vec![["cost".into(), "12.0 yuan/day".into()]],
//!         colour: None,
//!         shape: Shape::Point { lon: 117.3, lat: 40.0, radius: 6.0 },
//!     }],
//! };
//! let data = MapData { layers: vec![layer], ..MapData::default() };
//! let html = map_html(&data);
//! assert!(html.contains("id=\"gongpei-map-data\"") && !html.contains("Village <1>"));
//! ```

use serde::Serialize;

use super::escape::script_json;

const LEAFLET_JS: &str = include_str!("../../assets/leaflet/leaflet.min.js");
const LEAFLET_CSS: &str = include_str!("../../assets/leaflet/leaflet.css");
const MAP_JS: &str = include_str!("../../assets/report_map.js");

/// An optional web-map tile background (off unless asked for: a report must work offline).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TileSource {
    /// URL template, e.g. `https://tile.example.org/{z}/{x}/{y}.png`.
    pub url: String,
    /// Attribution the tile provider requires (plain text).
    pub attribution: String,
}

/// What a map feature is drawn as (coordinates WGS84).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "shape", rename_all = "snake_case")]
pub enum Shape {
    /// A polyline through `[lon, lat]` points.
    Line {
        /// The points, `[lon, lat]`.
        line: Vec<[f64; 2]>,
    },
    /// A circle marker of `radius` screen pixels (the same size at every zoom).
    Point {
        /// Longitude.
        lon: f64,
        /// Latitude.
        lat: f64,
        /// Radius, pixels.
        radius: f64,
    },
    /// A circle on the ground of `radius_m` metres (e.g. a service radius), lightly filled; it
    /// takes no clicks (they reach the markers under it), so it has no popup.
    Circle {
        /// Longitude of the centre.
        lon: f64,
        /// Latitude of the centre.
        lat: f64,
        /// Radius, metres.
        radius_m: f64,
    },
}

/// One feature with its popup: a bold title over a two-column table of plain-text rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapFeature {
    /// What a page link `#<link>` opens (e.g. `route=postal_express-3`, `site=V1`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
    /// Popup title (plain text, never HTML).
    pub title: String,
    /// Popup rows: label, value (plain text).
    pub rows: Vec<[String; 2]>,
    /// Colour (`#rrggbb`) overriding the layer's: the fill of a point, the stroke of a line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    /// Geometry.
    #[serde(flatten)]
    pub shape: Shape,
}

/// A layer the reader switches on and off in the layer control.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapLayer {
    /// Name in the layer control (plain text), after a square of `colour`.
    pub label: String,
    /// Colour of its lines and the fill of its points (`#rrggbb`).
    pub colour: String,
    /// Dashed, thinner lines.
    pub dashed: bool,
    /// Switched on when the page opens.
    pub visible: bool,
    /// Its features.
    pub features: Vec<MapFeature>,
}

/// Everything the map shows.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct MapData {
    /// Toggleable layers, drawn in order (later ones on top).
    pub layers: Vec<MapLayer>,
    /// Point features shown at first in one more layer (the scenario's sites), on top of the
    /// others unless `sites_below`.
    pub sites: Vec<MapFeature>,
    /// Name of the site layer in the layer control (default: `sites`).
    pub sites_label: String,
    /// Draw the site layer under the others (a page whose layers mark sites: stations, stores)
    /// instead of on top (a page of routes).
    pub sites_below: bool,
    /// Web-map background, `None` for none.
    pub tiles: Option<TileSource>,
}

/// The marker colour and radius (pixels) of a site of `tier` (`district_hub`,
/// `township_centre`, `village_station`, `bus_stop`, anything else), the same on every map.
///
/// ```
/// assert_eq!(gongpei_coop::report::leaflet::tier_marker("district_hub"), ("#d62728", 8.0));
/// ```
pub fn tier_marker(tier: &str) -> (&'static str, f64) {
    match tier {
        "district_hub" => ("#d62728", 8.0),
        "township_centre" => ("#1f77b4", 6.0),
        "village_station" => ("#ffffff", 4.0),
        "bus_stop" => ("#2ca02c", 3.0),
        _ => ("#999999", 3.0),
    }
}

/// Drops the source-map comment: the map file is not shipped, and a browser with developer
/// tools open would try to fetch it.
fn without_source_map(text: &str) -> String {
    text.lines()
        .filter(|l| {
            !l.trim_start().starts_with("//# sourceMappingURL")
                && !l.trim_start().starts_with("/*# sourceMappingURL")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The CSS for the page's `<head>`: Leaflet's and the map's own.
pub fn map_css() -> String {
    format!(
        "{}\n#map{{height:640px;border:1px solid #ccc;background:#f4f3ee}}\
         .popup th{{text-align:left;padding-right:8px;font-weight:normal;color:#555}}\
         .popup td,.popup th{{border:none;padding:1px 4px}}#map-errors{{color:#b2182b;white-space:pre-wrap}}",
        without_source_map(LEAFLET_CSS)
    )
}

/// The map element, its error box, the data and the scripts (Leaflet, then the map script).
/// One map per page: the elements have fixed ids.
pub fn map_html(data: &MapData) -> String {
    let mut data = data.clone();
    if data.sites_label.is_empty() {
        data.sites_label = "sites".into();
    }
    let json = serde_json::to_value(&data).unwrap_or_default();
    format!(
        "<div id=\"map\"></div><pre id=\"map-errors\" hidden></pre>\
         <script type=\"application/json\" id=\"gongpei-map-data\">{}</script>\
         <script>{}</script><script>{}</script>",
        script_json(&json),
        without_source_map(LEAFLET_JS),
        MAP_JS
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_serialise_with_their_shape_tag_and_coordinates() {
        let f = MapFeature {
            link: None,
            title: "t".into(),
            rows: vec![],
            colour: Some("#000000".into()),
            shape: Shape::Circle {
                lon: 1.0,
                lat: 2.0,
                radius_m: 3000.0,
            },
        };
        let v = serde_json::to_value(&f).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"title": "t", "rows": [], "colour": "#000000",
                "shape": "circle", "lon": 1.0, "lat": 2.0, "radius_m": 3000.0})
        );
    }

    #[test]
    fn the_map_data_is_embedded_as_parseable_json_and_leaflet_inlined() {
        let html = map_html(&MapData::default());
        let start = html.find("gongpei-map-data\">").unwrap() + "gongpei-map-data\">".len();
        let end = start + html[start..].find("</script>").unwrap();
        let v: serde_json::Value = serde_json::from_str(&html[start..end]).unwrap();
        assert_eq!(v["sites_label"], "sites");
        assert!(html.contains("L.map("), "the map script is inlined");
        assert!(!html.contains("sourceMappingURL"));
    }
}
