//! Solution reports as Python dicts (plain values, so results pickle and print naturally).

use gongpei_core::{RouteReport, SolutionReport, Visit};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// A visit as a dict: `client`, `arrival`, `service_start`, `wait`, `late`.
fn visit_to_py<'py>(py: Python<'py>, visit: &Visit) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("client", visit.client)?;
    d.set_item("arrival", visit.arrival)?;
    d.set_item("service_start", visit.service_start)?;
    d.set_item("wait", visit.wait)?;
    d.set_item("late", visit.late)?;
    Ok(d)
}

/// A route report as a dict, with its schedule as a list of visit dicts.
fn route_to_py<'py>(py: Python<'py>, route: &RouteReport) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("vehicle_type", route.vehicle_type)?;
    d.set_item(
        "visits",
        route.schedule.iter().map(|v| v.client).collect::<Vec<_>>(),
    )?;
    d.set_item("distance", route.distance)?;
    d.set_item("duration", route.duration)?;
    d.set_item("time_warp", route.time_warp)?;
    d.set_item("start_time", route.start_time)?;
    d.set_item("end_time", route.end_time)?;
    d.set_item("delivery", &route.delivery)?;
    d.set_item("pickup", &route.pickup)?;
    d.set_item("peak_load", &route.peak_load)?;
    d.set_item("cost", route.cost)?;
    let schedule = PyList::empty(py);
    for visit in &route.schedule {
        schedule.append(visit_to_py(py, visit)?)?;
    }
    d.set_item("schedule", schedule)?;
    Ok(d)
}

/// A solution report as a dict: totals, `feasible`, `violations` (their text) and `routes`.
pub fn report_to_py<'py>(py: Python<'py>, report: &SolutionReport) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("cost", report.cost)?;
    d.set_item("distance", report.distance)?;
    d.set_item("duration", report.duration)?;
    d.set_item("uncollected_prizes", report.uncollected_prizes)?;
    d.set_item("num_routes", report.num_routes)?;
    d.set_item("feasible", report.is_feasible())?;
    d.set_item(
        "violations",
        report
            .violations
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>(),
    )?;
    let routes = PyList::empty(py);
    for route in &report.routes {
        routes.append(route_to_py(py, route)?)?;
    }
    d.set_item("routes", routes)?;
    Ok(d)
}
