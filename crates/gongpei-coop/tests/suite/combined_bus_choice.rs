//! The `combined` mode's joint choice of village bus riders on the generated small preset: for a
//! few engine seeds the joint plan is never dearer than the greedy one, the independent checker
//! accepts both, and the joint search finds a cheaper day on at least one seed (there, moving a
//! few villages to the bus lets one last-mile van fewer serve the township, which the greedy
//! per-stop estimate cannot see).

use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::world::World;
use gongpei_coop::{BusChoice, Effort, Mode, Planner};
use gongpei_scenario::generate::{generate, Preset};

#[test]
fn joint_combined_is_never_worse_than_greedy_and_passes_the_checker() {
    let scenario = generate(Preset::Small, 1).unwrap();
    let world = World::new(&scenario).unwrap();
    let grand = Coalition::grand(world.num_carriers());
    let mut cheaper_somewhere = false;
    for seed in [1, 2, 3] {
        let effort = Effort::modes_default(seed);
        let plan = |choice: BusChoice| {
            let planner = Planner::new(&world);
            planner.set_bus_choice(choice);
            let plan = planner.plan(Mode::Combined, grand, &effort).unwrap();
            let report = check_plan(&scenario, &plan);
            assert!(
                report.is_ok(),
                "seed {seed}, {}: {:#?}",
                choice.name(),
                &report.errors[..report.errors.len().min(10)]
            );
            plan_kpis(&world, &plan)
        };
        let (greedy, joint) = (plan(BusChoice::Greedy), plan(BusChoice::Joint));
        eprintln!(
            "seed {seed}: greedy {:.2} ({} bus parcels), joint {:.2} ({} bus parcels)",
            greedy.cost, greedy.bus_parcels, joint.cost, joint.bus_parcels
        );
        assert!(
            joint.cost <= greedy.cost + 1e-6,
            "seed {seed}: joint {} dearer than greedy {}",
            joint.cost,
            greedy.cost
        );
        cheaper_somewhere |= joint.cost < greedy.cost - 1e-6;
    }
    assert!(
        cheaper_somewhere,
        "the joint search found no cheaper rider set on any seed"
    );
}
