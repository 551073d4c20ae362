//! `gongpei._core.Scenario`: rural district scenarios (read, generated, written) and the comparison
//! of delivery modes with cost allocation among carriers.
//!
//! Scenario contents and comparison results cross the boundary as JSON text (their serde form),
//! which the Python package parses into dicts and pandas tables; the comparison runs with the GIL
//! released.

use crate::errors::{invalid_input, new_error, ErrorClass};
use crate::interruptible::run_interruptible;
use gongpei_coop::compare::{compare, CompareOptions};
use gongpei_coop::modes::Mode;
use gongpei_coop::subproblem::Effort;
use gongpei_coop::world::World;
use gongpei_coop::CoopError;
use gongpei_scenario::generate::{generate, Preset};
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

fn coop_error(py: Python<'_>, err: CoopError) -> PyErr {
    match err {
        CoopError::Input(_) | CoopError::Scenario(_) => invalid_input(py, err.to_string()),
        other => new_error(py, ErrorClass::Internal, other.to_string()),
    }
}

fn parse_mode(py: Python<'_>, name: &str) -> PyResult<Mode> {
    name.parse::<Mode>().map_err(|err| coop_error(py, err))
}

#[pymethods]
impl PyScenario {
    /// Reads a scenario JSON file (errors name the file, JSON path, line and column).
    #[staticmethod]
    fn from_json_file(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        gongpei_scenario::from_json_file(&path)
            .map(|s| Self {
                scenario: Arc::new(s),
            })
            .map_err(|err| scenario_error(py, err))
    }

    /// Parses scenario JSON text; `origin` names it in error messages.
    #[staticmethod]
    #[pyo3(signature = (text, origin = "<string>"))]
    fn from_json_str(py: Python<'_>, text: &str, origin: &str) -> PyResult<Self> {
        gongpei_scenario::from_json_str(text, origin)
            .map(|s| Self {
                scenario: Arc::new(s),
            })
            .map_err(|err| scenario_error(py, err))
    }

    /// Generates a bundled preset (`"small"`: one township; `"jizhou"`: the whole district),
    /// deterministically for a seed.
    #[staticmethod]
    #[pyo3(signature = (preset = "small", seed = 1))]
    fn generate(py: Python<'_>, preset: &str, seed: u64) -> PyResult<Self> {
        let preset: Preset = preset.parse().map_err(|err| scenario_error(py, err))?;
        let scenario = py
            .detach(|| generate(preset, seed))
            .map_err(|err| scenario_error(py, err))?;
        Ok(Self {
            scenario: Arc::new(scenario),
        })
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
    /// carriers.
    /// Returns the comparison as JSON text. Runs with the GIL released; Ctrl-C raises
    /// `KeyboardInterrupt` when the comparison ends.
    /// With `outputs`, returns `(comparison JSON, outputs JSON)` instead, the outputs holding
    /// the routes GeoJSON and the report tables (see `comparison_outputs`).
    #[pyo3(signature = (*, modes = None, allocate = None, iterations = 2000, seed = 1, permutations = 2000, outputs = false))]
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
    ) -> PyResult<Py<PyAny>> {
        let modes = match modes {
            Some(names) => names
                .iter()
                .map(|n| parse_mode(py, n))
                .collect::<PyResult<Vec<_>>>()?,
            None => Mode::ALL.to_vec(),
        };
        let allocate = allocate.map(|n| parse_mode(py, &n)).transpose()?;
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
        };
        let scenario = Arc::clone(&self.scenario);
        let (outcome, _) = run_interruptible(
            py,
            move |_observer| -> Result<(String, Option<String>), CoopError> {
                let world = World::new(&scenario)?;
                let comparison = compare(&world, &options)?;
                let extra = outputs
                    .then(|| crate::comparison_outputs::outputs_json(&world, &comparison))
                    .transpose()?;
                Ok((
                    serde_json::to_string(&comparison)
                        .expect("a comparison is plain data and always serialises"),
                    extra,
                ))
            },
            None,
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
