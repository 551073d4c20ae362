//! The `gongpei` command line: one file per subcommand in `commands/`.
//!
//! Exit status: 0 success, 1 unreadable or malformed input, 2 usage error, 3 the solution (found
//! or checked) is infeasible, 141 standard output was closed before everything was written,
//! 130 / 143 a SIGINT / SIGTERM cut the work short (`solve`, `scenario compare` and `design`
//! still print and write their best so far, marked as such; a second signal ends at once).

mod commands;

use clap::{Parser, Subcommand};
use commands::common::Failure;

/// Vehicle routing and shared rural parcel delivery planning.
#[derive(Debug, Parser)]
#[command(name = "gongpei", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Solve a benchmark instance (VRPLIB, Solomon, LKH-3 VRPSPD, Cordeau MDVRP), optionally from
    /// an initial .sol solution with some of its routes fixed or clients pinned (--initial,
    /// --fix-routes, --pin-clients).
    Solve(commands::solve::SolveArgs),
    /// Verify a .sol solution file against an instance with the independent checker.
    Check(commands::check::CheckArgs),
    /// Scenario files: generate presets, validate, schema, GeoJSON export.
    Scenario(commands::scenario::ScenarioArgs),
    /// Real roads from OpenStreetMap: import report, travel matrices, edge export.
    Roads(commands::roads::RoadsArgs),
    /// Location models solved exactly with HiGHS: p-median and covering on OR-Library files.
    Locate(commands::locate::LocateArgs),
    /// Network design: sorting-centre siting, station coverage, service frequency and cold storage,
    /// each chosen by a location model or a search and judged by routing.
    Design(commands::design::DesignArgs),
    /// Scenario sweeps: every variant of a TOML spec compared, one KPI row each (results.csv),
    /// checkpointed and resumable, locally or on a Ray cluster.
    Sweep(commands::sweep::SweepArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Solve(args) => commands::solve::run(args),
        Command::Check(args) => commands::check::run(args),
        Command::Roads(args) => commands::roads::run(args),
        Command::Locate(args) => commands::locate::run(args),
        Command::Design(args) => commands::design::run(args),
        Command::Sweep(args) => commands::sweep::run(args),
        Command::Scenario(args) => commands::scenario::run(args).map_err(Failure::from_boxed),
    };
    if let Err(failure) = result {
        if let Some(message) = failure.message() {
            commands::common::note(&format!("gongpei: {message}"));
        }
        std::process::exit(failure.exit_code());
    }
}
