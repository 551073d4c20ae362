//! Station coverage on the hand-made two-township scenario: the radius respected (recomputed),
//! upgrades preferred, merged demand keeping every parcel, routing feasible, input errors.

use gongpei_design::{merge_demand, CoverModel, Coverage, DesignError, StationCosts};
use gongpei_scenario::model::ExistingFacility;

use super::two_towns::{evaluation, scenario};

fn parcels(s: &gongpei_scenario::Scenario) -> (i64, i64, i64, i64) {
    s.demand.iter().fold((0, 0, 0, 0), |a, d| {
        (
            a.0 + d.parcels_in,
            a.1 + d.kg_in,
            a.2 + d.parcels_out,
            a.3 + d.kg_out,
        )
    })
}

#[test]
fn set_covering_respects_the_radius_and_prefers_the_upgrade() {
    let s = scenario();
    let model = CoverModel::new(&s, None).unwrap();
    let cover = Coverage::default();
    // D = 2 km: V2 and V3 are 1.5 km apart, V1 is alone: V1 (new) and V3 (shop upgrade).
    let d = cover.set_cover(&model, 2.0).unwrap();
    let mut sites: Vec<&str> = d.stations.iter().map(|s| s.site.as_str()).collect();
    sites.sort();
    assert_eq!(sites, ["V1", "V3"]);
    let v3 = d.stations.iter().find(|s| s.site == "V3").unwrap();
    assert_eq!(v3.upgrades, Some(ExistingFacility::Shop));
    let costs = StationCosts::default();
    let expected = costs.per_day(None) + costs.per_day(Some(ExistingFacility::Shop));
    assert!((d.station_cost_per_day - expected).abs() < 1e-9);
    assert_eq!(d.covered_parcels, d.total_parcels);
    // Recompute every village's distance to its station by road.
    let world = gongpei_coop::World::new(&s).unwrap();
    for (village, station) in &d.assignment {
        let station = station.as_ref().expect("set covering covers every village");
        let (v, t) = (
            s.site_index(village).unwrap(),
            s.site_index(station).unwrap(),
        );
        let km = world
            .leg(gongpei_scenario::model::VehicleProfile::Van, v, t)
            .unwrap()
            .0 as f64
            / 1000.0;
        assert!(km <= 2.0 + 1e-9, "{village} -> {station}: {km} km");
    }
    assert!(
        (d.worst_resident_km - 1.5).abs() < 1e-9,
        "{}",
        d.worst_resident_km
    );
    // A radius below 1.5 km needs a station in every village.
    assert_eq!(cover.set_cover(&model, 1.0).unwrap().stations.len(), 3);
}

#[test]
fn maximal_covering_covers_the_most_parcels_with_k_stations() {
    let s = scenario();
    let model = CoverModel::new(&s, None).unwrap();
    let d = Coverage::default().max_cover(&model, 2.0, 1).unwrap();
    assert_eq!(d.stations.len(), 1);
    // V2 (20) + V3 (45) within 1.5 km of each other beat V1 (40) alone.
    assert_eq!(d.covered_parcels, 65);
    assert_eq!(d.total_parcels, 105);
    let v1 = d.assignment.iter().find(|(v, _)| v == "V1").unwrap();
    assert_eq!(v1.1, None, "V1 stays served at home");
    // K = 3 covers everything with 2 stations: the third would cover nothing more and is not
    // opened (nor paid for).
    let all = Coverage::default().max_cover(&model, 2.0, 3).unwrap();
    assert_eq!(all.covered_parcels, 105);
    assert_eq!(all.stations.len(), 2, "{:?}", all.stations);
}

#[test]
fn merged_demand_keeps_every_parcel_and_merges_stops() {
    let s = scenario();
    let model = CoverModel::new(&s, None).unwrap();
    let d = Coverage::default().set_cover(&model, 2.0).unwrap();
    let merged = merge_demand(&s, &d.assignment).unwrap();
    assert_eq!(parcels(&merged), parcels(&s));
    assert!(
        merged.demand.iter().all(|r| r.village != "V2"),
        "V2 collects at V3"
    );
    // One record per (village, carrier, temperature): a's V2 record is new at V3, b's stays one.
    assert_eq!(
        merged.demand.iter().filter(|r| r.village == "V3").count(),
        2
    );
    assert_eq!(merged.demand.len(), s.demand.len());
    gongpei_scenario::validate(&merged).unwrap();
}

#[test]
fn sweep_plans_every_design_feasibly() {
    let s = scenario();
    let r = Coverage::default()
        .sweep(&s, &[1.0, 2.0], 2.0, &[1, 2], Some(&evaluation()), |_| {})
        .unwrap();
    assert_eq!((r.by_radius.len(), r.by_stations.len()), (2, 2));
    for m in r.baseline.iter().chain(
        r.by_radius
            .iter()
            .chain(&r.by_stations)
            .flat_map(|e| e.modes.iter()),
    ) {
        assert!(m.feasible, "{}: {:?}", m.mode.name(), m.violations);
    }
    // Merging V2 into V3 leaves fewer villages to visit.
    let villages = |e: &gongpei_design::CoverEvaluation| e.modes[0].kpis.villages_served;
    assert_eq!(villages(&r.by_radius[0]), 3);
    assert_eq!(villages(&r.by_radius[1]), 2);
    // The models alone give the same designs, without routing.
    let models = Coverage::default()
        .sweep(&s, &[1.0, 2.0], 2.0, &[1, 2], None, |_| {})
        .unwrap();
    assert!(models.baseline.is_empty());
    for (a, b) in models.by_radius.iter().zip(&r.by_radius) {
        assert!(a.modes.is_empty());
        assert_eq!(a.design.assignment, b.design.assignment);
    }
}

#[test]
fn bad_input_names_the_field() {
    let field = |e: DesignError| match e {
        DesignError::Input { field, message } => format!("{field}: {message}"),
        other => panic!("not an input error: {other}"),
    };
    let s = scenario();
    let e = field(CoverModel::new(&s, Some(&[])).err().unwrap());
    assert!(e.starts_with("candidates: no candidate"), "{e}");
    let e = field(
        CoverModel::new(&s, Some(&["V9".to_string()]))
            .err()
            .unwrap(),
    );
    assert!(e.starts_with("candidates") && e.contains("V9"), "{e}");
    let e = field(
        CoverModel::new(&s, Some(&["T1".to_string()]))
            .err()
            .unwrap(),
    );
    assert!(
        e.starts_with("candidates") && e.contains("village station"),
        "{e}"
    );
    // Only V3 may host a station: V1 is 3 + 10 + 20 + 2 = 35 km away by road.
    let only_v3 = CoverModel::new(&s, Some(&["V3".to_string()])).unwrap();
    let e = field(Coverage::default().set_cover(&only_v3, 5.0).unwrap_err());
    assert!(
        e.starts_with("radius_km") && e.contains("V1") && e.contains("35.00 km"),
        "{e}"
    );
    let model = CoverModel::new(&s, None).unwrap();
    let e = field(Coverage::default().set_cover(&model, -1.0).unwrap_err());
    assert!(e.starts_with("radius_km"), "{e}");
    let mut cover = Coverage::default();
    cover.costs.build_operating_per_day = -1.0;
    let e = field(cover.set_cover(&model, 2.0).unwrap_err());
    assert!(
        e.starts_with("station_costs.build_operating_per_day"),
        "{e}"
    );
    let e = field(Coverage::default().max_cover(&model, 2.0, 0).unwrap_err());
    assert!(e.starts_with("max_stations"), "{e}");
}

#[test]
fn a_village_whose_merge_would_overflow_the_van_keeps_its_own_stop() {
    // Carrier b gets 30 parcels at V2; merged with its 40 at V3 they would exceed a 60-parcel
    // van, which the planner cannot split: V2 stays served at home, and every plan is feasible.
    let mut s = scenario();
    let mut extra = s.demand[3].clone();
    extra.village = "V2".into();
    (
        extra.parcels_in,
        extra.kg_in,
        extra.parcels_out,
        extra.kg_out,
    ) = (30, 60, 0, 0);
    s.demand.push(extra);
    for v in s
        .vehicle_types
        .iter_mut()
        .filter(|v| v.id == "shared_last_mile_van")
    {
        v.capacity_parcels = 60;
    }
    let r = Coverage::default()
        .sweep(&s, &[2.0], 2.0, &[], Some(&evaluation()), |_| {})
        .unwrap();
    let e = &r.by_radius[0];
    assert_eq!(e.design.over_capacity, ["V2"]);
    let v2 = e.design.assignment.iter().find(|(v, _)| v == "V2").unwrap();
    assert_eq!(v2.1, None);
    assert_eq!(e.design.covered_parcels, e.design.total_parcels - 50);
    assert!(e.routing_error.is_none());
    for m in r.baseline.iter().chain(&e.modes) {
        assert!(m.feasible, "{}: {:?}", m.mode.name(), m.violations);
    }
}
