//! Stopping and progress reporting shared by all search threads: the time limit, the observer's
//! stop signal (polled at most every [`OBSERVE_EVERY`]) and the best cost seen so far.

use super::params::{Control, Progress};
use crate::Cost;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How often the observer is called while the search runs.
pub(crate) const OBSERVE_EVERY: Duration = Duration::from_millis(100);

struct Snapshot {
    last_call: Instant,
    iterations: u64,
    best_cost: Option<Cost>,
    best_feasible: bool,
}

/// Decides when the search ends; cheap enough to poll from the local search's inner loop.
pub(crate) struct Stopper<'o> {
    started: Instant,
    deadline: Option<Instant>,
    observer: &'o (dyn Fn(&Progress) -> Control + Sync),
    stopped: AtomicBool,
    snapshot: Mutex<Snapshot>,
}

impl<'o> Stopper<'o> {
    pub fn new(
        time_limit: Option<Duration>,
        observer: &'o (dyn Fn(&Progress) -> Control + Sync),
    ) -> Self {
        let started = Instant::now();
        Self {
            started,
            deadline: time_limit.map(|t| started + t),
            observer,
            stopped: AtomicBool::new(false),
            snapshot: Mutex::new(Snapshot {
                last_call: started,
                iterations: 0,
                best_cost: None,
                best_feasible: false,
            }),
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Whether the search must end now (time is up or the observer said stop).
    pub fn should_stop(&self) -> bool {
        if self.stopped.load(Ordering::Relaxed) {
            return true;
        }
        let now = Instant::now();
        if self.deadline.is_some_and(|d| now >= d) {
            self.stopped.store(true, Ordering::Relaxed);
            return true;
        }
        let progress = match self.snapshot.try_lock() {
            Ok(mut s) if now.duration_since(s.last_call) >= OBSERVE_EVERY => {
                s.last_call = now;
                Some(Progress {
                    elapsed: now.duration_since(self.started),
                    iterations: s.iterations,
                    best_cost: s.best_cost,
                    best_feasible: s.best_feasible,
                })
            }
            _ => None,
        };
        if let Some(p) = progress {
            if (self.observer)(&p) == Control::Stop {
                self.stopped.store(true, Ordering::Relaxed);
                return true;
            }
        }
        false
    }

    /// Records the search's progress for the next observer call.
    pub fn record(&self, iterations: u64, best_cost: Option<Cost>, best_feasible: bool) {
        if let Ok(mut s) = self.snapshot.lock() {
            s.iterations = iterations;
            s.best_cost = best_cost;
            s.best_feasible = best_feasible;
        }
    }

    /// Calls the observer once more with the final figures.
    pub fn report_final(&self, iterations: u64, best_cost: Option<Cost>, best_feasible: bool) {
        let _ = (self.observer)(&Progress {
            elapsed: self.elapsed(),
            iterations,
            best_cost,
            best_feasible,
        });
    }
}
