//! `gongpei design ...`: network design questions answered by a location model or a search and
//! judged by routing (gongpei-design). One file per question: `design_site.rs` (where the sorting
//! centre goes), `design_cover.rs` (which villages host a station), `design_frequency.rs` (how often
//! each village is served), `design_cold.rs` (pre-cooling stores).
//!
//! Signals: the first SIGINT/SIGTERM hurries the routing (`PlanControl::request_hurry`: the
//! running searches stop at their best so far, every later plan is construction-only), so the
//! question is answered to the end with rougher figures, each marked `hurried`; the tables are
//! printed, `--json`/`--html`/`--geojson` written, and the command exits 130 (SIGINT) or 143
//! (SIGTERM). A location model running at the signal (HiGHS) is not cut short; `--time-limit`
//! bounds it. A second signal ends the process at once.

use std::num::NonZeroU32;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Subcommand};
use gongpei_coop::{Effort, Mode, PlanControl};
use gongpei_design::Evaluation;
use gongpei_locate::SolveOptions;

use super::common::{guard_output, note, print_out, Failure};
use super::interrupt::Interrupt;
use super::solve::StrategyArg;

/// Arguments of `gongpei design`.
#[derive(Debug, Args)]
pub struct DesignArgs {
    #[command(subcommand)]
    pub command: DesignCommand,
}

/// The design questions.
#[derive(Debug, Subcommand)]
pub enum DesignCommand {
    /// Sorting-centre siting: every candidate's model cost, 2-3 hubs from the model, the k best
    /// single-hub candidates planned by routing with the hub moved there.
    Site(super::design_site::SiteArgs),
    /// Station coverage: set covering for each radius D and maximal covering for each K, every
    /// design planned by routing with the demand merged at the stations.
    Cover(super::design_cover::CoverArgs),
    /// Cold storage at field markets: pre-cooling stores within each limit (set covering), every
    /// store's chilled collection planned by routing, the one-cold-store status quo beside it.
    Cold(super::design_cold::ColdArgs),
    /// Weekly service frequency: a visit pattern per village against lead-time targets, each day
    /// planned and checked, and the cost against service-level curve per mode.
    Frequency(super::design_frequency::FrequencyArgs),
}

/// Runs `gongpei design`.
pub fn run(args: &DesignArgs) -> Result<(), Failure> {
    match &args.command {
        DesignCommand::Site(a) => super::design_site::run(a),
        DesignCommand::Cover(a) => super::design_cover::run(a),
        DesignCommand::Cold(a) => super::design_cold::run(a),
        DesignCommand::Frequency(a) => super::design_frequency::run(a),
    }
}

/// Routing and solver options shared by the design subcommands.
#[derive(Debug, Args)]
pub struct EvaluationArgs {
    /// Modes planned for every design (comma-separated).
    #[arg(long, value_delimiter = ',', default_value = "postal_express,combined")]
    pub modes: Vec<String>,
    /// Seed of the engine (same seed, same answer).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Engine iterations per sub-problem of each plan (deterministic budget).
    #[arg(long, default_value_t = gongpei_coop::DEFAULT_MODE_ITERATIONS)]
    pub iterations: u64,
    /// Clients per budget step (see `scenario compare`; 0: the same budget for every sub-problem).
    #[arg(long, default_value_t = gongpei_coop::DEFAULT_CLIENTS_PER_STEP)]
    pub clients_per_step: u64,
    /// Metaheuristic of the sub-problems.
    #[arg(long, value_enum, default_value_t = StrategyArg::Hgs)]
    pub strategy: StrategyArg,
    /// Time limit of each location model in seconds; without it HiGHS runs to proven optimum.
    #[arg(long)]
    pub time_limit: Option<f64>,
    /// Threads HiGHS may use (default: HiGHS's choice).
    #[arg(long)]
    pub threads: Option<NonZeroU32>,
    /// Also write the result as one self-contained HTML page (works offline): the tables, the
    /// assumptions, an interactive map with a layer per run, and the GeoJSON embedded.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Print one JSON object on stdout instead of tables.
    #[arg(long)]
    pub json: bool,
    /// No progress on stderr.
    #[arg(long)]
    pub quiet: bool,
}

impl EvaluationArgs {
    /// The routing evaluation, hurried by a first Ctrl-C / SIGTERM (a second one ends the
    /// process), and the signal watch whose [`Interrupt::outcome`] ends the command.
    pub fn evaluation(&self) -> Result<(Evaluation, Interrupt), Failure> {
        let modes = self
            .modes
            .iter()
            .map(|m| {
                m.parse::<Mode>()
                    .map_err(|e| Failure::Usage(format!("--modes: {e}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if modes.is_empty() {
            return Err(Failure::Usage("--modes: no mode given".into()));
        }
        let control = Arc::new(PlanControl::default());
        let interrupt = Interrupt::install();
        interrupt.hurry_on_signal(&control, self.quiet);
        let evaluation = Evaluation {
            modes,
            effort: Effort {
                seed: self.seed,
                iterations: self.iterations,
                clients_per_step: self.clients_per_step,
                strategy: self.strategy.into(),
            },
            control: Some(control),
        };
        Ok((evaluation, interrupt))
    }

    /// HiGHS options of the location models.
    pub fn solve_options(&self) -> Result<SolveOptions, Failure> {
        super::locate::solve_options(self.time_limit, self.threads)
    }

    /// Prints `result` as one JSON object with `--json`, else the terminal `table`.
    pub fn print_result(
        &self,
        result: &impl serde::Serialize,
        table: impl FnOnce() -> String,
    ) -> Result<(), Failure> {
        if self.json {
            let text = serde_json::to_string_pretty(result)
                .map_err(|e| Failure::Error(format!("JSON output: {e}")))?;
            print_out(&(text + "\n"))?;
        } else {
            print_out(&table())?;
        }
        Ok(())
    }

    /// Writes a GeoJSON `map` to `out` and says so.
    pub fn write_map(&self, out: &Path, map: &serde_json::Value) -> Result<(), Failure> {
        self.write_file(out, &(map.to_string() + "\n"))
    }

    /// Refuses an `--html` file that is the scenario `input` (or a dangling link), before any
    /// planning.
    pub fn guard_html(&self, input: &Path) -> Result<(), Failure> {
        match &self.html {
            Some(out) => guard_output(out, &[input]),
            None => Ok(()),
        }
    }

    /// Writes the page `html()` makes to `--html FILE`, if given, and says so.
    pub fn write_html(&self, html: impl FnOnce() -> String) -> Result<(), Failure> {
        match &self.html {
            Some(out) => self.write_file(out, &html()),
            None => Ok(()),
        }
    }

    fn write_file(&self, out: &Path, text: &str) -> Result<(), Failure> {
        std::fs::write(out, text).map_err(|e| Failure::Error(format!("{}: {e}", out.display())))?;
        self.progress(&format!("wrote {}", out.display()));
        Ok(())
    }

    /// A progress line on stderr unless `--quiet`.
    pub fn progress(&self, text: &str) {
        if !self.quiet {
            note(&format!("gongpei design: {text}"));
        }
    }
}

/// A design error as a failure: bad input names the field (exit 1), as do routing errors.
pub fn failed(e: gongpei_design::DesignError) -> Failure {
    Failure::Error(e.to_string())
}

/// Parses a comma-separated list of numbers for `flag`.
pub fn numbers<T: std::str::FromStr>(flag: &str, text: &str) -> Result<Vec<T>, Failure> {
    text.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.trim()
                .parse()
                .map_err(|_| Failure::Usage(format!("{flag}: {s:?} is not a number")))
        })
        .collect()
}

/// The non-empty ids of a comma-separated list (`--candidates ""` is an empty list).
pub fn ids(list: &[String]) -> Vec<String> {
    list.iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}
