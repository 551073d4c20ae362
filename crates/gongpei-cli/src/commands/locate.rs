//! `gongpei locate`: location models on OR-Library p-median files, solved exactly with HiGHS —
//! `pmedian` (p medians, least total distance) and `cover` (set covering within a radius, or
//! maximal covering with at most K sites).

use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Subcommand};
use gongpei_io::{read_bks_of_file, read_pmedian, PMedianInstance};
use gongpei_locate::{
    CostMatrix, LocateError, MaximalCovering, MipStatus, PMedian, SetCovering, Solution,
    SolveOptions,
};

use super::common::{gap_percent, Failure};

/// Arguments of `gongpei locate`.
#[derive(Debug, Args)]
pub struct LocateArgs {
    #[command(subcommand)]
    pub command: LocateCommand,
}

/// The location models.
#[derive(Debug, Subcommand)]
pub enum LocateCommand {
    /// p-median on an OR-Library file: p medians minimising the total shortest-path distance.
    Pmedian(PMedianArgs),
    /// Covering on an OR-Library file: every vertex within --radius of a site with the fewest
    /// sites (set covering), or with --k the most vertices covered by at most K sites (maximal).
    Cover(CoverArgs),
}

/// Solver options shared by the `locate` subcommands.
#[derive(Debug, Args)]
pub struct SolverArgs {
    /// Print one JSON object on stdout instead of text.
    #[arg(long)]
    pub json: bool,
    /// Time limit in seconds; without it HiGHS runs until the optimum is proven.
    #[arg(long)]
    pub time_limit: Option<f64>,
    /// Threads HiGHS may use (default: HiGHS's choice).
    #[arg(long)]
    pub threads: Option<NonZeroU32>,
}

/// Arguments of `gongpei locate pmedian`.
#[derive(Debug, Args)]
pub struct PMedianArgs {
    /// OR-Library p-median file (`n edges p`, then `i j cost` lines).
    pub file: PathBuf,
    /// Number of medians (default: the file's p).
    #[arg(long)]
    pub p: Option<usize>,
    #[command(flatten)]
    pub solver: SolverArgs,
}

/// Arguments of `gongpei locate cover`.
#[derive(Debug, Args)]
pub struct CoverArgs {
    /// OR-Library p-median file.
    pub file: PathBuf,
    /// Coverage radius, in the file's distance unit.
    #[arg(long)]
    pub radius: f64,
    /// Maximal covering with at most K sites (without it: set covering).
    #[arg(long)]
    pub k: Option<usize>,
    #[command(flatten)]
    pub solver: SolverArgs,
}

/// Runs `gongpei locate`.
pub fn run(args: &LocateArgs) -> Result<(), Failure> {
    match &args.command {
        LocateCommand::Pmedian(a) => run_pmedian(a),
        LocateCommand::Cover(a) => run_cover(a),
    }
}

fn options(args: &SolverArgs) -> Result<SolveOptions, Failure> {
    solve_options(args.time_limit, args.threads)
}

/// HiGHS options from `--time-limit` (seconds, positive) and `--threads`, shared by every
/// command that solves a location model.
pub(crate) fn solve_options(
    time_limit: Option<f64>,
    threads: Option<std::num::NonZeroU32>,
) -> Result<SolveOptions, Failure> {
    let time_limit = match time_limit {
        None => None,
        Some(s) if s.is_finite() && s > 0.0 => Some(Duration::from_secs_f64(s)),
        Some(s) => {
            return Err(Failure::Usage(format!(
                "--time-limit {s}: expected a positive number of seconds"
            )))
        }
    };
    Ok(SolveOptions {
        time_limit,
        threads,
        ..SolveOptions::default()
    })
}

/// The instance's distances as a cost matrix labelled with 1-based vertex numbers.
fn costs_of(instance: &PMedianInstance, file: &Path) -> Result<CostMatrix, Failure> {
    let n = instance.vertices;
    let values = instance.distances.iter().map(|&d| d as f64).collect();
    let labels: Vec<String> = (1..=n).map(|v| format!("vertex {v}")).collect();
    CostMatrix::from_flat(n, n, values)
        .and_then(|m| m.with_demand_labels(labels.clone()))
        .and_then(|m| m.with_candidate_labels(labels))
        .map_err(|e| located(file, e))
}

fn located(file: &Path, e: LocateError) -> Failure {
    Failure::Error(format!("{}: {e}", file.display()))
}

fn status_json(status: &MipStatus) -> serde_json::Value {
    match status {
        MipStatus::Optimal => serde_json::json!({"status": "optimal", "gap": 0.0}),
        MipStatus::Stopped { gap } => serde_json::json!({"status": "stopped", "gap": gap}),
    }
}

fn status_text(status: &MipStatus) -> String {
    match status {
        MipStatus::Optimal => "proven optimal".into(),
        MipStatus::Stopped { gap } => format!("stopped by a limit, gap {:.4} %", 100.0 * gap),
    }
}

/// 1-based vertex numbers of the open sites.
fn vertices(solution: &Solution) -> Vec<usize> {
    solution.open.iter().map(|j| j + 1).collect()
}

fn run_pmedian(args: &PMedianArgs) -> Result<(), Failure> {
    let instance = read_pmedian(&args.file)?;
    let p = args.p.unwrap_or(instance.p);
    let costs = costs_of(&instance, &args.file)?;
    let solution = PMedian::new(&costs, p)
        .solve(&options(&args.solver)?)
        .map_err(|e| located(&args.file, e))?;
    // The optimum in bks.csv is for the file's own p only.
    let optimum = if p == instance.p {
        read_bks_of_file(&args.file)?
    } else {
        None
    };
    let medians = vertices(&solution);
    if args.solver.json {
        let mut value = serde_json::json!({
            "instance": instance.name,
            "vertices": instance.vertices,
            "p": p,
            "objective": solution.objective,
            "medians": medians,
            "seconds": solution.elapsed.as_secs_f64(),
            "optimum": optimum,
            "gap_to_optimum_percent": optimum.map(|o| gap_percent(solution.objective, o)),
        });
        merge(&mut value, status_json(&solution.status));
        println!("{value}");
    } else {
        println!(
            "instance   {} ({} vertices, p = {p})",
            instance.name, instance.vertices
        );
        println!("objective  {}", solution.objective);
        println!("medians    {}", join(&medians));
        println!("status     {}", status_text(&solution.status));
        println!("time       {:.3} s", solution.elapsed.as_secs_f64());
        if let Some(o) = optimum {
            println!(
                "optimum    {o} (gap {:.2} %)",
                gap_percent(solution.objective, o)
            );
        }
    }
    Ok(())
}

fn run_cover(args: &CoverArgs) -> Result<(), Failure> {
    let instance = read_pmedian(&args.file)?;
    let costs = costs_of(&instance, &args.file)?;
    let options = options(&args.solver)?;
    let (model, solution) = match args.k {
        None => (
            "set_covering",
            SetCovering::new(&costs, args.radius).solve(&options),
        ),
        Some(k) => (
            "maximal_covering",
            MaximalCovering::new(&costs, args.radius, k).solve(&options),
        ),
    };
    let solution = solution.map_err(|e| located(&args.file, e))?;
    let covered = solution.assignment.iter().filter(|a| a.is_some()).count();
    let sites = vertices(&solution);
    if args.solver.json {
        let mut value = serde_json::json!({
            "instance": instance.name,
            "model": model,
            "radius": args.radius,
            "k": args.k,
            "objective": solution.objective,
            "sites": sites,
            "covered": covered,
            "vertices": instance.vertices,
            "seconds": solution.elapsed.as_secs_f64(),
        });
        merge(&mut value, status_json(&solution.status));
        println!("{value}");
    } else {
        println!(
            "instance   {} ({} vertices)",
            instance.name, instance.vertices
        );
        println!("model      {model} (radius {})", args.radius);
        println!("objective  {}", solution.objective);
        println!("sites      {}", join(&sites));
        println!("covered    {covered} of {}", instance.vertices);
        println!("status     {}", status_text(&solution.status));
        println!("time       {:.3} s", solution.elapsed.as_secs_f64());
    }
    Ok(())
}

fn merge(value: &mut serde_json::Value, extra: serde_json::Value) {
    if let (Some(v), serde_json::Value::Object(e)) = (value.as_object_mut(), extra) {
        v.extend(e);
    }
}

fn join(items: &[usize]) -> String {
    items
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}
