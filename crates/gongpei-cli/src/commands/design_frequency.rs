//! `gongpei design frequency FILE`: the weekly frequency design on a scenario file — per
//! lead-time target (`--max-wait-days 1,2,3,4`) and mode (`--modes`), each village's visit
//! pattern, the week's figures and the cost against service-level curve; text tables or one
//! JSON object (`--json`), `--out FILE` for the JSON, `--html FILE` for the page, progress on
//! stderr unless `--quiet`.
//! Ctrl-C (or SIGTERM) hurries the planning: the pattern moves under way end (the week as it
//! was before the move), the remaining targets keep their starting patterns with their days
//! planned construction-only, and the study is reported and written as usual, marked `hurried`;
//! the command then exits 130 (SIGINT) or 143 (SIGTERM). A second signal ends it at once.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use clap::Args;
use gongpei_coop::{Effort, PlanControl};
use gongpei_design::{parse_modes, plan_frequency, DesignError, Evaluation, FrequencyParameters};
use gongpei_scenario::from_json_file;

use super::common::{guard_output, note, print_out, Failure};
use super::interrupt::Interrupt;
use super::solve::StrategyArg;

/// Arguments of `gongpei design frequency`.
#[derive(Debug, Args)]
pub struct FrequencyArgs {
    /// Scenario JSON file.
    pub file: PathBuf,
    /// Lead-time targets, days (the longest a parcel waits for a visit; 1 = daily), one curve
    /// point each.
    #[arg(long, value_delimiter = ',', allow_negative_numbers = true, default_values_t = [1i64, 2, 3, 4])]
    pub max_wait_days: Vec<i64>,
    /// Modes planned, comma-separated (separate, postal_express, transport_postal, combined).
    #[arg(long, default_value = "postal_express,separate")]
    pub modes: String,
    /// Pattern moves tried per target and mode (each re-plans the days it touches).
    #[arg(long, default_value_t = FrequencyParameters::default().max_moves)]
    pub max_moves: usize,
    /// Extra hand-over seconds per parcel a visit carries beyond its daily volume.
    #[arg(long, default_value_t = FrequencyParameters::default().handover_s_per_parcel)]
    pub handover_s_per_parcel: f64,
    /// Keep only the demand of these township centres (site ids, comma-separated): a slice of
    /// a large district, with every site, road and fleet kept.
    #[arg(long, value_delimiter = ',')]
    pub townships: Vec<String>,
    /// Seed of the engine (same seed, same answer).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Engine iterations per sub-problem of each day's plan.
    #[arg(long, default_value_t = 0)]
    pub iterations: u64,
    /// Clients per step of the budget (`iterations * ceil(n / STEP)`; 0: the same budget for
    /// every sub-problem).
    #[arg(long, default_value_t = gongpei_coop::DEFAULT_CLIENTS_PER_STEP)]
    pub clients_per_step: u64,
    /// Metaheuristic of the sub-problems.
    #[arg(long, value_enum, default_value_t = StrategyArg::Hgs)]
    pub strategy: StrategyArg,
    /// Print one JSON object on stdout instead of the tables.
    #[arg(long)]
    pub json: bool,
    /// Also write the JSON to this file.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Also write the study as one self-contained HTML page (works offline): the tables, the
    /// assumptions, a map with a layer per target and mode (villages coloured by visit pattern)
    /// and the GeoJSON embedded.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// No progress notes on stderr.
    #[arg(long)]
    pub quiet: bool,
}

/// Runs `gongpei design frequency`.
pub fn run(args: &FrequencyArgs) -> Result<(), Failure> {
    let interrupt = Interrupt::install();
    for out in [&args.out, &args.html].into_iter().flatten() {
        guard_output(out, &[&args.file])?;
    }
    let params = FrequencyParameters {
        max_wait_days: args.max_wait_days.clone(),
        handover_s_per_parcel: args.handover_s_per_parcel,
        max_moves: args.max_moves,
    };
    params.validate().map_err(|e| match e {
        // The library names its parameter; the user typed the flag.
        DesignError::Input { field, message } => {
            Failure::Usage(format!("--{}: {message}", field.replace('_', "-")))
        }
        other => Failure::Usage(other.to_string()),
    })?;
    let modes = parse_modes(&args.modes, "--modes").map_err(|e| Failure::Usage(e.to_string()))?;
    let mut scenario = from_json_file(&args.file).map_err(|e| Failure::Error(e.to_string()))?;
    gongpei_design::keep_township_demand(&mut scenario, &args.townships)
        .map_err(|e| Failure::Usage(format!("--{e}")))?;
    let control = Arc::new(PlanControl::default());
    interrupt.hurry_on_signal(&control, args.quiet);
    let evaluation = Evaluation {
        modes,
        effort: Effort {
            seed: args.seed,
            iterations: args.iterations,
            clients_per_step: args.clients_per_step,
            strategy: args.strategy.into(),
        },
        control: Some(Arc::clone(&control)),
    };
    if !args.quiet {
        note(&format!(
            "gongpei: planning 7 days x {} targets x {} modes on {} ({} demand records), up to {} moves each",
            args.max_wait_days.len(),
            evaluation.modes.len(),
            scenario.name,
            scenario.demand.len(),
            params.max_moves
        ));
    }
    let started = Instant::now();
    let study = plan_frequency(&scenario, &params, &evaluation)
        .map_err(|e| Failure::Error(e.to_string()))?;
    let json = serde_json::to_string_pretty(&study)
        .map_err(|e| Failure::Error(format!("JSON: {e}")))?
        + "\n";
    if let Some(out) = &args.out {
        std::fs::write(out, &json)
            .map_err(|e| Failure::Error(format!("{}: {e}", out.display())))?;
    }
    if let Some(out) = &args.html {
        std::fs::write(
            out,
            gongpei_design::report::frequency_html(&scenario, &study),
        )
        .map_err(|e| Failure::Error(format!("{}: {e}", out.display())))?;
        if !args.quiet {
            note(&format!("gongpei: wrote {}", out.display()));
        }
    }
    if args.json {
        print_out(&json)?;
    } else {
        print_out(&study.table())?;
    }
    if !args.quiet {
        note(&format!(
            "gongpei: {} day plans in {:.1} s",
            study.day_plans,
            started.elapsed().as_secs_f64()
        ));
    }
    interrupt.outcome(args.quiet)?;
    let clean = study
        .targets
        .iter()
        .all(|t| t.modes.iter().all(|w| w.feasible));
    if clean {
        Ok(())
    } else {
        Err(Failure::Infeasible)
    }
}
