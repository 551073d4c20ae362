//! `gongpei sweep SPEC.toml --backend local|ray --out DIR`: every variant of a sweep spec (see
//! `gongpei_coop::sweep::spec`) run as its own comparison, with the design questions it lists
//! (`design = ["site"]`, see `gongpei_design::sweep`) answered after it as more columns of its
//! row, one line per finished variant appended
//! to `DIR/checkpoint.jsonl` and the table of all rows written to `DIR/results.csv`. A `DIR`
//! with a checkpoint resumes: variants with an `ok` line of the same definition are not run
//! again. `--backend local` runs `--jobs` variants at once in this process, each on `--threads`
//! threads; `--backend ray` hands the spec to the Python package (`python -m gongpei.sweep`),
//! which sends each variant to a Ray cluster and writes the same two files. A spec with a
//! `[game]` table asks for one variant's coalition game instead (`super::sweep_game`: every
//! coalition a task, checkpointed in `DIR/game.jsonl`; `game.csv`, `allocation.csv` and
//! `game.json` written), on either backend.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use clap::{Args, ValueEnum};
use gongpei_coop::sweep::{
    append_entry, load_base, outcomes, pending, read_checkpoint, write_results_csv, Spec, Status,
    Variant,
};
use gongpei_coop::PlanControl;
use gongpei_design::sweep::{check_spec, run_design_entry};

use super::common::{note, Failure};
use super::interrupt::Interrupt;

/// Where the variants run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// In this process, `--jobs` variants at a time.
    Local,
    /// On a Ray cluster, through the Python package (`pip install gongpei[ray]`).
    Ray,
}

/// Arguments of `gongpei sweep`.
#[derive(Debug, Args)]
pub struct SweepArgs {
    /// Sweep spec (TOML with `[base]`, `[run]`, `[grid]` and `[[variants]]` tables; with a
    /// `[game]` table, the coalition game of one variant).
    pub spec: PathBuf,
    /// Where the variants run.
    #[arg(long, value_enum, default_value_t = Backend::Local)]
    pub backend: Backend,
    /// Folder for checkpoint.jsonl and results.csv, or for a game game.jsonl, game.csv,
    /// allocation.csv and game.json (resumes from a checkpoint found there).
    #[arg(long)]
    pub out: PathBuf,
    /// Variants (or a game's coalition batches) run at the same time (local backend; default:
    /// the number of cores).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Threads of each variant's comparison (results do not depend on it).
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Ray cluster address (ray backend; default: a running cluster named by RAY_ADDRESS, else a
    /// new local one).
    #[arg(long)]
    pub address: Option<String>,
    /// Times a variant whose Ray worker died is tried again before it is reported failed.
    #[arg(long, default_value_t = 2)]
    pub max_retries: u32,
    /// Python interpreter with gongpei and ray installed (ray backend; default: $GONGPEI_PYTHON,
    /// else python3).
    #[arg(long)]
    pub python: Option<String>,
    /// No progress lines on stderr.
    #[arg(long)]
    pub quiet: bool,
}

/// Runs `gongpei sweep`.
pub fn run(args: &SweepArgs) -> Result<(), Failure> {
    if args.threads == 0 || args.jobs == Some(0) {
        return Err(Failure::Usage(
            "--threads and --jobs must be at least 1".into(),
        ));
    }
    super::common::guard_output(&args.out, &[&args.spec])?;
    let spec = Spec::from_file(&args.spec).map_err(|e| Failure::Error(e.to_string()))?;
    match args.backend {
        Backend::Ray => hand_to_python(args),
        Backend::Local if spec.game.is_some() => super::sweep_game::run_local(args, &spec),
        Backend::Local => run_local(args, &spec),
    }
}

fn error(e: impl std::fmt::Display) -> Failure {
    Failure::Error(e.to_string())
}

fn run_local(args: &SweepArgs, spec: &Spec) -> Result<(), Failure> {
    let base = load_base(&spec.base).map_err(error)?;
    check_spec(spec, &base).map_err(error)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| error(format!("{}: {e}", args.out.display())))?;
    let checkpoint = args.out.join("checkpoint.jsonl");
    let entries = read_checkpoint(&checkpoint).map_err(error)?;
    let (done, todo) = pending(&spec.variants, &entries);
    let total = spec.variants.len();
    if !args.quiet && !done.is_empty() {
        note(&format!(
            "resuming from {}: {} of {total} variants done",
            checkpoint.display(),
            done.len()
        ));
    }
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(todo.len().max(1));
    let control = Arc::new(PlanControl::default());
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(done.len());
    let write_error: Mutex<Option<String>> = Mutex::new(None);
    let interrupt = Interrupt::install();
    let started = Instant::now();
    let stopping = "gongpei: stopping the running variants; finished ones are in the checkpoint";
    interrupt.stop_on_signal(&control, stopping, || {
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| {
                    while let Some(v) = todo.get(next.fetch_add(1, Ordering::Relaxed)) {
                        if control.stop_requested() {
                            break;
                        }
                        let shipped = (v.base == spec.base).then_some(base.as_ref());
                        let Ok(entry) =
                            run_design_entry(v, args.threads, shipped, Some(Arc::clone(&control)))
                        else {
                            break; // stopped: an interrupted variant is not written
                        };
                        let mut guard = write_error.lock().unwrap_or_else(|p| p.into_inner());
                        if let Err(e) = append_entry(&checkpoint, &entry) {
                            *guard = Some(e.to_string());
                            control.request_stop();
                        }
                        let k = finished.fetch_add(1, Ordering::Relaxed) + 1;
                        if !args.quiet {
                            progress(k, total, v, &entry);
                        }
                    }
                });
            }
        });
    });
    if let Some(e) = write_error.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(Failure::Error(e));
    }
    if let Some(signal) = interrupt.signalled() {
        return Err(Failure::Error(format!(
            "{signal}: sweep stopped with {} of {total} variants done; run the same command again to resume from {}",
            finished.load(Ordering::Relaxed),
            checkpoint.display()
        )));
    }
    finish(&args.out, spec, args.quiet, started)
}

/// Writes results.csv from the checkpoint and says how the sweep went.
fn finish(out: &Path, spec: &Spec, quiet: bool, started: Instant) -> Result<(), Failure> {
    let entries = read_checkpoint(&out.join("checkpoint.jsonl")).map_err(error)?;
    let results = outcomes(&spec.variants, &entries);
    let csv = out.join("results.csv");
    write_results_csv(&csv, &results).map_err(error)?;
    let failed = results
        .iter()
        .filter(|e| e.status == Status::Failed)
        .count();
    if !quiet {
        note(&format!(
            "wrote {}: {} variants, {failed} failed, {:.1} s",
            csv.display(),
            results.len(),
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(())
}

fn progress(k: usize, total: usize, v: &Variant, entry: &gongpei_coop::sweep::Entry) {
    let what = match (&entry.status, &entry.error) {
        (Status::Ok, _) => "ok".to_string(),
        (_, Some(e)) => format!("failed: {e}"),
        (_, None) => "failed".to_string(),
    };
    note(&format!(
        "[{k}/{total}] {} {what} ({:.1} s)",
        v.id, entry.seconds
    ));
}

/// `--backend ray`: runs `PYTHON -m gongpei.sweep` with the same arguments, after checking that
/// the interpreter has gongpei and ray.
fn hand_to_python(args: &SweepArgs) -> Result<(), Failure> {
    let python = args
        .python
        .clone()
        .or_else(|| std::env::var("GONGPEI_PYTHON").ok())
        .unwrap_or_else(|| "python3".to_string());
    let probe = std::process::Command::new(&python)
        .args(["-c", "import gongpei.sweep, ray"])
        .output()
        .map_err(|e| {
            Failure::Error(format!(
                "--backend ray runs the Python package, but {python:?} cannot be started ({e}); \
                 install Python with `pip install gongpei[ray]`, or name the interpreter with --python"
            ))
        })?;
    if !probe.status.success() {
        let stderr = String::from_utf8_lossy(&probe.stderr);
        let missing = stderr
            .lines()
            .rev()
            .find(|l| l.contains("Error"))
            .unwrap_or("import failed");
        return Err(Failure::Error(format!(
            "--backend ray needs gongpei and ray in {python:?} ({missing}); \
             `pip install gongpei[ray]` there, or name another interpreter with --python"
        )));
    }
    let mut command = std::process::Command::new(&python);
    command
        .args(["-m", "gongpei.sweep"])
        .arg(&args.spec)
        .args(["--backend", "ray", "--out"])
        .arg(&args.out)
        .args(["--threads", &args.threads.to_string()])
        .args(["--max-retries", &args.max_retries.to_string()]);
    if let Some(address) = &args.address {
        command.args(["--address", address]);
    }
    if let Some(jobs) = args.jobs {
        command.args(["--jobs", &jobs.to_string()]);
    }
    if args.quiet {
        command.arg("--quiet");
    }
    let status = command
        .status()
        .map_err(|e| Failure::Error(format!("{python}: {e}")))?;
    match status.code() {
        Some(0) => Ok(()),
        Some(code) => Err(Failure::Error(format!(
            "the Ray sweep (`{python} -m gongpei.sweep`) ended with exit status {code}"
        ))),
        None => Err(Failure::Error(format!(
            "the Ray sweep (`{python} -m gongpei.sweep`) was ended by a signal"
        ))),
    }
}
