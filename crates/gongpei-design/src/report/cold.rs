//! The pre-cooling page: per limit the stores chosen against the one-cold-store status quo, each
//! store's villages and collection, and the assumptions, as the terminal prints them; the map has
//! a layer per limit with its stores (popups: villages, parcels, farthest drive, collection cost)
//! and a line from each village to its store, and one with the status quo's cold store.

use gongpei_coop::report::leaflet::{MapFeature, MapLayer};
use gongpei_scenario::Scenario;

use super::colours::palette;
use super::frame::{self, line, name_of, point, row, verdict};
use super::summary::Summary;
use crate::map::cold_geojson;
use crate::ColdDesign;

/// The pre-cooling designs' tables as the terminal prints them and the page shows them: per
/// limit the stores against the status quo, then each limit's stores, the assumptions.
pub fn cold_summary(designs: &[ColdDesign]) -> Summary {
    let mut s = Summary::opening(designs.iter().any(|d| d.hurried));
    s.heading("Pre-cooling stores against the limit");
    s.table(
        &[
            "limit h",
            "villages",
            "stores",
            "stores yuan/day",
            "collection yuan/day",
            "total yuan/day",
            "feasible",
            "optimal",
            "choose",
            "status quo site",
            "status quo yuan/day",
            "beyond round trip",
            "status quo feasible",
        ],
        designs
            .iter()
            .map(|d| {
                let b = &d.baseline;
                vec![
                    format!("{:.2}", d.max_precooling_s as f64 / 3600.0),
                    d.villages.to_string(),
                    d.stores.len().to_string(),
                    format!("{:.0}", d.stores_cost_per_day),
                    format!("{:.0}", d.collection_cost_per_day),
                    format!("{:.0}", d.stores_cost_per_day + d.collection_cost_per_day),
                    if d.feasible { "yes" } else { "NO" }.into(),
                    if d.status.is_optimal() { "yes" } else { "gap" }.into(),
                    d.recommendation.clone(),
                    b.site.clone(),
                    format!("{:.0}", b.collection.kpis.cost),
                    b.villages_beyond_round_trip.len().to_string(),
                    verdict(b.collection.feasible, &b.collection.violations),
                ]
            })
            .collect(),
    );
    for d in designs {
        s.heading(format!(
            "Stores for {:.2} h ({} candidates)",
            d.max_precooling_s as f64 / 3600.0,
            d.candidates.len()
        ));
        s.table(
            &[
                "site",
                "name",
                "villages",
                "parcels/day",
                "farthest drive s",
                "collection yuan/day",
                "vehicle-km",
                "feasible",
            ],
            d.stores
                .iter()
                .map(|st| {
                    vec![
                        st.site.clone(),
                        st.name.clone(),
                        st.villages.len().to_string(),
                        st.parcels_per_day.to_string(),
                        st.farthest_drive_s.to_string(),
                        format!("{:.0}", st.collection.kpis.cost),
                        format!("{:.1}", st.collection.kpis.vehicle_km),
                        verdict(st.collection.feasible, &st.collection.violations),
                    ]
                })
                .collect(),
        );
    }
    if let Some(d) = designs.first() {
        s.heading("Assumptions");
        s.list(d.assumptions.clone());
    }
    s
}

/// The HTML page of pre-cooling designs (one per limit) on `scenario`.
pub fn cold_html(scenario: &Scenario, designs: &[ColdDesign]) -> String {
    let mut h = frame::start(
        scenario,
        "pre-cooling stores at field markets (田头市场预冷)",
        "Which markets get a pre-cooling store so that chilled produce reaches one within each \
         limit (set covering), every store's collection planned by routing, the status quo of one \
         cold store beside it.",
    );
    h.push_str(&cold_summary(designs).html());
    h.push_str(&frame::map_section(
        scenario,
        "One layer per limit (the first shown): its stores and a line from each village with \
         chilled pickups to its store; the status quo's cold store with every such village in \
         its own layer.",
        layers(scenario, designs),
    ));
    h.push_str(&frame::geojson(&cold_geojson(scenario, designs)));
    h.push_str(&frame::end(scenario));
    h
}

fn layers(scenario: &Scenario, designs: &[ColdDesign]) -> Vec<MapLayer> {
    let mut layers = Vec::new();
    for (i, d) in designs.iter().enumerate() {
        let limit_h = d.max_precooling_s as f64 / 3600.0;
        let mut features: Vec<MapFeature> = Vec::new();
        for s in &d.stores {
            features.extend(s.villages.iter().filter_map(|v| {
                line(
                    scenario,
                    v,
                    &s.site,
                    format!("{} -> {}", name_of(scenario, v), name_of(scenario, &s.site)),
                    vec![row("village", v.clone()), row("store", s.site.clone())],
                    None,
                )
            }));
        }
        features.extend(d.stores.iter().filter_map(|s| {
            point(
                scenario,
                &s.site,
                format!("pre-cooling store {}", s.name),
                vec![
                    row("site", s.site.clone()),
                    row("limit", format!("{limit_h:.2} h from pickup")),
                    row("villages", s.villages.len().to_string()),
                    row("chilled parcels", format!("{} a day", s.parcels_per_day)),
                    row(
                        "farthest drive",
                        format!("{:.0} min", s.farthest_drive_s as f64 / 60.0),
                    ),
                    row(
                        "collection",
                        format!(
                            "{:.0} yuan/day, {:.1} veh-km",
                            s.collection.kpis.cost, s.collection.kpis.vehicle_km
                        ),
                    ),
                    row(
                        "feasible",
                        verdict(s.collection.feasible, &s.collection.violations),
                    ),
                ],
                None,
                8.0,
            )
        }));
        layers.push(MapLayer {
            label: format!(
                "within {limit_h:.2} h: {} stores, {:.0} yuan/day",
                d.stores.len(),
                d.stores_cost_per_day + d.collection_cost_per_day
            ),
            colour: palette(i).to_string(),
            dashed: false,
            visible: i == 0,
            features,
        });
    }
    if let Some(d) = designs.first() {
        let b = &d.baseline;
        let mut villages: Vec<&String> = d.stores.iter().flat_map(|s| &s.villages).collect();
        villages.sort();
        let mut features: Vec<MapFeature> = villages
            .iter()
            .filter_map(|v| {
                line(
                    scenario,
                    v,
                    &b.site,
                    format!("{} -> {}", name_of(scenario, v), name_of(scenario, &b.site)),
                    vec![
                        row("village", (*v).clone()),
                        row("cold store", b.site.clone()),
                    ],
                    None,
                )
            })
            .collect();
        features.extend(point(
            scenario,
            &b.site,
            format!("cold store {}", name_of(scenario, &b.site)),
            vec![
                row("site", b.site.clone()),
                row(
                    "collection",
                    format!("{:.0} yuan/day", b.collection.kpis.cost),
                ),
                row(
                    "beyond round trip",
                    format!("{} villages", b.villages_beyond_round_trip.len()),
                ),
                row(
                    "feasible",
                    verdict(b.collection.feasible, &b.collection.violations),
                ),
            ],
            None,
            9.0,
        ));
        layers.push(MapLayer {
            label: format!("status quo: one cold store ({})", b.site),
            colour: "#00a6c8".into(),
            dashed: true,
            visible: false,
            features,
        });
    }
    layers
}
