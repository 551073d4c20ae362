//! Feeder legs on the hand-made scenario with carrier b moved to its own depot: the pooled plan
//! pays exactly the optimal collection tour hub -> depot -> hub, the trunk leaves only after the
//! feeder is back and the hub has sorted, `separate` serves b from its depot, and the checker
//! rejects a pooled plan without its feeder.

use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::plan::Leg;
use gongpei_coop::{Effort, Mode, Planner, World};
use gongpei_scenario::model::VehicleProfile;
use gongpei_scenario::Scenario;

use crate::tiny::{best_tour, effort, tiny_scenario};

fn scenario() -> Scenario {
    let mut s: Scenario = tiny_scenario();
    let mut depot = s.sites[0].clone();
    depot.id = "Db".into();
    depot.name = "Depot of carrier b".into();
    depot.lon += 0.03;
    s.sites.push(depot);
    let mut road = s.roads.edges[0].clone();
    road.from = "hub".into();
    road.to = "Db".into();
    road.length_m = 3000.0;
    s.roads.edges.push(road);
    s.carriers[1].depots = vec!["Db".into()];
    // The feeder uses one truck, the trunk another.
    s.vehicle_types
        .iter_mut()
        .find(|v| v.id == "shared_trunk_truck")
        .unwrap()
        .count = 2;
    s
}

#[test]
fn feeder_is_the_optimal_collection_tour_and_precedes_sorting() {
    let s = scenario();
    let world = World::new(&s).unwrap();
    let site = |id: &str| s.site_index(id).unwrap();
    let planner = Planner::new(&world);
    let p = planner
        .plan(Mode::PostalExpress, Coalition::grand(2), &effort())
        .unwrap();
    let report = check_plan(&s, &p);
    assert!(report.is_ok(), "{:?}", report.errors);
    let truck = (150.0, 2.0, 36.0);
    let feeder = best_tour(
        &world,
        VehicleProfile::Truck,
        site("hub"),
        &[(site("Db"), 600)],
        truck,
    );
    let trunk = best_tour(
        &world,
        VehicleProfile::Truck,
        site("hub"),
        &[(site("T"), 600)],
        truck,
    );
    let last = best_tour(
        &world,
        VehicleProfile::Van,
        site("T"),
        &[(site("V1"), 120), (site("V2"), 240), (site("V3"), 120)],
        (60.0, 1.0, 36.0),
    );
    let parcels = (3 + 2 + 2 + 4 + 1) as f64;
    let handling = 0.5 * parcels + 0.5 * parcels;
    let k = plan_kpis(&world, &p);
    assert!(
        (k.feeder_cost - feeder).abs() < 1e-6,
        "feeder {} vs {feeder}",
        k.feeder_cost
    );
    assert!(
        (k.cost - (feeder + trunk + last + handling)).abs() < 1e-6,
        "plan {} vs optimum {}",
        k.cost,
        feeder + trunk + last + handling
    );
    // The feeder collects b's 5 parcels at its depot; the trunk leaves after it is back + sorting.
    let f = p.routes.iter().find(|r| r.leg == Leg::Feeder).unwrap();
    assert_eq!(f.stops.len(), 1);
    assert_eq!(f.stops[0].site, site("Db"));
    assert_eq!(f.stops[0].loads.parcels_out, 5);
    let t = p.routes.iter().find(|r| r.leg == Leg::Trunk).unwrap();
    assert!(t.start_s >= f.end_s + s.costs.hub_sorting_s);
    assert_eq!(p.hub_sorted_s, Some(f.end_s.max(7 * 3600) + 3600));

    // Separate serves b from its own depot: the optimum of that tour.
    let sep = planner
        .plan(Mode::Separate, Coalition::single(1), &effort())
        .unwrap();
    assert!(check_plan(&s, &sep).is_ok());
    let b = best_tour(
        &world,
        VehicleProfile::Van,
        site("Db"),
        &[(site("V2"), 120), (site("V3"), 120)],
        (100.0, 1.0, 36.0),
    );
    assert!((plan_kpis(&world, &sep).cost - b).abs() < 1e-6);
}

#[test]
fn checker_requires_the_feeder_and_the_sorting_time() {
    let s = scenario();
    let world = World::new(&s).unwrap();
    let good = Planner::new(&world)
        .plan(Mode::PostalExpress, Coalition::grand(2), &effort())
        .unwrap();
    let mut no_feeder = good.clone();
    no_feeder.routes.retain(|r| r.leg != Leg::Feeder);
    assert!(check_plan(&s, &no_feeder)
        .errors
        .iter()
        .any(|e| e.contains("carrier b: feeders collect 0")));
    let mut early = good.clone();
    let trunk = early
        .routes
        .iter_mut()
        .find(|r| r.leg == Leg::Trunk)
        .unwrap();
    trunk.start_s -= 1800;
    assert!(check_plan(&s, &early)
        .errors
        .iter()
        .any(|e| e.contains("before the hub has sorted")));
}

#[test]
fn effort_budget_grows_with_the_sub_problem() {
    let e = Effort {
        iterations: 100,
        clients_per_step: 100,
        ..Effort::default()
    };
    assert_eq!(e.budget(30), (100, Some(50)));
    assert_eq!(e.budget(100), (100, Some(50)));
    assert_eq!(e.budget(101), (200, Some(100)));
    assert_eq!(e.budget(983), (1000, Some(500)));
    let fixed = Effort {
        clients_per_step: 0,
        ..e
    };
    assert_eq!(fixed.budget(983), (100, None));
}
