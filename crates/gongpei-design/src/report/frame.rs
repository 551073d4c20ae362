//! What every design page shares: the page frame (title with the district's name, the units,
//! the embedded GeoJSON, the sources footer), the map section, the scenario's
//! sites as the map's base layer, and text for MIP statuses and plan verdicts. The HTML itself
//! comes from gongpei-coop's report building blocks.

use gongpei_coop::report::escape::{html_text, script_json};
use gongpei_coop::report::leaflet::{map_html, tier_marker, MapData, MapFeature, MapLayer, Shape};
use gongpei_coop::report::page::{page_end, page_start, sources_footer};
use gongpei_locate::MipStatus;
use gongpei_scenario::model::SiteTier;
use gongpei_scenario::Scenario;
use serde_json::Value;

/// The design pages' own style: wide tables scroll instead of widening the page; the pattern
/// legend's colour squares.
const PAGE_CSS: &str = "table{display:block;max-width:100%;overflow-x:auto}\
     .legend span{display:inline-block;width:12px;height:12px;margin:0 4px 0 10px;border:1px solid #333}";

/// The district's official name, or the scenario's name.
fn district(scenario: &Scenario) -> String {
    scenario
        .metadata
        .district
        .as_ref()
        .map_or_else(|| scenario.name.clone(), |d| d.name.clone())
}

/// The page up to the first section: `<head>`, the heading `<district>: <question>`, the
/// scenario file's name and `intro` (plain text).
pub(super) fn start(scenario: &Scenario, question: &str, intro: &str) -> String {
    let title = format!("{}: {question}", district(scenario));
    format!(
        "{}<h1>{}</h1><p>Scenario <code>{}</code>. {} Money in yuan (CNY); per day unless a \
         column says otherwise.</p>",
        page_start(&title, PAGE_CSS),
        html_text(&title),
        html_text(&scenario.name),
        html_text(intro)
    )
}

/// The map section: heading, `intro_html` (trusted HTML: escape names in it) and the map with
/// the scenario's sites as its base layer.
pub(super) fn map_section(scenario: &Scenario, intro_html: &str, layers: Vec<MapLayer>) -> String {
    let data = MapData {
        layers,
        sites: base_sites(scenario),
        sites_label: "sites (hub, depots, townships, villages)".into(),
        sites_below: true,
        tiles: None,
    };
    format!(
        "<h2>Map</h2><p>{intro_html} Tick the layers in the box on the right; click a marker or a \
         line for its figures. Lines are straight (from a village or township to its station, \
         store or hub), not roads. No background tiles: the page works offline.</p>{}",
        map_html(&data)
    )
}

/// The result's GeoJSON (RFC 7946), embedded as data for tools (and named in the text).
pub(super) fn geojson(collection: &Value) -> String {
    format!(
        "<h2>GeoJSON</h2><p>This page's map features as a GeoJSON FeatureCollection (WGS84) are \
         embedded in it: the element <code>&lt;script type=\"application/json\" \
         id=\"gongpei-geojson\"&gt;</code> ({} features).</p>\
         <script type=\"application/json\" id=\"gongpei-geojson\">{}</script>",
        collection["features"].as_array().map_or(0, Vec::len),
        script_json(collection)
    )
}

/// The end of the page: the scenario's data sources and the Leaflet credit.
pub(super) fn end(scenario: &Scenario) -> String {
    page_end(&sources_footer(&scenario.metadata.sources))
}

/// Every site but road junctions, as small markers by tier (the map's base layer).
fn base_sites(scenario: &Scenario) -> Vec<MapFeature> {
    scenario
        .sites
        .iter()
        .filter(|s| s.tier != SiteTier::Junction)
        .map(|s| {
            let (colour, radius) = tier_marker(s.tier.as_str());
            let mut rows = vec![
                ["id".to_string(), s.id.clone()],
                ["tier".to_string(), s.tier.as_str().replace('_', " ")],
            ];
            if let Some(t) = &s.township {
                rows.push(["township".into(), t.clone()]);
            }
            MapFeature {
                link: Some(format!("site={}", s.id)),
                title: s.name.clone(),
                rows,
                colour: Some(colour.to_string()),
                shape: Shape::Point {
                    lon: s.lon,
                    lat: s.lat,
                    radius: radius * 0.75,
                },
            }
        })
        .collect()
}

/// `[lon, lat]` of site `id`, `None` when the scenario has no such site.
pub(super) fn at(scenario: &Scenario, id: &str) -> Option<[f64; 2]> {
    let s = &scenario.sites[scenario.site_index(id)?];
    Some([s.lon, s.lat])
}

/// The name of site `id` (the id itself when unknown).
pub(super) fn name_of(scenario: &Scenario, id: &str) -> String {
    scenario
        .site_index(id)
        .map_or_else(|| id.to_string(), |i| scenario.sites[i].name.clone())
}

/// A point feature at site `id` (none when the site is unknown).
pub(super) fn point(
    scenario: &Scenario,
    id: &str,
    title: String,
    rows: Vec<[String; 2]>,
    colour: Option<String>,
    radius: f64,
) -> Option<MapFeature> {
    let [lon, lat] = at(scenario, id)?;
    Some(MapFeature {
        link: None,
        title,
        rows,
        colour,
        shape: Shape::Point { lon, lat, radius },
    })
}

/// A straight line from site `from` to site `to` (none when either is unknown).
pub(super) fn line(
    scenario: &Scenario,
    from: &str,
    to: &str,
    title: String,
    rows: Vec<[String; 2]>,
    colour: Option<String>,
) -> Option<MapFeature> {
    Some(MapFeature {
        link: None,
        title,
        rows,
        colour,
        shape: Shape::Line {
            line: vec![at(scenario, from)?, at(scenario, to)?],
        },
    })
}

/// A popup row.
pub(super) fn row(label: &str, value: impl Into<String>) -> [String; 2] {
    [label.to_string(), value.into()]
}

/// `optimal`, or the gap the solver stopped at, as the terminal prints it.
pub(super) fn status(s: &MipStatus) -> String {
    match s {
        MipStatus::Optimal => "optimal".into(),
        MipStatus::Stopped { gap } => format!("gap {:.3} %", 100.0 * gap),
    }
}

/// `yes`, or `NO` with the checker's findings, as the terminal prints it.
pub(super) fn verdict(feasible: bool, violations: &[String]) -> String {
    if feasible {
        "yes".into()
    } else {
        format!("NO: {}", violations.join("; "))
    }
}
