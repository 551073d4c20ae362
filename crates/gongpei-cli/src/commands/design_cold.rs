//! `gongpei design cold FILE`: which field markets get a pre-cooling store (田头市场预冷) so that
//! chilled produce reaches one within the limit, for each limit asked, with every store's
//! collection planned by routing and the status quo (one cold store) beside it.

use std::path::PathBuf;

use clap::Args;
use gongpei_design::{design_cold, ColdOptions, ColdStoreCosts};

use super::common::Failure;
use super::design::{failed, numbers, EvaluationArgs};

/// Arguments of `gongpei design cold`.
#[derive(Debug, Args)]
pub struct ColdArgs {
    /// Scenario JSON file.
    pub file: PathBuf,
    /// Candidate market site ids, comma-separated (default: every village with chilled pickups,
    /// every township centre and the current cold store).
    #[arg(long, value_delimiter = ',')]
    pub candidates: Option<Vec<String>>,
    /// Pre-cooling limits to design for, hours from pickup, comma-separated (default: the
    /// scenario's costs.max_chilled_duration_s).
    #[arg(long)]
    pub max_hours: Option<String>,
    /// Investment per store, yuan.
    #[arg(long, allow_negative_numbers = true, default_value_t = ColdStoreCosts::default().capital_yuan)]
    pub store_capital: f64,
    /// Economic life of a store, years.
    #[arg(long, allow_negative_numbers = true, default_value_t = ColdStoreCosts::default().life_years)]
    pub store_life_years: f64,
    /// Running cost per store and day, yuan.
    #[arg(long, allow_negative_numbers = true, default_value_t = ColdStoreCosts::default().operating_per_day)]
    pub store_running_per_day: f64,
    #[command(flatten)]
    pub evaluation: EvaluationArgs,
}

/// Runs `gongpei design cold`.
pub fn run(args: &ColdArgs) -> Result<(), Failure> {
    let scenario =
        gongpei_scenario::from_json_file(&args.file).map_err(|e| Failure::Error(e.to_string()))?;
    let limits: Vec<Option<i64>> = match &args.max_hours {
        None => vec![None],
        Some(text) => {
            let hours: Vec<f64> = numbers("--max-hours", text)?;
            if hours.is_empty() {
                return Err(Failure::Usage("--max-hours: no limit given".into()));
            }
            hours
                .into_iter()
                .map(|h| {
                    if h.is_finite() && h > 0.0 {
                        Ok(Some((h * 3600.0).round() as i64))
                    } else {
                        Err(Failure::Usage(format!(
                            "--max-hours {h}: expected a positive number of hours"
                        )))
                    }
                })
                .collect::<Result<_, _>>()?
        }
    };
    args.evaluation.guard_html(&args.file)?;
    let (evaluation, interrupt) = args.evaluation.evaluation()?;
    let e = &args.evaluation;
    let mut designs = Vec::new();
    for limit in limits {
        e.progress(&format!(
            "pre-cooling within {}",
            limit.map_or("the scenario's limit".into(), |s| format!("{s} s"))
        ));
        let options = ColdOptions {
            candidates: args.candidates.as_deref().map(super::design::ids),
            max_precooling_s: limit,
            costs: ColdStoreCosts {
                capital_yuan: args.store_capital,
                life_years: args.store_life_years,
                operating_per_day: args.store_running_per_day,
            },
            solve: e.solve_options()?,
        };
        designs.push(design_cold(&scenario, &options, &evaluation).map_err(failed)?);
    }
    e.write_html(|| gongpei_design::report::cold_html(&scenario, &designs))?;
    e.print_result(&serde_json::json!({ "designs": designs }), || {
        gongpei_design::report::cold_summary(&designs).text()
    })?;
    interrupt.outcome(e.quiet)
}
