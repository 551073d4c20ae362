//! The scenario data model: what a JSON scenario file contains, as plain serde types.
//!
//! A [`Scenario`] is a self-contained description of one district's daily parcel flows: the
//! sites (hub, township centres, village stations, bus stops), the roads between them, the
//! carriers with their depots and per-village daily demand, every operator's vehicle types with
//! their costs, the scheduled bus lines that can carry parcels (交邮合作), the cost parameters of
//! cooperation, the commerce partners with their shops' replenishment (快商合作), and metadata saying where each part came from and which parts are synthetic.
//!
//! References between parts are by string id (`SiteId`, `CarrierId`, ...), checked by
//! [`crate::validate()`]. Times are seconds after midnight, distances metres, masses kilograms,
//! money yuan (CNY). All coordinates are WGS84.

mod bus;
mod carrier;
mod commerce;
mod costs;
mod demand;
mod finance;
mod fleet;
mod metadata;
mod roads;
mod site;
mod vocabulary;

pub use bus::{
    BusLine, BusRun, DEFAULT_FUEL_COST_PER_KG, DEFAULT_HANDLING_COST_PER_PARCEL,
    DEFAULT_HANDOVER_COST_PER_STOP,
};
pub use carrier::{Carrier, CarrierKind};
pub use commerce::{Commerce, CommerceKind, CommercePartner, Replenishment};
pub use costs::{CostParameters, Emission, DEFAULT_VILLAGE_STATION_COMMISSION};
pub use demand::{Demand, Temperature, TimeWindow};
pub use finance::{Facility, Finance, ModeScope, Subsidy, SubsidyBasis};
pub use fleet::{Echelon, VehicleTypeSpec, SHARED_OPERATOR};
pub use metadata::{DistrictIdentity, Metadata, SourceCredit, SyntheticPart};
pub use roads::{ExternalMatrix, OsmRoads, RoadEdge, Roads};
pub use site::{ExistingFacility, SiteSpec};
pub use vocabulary::{OpeningHours, RoadClass, SiteTier, SpeedTable, VehicleProfile};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The scenario format version this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Identifier of a site (unique among `sites`), e.g. an official NBS division code.
pub type SiteId = String;
/// Identifier of a carrier (unique among `carriers`), e.g. `china_post`.
pub type CarrierId = String;

/// A complete scenario: the root object of a scenario JSON file.
///
/// ```
/// use gongpei_scenario::generate::{self, Preset};
/// let scenario = generate::generate(Preset::Small, 7).unwrap();
/// assert_eq!(scenario.format_version, gongpei_scenario::FORMAT_VERSION);
/// assert!(scenario.sites.len() > 30);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Must equal [`FORMAT_VERSION`]; files of other versions are rejected.
    pub format_version: u32,
    /// Short name, e.g. `jizhou`.
    pub name: String,
    /// Provenance: sources, licences, synthetic parts, seed.
    pub metadata: Metadata,
    /// All sites. Village stations name their township centre in `township`.
    pub sites: Vec<SiteSpec>,
    /// Road graph between sites. With no edges, travel uses haversine distance times
    /// `roads.detour_factor`.
    pub roads: Roads,
    /// Parcel carriers (China Post and the express companies).
    pub carriers: Vec<Carrier>,
    /// Daily demand, one record per (village, carrier, temperature class).
    pub demand: Vec<Demand>,
    /// Vehicle types of every operator (each carrier, and the shared cooperation fleet).
    pub vehicle_types: Vec<VehicleTypeSpec>,
    /// Scheduled bus lines that can carry parcels in their spare capacity.
    #[serde(default)]
    pub bus_lines: Vec<BusLine>,
    /// Cost and operating parameters of the cooperation modes.
    pub costs: CostParameters,
    /// Investment in facilities and the county's subsidies (absent: none).
    #[serde(default, skip_serializing_if = "Finance::is_empty")]
    pub finance: Finance,
    /// Commerce partners and the B2B replenishment of village shops (快商合作; absent: none).
    #[serde(default, skip_serializing_if = "Commerce::is_empty")]
    pub commerce: Commerce,
}

impl Scenario {
    /// Index of the site with id `id`, if any (linear scan; build a map for many lookups).
    pub fn site_index(&self, id: &str) -> Option<usize> {
        self.sites.iter().position(|s| s.id == id)
    }

    /// Index of the carrier with id `id`, if any.
    pub fn carrier_index(&self, id: &str) -> Option<usize> {
        self.carriers.iter().position(|c| c.id == id)
    }

    /// Total daily parcels delivered into villages, over all carriers and temperature classes.
    pub fn total_parcels_in(&self) -> i64 {
        self.demand.iter().map(|d| d.parcels_in).sum()
    }
}
