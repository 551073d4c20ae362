//! Every mode on the generated small preset (one township, six carriers): plans pass the
//! independent checker. (The full comparison with allocation runs on `tests/data/tiny.json` in
//! `brute_force.rs`; on this preset it takes 63 coalition solves, too slow for a debug test.)

use crate::common::checked_mode_kpis;
use gongpei_coop::world::World;
use gongpei_coop::Effort;
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
    for (mode, k) in checked_mode_kpis(&world, &effort()) {
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
