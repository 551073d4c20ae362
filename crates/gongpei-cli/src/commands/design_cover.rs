//! `gongpei design cover FILE`: which villages host a service station. Set covering for each
//! radius D (`--radius-km 2,3,5`) and maximal covering for each K (`--max-stations`) at one
//! radius, every design planned by routing with the demand merged at the stations; cost against
//! D and against K as tables, or `--json`.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::Args;
use gongpei_coop::Mode;
use gongpei_design::{CoverEvaluation, CoverResult, Coverage, StationCosts};

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
    let evaluation = args.evaluation.evaluation()?;
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
    e.print_result(&result, || table(&result, &evaluation.modes))?;
    Ok(())
}

fn rows(t: &mut String, list: &[CoverEvaluation], modes: &[Mode]) {
    let _ = writeln!(
        t,
        "{:>6} {:>4} {:>8} {:>8} {:>5} {:>10} {:>8} {:>7} {:>7} {:<15} {:>9} {:>10} {:>9}  feasible",
        "D km",
        "K",
        "stations",
        "upgrade",
        "full",
        "stn/day",
        "covered",
        "avg km",
        "max km",
        "mode",
        "routed",
        "total/day",
        "veh-km"
    );
    for c in list {
        let d = &c.design;
        let upgrades = d.stations.iter().filter(|s| s.upgrades.is_some()).count();
        if c.modes.is_empty() {
            let _ = writeln!(
                t,
                "{:>6.1} {:>4} {:>8} {:>8} {:>5} {:>10.0} {:>7.1}% {:>7.2} {:>7.2} {}",
                d.radius_km,
                d.max_stations.map_or("-".to_string(), |k| k.to_string()),
                d.stations.len(),
                upgrades,
                d.over_capacity.len(),
                d.station_cost_per_day,
                100.0 * d.covered_parcels as f64 / d.total_parcels.max(1) as f64,
                d.avg_resident_km,
                d.worst_resident_km,
                match &c.routing_error {
                    Some(reason) => format!("NOT ROUTABLE: {reason}"),
                    None => "(model only)".to_string(),
                }
            );
        }
        for (m, mode) in c.modes.iter().zip(modes) {
            let _ = writeln!(
                t,
                "{:>6.1} {:>4} {:>8} {:>8} {:>5} {:>10.0} {:>7.1}% {:>7.2} {:>7.2} {:<15} {:>9.0} {:>10.0} {:>9.1}  {}",
                d.radius_km,
                d.max_stations.map_or("-".to_string(), |k| k.to_string()),
                d.stations.len(),
                upgrades,
                d.over_capacity.len(),
                d.station_cost_per_day,
                100.0 * d.covered_parcels as f64 / d.total_parcels.max(1) as f64,
                d.avg_resident_km,
                d.worst_resident_km,
                mode.name(),
                m.kpis.cost,
                m.kpis.cost + d.station_cost_per_day,
                m.kpis.vehicle_km,
                if m.feasible {
                    "yes".to_string()
                } else {
                    format!("NO: {}", m.violations.join("; "))
                }
            );
        }
        if !c.fleet_added.is_empty() {
            let _ = writeln!(
                t,
                "{:>6} shared last-mile fleet enlarged for this design: {}",
                "",
                c.fleet_added.join(", ")
            );
        }
    }
    let _ = writeln!(t);
}

/// The terminal tables of a coverage sweep.
fn table(r: &CoverResult, modes: &[Mode]) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "Today (a stop at every village)");
    for m in &r.baseline {
        let _ = writeln!(
            t,
            "{:<15} routed {:.0} yuan/day, {:.1} veh-km, {} villages, feasible {}",
            m.mode.name(),
            m.kpis.cost,
            m.kpis.vehicle_km,
            m.kpis.villages_served,
            if m.feasible { "yes" } else { "NO" }
        );
    }
    let _ = writeln!(t);
    if !r.by_radius.is_empty() {
        let _ = writeln!(
            t,
            "Cost against D (set covering: every village within D km)"
        );
        rows(&mut t, &r.by_radius, modes);
    }
    if !r.by_stations.is_empty() {
        let _ = writeln!(
            t,
            "Cost against K (maximal covering: most parcels within D of K stations)"
        );
        rows(&mut t, &r.by_stations, modes);
    }
    let _ = writeln!(
        t,
        "full: villages within D kept at home because their merged records would overflow the largest van\n"
    );
    let _ = writeln!(t, "Assumptions");
    for a in &r.assumptions {
        let _ = writeln!(t, "- {a}");
    }
    t
}
