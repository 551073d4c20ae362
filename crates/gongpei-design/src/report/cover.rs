//! The coverage page: today's routed cost, cost against D (set covering) and against K (maximal
//! covering) with every routed mode, and the assumptions, as the terminal prints them; the map
//! has a layer per design with its stations (popups: cost, villages served, radius), a circle of
//! D km around each and a line from every village served at a station to that station.

use gongpei_coop::report::leaflet::{MapFeature, MapLayer, Shape};
use gongpei_scenario::Scenario;

use super::colours::palette;
use super::frame::{self, at, line, name_of, point, row, status, verdict};
use super::summary::Summary;
use crate::map::cover_sweep_geojson;
use crate::{CoverEvaluation, CoverResult};

/// The coverage sweep's tables as the terminal prints them and the page shows them: today's
/// routed cost, cost against D and against K per routed mode, the assumptions.
pub fn cover_summary(r: &CoverResult) -> Summary {
    let mut s = Summary::opening(r.hurried);
    if !r.baseline.is_empty() {
        s.heading("Today (a stop at every village)");
        s.table(
            &[
                "mode",
                "routed yuan/day",
                "vehicle-km",
                "villages",
                "feasible",
            ],
            r.baseline
                .iter()
                .map(|m| {
                    vec![
                        m.mode.name().into(),
                        format!("{:.0}", m.kpis.cost),
                        format!("{:.1}", m.kpis.vehicle_km),
                        m.kpis.villages_served.to_string(),
                        verdict(m.feasible, &m.violations),
                    ]
                })
                .collect(),
        );
    }
    if !r.by_radius.is_empty() {
        s.heading("Cost against D (set covering: every village within D km)");
        designs_table(&mut s, &r.by_radius);
    }
    if !r.by_stations.is_empty() {
        s.heading("Cost against K (maximal covering: most parcels within D of K stations)");
        designs_table(&mut s, &r.by_stations);
    }
    s.note(
        "kept home: villages within D that keep their own stop because their merged records \
         would overflow the largest van; stations yuan/day: amortised capital + operating.",
    );
    s.heading("Assumptions");
    s.list(r.assumptions.clone());
    s
}

/// The HTML page of a coverage sweep on `scenario` (the scenario it was computed on).
pub fn cover_html(scenario: &Scenario, r: &CoverResult) -> String {
    let mut h = frame::start(
        scenario,
        "village service stations (村级寄递物流综合服务站)",
        "Which villages host a station: set covering for each radius D (every village within D km \
         by road) and maximal covering for each station count K; villages without a station are \
         served at theirs, and every design is planned by routing.",
    );
    h.push_str(&cover_summary(r).html());
    let layers: Vec<MapLayer> = r
        .by_radius
        .iter()
        .chain(&r.by_stations)
        .enumerate()
        .map(|(i, c)| layer(scenario, c, i))
        .collect();
    h.push_str(&frame::map_section(
        scenario,
        "One layer per design (the first shown): its stations, a circle of D km around each (as \
         the crow flies: coverage is by road, so every village served lies inside) and a line \
         from each village served at a station to it.",
        layers,
    ));
    h.push_str(&frame::geojson(&cover_sweep_geojson(scenario, r)));
    h.push_str(&frame::end(scenario));
    h
}

/// One row per design and routed mode (one without mode figures for a model-only or
/// unroutable design, the reason in the last column), then a note per design whose shared
/// last-mile fleet was enlarged.
fn designs_table(s: &mut Summary, list: &[CoverEvaluation]) {
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    for c in list {
        let d = &c.design;
        let upgrades = d.stations.iter().filter(|s| s.upgrades.is_some()).count();
        let design = vec![
            format!("{:.1}", d.radius_km),
            d.max_stations.map_or("-".to_string(), |k| k.to_string()),
            d.stations.len().to_string(),
            upgrades.to_string(),
            d.over_capacity.len().to_string(),
            format!("{:.0}", d.station_cost_per_day),
            format!("{:.0}", d.capital),
            format!(
                "{:.1} %",
                100.0 * d.covered_parcels as f64 / d.total_parcels.max(1) as f64
            ),
            format!("{:.2}", d.avg_resident_km),
            format!("{:.2}", d.worst_resident_km),
            status(&d.status),
        ];
        if c.modes.is_empty() {
            let mut r = design.clone();
            r.extend(["-", "-", "-", "-"].map(String::from));
            r.push(match &c.routing_error {
                Some(reason) => format!("NOT ROUTABLE: {reason}"),
                None => "(model only)".to_string(),
            });
            rows.push(r);
        }
        for m in &c.modes {
            let mut r = design.clone();
            r.extend([
                m.mode.name().to_string(),
                format!("{:.0}", m.kpis.cost),
                format!("{:.0}", m.kpis.cost + d.station_cost_per_day),
                format!("{:.1}", m.kpis.vehicle_km),
                verdict(m.feasible, &m.violations),
            ]);
            rows.push(r);
        }
        if !c.fleet_added.is_empty() {
            notes.push(format!(
                "{}: shared last-mile fleet enlarged for this design: {}",
                d.label(),
                c.fleet_added.join(", ")
            ));
        }
    }
    s.table(
        &[
            "D km",
            "K",
            "stations",
            "upgrades",
            "kept home",
            "stations yuan/day",
            "capital yuan",
            "parcels at stations",
            "avg residents' km",
            "worst residents' km",
            "model status",
            "mode",
            "routed yuan/day",
            "routed + stations yuan/day",
            "vehicle-km",
            "feasible",
        ],
        rows,
    );
    for n in notes {
        s.note(n);
    }
}

/// One design's layer: circles, lines, then the stations on top.
fn layer(scenario: &Scenario, c: &CoverEvaluation, i: usize) -> MapLayer {
    let d = &c.design;
    let colour = palette(i).to_string();
    let mut features: Vec<MapFeature> = d
        .stations
        .iter()
        .filter_map(|s| {
            let [lon, lat] = at(scenario, &s.site)?;
            Some(MapFeature {
                link: None,
                title: format!("{} km around {}", d.radius_km, s.name),
                rows: vec![row("station", s.site.clone())],
                colour: None,
                shape: Shape::Circle {
                    lon,
                    lat,
                    radius_m: d.radius_km * 1000.0,
                },
            })
        })
        .collect();
    features.extend(d.assignment.iter().filter_map(|(village, station)| {
        let station = station.as_deref().filter(|s| s != village)?;
        line(
            scenario,
            village,
            station,
            format!(
                "{} collects at {}",
                name_of(scenario, village),
                name_of(scenario, station)
            ),
            vec![row("village", village.clone()), row("station", station)],
            None,
        )
    }));
    features.extend(d.stations.iter().filter_map(|s| {
        point(
            scenario,
            &s.site,
            format!("station {}", s.name),
            vec![
                row("site", s.site.clone()),
                row(
                    "kind",
                    match s.upgrades {
                        Some(f) => format!("upgrade of {}", facility_name(f)),
                        None => "new build".to_string(),
                    },
                ),
                row("cost", format!("{:.1} yuan/day", s.cost_per_day)),
                row("villages served", s.villages.to_string()),
                row("radius D", format!("{} km by road", d.radius_km)),
            ],
            None,
            7.0,
        )
    }));
    let label = d.label();
    let total: f64 = c
        .modes
        .iter()
        .map(|m| m.kpis.cost)
        .min_by(f64::total_cmp)
        .map_or(d.station_cost_per_day, |r| r + d.station_cost_per_day);
    MapLayer {
        label: format!(
            "{label}: {} stations, {:.0} yuan/day{}",
            d.stations.len(),
            total,
            if c.modes.is_empty() {
                " (stations only)"
            } else {
                " (cheapest mode + stations)"
            }
        ),
        colour,
        dashed: false,
        visible: i == 0,
        features,
    }
}

/// The facility's name as in the scenario file (`village_committee`, `supply_coop`, `shop`),
/// spaced.
fn facility_name(f: gongpei_scenario::model::ExistingFacility) -> String {
    serde_json::to_value(f)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}
