//! Runs the mode comparison on a generated preset and prints the timing:
//! `cargo run --release -p gongpei-coop --example compare_preset -- jizhou 1 300`
//! (preset, seed, engine iterations per sub-problem).

use std::time::Instant;

use gongpei_coop::compare::{compare, CompareOptions};
use gongpei_coop::world::World;
use gongpei_coop::Effort;
use gongpei_scenario::generate::generate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let preset = args.get(1).map_or("small", |s| s.as_str()).parse()?;
    let seed: u64 = args.get(2).map_or(Ok(1), |s| s.parse())?;
    let iterations: u64 = args.get(3).map_or(Ok(300), |s| s.parse())?;
    let t0 = Instant::now();
    let scenario = generate(preset, seed)?;
    let world = World::new(&scenario)?;
    eprintln!(
        "world: {} flows, {:.1} s",
        world.flows.len(),
        t0.elapsed().as_secs_f64()
    );
    let options = CompareOptions {
        effort: Effort {
            seed,
            iterations,
            ..Effort::modes_default(seed)
        },
        ..CompareOptions::default()
    };
    let c = compare(&world, &options)?;
    print!("{}", gongpei_coop::report::text(&c));
    eprintln!("total {:.1} s", t0.elapsed().as_secs_f64());
    Ok(())
}
