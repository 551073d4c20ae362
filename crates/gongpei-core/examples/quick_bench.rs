//! Development benchmark for the engine alone (no dependency on `gongpei-io`): reads CVRPLIB
//! EUC_2D `.vrp` files and Solomon `.txt` files with a minimal parser, solves each with a time
//! limit and prints cost, gap to a given best-known value and iterations.
//!
//! `cargo run -p gongpei-core --release --example quick_bench -- SECONDS|itN SEED FILE[=BKS]...`

use gongpei_core::{solve, Client, Control, Depot, Matrix, ProblemData, SolveParams, VehicleType};
use std::time::Duration;

fn read_vrplib(text: &str) -> Result<ProblemData, String> {
    let mut capacity = 0i64;
    let mut coords: Vec<(f64, f64)> = Vec::new();
    let mut demands: Vec<i64> = Vec::new();
    let mut section = "";
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with("CAPACITY") {
            capacity = line
                .split(':')
                .nth(1)
                .ok_or("CAPACITY")?
                .trim()
                .parse()
                .map_err(|_| "CAPACITY")?;
        } else if line.starts_with("NODE_COORD_SECTION") {
            section = "coord";
        } else if line.starts_with("DEMAND_SECTION") {
            section = "demand";
        } else if line.starts_with("DEPOT_SECTION") || line.starts_with("EOF") {
            section = "";
        } else if !line.is_empty() && !section.is_empty() {
            let f: Vec<&str> = line.split_whitespace().collect();
            match section {
                "coord" => coords.push((
                    f[1].parse().map_err(|_| "x")?,
                    f[2].parse().map_err(|_| "y")?,
                )),
                _ => demands.push(f[1].parse().map_err(|_| "demand")?),
            }
        }
    }
    let n = coords.len();
    let d = Matrix::from_fn(n, |i, j| {
        let (dx, dy) = (coords[i].0 - coords[j].0, coords[i].1 - coords[j].1);
        (dx * dx + dy * dy).sqrt().round() as i64
    });
    ProblemData::builder()
        .depot(Depot::default())
        .clients((1..n).map(|i| Client::with_delivery(vec![demands[i]])))
        .vehicle_type(VehicleType::with_capacity(n - 1, vec![capacity]))
        .distance_matrix(d.clone())
        .duration_matrix(d)
        .build()
        .map_err(|e| e.to_string())
}

fn read_solomon(text: &str) -> Result<ProblemData, String> {
    let lines: Vec<&str> = text.lines().collect();
    let veh: Vec<i64> = lines[4]
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    let rows: Vec<Vec<f64>> = lines[9..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(|x| x.parse().unwrap()).collect())
        .collect();
    let n = rows.len();
    // Distances truncated to one decimal, scaled by 10.
    let d = Matrix::from_fn(n, |i, j| {
        let (dx, dy) = (rows[i][1] - rows[j][1], rows[i][2] - rows[j][2]);
        ((dx * dx + dy * dy).sqrt() * 10.0).floor() as i64
    });
    let s = |x: f64| (x * 10.0).round() as i64;
    ProblemData::builder()
        .depot(Depot {
            tw_early: s(rows[0][4]),
            tw_late: s(rows[0][5]),
            ..Depot::default()
        })
        .clients(rows[1..].iter().map(|r| Client {
            tw_early: s(r[4]),
            tw_late: s(r[5]),
            service_duration: s(r[6]),
            ..Client::with_delivery(vec![r[3] as i64])
        }))
        .vehicle_type(VehicleType::with_capacity(veh[0] as usize, vec![veh[1]]))
        .distance_matrix(d.clone())
        .duration_matrix(d)
        .build()
        .map_err(|e| e.to_string())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `SECONDS` or `itN` (an iteration limit instead of a time limit, for deterministic A/B runs).
    let iterations: Option<u64> = args[0]
        .strip_prefix("it")
        .map(|n| n.parse().expect("iterations"));
    let seconds: f64 = if iterations.is_some() {
        1e6
    } else {
        args[0].parse().expect("seconds")
    };
    let seed: u64 = args[1].parse().expect("seed");
    let mut gaps = Vec::new();
    for spec in &args[2..] {
        let (path, bks) = match spec.split_once('=') {
            Some((p, b)) => (p, b.parse::<f64>().ok()),
            None => (spec.as_str(), None),
        };
        let text = std::fs::read_to_string(path).expect("readable file");
        let data = if path.ends_with(".vrp") {
            read_vrplib(&text)
        } else {
            read_solomon(&text)
        };
        let data = data.expect("valid instance");
        let params = SolveParams {
            seed,
            time_limit: Some(Duration::from_secs_f64(seconds)),
            max_iterations: iterations,
            ..SolveParams::default()
        };
        let out = solve(&data, &params, &|_| Control::Continue);
        let gap = bks.map(|b| 100.0 * (out.report.cost as f64 - b) / b);
        if let Some(g) = gap {
            gaps.push(g);
        }
        println!(
            "{:<40} cost {:>9} routes {:>3} feasible {} iters {:>7} time {:>6.1}s gap {}",
            path.rsplit('/').next().unwrap_or(path),
            out.report.cost,
            out.report.num_routes,
            out.report.is_feasible(),
            out.iterations,
            out.elapsed.as_secs_f64(),
            gap.map_or("-".into(), |g| format!("{g:.2}%"))
        );
    }
    if !gaps.is_empty() {
        println!(
            "mean gap {:.3}% over {}",
            gaps.iter().sum::<f64>() / gaps.len() as f64,
            gaps.len()
        );
    }
}
