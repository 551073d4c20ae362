//! SIGINT (Ctrl-C) and SIGTERM during a solve: the first one asks the search to stop so that
//! the command can still print and write the best solution found so far; a second one ends the
//! process at once (exit 130), for a user who does not want to wait for that.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// The signals a solve listens to, with their names for the note on stderr.
#[cfg(unix)]
const SIGNALS: [(i32, &str); 2] = [
    (signal_hook::consts::SIGINT, "SIGINT"),
    (signal_hook::consts::SIGTERM, "SIGTERM"),
];

/// Whether (and by which signal) the user asked the running command to stop.
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
            // is set, so only a second signal (flag already set) ends the process; the
            // signal's number is stored before the flag that makes it visible.
            let installed = signal_hook::flag::register_conditional_shutdown(
                signal,
                130,
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
                super::common::note(&format!("gongpei: cannot catch {name}: {e}"));
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
}
