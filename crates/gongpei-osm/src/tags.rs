//! From OpenStreetMap way tags to what routing needs: is the way drivable by vans and trucks,
//! its [`RoadClass`], its driving directions and its posted speed limit.
//!
//! The mapping (see the crate README for the table and the reasons):
//! - `motorway`, `motorway_link` -> [`RoadClass::Expressway`];
//! - `trunk(_link)`, `primary(_link)` -> [`RoadClass::NationalProvincial`];
//! - `secondary(_link)`, `tertiary(_link)` -> [`RoadClass::County`];
//! - `unclassified`, `residential`, `living_street`, `road`, `service` -> [`RoadClass::Village`];
//! - `track` -> [`RoadClass::Mountain`] (the slowest class) unless `tracktype` is grade3 to
//!   grade5 (unpaved earth or grass: dropped);
//! - everything else (footway, path, cycleway, steps, pedestrian, bridleway, construction,
//!   proposed, platform, corridor, raceway, ...) is not driven and dropped; so are ways with
//!   `access`, `vehicle`, `motor_vehicle` or `motorcar` = `no` / `private`, `area=yes`,
//!   `oneway=reversible|alternating`, and parking aisles and drive-throughs.

use gongpei_network::RoadClass;

/// Which way(s) a road can be driven, relative to the order of its nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Both ways.
    Both,
    /// Only in node order.
    Forward,
    /// Only against node order (`oneway=-1`).
    Backward,
}

/// The outcome of parsing a `maxspeed` value.
#[derive(Debug, Clone, PartialEq)]
pub enum MaxSpeed {
    /// No `maxspeed` tag.
    Absent,
    /// A limit in km/h (converted from mph where tagged so).
    Kmh(f64),
    /// `maxspeed=none`: no limit (German autobahn style); the class speed applies.
    NoLimit,
    /// A value that is not a number of km/h or mph (zone codes such as `FR:urban`,
    /// `signals`, lists): ignored, counted in the import report.
    Unparsed(String),
}

/// A drivable way's routing attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct WayAttributes {
    /// Functional class, which sets the speed per vehicle profile.
    pub class: RoadClass,
    /// Driving directions.
    pub direction: Direction,
    /// Posted limit, if tagged.
    pub max_speed: MaxSpeed,
}

/// Why a way with a `highway` tag is not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DropReason {
    /// A highway value vans and trucks do not drive on (footway, path, steps, ...).
    NotForVehicles,
    /// Under construction, proposed, abandoned or disused.
    NotBuilt,
    /// `access` (or `vehicle`, `motor_vehicle`, `motorcar`) is `no` or `private`.
    NoAccess,
    /// An area (`area=yes`), a parking aisle or a drive-through.
    AreaOrParking,
    /// Direction changes over time (`oneway=reversible|alternating`): cannot be modelled.
    ReversibleOneway,
    /// A track too rough for a van (`tracktype=grade3..grade5`).
    RoughTrack,
    /// A highway value not known to the mapping.
    UnknownHighway,
}

impl DropReason {
    /// Short label used in reports.
    pub fn label(self) -> &'static str {
        match self {
            DropReason::NotForVehicles => "not for vehicles (footway, path, steps, ...)",
            DropReason::NotBuilt => "construction / proposed / abandoned",
            DropReason::NoAccess => "access no/private",
            DropReason::AreaOrParking => "area, parking aisle or drive-through",
            DropReason::ReversibleOneway => "reversible oneway",
            DropReason::RoughTrack => "rough track (grade3-5)",
            DropReason::UnknownHighway => "unknown highway value",
        }
    }
}

/// The class of a `highway=*` value, or why such a way is not driven.
///
/// ```
/// use gongpei_network::RoadClass;
/// use gongpei_osm::tags::{highway_class, DropReason};
/// assert_eq!(highway_class("primary"), Ok(RoadClass::NationalProvincial));
/// assert_eq!(highway_class("footway"), Err(DropReason::NotForVehicles));
/// ```
pub fn highway_class(highway: &str) -> Result<RoadClass, DropReason> {
    use RoadClass::*;
    Ok(match highway {
        "motorway" | "motorway_link" => Expressway,
        "trunk" | "trunk_link" | "primary" | "primary_link" => NationalProvincial,
        "secondary" | "secondary_link" | "tertiary" | "tertiary_link" => County,
        "unclassified" | "residential" | "living_street" | "road" | "service" => Village,
        "track" => Mountain,
        "footway" | "path" | "cycleway" | "steps" | "pedestrian" | "bridleway" | "corridor"
        | "platform" | "elevator" | "via_ferrata" | "busway" | "bus_guideway" | "raceway"
        | "escape" | "rest_area" | "services" | "emergency_bay" | "crossing" | "sidewalk" => {
            return Err(DropReason::NotForVehicles)
        }
        "construction" | "proposed" | "planned" | "abandoned" | "disused" | "razed" => {
            return Err(DropReason::NotBuilt)
        }
        _ => return Err(DropReason::UnknownHighway),
    })
}

/// Parses a `maxspeed` value: `50`, `50 km/h`, `50kmh`, `30 mph`, `none`.
///
/// ```
/// use gongpei_osm::tags::{parse_max_speed, MaxSpeed};
/// assert_eq!(parse_max_speed("50"), MaxSpeed::Kmh(50.0));
/// assert_eq!(parse_max_speed("30 mph"), MaxSpeed::Kmh(30.0 * 1.609344));
/// assert_eq!(parse_max_speed("none"), MaxSpeed::NoLimit);
/// assert!(matches!(parse_max_speed("FR:urban"), MaxSpeed::Unparsed(_)));
/// ```
pub fn parse_max_speed(value: &str) -> MaxSpeed {
    let text = value.trim();
    if text.eq_ignore_ascii_case("none") {
        return MaxSpeed::NoLimit;
    }
    let lower = text.to_ascii_lowercase();
    let (number, factor) = if let Some(n) = lower.strip_suffix("mph") {
        (n, 1.609344)
    } else if let Some(n) = lower
        .strip_suffix("km/h")
        .or_else(|| lower.strip_suffix("kmh"))
        .or_else(|| lower.strip_suffix("kph"))
    {
        (n, 1.0)
    } else {
        (lower.as_str(), 1.0)
    };
    match number.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 300.0 => MaxSpeed::Kmh(v * factor),
        _ => MaxSpeed::Unparsed(text.to_string()),
    }
}

fn is_denied(value: Option<&str>) -> bool {
    matches!(value, Some("no" | "private"))
}

/// Reads a way's tags (`get` looks a key up) into routing attributes, or the reason to drop it.
/// Returns `None` for ways without a `highway` tag (buildings, rivers, ...).
pub fn way_attributes<'a>(
    get: impl Fn(&str) -> Option<&'a str>,
) -> Option<Result<WayAttributes, DropReason>> {
    let highway = get("highway")?;
    Some(classify(highway, &get))
}

fn classify<'a>(
    highway: &str,
    get: &impl Fn(&str) -> Option<&'a str>,
) -> Result<WayAttributes, DropReason> {
    let class = highway_class(highway)?;
    if highway == "track" && matches!(get("tracktype"), Some("grade3" | "grade4" | "grade5")) {
        return Err(DropReason::RoughTrack);
    }
    // The most specific tag wins: motorcar over motor_vehicle over vehicle over access.
    let access = ["motorcar", "motor_vehicle", "vehicle", "access"]
        .into_iter()
        .find_map(get);
    if is_denied(access) {
        return Err(DropReason::NoAccess);
    }
    if get("area") == Some("yes")
        || matches!(get("service"), Some("parking_aisle" | "drive-through"))
    {
        return Err(DropReason::AreaOrParking);
    }
    let implied_oneway = matches!(highway, "motorway" | "motorway_link")
        || matches!(get("junction"), Some("roundabout" | "circular"));
    let direction = match get("oneway") {
        Some("yes" | "true" | "1") => Direction::Forward,
        Some("-1" | "reverse") => Direction::Backward,
        Some("no" | "false" | "0") => Direction::Both,
        Some("reversible" | "alternating") => return Err(DropReason::ReversibleOneway),
        _ if implied_oneway => Direction::Forward,
        _ => Direction::Both,
    };
    let max_speed = get("maxspeed").map_or(MaxSpeed::Absent, parse_max_speed);
    Ok(WayAttributes {
        class,
        direction,
        max_speed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs(tags: &[(&'static str, &'static str)]) -> Option<Result<WayAttributes, DropReason>> {
        way_attributes(|k| tags.iter().find(|(key, _)| *key == k).map(|(_, v)| *v))
    }

    #[test]
    fn directions_follow_oneway_roundabouts_and_motorways() {
        let dir = |t: &[(&'static str, &'static str)]| attrs(t).unwrap().unwrap().direction;
        assert_eq!(dir(&[("highway", "residential")]), Direction::Both);
        assert_eq!(
            dir(&[("highway", "residential"), ("oneway", "yes")]),
            Direction::Forward
        );
        assert_eq!(
            dir(&[("highway", "primary"), ("oneway", "-1")]),
            Direction::Backward
        );
        assert_eq!(
            dir(&[("highway", "primary"), ("junction", "roundabout")]),
            Direction::Forward
        );
        assert_eq!(dir(&[("highway", "motorway")]), Direction::Forward);
        assert_eq!(
            dir(&[("highway", "motorway"), ("oneway", "no")]),
            Direction::Both
        );
    }

    #[test]
    fn access_areas_and_rough_tracks_are_dropped() {
        let why = |t: &[(&'static str, &'static str)]| attrs(t).unwrap().unwrap_err();
        assert_eq!(
            why(&[("highway", "service"), ("access", "private")]),
            DropReason::NoAccess
        );
        assert_eq!(
            why(&[("highway", "track"), ("tracktype", "grade4")]),
            DropReason::RoughTrack
        );
        assert_eq!(why(&[("highway", "steps")]), DropReason::NotForVehicles);
        assert_eq!(why(&[("highway", "proposed")]), DropReason::NotBuilt);
        assert_eq!(
            why(&[("highway", "pedestrian"), ("area", "yes")]),
            DropReason::NotForVehicles
        );
        assert_eq!(
            why(&[("highway", "service"), ("service", "parking_aisle")]),
            DropReason::AreaOrParking
        );
        // A specific permission overrides a general ban.
        assert!(attrs(&[
            ("highway", "service"),
            ("access", "no"),
            ("motor_vehicle", "yes")
        ])
        .unwrap()
        .is_ok());
        assert!(attrs(&[("building", "yes")]).is_none());
    }

    #[test]
    fn max_speeds_parse_or_are_reported() {
        assert_eq!(parse_max_speed("50 km/h"), MaxSpeed::Kmh(50.0));
        assert_eq!(parse_max_speed("80kmh"), MaxSpeed::Kmh(80.0));
        assert_eq!(parse_max_speed(" 90 "), MaxSpeed::Kmh(90.0));
        assert_eq!(
            parse_max_speed("signals"),
            MaxSpeed::Unparsed("signals".into())
        );
        assert_eq!(parse_max_speed("50;30"), MaxSpeed::Unparsed("50;30".into()));
        assert_eq!(parse_max_speed("0"), MaxSpeed::Unparsed("0".into()));
    }
}
