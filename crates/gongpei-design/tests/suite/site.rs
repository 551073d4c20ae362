//! Sorting-centre siting on the hand-made two-township scenario: model costs checked by hand,
//! the shortlist order, the moved hub used by the plans, feasibility and input errors.

use gongpei_coop::allocation::Coalition;
use gongpei_coop::plan::Leg;
use gongpei_coop::{Mode, Planner, World};
use gongpei_design::{with_hub, DesignError, Siting, SitingCosts};

use super::two_towns::{evaluation, scenario};

fn siting() -> Siting {
    Siting {
        costs: SitingCosts {
            fixed_per_day: 100.0,
            ..SitingCosts::default()
        },
        hub_counts: vec![2],
        shortlist: 3,
        ..Siting::default()
    }
}

#[test]
fn model_costs_match_the_hand_computed_trips() {
    let r = siting().model(&scenario()).unwrap();
    // Trunk trips: T1 40 parcels -> 1 trip, T2 60 in / 5 out -> 2 trips (50-parcel trucks);
    // feeders: depot "hub" (carrier a, 50 parcels) 1 trip, depot_b (50 in, 5 back) 1 trip.
    // Round-trip km from the hub: T1 20, T2 2 x 40, depot_b 56 -> 156 km; from T2: T1 2 x 30 = 60
    // (1 trip of 60 km), T2 0, hub 40, depot_b 16 -> 116 km; from T1: 0 + 2 x 60 + 20 + 76 = 216.
    let by_site = |id: &str| r.candidates.iter().find(|c| c.site == id).unwrap().clone();
    let hub = by_site("hub");
    assert_eq!(
        (hub.trunk_trips, hub.feeder_trips),
        (3, 1),
        "depot \"hub\" needs no feeder there"
    );
    assert!((hub.trunk_km - 100.0).abs() < 1e-9, "{}", hub.trunk_km);
    assert!((hub.feeder_km - 56.0).abs() < 1e-9, "{}", hub.feeder_km);
    let handling = 0.5 * 105.0; // scenario's hub rate x parcels in + out
    assert!((hub.daily_cost - (2.0 * 156.0 + handling + 100.0)).abs() < 1e-9);
    let t2 = by_site("T2");
    assert!((t2.trunk_km + t2.feeder_km - 116.0).abs() < 1e-9);
    assert!((t2.daily_cost - (2.0 * 116.0 + handling + 100.0)).abs() < 1e-9);
    let t1 = by_site("T1");
    assert!((t1.trunk_km + t1.feeder_km - 216.0).abs() < 1e-9);
    // Ranking cheapest first, and the MIP agrees with the exact ranking.
    let order: Vec<&str> = r.candidates.iter().map(|c| c.site.as_str()).collect();
    assert_eq!(order, ["T2", "hub", "T1"]);
    assert_eq!(
        r.candidates.iter().map(|c| c.rank).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert_eq!(r.model_choice, "T2");
    assert!(r.model_status.is_optimal());
    // Two hubs: T2 and one of T1 / hub (equally cheap: {T1, T2} drives depot "hub" -> T1,
    // 20 km, and depot_b -> T2, 16 km; {hub, T2} drives hub -> T1, 20 km, and depot_b, 16 km).
    let two = &r.multi_hub[0];
    assert_eq!(two.hubs, 2);
    assert!(two.sites.contains(&"T2".to_string()), "{:?}", two.sites);
    assert!((two.km - 36.0).abs() < 1e-9, "{}", two.km);
    assert!((two.daily_cost - (2.0 * 36.0 + handling + 200.0)).abs() < 1e-9);
    assert!(two.capacity_violations.is_empty());
}

#[test]
fn over_capacity_sites_are_flagged() {
    let mut s = siting();
    s.costs.capacity_parcels = 50.0;
    let r = s.model(&scenario()).unwrap();
    assert!(r.candidates.iter().all(|c| !c.within_capacity));
    // T2 sorts 65 parcels when it serves its own township.
    assert!(r.multi_hub[0]
        .capacity_violations
        .iter()
        .any(|v| v.contains("T2") && v.contains("65")));
}

#[test]
fn shortlist_is_routed_with_the_hub_moved_and_every_plan_feasible() {
    let r = siting().run(&scenario(), &evaluation(), |_, _| {}).unwrap();
    let sites: Vec<&str> = r.evaluated.iter().map(|e| e.model.site.as_str()).collect();
    assert_eq!(sites, ["T2", "hub", "T1"]);
    for e in &r.evaluated {
        let modes: Vec<Mode> = e.modes.iter().map(|m| m.mode).collect();
        assert_eq!(modes, [Mode::PostalExpress, Mode::Combined]);
        for m in &e.modes {
            assert!(
                m.feasible,
                "{} at {}: {:?}",
                m.mode.name(),
                e.model.site,
                m.violations
            );
            assert!(m.kpis.cost > 0.0 && m.kpis.vehicle_km > 0.0);
        }
    }
}

#[test]
fn the_plans_use_the_moved_hub() {
    let moved = with_hub(&scenario(), "T2").unwrap();
    assert_eq!(moved.costs.cold_store, "hub", "the cold store stays");
    let world = World::new(&moved).unwrap();
    let t2 = moved.site_index("T2").unwrap();
    assert_eq!(world.hub, t2);
    let plan = Planner::new(&world)
        .plan(
            Mode::PostalExpress,
            Coalition::grand(2),
            &evaluation().effort,
        )
        .unwrap();
    let feeders: Vec<_> = plan
        .routes
        .iter()
        .filter(|r| r.leg == Leg::Feeder)
        .collect();
    assert!(!feeders.is_empty(), "depots away from T2 need feeders");
    for r in feeders.iter().chain(
        plan.routes
            .iter()
            .filter(|r| r.leg == Leg::Trunk)
            .collect::<Vec<_>>()
            .iter(),
    ) {
        assert_eq!((r.start_site, r.end_site), (t2, t2), "{:?} route", r.leg);
    }
}

#[test]
fn bad_input_names_the_field() {
    let field = |e: DesignError| match e {
        DesignError::Input { field, message } => format!("{field}: {message}"),
        other => panic!("not an input error: {other}"),
    };
    let mut s = siting();
    s.candidates = Some(vec![]);
    let e = field(s.model(&scenario()).unwrap_err());
    assert!(e.starts_with("candidates: no candidate"), "{e}");
    s.candidates = Some(vec!["T2".into(), "nowhere".into()]);
    let e = field(s.model(&scenario()).unwrap_err());
    assert!(e.starts_with("candidates") && e.contains("nowhere"), "{e}");
    let mut s = siting();
    s.costs.fixed_per_day = -3.0;
    let e = field(s.model(&scenario()).unwrap_err());
    assert!(e.starts_with("siting_costs.fixed_per_day"), "{e}");
    let mut s = siting();
    s.costs.handling_per_parcel = Some(f64::NAN);
    let e = field(s.model(&scenario()).unwrap_err());
    assert!(e.starts_with("siting_costs.handling_per_parcel"), "{e}");
    let mut s = siting();
    s.hub_counts = vec![4];
    let e = field(s.model(&scenario()).unwrap_err());
    assert!(e.starts_with("hub_counts"), "{e}");
}
