//! `gongpei._core.Instance`: a benchmark instance read by `gongpei-io` (VRPLIB/CVRPLIB, LKH-3
//! VRPSPD, Solomon/Gehring-Homberger, Cordeau MDVRP), with its solution-file numbering, cost scale,
//! best-known value, `.sol` reading and writing, and the independent checker.

use crate::errors::{invalid_input, new_error, ErrorClass};
use crate::problem::PyProblemData;
use gongpei_core::{Route, Solution};
use gongpei_io::{Instance, IoError, ReadOptions, Rounding};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::path::{Path, PathBuf};

/// A benchmark instance and its bookkeeping (see `gongpei.read`).
#[pyclass(name = "Instance", module = "gongpei._core", frozen)]
pub struct PyInstance {
    instance: Instance,
    data: Py<PyProblemData>,
    path: PathBuf,
    text: String,
    solomon_rounding: String,
    bks: Option<f64>,
}

fn io_error(py: Python<'_>, err: IoError) -> PyErr {
    match err {
        IoError::Io { .. } => new_error(py, ErrorClass::InvalidInput, err.to_string()),
        other => invalid_input(py, other.to_string()),
    }
}

fn rounding_option(py: Python<'_>, name: &str) -> PyResult<ReadOptions> {
    let solomon_rounding = match name {
        "truncated" => Rounding::TruncatedOneDecimal,
        "exact" => Rounding::Exact,
        other => {
            return Err(invalid_input(
                py,
                format!("solomon_rounding = {other:?}: expected \"truncated\" or \"exact\""),
            ))
        }
    };
    Ok(ReadOptions {
        solomon_rounding,
        ..ReadOptions::default()
    })
}

fn rounding_name(rounding: Rounding) -> &'static str {
    match rounding {
        Rounding::Nearest => "nearest",
        Rounding::TruncatedOneDecimal => "truncated",
        Rounding::Exact => "exact",
        Rounding::Explicit => "explicit",
    }
}

fn to_solution(routes: Vec<(usize, Vec<usize>)>) -> Solution {
    Solution::new(
        routes
            .into_iter()
            .map(|(vehicle_type, visits)| Route {
                vehicle_type,
                visits,
            })
            .collect(),
    )
}

impl PyInstance {
    fn parse(
        py: Python<'_>,
        path: PathBuf,
        text: String,
        solomon_rounding: String,
        bks: Option<f64>,
    ) -> PyResult<Self> {
        let options = rounding_option(py, &solomon_rounding)?;
        let instance = gongpei_io::read_instance_str_with(&path, &text, &options)
            .map_err(|err| io_error(py, err))?;
        let data = Py::new(py, PyProblemData::from_data(instance.data.clone()))?;
        Ok(Self {
            instance,
            data,
            path,
            text,
            solomon_rounding,
            bks,
        })
    }
}

#[pymethods]
impl PyInstance {
    /// Reads an instance file (format detected from the content). `solomon_rounding` is
    /// `"truncated"` (distances truncated to one decimal, cost scale 10) or `"exact"`
    /// (unrounded, cost scale 10,000). The best-known value is taken from a `bks.csv` beside the
    /// file when it lists the instance.
    #[staticmethod]
    #[pyo3(signature = (path, solomon_rounding = "truncated"))]
    fn read(py: Python<'_>, path: PathBuf, solomon_rounding: &str) -> PyResult<Self> {
        let bytes = std::fs::read(&path).map_err(|source| {
            io_error(
                py,
                IoError::Io {
                    path: path.clone(),
                    source,
                },
            )
        })?;
        let text = String::from_utf8(bytes).map_err(|err| {
            invalid_input(
                py,
                format!(
                    "{}: not UTF-8 text (byte {})",
                    path.display(),
                    err.utf8_error().valid_up_to()
                ),
            )
        })?;
        let mut read = Self::parse(py, path, text, solomon_rounding.to_owned(), None)?;
        read.bks =
            gongpei_io::read_bks(&read.path, &read.instance).map_err(|err| io_error(py, err))?;
        Ok(read)
    }

    /// Rebuilds an instance from its text (used by pickling; `path` only names it).
    #[staticmethod]
    #[pyo3(signature = (path, text, solomon_rounding = "truncated", bks = None))]
    fn from_text(
        py: Python<'_>,
        path: PathBuf,
        text: String,
        solomon_rounding: &str,
        bks: Option<f64>,
    ) -> PyResult<Self> {
        Self::parse(py, path, text, solomon_rounding.to_owned(), bks)
    }

    /// The validated problem.
    #[getter]
    fn data(&self, py: Python<'_>) -> Py<PyProblemData> {
        self.data.clone_ref(py)
    }

    /// Instance name.
    #[getter]
    fn name(&self) -> String {
        self.instance.name.clone()
    }

    /// The path it was read from.
    #[getter]
    fn path(&self) -> String {
        self.path.display().to_string()
    }

    /// The file format: `vrplib`, `solomon` or `cordeau`.
    #[getter]
    fn format(&self) -> &'static str {
        self.instance.format.name()
    }

    /// How distances were made integers: `nearest`, `truncated`, `exact` or `explicit`.
    #[getter]
    fn rounding(&self) -> &'static str {
        rounding_name(self.instance.rounding)
    }

    /// Integer cost divided by this is the cost in the file's unit.
    #[getter]
    fn cost_scale(&self) -> i64 {
        self.instance.cost_scale
    }

    /// Number of each client in solution files.
    #[getter]
    fn solution_ids(&self) -> Vec<u64> {
        self.instance.solution_ids.clone()
    }

    /// Node id in the instance file of each client.
    #[getter]
    fn node_ids(&self) -> Vec<u64> {
        self.instance.node_ids.clone()
    }

    /// Node id in the instance file of each depot.
    #[getter]
    fn depot_node_ids(&self) -> Vec<u64> {
        self.instance.depot_node_ids.clone()
    }

    /// Best-known objective in the file's cost unit, if `bks.csv` beside the file lists it.
    #[getter]
    fn bks(&self) -> Option<f64> {
        self.bks
    }

    /// The routes as CVRPLIB `.sol` text; `cost` is in model units.
    fn solution_to_string(&self, routes: Vec<(usize, Vec<usize>)>, cost: i64) -> String {
        gongpei_io::solution_to_string(&self.instance, &to_solution(routes), cost)
    }

    /// Reads a `.sol` file for this instance: `([(vehicle_type, clients)], stated_cost)`.
    #[allow(clippy::type_complexity)]
    fn read_solution(
        &self,
        py: Python<'_>,
        path: PathBuf,
    ) -> PyResult<(Vec<(usize, Vec<usize>)>, Option<f64>)> {
        let file = gongpei_io::read_solution(Path::new(&path), &self.instance)
            .map_err(|err| io_error(py, err))?;
        let routes = file
            .solution
            .routes
            .into_iter()
            .map(|r| (r.vehicle_type, r.visits))
            .collect();
        Ok((routes, file.stated_cost))
    }

    /// The independent checker (plain simulation, not the engine's evaluator): cost, distance,
    /// number of routes and every broken constraint.
    fn check<'py>(
        &self,
        py: Python<'py>,
        routes: Vec<(usize, Vec<usize>)>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let report = gongpei_io::check(&self.instance, &to_solution(routes));
        let d = PyDict::new(py);
        d.set_item("cost", report.cost)?;
        d.set_item("cost_in_file_unit", report.cost_in_file_unit)?;
        d.set_item("distance", report.distance)?;
        d.set_item("num_routes", report.num_routes)?;
        d.set_item("feasible", report.is_feasible())?;
        d.set_item("problems", report.problems)?;
        Ok(d)
    }

    /// Pickles as `from_text` applied to the original file text and options.
    #[allow(clippy::type_complexity)]
    fn __reduce__(
        slf: &Bound<'_, Self>,
    ) -> PyResult<(Py<PyAny>, (String, String, String, Option<f64>))> {
        let py = slf.py();
        let this = slf.get();
        let constructor = py.get_type::<Self>().getattr("from_text")?.unbind();
        Ok((
            constructor,
            (
                this.path.display().to_string(),
                this.text.clone(),
                this.solomon_rounding.clone(),
                this.bks,
            ),
        ))
    }

    fn __repr__(&self) -> String {
        format!(
            "Instance(name={:?}, format={}, clients={}, cost_scale={}, bks={})",
            self.instance.name,
            self.instance.format.name(),
            self.instance.data.num_clients(),
            self.instance.cost_scale,
            self.bks.map_or("None".to_owned(), |v| v.to_string())
        )
    }
}
