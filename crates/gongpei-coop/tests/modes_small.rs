//! Every mode on the generated small preset (one township, six carriers): plans pass the
//! independent checker. (The full comparison with allocation runs on `tests/data/tiny.json` in
//! `brute_force.rs`; on this preset it takes 63 coalition solves, too slow for a debug test.)

use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::modes::{plan, Mode};
use gongpei_coop::subproblem::Effort;
use gongpei_coop::world::World;
use gongpei_scenario::generate::{generate, Preset};

fn effort() -> Effort {
    Effort {
        seed: 3,
        iterations: 200,
        ..Effort::default()
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
