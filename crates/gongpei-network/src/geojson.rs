//! GeoJSON export of sites and route lines (RFC 7946: WGS84 lon/lat), so plans open in QGIS,
//! geojson.io or Leaflet.

use geo::Point;
use serde_json::{json, Map, Value};

use crate::site::Site;

/// A Point feature for a site, with id, name, tier and township index as properties.
///
/// ```
/// use gongpei_network::{geojson, Site, SiteTier};
/// let f = geojson::site_feature(&Site::new("1", "A", SiteTier::Junction, 117.0, 40.0));
/// assert_eq!(f["geometry"]["coordinates"][0], 117.0);
/// assert_eq!(f["properties"]["tier"], "junction");
/// ```
pub fn site_feature(site: &Site) -> Value {
    json!({
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [site.point.x(), site.point.y()]},
        "properties": {
            "id": site.id,
            "name": site.name,
            "tier": site.tier.as_str(),
            "open_s": site.opening_hours.open_s,
            "close_s": site.opening_hours.close_s,
        }
    })
}

/// A LineString feature through `points`, carrying `properties` (e.g. route id, carrier, km).
pub fn line_feature(points: &[Point<f64>], properties: Map<String, Value>) -> Value {
    let coordinates: Vec<[f64; 2]> = points.iter().map(|p| [p.x(), p.y()]).collect();
    json!({
        "type": "Feature",
        "geometry": {"type": "LineString", "coordinates": coordinates},
        "properties": Value::Object(properties),
    })
}

/// Wraps features into a FeatureCollection.
pub fn feature_collection(features: Vec<Value>) -> Value {
    json!({"type": "FeatureCollection", "features": features})
}

/// A FeatureCollection of all `sites`.
pub fn sites_collection(sites: &[Site]) -> Value {
    feature_collection(sites.iter().map(site_feature).collect())
}
