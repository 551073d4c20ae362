//! `gongpei._core.ProblemData`: the validated, immutable problem, built from dicts and numpy arrays.

use crate::convert::{
    client_from_py, client_to_py, depot_from_py, depot_to_py, matrix_from_py, matrix_to_py,
    vehicle_type_from_py, vehicle_type_to_py,
};
use crate::errors::invalid_input;
use crate::report::report_to_py;
use gongpei_core::{ProblemData, Route, Solution};
use numpy::PyArray2;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};
use std::sync::Arc;

/// A validated, immutable routing problem (see `gongpei.Model` for the friendly way to build
/// one). Units are the model's: distances in its distance unit (metres for `"lonlat"` models
/// and road matrices), durations and times in its duration unit (seconds there), costs in
/// engine cost units (the user's currency, e.g. CNY, times the model's `cost_scale`), loads in
/// engine load units (parcels or kg times its `load_scale`). Problems compare equal by value
/// and pickle.
///
/// >>> import gongpei
/// >>> m = gongpei.Model()
/// >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, delivery=2)
/// >>> _ = m.add_vehicle_type(count=2, capacity=5)
/// >>> data = m.data()
/// >>> data.num_depots, data.num_clients, data.num_vehicles
/// (1, 1, 2)
#[pyclass(name = "ProblemData", module = "gongpei._core", frozen, eq)]
#[derive(PartialEq)]
pub struct PyProblemData {
    /// Shared so solves on other threads need no copy.
    pub data: Arc<ProblemData>,
}

impl PyProblemData {
    /// Wraps an already validated problem.
    pub fn from_data(data: ProblemData) -> Self {
        Self {
            data: Arc::new(data),
        }
    }
}

#[pymethods]
impl PyProblemData {
    /// Validates and builds the problem. Depots, clients and vehicle types are dicts of their
    /// fields (as `depots()`, `clients()` and `vehicle_types()` return them); matrices are
    /// square 2-D numpy arrays over all locations, depots first (int64 used as is, float64
    /// rounded to nearest), one distance and one duration matrix per routing profile. Bad
    /// input raises `gongpei.InvalidInputError` naming the item and field.
    ///
    /// >>> import gongpei
    /// >>> m = gongpei.Model()
    /// >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, delivery=2)
    /// >>> _ = m.add_vehicle_type(count=2, capacity=5)
    /// >>> data = m.data()
    /// >>> copy = gongpei.ProblemData(data.depots(), data.clients(), data.vehicle_types(),
    /// ...                           [data.distance_matrix()], [data.duration_matrix()])
    /// >>> copy == data
    /// True
    #[new]
    fn new(
        py: Python<'_>,
        depots: Vec<Bound<'_, PyAny>>,
        clients: Vec<Bound<'_, PyAny>>,
        vehicle_types: Vec<Bound<'_, PyAny>>,
        distance_matrices: Vec<Bound<'_, PyAny>>,
        duration_matrices: Vec<Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let depots = depots
            .iter()
            .enumerate()
            .map(|(i, d)| depot_from_py(d, i))
            .collect::<PyResult<Vec<_>>>()?;
        let clients = clients
            .iter()
            .enumerate()
            .map(|(i, c)| client_from_py(c, i))
            .collect::<PyResult<Vec<_>>>()?;
        let vehicle_types = vehicle_types
            .iter()
            .enumerate()
            .map(|(i, v)| vehicle_type_from_py(v, i))
            .collect::<PyResult<Vec<_>>>()?;
        let distances = distance_matrices
            .iter()
            .enumerate()
            .map(|(p, m)| matrix_from_py(m, &format!("distance matrix {p}")))
            .collect::<PyResult<Vec<_>>>()?;
        // The same array passed as distances and durations is converted once and shared.
        let durations = duration_matrices
            .iter()
            .enumerate()
            .map(
                |(p, m)| match (distance_matrices.get(p), distances.get(p)) {
                    (Some(array), Some(matrix)) if array.is(m) => Ok(matrix.clone()),
                    _ => matrix_from_py(m, &format!("duration matrix {p}")),
                },
            )
            .collect::<PyResult<Vec<_>>>()?;
        ProblemData::new(depots, clients, vehicle_types, distances, durations)
            .map(Self::from_data)
            .map_err(|err| invalid_input(py, err.message()))
    }

    /// Number of depots (locations `0 .. num_depots`).
    #[getter]
    fn num_depots(&self) -> usize {
        self.data.num_depots()
    }

    /// Number of clients (locations after the depots; client `i` is location `num_depots + i`).
    #[getter]
    fn num_clients(&self) -> usize {
        self.data.num_clients()
    }

    /// Number of locations (depots first, then clients).
    #[getter]
    fn num_locations(&self) -> usize {
        self.data.num_locations()
    }

    /// Number of vehicle types.
    #[getter]
    fn num_vehicle_types(&self) -> usize {
        self.data.num_vehicle_types()
    }

    /// Total number of vehicles (the sum of the vehicle types' `count`).
    #[getter]
    fn num_vehicles(&self) -> usize {
        self.data.num_vehicles()
    }

    /// Number of load dimensions (e.g. 2 for parcels and kg).
    #[getter]
    fn num_load_dims(&self) -> usize {
        self.data.num_load_dims()
    }

    /// Number of routing profiles (distance/duration matrix pairs).
    #[getter]
    fn num_profiles(&self) -> usize {
        self.data.num_profiles()
    }

    /// The depots as dicts of their fields: `name` and the opening window `tw_early`,
    /// `tw_late` in duration units (coordinates are the model's, not the problem's).
    ///
    /// >>> import gongpei
    /// >>> m = gongpei.Model()
    /// >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, delivery=2)
    /// >>> _ = m.add_vehicle_type(count=2, capacity=5)
    /// >>> data = m.data()
    /// >>> data.depots()[0]["tw_early"]
    /// 0
    fn depots<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.data
            .depots()
            .iter()
            .map(|d| depot_to_py(py, d))
            .collect()
    }

    /// The clients as dicts of their fields (pickups normalised to one entry per dimension):
    /// `delivery`/`pickup` in load units, `service_duration` and time windows in duration
    /// units, `prize` in cost units.
    ///
    /// >>> import gongpei
    /// >>> m = gongpei.Model()
    /// >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, delivery=2)
    /// >>> _ = m.add_vehicle_type(count=2, capacity=5)
    /// >>> data = m.data()
    /// >>> data.clients()[0]["delivery"]
    /// [2]
    fn clients<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.data
            .clients()
            .iter()
            .map(|c| client_to_py(py, c))
            .collect()
    }

    /// The vehicle types as dicts of their fields: `count`, `capacity` (load units per
    /// dimension), `fixed_cost` and `unit_distance_cost`/`unit_duration_cost` (cost units),
    /// shift limits `max_duration` (duration units) and `max_distance` (distance units),
    /// start and end depots, routing `profile`, `name`.
    ///
    /// >>> import gongpei
    /// >>> m = gongpei.Model()
    /// >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, delivery=2)
    /// >>> _ = m.add_vehicle_type(count=2, capacity=5)
    /// >>> data = m.data()
    /// >>> vehicle = data.vehicle_types()[0]
    /// >>> vehicle["count"], vehicle["capacity"]
    /// (2, [5])
    fn vehicle_types<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.data
            .vehicle_types()
            .iter()
            .map(|v| vehicle_type_to_py(py, v))
            .collect()
    }

    /// The distance matrix of routing profile `profile` (0-based), as a new int64
    /// `(num_locations, num_locations)` array in distance units; an unknown profile raises
    /// `gongpei.InvalidInputError`.
    ///
    /// >>> import gongpei
    /// >>> m = gongpei.Model()
    /// >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, delivery=2)
    /// >>> _ = m.add_vehicle_type(count=2, capacity=5)
    /// >>> data = m.data()
    /// >>> data.distance_matrix().tolist()
    /// [[0, 5], [5, 0]]
    #[pyo3(signature = (profile = 0))]
    fn distance_matrix<'py>(
        &self,
        py: Python<'py>,
        profile: usize,
    ) -> PyResult<Bound<'py, PyArray2<i64>>> {
        self.check_profile(py, profile)?;
        Ok(matrix_to_py(py, self.data.distance_matrix(profile)))
    }

    /// The duration matrix of routing profile `profile` (0-based), as a new int64
    /// `(num_locations, num_locations)` array in duration units (seconds for `"lonlat"`).
    ///
    /// >>> import gongpei
    /// >>> m = gongpei.Model()
    /// >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, delivery=2)
    /// >>> _ = m.add_vehicle_type(count=2, capacity=5)
    /// >>> data = m.data()
    /// >>> data.duration_matrix()[0, 1]
    /// np.int64(5)
    #[pyo3(signature = (profile = 0))]
    fn duration_matrix<'py>(
        &self,
        py: Python<'py>,
        profile: usize,
    ) -> PyResult<Bound<'py, PyArray2<i64>>> {
        self.check_profile(py, profile)?;
        Ok(matrix_to_py(py, self.data.duration_matrix(profile)))
    }

    /// Evaluates routes given as `(vehicle_type, [client, ...])` pairs (0-based indices): a
    /// dict with `cost` (cost units), `distance`, `duration`, `feasible`, `violations` and
    /// per-route figures and schedules (never raises for bad indices; they are reported as
    /// violations). `gongpei.Result.from_routes` wraps it.
    ///
    /// >>> import gongpei
    /// >>> m = gongpei.Model()
    /// >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, delivery=2)
    /// >>> _ = m.add_vehicle_type(count=2, capacity=5)
    /// >>> data = m.data()
    /// >>> report = data.evaluate([(0, [0])])
    /// >>> report["cost"], report["feasible"]
    /// (10, True)
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        routes: Vec<(usize, Vec<usize>)>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let solution = Solution::new(
            routes
                .into_iter()
                .map(|(vehicle_type, visits)| Route {
                    vehicle_type,
                    visits,
                })
                .collect(),
        );
        report_to_py(py, &solution.evaluate(&self.data))
    }

    /// Pickles as the constructor applied to the dict and array forms of the inputs.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let distances = PyList::empty(py);
        let durations = PyList::empty(py);
        for p in 0..this.data.num_profiles() {
            distances.append(matrix_to_py(py, this.data.distance_matrix(p)))?;
            durations.append(matrix_to_py(py, this.data.duration_matrix(p)))?;
        }
        let args = (
            this.depots(py)?,
            this.clients(py)?,
            this.vehicle_types(py)?,
            distances,
            durations,
        );
        (slf.get_type(), args).into_pyobject(py)
    }

    fn __repr__(&self) -> String {
        format!(
            "ProblemData(num_depots={}, num_clients={}, num_vehicle_types={}, num_vehicles={}, num_load_dims={})",
            self.data.num_depots(),
            self.data.num_clients(),
            self.data.num_vehicle_types(),
            self.data.num_vehicles(),
            self.data.num_load_dims()
        )
    }
}

impl PyProblemData {
    fn check_profile(&self, py: Python<'_>, profile: usize) -> PyResult<()> {
        if profile < self.data.num_profiles() {
            Ok(())
        } else {
            Err(invalid_input(
                py,
                format!(
                    "profile {profile} does not exist (the problem has {})",
                    self.data.num_profiles()
                ),
            ))
        }
    }
}
