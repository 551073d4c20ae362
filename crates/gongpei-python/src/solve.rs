//! `gongpei._core.solve`: parameters checked and converted, the engine run with the GIL released.

use crate::errors::{initial_solution_error, invalid_input};
use crate::interruptible::{run_interruptible, Ending, ProgressCallback};
use crate::problem::PyProblemData;
use crate::report::report_to_py;
use gongpei_core::{InitialSolution, Route, SolveParams, Strategy};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::sync::Arc;

/// Solves `data` and returns the best solution's report as a dict, with `iterations`, `runtime`
/// (seconds), `stopped_by_callback` and `warm_start` added. Ctrl-C raises `KeyboardInterrupt`
/// once the engine has stopped; an exception raised by `callback` is re-raised the same way.
///
/// `initial_routes` (`(vehicle_type, clients)` pairs) is a solution to start from,
/// `fixed_routes` the indices of its routes kept unchanged and `pinned_clients` clients kept in
/// their route (together, order free); a start that does not fit the
/// problem raises `gongpei.errors.InitialSolutionError` naming the route, position and client.
/// `warm_start` is then a dict (`initial_cost`, `initial_feasible`, `fixed_routes`), else `None`.
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
    initial_routes = None,
    fixed_routes = Vec::new(),
    pinned_clients = Vec::new(),
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
    initial_routes: Option<Vec<(usize, Vec<usize>)>>,
    fixed_routes: Vec<usize>,
    pinned_clients: Vec<usize>,
) -> PyResult<Bound<'py, PyDict>> {
    if initial_routes.is_none() && !(fixed_routes.is_empty() && pinned_clients.is_empty()) {
        return Err(invalid_input(
            py,
            "fixed_routes and pinned_clients need initial_solution: they name its routes and clients",
        ));
    }
    let initial = initial_routes.map(|routes| InitialSolution {
        routes: routes
            .into_iter()
            .map(|(vehicle_type, visits)| Route {
                vehicle_type,
                visits,
            })
            .collect(),
        fixed_routes,
        pinned_clients,
    });
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
        initial,
    };
    let problem = Arc::clone(&data.get().data);
    let (outcome, ending) = run_interruptible(
        py,
        move |observer| gongpei_core::try_solve(&problem, &params, observer),
        progress.as_ref(),
    )?;
    let outcome = outcome.map_err(|e| initial_solution_error(py, &e))?;
    let result = report_to_py(py, &outcome.report)?;
    result.set_item("iterations", outcome.iterations)?;
    result.set_item("runtime", outcome.elapsed.as_secs_f64())?;
    result.set_item("stopped_by_callback", ending == Ending::StoppedByCallback)?;
    let warm = match &outcome.warm_start {
        Some(w) => {
            let d = PyDict::new(py);
            d.set_item("initial_cost", w.initial_cost)?;
            d.set_item("initial_feasible", w.initial_feasible)?;
            d.set_item("fixed_routes", w.fixed_routes.clone())?;
            Some(d)
        }
        None => None,
    };
    result.set_item("warm_start", warm)?;
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
