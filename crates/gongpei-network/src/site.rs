//! Sites of the rural delivery network: where parcels are sorted, handed over or delivered.

use geo::Point;

/// The role a site plays in the three-tier rural delivery system (county - township - village).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SiteTier {
    /// County/district sorting hub or a carrier's district depot (县级处理中心).
    DistrictHub,
    /// Township-level centre (乡镇综合服务站), where two-echelon routes hand over.
    TownshipCentre,
    /// Village delivery station (村级服务站点); the place parcels are delivered to.
    VillageStation,
    /// A bus stop or bus station that is not itself one of the sites above.
    BusStop,
    /// A pure road junction: no demand, only there to shape the road graph.
    Junction,
}

impl SiteTier {
    /// All tiers, from the top of the hierarchy down.
    pub const ALL: [SiteTier; 5] = [
        SiteTier::DistrictHub,
        SiteTier::TownshipCentre,
        SiteTier::VillageStation,
        SiteTier::BusStop,
        SiteTier::Junction,
    ];

    /// The snake_case name used in JSON and CSV files.
    ///
    /// ```
    /// use gongpei_network::SiteTier;
    /// assert_eq!(SiteTier::TownshipCentre.as_str(), "township_centre");
    /// assert_eq!("village_station".parse::<SiteTier>(), Ok(SiteTier::VillageStation));
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            SiteTier::DistrictHub => "district_hub",
            SiteTier::TownshipCentre => "township_centre",
            SiteTier::VillageStation => "village_station",
            SiteTier::BusStop => "bus_stop",
            SiteTier::Junction => "junction",
        }
    }
}

impl std::str::FromStr for SiteTier {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SiteTier::ALL
            .into_iter()
            .find(|t| t.as_str() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown site tier {s:?}; expected one of district_hub, township_centre, \
                     village_station, bus_stop, junction"
                )
            })
    }
}

/// Daily opening hours as seconds after midnight, `open_s <= close_s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpeningHours {
    /// Opening time, seconds after midnight.
    pub open_s: i64,
    /// Closing time, seconds after midnight.
    pub close_s: i64,
}

impl OpeningHours {
    /// Open around the clock (0 to 24 h).
    pub const ALWAYS: OpeningHours = OpeningHours {
        open_s: 0,
        close_s: 86_400,
    };

    /// Opening hours from whole hours, e.g. `OpeningHours::hours(8, 18)`.
    pub fn hours(open: i64, close: i64) -> Self {
        OpeningHours {
            open_s: open * 3600,
            close_s: close * 3600,
        }
    }
}

impl Default for OpeningHours {
    fn default() -> Self {
        OpeningHours::ALWAYS
    }
}

/// A site in WGS84 coordinates. Index-based: `township` refers to the index of another site of
/// tier [`SiteTier::TownshipCentre`] in the same site list.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Stable identifier (unique within a network), e.g. the official division code.
    pub id: String,
    /// Human-readable name, e.g. 官庄镇.
    pub name: String,
    /// Role in the delivery system.
    pub tier: SiteTier,
    /// WGS84 position, x = longitude, y = latitude (degrees).
    pub point: Point<f64>,
    /// When the site accepts deliveries.
    pub opening_hours: OpeningHours,
    /// Index of the township centre this site belongs to, if any.
    pub township: Option<usize>,
}

impl Site {
    /// A site open around the clock, belonging to no township.
    ///
    /// ```
    /// use gongpei_network::{Site, SiteTier};
    /// let hub = Site::new("hub", "蓟州区", SiteTier::DistrictHub, 117.40, 40.04);
    /// assert_eq!(hub.point.x(), 117.40);
    /// ```
    pub fn new(id: &str, name: &str, tier: SiteTier, lon: f64, lat: f64) -> Self {
        Site {
            id: id.to_string(),
            name: name.to_string(),
            tier,
            point: Point::new(lon, lat),
            opening_hours: OpeningHours::ALWAYS,
            township: None,
        }
    }
}
