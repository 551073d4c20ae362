//! The scenario format's own words for site tiers, road classes, vehicle profiles, opening hours
//! and speeds.
//!
//! The file format is a contract with users' files, the routing network an implementation that
//! may change: so the format does not serialise the network's types. Each type here mirrors one of
//! `gongpei_network` and converts to it (and back, for readers that start from the network, such
//! as OpenStreetMap import) with `From`; a variant added on one side and not the other fails to
//! compile here rather than changing the file format silently. (Examples live here, not on the
//! types, because the types' docs are the JSON Schema's descriptions.)
//!
//! ```
//! use gongpei_scenario::model::{OpeningHours, SiteTier, SpeedTable};
//! assert_eq!(SiteTier::TownshipCentre.as_str(), "township_centre");
//! assert_eq!("village_station".parse::<SiteTier>(), Ok(SiteTier::VillageStation));
//! let routing: gongpei_network::SiteTier = SiteTier::DistrictHub.into();
//! assert_eq!(routing, gongpei_network::SiteTier::DistrictHub);
//!
//! let hours = OpeningHours::hours(8, 18);
//! assert_eq!((hours.open_s, hours.close_s), (28_800, 64_800));
//!
//! let speeds = SpeedTable::default();
//! assert!(speeds.van[4] < speeds.van[2], "mountain roads are slower than county roads");
//! ```

use gongpei_network::{
    RoadClass as NetworkRoadClass, SiteTier as NetworkSiteTier,
    VehicleProfile as NetworkVehicleProfile,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares a scenario enum with the same variants as a network enum, and the conversions both
/// ways, so that the list of variants is written once.
macro_rules! mirrored_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident mirrors $network:ident, called $label:literal {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
            JsonSchema,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order of the file format's documentation.
            pub const ALL: [$name; [$($text),+].len()] = [$($name::$variant),+];

            /// The snake_case name used in JSON files and tables.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let wanted = s.trim();
                $name::ALL
                    .into_iter()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| {
                        let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                        format!(
                            "unknown {} {s:?}; expected one of {}",
                            $label,
                            names.join(", ")
                        )
                    })
            }
        }

        impl From<$name> for $network {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => $network::$variant,)+
                }
            }
        }

        impl From<$network> for $name {
            fn from(value: $network) -> Self {
                match value {
                    $($network::$variant => $name::$variant,)+
                }
            }
        }
    };
}

mirrored_enum! {
    /// The role a site plays in the three-tier rural delivery system (county - township - village).
    pub enum SiteTier mirrors NetworkSiteTier, called "site tier" {
        /// County/district sorting hub or a carrier's district depot (县级处理中心).
        DistrictHub => "district_hub",
        /// Township-level centre (乡镇综合服务站), where two-echelon routes hand over.
        TownshipCentre => "township_centre",
        /// Village delivery station (村级服务站点); the place parcels are delivered to.
        VillageStation => "village_station",
        /// A bus stop or bus station that is not itself one of the sites above.
        BusStop => "bus_stop",
        /// A pure road junction: no demand, only there to shape the road graph.
        Junction => "junction",
    }
}

mirrored_enum! {
    /// Functional class of a road segment, from fastest to slowest.
    pub enum RoadClass mirrors NetworkRoadClass, called "road class" {
        /// Expressway (高速公路).
        Expressway => "expressway",
        /// National or provincial highway (国道/省道).
        NationalProvincial => "national_provincial",
        /// County road (县道).
        County => "county",
        /// Village road (村道), typically narrow and paved.
        Village => "village",
        /// Mountain road: steep and winding (山区道路).
        Mountain => "mountain",
    }
}

mirrored_enum! {
    /// The kind of vehicle: which speeds (and travel matrix) apply to it.
    pub enum VehicleProfile mirrors NetworkVehicleProfile, called "vehicle profile" {
        /// Light delivery van (面包车/轻型厢式车).
        Van => "van",
        /// Trunk truck (中型货车) for hub - township runs.
        Truck => "truck",
        /// Scheduled bus.
        Bus => "bus",
        /// Refrigerated van (冷藏车).
        ColdVan => "cold_van",
    }
}

/// Daily opening hours as seconds after midnight, `open_s <= close_s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
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

impl From<OpeningHours> for gongpei_network::OpeningHours {
    fn from(h: OpeningHours) -> Self {
        gongpei_network::OpeningHours {
            open_s: h.open_s,
            close_s: h.close_s,
        }
    }
}

/// Speeds in km/h per vehicle profile, on expressway, national/provincial, county, village and
/// mountain roads (in that order). The default is the network layer's planning values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpeedTable {
    /// km/h of a van on expressway, national/provincial, county, village, mountain roads.
    pub van: [f64; 5],
    /// km/h of a truck on the same classes.
    pub truck: [f64; 5],
    /// km/h of a bus on the same classes (including stops on the way).
    pub bus: [f64; 5],
    /// km/h of a refrigerated van on the same classes.
    pub cold_van: [f64; 5],
}

impl Default for SpeedTable {
    fn default() -> Self {
        gongpei_network::SpeedTable::default().into()
    }
}

impl From<gongpei_network::SpeedTable> for SpeedTable {
    fn from(t: gongpei_network::SpeedTable) -> Self {
        SpeedTable {
            van: t.van,
            truck: t.truck,
            bus: t.bus,
            cold_van: t.cold_van,
        }
    }
}

impl From<SpeedTable> for gongpei_network::SpeedTable {
    fn from(t: SpeedTable) -> Self {
        gongpei_network::SpeedTable {
            van: t.van,
            truck: t.truck,
            bus: t.bus,
            cold_van: t.cold_van,
        }
    }
}
