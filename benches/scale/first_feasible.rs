//! Scale check: reads a (large) instance, times the search's set-up, then solves until the first
//! feasible solution is reported (or `--limit` seconds pass) and checks it independently.
//!
//! ```text
//! cargo run --release --example first_feasible -- benches/scale/U-n10001-s1.vrp --limit 10
//! ```
//!
//! Prints one `key=value` line per phase; peak memory is measured from outside with
//! `/usr/bin/time -v` (see `benches/scale/run.sh`).

use gongpei::core::bench_support::{SearchSetup, SOLVER_NEIGHBOURS};
use gongpei::core::{solve, Control, SolveParams};
use gongpei::io::{check, read_instance};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut limit = 10.0f64;
    while let Some(arg) = args.next() {
        if arg == "--limit" {
            match args.next().and_then(|v| v.parse().ok()) {
                Some(v) if v > 0.0 => limit = v,
                _ => {
                    eprintln!("--limit needs a positive number of seconds");
                    return ExitCode::from(2);
                }
            }
        } else {
            path = Some(arg);
        }
    }
    let Some(path) = path else {
        eprintln!("usage: first_feasible INSTANCE [--limit SECONDS]");
        return ExitCode::from(2);
    };
    let started = Instant::now();
    let instance = match read_instance(&path) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let data = &instance.data;
    println!(
        "read_s={:.3} clients={}",
        started.elapsed().as_secs_f64(),
        data.num_clients()
    );

    let t = Instant::now();
    let setup = SearchSetup::new(data, SOLVER_NEIGHBOURS);
    println!(
        "setup_s={:.3} neighbour_pairs={}",
        t.elapsed().as_secs_f64(),
        setup.neighbour_count()
    );
    drop(setup);

    let first: Mutex<Option<(Duration, u64, i64)>> = Mutex::new(None);
    let observer = |p: &gongpei::core::Progress| {
        if p.best_feasible {
            if let (Ok(mut f), Some(cost)) = (first.lock(), p.best_cost) {
                f.get_or_insert((p.elapsed, p.iterations, cost));
            }
            return Control::Stop;
        }
        Control::Continue
    };
    let params = SolveParams {
        time_limit: Some(Duration::from_secs_f64(limit)),
        ..SolveParams::default()
    };
    let outcome = solve(data, &params, &observer);
    let checked = check(&instance, &outcome.solution);
    let seen = first.lock().ok().and_then(|f| *f);
    match seen {
        Some((at, iterations, cost)) => println!(
            "first_feasible_s={:.3} iterations={iterations} cost={cost}",
            at.as_secs_f64()
        ),
        None => println!("first_feasible_s=none (not reported within {limit} s)"),
    }
    println!(
        "solve_returned_s={:.3} final_cost={} routes={} feasible={} checker_feasible={} total_s={:.3}",
        outcome.elapsed.as_secs_f64(),
        outcome.report.cost,
        checked.num_routes,
        outcome.report.is_feasible(),
        checked.is_feasible(),
        started.elapsed().as_secs_f64()
    );
    if outcome.report.is_feasible() && checked.is_feasible() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
