//! Scale check: reads a (large) instance and times each step towards a feasible solution —
//! the search's set-up, the Clarke-Wright savings construction, one local-search education of it
//! — then runs the solver until its first feasible progress report (or `--limit` seconds), and
//! checks every solution with the independent checker.
//!
//! ```text
//! cargo run --release --example first_feasible -- benches/scale/U-n10001-s1.vrp --limit 10
//! ```
//!
//! Prints one `key=value` line per phase; peak memory is measured from outside with
//! `/usr/bin/time -v` (see `benches/scale/run.sh`). Options: `--limit SECONDS` (solver, default
//! 10), `--educate-limit SECONDS` (the education of the savings solution, default 30).

use gongpei::core::bench_support::{SearchSetup, SOLVER_NEIGHBOURS};
use gongpei::core::{solve, Control, SolveParams};
use gongpei::io::{check, read_instance};
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::{Duration, Instant};

struct Options {
    path: String,
    limit: f64,
    educate_limit: f64,
}

fn parse_args() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let (mut limit, mut educate_limit) = (10.0f64, 30.0f64);
    while let Some(arg) = args.next() {
        let target = match arg.as_str() {
            "--limit" => &mut limit,
            "--educate-limit" => &mut educate_limit,
            _ => {
                path = Some(arg);
                continue;
            }
        };
        match args.next().and_then(|v| v.parse::<f64>().ok()) {
            Some(v) if v > 0.0 => *target = v,
            _ => return Err(format!("{arg} needs a positive number of seconds")),
        }
    }
    let path = path.ok_or("usage: first_feasible INSTANCE [--limit S] [--educate-limit S]")?;
    Ok(Options {
        path,
        limit,
        educate_limit,
    })
}

fn main() -> ExitCode {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let instance = match read_instance(&options.path) {
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

    let t = Instant::now();
    let savings = setup.savings(0.0, 1);
    let savings_s = t.elapsed().as_secs_f64();
    let report = savings.evaluate(data);
    let checked = check(&instance, &savings);
    println!(
        "savings_s={savings_s:.3} cost={} routes={} feasible={} checker_feasible={} \
         since_start_s={:.3}",
        report.cost,
        checked.num_routes,
        report.is_feasible(),
        checked.is_feasible(),
        started.elapsed().as_secs_f64()
    );

    // One unit of excess never costs less than the longest arc, so education stays feasible.
    let penalty = data.distance_matrix(0).max().max(1);
    let mut ls = setup.local_search(penalty);
    let t = Instant::now();
    let limit = Duration::from_secs_f64(options.educate_limit);
    let (summary, educated) = ls.educate_within(&savings, 1, Some(limit));
    let educate_s = t.elapsed().as_secs_f64();
    let checked = check(&instance, &educated);
    println!(
        "educate_s={educate_s:.3} cost={} routes={} feasible={} checker_feasible={} \
         stopped_by_limit={}",
        summary.objective,
        summary.routes,
        summary.feasible,
        checked.is_feasible(),
        educate_s >= options.educate_limit
    );
    drop(ls);
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
        time_limit: Some(Duration::from_secs_f64(options.limit)),
        ..SolveParams::default()
    };
    let outcome = solve(data, &params, &observer);
    let checked = check(&instance, &outcome.solution);
    let seen = first.lock().ok().and_then(|f| *f);
    match seen {
        Some((at, iterations, cost)) => println!(
            "solver_first_feasible_s={:.3} iterations={iterations} cost={cost}",
            at.as_secs_f64()
        ),
        None => println!(
            "solver_first_feasible_s=none (not reported within {} s)",
            options.limit
        ),
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
    if outcome.report.is_feasible() && checked.is_feasible() && report.is_feasible() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
