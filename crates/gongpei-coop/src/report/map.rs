//! The comparison report's map data: one layer per mode and fleet (routes along the roads), one
//! per mode's bus loads, and the sites with their demand and who serves them, drawn by the
//! shared Leaflet map ([`super::leaflet`]).

use super::escape::html_text;
use super::leaflet::{map_html, tier_marker, MapData, MapFeature, MapLayer, Shape, TileSource};
use super::model::{clock, ReportModel, RouteRecord, SiteRecord};

const PALETTE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

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

fn line_of(points: &[[f64; 2]]) -> Shape {
    Shape::Line {
        line: points.to_vec(),
    }
}

/// The map data: one layer per (mode, fleet) and one per mode's bus loads, and the sites.
/// Layers of `visible_mode` are switched on at first.
pub fn map_data(model: &ReportModel, visible_mode: &str, tiles: Option<&TileSource>) -> MapData {
    let mut layers: Vec<MapLayer> = Vec::new();
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
            let features = routes
                .iter()
                .map(|r| MapFeature {
                    link: Some(format!("route={}", r.id)),
                    title: format!("route {}", r.id),
                    rows: route_rows(r),
                    colour: None,
                    shape: line_of(&r.line),
                })
                .collect();
            layers.push(MapLayer {
                label: format!("{} · {} ({})", m.mode, fleet, count(routes.len(), "route")),
                colour: colour_of(routes[0], &model.carriers).to_string(),
                dashed: false,
                visible: m.mode == visible_mode,
                features,
            });
        }
        let bus: Vec<MapFeature> = model
            .bus
            .iter()
            .filter(|b| b.mode == m.mode)
            .filter_map(|b| {
                let (from, to) = (model.site(b.board_site)?, model.site(b.alight_site)?);
                let row = |k: &str, v: String| [k.to_string(), v];
                Some(MapFeature {
                    link: None,
                    title: format!("bus {} run {}", b.line, b.run + 1),
                    rows: vec![
                        row("from", from.name.clone()),
                        row("to", to.name.clone()),
                        row(
                            "time",
                            format!("{} - {}", clock(b.departure_s), clock(b.arrival_s)),
                        ),
                        row("parcels", b.parcels.to_string()),
                        row("kg", b.kg.to_string()),
                        row("fee", format!("{:.1} CNY", b.fee_cny)),
                        row("carriers", b.carriers.join(", ")),
                    ],
                    colour: None,
                    shape: line_of(&[[from.lon, from.lat], [to.lon, to.lat]]),
                })
            })
            .collect();
        if !bus.is_empty() {
            layers.push(MapLayer {
                label: format!("{} · bus loads ({})", m.mode, count(bus.len(), "run load")),
                colour: "#7b3294".into(),
                dashed: true,
                visible: m.mode == visible_mode,
                features: bus,
            });
        }
    }
    let sites = model
        .sites
        .iter()
        .filter(|s| s.tier != "bus_stop" || !s.served_by.is_empty())
        .map(|s| {
            let (colour, radius) = tier_marker(&s.tier);
            MapFeature {
                link: Some(format!("site={}", s.id)),
                title: s.name.clone(),
                rows: site_rows(s),
                colour: Some(colour.to_string()),
                shape: Shape::Point {
                    lon: s.lon,
                    lat: s.lat,
                    radius,
                },
            }
        })
        .collect();
    MapData {
        layers,
        sites,
        sites_label: "sites (hub, depots, townships, villages)".into(),
        sites_below: false,
        tiles: tiles.cloned(),
    }
}

/// The map section: heading, how to read it, and the map ([`map_html`]).
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
         <b>{}</b> (the cheapest feasible mode). Click a route or a site for its figures (a link ending in <code>#route=ROUTE</code> or <code>#site=SITE_ID</code> opens one). {geometry} {background}</p>{}",
        html_text(&visible),
        map_html(&map_data(model, &visible, tiles))
    )
}
