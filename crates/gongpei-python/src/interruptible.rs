//! Long engine work with the GIL released, Ctrl-C honoured and progress reported.
//!
//! The work runs on a scoped worker thread while the calling thread waits for it with the GIL
//! released, waking every few milliseconds to re-attach, check for pending signals
//! (`Python::check_signals`, which raises `KeyboardInterrupt` on Ctrl-C) and, at a slower pace,
//! call the Python progress callback with the latest snapshot. The engine's observer only touches
//! an atomic flag and a mutex, so it never needs the GIL and may be called from any engine thread.
//! Panics in the work become `gongpei.InternalError`.

use crate::errors::from_panic;
use gongpei_core::{Control, Progress};
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How often the waiting thread checks for Ctrl-C.
const SIGNAL_TICK: Duration = Duration::from_millis(20);

/// How the run ended, besides its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The work finished on its own terms.
    Finished,
    /// The progress callback returned a true value and the work was asked to stop.
    StoppedByCallback,
}

/// A Python progress callback and how often to call it.
pub struct ProgressCallback {
    /// Called as `callback(elapsed_seconds, iterations, best_cost, best_feasible)`; a true return
    /// value asks the work to stop, an exception aborts it and is re-raised.
    pub callback: Py<PyAny>,
    /// Minimum wall time between two calls.
    pub interval: Duration,
}

/// Runs `work` on a worker thread with the GIL released. `work` receives the observer to hand to
/// the engine. Returns the work's value, or the exception raised by a signal handler or by the
/// callback (after the work has stopped), or an `InternalError` if the work panicked.
pub fn run_interruptible<T, W>(
    py: Python<'_>,
    work: W,
    progress: Option<&ProgressCallback>,
) -> PyResult<(T, Ending)>
where
    T: Send,
    W: FnOnce(&(dyn Fn(&Progress) -> Control + Sync)) -> T + Send,
{
    let stop = AtomicBool::new(false);
    let latest: Mutex<Option<Progress>> = Mutex::new(None);
    let observer = |snapshot: &Progress| {
        if let Ok(mut slot) = latest.lock() {
            *slot = Some(*snapshot);
        }
        if stop.load(Ordering::Relaxed) {
            Control::Stop
        } else {
            Control::Continue
        }
    };

    let mut pending_error: Option<PyErr> = None;
    let mut ending = Ending::Finished;
    let mut last_callback = Instant::now();
    let mut last_reported_iterations = None;

    let finished = std::thread::scope(|scope| {
        let (sender, mut receiver) = mpsc::channel();
        let observer = &observer;
        scope.spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| work(observer)));
            // The receiver outlives the scope, so this cannot fail.
            let _ = sender.send(result);
        });
        loop {
            let (returned, waited) = py.detach(move || {
                let waited = receiver.recv_timeout(SIGNAL_TICK);
                (receiver, waited)
            });
            receiver = returned;
            match waited {
                Ok(result) => break result,
                Err(RecvTimeoutError::Disconnected) => {
                    break Err(Box::new("engine worker thread ended without a result")
                        as Box<dyn std::any::Any + Send>)
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            if pending_error.is_some() || stop.load(Ordering::Relaxed) {
                continue;
            }
            if let Err(err) = py.check_signals() {
                pending_error = Some(err);
                stop.store(true, Ordering::Relaxed);
                continue;
            }
            let Some(progress) = progress else { continue };
            if last_callback.elapsed() < progress.interval {
                continue;
            }
            let snapshot = latest.lock().ok().and_then(|slot| *slot);
            let Some(snapshot) = snapshot else { continue };
            if last_reported_iterations == Some(snapshot.iterations) {
                continue;
            }
            last_reported_iterations = Some(snapshot.iterations);
            last_callback = Instant::now();
            match call_progress(py, &progress.callback, &snapshot) {
                Ok(false) => {}
                Ok(true) => {
                    ending = Ending::StoppedByCallback;
                    stop.store(true, Ordering::Relaxed);
                }
                Err(err) => {
                    pending_error = Some(err);
                    stop.store(true, Ordering::Relaxed);
                }
            }
        }
    });

    let value = finished.map_err(|payload| from_panic(py, payload.as_ref()))?;
    match pending_error {
        Some(err) => Err(err),
        None => Ok((value, ending)),
    }
}

/// Calls the callback with one snapshot; returns whether it asked to stop.
fn call_progress(py: Python<'_>, callback: &Py<PyAny>, snapshot: &Progress) -> PyResult<bool> {
    let returned = callback.call1(
        py,
        (
            snapshot.elapsed.as_secs_f64(),
            snapshot.iterations,
            snapshot.best_cost,
            snapshot.best_feasible,
        ),
    )?;
    returned.is_truthy(py)
}

/// Runs `work` on a worker thread with the GIL released, like [`run_interruptible`], for work
/// that has no engine observer but can be asked to stop through `request_stop` (the coop
/// planner's `PlanControl`). Every tick the waiting thread checks for Ctrl-C and calls
/// `on_tick(py)`; `Ok(true)` from it, an error from it or a signal calls `request_stop` once and
/// the work is awaited (it ends within one engine progress report). Returns the work's value and
/// whether `on_tick` asked to stop, or the signal's or `on_tick`'s exception.
pub fn run_watched<T, W, S, K>(
    py: Python<'_>,
    work: W,
    request_stop: S,
    mut on_tick: K,
) -> PyResult<(T, bool)>
where
    T: Send,
    W: FnOnce() -> T + Send,
    S: Fn(),
    K: FnMut(Python<'_>) -> PyResult<bool>,
{
    let mut pending_error: Option<PyErr> = None;
    let mut stopped_by_tick = false;
    let finished = std::thread::scope(|scope| {
        let (sender, mut receiver) = mpsc::channel();
        scope.spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(work));
            let _ = sender.send(result);
        });
        loop {
            let (returned, waited) = py.detach(move || {
                let waited = receiver.recv_timeout(SIGNAL_TICK);
                (receiver, waited)
            });
            receiver = returned;
            match waited {
                Ok(result) => break result,
                Err(RecvTimeoutError::Disconnected) => {
                    break Err(Box::new("worker thread ended without a result")
                        as Box<dyn std::any::Any + Send>)
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            if pending_error.is_some() || stopped_by_tick {
                continue;
            }
            let asked = py.check_signals().and_then(|()| on_tick(py));
            match asked {
                Ok(false) => {}
                Ok(true) => {
                    stopped_by_tick = true;
                    request_stop();
                }
                Err(err) => {
                    pending_error = Some(err);
                    request_stop();
                }
            }
        }
    });
    let value = finished.map_err(|payload| from_panic(py, payload.as_ref()))?;
    match pending_error {
        Some(err) => Err(err),
        None => Ok((value, stopped_by_tick)),
    }
}
