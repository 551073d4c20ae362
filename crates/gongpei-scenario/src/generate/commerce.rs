//! The commerce partners of the generated scenarios (快商合作): the county supply co-op's
//! distribution centre and the village shops and 邮乐购 stations it replenishes. All synthetic
//! (no shop lists or co-op delivery records were available); the rules are in
//! [`COMMERCE_METHOD`], which the metadata quotes.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::model::{
    Commerce, CommerceKind, CommercePartner, Echelon, Replenishment, SiteSpec, VehicleProfile,
    VehicleTypeSpec,
};

/// Partner id of the generated supply co-op distribution centre.
pub const COOP_ID: &str = "coop_dc";
/// Operator of the co-op (owner of its vans) in the generated scenarios.
pub const COOP_OPERATOR: &str = "county_coop";
/// Share of village stations with a shop the co-op replenishes.
const SHOP_SHARE: f64 = 0.35;
/// Share of those shops that are 邮乐购 stations.
const YLG_SHARE: f64 = 0.25;
/// Share of village shops that also act as parcel pick-up points (every 邮乐购 station does).
const PICKUP_SHARE: f64 = 0.5;
/// Cases per delivery day, range.
const CASES: [i64; 2] = [6, 20];
/// Kilograms per case (drinks, groceries).
const KG_PER_CASE: i64 = 9;
/// Shops one co-op van serves in a day, for sizing its fleet.
const SHOPS_PER_VAN: usize = 12;

/// How the commerce section is generated (quoted in `metadata.synthetic`).
pub const COMMERCE_METHOD: &str = "one supply co-op distribution centre (供销社配送中心) at the district hub; 35 % of village stations (random) have a shop it replenishes, a quarter of them 邮乐购 stations; 6-20 cases of 9 kg per delivery, 2 or 3 delivery days a week (plans carry the daily average), 5 min unloading; every 邮乐购 station and half of the village shops are parcel pick-up points (1 min hand-over per carrier instead of door-to-door service); the co-op runs its own vans (120 cases, 1,200 kg, 200 yuan a day, 0.9 yuan/km, 30 yuan/h), one per 12 shops plus one";

/// The commerce section and the co-op's own vans for the generated sites; `hub_id` is where
/// the co-op's distribution centre stands.
pub fn commerce(
    sites: &[SiteSpec],
    hub_id: &str,
    rng: &mut ChaCha8Rng,
) -> (Commerce, Vec<VehicleTypeSpec>) {
    let mut partners = vec![CommercePartner {
        id: COOP_ID.into(),
        name: "供销社配送中心".into(),
        kind: CommerceKind::SupplyCoop,
        site: hub_id.into(),
        operator: COOP_OPERATOR.into(),
        pickup_point: false,
    }];
    let mut replenishment = Vec::new();
    for site in sites
        .iter()
        .filter(|s| s.tier == crate::model::SiteTier::VillageStation)
    {
        // Every draw is made for every village, so one rule's change leaves the others' draws.
        let has_shop = rng.random_bool(SHOP_SHARE);
        let ylg = rng.random_bool(YLG_SHARE);
        let pickup = rng.random_bool(PICKUP_SHARE);
        let cases = rng.random_range(CASES[0]..=CASES[1]);
        let days = rng.random_range(2..=3);
        if !has_shop {
            continue;
        }
        let (kind, prefix, name) = if ylg {
            (CommerceKind::YlgStation, "ylg", "邮乐购站")
        } else {
            (CommerceKind::VillageShop, "shop", "便利店")
        };
        let id = format!("{prefix}_{}", site.id);
        partners.push(CommercePartner {
            id: id.clone(),
            name: format!("{}{name}", site.name),
            kind,
            site: site.id.clone(),
            operator: format!("shopkeeper_{}", site.id),
            pickup_point: ylg || pickup,
        });
        replenishment.push(Replenishment {
            shop: id,
            supplier: COOP_ID.into(),
            cases,
            kg: cases * KG_PER_CASE,
            days_per_week: days,
            service_s: 300,
        });
    }
    let vans = if replenishment.is_empty() {
        Vec::new()
    } else {
        vec![VehicleTypeSpec {
            id: "coop_van".into(),
            operator: COOP_OPERATOR.into(),
            echelon: Echelon::Direct,
            profile: VehicleProfile::Van,
            count: (replenishment.len().div_ceil(SHOPS_PER_VAN) + 1) as u32,
            capacity_parcels: 120,
            capacity_kg: 1200,
            refrigerated: false,
            fixed_cost_per_day: 200.0,
            cost_per_km: 0.9,
            cost_per_hour: 30.0,
            max_shift_s: 10 * 3600,
            shift_start_s: 8 * 3600,
            base: Some(hub_id.into()),
        }]
    };
    let section = Commerce {
        partners,
        replenishment,
        ..Commerce::default()
    };
    (section, vans)
}
