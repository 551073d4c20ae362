//! Times the travel matrices of the generated Jizhou district (every non-junction site, all four
//! vehicle profiles), the real workload of the cooperation layer. Prints one JSON line.
//!
//! Usage: `jizhou_matrices [--seed S] [--threads T] [--repeats R]`

use std::time::Instant;

use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::model::{SiteTier, VehicleProfile};
use gongpei_scenario::network::build_network;

fn main() {
    let mut seed = 1u64;
    let mut threads = 2usize;
    let mut repeats = 5usize;
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let value = pair.get(1).and_then(|v| v.parse::<u64>().ok());
        match (pair[0].as_str(), value) {
            ("--seed", Some(v)) => seed = v,
            ("--threads", Some(v)) => threads = v as usize,
            ("--repeats", Some(v)) => repeats = v.max(1) as usize,
            _ => {
                eprintln!("usage: jizhou_matrices [--seed S] [--threads T] [--repeats R]");
                std::process::exit(2);
            }
        }
    }
    let t0 = Instant::now();
    let scenario = generate(Preset::Jizhou, seed).expect("preset generates");
    let generate_s = t0.elapsed().as_secs_f64();
    let net = build_network(&scenario).expect("network builds");
    let sites: Vec<usize> = (0..scenario.sites.len())
        .filter(|&i| scenario.sites[i].tier != SiteTier::Junction)
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("pool");
    let mut times = Vec::new();
    for _ in 0..repeats {
        let t = Instant::now();
        pool.install(|| {
            for profile in VehicleProfile::ALL {
                net.router(profile.into())
                    .matrices(&sites)
                    .expect("connected");
            }
        });
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{}",
        serde_json::json!({
            "sites": sites.len(),
            "graph_nodes": scenario.sites.len(),
            "directed_edges": net.num_directed_edges(),
            "profiles": 4,
            "threads": threads,
            "generate_s": generate_s,
            "median_s": times[times.len() / 2],
        })
    );
}
