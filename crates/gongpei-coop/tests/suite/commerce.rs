//! 快商合作 (`commerce`): the commerce partners' B2B replenishment rides the shared vans, shops
//! are pick-up points. Every mode carries exactly the same B2B demand (the partners' own vans
//! outside `commerce`), the independent checker accepts the plans on the tiny scenario and the
//! small preset and notices B2B goods left out, and the mode's cost is measured against
//! `separate` and 邮快合作.

use crate::tiny::{effort, tiny_scenario};
use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::plan::Plan;
use gongpei_coop::{compare, CompareOptions, Effort, Mode, Planner, World};
use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::model::{Commerce, CommerceKind, CommercePartner, Replenishment};
use gongpei_scenario::Scenario;

/// The tiny scenario with a supply co-op at the bus station (away from the hub, so 快商合作 needs
/// its shuttle) replenishing shops at V1 (a pick-up point) and V3.
fn tiny_with_commerce() -> Scenario {
    let mut s = tiny_scenario();
    let partner = |id: &str, kind, site: &str, pickup| CommercePartner {
        id: id.into(),
        name: id.into(),
        kind,
        site: site.into(),
        operator: if kind == CommerceKind::SupplyCoop {
            "coop".into()
        } else {
            format!("{id}_owner")
        },
        pickup_point: pickup,
    };
    s.commerce = Commerce {
        partners: vec![
            partner("coop", CommerceKind::SupplyCoop, "bus_station", false),
            partner("shop1", CommerceKind::VillageShop, "V1", true),
            partner("ylg3", CommerceKind::YlgStation, "V3", false),
        ],
        replenishment: vec![
            Replenishment {
                shop: "shop1".into(),
                supplier: "coop".into(),
                cases: 14,
                kg: 120,
                days_per_week: 3,
                service_s: 240,
            },
            Replenishment {
                shop: "ylg3".into(),
                supplier: "coop".into(),
                cases: 5,
                kg: 40,
                days_per_week: 7,
                service_s: 180,
            },
        ],
        pickup_handover_s: 30,
    };
    let mut van = s.vehicle_types[0].clone();
    van.id = "coop_van".into();
    van.operator = "coop".into();
    van.base = None;
    s.vehicle_types.push(van);
    gongpei_scenario::validate(&s).unwrap();
    s
}

/// B2B cases and kilograms delivered at the plan's route stops, per replenishment record.
fn delivered(world: &World<'_>, plan: &Plan) -> Vec<(usize, i64, i64)> {
    let mut out: Vec<(usize, i64, i64)> = plan
        .routes
        .iter()
        .flat_map(|r| &r.stops)
        .flat_map(|s| &s.replenishment)
        .map(|&j| (j, world.replenishment[j].cases, world.replenishment[j].kg))
        .collect();
    out.sort_unstable();
    out
}

fn checked(world: &World<'_>, mode: Mode, effort: &Effort) -> Plan {
    let plan = Planner::new(world)
        .plan(mode, Coalition::grand(world.num_carriers()), effort)
        .unwrap();
    let report = check_plan(world.scenario, &plan);
    assert!(report.is_ok(), "{}: {:#?}", mode.name(), report.errors);
    plan
}

#[test]
fn every_mode_carries_exactly_the_b2b_demand_on_the_tiny_scenario() {
    let s = tiny_with_commerce();
    let world = World::new(&s).unwrap();
    // 14 cases x 3 days / 7 = 6 a day; 120 kg x 3 / 7 = 51.4, carried as 52.
    assert_eq!(
        (world.replenishment[0].cases, world.replenishment[0].kg),
        (6, 52)
    );
    let expected = vec![(0, 6, 52), (1, 5, 40)];
    for mode in Mode::ALL {
        let plan = checked(&world, mode, &effort());
        assert_eq!(delivered(&world, &plan), expected, "{}", mode.name());
        assert_eq!(plan_kpis(&world, &plan).b2b_cases, 11, "{}", mode.name());
        let coop_routes = plan.routes.iter().filter(|r| r.operator == "coop").count();
        if mode == Mode::Commerce {
            // The shared vans deliver; the co-op's van only shuttles its 11 cases to the hub.
            let shared = plan
                .routes
                .iter()
                .filter(|r| r.operator == "shared")
                .flat_map(|r| &r.stops)
                .any(|s| !s.replenishment.is_empty());
            assert!(shared, "commerce: no shared van carries B2B goods");
            let hub = world.hub;
            let shuttle: i64 = plan
                .routes
                .iter()
                .filter(|r| r.operator == "coop")
                .flat_map(|r| &r.stops)
                .filter(|s| s.site == hub)
                .map(|s| s.loads.parcels_in)
                .sum();
            assert_eq!(shuttle, 11);
            assert!(plan.pickup_at_shops);
        } else {
            assert!(
                coop_routes >= 1,
                "{}: the co-op delivers itself",
                mode.name()
            );
            assert!(!plan.pickup_at_shops);
        }
    }
}

#[test]
fn a_pick_up_point_shortens_the_service_at_its_village() {
    let s = tiny_with_commerce();
    let world = World::new(&s).unwrap();
    let plan = checked(&world, Mode::Commerce, &effort());
    let v1 = s.site_index("V1").unwrap();
    let stops: Vec<_> = plan
        .routes
        .iter()
        .flat_map(|r| &r.stops)
        .filter(|st| st.site == v1 && !st.flows.is_empty())
        .collect();
    assert!(!stops.is_empty());
    for st in stops {
        let parcels = st.flows.len() as i64 * 30;
        let b2b: i64 = st
            .replenishment
            .iter()
            .map(|&j| world.replenishment[j].service_s)
            .sum();
        // Each carrier's record takes the 30 s hand-over, not its 120 s door-to-door service.
        assert_eq!(st.departure_s - st.service_start_s, parcels + b2b);
    }
}

#[test]
fn the_checker_notices_b2b_goods_left_out_or_served_twice() {
    let s = tiny_with_commerce();
    let world = World::new(&s).unwrap();
    let plan = checked(&world, Mode::Commerce, &effort());
    let mut dropped = plan.clone();
    dropped.replenishment.clear();
    for r in &mut dropped.routes {
        for st in &mut r.stops {
            st.replenishment.clear();
        }
    }
    let errors = check_plan(&s, &dropped).errors;
    assert!(
        errors
            .iter()
            .any(|e| e.contains("commerce.replenishment[0] is not carried")),
        "{errors:#?}"
    );
    let mut twice = plan.clone();
    let (ri, si) = twice
        .routes
        .iter()
        .enumerate()
        .find_map(|(ri, r)| {
            r.stops
                .iter()
                .position(|st| !st.replenishment.is_empty())
                .map(|si| (ri, si))
        })
        .unwrap();
    let j = twice.routes[ri].stops[si].replenishment[0];
    twice.routes[ri].stops[si].replenishment.push(j);
    let errors = check_plan(&s, &twice).errors;
    assert!(
        errors
            .iter()
            .any(|e| e.contains("delivered at 2 route stops")),
        "{errors:#?}"
    );
    // Door-to-door service time claimed at the pick-up point in a plan that does not use it.
    let mut no_pickup = plan;
    no_pickup.pickup_at_shops = false;
    let errors = check_plan(&s, &no_pickup).errors;
    assert!(
        errors.iter().any(|e| e.contains("before its service")),
        "{errors:#?}"
    );
}

#[test]
fn without_commerce_partners_the_mode_is_postal_express() {
    let s = tiny_scenario();
    let world = World::new(&s).unwrap();
    let commerce = checked(&world, Mode::Commerce, &effort());
    let postal = checked(&world, Mode::PostalExpress, &effort());
    assert_eq!(commerce.routes, postal.routes);
    assert!(commerce.replenishment.is_empty());
}

/// 快商合作's cost is allocated among the carriers once the commerce partners have paid for their
/// goods: the joint cost is the plan less the partners' account, and every rule shares exactly it.
#[test]
fn the_commerce_mode_cost_is_allocated_after_the_partners_pay_their_share() {
    let s = tiny_with_commerce();
    let world = World::new(&s).unwrap();
    let options = CompareOptions {
        modes: vec![Mode::Commerce],
        allocate: Some(Mode::Commerce),
        effort: effort(),
        coalition_effort: effort(),
        ..CompareOptions::default()
    };
    let c = compare(&world, &options).unwrap();
    let m = c.modes.iter().find(|m| m.mode == Mode::Commerce).unwrap();
    let partners = m.stakeholders.commerce.as_ref().unwrap().plan_cost;
    assert!(partners > 0.0);
    let a = c.allocation.as_ref().expect("an allocation of commerce");
    let standalone: f64 = a.standalone.iter().sum();
    let expected = (m.kpis.cost - partners).min(standalone);
    assert!(
        (a.joint_cost - expected).abs() < 1e-6,
        "joint cost {} vs plan {} less the partners' {partners}",
        a.joint_cost,
        m.kpis.cost
    );
    for (rule, _) in &a.rules {
        let total: f64 = rule.shares.iter().sum();
        assert!(
            (total - a.joint_cost).abs() < 1e-6,
            "{}: {total}",
            rule.rule
        );
    }
}

/// On the small preset: every mode feasible by the checker with the same B2B cases, and 快商合作
/// no dearer than `separate` (whose co-op vans drive the B2B goods on their own) nor than
/// 邮快合作 plus the co-op's own runs (which is what 邮快合作 costs with the same demand).
#[test]
fn commerce_on_the_small_preset_is_feasible_and_no_dearer_than_separate() {
    let s = generate(Preset::Small, 5).unwrap();
    let world = World::new(&s).unwrap();
    let effort = Effort {
        seed: 3,
        iterations: 200,
        ..Effort::default()
    };
    let total: i64 = world.replenishment.iter().map(|d| d.cases).sum();
    assert!(total > 0);
    let mut costs = Vec::new();
    for mode in [Mode::Separate, Mode::PostalExpress, Mode::Commerce] {
        let plan = checked(&world, mode, &effort);
        let k = plan_kpis(&world, &plan);
        assert_eq!(k.b2b_cases, total, "{}", mode.name());
        eprintln!(
            "{:>15}: cost {:8.1} (commerce partners' own vans {:6.1}) vehicles {}",
            mode.name(),
            k.cost,
            k.commerce_own_cost,
            k.vehicles
        );
        costs.push(k);
    }
    let (separate, postal, commerce) = (&costs[0], &costs[1], &costs[2]);
    assert!(separate.commerce_own_cost > 0.0);
    // The generated co-op stands at the hub: no shuttle, no own vans in 快商合作.
    assert_eq!(commerce.commerce_own_cost, 0.0);
    assert!(
        commerce.cost <= separate.cost,
        "{} > {}",
        commerce.cost,
        separate.cost
    );
    assert!(
        commerce.cost <= postal.cost,
        "{} > {}",
        commerce.cost,
        postal.cost
    );
}

/// The commerce partners are a stakeholder: outside 快商合作 they pay their own vans (and no
/// carrier does), in 快商合作 their shuttle plus their cases' share of the shared vans; with the
/// carriers they pay exactly the plan, and every mode's accounts still add up to the system cost.
#[test]
fn the_commerce_partners_pay_for_their_goods_in_every_mode() {
    let s = tiny_with_commerce();
    let world = World::new(&s).unwrap();
    let options = CompareOptions {
        effort: effort(),
        coalition_effort: effort(),
        allocate: None,
        ..CompareOptions::default()
    };
    let c = compare(&world, &options).unwrap();
    for m in &c.modes {
        let name = m.mode.name();
        let st = &m.stakeholders;
        let partners = st.commerce.as_ref().expect("a commerce account");
        assert_eq!(partners.suppliers, vec!["coop".to_string()], "{name}");
        assert_eq!(partners.cases, 11, "{name}");
        let own: f64 = m
            .plan
            .routes
            .iter()
            .filter(|r| r.operator == "coop")
            .map(|r| r.cost)
            .sum();
        let carriers: f64 = st.carriers.iter().map(|a| a.plan_cost).sum();
        let close = |a: f64, b: f64| (a - b).abs() <= 0.05 + 1e-3 * b.abs();
        assert!(
            close(carriers + partners.plan_cost, m.plan.total_cost()),
            "{name}: carriers {carriers} + partners {} != plan {}",
            partners.plan_cost,
            m.plan.total_cost()
        );
        if m.mode == Mode::Commerce {
            assert!(partners.on_shared_network, "{name}");
            assert!(
                partners.plan_cost > own + 0.01,
                "{name}: partners pay {} for a shuttle of {own} and a share of the shared vans",
                partners.plan_cost
            );
        } else {
            assert!(!partners.on_shared_network, "{name}");
            assert!(
                close(partners.plan_cost, own),
                "{name}: partners pay {}, their own vans cost {own}",
                partners.plan_cost
            );
        }
        let rows: f64 = st.rows().iter().map(|r| r.net_cost).sum();
        assert!(
            (rows - st.system_cost).abs() < 1e-6 * st.system_cost.max(1.0),
            "{name}: accounts {rows} vs system cost {}",
            st.system_cost
        );
        assert!(st.rows().iter().any(|r| r.kind == "commerce_partners"));
    }
}
