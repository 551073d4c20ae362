//! Plans each mode for all carriers at several engine efforts and prints cost, vehicles, checker
//! problems and wall time side by side (the measurement behind the default effort):
//! `cargo run --release -p gongpei-coop --example mode_timing -- SCENARIO.json 0,100,300 [MODES]`
//! where SCENARIO is a scenario file or a preset name (`jizhou`, `small`), the second argument
//! lists iteration budgets per sub-problem, MODES (comma-separated) defaults to all four, and the
//! fourth argument names the engine strategy (`ils` by default, `hgs`, `auto`).
//! Each budget starts from an empty solve cache, so the timings are comparable.

use std::time::Instant;

use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::modes::{plan, Mode};
use gongpei_coop::subproblem::Effort;
use gongpei_coop::world::World;
use gongpei_core::Strategy;
use gongpei_scenario::generate::generate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let source = args.get(1).map_or("small", |s| s.as_str());
    let scenario = match source.parse() {
        Ok(preset) => generate(preset, 1)?,
        Err(_) => gongpei_scenario::from_json_file(std::path::Path::new(source))?,
    };
    let budgets: Vec<u64> = args
        .get(2)
        .map_or("0", |s| s.as_str())
        .split(',')
        .map(|s| s.trim().parse())
        .collect::<Result<_, _>>()?;
    let modes: Vec<Mode> = match args.get(3) {
        Some(list) => list
            .split(',')
            .map(|m| m.trim().parse())
            .collect::<Result<_, _>>()?,
        None => Mode::ALL.to_vec(),
    };
    let strategy = match args.get(4).map_or("ils", |s| s.as_str()) {
        "ils" => Strategy::IteratedLocalSearch,
        "hgs" => Strategy::Genetic,
        "auto" => Strategy::Auto,
        other => return Err(format!("unknown strategy {other:?}: ils, hgs or auto").into()),
    };
    println!(
        "{:>17} {:>10} {:>10} {:>5} {:>9} {:>8}",
        "mode", "iterations", "cost CNY", "veh", "problems", "time s"
    );
    for &iterations in &budgets {
        // A fresh world per budget: nothing is reused from a cheaper budget's solves.
        let world = World::new(&scenario)?;
        let effort = Effort {
            seed: 1,
            iterations,
            strategy,
        };
        for &mode in &modes {
            let t = Instant::now();
            let p = plan(
                &world,
                mode,
                Coalition::grand(world.num_carriers()),
                &effort,
            )?;
            let elapsed = t.elapsed().as_secs_f64();
            let k = plan_kpis(&world, &p);
            let check = check_plan(&world, &p);
            for e in check.errors.iter().take(3) {
                eprintln!("  {}: {e}", mode.name());
            }
            println!(
                "{:>17} {:>10} {:>10.1} {:>5} {:>9} {:>8.2}",
                mode.name(),
                iterations,
                k.cost,
                k.vehicles,
                check.errors.len(),
                elapsed
            );
        }
    }
    Ok(())
}
