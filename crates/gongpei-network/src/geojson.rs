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

/// One route to draw: the sites it visits in order and the properties to attach.
#[derive(Debug, Clone, Default)]
pub struct RouteToDraw {
    /// Site indices in visiting order (depot first and last for a closed tour).
    pub stops: Vec<usize>,
    /// Properties of the feature (route id, carrier, vehicle, km, ...).
    pub properties: Map<String, Value>,
}

/// A FeatureCollection with one LineString per route, drawn along the roads by `router`, and
/// the visited sites as Points (property `route` = the route's position in `routes`).
///
/// ```
/// use gongpei_network::geojson::{routes_collection, RouteToDraw};
/// use gongpei_network::{RoadClass, RoadNetwork, Site, SiteTier, VehicleProfile};
/// let sites = (0..3)
///     .map(|i| Site::new(&i.to_string(), "s", SiteTier::VillageStation, 117.0 + 0.01 * i as f64, 40.0))
///     .collect();
/// let mut net = RoadNetwork::new(sites).unwrap();
/// net.add_road(0, 1, 900.0, RoadClass::Village, false).unwrap();
/// net.add_road(1, 2, 900.0, RoadClass::Village, false).unwrap();
/// let route = RouteToDraw { stops: vec![0, 2, 0], ..Default::default() };
/// let fc = routes_collection(&net.router(VehicleProfile::Van), net.sites(), &[route]).unwrap();
/// let line = &fc["features"][0]["geometry"]["coordinates"];
/// assert_eq!(line.as_array().unwrap().len(), 5); // 0 -> 1 -> 2 -> 1 -> 0 along the road
/// ```
pub fn routes_collection(
    router: &crate::Router<'_>,
    sites: &[Site],
    routes: &[RouteToDraw],
) -> Result<Value, crate::NetworkError> {
    let mut features = Vec::new();
    for (k, route) in routes.iter().enumerate() {
        let line = router.route_geometry(&route.stops)?;
        let mut props = route.properties.clone();
        props.insert("route".into(), k.into());
        features.push(line_feature(&line, props));
        for &s in &route.stops {
            let mut f = site_feature(&sites[s]);
            f["properties"]["route"] = k.into();
            features.push(f);
        }
    }
    Ok(feature_collection(features))
}
