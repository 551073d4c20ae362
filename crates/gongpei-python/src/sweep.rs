//! `gongpei._core.sweep_*`: the sweep functions of `gongpei_coop::sweep` for `gongpei.sweep`
//! (spec expansion, one variant's run as a checkpoint line, the hash and parameters of a
//! variant, and the allocation game's setup, coalition batches and table). Variants, setups and
//! lines cross as JSON text; the runs release the GIL and stop on Ctrl-C.

use std::path::PathBuf;
use std::sync::Arc;

use gongpei_coop::game::{allocate_table, GameSetup};
use gongpei_coop::sweep::{
    coalition_costs, game_setup, load_base_text, run_entry, Entry, Row, Spec, Variant,
};
use gongpei_coop::{CoopError, PlanControl};
use gongpei_scenario::Scenario;
use pyo3::prelude::*;

use crate::errors::invalid_input;
use crate::planning_watch::PlanningWatch;
use crate::scenario::coop_error;

fn variant_of(py: Python<'_>, json: &str) -> PyResult<Variant> {
    Variant::from_json(json).map_err(|e| coop_error(py, e))
}

fn setup_of(py: Python<'_>, json: &str) -> PyResult<GameSetup> {
    serde_json::from_str(json).map_err(|e| invalid_input(py, format!("game setup JSON: {e}")))
}

/// The variant's base scenario from shipped JSON text, when given.
fn shipped(variant: &Variant, base_json: Option<&str>) -> Result<Option<Arc<Scenario>>, CoopError> {
    base_json
        .map(|text| load_base_text(&variant.base, text))
        .transpose()
}

/// Runs sweep work with the GIL released, stopped by Ctrl-C, its error mapped.
fn watched<T: Send>(
    py: Python<'_>,
    what: &str,
    work: impl FnOnce(Arc<PlanControl>) -> Result<T, CoopError> + Send,
) -> PyResult<T> {
    let watch = PlanningWatch::new(py, None, None, 0.2)?;
    watch
        .run(py, what, "lower `iterations`", work)?
        .map_err(|e| coop_error(py, e))
}

/// Expands a TOML sweep spec into its variants (JSON text each), after checking every change
/// against the base scenario (errors name the spec key). `origin` names the spec in errors and
/// `folder` resolves a relative base file.
///
/// ```python
/// >>> from gongpei import _core
/// >>> spec = '[base]\npreset = "small"\n[grid]\nseed = [1, 2]\n'
/// >>> [v[:9] for v in _core.sweep_expand(spec, "spec.toml", ".")]
/// ['{"id":"v0', '{"id":"v0']
///
/// ```
#[pyfunction]
pub fn sweep_expand(
    py: Python<'_>,
    text: &str,
    origin: &str,
    folder: PathBuf,
) -> PyResult<Vec<String>> {
    let spec = Spec::from_toml(text, origin, &folder).map_err(|e| coop_error(py, e))?;
    let spec = watched(py, "sweep spec check", move |_control| {
        let base = gongpei_coop::sweep::load_base(&spec.base)?;
        spec.check_against(&base)?;
        Ok(spec)
    })?;
    Ok(spec.variants.iter().map(Variant::to_json).collect())
}

/// The hash of a variant's definition (16 hex digits; the checkpoint's key with the id).
///
/// ```python
/// >>> from gongpei import _core
/// >>> len(_core.sweep_variant_hash('{"id": "a", "base": {"preset": "small", "seed": 1}, "seed": 1}'))
/// 16
///
/// ```
#[pyfunction]
pub fn sweep_variant_hash(py: Python<'_>, variant: &str) -> PyResult<String> {
    Ok(variant_of(py, variant)?.hash())
}

/// The variant in its canonical JSON form (checked: unknown fields and a base naming neither or
/// both of preset and file are errors).
///
/// ```python
/// >>> from gongpei import _core
/// >>> _core.sweep_variant_json('{"seed": 2, "id": "a", "base": {"preset": "small"}}')
/// '{"id":"a","base":{"preset":"small"},"seed":2,"changes":{}}'
///
/// ```
#[pyfunction]
pub fn sweep_variant_json(py: Python<'_>, variant: &str) -> PyResult<String> {
    Ok(variant_of(py, variant)?.to_json())
}

/// Runs one variant on `threads` threads and returns its checkpoint line (JSON text): the row
/// of parameters and KPIs, or the error as a failed line. `base_json` is the base scenario's
/// text when the worker cannot read the base file itself. Ctrl-C raises `KeyboardInterrupt`.
///
/// ```python
/// >>> import json
/// >>> from gongpei import _core
/// >>> v = '{"id": "a", "base": {"preset": "small", "seed": 1}, "seed": 1, "changes": {"iterations": 0, "allocate": "none", "modes": ["postal_express"]}}'
/// >>> line = json.loads(_core.sweep_run(v))
/// >>> line["status"], line["row"]["postal_express.feasible"]
/// ('ok', True)
///
/// ```
#[pyfunction]
#[pyo3(signature = (variant, threads = 1, base_json = None))]
pub fn sweep_run(
    py: Python<'_>,
    variant: &str,
    threads: usize,
    base_json: Option<String>,
) -> PyResult<String> {
    let variant = variant_of(py, variant)?;
    watched(py, "sweep variant", move |control| {
        let base = shipped(&variant, base_json.as_deref())?;
        run_entry(&variant, threads, base.as_deref(), Some(control)).map(|e| e.to_line())
    })
}

/// The checkpoint line of a variant that could not be run (its worker died `attempts` times).
///
/// ```python
/// >>> import json
/// >>> from gongpei import _core
/// >>> v = '{"id": "a", "base": {"preset": "small", "seed": 1}, "seed": 1}'
/// >>> json.loads(_core.sweep_failed_line(v, "worker died", 3, 0.5))["status"]
/// 'failed'
///
/// ```
#[pyfunction]
pub fn sweep_failed_line(
    py: Python<'_>,
    variant: &str,
    error: &str,
    attempts: u32,
    seconds: f64,
) -> PyResult<String> {
    let variant = variant_of(py, variant)?;
    Ok(Entry::failed(&variant, error, attempts, seconds).to_line())
}

/// The results-table row of a checkpoint line (JSON object text: id, status, error, seconds,
/// attempts, the parameters, then the KPIs), the same as a row of `results.csv`.
///
/// ```python
/// >>> import json
/// >>> from gongpei import _core
/// >>> v = '{"id": "a", "base": {"preset": "small", "seed": 1}, "seed": 1, "changes": {"bus_fee": 0.5}}'
/// >>> list(json.loads(_core.sweep_table_row(_core.sweep_failed_line(v, "x", 1, 0.0))))
/// ['id', 'status', 'error', 'seconds', 'attempts', 'base', 'seed', 'bus_fee']
///
/// ```
#[pyfunction]
pub fn sweep_table_row(py: Python<'_>, line: &str) -> PyResult<String> {
    let entry: Entry = serde_json::from_str(line)
        .map_err(|e| invalid_input(py, format!("not a sweep checkpoint line: {e}")))?;
    let row: Row = entry.table_row();
    Ok(serde_json::to_string(&row).expect("a row is plain data and always serialises"))
}

/// Plans what the coalition costs of the variant's allocation game need (`separate` and the
/// `allocate` mode for all carriers) and returns the game's setup as JSON text.
///
/// ```python
/// >>> import json
/// >>> from gongpei import _core
/// >>> v = '{"id": "g", "base": {"preset": "small", "seed": 1}, "seed": 1, "changes": {"iterations": 0, "allocate": "postal_express"}}'
/// >>> len(json.loads(_core.sweep_game_setup(v))["carriers"]) > 1
/// True
///
/// ```
#[pyfunction]
#[pyo3(signature = (variant, threads = 1, base_json = None))]
pub fn sweep_game_setup(
    py: Python<'_>,
    variant: &str,
    threads: usize,
    base_json: Option<String>,
) -> PyResult<String> {
    let variant = variant_of(py, variant)?;
    watched(py, "game setup", move |_control| {
        let base = shipped(&variant, base_json.as_deref())?;
        game_setup(&variant, threads, base.as_deref())
            .map(|s| serde_json::to_string(&s).expect("a setup is plain data"))
    })
}

/// c(S) of each coalition bitmask in `masks` under the game `setup` (from
/// `sweep_game_setup`): a list of `(mask, cost)`.
///
/// ```python
/// >>> import json
/// >>> from gongpei import _core
/// >>> v = '{"id": "g", "base": {"preset": "small", "seed": 1}, "seed": 1, "changes": {"iterations": 0, "allocate": "postal_express"}}'
/// >>> setup = _core.sweep_game_setup(v)
/// >>> [(m, round(c, 1) > 0) for m, c in _core.sweep_coalition_costs(v, setup, [1, 2])]
/// [(1, True), (2, True)]
///
/// ```
#[pyfunction]
#[pyo3(signature = (variant, setup, masks, threads = 1, base_json = None))]
pub fn sweep_coalition_costs(
    py: Python<'_>,
    variant: &str,
    setup: &str,
    masks: Vec<u64>,
    threads: usize,
    base_json: Option<String>,
) -> PyResult<Vec<(u64, f64)>> {
    let variant = variant_of(py, variant)?;
    let setup = setup_of(py, setup)?;
    watched(py, "coalition costs", move |_control| {
        let base = shipped(&variant, base_json.as_deref())?;
        coalition_costs(&variant, &setup, &masks, threads, base.as_deref())
    })
}

/// The allocation (every rule with its core check, as in a comparison's `allocation`) of the
/// game `setup` from its full table of `(mask, cost)` pairs, as JSON text.
///
/// ```python
/// >>> import json
/// >>> from gongpei import _core
/// >>> setup = json.dumps({"mode": "postal_express", "carriers": ["a", "b"], "separate": [10.0, 10.0],
/// ...     "grand_cost": 16.0, "calibration": 1.0, "volumes": [1.0, 1.0], "county_subsidy": 0.0,
/// ...     "coalition_seed": 1, "coalition_iterations": 0, "coalition_clients_per_step": 0,
/// ...     "coalition_strategy": "ils", "permutations": 10, "seed": 1})
/// >>> json.loads(_core.sweep_allocate_table(setup, [(1, 10.0), (2, 10.0), (3, 16.0)]))["rules"][0][0]["shares"]
/// [8.0, 8.0]
///
/// ```
#[pyfunction]
pub fn sweep_allocate_table(
    py: Python<'_>,
    setup: &str,
    table: Vec<(u64, f64)>,
) -> PyResult<String> {
    let setup = setup_of(py, setup)?;
    let result = crate::errors::catch_panic(py, || {
        allocate_table(&setup, &table).map_err(|e| coop_error(py, e))
    })?;
    Ok(serde_json::to_string(&result).expect("an allocation is plain data"))
}
