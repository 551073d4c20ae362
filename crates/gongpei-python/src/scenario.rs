//! `gongpei._core.Scenario`: rural district scenarios (read, generated, written) and the comparison
//! of delivery modes with cost allocation among carriers.
//!
//! Scenario contents and comparison results cross the boundary as JSON text (their serde form),
//! which the Python package parses into dicts and pandas tables; the comparison runs with the GIL
//! released.

use crate::errors::{invalid_input, new_error, ErrorClass};
use crate::planning_watch::PlanningWatch;
use crate::scenario_tables::guarded;
use gongpei_coop::compare::{compare_with, CompareOptions};
use gongpei_coop::modes::{BusChoice, Mode};
use gongpei_coop::world::World;
use gongpei_coop::Effort;
use gongpei_coop::{CoopError, Planner};
use gongpei_scenario::generate::{
    folder_calibration, generate_district, Calibration, DistrictOptions, Preset, SourceData,
};
use gongpei_scenario::tables::TablesError;
use gongpei_scenario::{Scenario, ScenarioError};
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// A rural delivery scenario: sites, roads, carriers, demand, fleets, bus lines and costs.
#[pyclass(name = "Scenario", module = "gongpei._core", frozen)]
pub struct PyScenario {
    scenario: Arc<Scenario>,
}

fn scenario_error(py: Python<'_>, err: ScenarioError) -> PyErr {
    match err {
        ScenarioError::Io { .. } => new_error(py, ErrorClass::InvalidInput, err.to_string()),
        other => invalid_input(py, other.to_string()),
    }
}

pub(crate) fn coop_error(py: Python<'_>, err: CoopError) -> PyErr {
    match err {
        CoopError::Input(_) | CoopError::Scenario(_) => invalid_input(py, err.to_string()),
        CoopError::Cancelled => new_error(py, ErrorClass::Stopped, err.to_string()),
        other => new_error(py, ErrorClass::Internal, other.to_string()),
    }
}

/// Site ids in matrix order, distances (metres) and durations (seconds), as numpy arrays.
type TravelMatrices<'py> = (
    Vec<String>,
    Bound<'py, numpy::PyArray2<i64>>,
    Bound<'py, numpy::PyArray2<i64>>,
);

fn parse_mode(py: Python<'_>, name: &str) -> PyResult<Mode> {
    name.parse::<Mode>().map_err(|err| coop_error(py, err))
}

impl PyScenario {
    /// The scenario, shared with work that runs without the GIL.
    pub(crate) fn shared(&self) -> Arc<Scenario> {
        Arc::clone(&self.scenario)
    }

    /// Wraps a loaded scenario after the road reachability check of `gongpei scenario validate`.
    fn checked(py: Python<'_>, scenario: Scenario) -> PyResult<Self> {
        let scenario = Arc::new(scenario);
        let shared = Arc::clone(&scenario);
        let outcome = py.detach(move || {
            std::panic::catch_unwind(|| crate::scenario_travel::check_reachable(&shared))
        });
        crate::errors::detached_result(py, outcome)?;
        Ok(Self { scenario })
    }
}

#[pymethods]
impl PyScenario {
    /// Reads a scenario JSON file (errors name the file, JSON path, line and column).
    #[staticmethod]
    fn from_json_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let scenario =
            gongpei_scenario::from_json_file(&path).map_err(|err| scenario_error(py, err))?;
        Self::checked(py, scenario)
    }

    /// Parses scenario JSON text; `origin` names it in error messages.
    #[staticmethod]
    #[pyo3(signature = (text, origin = "<string>"))]
    fn from_json_str(py: Python<'_>, text: &str, origin: &str) -> PyResult<Self> {
        let scenario =
            gongpei_scenario::from_json_str(text, origin).map_err(|err| scenario_error(py, err))?;
        Self::checked(py, scenario)
    }

    /// Generates a bundled preset (`"small"`: one township; `"jizhou"`: the whole district) or,
    /// with `division`, any district from its folder; deterministically for a seed.
    /// `calibration` is JSON text whose fields replace the folder's (or preset's) calibration;
    /// `name` and `townships` (codes) apply to a division folder.
    #[staticmethod]
    #[pyo3(signature = (preset = None, seed = 1, *, division = None, calibration = None, name = None, townships = None))]
    fn generate(
        py: Python<'_>,
        preset: Option<&str>,
        seed: u64,
        division: Option<PathBuf>,
        calibration: Option<String>,
        name: Option<String>,
        townships: Option<Vec<String>>,
    ) -> PyResult<Self> {
        if preset.is_some() && division.is_some() {
            return Err(invalid_input(
                py,
                "give either a preset or a division folder, not both".to_string(),
            ));
        }
        if townships.is_some() && division.is_none() {
            return Err(invalid_input(
                py,
                "townships selects units of a division folder; pass division too".to_string(),
            ));
        }
        let preset: Option<Preset> = match (preset, &division) {
            (Some(p), _) => Some(p.parse().map_err(|err| scenario_error(py, err))?),
            (None, None) => Some(Preset::Small),
            (None, Some(_)) => None,
        };
        let scenario = py
            .detach(|| -> Result<Scenario, ScenarioError> {
                let data = match &division {
                    Some(dir) => SourceData::from_dir(dir)?,
                    None => SourceData::bundled()?,
                };
                let (base, mut options) = match preset {
                    Some(p) => p.setup(&data)?,
                    None => (
                        folder_calibration(&data)?,
                        DistrictOptions {
                            townships,
                            ..Default::default()
                        },
                    ),
                };
                if name.is_some() {
                    options.name = name;
                }
                let calibration = match &calibration {
                    Some(text) => base.overlay_json(text, "calibration")?,
                    None => base,
                };
                generate_district(&data, &calibration, &options, seed)
            })
            .map_err(|err| scenario_error(py, err))?;
        Ok(Self {
            scenario: Arc::new(scenario),
        })
    }

    /// Reads and validates a scenario from a folder of CSV tables or an `.xlsx` workbook;
    /// errors name every bad file (or sheet), row and column.
    #[staticmethod]
    fn from_tables_path(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let scenario = guarded(py, || gongpei_scenario::tables::scenario_from_path(&path))?;
        Self::checked(py, scenario)
    }

    /// Reads and validates a scenario from `(table name, CSV text)` pairs; errors name the
    /// table and row (`table demand, line 5`: the CSV's line, the header being line 1).
    #[staticmethod]
    fn from_table_texts(py: Python<'_>, tables: Vec<(String, String)>) -> PyResult<Self> {
        let scenario = guarded(py, || {
            gongpei_scenario::tables::scenario_from_csv_texts(&tables)
        })?;
        Self::checked(py, scenario)
    }

    /// Distance (metres) and duration (seconds) matrices of vehicle `profile` between the sites
    /// `sites` (ids; every non-junction site when `None`), as the planner sees them. Returns
    /// `(site ids, distance, duration)` with int64 arrays.
    #[pyo3(signature = (sites = None, profile = "van"))]
    fn travel_matrices<'py>(
        &self,
        py: Python<'py>,
        sites: Option<Vec<String>>,
        profile: &str,
    ) -> PyResult<TravelMatrices<'py>> {
        let scenario = Arc::clone(&self.scenario);
        let profile = profile.to_owned();
        let outcome = py.detach(move || {
            std::panic::catch_unwind(|| {
                crate::scenario_travel::travel_matrices(&scenario, sites.as_deref(), &profile)
            })
        });
        let (ids, distance, duration) = crate::errors::detached_result(py, outcome)?;
        Ok((
            ids,
            crate::convert::matrix_to_py(py, &distance),
            crate::convert::matrix_to_py(py, &duration),
        ))
    }

    /// Every table of the scenario as JSON text: `{table: {"columns": [...], "rows": [...]}}`.
    fn tables_json(&self, py: Python<'_>) -> PyResult<String> {
        let scenario = Arc::clone(&self.scenario);
        guarded(py, move || crate::scenario_tables::tables_json(&scenario))
    }

    /// Writes the scenario as CSV tables in the folder `path`, or with `xlsx` as one workbook
    /// (`path` itself if it ends in `.xlsx`, else `path/NAME.xlsx`); returns what was written.
    #[pyo3(signature = (path, xlsx = false))]
    fn write_tables(&self, py: Python<'_>, path: PathBuf, xlsx: bool) -> PyResult<String> {
        let scenario = &self.scenario;
        guarded(py, || {
            if xlsx {
                let file = gongpei_scenario::tables::workbook_path(&path, &scenario.name);
                if let Some(parent) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent).map_err(|e| TablesError::Io {
                        file: parent.display().to_string(),
                        message: e.to_string(),
                    })?;
                }
                gongpei_scenario::tables::write_xlsx(scenario, &file).map(|()| file)
            } else {
                gongpei_scenario::tables::write_csv_dir(scenario, &path).map(|()| path.clone())
            }
            .map(|p| p.display().to_string())
        })
    }

    /// The default calibration of the generator, or of a division folder / preset, as JSON.
    #[staticmethod]
    #[pyo3(signature = (preset = None, division = None))]
    fn calibration(
        py: Python<'_>,
        preset: Option<&str>,
        division: Option<PathBuf>,
    ) -> PyResult<String> {
        let result = (|| -> Result<String, ScenarioError> {
            let calibration = match (preset, &division) {
                (_, Some(dir)) => folder_calibration(&SourceData::from_dir(dir)?)?,
                (Some(p), None) => p.parse::<Preset>()?.setup(&SourceData::bundled()?)?.0,
                (None, None) => Calibration::default(),
            };
            Ok(calibration.to_json_string())
        })();
        result.map_err(|err| scenario_error(py, err))
    }

    /// The scenario name.
    #[getter]
    fn name(&self) -> String {
        self.scenario.name.clone()
    }

    /// The scenario as JSON text (the versioned file format).
    fn to_json(&self) -> String {
        gongpei_scenario::to_json_string(&self.scenario)
    }

    /// Plans every delivery mode and, when `allocate` names a mode, allocates its joint cost among
    /// carriers. Returns the comparison as JSON text, or with `outputs` a pair `(comparison JSON,
    /// outputs JSON)`, the outputs holding the routes GeoJSON and the report tables (see
    /// `comparison_outputs`).
    ///
    /// Runs with the GIL released. Ctrl-C stops the engine at its next progress report and raises
    /// `KeyboardInterrupt`. `callback(elapsed_seconds, subproblems_solved)` is called every
    /// `callback_interval` seconds; a true return value, or `time_limit` seconds passing, stops
    /// the work and raises `gongpei.StoppedError` saying how far it got. `fee_range` adds each
    /// bus line's fee range (the CLI's `--fee-range`).
    #[pyo3(signature = (*, modes = None, allocate = None, iterations = 2000, seed = 1, permutations = 2000, outputs = false, time_limit = None, callback = None, callback_interval = 0.2, bus_choice = "joint", fee_range = false))]
    #[allow(clippy::too_many_arguments)]
    fn compare(
        &self,
        py: Python<'_>,
        modes: Option<Vec<String>>,
        allocate: Option<String>,
        iterations: u64,
        seed: u64,
        permutations: usize,
        outputs: bool,
        time_limit: Option<f64>,
        callback: Option<Py<PyAny>>,
        callback_interval: f64,
        bus_choice: &str,
        fee_range: bool,
    ) -> PyResult<Py<PyAny>> {
        let bus_choice: BusChoice = bus_choice
            .parse()
            .map_err(|err: CoopError| invalid_input(py, format!("bus_choice: {err}")))?;
        let modes = match modes {
            Some(names) => names
                .iter()
                .map(|n| parse_mode(py, n))
                .collect::<PyResult<Vec<_>>>()?,
            None => Mode::ALL.to_vec(),
        };
        let allocate = allocate.map(|n| parse_mode(py, &n)).transpose()?;
        let watch = PlanningWatch::new(py, time_limit, callback, callback_interval)?;
        let options = CompareOptions {
            modes,
            allocate,
            effort: Effort {
                seed,
                iterations,
                ..Effort::modes_default(seed)
            },
            coalition_effort: Effort::coalitions_default(seed),
            permutations,
            bus_choice,
            // Off by default: the fee range re-plans 交邮合作 a dozen times per line.
            fee_range,
        };
        let scenario = Arc::clone(&self.scenario);
        let outcome = watch.run(
            py,
            "compare",
            "lower `iterations` to make it faster",
            move |control| -> Result<(String, Option<String>), CoopError> {
                let world = World::new(&scenario)?;
                let planner = Planner::with_control(&world, control);
                let comparison = compare_with(&planner, &options)?;
                let extra = outputs
                    .then(|| crate::comparison_outputs::outputs_json(&world, &comparison))
                    .transpose()?;
                Ok((
                    serde_json::to_string(&comparison)
                        .expect("a comparison is plain data and always serialises"),
                    extra,
                ))
            },
        )?;
        let (json, extra) = outcome.map_err(|err| coop_error(py, err))?;
        Ok(match extra {
            Some(extra) => (json, extra).into_pyobject(py)?.into_any().unbind(),
            None => json.into_pyobject(py)?.into_any().unbind(),
        })
    }

    /// Pickles as the JSON text.
    fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (String, String))> {
        let py = slf.py();
        let constructor = py.get_type::<Self>().getattr("from_json_str")?.unbind();
        Ok((
            constructor,
            (slf.get().to_json(), slf.get().scenario.name.clone()),
        ))
    }

    fn __repr__(&self) -> String {
        format!(
            "Scenario(name={:?}, sites={}, carriers={}, demand_records={})",
            self.scenario.name,
            self.scenario.sites.len(),
            self.scenario.carriers.len(),
            self.scenario.demand.len()
        )
    }
}
