//! `gongpei design cover FILE`: which villages host a service station. Set covering for each
//! radius D (`--radius-km 2,3,5`) and maximal covering for each K (`--max-stations`) at one
//! radius, every design planned by routing with the demand merged at the stations; cost against
//! D and against K as tables, or `--json`; `--html FILE` for the page.

use std::path::PathBuf;

use clap::Args;
use gongpei_design::{Coverage, StationCosts};

use super::common::{guard_output, Failure};
use super::design::{failed, numbers, EvaluationArgs};

/// Arguments of `gongpei design cover`.
#[derive(Debug, Args)]
pub struct CoverArgs {
    /// Scenario JSON file.
    pub file: PathBuf,
    /// Radii D of the set covering runs, km by road, comma-separated ("" for none).
    #[arg(long, default_value = "2,3,5", allow_hyphen_values = true)]
    pub radius_km: String,
    /// Station counts K of the maximal covering runs, comma-separated (none by default).
    #[arg(long, default_value = "")]
    pub max_stations: String,
    /// Radius of the maximal covering runs, km (default: the first --radius-km, else 3).
    #[arg(long, allow_negative_numbers = true)]
    pub k_radius_km: Option<f64>,
    /// Candidate station village ids, comma-separated (default: every village station).
    #[arg(long, value_delimiter = ',')]
    pub candidates: Option<Vec<String>>,
    /// Capital cost of a new station, yuan.
    #[arg(long, allow_negative_numbers = true, default_value_t = StationCosts::default().build_capital)]
    pub build_capital: f64,
    /// Capital cost of upgrading an existing 村委会 / 供销社 / shop site, yuan.
    #[arg(long, allow_negative_numbers = true, default_value_t = StationCosts::default().upgrade_capital)]
    pub upgrade_capital: f64,
    /// Operating cost of a new station, yuan/day.
    #[arg(long, allow_negative_numbers = true, default_value_t = StationCosts::default().build_operating_per_day)]
    pub build_operating_per_day: f64,
    /// Operating cost of an upgraded site, yuan/day.
    #[arg(long, allow_negative_numbers = true, default_value_t = StationCosts::default().upgrade_operating_per_day)]
    pub upgrade_operating_per_day: f64,
    /// Years over which capital is amortised.
    #[arg(long, allow_negative_numbers = true, default_value_t = StationCosts::default().amortisation_years)]
    pub amortisation_years: f64,
    /// Also write a GeoJSON map of every design (stations and each village's line to its
    /// station; property `design` names the design, e.g. `D=3km` or `D=3km,K=60`).
    #[arg(long, value_name = "FILE")]
    pub geojson: Option<PathBuf>,
    /// Solve the location models only (no routing, no baseline): a quick look at cost against D
    /// and K.
    #[arg(long)]
    pub model_only: bool,
    #[command(flatten)]
    pub evaluation: EvaluationArgs,
}

/// Runs `gongpei design cover`.
pub fn run(args: &CoverArgs) -> Result<(), Failure> {
    let scenario =
        gongpei_scenario::from_json_file(&args.file).map_err(|e| Failure::Error(e.to_string()))?;
    let radii: Vec<f64> = numbers("--radius-km", &args.radius_km)?;
    let ks: Vec<usize> = numbers("--max-stations", &args.max_stations)?;
    let k_radius = args
        .k_radius_km
        .unwrap_or_else(|| radii.first().copied().unwrap_or(3.0));
    let coverage = Coverage {
        costs: StationCosts {
            build_capital: args.build_capital,
            upgrade_capital: args.upgrade_capital,
            build_operating_per_day: args.build_operating_per_day,
            upgrade_operating_per_day: args.upgrade_operating_per_day,
            amortisation_years: args.amortisation_years,
        },
        candidates: args.candidates.as_deref().map(super::design::ids),
        solve: args.evaluation.solve_options()?,
    };
    if let Some(out) = &args.geojson {
        guard_output(out, &[&args.file])?;
    }
    args.evaluation.guard_html(&args.file)?;
    let (evaluation, interrupt) = args.evaluation.evaluation()?;
    let e = &args.evaluation;
    let routed = (!args.model_only).then_some(&evaluation);
    let result = coverage
        .sweep(&scenario, &radii, k_radius, &ks, routed, |step| {
            e.progress(step)
        })
        .map_err(failed)?;
    if let Some(out) = &args.geojson {
        e.write_map(
            out,
            &gongpei_design::cover_sweep_geojson(&scenario, &result),
        )?;
    }
    e.write_html(|| gongpei_design::report::cover_html(&scenario, &result))?;
    e.print_result(&result, || {
        gongpei_design::report::cover_summary(&result).text()
    })?;
    interrupt.outcome(e.quiet)
}
