//! `gongpei design site FILE`: where the sorting centre goes. Every candidate's model cost as
//! the single hub, the model's 2-3 hub choices, and the k cheapest candidates planned by routing
//! with the hub moved there (tables, or `--json`).

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use gongpei_design::{Siting, SitingCosts, SitingResult};
use gongpei_locate::MipStatus;

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
    let evaluation = args.evaluation.evaluation()?;
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
    e.print_result(&result, || table(&result))
}

fn status(s: &MipStatus) -> String {
    match s {
        MipStatus::Optimal => "optimal".into(),
        MipStatus::Stopped { gap } => format!("gap {:.3} %", 100.0 * gap),
    }
}

/// The terminal tables of a siting result.
fn table(r: &SitingResult) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "Candidates as the single hub (location model, yuan/day)");
    let _ = writeln!(
        t,
        "{:>4}  {:<12} {:<14} {:>6} {:>9} {:>7} {:>9} {:>10} {:>9} {:>9} {:>10}  cap",
        "rank",
        "site",
        "name",
        "trunk",
        "trunk km",
        "feeder",
        "feeder km",
        "transport",
        "handling",
        "fixed",
        "daily"
    );
    for c in &r.candidates {
        let _ = writeln!(
            t,
            "{:>4}  {:<12} {:<14} {:>6} {:>9.1} {:>7} {:>9.1} {:>10.0} {:>9.0} {:>9.0} {:>10.0}  {}",
            c.rank,
            c.site,
            c.name,
            c.trunk_trips,
            c.trunk_km,
            c.feeder_trips,
            c.feeder_km,
            c.transport_cost,
            c.handling_cost,
            c.fixed_cost,
            c.daily_cost,
            if c.within_capacity { "ok" } else { "OVER" }
        );
    }
    let _ = writeln!(
        t,
        "model choice (p-median, 1 hub): {} ({})\n",
        r.model_choice,
        status(&r.model_status)
    );
    if !r.evaluated.is_empty() {
        let _ = writeln!(t, "Shortlist planned by routing (hub moved there)");
        let _ = writeln!(
            t,
            "{:<12} {:<14} {:>10} {:<15} {:>10} {:>9} {:>6} {:>8} {:>8}  feasible",
            "site", "name", "model", "mode", "routed", "veh-km", "veh", "avg h", "worst h"
        );
        for e in &r.evaluated {
            if let Some(reason) = &e.routing_error {
                let _ = writeln!(
                    t,
                    "{:<12} {:<14} {:>10.0} NOT ROUTABLE: {reason}",
                    e.model.site, e.model.name, e.model.daily_cost
                );
            }
            for m in &e.modes {
                let _ = writeln!(
                    t,
                    "{:<12} {:<14} {:>10.0} {:<15} {:>10.0} {:>9.1} {:>6} {:>8.2} {:>8.2}  {}",
                    e.model.site,
                    e.model.name,
                    e.model.daily_cost,
                    m.mode.name(),
                    m.kpis.cost,
                    m.kpis.vehicle_km,
                    m.kpis.vehicles,
                    m.kpis.avg_lead_time_h,
                    m.kpis.worst_lead_time_h,
                    if m.feasible {
                        "yes".to_string()
                    } else {
                        format!("NO: {}", m.violations.join("; "))
                    }
                );
            }
        }
        let _ = writeln!(t);
    }
    if !r.multi_hub.is_empty() {
        let _ = writeln!(t, "Several hubs (location model)");
        for h in &r.multi_hub {
            let _ = writeln!(
                t,
                "{} hubs: {}  daily {:.0} yuan, {:.1} km, {}{}",
                h.hubs,
                h.sites.join(", "),
                h.daily_cost,
                h.km,
                status(&h.status),
                if h.capacity_violations.is_empty() {
                    String::new()
                } else {
                    format!("; {}", h.capacity_violations.join("; "))
                }
            );
        }
        let _ = writeln!(t);
    }
    let _ = writeln!(t, "Assumptions");
    for a in &r.assumptions {
        let _ = writeln!(t, "- {a}");
    }
    t
}
