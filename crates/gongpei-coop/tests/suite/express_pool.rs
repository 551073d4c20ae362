//! 快快合作 (`express_pool`) on the small preset: the lead search is never worse than its starts
//! (the majority assignment and the best single lead), its plans pass the independent checker,
//! it is deterministic for a seed, and on a two-area district with four express carriers every
//! lead assignment is enumerated and the search's choice compared with the optimum.

use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::plan::Plan;
use gongpei_coop::world::World;
use gongpei_coop::{Effort, Mode, Planner};
use gongpei_core::Strategy;
use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::model::SiteTier;
use gongpei_scenario::{CarrierKind, Scenario};

fn effort() -> Effort {
    Effort {
        seed: 1,
        iterations: 0,
        clients_per_step: 0,
        strategy: Strategy::IteratedLocalSearch,
    }
}

fn checked(scenario: &Scenario, plan: &Plan) {
    let report = check_plan(scenario, plan);
    assert!(
        report.is_ok(),
        "{}: {:#?}",
        plan.mode,
        &report.errors[..report.errors.len().min(10)]
    );
}

#[test]
fn the_search_beats_its_starts_and_every_plan_is_feasible() {
    let scenario = generate(Preset::Small, 1).unwrap();
    let world = World::new(&scenario).unwrap();
    let planner = Planner::new(&world);
    let grand = Coalition::grand(world.num_carriers());
    let searched = planner.plan(Mode::ExpressPool, grand, &effort()).unwrap();
    checked(&scenario, &searched);
    let leads = searched.leads.clone().unwrap();
    assert!(!leads.areas.is_empty());
    assert_eq!(leads.chosen.violations, 0);
    assert!(leads.chosen.cost <= leads.majority.cost + 1e-6, "{leads:?}");
    assert!(leads.chosen.cost <= leads.single.cost + 1e-6, "{leads:?}");
    // The plan of every carrier carries the commerce partners' own replenishment runs too,
    // which the lead search (parcels only) does not price.
    let own = |plan: &gongpei_coop::Plan| -> f64 {
        plan.routes
            .iter()
            .filter(|r| scenario.commerce.is_operator(&r.operator))
            .map(|r| r.cost)
            .sum()
    };
    assert!((searched.total_cost() - own(&searched) - leads.chosen.cost).abs() < 1e-6);
    // Transfers exist (other carriers' parcels cross to the leads) and China Post drives alone.
    assert!(searched
        .routes
        .iter()
        .any(|r| r.leg == gongpei_coop::plan::Leg::Feeder));
    let post = scenario
        .carriers
        .iter()
        .position(|c| c.kind == CarrierKind::Postal)
        .unwrap();
    assert!(leads.areas.iter().all(|a| a.lead != post));

    let single = planner
        .plan(Mode::ExpressPoolSingleLead, grand, &effort())
        .unwrap();
    checked(&scenario, &single);
    assert!((single.total_cost() - own(&single) - leads.single.cost).abs() < 1e-6);
    let single_lead = single.leads.as_ref().unwrap().single_lead.unwrap();
    assert!(single
        .leads
        .as_ref()
        .unwrap()
        .areas
        .iter()
        .all(|a| a.lead == single_lead));
    // Each single lead, planned on its own, costs at least the best single lead.
    for c in (0..scenario.carriers.len()).filter(|&c| c != post) {
        let all: Vec<(Option<usize>, usize)> =
            leads.areas.iter().map(|a| (a.township, c)).collect();
        let p = planner.plan_express_pool(grand, &all, &effort()).unwrap();
        assert!(p.total_cost() >= single.total_cost() - 1e-6, "lead {c}");
    }
    // Same seed, fresh planner: the same leads and cost.
    let again = Planner::new(&world)
        .plan(Mode::ExpressPool, grand, &effort())
        .unwrap();
    assert_eq!(again.leads, searched.leads);
    assert_eq!(again.total_cost(), searched.total_cost());
}

#[test]
fn bad_lead_lists_are_refused_by_area() {
    let scenario = generate(Preset::Small, 1).unwrap();
    let world = World::new(&scenario).unwrap();
    let planner = Planner::new(&world);
    let grand = Coalition::grand(world.num_carriers());
    let err = planner
        .plan_express_pool(grand, &[], &effort())
        .unwrap_err()
        .to_string();
    assert!(err.contains("must be given exactly one lead"), "{err}");
}

/// The small preset split in two pooled areas: its last village becomes a second township
/// centre (its demand dropped) and the second half of the villages belong to it.
fn two_areas() -> Scenario {
    let mut s = generate(Preset::Small, 2).unwrap();
    let villages: Vec<usize> = (0..s.sites.len())
        .filter(|&i| s.sites[i].tier == SiteTier::VillageStation)
        .collect();
    let centre = *villages.last().unwrap();
    let id = s.sites[centre].id.clone();
    s.sites[centre].tier = SiteTier::TownshipCentre;
    s.sites[centre].township = None;
    s.demand.retain(|d| d.village != id);
    for &i in &villages[villages.len() / 2..villages.len() - 1] {
        s.sites[i].township = Some(id.clone());
    }
    s
}

#[test]
fn the_search_finds_the_enumerated_optimum_on_two_areas() {
    let scenario = two_areas();
    let world = World::new(&scenario).unwrap();
    let planner = Planner::new(&world);
    let express: Vec<usize> = (0..scenario.carriers.len())
        .filter(|&c| scenario.carriers[c].kind == CarrierKind::Express)
        .take(4)
        .collect();
    let post = scenario
        .carriers
        .iter()
        .position(|c| c.kind == CarrierKind::Postal)
        .unwrap();
    let coalition = Coalition::from_players(&[&[post], express.as_slice()].concat());
    let searched = planner
        .plan(Mode::ExpressPool, coalition, &effort())
        .unwrap();
    checked(&scenario, &searched);
    let areas: Vec<Option<usize>> = searched
        .leads
        .as_ref()
        .unwrap()
        .areas
        .iter()
        .map(|a| a.township)
        .collect();
    assert_eq!(areas.len(), 2, "{areas:?}");
    let mut best = f64::INFINITY;
    let mut assignments = 0;
    for &x in &express {
        for &y in &express {
            let p = planner
                .plan_express_pool(coalition, &[(areas[0], x), (areas[1], y)], &effort())
                .unwrap();
            assignments += 1;
            if p.engine_feasible() {
                best = best.min(p.total_cost());
            }
        }
    }
    assert_eq!(assignments, 16);
    let found = searched.total_cost();
    eprintln!(
        "express_pool on two areas: search {found:.1}, enumerated optimum {best:.1} (gap {:.2} %, {} assignments priced by the search)",
        100.0 * (found - best) / best,
        searched.leads.as_ref().unwrap().evaluations
    );
    assert!(found <= best + 1e-6, "search {found} vs optimum {best}");
}
