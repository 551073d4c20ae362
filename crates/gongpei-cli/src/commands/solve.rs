//! `gongpei solve INSTANCE`: reads a benchmark instance, solves it, prints cost (in the file's
//! unit), routes, runtime and the gap to the best-known value when a `bks.csv` beside the file
//! knows the instance; shows live progress on stderr; optionally writes the `.sol` file.
//!
//! Process behaviour: more threads than the machine has are capped (with a note), SIGINT and
//! SIGTERM stop the search and the best solution so far is printed and written (then exit 130
//! for SIGINT, 143 for SIGTERM), a closed standard output ends the command quietly, and `--out`
//! never overwrites the instance.
//!
//! Warm start: `--initial FILE.sol` starts every search from that solution (checked against the
//! instance; errors name the file and route), `--fix-routes 1,3` keeps those of its routes
//! (numbered from 1 in file order, empty routes skipped) unchanged, their vehicles used up, and
//! `--pin-clients 5,12` keeps those clients (ids as in the file) in their route, order free.

use super::common::{
    gap_percent, guard_output, note, print_out, read_instance_for, Failure, RoundingArg,
};
use super::interrupt::Interrupt;
use clap::Args;
use gongpei_core::{
    try_solve, Control, InitialSolution, InitialSolutionError, Progress, SolveParams, Strategy,
};
use gongpei_io::{check, format_cost, read_bks, read_solution, write_solution, Instance};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Arguments of `gongpei solve`.
#[derive(Debug, Args)]
pub struct SolveArgs {
    /// Instance file (VRPLIB .vrp/.vrpspd, Solomon .txt, Cordeau MDVRP).
    pub instance: PathBuf,
    /// Wall-clock limit in seconds (default 10 when no --max-iterations is given).
    #[arg(long)]
    pub time_limit: Option<f64>,
    /// Seed of every random choice. With --max-iterations (and no --time-limit) the same seed
    /// and thread count give the same answer; with a time limit the answer also depends on how
    /// fast the machine is, so it may differ between runs.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Worker threads (at most the machine's available parallelism; more are capped with a
    /// note on stderr).
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Stop after this many iterations (summed over threads).
    #[arg(long)]
    pub max_iterations: Option<u64>,
    /// Write the solution in CVRPLIB .sol format to this file.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Print one JSON object on stdout instead of text.
    #[arg(long)]
    pub json: bool,
    /// No progress on stderr.
    #[arg(long)]
    pub quiet: bool,
    /// Distance convention of Solomon-format files.
    #[arg(long, value_enum, default_value_t = RoundingArg::Truncated)]
    pub solomon_rounding: RoundingArg,
    /// Read a VRP with backhauls (TYPE VRPB) as its mixed relaxation: backhaul pickups anywhere on
    /// a route. The benchmark's rule that deliveries come first is not modelled, so costs can lie
    /// below its best-known values; without this flag such files are refused.
    #[arg(long)]
    pub vrpb_mixed: bool,
    /// Metaheuristic.
    #[arg(long, value_enum, default_value_t = StrategyArg::Auto)]
    pub strategy: StrategyArg,
    /// Start from this CVRPLIB .sol solution (e.g. yesterday's routes, or an earlier --out): it
    /// seeds every search, and the answer is never worse than it when it is feasible (an
    /// infeasible one is repaired). Clients it leaves out are inserted.
    #[arg(long, value_name = "FILE.sol")]
    pub initial: Option<PathBuf>,
    /// Keep these routes of the --initial file exactly as they are (numbers from 1 in file
    /// order, e.g. 1,3); their vehicles are used up and the rest is planned around them. They
    /// open the answer, in the order given.
    #[arg(
        long,
        value_name = "K,K,...",
        value_delimiter = ',',
        requires = "initial"
    )]
    pub fix_routes: Vec<usize>,
    /// Keep these clients (ids as in the --initial file) in their route of it: clients pinned to
    /// one route stay together (in any order, with any other clients, on that route's vehicle),
    /// clients pinned to different routes stay apart; the rest is free.
    #[arg(
        long,
        value_name = "ID,ID,...",
        value_delimiter = ',',
        requires = "initial"
    )]
    pub pin_clients: Vec<u64>,
}

/// The metaheuristic, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StrategyArg {
    /// Genetic search up to 400 clients, iterated local search above.
    Auto,
    /// Hybrid genetic search.
    Hgs,
    /// Iterated local search with late acceptance.
    Ils,
}

impl From<StrategyArg> for Strategy {
    fn from(arg: StrategyArg) -> Self {
        match arg {
            StrategyArg::Auto => Strategy::Auto,
            StrategyArg::Hgs => Strategy::Genetic,
            StrategyArg::Ils => Strategy::IteratedLocalSearch,
        }
    }
}

/// Runs `gongpei solve`.
pub fn run(args: &SolveArgs) -> Result<(), Failure> {
    // From the start: a signal while a big file is read still ends in a (short) solve.
    let interrupt = Interrupt::install();
    if let Some(out) = &args.out {
        guard_output(out, &[&args.instance])?;
    }
    let instance = read_instance_for(&args.instance, args.solomon_rounding, args.vrpb_mixed)?;
    let bks = read_bks(&args.instance, &instance)?;
    let time_limit = match (args.time_limit, args.max_iterations) {
        (Some(t), _) if !(t.is_finite() && t >= 0.0) => {
            return Err(Failure::Usage(format!(
                "--time-limit {t} must be a non-negative number of seconds"
            )))
        }
        (Some(t), _) => Some(Duration::from_secs_f64(t)),
        (None, Some(_)) => None,
        (None, None) => Some(Duration::from_secs(10)),
    };
    if args.threads == 0 {
        return Err(Failure::Usage("--threads must be at least 1".into()));
    }
    let threads = capped_threads(args.threads, args.quiet);
    let initial = args
        .initial
        .as_ref()
        .map(|file| read_initial(file, &args.fix_routes, &args.pin_clients, &instance))
        .transpose()?;
    let params = SolveParams {
        seed: args.seed,
        threads,
        time_limit,
        max_iterations: args.max_iterations,
        strategy: args.strategy.into(),
        initial,
        ..SolveParams::default()
    };
    let scale = instance.cost_scale;
    let show_progress = !args.quiet;
    let live = std::io::stderr().is_terminal();
    let last_print = Mutex::new(Instant::now());
    let observer = |p: &Progress| {
        if show_progress {
            let mut last = last_print.lock().unwrap_or_else(|e| e.into_inner());
            if last.elapsed() >= Duration::from_secs(1) {
                *last = Instant::now();
                let best = p
                    .best_cost
                    .map_or("-".to_string(), |c| format_cost(c, scale));
                let gap = match (p.best_cost, bks, p.best_feasible) {
                    (Some(c), Some(b), true) => {
                        format!("  gap {:.2} %", gap_percent(c as f64 / scale as f64, b))
                    }
                    _ => String::new(),
                };
                let state = if p.best_feasible {
                    ""
                } else {
                    "  (infeasible)"
                };
                let line = format!(
                    "{:>7.1} s  {:>9} it  best {best}{gap}{state}",
                    p.elapsed.as_secs_f64(),
                    p.iterations
                );
                let mut err = std::io::stderr().lock();
                let _ = if live {
                    write!(err, "\r{line}\x1b[K")
                } else {
                    writeln!(err, "{line}")
                };
                let _ = err.flush();
            }
        }
        if interrupt.signalled().is_some() {
            Control::Stop
        } else {
            Control::Continue
        }
    };
    let outcome = try_solve(&instance.data, &params, &observer).map_err(|e| {
        let file = args.initial.as_deref().unwrap_or(&args.instance);
        Failure::Error(describe_initial_error(&e, file, &instance))
    })?;
    if show_progress && live {
        note("");
    }
    let interrupted = interrupt.signalled();
    if let (Some(signal), false) = (interrupted, args.quiet) {
        note(&format!(
            "interrupted by {signal} after {:.1} s: reporting the best solution so far",
            outcome.elapsed.as_secs_f64()
        ));
    }
    let checked = check(&instance, &outcome.solution);
    let feasible = outcome.report.is_feasible() && checked.is_feasible();
    let cost = checked.cost;
    let gap = bks
        .filter(|_| feasible)
        .map(|b| gap_percent(checked.cost_in_file_unit, b));
    if let Some(out) = &args.out {
        if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| Failure::Error(format!("{}: {e}", dir.display())))?;
        }
        write_solution(out, &instance, &outcome.solution, cost)?;
    }
    let mut problems = checked.problems.clone();
    if checked.cost != outcome.report.cost {
        problems.push(format!(
            "checker cost {} differs from the solver's {}",
            format_cost(checked.cost, scale),
            format_cost(outcome.report.cost, scale)
        ));
    }
    if args.json {
        let value = serde_json::json!({
            "instance": instance.name,
            "file": args.instance.display().to_string(),
            "format": instance.format.name(),
            "clients": instance.data.num_clients(),
            "cost": checked.cost_in_file_unit,
            "cost_integer": cost,
            "cost_scale": scale,
            "routes": checked.num_routes,
            "feasible": feasible,
            "problems": problems,
            "runtime_s": outcome.elapsed.as_secs_f64(),
            "iterations": outcome.iterations,
            "seed": args.seed,
            "threads": threads,
            "interrupted_by": interrupted,
            "strategy": format!("{:?}", Strategy::from(args.strategy)),
            "bks": bks,
            "gap_percent": gap,
            "solution_file": args.out.as_ref().map(|p| p.display().to_string()),
            "initial": outcome.warm_start.as_ref().map(|w| serde_json::json!({
                "file": args.initial.as_ref().map(|p| p.display().to_string()),
                "cost": w.initial_cost as f64 / scale as f64,
                "cost_integer": w.initial_cost,
                "feasible": w.initial_feasible,
                "fixed_routes": w.fixed_routes.iter().map(|r| r + 1).collect::<Vec<_>>(),
            })),
        });
        print_out(&format!("{value}\n"))?;
    } else {
        let mut text = String::new();
        let _ = writeln!(
            text,
            "instance   {} ({}, {} clients)",
            instance.name,
            instance.format.name(),
            instance.data.num_clients()
        );
        let _ = writeln!(text, "cost       {}", format_cost(cost, scale));
        let _ = writeln!(text, "routes     {}", checked.num_routes);
        let _ = writeln!(
            text,
            "runtime    {:.2} s ({} iterations)",
            outcome.elapsed.as_secs_f64(),
            outcome.iterations
        );
        match (bks, gap) {
            (Some(b), Some(g)) => {
                let _ = writeln!(text, "bks        {b} (gap {g:.2} %)");
            }
            (Some(b), None) => {
                let _ = writeln!(text, "bks        {b}");
            }
            _ => {}
        }
        let _ = writeln!(text, "feasible   {}", if feasible { "yes" } else { "no" });
        if let Some(w) = &outcome.warm_start {
            let state = if w.initial_feasible {
                "feasible"
            } else {
                "infeasible, repaired by the search"
            };
            let _ = write!(
                text,
                "initial    {} ({state})",
                format_cost(w.initial_cost, scale)
            );
            if !w.fixed_routes.is_empty() {
                let fixed: Vec<String> =
                    w.fixed_routes.iter().map(|r| (r + 1).to_string()).collect();
                let _ = write!(text, ", routes {} kept fixed", fixed.join(","));
            }
            let _ = writeln!(text);
        }
        for p in &problems {
            let _ = writeln!(text, "  problem: {p}");
        }
        if let Some(out) = &args.out {
            let _ = writeln!(text, "solution   {}", out.display());
        }
        print_out(&text)?;
    }
    // A signal's status wins over infeasibility: the search was cut short, so its answer is
    // not the one the parameters asked for (the note above and `interrupted_by` say so).
    if let Some(code) = interrupt.exit_code() {
        return Err(Failure::Interrupted(code));
    }
    if feasible {
        Ok(())
    } else {
        Err(Failure::Infeasible)
    }
}

/// The `--initial` solution, its `--fix-routes` (numbers from 1 in the file's route order) and
/// its `--pin-clients` (client ids as in `.sol` files).
fn read_initial(
    file: &Path,
    fix: &[usize],
    pins: &[u64],
    instance: &Instance,
) -> Result<InitialSolution, Failure> {
    let read = read_solution(file, instance)?;
    let mut fixed_routes = Vec::with_capacity(fix.len());
    for &k in fix {
        if k == 0 {
            return Err(Failure::Usage(
                "--fix-routes: route numbers start at 1 (Route #1 is the first route)".into(),
            ));
        }
        fixed_routes.push(k - 1);
    }
    let client_of = instance.client_of_solution_id();
    let pinned_clients = pins
        .iter()
        .map(|id| {
            client_of.get(id).copied().ok_or_else(|| {
                Failure::Usage(format!(
                    "--pin-clients {id}: instance {} has no client with that id",
                    instance.name
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(InitialSolution {
        routes: read.solution.routes,
        fixed_routes,
        pinned_clients,
    })
}

/// The check's error in the file's terms: routes numbered from 1 in file order (`Route #k` of
/// files gongpei writes), clients by their ids in `.sol` files.
fn describe_initial_error(e: &InitialSolutionError, file: &Path, instance: &Instance) -> String {
    let id = |c: usize| instance.solution_ids.get(c).copied().unwrap_or(c as u64);
    let what = match e {
        InitialSolutionError::DuplicateClient {
            route,
            position,
            client,
            first_route,
            first_position,
        } => format!(
            "route {} (Route #{}), position {}: client {} is already visited by route {}, position {}",
            route + 1,
            route + 1,
            position + 1,
            id(*client),
            first_route + 1,
            first_position + 1
        ),
        InitialSolutionError::UnknownFixedRoute { index, routes } => format!(
            "--fix-routes {}: the file has {routes} routes",
            index + 1
        ),
        InitialSolutionError::FixedTwice { route } => {
            format!("--fix-routes lists route {} twice", route + 1)
        }
        InitialSolutionError::PinnedNotVisited { client } => format!(
            "--pin-clients {}: the client is on no route of the file",
            id(*client)
        ),
        InitialSolutionError::PinnedTwice { client } => {
            format!("--pin-clients lists client {} twice", id(*client))
        }
        other => other.describe(1),
    };
    format!("{}: {what}", file.display())
}

/// The thread count to run with: the request, capped at the machine's available parallelism
/// (more threads than cores only slow each search down, and setting up thousands of them took
/// longer than short time limits); the cap is noted on stderr unless `quiet`.
fn capped_threads(requested: usize, quiet: bool) -> usize {
    let available = std::thread::available_parallelism().map_or(1, |n| n.get());
    if requested <= available {
        return requested;
    }
    if !quiet {
        note(&format!(
            "gongpei: --threads {requested} capped to {available}, the available parallelism of this machine"
        ));
    }
    available
}
