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
pub const COMMERCE_METHOD: &str = "one supply co-op distribution centre (供销社配送中心) at the district hub; 35 % of village stations (random) have a shop it replenishes, a quarter of them 邮乐购 stations; 6-20 cases of 9 kg per delivery, 2 or 3 delivery days a week (plans carry the daily average), 5 min unloading; every 邮乐购 station and half of the village shops are parcel pick-up points (1 min hand-over per carrier instead of door-to-door service); the co-op runs its own vans (120 cases, 1,200 kg, 200 yuan a day, 0.9 yuan/km, 30 yuan/h), one per 12 shops plus one; the shared fleet is sized to carry the B2B goods too in 快商合作 (last-mile vans per township centre for its parcels plus cases and kilograms in one trip each, one more trunk truck per truck-load of B2B kilograms)";

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

/// Resizes the shared fleet for 快商合作, whose trunk and last-mile vans carry the shops' B2B
/// goods besides the parcels: each township centre gets enough last-mile vans for its pooled
/// parcels plus its shops' daily cases, and kilograms, in one trip each, and the hub one more
/// trunk truck per truck-load of the district's B2B kilograms. A count only grows (fleets are
/// availabilities: unused vehicles cost nothing, so the parcel-only modes are unaffected but for
/// the larger choice).
pub fn size_shared_fleet(
    vehicle_types: &mut [VehicleTypeSpec],
    sites: &[SiteSpec],
    demand: &[crate::model::Demand],
    commerce: &Commerce,
) {
    use std::collections::HashMap;
    let township_of = |village: &str| {
        sites
            .iter()
            .find(|s| s.id == village)
            .and_then(|s| s.township.clone())
    };
    // (parcels, kg) a day per township: the larger direction of the parcels plus the B2B goods.
    let mut load: HashMap<String, (i64, i64)> = HashMap::new();
    let mut parcels_out: HashMap<String, (i64, i64)> = HashMap::new();
    for d in demand {
        if let Some(t) = township_of(&d.village) {
            let e = load.entry(t.clone()).or_default();
            e.0 += d.parcels_in;
            e.1 += d.kg_in;
            let o = parcels_out.entry(t).or_default();
            o.0 += d.parcels_out;
            o.1 += d.kg_out;
        }
    }
    let mut b2b_kg = 0;
    for r in &commerce.replenishment {
        b2b_kg += r.daily_kg();
        let shop = commerce.partner(&r.shop).map(|p| p.site.as_str());
        if let Some(t) = shop.and_then(township_of) {
            let e = load.entry(t).or_default();
            e.0 += r.daily_cases();
            e.1 += r.daily_kg();
        }
    }
    let busiest = |cap: i64, pick: fn(&(i64, i64)) -> i64| {
        (load
            .iter()
            .map(|(t, l)| pick(l).max(parcels_out.get(t).map_or(0, pick)))
            .max()
            .unwrap_or(0)
            .max(0) as u64)
            .div_ceil(cap.max(1) as u64)
    };
    for v in vehicle_types.iter_mut() {
        if v.operator != crate::model::SHARED_OPERATOR {
            continue;
        }
        match v.echelon {
            Echelon::LastMile => {
                let needed =
                    busiest(v.capacity_parcels, |l| l.0).max(busiest(v.capacity_kg, |l| l.1));
                v.count = v.count.max(needed as u32);
            }
            Echelon::Trunk => {
                v.count += (b2b_kg.max(0) as u64).div_ceil(v.capacity_kg.max(1) as u64) as u32;
            }
            Echelon::Direct => {}
        }
    }
}
