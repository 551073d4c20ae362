//! Modes on a hand-made scenario small enough to know the optimum by enumerating every visiting
//! order; the independent checker accepts the plans and rejects broken ones; the 2-carrier
//! Shapley value matches its closed form.

use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::compare::{compare, CompareOptions};
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::plan::Leg;
use gongpei_coop::world::World;
use gongpei_coop::{Mode, Planner};
use gongpei_scenario::model::VehicleProfile;
use gongpei_scenario::Scenario;

use crate::tiny::{best_tour, effort, tiny_scenario};

fn scenario() -> Scenario {
    tiny_scenario()
}

#[test]
fn separate_matches_brute_force() {
    let s = scenario();
    let world = World::new(&s).unwrap();
    let site = |id: &str| s.site_index(id).unwrap();
    let p = Planner::new(&world)
        .plan(Mode::Separate, Coalition::grand(2), &effort())
        .unwrap();
    assert!(
        check_plan(world.scenario, &p).is_ok(),
        "{:?}",
        check_plan(world.scenario, &p).errors
    );
    // Carrier a: V1 and V2; carrier b: V2 and V3; one van each from the hub.
    let a = best_tour(
        &world,
        VehicleProfile::Van,
        site("hub"),
        &[(site("V1"), 120), (site("V2"), 120)],
        (100.0, 1.0, 36.0),
    );
    let b = best_tour(
        &world,
        VehicleProfile::Van,
        site("hub"),
        &[(site("V2"), 120), (site("V3"), 120)],
        (100.0, 1.0, 36.0),
    );
    let cost = plan_kpis(&world, &p).cost;
    assert!(
        (cost - (a + b)).abs() < 1e-6,
        "plan {cost} vs optimum {}",
        a + b
    );
}

#[test]
fn postal_express_matches_brute_force_and_couples_timing() {
    let s = scenario();
    let world = World::new(&s).unwrap();
    let site = |id: &str| s.site_index(id).unwrap();
    let p = Planner::new(&world)
        .plan(Mode::PostalExpress, Coalition::grand(2), &effort())
        .unwrap();
    let report = check_plan(world.scenario, &p);
    assert!(report.is_ok(), "{:?}", report.errors);
    let trunk = best_tour(
        &world,
        VehicleProfile::Truck,
        site("hub"),
        &[(site("T"), 600)],
        (150.0, 2.0, 36.0),
    );
    // The last mile visits the three villages once each, all carriers pooled.
    let last = best_tour(
        &world,
        VehicleProfile::Van,
        site("T"),
        &[(site("V1"), 120), (site("V2"), 240), (site("V3"), 120)],
        (60.0, 1.0, 36.0),
    );
    let parcels = (3 + 2 + 2 + 4 + 1) as f64;
    let handling = 0.5 * parcels + 0.5 * parcels;
    let cost = plan_kpis(&world, &p).cost;
    assert!(
        (cost - (trunk + last + handling)).abs() < 1e-6,
        "plan {cost} vs optimum {}",
        trunk + last + handling
    );
    // The van waits for the truck (07:00 + 1 h sorting + drive + unloading) plus handling.
    let truck = p.routes.iter().find(|r| r.leg == Leg::Trunk).unwrap();
    let van = p.routes.iter().find(|r| r.leg == Leg::LastMile).unwrap();
    assert!(van.start_s >= truck.stops[0].service_start_s + 600 + 1800);
    assert!(truck.start_s >= 7 * 3600 + 3600);
}

#[test]
fn every_mode_is_checked_feasible_and_cooperation_pays() {
    let s = scenario();
    let world = World::new(&s).unwrap();
    let c = compare(
        &world,
        &CompareOptions {
            effort: effort(),
            coalition_effort: effort(),
            ..CompareOptions::default()
        },
    )
    .unwrap();
    for m in &c.modes {
        assert!(m.check.is_ok(), "{}: {:?}", m.mode.name(), m.check.errors);
    }
    let alloc = c.allocation.unwrap();
    let table: Vec<f64> = (0..4)
        .map(|m| {
            if m == 0 {
                0.0
            } else {
                alloc.coalition_costs[m - 1].1
            }
        })
        .collect();
    let shapley = &alloc.rules[0].0;
    // Two players: phi_a = (c(a) + c(ab) - c(b)) / 2.
    let phi_a = (table[1] + table[3] - table[2]) / 2.0;
    assert!((shapley.shares[0] - phi_a).abs() < 1e-9);
    assert!((shapley.shares.iter().sum::<f64>() - table[3]).abs() < 1e-9);
    // Going alone is always possible, so no coalition costs more than its members' separate costs.
    assert!(table[3] <= table[1] + table[2] + 1e-9);
}

#[test]
fn checker_rejects_broken_plans() {
    let s = scenario();
    let world = World::new(&s).unwrap();
    let good = Planner::new(&world)
        .plan(Mode::PostalExpress, Coalition::grand(2), &effort())
        .unwrap();

    let mut missing = good.clone();
    let van = missing
        .routes
        .iter_mut()
        .find(|r| r.leg == Leg::LastMile)
        .unwrap();
    van.stops.pop();
    assert!(check_plan(world.scenario, &missing)
        .errors
        .iter()
        .any(|e| e.contains("served by 0")));

    let mut early = good.clone();
    let van = early
        .routes
        .iter_mut()
        .find(|r| r.leg == Leg::LastMile)
        .unwrap();
    van.start_s = 8 * 3600;
    assert!(check_plan(world.scenario, &early)
        .errors
        .iter()
        .any(|e| e.contains("before its trunk delivery")));

    // Capacities come from the scenario: shrink the shared van and the same plan overflows.
    let mut tiny = s.clone();
    tiny.vehicle_types
        .iter_mut()
        .find(|v| v.id == "shared_last_mile_van")
        .unwrap()
        .capacity_parcels = 5;
    let tiny_world = World::new(&tiny).unwrap();
    assert!(check_plan(tiny_world.scenario, &good)
        .errors
        .iter()
        .any(|e| e.contains("exceeds capacity")));

    let mut bus = good.clone();
    bus.bus.push(gongpei_coop::plan::BusAssignment {
        line: "L1_out".into(),
        run: 0,
        departure_s: 30600,
        board_site: s.site_index("bus_station").unwrap(),
        alight_site: s.site_index("V3").unwrap(),
        arrival_s: 30600 + 2400,
        flows: vec![],
        inbound: true,
        parcels: 4,
        kg: 8,
        fee: 4.0,
    });
    assert!(check_plan(world.scenario, &bus)
        .errors
        .iter()
        .any(|e| e.contains("spare capacity")));

    // Capacity holds per segment: 3 parcels to T and 3 more boarding at T for V3 share no
    // segment (spare 3), one more parcel through both segments overflows; a wrong fee is named.
    let load = |board: &str, alight: &str, arrival: i64, parcels: i64, fee: f64| {
        gongpei_coop::plan::BusAssignment {
            line: "L1_out".into(),
            run: 0,
            departure_s: 30600,
            board_site: s.site_index(board).unwrap(),
            alight_site: s.site_index(alight).unwrap(),
            arrival_s: 30600 + arrival,
            flows: vec![],
            inbound: true,
            parcels,
            kg: parcels,
            fee,
        }
    };
    let mut segments = good.clone();
    segments.bus.push(load("bus_station", "T", 1800, 3, 3.0));
    segments.bus.push(load("T", "V3", 2400, 3, 3.0));
    let errors = check_plan(world.scenario, &segments).errors;
    assert!(
        !errors.iter().any(|e| e.contains("spare capacity")),
        "{errors:?}"
    );
    assert!(
        !errors.iter().any(|e| e.contains("line's fees")),
        "{errors:?}"
    );
    segments.bus.push(load("bus_station", "V3", 2400, 1, 0.5));
    let errors = check_plan(world.scenario, &segments).errors;
    assert!(
        errors.iter().any(|e| e.contains("spare capacity")),
        "{errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("line's fees")),
        "{errors:?}"
    );
}
