//! Matrix benchmark driver: builds a synthetic rural road graph of about 100,000 directed edges
//! and 1,000 sites, optionally exports it (for the scipy side of `benches/network/`), and times
//! `Router::matrices` over several repeats.
//!
//! Usage: `matrix_bench [--side N] [--sites K] [--seed S] [--threads T] [--repeats R] [--export DIR]
//! [--dump FILE]` (`--dump` writes the duration matrix as little-endian i64, row-major).
//! Prints one JSON line with the timings (seconds), the matrix memory and the peak RSS.

use std::io::Write;
use std::time::Instant;

use gongpei_network::{RoadClass, RoadNetwork, Site, SiteTier, VehicleProfile};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

struct Args {
    side: usize,
    sites: usize,
    seed: u64,
    threads: usize,
    repeats: usize,
    export: Option<String>,
    dump: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        side: 160,
        sites: 1000,
        seed: 1,
        threads: 2,
        repeats: 5,
        export: None,
        dump: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--side" => a.side = value()?.parse().map_err(|e| format!("--side: {e}"))?,
            "--sites" => a.sites = value()?.parse().map_err(|e| format!("--sites: {e}"))?,
            "--seed" => a.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--threads" => a.threads = value()?.parse().map_err(|e| format!("--threads: {e}"))?,
            "--repeats" => a.repeats = value()?.parse().map_err(|e| format!("--repeats: {e}"))?,
            "--export" => a.export = Some(value()?),
            "--dump" => a.dump = Some(value()?),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

/// A perturbed grid with 250-900 m links, random road classes and 15 % one-way links, plus
/// diagonal shortcuts: about 4 directed edges per node, like a rural road mesh.
fn build(side: usize, seed: u64) -> RoadNetwork {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let node = |r: usize, c: usize| r * side + c;
    let sites: Vec<Site> = (0..side * side)
        .map(|i| {
            let (r, c) = (i / side, i % side);
            let lon = 117.0 + c as f64 * 0.006 + rng.random_range(-0.002..0.002);
            let lat = 39.7 + r as f64 * 0.0045 + rng.random_range(-0.0015..0.0015);
            Site::new(
                &format!("n{i}"),
                &format!("node {i}"),
                SiteTier::Junction,
                lon,
                lat,
            )
        })
        .collect();
    let mut net = RoadNetwork::new(sites).expect("valid coordinates");
    let add = |net: &mut RoadNetwork, a: usize, b: usize, rng: &mut ChaCha8Rng| {
        let class = RoadClass::ALL[rng.random_range(0..5)];
        let length = rng.random_range(250.0..900.0);
        let one_way = rng.random::<f64>() < 0.15;
        let (a, b) = if rng.random::<bool>() { (a, b) } else { (b, a) };
        net.add_road(a, b, length, class, one_way)
            .expect("valid road");
    };
    for r in 0..side {
        for c in 0..side {
            if c + 1 < side {
                add(&mut net, node(r, c), node(r, c + 1), &mut rng);
            }
            if r + 1 < side {
                add(&mut net, node(r, c), node(r + 1, c), &mut rng);
            }
            if r + 1 < side && c + 1 < side && rng.random::<f64>() < 0.12 {
                add(&mut net, node(r, c), node(r + 1, c + 1), &mut rng);
            }
        }
    }
    net
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<f64>().ok())
            })
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("matrix_bench: {e}");
            std::process::exit(2);
        }
    };
    let net = build(args.side, args.seed);
    let n = net.sites().len();
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed ^ 0x5eed);
    let mut targets: Vec<usize> = Vec::new();
    while targets.len() < args.sites.min(n) {
        let t = rng.random_range(0..n);
        if !targets.contains(&t) {
            targets.push(t);
        }
    }
    if let Some(dir) = &args.export {
        export(&net, &targets, dir).expect("export graph");
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .expect("thread pool");
    let (times, csr_s, checksum, last) = pool.install(|| {
        let t0 = Instant::now();
        let router = net.router(VehicleProfile::Van);
        let csr_s = t0.elapsed().as_secs_f64();
        let mut times = Vec::new();
        let mut checksum = 0i64;
        let mut last = None;
        for _ in 0..args.repeats.max(1) {
            let t = Instant::now();
            let m = router
                .matrices(&targets)
                .expect("connected benchmark graph");
            times.push(t.elapsed().as_secs_f64());
            checksum = m.duration.as_slice().iter().sum::<i64>();
            last = Some(m);
        }
        (times, csr_s, checksum, last)
    });
    if let (Some(path), Some(m)) = (&args.dump, &last) {
        let bytes: Vec<u8> = m
            .duration
            .as_slice()
            .iter()
            .flat_map(|x| x.to_le_bytes())
            .collect();
        std::fs::write(path, bytes).expect("write dump");
    }
    let mut sorted = times.clone();
    sorted.sort_by(f64::total_cmp);
    let k = targets.len();
    let out = serde_json::json!({
        "nodes": n,
        "directed_edges": net.num_directed_edges(),
        "sites": k,
        "threads": args.threads,
        "csr_build_s": csr_s,
        "matrices_s": times,
        "median_s": sorted[sorted.len() / 2],
        "matrix_mb": (2 * k * k * 8) as f64 / 1.0e6,
        "peak_rss_mb": peak_rss_mb(),
        "duration_sum_s": checksum,
    });
    println!("{out}");
}

/// Writes `edges.csv` (tail, head, time_ms; one line per directed arc, as the router weighs
/// them) and `sites.csv` (node index per matrix row) for the scipy side.
fn export(net: &RoadNetwork, targets: &[usize], dir: &str) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut e = std::io::BufWriter::new(std::fs::File::create(format!("{dir}/edges.csv"))?);
    for v in 0..net.sites().len() {
        for (w, road) in net.roads_from(v) {
            let kmh = net.speeds().kmh(VehicleProfile::Van, road.class);
            let ms = ((road.length_m * 3600.0 / kmh).round() as u64).max(1);
            writeln!(e, "{v},{w},{ms}")?;
        }
    }
    let mut s = std::io::BufWriter::new(std::fs::File::create(format!("{dir}/sites.csv"))?);
    for t in targets {
        writeln!(s, "{t}")?;
    }
    Ok(())
}
