//! GeoJSON export of a scenario: its sites as Points (with tier, township, synthetic flag) and
//! its roads as LineStrings (with class and length), WGS84, for QGIS, geojson.io or Leaflet.

use serde_json::{json, Map, Value};

use crate::model::Scenario;

/// A FeatureCollection of the scenario's sites and roads.
///
/// ```
/// let s = gongpei_scenario::generate::generate(gongpei_scenario::generate::Preset::Small, 1).unwrap();
/// let fc = gongpei_scenario::export::geojson(&s);
/// assert_eq!(fc["features"].as_array().unwrap().len(), s.sites.len() + s.roads.edges.len());
/// ```
pub fn geojson(scenario: &Scenario) -> Value {
    let index: std::collections::HashMap<&str, usize> = scenario
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut features = Vec::with_capacity(scenario.sites.len() + scenario.roads.edges.len());
    for s in &scenario.sites {
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [s.lon, s.lat]},
            "properties": {
                "id": s.id,
                "name": s.name,
                "tier": s.tier.as_str(),
                "township": s.township,
                "synthetic_position": s.synthetic_position,
            }
        }));
    }
    for e in &scenario.roads.edges {
        let (Some(&a), Some(&b)) = (index.get(e.from.as_str()), index.get(e.to.as_str())) else {
            continue; // validated scenarios have no dangling edges
        };
        let (a, b) = (&scenario.sites[a], &scenario.sites[b]);
        let mut props = Map::new();
        props.insert("from".into(), e.from.clone().into());
        props.insert("to".into(), e.to.clone().into());
        props.insert(
            "class".into(),
            serde_json::to_value(e.class).unwrap_or(Value::Null),
        );
        props.insert("length_m".into(), e.length_m.into());
        props.insert("one_way".into(), e.one_way.into());
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "LineString", "coordinates": [[a.lon, a.lat], [b.lon, b.lat]]},
            "properties": Value::Object(props),
        }));
    }
    json!({"type": "FeatureCollection", "features": features})
}
