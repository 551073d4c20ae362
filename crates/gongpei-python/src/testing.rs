//! Hooks for the Python test-suite: they drive the same worker machinery as `solve` without the
//! engine, so the boundary's behaviour (GIL release, Ctrl-C, panics) is tested on its own.

use crate::interruptible::{run_interruptible, ProgressCallback};
use gongpei_core::{Control, Progress};
use pyo3::prelude::*;
use std::time::{Duration, Instant};

/// Panics on the worker thread; the caller must see `gongpei.InternalError`, not a crash.
/// `payload` picks what the panic carries, as the engine's panics may: `"formatted"` a `String`
/// (`panic!("{message}")`), `"literal"` a `&'static str` (`message` is then ignored), `"other"` a
/// value that is not text.
#[pyfunction]
#[pyo3(signature = (message, payload = "formatted"))]
pub fn _panic_in_worker(py: Python<'_>, message: String, payload: &str) -> PyResult<()> {
    let payload = match payload {
        "formatted" | "literal" | "other" => payload.to_string(),
        other => {
            return Err(pyo3::exceptions::PyValueError::new_err(format!(
                "payload: expected formatted, literal or other, got {other:?}"
            )))
        }
    };
    run_interruptible(
        py,
        move |_observer| -> () {
            match payload.as_str() {
                "literal" => panic!("a literal panic message"),
                "other" => std::panic::panic_any(42_u8),
                _ => panic!("{message}"),
            }
        },
        None,
    )
    .map(|_| ())
}

/// Waits `seconds` on the worker thread with the GIL released, reporting to the observer every
/// millisecond like an engine would (`best_cost` = iterations) and stopping when told to.
/// `callback` is a progress callback as in `solve`. Returns the seconds actually spent.
#[pyfunction]
#[pyo3(signature = (seconds, callback = None))]
pub fn _sleep_in_worker(
    py: Python<'_>,
    seconds: f64,
    callback: Option<Py<PyAny>>,
) -> PyResult<f64> {
    let limit = Duration::from_secs_f64(seconds.clamp(0.0, 3600.0));
    let progress = callback.map(|callback| ProgressCallback {
        callback,
        interval: Duration::from_millis(50),
    });
    let (spent, _) = run_interruptible(
        py,
        move |observer| {
            let started = Instant::now();
            let mut iterations = 0;
            while started.elapsed() < limit {
                let progress = Progress {
                    elapsed: started.elapsed(),
                    iterations,
                    best_cost: Some(iterations as i64),
                    best_feasible: true,
                };
                if observer(&progress) == Control::Stop {
                    break;
                }
                iterations += 1;
                std::thread::sleep(Duration::from_millis(1));
            }
            started.elapsed().as_secs_f64()
        },
        progress.as_ref(),
    )?;
    Ok(spent)
}
