//! Parcel carriers: China Post and the express companies.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{CarrierId, SiteId};

/// Whether a carrier is the universal postal operator or a commercial express company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CarrierKind {
    /// China Post / EMS: universal service obligation, usually runs the shared township network.
    Postal,
    /// Express company (顺丰, 中通, 圆通, 韵达, 申通, 极兔 ...).
    Express,
}

/// One carrier with its own depots in the district.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Carrier {
    /// Unique id, e.g. `china_post`, `zto`.
    pub id: CarrierId,
    /// Display name, e.g. 中国邮政.
    pub name: String,
    /// Postal or express.
    pub kind: CarrierKind,
    /// Site ids of the carrier's district depots, where its vans start and end in `separate`
    /// mode and where its parcels enter the district (at least one).
    pub depots: Vec<SiteId>,
    /// Share of the district's parcel volume the scenario assumed for this carrier (0..=1);
    /// informative only, the demand records are authoritative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub volume_share: Option<f64>,
}
