//! Long cooperation-layer work called from Python (a mode comparison, a network design): run
//! with the GIL released through the planner's `PlanControl`, stopped by Ctrl-C, by a time limit
//! or by a progress callback, and a stop raised as `gongpei.StoppedError` saying how far the work
//! got. One place for these rules, so `Scenario.compare` and every design stop alike.

use crate::convert::seconds;
use crate::errors::{invalid_input, new_error, ErrorClass};
use crate::interruptible::run_watched;
use gongpei_coop::PlanControl;
use pyo3::prelude::*;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// When to stop planning work early.
pub struct PlanningWatch {
    time_limit: Option<Duration>,
    callback: Option<Py<PyAny>>,
    interval: Duration,
}

impl PlanningWatch {
    /// Checks the Python arguments: `time_limit` and `callback_interval` in seconds,
    /// `callback(elapsed_seconds, subproblems_solved)` callable.
    pub fn new(
        py: Python<'_>,
        time_limit: Option<f64>,
        callback: Option<Py<PyAny>>,
        callback_interval: f64,
    ) -> PyResult<Self> {
        let time_limit = time_limit
            .map(|s| seconds(py, "time_limit", s))
            .transpose()?;
        let interval = seconds(py, "callback_interval", callback_interval)?;
        if let Some(callback) = &callback {
            if !callback.bind(py).is_callable() {
                return Err(invalid_input(py, "callback must be callable".to_string()));
            }
        }
        Ok(Self {
            time_limit,
            callback,
            interval,
        })
    }

    /// Runs `work` with a fresh `PlanControl` on a worker thread, the GIL released. Returns its
    /// value; a stop (time limit, callback, or a stop the work noticed) is `StoppedError`
    /// naming `what` and how many sub-problems were solved, and `hint` says how to go faster.
    pub fn run<T: Send>(
        &self,
        py: Python<'_>,
        what: &str,
        hint: &str,
        work: impl FnOnce(Arc<PlanControl>) -> T + Send,
    ) -> PyResult<T> {
        let control = Arc::new(PlanControl::default());
        let worker_control = Arc::clone(&control);
        let started = Instant::now();
        let mut last_call: Option<Instant> = None;
        let mut reason = None;
        let (value, stopped) = run_watched(
            py,
            move || work(worker_control),
            || control.request_stop(),
            |py| {
                let elapsed = started.elapsed();
                if let Some(limit) = self.time_limit.filter(|&limit| elapsed >= limit) {
                    reason = Some(format!(
                        "time_limit of {:.1} s reached",
                        limit.as_secs_f64()
                    ));
                    return Ok(true);
                }
                let Some(callback) = &self.callback else {
                    return Ok(false);
                };
                if last_call.is_some_and(|at| at.elapsed() < self.interval) {
                    return Ok(false);
                }
                last_call = Some(Instant::now());
                let asked = callback
                    .call1(py, (elapsed.as_secs_f64(), control.subproblems_solved()))?
                    .is_truthy(py)?;
                if asked {
                    reason = Some("the callback asked to stop".to_string());
                }
                Ok(asked)
            },
        )?;
        if stopped || control.stop_requested() {
            return Err(new_error(
                py,
                ErrorClass::Stopped,
                format!(
                    "{what} stopped after {:.1} s and {} sub-problems: {}; no partial result \
                     is returned ({hint})",
                    started.elapsed().as_secs_f64(),
                    control.subproblems_solved(),
                    reason.unwrap_or_else(|| "a stop was requested".to_string())
                ),
            ));
        }
        Ok(value)
    }
}
