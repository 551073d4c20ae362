//! Sites as they appear in a scenario file.

use super::{OpeningHours, SiteTier};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SiteId;

/// One site: district hub, carrier depot, township centre, village station, bus stop or junction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteSpec {
    /// Unique id. For official divisions this is the NBS code (9 digits for townships,
    /// 12 for villages); other sites use descriptive ids such as `depot_sf`.
    pub id: SiteId,
    /// Name, e.g. 官庄镇 or 西井峪村委会.
    pub name: String,
    /// Official statistical division code (NBS 统计用区划代码), when the site is a division.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Role of the site.
    pub tier: SiteTier,
    /// WGS84 longitude, degrees.
    pub lon: f64,
    /// WGS84 latitude, degrees.
    pub lat: f64,
    /// Id of the township centre site a village (or bus stop) belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township: Option<SiteId>,
    /// When the site accepts deliveries and hands over pickups; always open if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_hours: Option<OpeningHours>,
    /// Parcels per day the site can sort/hand over (township centres in 邮快合作); unlimited if
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handling_capacity_parcels: Option<i64>,
    /// True when the position was generated rather than taken from a source (see metadata).
    #[serde(default)]
    pub synthetic_position: bool,
    /// A building at a village station site that a service station can move into (upgrade
    /// rather than new build, see `gongpei-design`'s station costs); none if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing_facility: Option<ExistingFacility>,
}

/// An existing building at a village that can host a village service station (村级寄递物流综合服务站).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExistingFacility {
    /// The village committee office (村委会).
    VillageCommittee,
    /// A supply and marketing co-operative outlet (供销社).
    SupplyCoop,
    /// A village shop or convenience store (便利店/小卖部).
    Shop,
}

impl ExistingFacility {
    /// Every value, in the order of the file format's documentation.
    pub const ALL: [ExistingFacility; 3] = [
        ExistingFacility::VillageCommittee,
        ExistingFacility::SupplyCoop,
        ExistingFacility::Shop,
    ];
}
