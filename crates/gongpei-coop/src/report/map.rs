//! The interactive map of the HTML report: Leaflet (vendored under `assets/leaflet/`, BSD-2,
//! embedded with `include_str!` so the page works offline) plus the report's own script
//! (`assets/report_map.js`) and the map data as JSON in a `<script type="application/json">`
//! element, escaped so that no name can close the element.

use serde_json::{json, Value};

use super::escape::{html_text, script_json};
use super::model::{clock, ReportModel, RouteRecord, SiteRecord};

const LEAFLET_JS: &str = include_str!("../../assets/leaflet/leaflet.min.js");
const LEAFLET_CSS: &str = include_str!("../../assets/leaflet/leaflet.css");
const MAP_JS: &str = include_str!("../../assets/report_map.js");

const PALETTE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

/// An optional web-map tile background (off unless asked for: the report must work offline).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TileSource {
    /// URL template, e.g. `https://tile.example.org/{z}/{x}/{y}.png`.
    pub url: String,
    /// Attribution the tile provider requires (plain text).
    pub attribution: String,
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

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn colour_of(r: &RouteRecord, carriers: &[String]) -> &'static str {
    match (
        r.leg.as_str(),
        carriers.iter().position(|c| *c == r.operator),
    ) {
        (_, Some(i)) => PALETTE[i % PALETTE.len()],
        ("trunk", None) => "#b2182b",
        ("cold", None) => "#00a6c8",
        _ => "#2166ac",
    }
}

fn route_rows(r: &RouteRecord) -> Vec<[String; 2]> {
    vec![
        ["mode".into(), r.mode.clone()],
        ["fleet".into(), r.fleet.clone()],
        [
            "vehicle type".into(),
            format!("{} ({})", r.vehicle, r.profile),
        ],
        ["carriers".into(), r.carriers.join(", ")],
        ["base".into(), r.start_name.clone()],
        [
            "time".into(),
            format!("{} - {}", clock(r.start_s), clock(r.end_s)),
        ],
        ["distance".into(), format!("{:.1} km", r.distance_km)],
        ["cost".into(), format!("{:.1} CNY", r.cost_cny)],
        ["stops".into(), r.stops.to_string()],
        [
            "parcels in / out".into(),
            format!("{} / {}", r.parcels_in, r.parcels_out),
        ],
        ["kg in / out".into(), format!("{} / {}", r.kg_in, r.kg_out)],
        [
            "peak load".into(),
            format!(
                "{} parcels, {} kg ({:.0} % of capacity)",
                r.peak_parcels, r.peak_kg, r.load_pct
            ),
        ],
    ]
}

fn site_style(s: &SiteRecord) -> (&'static str, f64) {
    match s.tier.as_str() {
        "district_hub" => ("#d62728", 8.0),
        "township_centre" => ("#1f77b4", 6.0),
        "village_station" => ("#ffffff", 4.0),
        "bus_stop" => ("#2ca02c", 3.0),
        _ => ("#999999", 3.0),
    }
}

fn site_rows(s: &SiteRecord) -> Vec<[String; 2]> {
    let mut rows = vec![
        ["id".into(), s.id.clone()],
        ["tier".into(), s.tier.replace('_', " ")],
    ];
    if let Some(t) = &s.township {
        rows.push(["township".into(), t.clone()]);
    }
    for (carrier, pin, pout) in &s.demand {
        rows.push([
            format!("{carrier} parcels in / out"),
            format!("{pin} / {pout}"),
        ]);
    }
    for (mode, by) in &s.served_by {
        rows.push([format!("served in {mode} by"), by.join(", ")]);
    }
    rows
}

/// The map data: one layer per (mode, fleet) and one per mode's bus loads, and the sites.
/// Layers of `visible_mode` are switched on at first.
pub fn map_data(model: &ReportModel, visible_mode: &str, tiles: Option<&TileSource>) -> Value {
    let mut layers: Vec<Value> = Vec::new();
    for m in &model.modes {
        let mut fleets: Vec<&str> = Vec::new();
        for r in model.routes.iter().filter(|r| r.mode == m.mode) {
            if !fleets.contains(&r.fleet.as_str()) {
                fleets.push(&r.fleet);
            }
        }
        for fleet in fleets {
            let routes: Vec<&RouteRecord> = model
                .routes
                .iter()
                .filter(|r| r.mode == m.mode && r.fleet == fleet)
                .collect();
            let features: Vec<Value> = routes
                .iter()
                .map(|r| json!({"id": r.id, "title": format!("route {}", r.id), "rows": route_rows(r), "line": r.line}))
                .collect();
            layers.push(json!({
                "label": format!("{} · {} ({})", m.mode, fleet, count(routes.len(), "route")),
                "colour": colour_of(routes[0], &model.carriers),
                "dashed": false,
                "visible": m.mode == visible_mode,
                "features": features,
            }));
        }
        let bus: Vec<Value> = model
            .bus
            .iter()
            .filter(|b| b.mode == m.mode)
            .filter_map(|b| {
                let (from, to) = (model.site(b.board_site)?, model.site(b.alight_site)?);
                Some(json!({
                    "title": format!("bus {} run {}", b.line, b.run + 1),
                    "rows": [
                        ["from", from.name], ["to", to.name],
                        ["time", format!("{} - {}", clock(b.departure_s), clock(b.arrival_s))],
                        ["parcels", b.parcels.to_string()], ["kg", b.kg.to_string()],
                        ["fee", format!("{:.1} CNY", b.fee_cny)], ["carriers", b.carriers.join(", ")],
                    ],
                    "line": [[from.lon, from.lat], [to.lon, to.lat]],
                }))
            })
            .collect();
        if !bus.is_empty() {
            layers.push(json!({
                "label": format!("{} · bus loads ({})", m.mode, count(bus.len(), "run load")),
                "colour": "#7b3294",
                "dashed": true,
                "visible": m.mode == visible_mode,
                "features": bus,
            }));
        }
    }
    let sites: Vec<Value> = model
        .sites
        .iter()
        .filter(|s| s.tier != "bus_stop" || !s.served_by.is_empty())
        .map(|s| {
            let (colour, radius) = site_style(s);
            json!({"id": s.id, "lat": s.lat, "lon": s.lon, "title": s.name, "rows": site_rows(s), "colour": colour, "radius": radius})
        })
        .collect();
    json!({
        "layers": layers,
        "sites": sites,
        "tiles": tiles.map(|t| json!({"url": t.url, "attribution": t.attribution})),
    })
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

/// The map section: the element, the error box, the data and the scripts.
pub fn map_section(model: &ReportModel, tiles: Option<&TileSource>) -> String {
    let visible = model
        .modes
        .iter()
        .filter(|m| m.feasible)
        .min_by(|a, b| a.kpis.cost.total_cmp(&b.kpis.cost))
        .or(model.modes.first())
        .map_or(String::new(), |m| m.mode.clone());
    let geometry = if model.geometry == super::model::GEOMETRY_ROADS {
        "Routes are drawn along the roads they take."
    } else {
        "The scenario has no road graph, so routes are drawn as straight legs between stops."
    };
    let background = match tiles {
        Some(t) => format!("Background tiles: {}.", html_text(&t.attribution)),
        None => {
            "No background tiles (the report works offline; <code>--tiles URL</code> adds them)."
                .into()
        }
    };
    format!(
        "<h2>Map</h2><p>One layer per mode and fleet (tick them in the box on the right); shown at first: \
         <b>{}</b> (the cheapest feasible mode). Click a route or a site for its figures (a link ending in <code>#route=ROUTE</code> or <code>#site=SITE_ID</code> opens one). {geometry} {background}</p>\
         <div id=\"map\"></div><pre id=\"map-errors\" hidden></pre>\
         <script type=\"application/json\" id=\"gongpei-map-data\">{}</script>\
         <script>{}</script><script>{}</script>",
        html_text(&visible),
        script_json(&map_data(model, &visible, tiles)),
        without_source_map(LEAFLET_JS),
        MAP_JS
    )
}
