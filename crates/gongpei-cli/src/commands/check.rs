//! `gongpei check INSTANCE SOLUTION`: verifies a `.sol` file with the independent checker and
//! compares its `Cost` line with the recomputed cost.

use super::common::{gap_percent, print_out, read_instance_for, Failure, RoundingArg};
use clap::Args;
use gongpei_io::{check, compare_stated_cost, format_cost, read_bks, read_solution};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Arguments of `gongpei check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Instance file.
    pub instance: PathBuf,
    /// Solution file (CVRPLIB .sol).
    pub solution: PathBuf,
    /// Print one JSON object on stdout instead of text.
    #[arg(long)]
    pub json: bool,
    /// Distance convention of Solomon-format files.
    #[arg(long, value_enum, default_value_t = RoundingArg::Truncated)]
    pub solomon_rounding: RoundingArg,
    /// Read a VRP with backhauls (TYPE VRPB) as its mixed relaxation: backhaul pickups anywhere on
    /// a route. The benchmark's rule that deliveries come first is not modelled, so costs can lie
    /// below its best-known values; without this flag such files are refused.
    #[arg(long)]
    pub vrpb_mixed: bool,
}

/// Runs `gongpei check`; fails with [`Failure::Infeasible`] when the solution breaks a constraint
/// or its stated cost is wrong.
pub fn run(args: &CheckArgs) -> Result<(), Failure> {
    let instance = read_instance_for(&args.instance, args.solomon_rounding, args.vrpb_mixed)?;
    let file = read_solution(&args.solution, &instance)?;
    let report = check(&instance, &file.solution);
    let mut problems = report.problems.clone();
    if let Some(stated) = file.stated_cost {
        problems.extend(compare_stated_cost(&instance, &report, stated));
    }
    let bks = read_bks(&args.instance, &instance)?;
    let gap = bks.map(|b| gap_percent(report.cost_in_file_unit, b));
    let ok = problems.is_empty();
    if args.json {
        let value = serde_json::json!({
            "instance": instance.name,
            "solution": args.solution.display().to_string(),
            "cost": report.cost_in_file_unit,
            "cost_integer": report.cost,
            "cost_scale": instance.cost_scale,
            "stated_cost": file.stated_cost,
            "routes": report.num_routes,
            "feasible": ok,
            "problems": problems,
            "bks": bks,
            "gap_percent": gap,
        });
        print_out(&format!("{value}\n"))?;
    } else {
        let mut text = String::new();
        let _ = writeln!(text, "instance   {}", instance.name);
        let _ = writeln!(
            text,
            "cost       {}",
            format_cost(report.cost, instance.cost_scale)
        );
        let _ = writeln!(text, "routes     {}", report.num_routes);
        if let (Some(b), Some(g)) = (bks, gap) {
            let _ = writeln!(text, "bks        {b} (gap {g:.2} %)");
        }
        let _ = writeln!(text, "feasible   {}", if ok { "yes" } else { "no" });
        for p in &problems {
            let _ = writeln!(text, "  problem: {p}");
        }
        print_out(&text)?;
    }
    if ok {
        Ok(())
    } else {
        Err(Failure::Infeasible)
    }
}
