//! `routes.geojson`: every planned route of every mode as a LineString along the roads (RFC 7946,
//! WGS84 lon/lat), bus loads as straight LineStrings from loading to unloading stop, and the
//! sites as Points, each with the properties a GIS user filters and styles by.

use serde_json::{json, Map, Value};

use super::model::{clock, ReportModel};

fn route_feature(r: &super::model::RouteRecord, geometry: &str) -> Value {
    json!({
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": r.line},
        "properties": {
            "kind": "route",
            "route": r.id,
            "mode": r.mode,
            "leg": r.leg,
            "fleet": r.fleet,
            "operator": r.operator,
            "vehicle_type": r.vehicle,
            "profile": r.profile,
            "carriers": r.carriers.join(";"),
            "start_site": r.start_name,
            "start_hhmm": clock(r.start_s),
            "end_hhmm": clock(r.end_s),
            "distance_km": r.distance_km,
            "duration_h": r.duration_h,
            "cost_cny": r.cost_cny,
            "stops": r.stops,
            "parcels_in": r.parcels_in,
            "parcels_out": r.parcels_out,
            "kg_in": r.kg_in,
            "kg_out": r.kg_out,
            "chilled_parcels_in": r.chilled_in,
            "capacity_parcels": r.capacity[0],
            "capacity_kg": r.capacity[1],
            "peak_load_parcels": r.peak_parcels,
            "peak_load_kg": r.peak_kg,
            "load_pct": r.load_pct,
            "geometry": geometry,
        }
    })
}

/// The GeoJSON FeatureCollection of a report model (routes, bus loads, sites). The collection's
/// foreign members `title` and `geometry` say whose district it is and how lines were drawn
/// (`roads`, or `straight_lines_no_roads` when the scenario has no road graph).
pub fn routes_geojson(model: &ReportModel) -> Value {
    let mut features: Vec<Value> = model
        .routes
        .iter()
        .map(|r| route_feature(r, model.geometry))
        .collect();
    for b in &model.bus {
        let (Some(from), Some(to)) = (model.site(b.board_site), model.site(b.alight_site)) else {
            continue;
        };
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[from.lon, from.lat], [to.lon, to.lat]]},
            "properties": {
                "kind": "bus_load",
                "mode": b.mode,
                "line": b.line,
                "run": b.run,
                "board_site": from.name,
                "alight_site": to.name,
                "departure_hhmm": clock(b.departure_s),
                "arrival_hhmm": clock(b.arrival_s),
                "direction": if b.inbound { "to_village" } else { "produce_back" },
                "parcels": b.parcels,
                "kg": b.kg,
                "fee_cny": b.fee_cny,
                "carriers": b.carriers.join(";"),
                "geometry": "straight_line",
            }
        }));
    }
    for s in &model.sites {
        let mut props = Map::new();
        props.insert("kind".into(), "site".into());
        props.insert("site_id".into(), s.id.clone().into());
        props.insert("name".into(), s.name.clone().into());
        props.insert("tier".into(), s.tier.clone().into());
        props.insert(
            "township".into(),
            s.township.clone().map_or(Value::Null, Value::from),
        );
        props.insert(
            "parcels_in".into(),
            s.demand.iter().map(|d| d.1).sum::<i64>().into(),
        );
        props.insert(
            "parcels_out".into(),
            s.demand.iter().map(|d| d.2).sum::<i64>().into(),
        );
        for (mode, by) in &s.served_by {
            props.insert(format!("served_by_{mode}"), by.join(";").into());
        }
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]},
            "properties": Value::Object(props),
        }));
    }
    json!({
        "type": "FeatureCollection",
        "title": model.title,
        "scenario": model.scenario,
        "geometry": model.geometry,
        "features": features,
    })
}
