//! `gongpei sweep SPEC.toml --out DIR` for a spec with a `[game]` table, on the local backend:
//! the coalition game of the spec's one (or named) variant. The setup (`separate` and the
//! `allocate` mode for all carriers) runs first, then every coalition's cost in batches of
//! `[game] batch`, `--jobs` batches at once on `--threads` threads each; each finished task is a
//! line of `DIR/game.jsonl`, so the same command resumes an interrupted game. At the end the
//! rules are applied to the full table and `game.csv`, `allocation.csv` and `game.json` are
//! written (`gongpei_coop::sweep::game_files`), and the short table printed.
//!
//! Why a `[game]` table and not a subcommand: what runs is the spec's business (base, changes,
//! and now which game) and how it runs the command line's (backend, jobs, threads, out), so
//! `gongpei sweep` keeps one argument list, and `--backend ray` hands the same spec to
//! `python -m gongpei.sweep`, which reads the same table and writes the same files.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use gongpei_coop::sweep::{
    append_game_line, coalition_costs, game_setup, game_summary, load_base, read_game_progress,
    write_game_files, GameLine, Spec,
};
use gongpei_coop::{CoopError, PlanControl};

use super::common::{note, print_out, Failure};
use super::interrupt::Interrupt;
use super::sweep::SweepArgs;

/// Said on stderr when a signal stops the game's tasks.
const GAME_STOPPING: &str =
    "gongpei: stopping the game's running tasks; finished ones are in the checkpoint";

fn error(e: impl std::fmt::Display) -> Failure {
    Failure::Error(e.to_string())
}

/// Runs the game of `spec`'s `[game]` table in this process.
pub fn run_local(args: &SweepArgs, spec: &Spec) -> Result<(), Failure> {
    let (Some(game), Some(variant)) = (&spec.game, spec.game_variant()) else {
        return Err(error("the spec has no [game] table"));
    };
    let base = load_base(&spec.base).map_err(error)?;
    // The design keys are checked too (a typo is reported), though a game does not answer them.
    gongpei_design::sweep::check_spec(spec, &base).map_err(error)?;
    std::fs::create_dir_all(&args.out)
        .map_err(|e| error(format!("{}: {e}", args.out.display())))?;
    let checkpoint = args.out.join("game.jsonl");
    let mut progress = read_game_progress(&checkpoint, variant).map_err(error)?;
    let shipped = (variant.base == spec.base).then_some(base.as_ref());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let jobs = args.jobs.unwrap_or(cores);
    let control = Arc::new(PlanControl::default());
    let interrupt = Interrupt::install();
    let started = Instant::now();
    let stopped = |done: usize, total: usize, signal: &str| {
        Failure::Error(format!(
            "{signal}: game stopped with {done} of {total} coalitions done; run the same command again to resume from {}",
            checkpoint.display()
        ))
    };

    let (setup, setup_seconds) = match progress.setup.take() {
        Some(done) => done,
        None => {
            if !args.quiet {
                note(&format!("game of {}: planning the setup", variant.id));
            }
            let t = Instant::now();
            // Nothing else runs during the setup: it may have every thread the tasks would.
            let threads = args.threads * jobs;
            let outcome = interrupt.stop_on_signal(&control, GAME_STOPPING, || {
                game_setup(variant, threads, shipped, Some(Arc::clone(&control)))
            });
            let setup = match outcome {
                Ok(setup) => setup,
                Err(CoopError::Cancelled) => {
                    return Err(Failure::Error(format!(
                        "{}: game stopped during its setup; run the same command again to start it over",
                        interrupt.signalled().unwrap_or("stop")
                    )))
                }
                Err(e) => return Err(error(format!("game of variant {}: {e}", variant.id))),
            };
            let seconds = t.elapsed().as_secs_f64();
            append_game_line(&checkpoint, &GameLine::setup(variant, &setup, seconds))
                .map_err(error)?;
            (setup, seconds)
        }
    };
    let n = setup.players();
    if n > 20 {
        return Err(error(format!(
            "game of variant {}: a full coalition table is for at most 20 carriers; this game has {n}",
            variant.id
        )));
    }
    let total = (1usize << n) - 1;
    let missing = progress.missing(n);
    if !args.quiet && missing.len() < total {
        note(&format!(
            "resuming from {}: {} of {total} coalitions done",
            checkpoint.display(),
            total - missing.len()
        ));
    }
    let batches: Vec<&[u64]> = missing.chunks(game.batch).collect();
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(total - missing.len());
    let failure: Mutex<Option<String>> = Mutex::new(None);
    let new_costs = Mutex::new(Vec::new());
    interrupt.stop_on_signal(&control, GAME_STOPPING, || {
        std::thread::scope(|scope| {
            for _ in 0..jobs.min(batches.len()) {
                scope.spawn(|| {
                    while let Some(batch) = batches.get(next.fetch_add(1, Ordering::Relaxed)) {
                        if control.stop_requested() {
                            break;
                        }
                        let t = Instant::now();
                        let costs = match coalition_costs(
                            variant,
                            &setup,
                            batch,
                            args.threads,
                            shipped,
                            Some(Arc::clone(&control)),
                        ) {
                            Ok(costs) => costs,
                            Err(CoopError::Cancelled) => break,
                            Err(e) => {
                                let mut slot = failure.lock().unwrap_or_else(|p| p.into_inner());
                                slot.get_or_insert(format!(
                                    "game of variant {}: coalitions {batch:?}: {e}",
                                    variant.id
                                ));
                                control.request_stop();
                                break;
                            }
                        };
                        let line = GameLine::coalitions(variant, costs.clone());
                        let mut guard = new_costs.lock().unwrap_or_else(|p| p.into_inner());
                        if let Err(e) = append_game_line(&checkpoint, &line) {
                            failure
                                .lock()
                                .unwrap_or_else(|p| p.into_inner())
                                .get_or_insert(e.to_string());
                            control.request_stop();
                            break;
                        }
                        guard.extend(costs);
                        let k = finished.fetch_add(batch.len(), Ordering::Relaxed) + batch.len();
                        drop(guard);
                        if !args.quiet {
                            note(&format!(
                                "[{k}/{total}] coalitions {}..{} ({:.1} s)",
                                batch[0],
                                batch[batch.len() - 1],
                                t.elapsed().as_secs_f64()
                            ));
                        }
                    }
                });
            }
        });
    });
    if let Some(e) = failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        return Err(Failure::Error(e));
    }
    if let Some(signal) = interrupt.signalled() {
        return Err(stopped(finished.load(Ordering::Relaxed), total, signal));
    }
    let mut costs: Vec<_> = progress.costs.into_values().collect();
    costs.extend(new_costs.into_inner().unwrap_or_else(|p| p.into_inner()));
    let allocation =
        write_game_files(&args.out, variant, &setup, setup_seconds, &costs).map_err(error)?;
    print_out(&game_summary(variant, &allocation))?;
    if !args.quiet {
        note(&format!(
            "wrote {}: game.csv, allocation.csv, game.json ({:.1} s)",
            args.out.display(),
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(())
}
