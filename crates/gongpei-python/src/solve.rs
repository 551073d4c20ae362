//! `gongpei._core.solve`: parameters checked and converted, the engine run with the GIL released.

use crate::errors::invalid_input;
use crate::interruptible::{run_interruptible, Ending, ProgressCallback};
use crate::problem::PyProblemData;
use crate::report::report_to_py;
use gongpei_core::{SolveParams, Strategy};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Arc;

/// Solves `data` and returns the best solution's report as a dict, with `iterations`, `runtime`
/// (seconds) and `stopped_by_callback` added. Ctrl-C raises `KeyboardInterrupt` once the engine
/// has stopped; an exception raised by `callback` is re-raised the same way.
#[pyfunction]
#[pyo3(signature = (
    data,
    *,
    seed = 0,
    threads = 1,
    time_limit = None,
    max_iterations = None,
    max_no_improvement = None,
    strategy = "auto",
    callback = None,
    callback_interval = 0.1,
))]
#[allow(clippy::too_many_arguments)]
pub fn solve<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyProblemData>,
    seed: u64,
    threads: usize,
    time_limit: Option<f64>,
    max_iterations: Option<u64>,
    max_no_improvement: Option<u64>,
    strategy: &str,
    callback: Option<Py<PyAny>>,
    callback_interval: f64,
) -> PyResult<Bound<'py, PyDict>> {
    if threads == 0 {
        return Err(invalid_input(py, "threads must be at least 1"));
    }
    let strategy = match strategy {
        "auto" => Strategy::Auto,
        "hgs" => Strategy::Genetic,
        "ils" => Strategy::IteratedLocalSearch,
        other => {
            return Err(invalid_input(
                py,
                format!("strategy must be 'auto', 'hgs' or 'ils', not {other:?}"),
            ))
        }
    };
    if let Some(callback) = &callback {
        if !callback.bind(py).is_callable() {
            return Err(invalid_input(py, "callback must be callable"));
        }
    }
    let time_limit = time_limit
        .map(|seconds| crate::convert::seconds(py, "time_limit", seconds))
        .transpose()?;
    let progress = callback
        .map(|callback| {
            Ok::<_, PyErr>(ProgressCallback {
                callback,
                interval: crate::convert::seconds(py, "callback_interval", callback_interval)?,
            })
        })
        .transpose()?;
    let params = SolveParams {
        seed,
        threads,
        time_limit,
        max_iterations,
        max_no_improvement,
        strategy,
    };
    let problem = Arc::clone(&data.get().data);
    let (outcome, ending) = run_interruptible(
        py,
        move |observer| gongpei_core::solve(&problem, &params, observer),
        progress.as_ref(),
    )?;
    let result = report_to_py(py, &outcome.report)?;
    result.set_item("iterations", outcome.iterations)?;
    result.set_item("runtime", outcome.elapsed.as_secs_f64())?;
    result.set_item("stopped_by_callback", ending == Ending::StoppedByCallback)?;
    Ok(result)
}

/// The number of threads of the process's engine pool: however many solves run at once (from
/// Python threads, with any `threads`), at most this many searches compute at the same time.
///
/// >>> from gongpei import _core
/// >>> _core.engine_threads() >= 1
/// True
#[pyfunction]
pub fn engine_threads() -> usize {
    gongpei_core::engine_threads()
}
