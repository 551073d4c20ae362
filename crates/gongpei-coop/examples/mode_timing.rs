//! Plans each mode for all carriers at several engine efforts and prints cost, saving against
//! `separate`, vehicles, checker problems and wall time side by side (the measurement behind the
//! default effort and the effort table of the crate README):
//! `cargo run --release -p gongpei-coop --example mode_timing -- SCENARIO 0,100,300 [MODES] [STRATEGY] [PER]`
//! where SCENARIO is a scenario file or a preset name (`jizhou`, `small`), the second argument
//! lists iteration budgets per sub-problem, MODES (comma-separated) defaults to all four,
//! STRATEGY names the engine strategy (`hgs` by default, `ils`, `auto`) and PER the clients per
//! budget step (`Effort::clients_per_step`; 0, the default here, gives every sub-problem the same
//! budget). Each budget starts from an empty planner cache, so the timings are comparable.

use std::time::Instant;

use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::{Effort, Mode, Planner, World};
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
    let modes: Vec<Mode> = match args.get(3).filter(|s| s.as_str() != "all") {
        Some(list) => list
            .split(',')
            .map(|m| m.trim().parse())
            .collect::<Result<_, _>>()?,
        None => Mode::ALL.to_vec(),
    };
    let strategy = match args.get(4).map_or("hgs", |s| s.as_str()) {
        "ils" => Strategy::IteratedLocalSearch,
        "hgs" => Strategy::Genetic,
        "auto" => Strategy::Auto,
        other => return Err(format!("unknown strategy {other:?}: ils, hgs or auto").into()),
    };
    let per: u64 = args.get(5).map_or(Ok(0), |s| s.parse())?;
    let world = World::new(&scenario)?;
    println!(
        "{:>17} {:>10} {:>4} {:>10} {:>8} {:>8} {:>5} {:>9} {:>8}",
        "mode", "iterations", "per", "cost CNY", "feeder", "saving%", "veh", "problems", "time s"
    );
    for &iterations in &budgets {
        // A fresh planner per budget: nothing is reused from a cheaper budget's solves.
        let planner = Planner::new(&world);
        let effort = Effort {
            seed: 1,
            iterations,
            clients_per_step: per,
            strategy,
        };
        let mut baseline: Option<f64> = None;
        for &mode in &modes {
            let t = Instant::now();
            let p = planner.plan(mode, Coalition::grand(world.num_carriers()), &effort)?;
            let elapsed = t.elapsed().as_secs_f64();
            let k = plan_kpis(&world, &p);
            let check = check_plan(&scenario, &p);
            for e in check.errors.iter().take(3) {
                eprintln!("  {}: {e}", mode.name());
            }
            if mode == Mode::Separate && check.is_ok() {
                baseline = Some(k.cost);
            }
            let saving = match (baseline, check.is_ok()) {
                (Some(b), true) if mode != Mode::Separate => {
                    format!("{:.1}", 100.0 * (b - k.cost) / b)
                }
                (_, false) => "infeas.".into(),
                _ => "-".into(),
            };
            println!(
                "{:>17} {:>10} {:>4} {:>10.1} {:>8.1} {:>8} {:>5} {:>9} {:>8.2}",
                mode.name(),
                iterations,
                per,
                k.cost,
                k.feeder_cost,
                saving,
                k.vehicles,
                check.errors.len(),
                elapsed
            );
        }
    }
    Ok(())
}
