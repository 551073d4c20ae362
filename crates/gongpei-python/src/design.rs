//! `gongpei._core.design_*`: the network design questions of gongpei-design (sorting-centre
//! siting, station coverage, pre-cooling stores, weekly service frequency) on a scenario.
//!
//! Each function takes the same options as its `gongpei design ...` subcommand (a `None` cost
//! is the design crate's documented default), runs with the GIL released under the planning
//! watch (Ctrl-C, `time_limit`, `callback`), and returns the result as JSON text (its serde
//! form, the same object the CLI prints with `--json`), with its HTML page (`--html`) and, for
//! siting and coverage, the GeoJSON map (`--geojson`) beside it. The Python package (`gongpei.design`) turns them into DataFrames.

use std::num::NonZeroU32;
use std::sync::Arc;

use crate::errors::{invalid_input, new_error, ErrorClass};
use crate::planning_watch::PlanningWatch;
use crate::scenario::{coop_error, PyScenario};
use gongpei_coop::{Effort, Mode};
use gongpei_design::{
    ColdOptions, ColdStoreCosts, Coverage, DesignError, Evaluation, FrequencyParameters, Siting,
    SitingCosts, StationCosts,
};
use gongpei_locate::{LocateError, SolveOptions};
use gongpei_scenario::Scenario;
use pyo3::prelude::*;

/// Result JSON text, its GeoJSON map text and its self-contained HTML page (tables and a
/// Leaflet map, as `gongpei design ... --html` writes it).
type WithMap = (String, String, String);

/// Result JSON text and its self-contained HTML page.
type WithPage = (String, String);

fn design_error(py: Python<'_>, err: DesignError) -> PyErr {
    match err {
        DesignError::Input { .. } => invalid_input(py, err.to_string()),
        DesignError::Locate(LocateError::Solver(_)) => {
            new_error(py, ErrorClass::Internal, err.to_string())
        }
        DesignError::Locate(_) => invalid_input(py, err.to_string()),
        DesignError::Coop(e) => coop_error(py, e),
        other => new_error(py, ErrorClass::Internal, other.to_string()),
    }
}

/// The options every design shares, one dict from Python (`gongpei.design` builds it): the
/// routing (modes planned, seed, engine iterations per sub-problem), the HiGHS runs
/// (`mip_time_limit` in seconds, `None` to proven optimum; `mip_threads`) and the stop rules
/// (`time_limit`, `callback`, `callback_interval`, as in `Scenario.compare`).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
pub struct RunOptions {
    modes: Vec<String>,
    seed: u64,
    iterations: u64,
    mip_time_limit: Option<f64>,
    mip_threads: Option<u32>,
    time_limit: Option<f64>,
    callback: Option<Py<PyAny>>,
    callback_interval: f64,
}

/// [`RunOptions`] checked: the routing, the HiGHS options and the watch.
struct Run {
    modes: Vec<Mode>,
    effort: Effort,
    solve: SolveOptions,
    watch: PlanningWatch,
}

impl RunOptions {
    fn check(self, py: Python<'_>) -> PyResult<Run> {
        let modes = self
            .modes
            .iter()
            .map(|m| {
                m.parse::<Mode>()
                    .map_err(|e| invalid_input(py, format!("modes: {e}")))
            })
            .collect::<PyResult<Vec<_>>>()?;
        if modes.is_empty() {
            return Err(invalid_input(py, "modes: no mode given".to_string()));
        }
        let time_limit = match self.mip_time_limit {
            None => None,
            Some(s) if s.is_finite() && s > 0.0 => {
                Some(crate::convert::seconds(py, "mip_time_limit", s)?)
            }
            Some(s) => {
                return Err(invalid_input(
                    py,
                    format!("mip_time_limit = {s}: expected a positive number of seconds"),
                ))
            }
        };
        let threads = self
            .mip_threads
            .map(|t| {
                NonZeroU32::new(t)
                    .ok_or_else(|| invalid_input(py, "mip_threads must be at least 1".to_string()))
            })
            .transpose()?;
        Ok(Run {
            modes,
            effort: Effort {
                seed: self.seed,
                iterations: self.iterations,
                ..Effort::modes_default(self.seed)
            },
            solve: SolveOptions {
                time_limit,
                threads,
                ..SolveOptions::default()
            },
            watch: PlanningWatch::new(py, self.time_limit, self.callback, self.callback_interval)?,
        })
    }
}

impl Run {
    /// Runs `work` on `scenario` under the watch and maps its error.
    fn watched<T: Send>(
        &self,
        py: Python<'_>,
        what: &str,
        scenario: Arc<Scenario>,
        work: impl FnOnce(&Scenario, Evaluation) -> Result<T, DesignError> + Send,
    ) -> PyResult<T> {
        let modes = self.modes.clone();
        let effort = self.effort.clone();
        self.watch
            .run(
                py,
                what,
                "lower `iterations` or narrow the question to make it faster",
                move |control| {
                    let evaluation = Evaluation {
                        modes,
                        effort,
                        control: Some(control),
                    };
                    work(&scenario, evaluation)
                },
            )?
            .map_err(|e| design_error(py, e))
    }
}

fn to_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).expect("design results are plain data and always serialise")
}

/// Sorting-centre siting (`gongpei design site`): every candidate's location-model cost as the
/// single hub, the model's several-hub choices (`hubs`), and the `shortlist` cheapest single-hub
/// candidates planned by routing with the hub moved there. `run`: the shared options
/// ([`RunOptions`]). Returns `(result JSON, GeoJSON, HTML page)`.
#[pyfunction]
#[pyo3(signature = (scenario, run, *, candidates = None, shortlist = 5, hubs = vec![2, 3], fixed_per_day = None, capacity = None, handling_per_parcel = None))]
#[allow(clippy::too_many_arguments)]
pub fn design_site(
    py: Python<'_>,
    scenario: &PyScenario,
    run: RunOptions,
    candidates: Option<Vec<String>>,
    shortlist: usize,
    hubs: Vec<usize>,
    fixed_per_day: Option<f64>,
    capacity: Option<f64>,
    handling_per_parcel: Option<f64>,
) -> PyResult<WithMap> {
    let run = run.check(py)?;
    let defaults = SitingCosts::default();
    let siting = Siting {
        candidates,
        costs: SitingCosts {
            fixed_per_day: fixed_per_day.unwrap_or(defaults.fixed_per_day),
            capacity_parcels: capacity.unwrap_or(defaults.capacity_parcels),
            handling_per_parcel,
        },
        shortlist,
        hub_counts: hubs,
        solve: run.solve.clone(),
    };
    run.watched(
        py,
        "design site",
        scenario.shared(),
        move |scenario, evaluation| {
            let result = siting.run(scenario, &evaluation, |_, _| {})?;
            let map = gongpei_design::siting_geojson(scenario, &result);
            let page = gongpei_design::report::siting_html(scenario, &result);
            Ok((to_json(&result), map.to_string(), page))
        },
    )
}

/// Station coverage (`gongpei design cover`): set covering for each radius in `radius_km` and
/// maximal covering for each K in `max_stations` at `k_radius_km` (default: the first radius,
/// else 3), every design planned by routing with the demand merged at its stations unless
/// `model_only`. Station costs left `None` are the design crate's defaults. Returns
/// `(result JSON, GeoJSON of every design, HTML page)`.
#[pyfunction]
#[pyo3(signature = (scenario, run, *, radius_km = vec![2.0, 3.0, 5.0], max_stations = vec![], k_radius_km = None, candidates = None, build_capital = None, upgrade_capital = None, build_operating_per_day = None, upgrade_operating_per_day = None, amortisation_years = None, model_only = false))]
#[allow(clippy::too_many_arguments)]
pub fn design_cover(
    py: Python<'_>,
    scenario: &PyScenario,
    run: RunOptions,
    radius_km: Vec<f64>,
    max_stations: Vec<usize>,
    k_radius_km: Option<f64>,
    candidates: Option<Vec<String>>,
    build_capital: Option<f64>,
    upgrade_capital: Option<f64>,
    build_operating_per_day: Option<f64>,
    upgrade_operating_per_day: Option<f64>,
    amortisation_years: Option<f64>,
    model_only: bool,
) -> PyResult<WithMap> {
    let run = run.check(py)?;
    let d = StationCosts::default();
    let coverage = Coverage {
        costs: StationCosts {
            build_capital: build_capital.unwrap_or(d.build_capital),
            upgrade_capital: upgrade_capital.unwrap_or(d.upgrade_capital),
            build_operating_per_day: build_operating_per_day.unwrap_or(d.build_operating_per_day),
            upgrade_operating_per_day: upgrade_operating_per_day
                .unwrap_or(d.upgrade_operating_per_day),
            amortisation_years: amortisation_years.unwrap_or(d.amortisation_years),
        },
        candidates,
        solve: run.solve.clone(),
    };
    let k_radius = k_radius_km.unwrap_or_else(|| radius_km.first().copied().unwrap_or(3.0));
    run.watched(
        py,
        "design cover",
        scenario.shared(),
        move |scenario, evaluation| {
            let routed = (!model_only).then_some(&evaluation);
            let result = coverage.sweep(
                scenario,
                &radius_km,
                k_radius,
                &max_stations,
                routed,
                |_| {},
            )?;
            let map = gongpei_design::cover_sweep_geojson(scenario, &result);
            let page = gongpei_design::report::cover_html(scenario, &result);
            Ok((to_json(&result), map.to_string(), page))
        },
    )
}

/// Pre-cooling stores at field markets (`gongpei design cold`): for each limit in `max_hours`
/// (hours from pickup; `None`: the scenario's `costs.max_chilled_duration_s`), the stores chosen
/// by set covering, each store's chilled collection planned, and the one-cold-store status quo
/// beside it. Returns the JSON `{"designs": [...]}` (one design per limit) and the HTML page.
#[pyfunction]
#[pyo3(signature = (scenario, run, *, max_hours = None, candidates = None, store_capital = None, store_life_years = None, store_running_per_day = None))]
#[allow(clippy::too_many_arguments)]
pub fn design_cold(
    py: Python<'_>,
    scenario: &PyScenario,
    run: RunOptions,
    max_hours: Option<Vec<f64>>,
    candidates: Option<Vec<String>>,
    store_capital: Option<f64>,
    store_life_years: Option<f64>,
    store_running_per_day: Option<f64>,
) -> PyResult<WithPage> {
    let run = run.check(py)?;
    let limits: Vec<Option<i64>> = match max_hours {
        None => vec![None],
        Some(hours) if hours.is_empty() => {
            return Err(invalid_input(py, "max_hours: no limit given".to_string()))
        }
        Some(hours) => hours
            .into_iter()
            .map(|h| {
                if h.is_finite() && h > 0.0 {
                    Ok(Some((h * 3600.0).round() as i64))
                } else {
                    Err(invalid_input(
                        py,
                        format!("max_hours: {h} is not a positive number of hours"),
                    ))
                }
            })
            .collect::<PyResult<_>>()?,
    };
    let d = ColdStoreCosts::default();
    let costs = ColdStoreCosts {
        capital_yuan: store_capital.unwrap_or(d.capital_yuan),
        life_years: store_life_years.unwrap_or(d.life_years),
        operating_per_day: store_running_per_day.unwrap_or(d.operating_per_day),
    };
    let solve = run.solve.clone();
    run.watched(
        py,
        "design cold",
        scenario.shared(),
        move |scenario, evaluation| {
            let designs = limits
                .into_iter()
                .map(|limit| {
                    let options = ColdOptions {
                        candidates: candidates.clone(),
                        max_precooling_s: limit,
                        costs: costs.clone(),
                        solve: solve.clone(),
                    };
                    gongpei_design::design_cold(scenario, &options, &evaluation)
                })
                .collect::<Result<Vec<_>, _>>()?;
            let page = gongpei_design::report::cold_html(scenario, &designs);
            Ok((to_json(&serde_json::json!({ "designs": designs })), page))
        },
    )
}

/// Weekly service frequency (`gongpei design frequency`): per lead-time target in
/// `max_wait_days` and mode, each village's visit pattern, the week's figures and the cost
/// against service-level curve; `townships` (township centre ids) keeps only their demand.
/// Returns the study as JSON and the HTML page (`run`'s HiGHS options are not used: no
/// location model).
#[pyfunction]
#[pyo3(signature = (scenario, run, *, max_wait_days = vec![1, 2, 3, 4], max_moves = None, handover_s_per_parcel = None, townships = vec![]))]
pub fn design_frequency(
    py: Python<'_>,
    scenario: &PyScenario,
    run: RunOptions,
    max_wait_days: Vec<i64>,
    max_moves: Option<usize>,
    handover_s_per_parcel: Option<f64>,
    townships: Vec<String>,
) -> PyResult<WithPage> {
    let run = run.check(py)?;
    let d = FrequencyParameters::default();
    let params = FrequencyParameters {
        max_wait_days,
        handover_s_per_parcel: handover_s_per_parcel.unwrap_or(d.handover_s_per_parcel),
        max_moves: max_moves.unwrap_or(d.max_moves),
    };
    params.validate().map_err(|e| design_error(py, e))?;
    let mut sliced = (*scenario.shared()).clone();
    gongpei_design::keep_township_demand(&mut sliced, &townships)
        .map_err(|e| design_error(py, e))?;
    run.watched(
        py,
        "design frequency",
        Arc::new(sliced),
        move |scenario, evaluation| {
            let study = gongpei_design::plan_frequency(scenario, &params, &evaluation)?;
            let page = gongpei_design::report::frequency_html(scenario, &study);
            Ok((to_json(&study), page))
        },
    )
}
