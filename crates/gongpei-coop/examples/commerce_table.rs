//! The 快商合作 measurement: plans separate, postal_express and commerce for all carriers of one
//! scenario and prints cost, saving against separate, the commerce partners' B2B cases and the
//! cost of their own vans, routes, km, the checker's verdict and wall time:
//! `cargo run --profile ci -p gongpei-coop --example commerce_table -- SCENARIO SEED [ITERATIONS]`
//! where SCENARIO is a scenario file or a preset name (`jizhou`, `small`, generated with SEED),
//! SEED seeds the engine and ITERATIONS is the mode effort per 100 stops (HGS; default 0, a
//! low-effort look).

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
    let seed: u64 = args.get(2).map_or(Ok(1), |s| s.parse())?;
    let iterations: u64 = args.get(3).map_or(Ok(0), |s| s.parse())?;
    let scenario = match source.parse() {
        Ok(preset) => generate(preset, seed)?,
        Err(_) => gongpei_scenario::from_json_file(std::path::Path::new(source))?,
    };
    let world = World::new(&scenario)?;
    let planner = Planner::new(&world);
    let effort = Effort {
        seed,
        iterations,
        clients_per_step: 100,
        strategy: Strategy::Genetic,
    };
    let grand = Coalition::grand(world.num_carriers());
    println!("| mode | cost CNY/day | saving vs separate | B2B cases | partners' own vans CNY | routes | km | checker | time s |");
    println!("|---|---|---|---|---|---|---|---|---|");
    let mut baseline = None;
    for mode in [Mode::Separate, Mode::PostalExpress, Mode::Commerce] {
        let t = Instant::now();
        let plan = planner.plan(mode, grand, &effort)?;
        let elapsed = t.elapsed().as_secs_f64();
        let k = plan_kpis(&world, &plan);
        let check = check_plan(&scenario, &plan);
        for e in check.errors.iter().take(3) {
            eprintln!("  {}: {e}", mode.name());
        }
        let base = *baseline.get_or_insert(k.cost);
        println!(
            "| {} | {:.1} | {:.1} ({:.1} %) | {} | {:.1} | {} | {:.1} | {} | {:.1} |",
            mode.name(),
            k.cost,
            base - k.cost,
            100.0 * (base - k.cost) / base,
            k.b2b_cases,
            k.commerce_own_cost,
            plan.routes.len(),
            k.vehicle_km,
            if check.is_ok() {
                "feasible".to_string()
            } else {
                format!("{} problems", check.errors.len())
            },
            elapsed
        );
    }
    Ok(())
}
