//! `gongpei scenario ...`: generate, validate and export scenario files.
//!
//! - `gongpei scenario generate --preset jizhou|small --seed N [--out FILE]`
//! - `gongpei scenario generate --division DIR [--seed N] [--out FILE] [--calibration FILE]
//!   [--set FIELD=VALUE ...] [--name NAME] [--townships CODE,...]` (any district folder)
//! - `gongpei scenario validate FILE`
//! - `gongpei scenario schema [--out FILE]`
//! - `gongpei scenario geojson FILE [--out FILE]` (sites and roads, WGS84)
//! - `gongpei scenario build|tables|template ...`: scenarios as tables (`scenario_tables.rs`)
//! - `gongpei scenario compare FILE [--out DIR] [--tiles URL]` (cooperation modes and cost allocation, see
//!   `gongpei_coop::report`). The first SIGINT/SIGTERM hurries the planning (searches stop at
//!   their best so far, later sub-problems construction-only): the tables are printed and every
//!   file written, marked hurried, and the command exits 130 (SIGINT) or 143 (SIGTERM).

use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use gongpei_scenario::generate::{self, Calibration, DistrictOptions, Preset, SourceData};
use gongpei_scenario::{export, from_json_file, schema, to_json_string};

use super::common::{guard_output, print_out};
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
    /// Generate a scenario: a bundled preset (jizhou: the whole district; small: one township)
    /// or any district from its division folder (--division DIR).
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
    /// Compare the cooperation modes (separate, postal_express, transport_postal, combined,
    /// express_pool, express_pool_single, commerce; `--modes` picks some) and allocate the joint cost among carriers; prints tables, writes compare.json, routes.geojson,
    /// tables/*.csv, tables.xlsx and compare.html. A first Ctrl-C/SIGTERM finishes with the
    /// best found so far (marked hurried) and exits 130/143; a second ends at once.
    Compare(CompareArgs),
    /// Export a scenario's sites and roads as GeoJSON (WGS84).
    Geojson {
        /// Scenario JSON file.
        file: PathBuf,
        /// Output file (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Build a validated scenario JSON from tables (a folder of CSV files or an .xlsx workbook).
    Build(super::scenario_tables::BuildArgs),
    /// Write a scenario as tables (CSV files, or one .xlsx workbook with --xlsx).
    Tables(super::scenario_tables::TablesArgs),
    /// Write empty tables whose comment rows explain each column.
    Template(super::scenario_tables::TemplateArgs),
}

/// Arguments of `scenario generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Preset: `jizhou` or `small` (the bundled Jizhou data); default `jizhou` unless
    /// --division is given.
    #[arg(long, conflicts_with = "division")]
    pub preset: Option<String>,
    /// District folder with townships.csv, villages.csv, district.csv and optionally
    /// boundary_gcj02.geojson, sources.csv, README.md, calibration.json (see
    /// data/districts/README.md); the scenario is named after the district.
    #[arg(long, alias = "data")]
    pub division: Option<PathBuf>,
    /// Seed of the synthetic parts; the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Calibration JSON whose fields replace those of the folder's calibration.json (or of
    /// the defaults); see the scenario crate README for every field.
    #[arg(long)]
    pub calibration: Option<PathBuf>,
    /// One calibration field, FIELD=JSON (e.g. `--set bus_lines=3`); repeatable, applied last.
    #[arg(long = "set", value_name = "FIELD=VALUE")]
    pub set: Vec<String>,
    /// Parcels into the district per day (calibration field parcels_per_day).
    #[arg(long)]
    pub parcels_per_day: Option<f64>,
    /// Number of bus lines (calibration field bus_lines).
    #[arg(long)]
    pub bus_lines: Option<usize>,
    /// Scenario name (default: `{code}-{name}` of the district, or the preset's name).
    #[arg(long)]
    pub name: Option<String>,
    /// Only these township-level units (comma-separated codes) of a --division folder.
    #[arg(long, value_delimiter = ',', requires = "division")]
    pub townships: Option<Vec<String>>,
    /// Print the calibration that would be used (JSON, every field) instead of generating.
    #[arg(long)]
    pub print_calibration: bool,
}

/// The calibration of a generate command: the folder's (or the preset's), then the file, the
/// typed flags and the `--set` assignments, in that order.
fn calibration_of(g: &GenerateArgs, base: Calibration) -> Result<Calibration, BoxError> {
    let mut calibration = base;
    if let Some(path) = &g.calibration {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        calibration = calibration.overlay_json(&text, &path.display().to_string())?;
    }
    if let Some(p) = g.parcels_per_day {
        calibration = calibration.with_assignment(&format!("parcels_per_day={p}"))?;
    }
    if let Some(n) = g.bus_lines {
        calibration = calibration.with_assignment(&format!("bus_lines={n}"))?;
    }
    for assignment in &g.set {
        calibration = calibration.with_assignment(assignment)?;
    }
    Ok(calibration)
}

/// Generates what a `scenario generate` command asks for (`None` with --print-calibration).
fn generate_scenario(g: &GenerateArgs) -> Result<Option<gongpei_scenario::Scenario>, BoxError> {
    let (data, preset) = match &g.division {
        Some(dir) => (SourceData::from_dir(dir)?, None),
        None => {
            let preset: Preset = g.preset.as_deref().unwrap_or("jizhou").parse()?;
            (SourceData::bundled()?, Some(preset))
        }
    };
    let (base, mut options) = match preset {
        Some(p) => p.setup(&data)?,
        None => (
            generate::folder_calibration(&data)?,
            DistrictOptions {
                townships: g.townships.clone(),
                ..Default::default()
            },
        ),
    };
    if g.name.is_some() {
        options.name = g.name.clone();
    }
    let calibration = calibration_of(g, base)?;
    if g.print_calibration {
        print_out(&(calibration.to_json_string() + "\n"))?;
        return Ok(None);
    }
    Ok(Some(generate::generate_district(
        &data,
        &calibration,
        &options,
        g.seed,
    )?))
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
    #[arg(long, default_value_t = gongpei_coop::DEFAULT_MODE_ITERATIONS)]
    pub iterations: u64,
    /// Clients per step of the mode plans' budget: a sub-problem of n clients gets
    /// `iterations * ceil(n / STEP)` iterations and stops after half as many without improvement,
    /// so big and small sub-problems are searched to comparable quality (0: the same budget for
    /// every sub-problem).
    #[arg(long, default_value_t = gongpei_coop::DEFAULT_CLIENTS_PER_STEP)]
    pub clients_per_step: u64,
    /// Engine iterations per sub-problem of each coalition's plan in the allocation game (63
    /// coalitions for six carriers, so this is kept small).
    #[arg(long, default_value_t = gongpei_coop::DEFAULT_COALITION_ITERATIONS)]
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
    /// Modes to plan, comma-separated (separate is always planned, as the baseline): separate,
    /// postal_express (邮快合作), transport_postal (交邮合作), combined, express_pool (快快合作:
    /// express carriers pool without China Post, one lead carrier per township chosen by a search
    /// priced by routing), express_pool_single (快快合作 with the best single lead) and commerce
    /// (快商合作: 邮快合作 whose shared vans also carry the commerce partners' B2B replenishment of
    /// village shops and leave parcels at pick-up point shops).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "separate,postal_express,transport_postal,combined,express_pool,express_pool_single,commerce"
    )]
    pub modes: Vec<String>,
    /// Permutations for sampled Shapley (used above 10 carriers).
    #[arg(long, default_value_t = 2000)]
    pub permutations: usize,
    /// How 交邮合作 and combined choose which parcels ride the bus: `joint` (a search over rider
    /// sets priced by routing, from the greedy set and never worse) or `greedy` (best estimated
    /// saving per parcel first).
    #[arg(long, default_value = "joint")]
    pub bus_choice: String,
    /// Find each bus line's fee range in 交邮合作 (the lowest fee per parcel covering the bus
    /// operator's marginal cost, the highest at which the carriers still ride it), by
    /// re-planning 交邮合作 at other fees: about a dozen more plans per line.
    #[arg(long)]
    pub fee_range: bool,
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Writes `text` to `out` (refusing an output that is one of `inputs` or a dangling link) or
/// to standard output.
fn emit(text: &str, out: Option<&Path>, inputs: &[&Path]) -> Result<(), BoxError> {
    match out {
        Some(path) => {
            guard(path, inputs)?;
            std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()).into())
        }
        None => Ok(print_out(text)?),
    }
}

/// [`guard_output`] with its refusal as a boxed error.
pub(super) fn guard(out: &Path, inputs: &[&Path]) -> Result<(), BoxError> {
    guard_output(out, inputs).map_err(|f| f.message().unwrap_or("refused output").into())
}

/// Runs a `scenario` subcommand.
pub fn run(args: &ScenarioArgs) -> Result<(), BoxError> {
    match &args.command {
        ScenarioCommand::Generate(g) => {
            let Some(scenario) = generate_scenario(g)? else {
                return Ok(());
            };
            let inputs: Vec<&Path> = g.calibration.iter().map(PathBuf::as_path).collect();
            emit(
                &(to_json_string(&scenario) + "\n"),
                g.out.as_deref(),
                &inputs,
            )?;
            if let Some(path) = &g.out {
                super::common::note(&format!(
                    "wrote {}: {} sites, {} roads, {} carriers, {} demand records ({} parcels/day in), {} bus lines",
                    path.display(),
                    scenario.sites.len(),
                    scenario.roads.edges.len(),
                    scenario.carriers.len(),
                    scenario.demand.len(),
                    scenario.total_parcels_in(),
                    scenario.bus_lines.len()
                ));
            }
            Ok(())
        }
        ScenarioCommand::Validate { file } => {
            let scenario = from_json_file(file)?;
            // The planner's own travel resolution (roads, OpenStreetMap or matrix files): every
            // site that matters must be reachable; then the checks that need travel times
            // (shifts too short to serve a village), so that what validates also compares.
            let world = gongpei_coop::World::new(&scenario)?;
            gongpei_coop::reach::check_shifts(&world)?;
            print_out(&format!(
                "{}: valid scenario {:?} (format {}): {} sites, {} roads, {} carriers, {} demand records, {} vehicle types, {} bus lines\n",
                file.display(),
                scenario.name,
                scenario.format_version,
                scenario.sites.len(),
                scenario.roads.edges.len(),
                scenario.carriers.len(),
                scenario.demand.len(),
                scenario.vehicle_types.len(),
                scenario.bus_lines.len()
            ))?;
            Ok(())
        }
        ScenarioCommand::Compare(c) => {
            // From the start: a signal while the scenario is read still ends in a (hurried)
            // comparison, printed and written.
            let interrupt = super::interrupt::Interrupt::install();
            let control = std::sync::Arc::new(gongpei_coop::PlanControl::default());
            interrupt.hurry_on_signal(&control, false);
            guard(&c.out, &[&c.file])?;
            let options = gongpei_coop::CompareOptions {
                allocate: match c.allocate.as_str() {
                    "none" => None,
                    mode => Some(mode.parse()?),
                },
                effort: gongpei_coop::Effort {
                    seed: c.seed,
                    iterations: c.iterations,
                    clients_per_step: c.clients_per_step,
                    strategy: c.strategy.into(),
                },
                coalition_effort: gongpei_coop::Effort {
                    seed: c.seed,
                    iterations: c.coalition_iterations,
                    clients_per_step: 0,
                    strategy: c.coalition_strategy.into(),
                },
                permutations: c.permutations,
                bus_choice: c.bus_choice.parse()?,
                fee_range: c.fee_range,
                modes: c
                    .modes
                    .iter()
                    .map(|m| m.parse::<gongpei_coop::Mode>())
                    .collect::<Result<_, _>>()?,
            };
            let report = gongpei_coop::report::ReportOptions {
                tiles: c.tiles.clone().map(|url| gongpei_coop::report::TileSource {
                    url,
                    attribution: c.tiles_attribution.clone(),
                }),
            };
            print_out(&gongpei_coop::report::compare_file_watched(
                &c.file,
                &options,
                &report,
                &c.out,
                Some(control),
            )?)?;
            if let Err(super::common::Failure::Interrupted(code)) = interrupt.outcome(false) {
                return Err(Box::new(super::interrupt::Interrupted(code)));
            }
            Ok(())
        }
        ScenarioCommand::Build(b) => super::scenario_tables::build(b),
        ScenarioCommand::Tables(t) => super::scenario_tables::write_tables(t),
        ScenarioCommand::Template(t) => super::scenario_tables::template(t),
        ScenarioCommand::Schema { out } => emit(&schema::json_schema_text(), out.as_deref(), &[]),
        ScenarioCommand::Geojson { file, out } => {
            let scenario = from_json_file(file)?;
            let text = serde_json::to_string(&export::geojson(&scenario))? + "\n";
            emit(&text, out.as_deref(), &[file])
        }
    }
}
