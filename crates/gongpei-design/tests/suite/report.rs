//! The HTML pages of the design results: one self-contained file each (no web resource
//! fetched), carrying every candidate, station, store and village of the result with the same
//! figures as the result (its JSON), names from the scenario escaped (a site named with
//! `<script>`), every cell the terminal prints on the page, the result's GeoJSON embedded and the
//! map data parseable, with a layer per run.

use gongpei_coop::report::escape::{html_text, script_json};
use gongpei_coop::Mode;
use gongpei_design::report::{
    cold_html, cover_html, cover_summary, frequency_html, siting_html, siting_summary, Block,
    Summary,
};
use gongpei_design::{
    cold_geojson, cover_sweep_geojson, design_cold, frequency_geojson, plan_frequency,
    siting_geojson, ColdOptions, Coverage, Siting, SitingCosts,
};
use gongpei_scenario::Scenario;
use serde_json::Value;

use super::two_towns::{evaluation, scenario};

const SCRIPT_NAME: &str = "<script>document.body.dataset.pwned=1</script>";
const ATTRIBUTE_NAME: &str = "T2 \"'><img src=x onerror=alert(1)>";

/// The two-township scenario with hostile names on a village and a township centre.
fn hostile() -> Scenario {
    let mut s = scenario();
    for site in s.sites.iter_mut() {
        match site.id.as_str() {
            "V2" => site.name = SCRIPT_NAME.into(),
            "T2" => site.name = ATTRIBUTE_NAME.into(),
            _ => {}
        }
    }
    s
}

/// The text of the `<script type="application/json" id="ID">` element.
fn element_text<'a>(html: &'a str, id: &str) -> &'a str {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open).unwrap_or_else(|| panic!("no #{id}")) + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    &html[start..end]
}

/// The JSON of the `<script type="application/json" id="ID">` element.
fn json_element(html: &str, id: &str) -> Value {
    serde_json::from_str(element_text(html, id)).unwrap_or_else(|e| panic!("#{id}: {e}"))
}

/// What every page must be: one complete document fetching nothing (no web address as a source,
/// link or CSS address but Leaflet's credit link), exactly four inline scripts (map data, Leaflet,
/// map script, GeoJSON), the embedded GeoJSON equal to `geojson` and the map data parseable
/// (returned).
fn self_contained(html: &str, geojson: &Value) -> Value {
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert_eq!(html.matches("<html").count(), 1);
    for needle in [
        "src=\"http",
        "src='http",
        "url(http",
        "url(\"http",
        "<link",
        "@import",
        "<iframe",
        "<script src",
    ] {
        assert!(!html.contains(needle), "{needle}");
    }
    // Web addresses may appear as text (licences of the data sources, the SVG namespace); as an
    // attribute or CSS address only Leaflet's credit link, which is clicked, not fetched.
    for scheme in ["http://", "https://"] {
        for (at, _) in html.match_indices(scheme) {
            let before = &html[..at];
            let url: String = html[at..]
                .chars()
                .take_while(|c| !"\"' )<>".contains(*c))
                .collect();
            if ["src=\"", "src='", "href=\"", "href='", "url(", "url(\""]
                .iter()
                .any(|a| before.ends_with(a))
            {
                assert_eq!(
                    url, "https://leafletjs.com",
                    "web resource {url} in the page"
                );
            }
        }
    }
    assert_eq!(html.matches("<script").count(), 4);
    assert_eq!(html.matches("</script>").count(), 4);
    // Compared as text: parsing decimals back may move them by an ulp.
    assert_eq!(
        element_text(html, "gongpei-geojson"),
        script_json(geojson),
        "embedded GeoJSON differs from the result's"
    );
    let embedded = json_element(html, "gongpei-geojson");
    assert_eq!(embedded["type"], "FeatureCollection");
    for f in embedded["features"].as_array().unwrap() {
        let g = &f["geometry"];
        let kind = g["type"].as_str().unwrap();
        assert!(kind == "Point" || kind == "LineString", "{kind}");
        let points: Vec<&Value> = if kind == "Point" {
            vec![&g["coordinates"]]
        } else {
            g["coordinates"].as_array().unwrap().iter().collect()
        };
        for p in points {
            let (lon, lat) = (p[0].as_f64().unwrap(), p[1].as_f64().unwrap());
            assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
        }
    }
    json_element(html, "gongpei-map-data")
}

/// A table cell holding exactly `text` (escaped as the page escapes it).
fn cell(text: &str) -> String {
    format!("<td>{}</td>", html_text(text))
}

/// The hostile names are in the page only as escaped text, and exactly in the map data.
fn names_escaped(html: &str, map: &Value) {
    assert!(!html.contains(SCRIPT_NAME) && !html.contains("<img src=x"));
    assert!(!html.contains("<script>document.body"));
    let titles = serde_json::to_string(map).unwrap();
    assert!(titles.contains("document.body.dataset.pwned"));
    let sites: Vec<&str> = map["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert!(sites.contains(&SCRIPT_NAME) && sites.contains(&ATTRIBUTE_NAME));
}

/// Every cell of the summary's tables (what the terminal prints) is a cell of the page.
fn summary_on_page(summary: &Summary, html: &str) {
    let mut cells = 0;
    for b in &summary.blocks {
        if let Block::Table { rows, .. } = b {
            for c in rows.iter().flatten() {
                assert!(html.contains(&cell(c)), "{c} printed but not on the page");
                cells += 1;
            }
        }
    }
    assert!(cells > 0);
}

fn layer_labels(map: &Value) -> Vec<String> {
    map["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn siting_page_carries_every_candidate_and_the_routed_costs() {
    let s = hostile();
    let siting = Siting {
        costs: SitingCosts {
            fixed_per_day: 100.0,
            ..SitingCosts::default()
        },
        hub_counts: vec![2],
        shortlist: 2,
        ..Siting::default()
    };
    let r = siting.run(&s, &evaluation(), |_, _| {}).unwrap();
    let html = siting_html(&s, &r);
    let map = self_contained(&html, &siting_geojson(&s, &r));
    names_escaped(&html, &map);
    summary_on_page(&siting_summary(&r), &html);
    assert!(
        html.contains(&html_text(ATTRIBUTE_NAME)),
        "T2's name, escaped"
    );
    assert_eq!(r.candidates.len(), 3);
    for c in &r.candidates {
        assert!(html.contains(&cell(&c.site)), "candidate {}", c.site);
        assert!(html.contains(&cell(&format!("{:.0}", c.daily_cost))));
        assert!(html.contains(&cell(&format!("{:.1}", c.trunk_km))));
    }
    assert_eq!(r.evaluated.len(), 2);
    for e in &r.evaluated {
        for m in &e.modes {
            assert!(html.contains(&cell(&format!("{:.0}", m.kpis.cost))));
            assert!(html.contains(&cell(&format!("{:.2}", m.kpis.avg_lead_time_h))));
        }
    }
    for a in &r.assumptions {
        assert!(html.contains(&format!("<li>{}</li>", html_text(a))));
    }
    // One layer per hub count, then the candidates (one marker each, coloured by rank).
    let layers = map["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 2);
    let candidates = layers[1]["features"].as_array().unwrap();
    assert_eq!(candidates.len(), 3);
    assert_eq!(candidates[0]["colour"], "#1a9850", "rank 1 is green");
    assert_eq!(candidates[2]["colour"], "#d73027", "the last rank is red");
    let popup = serde_json::to_string(&candidates[0]["rows"]).unwrap();
    assert!(popup.contains("yuan/day") && popup.contains("lead time"));
    let hubs = &layers[0];
    assert!(hubs["label"].as_str().unwrap().starts_with("2 hubs"));
    let lines = hubs["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["shape"] == "line")
        .count();
    assert_eq!(lines, r.multi_hub[0].assignment.len());
    // The same input gives the same page.
    let again = siting.run(&s, &evaluation(), |_, _| {}).unwrap();
    assert_eq!(siting_html(&s, &again), html);
}

#[test]
fn coverage_page_has_a_layer_per_design_with_stations_circles_and_lines() {
    let s = hostile();
    let r = Coverage::default()
        .sweep(&s, &[1.0, 2.0], 2.0, &[1], Some(&evaluation()), |_| {})
        .unwrap();
    let html = cover_html(&s, &r);
    let map = self_contained(&html, &cover_sweep_geojson(&s, &r));
    names_escaped(&html, &map);
    summary_on_page(&cover_summary(&r), &html);
    let designs: Vec<_> = r.by_radius.iter().chain(&r.by_stations).collect();
    let labels = layer_labels(&map);
    assert_eq!(labels.len(), designs.len());
    for (c, (label, layer)) in designs
        .iter()
        .zip(labels.iter().zip(map["layers"].as_array().unwrap()))
    {
        let d = &c.design;
        assert!(label.starts_with(&d.label()), "{label}");
        for st in &d.stations {
            assert!(html.contains(&format!("<td>{}</td>", d.stations.len())));
            assert!(serde_json::to_string(layer).unwrap().contains(&st.site));
        }
        let features = layer["features"].as_array().unwrap();
        let of = |shape: &str| features.iter().filter(|f| f["shape"] == shape).count();
        assert_eq!(of("circle"), d.stations.len());
        assert_eq!(of("point"), d.stations.len());
        let collecting = d
            .assignment
            .iter()
            .filter(|(v, st)| st.as_deref().is_some_and(|st| st != v))
            .count();
        assert_eq!(of("line"), collecting);
        for f in features.iter().filter(|f| f["shape"] == "circle") {
            assert_eq!(f["radius_m"].as_f64().unwrap(), d.radius_km * 1000.0);
        }
        for m in &c.modes {
            assert!(html.contains(&cell(&format!("{:.0}", m.kpis.cost))));
            assert!(html.contains(&cell(&format!(
                "{:.0}",
                m.kpis.cost + d.station_cost_per_day
            ))));
        }
    }
    for m in &r.baseline {
        assert!(html.contains(&cell(&format!("{:.0}", m.kpis.cost))));
    }
    assert_eq!(
        map["layers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|l| l["visible"] == true)
            .count(),
        1,
        "one design shown at first"
    );
}

#[test]
fn cold_page_shows_each_store_with_its_villages() {
    let s = super::cold::produce();
    let d = design_cold(&s, &ColdOptions::default(), &super::cold::evaluation()).unwrap();
    let designs = vec![d];
    let html = cold_html(&s, &designs);
    let map = self_contained(&html, &cold_geojson(&s, &designs));
    let d = &designs[0];
    assert!(!d.stores.is_empty());
    for st in &d.stores {
        assert!(html.contains(&cell(&st.site)), "store {}", st.site);
        assert!(html.contains(&cell(&format!("{:.0}", st.collection.kpis.cost))));
    }
    assert!(html.contains(&cell(&format!(
        "{:.0}",
        d.stores_cost_per_day + d.collection_cost_per_day
    ))));
    assert!(html.contains(&cell(&format!("{:.0}", d.baseline.collection.kpis.cost))));
    let layer = &map["layers"][0];
    let lines = layer["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["shape"] == "line")
        .count();
    assert_eq!(
        lines,
        d.stores.iter().map(|s| s.villages.len()).sum::<usize>()
    );
    assert!(layer_labels(&map).last().unwrap().starts_with("status quo"));
}

#[test]
fn frequency_page_colours_villages_by_pattern_per_target_and_mode() {
    let s = super::frequency::slice(4);
    let e = super::frequency::evaluation(vec![Mode::PostalExpress]);
    let study = plan_frequency(&s, &super::frequency::params(&[1, 3], 0), &e).unwrap();
    let html = frequency_html(&s, &study);
    let map = self_contained(&html, &frequency_geojson(&s, &study));
    for p in &study.curve {
        assert!(html.contains(&cell(&format!("{:.1}", p.weekly_cost))));
    }
    let layers = map["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 2, "{:?}", layer_labels(&map));
    for (t, layer) in study.targets.iter().zip(layers) {
        let w = &t.modes[0];
        let features = layer["features"].as_array().unwrap();
        assert_eq!(features.len(), w.villages.len());
        for (v, f) in w.villages.iter().zip(features) {
            assert!(serde_json::to_string(&f["rows"]).unwrap().contains(&v.days));
        }
    }
    // Daily visits and the looser patterns are told apart by colour.
    let colours = |i: usize| layers[i]["features"][0]["colour"].clone();
    assert_eq!(study.targets[0].modes[0].villages[0].pattern, "daily");
    assert_ne!(study.targets[1].modes[0].villages[0].pattern, "daily");
    assert_ne!(colours(0), colours(1));
    assert_eq!(layers[1]["visible"], true, "the loosest target shown first");
}
