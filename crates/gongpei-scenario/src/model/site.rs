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
}
