//! The 快快合作 acceptance table: plans separate, postal_express, express_pool (searched leads),
//! express_pool_single (best single lead) and combined for all carriers of one scenario and
//! prints cost, saving against separate, routes, km, the checker's verdict and wall time, then
//! the lead search's record (starts, moves, assignments priced, leads per area):
//! `cargo run --profile ci -p gongpei-coop --example express_pool_table -- SCENARIO SEED [ITERATIONS]`
//! where SCENARIO is a scenario file or a preset name (`jizhou`, `small`, generated with SEED),
//! SEED seeds the engine and ITERATIONS is the mode effort per 100 stops (HGS; default 100, the
//! CLI's default). Modes are planned in that order on one planner, so express_pool_single's
//! time is what is left after express_pool's search (its single leads are cached).

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
    let iterations: u64 = args.get(3).map_or(Ok(100), |s| s.parse())?;
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
    println!("| mode | cost CNY/day | saving vs separate | routes | km | checker | time s |");
    println!("|---|---|---|---|---|---|---|");
    let mut baseline = None;
    let mut searched = None;
    for mode in [
        Mode::Separate,
        Mode::PostalExpress,
        Mode::ExpressPool,
        Mode::ExpressPoolSingleLead,
        Mode::Combined,
    ] {
        let t = Instant::now();
        let plan = planner.plan(mode, grand, &effort)?;
        let elapsed = t.elapsed().as_secs_f64();
        let k = plan_kpis(&world, &plan);
        let check = check_plan(&scenario, &plan);
        for e in plan.engine_violations.iter().take(3) {
            eprintln!("  {} engine: {e}", mode.name());
        }
        for e in check.errors.iter().take(3) {
            eprintln!("  {}: {e}", mode.name());
        }
        let base = *baseline.get_or_insert(k.cost);
        println!(
            "| {} | {:.1} | {:.1} ({:.1} %) | {} | {:.1} | {} | {:.1} |",
            mode.name(),
            k.cost,
            base - k.cost,
            100.0 * (base - k.cost) / base,
            plan.routes.len(),
            k.vehicle_km,
            if check.is_ok() {
                "feasible".to_string()
            } else {
                format!("{} problems", check.errors.len())
            },
            elapsed
        );
        if mode == Mode::ExpressPool {
            searched = plan.leads.clone();
        }
    }
    if let Some(l) = searched {
        let name = |c: usize| scenario.carriers[c].id.clone();
        println!(
            "\nlead search (screening prices): majority start {:.1} ({} violations), best single lead {} {:.1} ({}), chosen {:.1} ({}); {} assignments priced, {} moves{}",
            l.majority.cost,
            l.majority.violations,
            l.single_lead.map_or("-".into(), name),
            l.single.cost,
            l.single.violations,
            l.chosen.cost,
            l.chosen.violations,
            l.evaluations,
            l.moves,
            if l.stopped_at_limit { ", stopped at the limit" } else { "" }
        );
        let mut count = vec![0; scenario.carriers.len()];
        for a in &l.areas {
            count[a.lead] += 1;
        }
        let leads: Vec<String> = (0..count.len())
            .filter(|&c| count[c] > 0)
            .map(|c| format!("{} {}", name(c), count[c]))
            .collect();
        println!("areas led: {}", leads.join(", "));
    }
    Ok(())
}
