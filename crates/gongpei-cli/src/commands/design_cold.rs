//! `gongpei design cold FILE`: which field markets get a pre-cooling store (田头市场预冷) so that
//! chilled produce reaches one within the limit, for each limit asked, with every store's
//! collection planned by routing and the status quo (one cold store) beside it.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use gongpei_design::{design_cold, ColdDesign, ColdOptions, ColdStoreCosts};

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
    let evaluation = args.evaluation.evaluation()?;
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
        table(&designs)
    })
}

fn verdict(feasible: bool, violations: &[String]) -> String {
    if feasible {
        "yes".into()
    } else {
        format!(
            "NO ({} problems, first: {})",
            violations.len(),
            violations.first().map_or("", String::as_str)
        )
    }
}

/// The terminal tables of the designs, one per limit.
fn table(designs: &[ColdDesign]) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "Pre-cooling stores against the limit (yuan/day)");
    let _ = writeln!(
        t,
        "{:>7} {:>9} {:>7} {:>11} {:>11} {:>10}  {:<8} {:>7}  {:<11} status quo (one cold store)",
        "limit h",
        "villages",
        "stores",
        "stores/day",
        "collection",
        "total",
        "feasible",
        "optimal",
        "choose"
    );
    for d in designs {
        let b = &d.baseline;
        let _ = writeln!(
            t,
            "{:>7.2} {:>9} {:>7} {:>11.0} {:>11.0} {:>10.0}  {:<8} {:>7}  {:<11} {} at {:.0}/day ({} villages beyond the round trip), feasible: {}",
            d.max_precooling_s as f64 / 3600.0,
            d.villages,
            d.stores.len(),
            d.stores_cost_per_day,
            d.collection_cost_per_day,
            d.stores_cost_per_day + d.collection_cost_per_day,
            if d.feasible { "yes" } else { "NO" },
            if d.status.is_optimal() { "yes" } else { "gap" },
            d.recommendation,
            b.site,
            b.collection.kpis.cost,
            b.villages_beyond_round_trip.len(),
            verdict(b.collection.feasible, &b.collection.violations)
        );
    }
    for d in designs {
        let _ = writeln!(
            t,
            "\nStores for {:.2} h ({} candidates):",
            d.max_precooling_s as f64 / 3600.0,
            d.candidates.len()
        );
        let _ = writeln!(
            t,
            "  {:<14} {:<16} {:>8} {:>8} {:>10} {:>11} {:>8}  feasible",
            "site", "name", "villages", "parcels", "farthest s", "collection", "veh-km"
        );
        for s in &d.stores {
            let _ = writeln!(
                t,
                "  {:<14} {:<16} {:>8} {:>8} {:>10} {:>11.0} {:>8.1}  {}",
                s.site,
                s.name,
                s.villages.len(),
                s.parcels_per_day,
                s.farthest_drive_s,
                s.collection.kpis.cost,
                s.collection.kpis.vehicle_km,
                verdict(s.collection.feasible, &s.collection.violations)
            );
        }
    }
    if let Some(d) = designs.first() {
        let _ = writeln!(t, "\nAssumptions");
        for a in &d.assumptions {
            let _ = writeln!(t, "- {a}");
        }
    }
    t
}
