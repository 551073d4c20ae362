//! `gongpei scenario ...`: generate, validate and export scenario files.
//!
//! - `gongpei scenario generate --preset jizhou --seed N [--out FILE] [--data DIR]`
//! - `gongpei scenario validate FILE`
//! - `gongpei scenario schema [--out FILE]`
//! - `gongpei scenario geojson FILE [--out FILE]` (sites and roads, WGS84)
//! - `gongpei scenario compare FILE [--out DIR] [--tiles URL]` (cooperation modes and cost allocation, see
//!   `gongpei_coop::report`)

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use gongpei_scenario::generate::{self, Preset, SourceData};
use gongpei_scenario::{export, from_json_file, network::build_network, schema, to_json_string};

use super::solve::StrategyArg;

/// Scenario files: generate the bundled presets, validate, export.
#[derive(Debug, Args)]
pub struct ScenarioArgs {
    #[command(subcommand)]
    pub command: ScenarioCommand,
}

/// The `scenario` subcommands.
#[derive(Debug, Subcommand)]
pub enum ScenarioCommand {
    /// Generate a scenario from a preset (jizhou: the whole district; small: one township).
    Generate(GenerateArgs),
    /// Parse and validate a scenario file; print a summary or every problem with its JSON path.
    Validate {
        /// Scenario JSON file.
        file: PathBuf,
    },
    /// Print (or write) the JSON Schema of scenario files.
    Schema {
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Compare the cooperation modes (separate, postal_express, transport_postal, combined) and
    /// allocate the joint cost among carriers; prints tables, writes compare.json, routes.geojson,
    /// tables/*.csv, tables.xlsx and compare.html.
    Compare(CompareArgs),
    /// Export a scenario's sites and roads as GeoJSON (WGS84).
    Geojson {
        /// Scenario JSON file.
        file: PathBuf,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Arguments of `scenario generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Preset: `jizhou` or `small`.
    #[arg(long, default_value = "jizhou")]
    pub preset: String,
    /// Seed of the synthetic parts; the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Folder with townships.csv, villages.csv, district.csv and the boundary GeoJSON
    /// (default: the data bundled in the binary).
    #[arg(long)]
    pub data: Option<PathBuf>,
}

/// Arguments of `scenario compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Scenario JSON file.
    pub file: PathBuf,
    /// Folder for compare.json, routes.geojson, tables/*.csv, tables.xlsx and compare.html.
    #[arg(long, default_value = "out/compare")]
    pub out: PathBuf,
    /// Web-map tile URL template (`{z}/{x}/{y}`) as an optional background of the HTML map;
    /// without it the report uses no network at all.
    #[arg(long, value_name = "URL")]
    pub tiles: Option<String>,
    /// Attribution the tile provider requires, shown on the map (with --tiles).
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "map tiles: see the tile provider's terms"
    )]
    pub tiles_attribution: String,
    /// Seed of the engine (same seed, same answer).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Engine iterations per sub-problem of the mode plans (deterministic budget).
    #[arg(long, default_value_t = gongpei_coop::subproblem::DEFAULT_MODE_ITERATIONS)]
    pub iterations: u64,
    /// Engine iterations per sub-problem of each coalition's plan in the allocation game (63
    /// coalitions for six carriers, so this is kept small).
    #[arg(long, default_value_t = gongpei_coop::subproblem::DEFAULT_COALITION_ITERATIONS)]
    pub coalition_iterations: u64,
    /// Metaheuristic of the mode plans' sub-problems.
    #[arg(long, value_enum, default_value_t = StrategyArg::Hgs)]
    pub strategy: StrategyArg,
    /// Metaheuristic of the coalition plans' sub-problems.
    #[arg(long, value_enum, default_value_t = StrategyArg::Ils)]
    pub coalition_strategy: StrategyArg,
    /// Mode whose joint cost is allocated among carriers, or `none`.
    #[arg(long, default_value = "postal_express")]
    pub allocate: String,
    /// Permutations for sampled Shapley (used above 10 carriers).
    #[arg(long, default_value_t = 2000)]
    pub permutations: usize,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn emit(text: &str, out: Option<&Path>) -> Result<(), BoxError> {
    match out {
        Some(path) => {
            std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()).into())
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

/// Runs a `scenario` subcommand.
pub fn run(args: &ScenarioArgs) -> Result<(), BoxError> {
    match &args.command {
        ScenarioCommand::Generate(g) => {
            let preset: Preset = g.preset.parse()?;
            let data = match &g.data {
                Some(dir) => SourceData::from_dir(dir)?,
                None => SourceData::bundled()?,
            };
            let scenario = generate::generate_from(&data, preset, g.seed)?;
            emit(&(to_json_string(&scenario) + "\n"), g.out.as_deref())?;
            if let Some(path) = &g.out {
                eprintln!(
                    "wrote {}: {} sites, {} roads, {} carriers, {} demand records ({} parcels/day in), {} bus lines",
                    path.display(),
                    scenario.sites.len(),
                    scenario.roads.edges.len(),
                    scenario.carriers.len(),
                    scenario.demand.len(),
                    scenario.total_parcels_in(),
                    scenario.bus_lines.len()
                );
            }
            Ok(())
        }
        ScenarioCommand::Validate { file } => {
            let scenario = from_json_file(file)?;
            let net = build_network(&scenario)?;
            // Every site that matters must be mutually reachable by road.
            let sites: Vec<usize> = (0..scenario.sites.len())
                .filter(|&i| scenario.sites[i].tier != gongpei_network::SiteTier::Junction)
                .collect();
            net.router(gongpei_network::VehicleProfile::Van)
                .matrices(&sites)?;
            println!(
                "{}: valid scenario {:?} (format {}): {} sites, {} roads, {} carriers, {} demand records, {} vehicle types, {} bus lines",
                file.display(),
                scenario.name,
                scenario.format_version,
                scenario.sites.len(),
                scenario.roads.edges.len(),
                scenario.carriers.len(),
                scenario.demand.len(),
                scenario.vehicle_types.len(),
                scenario.bus_lines.len()
            );
            Ok(())
        }
        ScenarioCommand::Compare(c) => {
            let options = gongpei_coop::compare::CompareOptions {
                allocate: match c.allocate.as_str() {
                    "none" => None,
                    mode => Some(mode.parse()?),
                },
                effort: gongpei_coop::subproblem::Effort {
                    seed: c.seed,
                    iterations: c.iterations,
                    strategy: c.strategy.into(),
                },
                coalition_effort: gongpei_coop::subproblem::Effort {
                    seed: c.seed,
                    iterations: c.coalition_iterations,
                    strategy: c.coalition_strategy.into(),
                },
                permutations: c.permutations,
                ..Default::default()
            };
            let report = gongpei_coop::report::ReportOptions {
                tiles: c.tiles.clone().map(|url| gongpei_coop::report::TileSource {
                    url,
                    attribution: c.tiles_attribution.clone(),
                }),
            };
            print!(
                "{}",
                gongpei_coop::report::compare_file_with(&c.file, &options, &report, &c.out)?
            );
            Ok(())
        }
        ScenarioCommand::Schema { out } => emit(&schema::json_schema_text(), out.as_deref()),
        ScenarioCommand::Geojson { file, out } => {
            let scenario = from_json_file(file)?;
            let text = serde_json::to_string(&export::geojson(&scenario))? + "\n";
            emit(&text, out.as_deref())
        }
    }
}
