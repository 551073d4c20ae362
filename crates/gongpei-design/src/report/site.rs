//! The siting page: every candidate's model cost, the model's choice, the shortlist planned by
//! routing, the several-hub solutions and the assumptions, as the terminal prints them; the map
//! shows the candidates coloured by model rank (popups with the model cost, each routed mode's
//! cost and lead times) and, per several-hub solution, a layer of lines from each township,
//! depot or hub-direct village to its hub.

use gongpei_coop::report::leaflet::{MapFeature, MapLayer};
use gongpei_scenario::Scenario;

use super::colours::{palette, rank_colour};
use super::frame::{self, line, name_of, point, row, status, verdict};
use super::summary::Summary;
use crate::{map::siting_geojson, SitingResult};

/// The siting result's tables as the terminal prints them and the page shows them: every
/// candidate's model cost, the model's choice, the shortlist per routed mode, several hubs, the
/// assumptions.
pub fn siting_summary(r: &SitingResult) -> Summary {
    let name = |id: &str| {
        r.candidates
            .iter()
            .find(|c| c.site == id)
            .map_or_else(|| id.to_string(), |c| format!("{id} {}", c.name))
    };
    let mut s = Summary::opening(r.hurried);
    s.heading("Candidates as the single hub (location model)");
    s.table(
        &[
            "rank",
            "site",
            "name",
            "trunk trips",
            "trunk km",
            "feeder trips",
            "feeder km",
            "transport yuan/day",
            "handling yuan/day",
            "fixed yuan/day",
            "daily yuan/day",
            "capacity",
        ],
        r.candidates
            .iter()
            .map(|c| {
                vec![
                    c.rank.to_string(),
                    c.site.clone(),
                    c.name.clone(),
                    c.trunk_trips.to_string(),
                    format!("{:.1}", c.trunk_km),
                    c.feeder_trips.to_string(),
                    format!("{:.1}", c.feeder_km),
                    format!("{:.0}", c.transport_cost),
                    format!("{:.0}", c.handling_cost),
                    format!("{:.0}", c.fixed_cost),
                    format!("{:.0}", c.daily_cost),
                    if c.within_capacity { "ok" } else { "OVER" }.into(),
                ]
            })
            .collect(),
    );
    s.note(format!(
        "Model choice (p-median, 1 hub): {} ({}).",
        name(&r.model_choice),
        status(&r.model_status)
    ));
    if !r.evaluated.is_empty() {
        s.heading("Shortlist planned by routing (hub moved there)");
        let mut rows = Vec::new();
        for e in &r.evaluated {
            let model = |mode: &str| {
                vec![
                    e.model.site.clone(),
                    e.model.name.clone(),
                    format!("{:.0}", e.model.daily_cost),
                    mode.to_string(),
                ]
            };
            if let Some(reason) = &e.routing_error {
                let mut row = model("-");
                row.extend(["-", "-", "-", "-", "-"].map(String::from));
                row.push(format!("NOT ROUTABLE: {reason}"));
                rows.push(row);
            }
            for m in &e.modes {
                let mut row = model(m.mode.name());
                row.extend([
                    format!("{:.0}", m.kpis.cost),
                    format!("{:.1}", m.kpis.vehicle_km),
                    m.kpis.vehicles.to_string(),
                    format!("{:.2}", m.kpis.avg_lead_time_h),
                    format!("{:.2}", m.kpis.worst_lead_time_h),
                    verdict(m.feasible, &m.violations),
                ]);
                rows.push(row);
            }
        }
        s.table(
            &[
                "site",
                "name",
                "model yuan/day",
                "mode",
                "routed yuan/day",
                "vehicle-km",
                "vehicles",
                "avg lead h",
                "worst lead h",
                "feasible",
            ],
            rows,
        );
    }
    if !r.multi_hub.is_empty() {
        s.heading("Several hubs (location model)");
        s.table(
            &[
                "hubs",
                "daily yuan/day",
                "trunk + feeder km",
                "status",
                "capacity",
                "sites",
            ],
            r.multi_hub
                .iter()
                .map(|m| {
                    vec![
                        m.hubs.to_string(),
                        format!("{:.0}", m.daily_cost),
                        format!("{:.1}", m.km),
                        status(&m.status),
                        if m.capacity_violations.is_empty() {
                            "ok".into()
                        } else {
                            m.capacity_violations.join("; ")
                        },
                        m.sites
                            .iter()
                            .map(|id| name(id))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ]
                })
                .collect(),
        );
    }
    s.heading("Assumptions");
    s.list(r.assumptions.clone());
    s
}

/// The HTML page of a siting result on `scenario` (the scenario it was computed on).
pub fn siting_html(scenario: &Scenario, r: &SitingResult) -> String {
    let mut h = frame::start(
        scenario,
        "where the sorting centre goes (分拨中心选址)",
        "Each candidate's daily cost as the single hub from the location model, the cheapest \
         planned by routing with the hub moved there, and the model's choice of several hubs.",
    );
    h.push_str(&siting_summary(r).html());
    h.push_str(&frame::map_section(
        scenario,
        "Candidates coloured by their rank in the model (green cheapest, red dearest; larger: \
         planned by routing); one layer per several-hub solution, each township, depot or \
         hub-direct village joined to its hub.",
        layers(scenario, r),
    ));
    h.push_str(&frame::geojson(&siting_geojson(scenario, r)));
    h.push_str(&frame::end(scenario));
    h
}

/// One layer per several-hub solution, then the candidates.
fn layers(scenario: &Scenario, r: &SitingResult) -> Vec<MapLayer> {
    let n = r.candidates.len();
    let candidates: Vec<MapFeature> = r
        .candidates
        .iter()
        .filter_map(|c| {
            let mut rows = vec![
                row("site", c.site.clone()),
                row("model rank", format!("{} of {n}", c.rank)),
                row("model cost", format!("{:.0} yuan/day", c.daily_cost)),
                row(
                    "trunk",
                    format!("{} trips, {:.1} km", c.trunk_trips, c.trunk_km),
                ),
                row(
                    "feeders",
                    format!("{} trips, {:.1} km", c.feeder_trips, c.feeder_km),
                ),
                row(
                    "capacity",
                    if c.within_capacity { "ok" } else { "OVER" }.to_string(),
                ),
            ];
            let evaluated = r.evaluated.iter().find(|e| e.model.site == c.site);
            if let Some(e) = evaluated {
                if let Some(reason) = &e.routing_error {
                    rows.push(row("routing", format!("not routable: {reason}")));
                }
                for m in &e.modes {
                    let name = m.mode.name();
                    rows.push(row(
                        &format!("{name} routed"),
                        format!(
                            "{:.0} yuan/day, {:.1} veh-km{}",
                            m.kpis.cost,
                            m.kpis.vehicle_km,
                            if m.feasible { "" } else { ", INFEASIBLE" }
                        ),
                    ));
                    rows.push(row(
                        &format!("{name} lead time"),
                        format!(
                            "avg {:.2} h, worst {:.2} h",
                            m.kpis.avg_lead_time_h, m.kpis.worst_lead_time_h
                        ),
                    ));
                }
            }
            let radius = if evaluated.is_some() { 9.0 } else { 6.0 };
            point(
                scenario,
                &c.site,
                c.name.clone(),
                rows,
                Some(rank_colour(c.rank, n)),
                radius,
            )
        })
        .collect();
    let mut layers = Vec::new();
    for (k, m) in r.multi_hub.iter().enumerate() {
        let hub_colour = |hub: &str| {
            let i = m.sites.iter().position(|s| s == hub).unwrap_or(0);
            palette(i).to_string()
        };
        let mut features: Vec<MapFeature> = m
            .assignment
            .iter()
            .filter_map(|(from, hub)| {
                line(
                    scenario,
                    from,
                    hub,
                    format!("{} -> {}", name_of(scenario, from), name_of(scenario, hub)),
                    vec![row("from", from.clone()), row("hub", hub.clone())],
                    Some(hub_colour(hub)),
                )
            })
            .collect();
        features.extend(m.sites.iter().filter_map(|s| {
            let served = m.assignment.iter().filter(|(_, h)| h == s).count();
            point(
                scenario,
                s,
                format!("hub of {} ({})", m.hubs, name_of(scenario, s)),
                vec![
                    row("site", s.clone()),
                    row("serves", format!("{served} townships, depots or villages")),
                    row(
                        "solution cost",
                        format!("{:.0} yuan/day, {:.1} km", m.daily_cost, m.km),
                    ),
                ],
                Some(hub_colour(s)),
                12.0,
            )
        }));
        layers.push(MapLayer {
            label: format!("{} hubs: {}", m.hubs, m.sites.join(", ")),
            colour: palette(0).to_string(),
            dashed: false,
            visible: k == 0,
            features,
        });
    }
    // Last, so that the rank colours lie on top of the hubs' larger markers.
    layers.push(MapLayer {
        label: format!("candidates by model rank ({n})"),
        colour: rank_colour(1, n),
        dashed: false,
        visible: true,
        features: candidates,
    });
    layers
}
