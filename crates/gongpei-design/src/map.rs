//! GeoJSON maps of design results (RFC 7946, WGS84 lon/lat): siting candidates as points with
//! their model and routed costs and the several-hub assignments as straight lines; coverage
//! stations as points and every village's line to its station; pre-cooling stores and the
//! villages sending produce to each; every village's visit pattern. Open them in any GIS or
//! geojson.io; the HTML pages ([`crate::report`]) embed them.

use gongpei_scenario::Scenario;
use serde_json::{json, Value};

use crate::{ColdDesign, CoverDesign, CoverResult, FrequencyStudy, SitingResult};

fn point(scenario: &Scenario, id: &str, properties: Value) -> Option<Value> {
    let s = &scenario.sites[scenario.site_index(id)?];
    Some(json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]},
        "properties": properties,
    }))
}

fn line(scenario: &Scenario, from: &str, to: &str, properties: Value) -> Option<Value> {
    let a = &scenario.sites[scenario.site_index(from)?];
    let b = &scenario.sites[scenario.site_index(to)?];
    Some(json!({
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": [[a.lon, a.lat], [b.lon, b.lat]]},
        "properties": properties,
    }))
}

fn collection(features: Vec<Value>) -> Value {
    json!({"type": "FeatureCollection", "features": features})
}

/// The siting result of `scenario` as a GeoJSON FeatureCollection: one point per candidate
/// (`kind` = `candidate`, with rank, model cost and, when routed, each mode's cost and lead times)
/// and per several-hub solution one line per demand point to its hub (`kind` = `hubs_<p>`).
pub fn siting_geojson(scenario: &Scenario, result: &SitingResult) -> Value {
    let mut features = Vec::new();
    for c in &result.candidates {
        let mut p = json!({
            "kind": "candidate",
            "site": c.site,
            "name": c.name,
            "rank": c.rank,
            "model_daily_cost_cny": c.daily_cost,
            "trunk_km": c.trunk_km,
            "feeder_km": c.feeder_km,
            "within_capacity": c.within_capacity,
        });
        if let Some(e) = result.evaluated.iter().find(|e| e.model.site == c.site) {
            for m in &e.modes {
                let name = m.mode.name();
                p[format!("{name}_cost_cny")] = json!(m.kpis.cost);
                p[format!("{name}_vehicle_km")] = json!(m.kpis.vehicle_km);
                p[format!("{name}_avg_lead_time_h")] = json!(m.kpis.avg_lead_time_h);
                p[format!("{name}_worst_lead_time_h")] = json!(m.kpis.worst_lead_time_h);
                p[format!("{name}_feasible")] = json!(m.feasible);
            }
        }
        features.extend(point(scenario, &c.site, p));
    }
    for h in &result.multi_hub {
        for (from, hub) in &h.assignment {
            let p = json!({"kind": format!("hubs_{}", h.hubs), "from": from, "hub": hub});
            features.extend(line(scenario, from, hub, p));
        }
    }
    collection(features)
}

/// A coverage design of `scenario` as a GeoJSON FeatureCollection: one point per station
/// (`kind` = `station`) and one line per village served at another village's station
/// (`kind` = `collects_at`).
pub fn cover_geojson(scenario: &Scenario, design: &CoverDesign) -> Value {
    let mut features = Vec::new();
    for s in &design.stations {
        let p = json!({
            "kind": "station",
            "site": s.site,
            "name": s.name,
            "upgrades": s.upgrades,
            "cost_per_day_cny": s.cost_per_day,
            "villages": s.villages,
            "radius_km": design.radius_km,
        });
        features.extend(point(scenario, &s.site, p));
    }
    for (village, station) in &design.assignment {
        if let Some(station) = station.as_deref().filter(|s| s != village) {
            let p = json!({"kind": "collects_at", "village": village, "station": station});
            features.extend(line(scenario, village, station, p));
        }
    }
    collection(features)
}

/// Every design of a coverage sweep in one GeoJSON FeatureCollection: the features of
/// [`cover_geojson`] for each design, each with property `design` naming it
/// ([`CoverDesign::label`], e.g. `D=3km` or `D=3km,K=60`), so a GIS can filter one design.
pub fn cover_sweep_geojson(scenario: &Scenario, result: &CoverResult) -> Value {
    let mut features = Vec::new();
    for evaluated in result.by_radius.iter().chain(&result.by_stations) {
        let label = evaluated.design.label();
        if let Value::Object(mut one) = cover_geojson(scenario, &evaluated.design) {
            if let Some(Value::Array(list)) = one.remove("features") {
                for mut feature in list {
                    feature["properties"]["design"] = json!(label);
                    features.push(feature);
                }
            }
        }
    }
    collection(features)
}

/// Pre-cooling designs (one per limit) as one collection: each store as a point (`kind` =
/// `store`, with its limit, villages, parcels, farthest drive and collection cost) and a line
/// from each village to its store (`kind` = `sends_to`); property `max_precooling_h` says which
/// design a feature belongs to.
pub fn cold_geojson(scenario: &Scenario, designs: &[ColdDesign]) -> Value {
    let mut features = Vec::new();
    for d in designs {
        let limit_h = d.max_precooling_s as f64 / 3600.0;
        for s in &d.stores {
            let p = json!({
                "kind": "store",
                "max_precooling_h": limit_h,
                "site": s.site,
                "name": s.name,
                "villages": s.villages.len(),
                "parcels_per_day": s.parcels_per_day,
                "farthest_drive_s": s.farthest_drive_s,
                "collection_cost_cny": s.collection.kpis.cost,
                "collection_vehicle_km": s.collection.kpis.vehicle_km,
                "feasible": s.collection.feasible,
            });
            features.extend(point(scenario, &s.site, p));
            for v in &s.villages {
                let p = json!({"kind": "sends_to", "max_precooling_h": limit_h, "village": v, "store": s.site});
                features.extend(line(scenario, v, &s.site, p));
            }
        }
    }
    collection(features)
}

/// A frequency study as one collection: per lead-time target and mode, every village as a point
/// (`kind` = `village_pattern`) with its pattern family, offset, visit days (`1` = visit, day 0
/// first), visits a week and longest gap.
pub fn frequency_geojson(scenario: &Scenario, study: &FrequencyStudy) -> Value {
    let mut features = Vec::new();
    for t in &study.targets {
        for w in &t.modes {
            for v in &w.villages {
                let p = json!({
                    "kind": "village_pattern",
                    "max_wait_days": t.max_wait_days,
                    "mode": w.mode.name(),
                    "village": v.village,
                    "name": v.name,
                    "pattern": v.pattern,
                    "offset": v.offset,
                    "days": v.days,
                    "visits_per_week": v.visits_per_week,
                    "longest_gap_days": v.longest_gap_days,
                });
                features.extend(point(scenario, &v.village, p));
            }
        }
    }
    collection(features)
}
