//! Every mode on the bundled small preset (one township): plans pass the independent checker,
//! cooperation does not cost more than going alone, and the Shapley allocation sums to the joint
//! cost.

use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::compare::{compare, CompareOptions};
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::modes::{plan, Mode};
use gongpei_coop::subproblem::Effort;
use gongpei_coop::world::World;
use gongpei_scenario::generate::{generate, Preset};

fn effort() -> Effort {
    Effort {
        seed: 3,
        iterations: 200,
    }
}

#[test]
fn every_mode_passes_the_checker_on_the_small_preset() {
    let scenario = generate(Preset::Small, 5).unwrap();
    let world = World::new(&scenario).unwrap();
    let grand = Coalition::grand(world.num_carriers());
    for mode in Mode::ALL {
        let p = plan(&world, mode, grand, &effort()).unwrap();
        let report = check_plan(&world, &p);
        assert!(
            report.is_ok(),
            "{}: {:#?}",
            mode.name(),
            &report.errors[..report.errors.len().min(10)]
        );
        let k = plan_kpis(&world, &p);
        eprintln!(
            "{:>17}: cost {:9.1} km {:7.1} vehicles {:3} bus {}",
            mode.name(),
            k.cost,
            k.vehicle_km,
            k.vehicles,
            k.bus_parcels
        );
        assert!(k.cost > 0.0);
    }
}

#[test]
fn comparison_allocates_the_joint_cost() {
    let scenario = generate(Preset::Small, 5).unwrap();
    let world = World::new(&scenario).unwrap();
    let options = CompareOptions {
        effort: effort(),
        ..CompareOptions::default()
    };
    let c = compare(&world, &options).unwrap();
    let alloc = c.allocation.unwrap();
    for (a, core) in &alloc.rules {
        let sum: f64 = a.shares.iter().sum();
        assert!(
            (sum - alloc.joint_cost).abs() < 1e-6 * alloc.joint_cost.max(1.0),
            "{}: {sum} vs {}",
            a.rule,
            alloc.joint_cost
        );
        assert!(core.efficiency_gap.abs() < 1e-3);
    }
    assert_eq!(alloc.coalitions_solved, (1 << world.num_carriers()) - 1);
}
