//! SIGINT (Ctrl-C) and SIGTERM: the first one asks the running work to finish with what it has
//! (a solve's search stops at its best so far; a comparison's or design's planning is hurried,
//! see `gongpei_coop::PlanControl::request_hurry`), so that the command still prints and writes
//! its result, and then exits with the shell's code for death by that signal: 130 for SIGINT,
//! 143 for SIGTERM (128 + the signal's number). A second signal ends the process at once, with
//! the same convention, for a user who does not want to wait.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use gongpei_coop::PlanControl;

use super::common::{note, Failure};

/// The signals a command listens to, with their names for the note on stderr.
#[cfg(unix)]
const SIGNALS: [(i32, &str); 2] = [
    (signal_hook::consts::SIGINT, "SIGINT"),
    (signal_hook::consts::SIGTERM, "SIGTERM"),
];

/// The exit status of a process that ends because of `signal` (the shell's convention).
fn exit_code_of(signal: usize) -> i32 {
    128 + i32::try_from(signal).unwrap_or(0)
}

/// Whether (and by which signal) the user asked the running command to stop.
#[derive(Clone)]
pub struct Interrupt {
    received: Arc<AtomicBool>,
    which: Arc<AtomicUsize>,
}

impl Interrupt {
    /// Installs the handlers. A handler that cannot be installed (an unusual platform) leaves
    /// that signal's default behaviour, which is noted on stderr.
    pub fn install() -> Self {
        let interrupt = Self {
            received: Arc::new(AtomicBool::new(false)),
            which: Arc::new(AtomicUsize::new(0)),
        };
        #[cfg(unix)]
        for (signal, name) in SIGNALS {
            // Actions run in registration order: the conditional exit first, before the flag
            // is set, so only a second signal (flag already set) ends the process, with the
            // code of that second signal; the signal's number is stored before the flag that
            // makes it visible.
            let installed = signal_hook::flag::register_conditional_shutdown(
                signal,
                exit_code_of(signal as usize),
                Arc::clone(&interrupt.received),
            )
            .and_then(|_| {
                signal_hook::flag::register_usize(
                    signal,
                    Arc::clone(&interrupt.which),
                    signal as usize,
                )
            })
            .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&interrupt.received)));
            if let Err(e) = installed {
                note(&format!("gongpei: cannot catch {name}: {e}"));
            }
        }
        interrupt
    }

    /// The name of the signal received, once one was.
    pub fn signalled(&self) -> Option<&'static str> {
        if !self.received.load(Ordering::Relaxed) {
            return None;
        }
        let which = self.which.load(Ordering::Relaxed);
        #[cfg(unix)]
        if let Some((_, name)) = SIGNALS.iter().find(|(s, _)| *s as usize == which) {
            return Some(name);
        }
        let _ = which;
        Some("a signal")
    }

    /// The exit status the command ends with once a signal was received: 130 after SIGINT,
    /// 143 after SIGTERM.
    pub fn exit_code(&self) -> Option<i32> {
        self.signalled()?;
        Some(exit_code_of(self.which.load(Ordering::Relaxed)))
    }

    /// Hurries `control` on the first signal (a thread polling every 50 ms), saying so on
    /// stderr unless `quiet`: the planning finishes with shortened searches, and the command
    /// prints and writes what it has (marked hurried).
    pub fn hurry_on_signal(&self, control: &Arc<PlanControl>, quiet: bool) {
        let interrupt = self.clone();
        let control = Arc::clone(control);
        std::thread::spawn(move || loop {
            if let Some(signal) = interrupt.signalled() {
                if !quiet {
                    note(&format!(
                        "gongpei: {signal}: finishing with the best found so far (searches cut short, later sub-problems construction-only); a second signal ends at once"
                    ));
                }
                control.request_hurry();
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        });
    }

    /// Runs `work` on a scoped thread while this one watches for a signal, which asks
    /// `control`'s planners to stop (saying `why` on stderr, once): what sweeps and games do,
    /// whose finished tasks are already in their checkpoint.
    pub fn stop_on_signal<T: Send>(
        &self,
        control: &PlanControl,
        why: &str,
        work: impl FnOnce() -> T + Send,
    ) -> T {
        std::thread::scope(|scope| {
            let handle = scope.spawn(work);
            while !handle.is_finished() {
                std::thread::sleep(Duration::from_millis(50));
                if self.signalled().is_some() && !control.stop_requested() {
                    note(why);
                    control.request_stop();
                }
            }
            match handle.join() {
                Ok(value) => value,
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }

    /// `Ok` when no signal came; else the command's result was printed and written hurried,
    /// and it ends with the signal's exit status ([`Failure::Interrupted`]), said on stderr
    /// unless `quiet`.
    pub fn outcome(&self, quiet: bool) -> Result<(), Failure> {
        match (self.signalled(), self.exit_code()) {
            (Some(signal), Some(code)) => {
                if !quiet {
                    note(&format!(
                        "gongpei: interrupted by {signal}: the result above is hurried (from a shortened search); exit {code}"
                    ));
                }
                Err(Failure::Interrupted(code))
            }
            _ => Ok(()),
        }
    }
}

/// A boxed error carrying [`Failure::Interrupted`] through commands that report boxed errors
/// (`scenario`), recognised by [`Failure::from_boxed`].
#[derive(Debug)]
pub struct Interrupted(pub i32);

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "interrupted (exit {})", self.0)
    }
}

impl std::error::Error for Interrupted {}
