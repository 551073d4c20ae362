//! Commerce partners (快商合作, "express + commerce"): supply co-op outlets, village shops and
//! 邮乐购 stations, the business-to-business replenishment of the shops, and which shops take in
//! residents' parcels as pick-up points.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SiteId;

/// What kind of commerce partner a site hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommerceKind {
    /// A supply and marketing co-operative outlet or distribution centre (供销社), the usual
    /// supplier of village shops.
    SupplyCoop,
    /// A village shop or convenience store (便利店/小卖部).
    VillageShop,
    /// A 邮乐购 station: China Post's e-commerce shop in a village.
    YlgStation,
}

impl CommerceKind {
    /// Every value, in the order of the file format's documentation.
    pub const ALL: [CommerceKind; 3] = [
        CommerceKind::SupplyCoop,
        CommerceKind::VillageShop,
        CommerceKind::YlgStation,
    ];

    /// Whether the partner is a shop that receives replenishment (and can be a pick-up point).
    pub fn is_shop(self) -> bool {
        matches!(self, CommerceKind::VillageShop | CommerceKind::YlgStation)
    }
}

/// One commerce partner at one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommercePartner {
    /// Unique id among `commerce.partners`, e.g. `coop_dc` or `shop_120119001001`.
    pub id: String,
    /// Name, e.g. 蓟州区供销社配送中心.
    pub name: String,
    /// Kind of partner.
    pub kind: CommerceKind,
    /// Site where it is: a village station for shops, any site for a supply co-op outlet.
    pub site: SiteId,
    /// Enterprise operating it (the owner of its own delivery vans, which are the vehicle types
    /// with this `operator`), e.g. `county_coop`.
    pub operator: String,
    /// Shops only: residents' parcels for the shop's village are left at the shop for pick-up
    /// in the 快商合作 mode instead of being handed over door to door.
    #[serde(default)]
    pub pickup_point: bool,
}

/// The replenishment of one shop from one supplier (B2B goods: cases of drinks, groceries, daily
/// necessities).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Replenishment {
    /// Partner id of the shop supplied (kind `village_shop` or `ylg_station`).
    pub shop: String,
    /// Partner id of the supplier (kind `supply_coop`), whose site the goods leave from.
    pub supplier: String,
    /// Cases delivered on each delivery day. A case takes one parcel place in a vehicle.
    pub cases: i64,
    /// Kilograms delivered on each delivery day.
    pub kg: i64,
    /// Delivery days per week (1 to 7); a plan of one day carries the daily average, rounded up.
    #[serde(default = "every_day")]
    pub days_per_week: i64,
    /// Unloading time at the shop, seconds.
    #[serde(default)]
    pub service_s: i64,
}

fn every_day() -> i64 {
    7
}

impl Replenishment {
    /// Cases carried on an average day (`cases x days_per_week / 7`, rounded up).
    pub fn daily_cases(&self) -> i64 {
        daily_average(self.cases, self.days_per_week)
    }

    /// Kilograms carried on an average day (rounded up).
    pub fn daily_kg(&self) -> i64 {
        daily_average(self.kg, self.days_per_week)
    }
}

/// `amount` per delivery day spread over a week of 7 days, rounded up (0 for bad inputs, which
/// validation rejects).
fn daily_average(amount: i64, days_per_week: i64) -> i64 {
    if amount <= 0 || !(1..=7).contains(&days_per_week) {
        return 0;
    }
    (amount.saturating_mul(days_per_week) + 6) / 7
}

/// Default handover time at a pick-up point per carrier record, seconds.
fn default_pickup_handover() -> i64 {
    60
}

/// The commerce section of a scenario: partners, replenishment flows and the pick-up rule.
/// Empty (the default) means no commerce partners; every mode then plans parcels only.
///
/// ```
/// use gongpei_scenario::model::Replenishment;
/// let r = Replenishment {
///     shop: "shop_a".into(),
///     supplier: "coop".into(),
///     cases: 10,
///     kg: 95,
///     days_per_week: 2,
///     service_s: 300,
/// };
/// // Twice a week: 20 cases a week, 2.86 on an average day, carried as 3.
/// assert_eq!((r.daily_cases(), r.daily_kg()), (3, 28));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Commerce {
    /// The partners.
    #[serde(default)]
    pub partners: Vec<CommercePartner>,
    /// B2B replenishment of shops.
    #[serde(default)]
    pub replenishment: Vec<Replenishment>,
    /// Time a carrier's parcels take to hand over at a pick-up point shop, seconds per demand
    /// record, replacing the record's `service_s` (door-to-door hand-over) where it is larger.
    #[serde(default = "default_pickup_handover")]
    pub pickup_handover_s: i64,
}

impl Default for Commerce {
    fn default() -> Self {
        Commerce {
            partners: Vec::new(),
            replenishment: Vec::new(),
            pickup_handover_s: default_pickup_handover(),
        }
    }
}

impl Commerce {
    /// Whether the section says nothing (then it is left out of a written file).
    pub fn is_empty(&self) -> bool {
        *self == Commerce::default()
    }

    /// The partner with id `id`, if any.
    pub fn partner(&self, id: &str) -> Option<&CommercePartner> {
        self.partners.iter().find(|p| p.id == id)
    }

    /// Whether `operator` runs one of the partners (and so may own vehicle types).
    pub fn is_operator(&self, operator: &str) -> bool {
        self.partners.iter().any(|p| p.operator == operator)
    }
}
