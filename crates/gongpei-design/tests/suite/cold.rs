//! Pre-cooling stores: every village's chilled produce reaches a chosen store within the limit
//! (recomputed from the travel times), the stores are the fewest that can (checked by brute
//! force), every collection plan passes the checker and ends at its store, and bad questions
//! name their field.

use gongpei_coop::{Effort, Mode, World};
use gongpei_design::{design_cold, ColdOptions, ColdStoreCosts, DesignError, Evaluation};
use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::model::{Temperature, VehicleProfile};
use gongpei_scenario::Scenario;

/// The small preset with chilled produce to collect at every village that has chilled flows.
pub(crate) fn produce() -> Scenario {
    let mut s = generate(Preset::Small, 1).unwrap();
    for d in s.demand.iter_mut() {
        if d.temperature == Temperature::Chilled {
            d.parcels_out = d.parcels_out.max(2);
            d.kg_out = d.kg_out.max(12);
        }
    }
    s
}

pub(crate) fn evaluation() -> Evaluation {
    Evaluation {
        modes: vec![Mode::PostalExpress],
        effort: Effort {
            seed: 3,
            iterations: 30,
            ..Effort::default()
        },
        control: None,
    }
}

fn chilled_villages(s: &Scenario) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for d in &s.demand {
        if d.temperature == Temperature::Chilled && d.parcels_out > 0 && !v.contains(&d.village) {
            v.push(d.village.clone());
        }
    }
    v
}

fn drive_s(world: &World<'_>, a: &str, b: &str) -> i64 {
    let (a, b) = (world.site(a, "a").unwrap(), world.site(b, "b").unwrap());
    world.leg(VehicleProfile::ColdVan, a, b).unwrap().1
}

#[test]
fn stores_cover_every_village_in_time_with_the_fewest_sites_and_plans_pass_the_checker() {
    let s = produce();
    let world = World::new(&s).unwrap();
    let villages = chilled_villages(&s);
    assert!(
        villages.len() >= 4,
        "test scenario has {} villages",
        villages.len()
    );
    // A limit tight enough that the hub alone cannot take everything.
    let worst_to_hub = villages
        .iter()
        .map(|v| drive_s(&world, v, &s.costs.cold_store))
        .max()
        .unwrap();
    let limit = worst_to_hub * 2 / 3;
    let options = ColdOptions {
        max_precooling_s: Some(limit),
        ..ColdOptions::default()
    };
    let d = design_cold(&s, &options, &evaluation()).unwrap();
    assert!(d.status.is_optimal());
    assert_eq!(d.villages, villages.len());
    let mut seen: Vec<&String> = Vec::new();
    for store in &d.stores {
        for v in &store.villages {
            assert!(
                2 * drive_s(&world, v, &store.site) <= limit,
                "{v} -> {}",
                store.site
            );
            seen.push(v);
        }
        assert!(
            store.collection.feasible,
            "{:?}",
            store.collection.violations
        );
        assert!(store.parcels_per_day > 0);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), villages.len(), "every village assigned once");
    // Fewest stores: no smaller set of candidates covers every village (brute force).
    let k = d.stores.len();
    let cands = &d.candidates;
    let covers = |set: &[usize]| {
        villages.iter().all(|v| {
            set.iter()
                .any(|&j| 2 * drive_s(&world, v, &cands[j]) <= limit)
        })
    };
    if k > 1 {
        let n = cands.len();
        let mut smaller_exists = false;
        for mask in 0u64..(1 << n.min(20)) {
            if (mask.count_ones() as usize) < k {
                let set: Vec<usize> = (0..n).filter(|&j| mask >> j & 1 == 1).collect();
                if covers(&set) {
                    smaller_exists = true;
                    break;
                }
            }
        }
        assert!(
            !smaller_exists,
            "a set of fewer than {k} stores covers every village"
        );
    }
    assert!((d.stores_cost_per_day - k as f64 * ColdStoreCosts::default().daily()).abs() < 1e-9);
    // The status quo names the villages the hub cannot reach in time.
    assert!(!d.baseline.villages_beyond_round_trip.is_empty());
    for v in &d.baseline.villages_beyond_round_trip {
        assert!(2 * drive_s(&world, v, &s.costs.cold_store) > limit);
    }
    // Beyond the round trip does not mean out of reach: the verdict is the routed plan's.
    if !d.baseline.collection.feasible {
        assert_eq!(d.recommendation, "stores");
    }
    let total = d.stores_cost_per_day + d.collection_cost_per_day;
    if d.baseline.collection.feasible && total >= d.baseline.collection.kpis.cost {
        assert_eq!(d.recommendation, "status_quo");
    }
}

#[test]
fn a_loose_limit_keeps_one_store_and_matches_the_status_quo_when_it_is_the_cold_store() {
    let s = produce();
    let options = ColdOptions {
        candidates: Some(vec![s.costs.cold_store.clone()]),
        ..ColdOptions::default()
    };
    let d = design_cold(&s, &options, &evaluation()).unwrap();
    assert_eq!(d.stores.len(), 1);
    assert_eq!(d.stores[0].site, s.costs.cold_store);
    assert!(d.baseline.villages_beyond_round_trip.is_empty());
    assert!(d.feasible && d.baseline.collection.feasible);
    assert!((d.collection_cost_per_day - d.baseline.collection.kpis.cost).abs() < 1e-9);
}

#[test]
fn bad_questions_name_their_field() {
    let s = produce();
    let e = evaluation();
    let field = |r: Result<gongpei_design::ColdDesign, DesignError>| match r {
        Err(DesignError::Input { field, .. }) => field,
        Err(other) => format!("other error: {other}"),
        Ok(_) => "no error".into(),
    };
    let with = |o: ColdOptions| design_cold(&s, &o, &e);
    assert_eq!(
        field(with(ColdOptions {
            candidates: Some(vec![]),
            ..ColdOptions::default()
        })),
        "candidates"
    );
    assert_eq!(
        field(with(ColdOptions {
            candidates: Some(vec!["nowhere".into()]),
            ..ColdOptions::default()
        })),
        "candidates[0]"
    );
    assert_eq!(
        field(with(ColdOptions {
            max_precooling_s: Some(0),
            ..ColdOptions::default()
        })),
        "max_precooling_s"
    );
    let bad_costs = ColdOptions {
        costs: ColdStoreCosts {
            capital_yuan: -1.0,
            ..ColdStoreCosts::default()
        },
        ..ColdOptions::default()
    };
    assert_eq!(field(with(bad_costs)), "cold_store_costs.capital_yuan");
    // A limit no candidate meets (only the township centre, one second): the covering names
    // the village.
    let centre = s
        .sites
        .iter()
        .find(|x| x.tier == gongpei_scenario::model::SiteTier::TownshipCentre)
        .unwrap()
        .id
        .clone();
    let err = with(ColdOptions {
        candidates: Some(vec![centre]),
        max_precooling_s: Some(1),
        ..ColdOptions::default()
    })
    .unwrap_err();
    assert!(matches!(err, DesignError::Locate(_)), "{err}");
    let villages = chilled_villages(&s);
    assert!(
        villages
            .iter()
            .any(|v| err.to_string().contains(v.as_str())),
        "{err}"
    );
    let mut none = s.clone();
    for d in none.demand.iter_mut() {
        d.parcels_out = 0;
        d.kg_out = 0;
    }
    assert_eq!(
        field(design_cold(&none, &ColdOptions::default(), &e)),
        "demand"
    );
}
