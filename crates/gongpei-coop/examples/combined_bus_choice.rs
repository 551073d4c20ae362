//! Greedy against joint choice of the `combined` mode's village bus riders: cost, saving against
//! `separate` and wall time of each `combined` plan, on a scenario file and a few engine seeds.
//! Prints markdown rows for `benches/coop/bus_joint.md`. Each plan gets a fresh planner (an empty
//! cache), so the two times compare. Run:
//! `cargo run --profile ci -p gongpei-coop --example combined_bus_choice -- SCENARIO.json LABEL SEED...`

use std::path::Path;
use std::time::Instant;

use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::world::World;
use gongpei_coop::{BusChoice, Effort, Mode, Planner};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(file), Some(label)) = (args.get(1), args.get(2)) else {
        return Err("usage: combined_bus_choice SCENARIO.json LABEL SEED...".into());
    };
    let seeds: Vec<u64> = args[3..]
        .iter()
        .map(|s| s.parse())
        .collect::<Result<_, _>>()
        .map_err(|e| format!("seeds must be whole numbers: {e}"))?;
    let scenario = gongpei_scenario::from_json_file(Path::new(file))?;
    let world = World::new(&scenario)?;
    let grand = Coalition::grand(world.num_carriers());
    println!(
        "| district | seed | separate CNY | greedy CNY | saving | joint CNY | saving | joint - greedy | bus parcels greedy / joint | greedy s | joint s | checker |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for seed in seeds {
        let effort = Effort::modes_default(seed);
        let separate = plan_kpis(
            &world,
            &Planner::new(&world).plan(Mode::Separate, grand, &effort)?,
        )
        .cost;
        let mut row = Vec::new();
        let mut checks = Vec::new();
        for choice in [BusChoice::Greedy, BusChoice::Joint] {
            let planner = Planner::new(&world);
            planner.set_bus_choice(choice);
            let t = Instant::now();
            let plan = planner.plan(Mode::Combined, grand, &effort)?;
            let seconds = t.elapsed().as_secs_f64();
            let report = check_plan(&scenario, &plan);
            checks.push(if report.is_ok() {
                "feasible".to_string()
            } else {
                format!("{}: {} problems", choice.name(), report.errors.len())
            });
            row.push((plan_kpis(&world, &plan), seconds));
        }
        let (greedy, joint) = (&row[0], &row[1]);
        let pct = |cost: f64| 100.0 * (separate - cost) / separate;
        checks.dedup();
        println!(
            "| {label} | {seed} | {separate:.2} | {:.2} | {:.1} % | {:.2} | {:.1} % | {:+.2} | {} / {} | {:.1} | {:.1} | {} |",
            greedy.0.cost,
            pct(greedy.0.cost),
            joint.0.cost,
            pct(joint.0.cost),
            joint.0.cost - greedy.0.cost,
            greedy.0.bus_parcels,
            joint.0.bus_parcels,
            greedy.1,
            joint.1,
            checks.join(", ")
        );
    }
    Ok(())
}
