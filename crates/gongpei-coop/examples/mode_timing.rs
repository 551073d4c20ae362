//! Times each mode's plan for all carriers on a preset (diagnostics for engine budgets):
//! `cargo run --release -p gongpei-coop --example mode_timing -- jizhou 0`.

use std::time::Instant;

use gongpei_coop::allocation::Coalition;
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::modes::{plan, Mode};
use gongpei_coop::subproblem::Effort;
use gongpei_coop::world::World;
use gongpei_scenario::generate::generate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let scenario = generate(args.get(1).map_or("small", |s| s.as_str()).parse()?, 1)?;
    let iterations: u64 = args.get(2).map_or(Ok(0), |s| s.parse())?;
    let world = World::new(&scenario)?;
    let effort = Effort {
        seed: 1,
        iterations,
    };
    for mode in Mode::ALL {
        let t = Instant::now();
        let p = plan(
            &world,
            mode,
            Coalition::grand(world.num_carriers()),
            &effort,
        )?;
        println!(
            "{:>17}: {:.2} s, cost {:.1}, {} sub-problems cached",
            mode.name(),
            t.elapsed().as_secs_f64(),
            plan_kpis(&world, &p).cost,
            world.subproblems_solved()
        );
    }
    Ok(())
}
