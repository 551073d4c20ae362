//! The `gongpei` command line: one file per subcommand in `commands/`.

mod commands;

use clap::{Parser, Subcommand};

/// Vehicle routing and shared rural parcel delivery planning.
#[derive(Debug, Parser)]
#[command(name = "gongpei", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Scenario files: generate presets, validate, schema, GeoJSON export.
    Scenario(commands::scenario::ScenarioArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Scenario(args) => commands::scenario::run(args),
    };
    if let Err(e) = result {
        eprintln!("gongpei: {e}");
        std::process::exit(1);
    }
}
