//! Diagnostic: how many bus candidates and assignments transport_postal finds on a preset.
use gongpei_coop::allocation::Coalition;
use gongpei_coop::kpi::plan_kpis;
use gongpei_coop::world::World;
use gongpei_coop::Effort;
use gongpei_coop::{Mode, Planner};
use gongpei_scenario::generate::generate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let scenario = generate(args.get(1).map_or("small", |s| s.as_str()).parse()?, 1)?;
    let world = World::new(&scenario)?;
    for l in &scenario.bus_lines {
        println!(
            "{} stops {:?} runs {:?} spare {}",
            l.id,
            l.stops,
            l.runs
                .iter()
                .map(|r| r.departure_s / 60)
                .collect::<Vec<_>>(),
            l.spare_parcels_per_run
        );
    }
    println!(
        "station {:?}",
        gongpei_coop::modes::bus_station(&world).map(|s| &scenario.sites[s].id)
    );
    let effort = Effort {
        seed: 1,
        iterations: 300,
        ..Effort::default()
    };
    let p = Planner::new(&world).plan(Mode::TransportPostal, Coalition::grand(6), &effort)?;
    println!(
        "tp bus {} cost {:.1}",
        p.bus.len(),
        plan_kpis(&world, &p).cost
    );
    for c in &scenario.carriers {
        println!("{} depots {:?}", c.id, c.depots);
    }
    Ok(())
}
