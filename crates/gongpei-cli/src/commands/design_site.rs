//! `gongpei design site FILE`: where the sorting centre goes. Every candidate's model cost as
//! the single hub, the model's 2-3 hub choices, and the k cheapest candidates planned by routing
//! with the hub moved there (tables, or `--json`; `--html FILE` for the page).

use std::path::PathBuf;

use clap::Args;
use gongpei_design::{Siting, SitingCosts};

use super::common::{guard_output, Failure};
use super::design::{failed, numbers, EvaluationArgs};

/// Arguments of `gongpei design site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Scenario JSON file.
    pub file: PathBuf,
    /// Candidate site ids, comma-separated (default: every township centre and the current hub).
    #[arg(long, value_delimiter = ',')]
    pub candidates: Option<Vec<String>>,
    /// How many of the cheapest single-hub candidates are planned by routing.
    #[arg(long, default_value_t = 5)]
    pub shortlist: usize,
    /// Hub counts solved by the model only, comma-separated ("" for none).
    #[arg(long, default_value = "2,3")]
    pub hubs: String,
    /// Fixed cost of a sorting centre, yuan/day.
    #[arg(long, allow_negative_numbers = true, default_value_t = SitingCosts::default().fixed_per_day)]
    pub fixed_per_day: f64,
    /// Parcels a day one site can sort.
    #[arg(long, allow_negative_numbers = true, default_value_t = SitingCosts::default().capacity_parcels)]
    pub capacity: f64,
    /// Handling at the hub, yuan/parcel (default: the scenario's costs.hub_handling_per_parcel).
    #[arg(long, allow_negative_numbers = true)]
    pub handling_per_parcel: Option<f64>,
    /// Also write a GeoJSON map of the candidates (model and routed costs) and the several-hub
    /// assignments.
    #[arg(long, value_name = "FILE")]
    pub geojson: Option<PathBuf>,
    #[command(flatten)]
    pub evaluation: EvaluationArgs,
}

/// Runs `gongpei design site`.
pub fn run(args: &SiteArgs) -> Result<(), Failure> {
    let scenario =
        gongpei_scenario::from_json_file(&args.file).map_err(|e| Failure::Error(e.to_string()))?;
    let siting = Siting {
        candidates: args.candidates.as_deref().map(super::design::ids),
        costs: SitingCosts {
            fixed_per_day: args.fixed_per_day,
            capacity_parcels: args.capacity,
            handling_per_parcel: args.handling_per_parcel,
        },
        shortlist: args.shortlist,
        hub_counts: numbers("--hubs", &args.hubs)?,
        solve: args.evaluation.solve_options()?,
    };
    if let Some(out) = &args.geojson {
        guard_output(out, &[&args.file])?;
    }
    args.evaluation.guard_html(&args.file)?;
    let (evaluation, interrupt) = args.evaluation.evaluation()?;
    let e = &args.evaluation;
    e.progress("location model");
    let result = siting
        .run(&scenario, &evaluation, |k, c| {
            e.progress(&format!(
                "routing candidate {}: {} {}",
                k + 1,
                c.site,
                c.name
            ))
        })
        .map_err(failed)?;
    if let Some(out) = &args.geojson {
        e.write_map(out, &gongpei_design::siting_geojson(&scenario, &result))?;
    }
    e.write_html(|| gongpei_design::report::siting_html(&scenario, &result))?;
    e.print_result(&result, || {
        gongpei_design::report::siting_summary(&result).text()
    })?;
    interrupt.outcome(e.quiet)
}
