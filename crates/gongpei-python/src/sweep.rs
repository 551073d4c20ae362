//! `gongpei._core.sweep_*`: the sweep functions of `gongpei_coop::sweep` for `gongpei.sweep`
//! (spec expansion, one variant's run with its design questions (`gongpei_design::sweep`) as a
//! checkpoint line, the hash and parameters of a
//! variant, and the allocation game's setup, coalition batches, checkpoint lines, table and
//! files). Variants, setups and lines cross as JSON text; the runs release the GIL and stop on
//! Ctrl-C.

use std::path::PathBuf;
use std::sync::Arc;

use gongpei_coop::game::{allocate_table, GameSetup};
use gongpei_coop::sweep::{
    coalition_costs, game_setup, game_summary, load_base_text, read_game_progress,
    write_game_files, CoalitionCost, Entry, GameLine, Row, Spec, Variant,
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

/// The prelude of every task on one variant: the variant read from its JSON, then `work` run
/// [`watched`] with its base scenario from the shipped JSON text `base_json` (when given) and
/// the stop control.
fn on_variant<T: Send>(
    py: Python<'_>,
    variant: &str,
    base_json: Option<String>,
    what: &str,
    work: impl FnOnce(&Variant, Option<&Scenario>, Arc<PlanControl>) -> Result<T, CoopError> + Send,
) -> PyResult<T> {
    let variant = variant_of(py, variant)?;
    watched(py, what, move |control| {
        let base = base_json
            .map(|text| load_base_text(&variant.base, &text))
            .transpose()?;
        work(&variant, base.as_deref(), control)
    })
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
        gongpei_design::sweep::check_spec(&spec, &base)?;
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
/// of parameters and KPIs (with the `design_QUESTION.…` columns of the design questions its
/// `design` change lists), or the error as a failed line. `base_json` is the base scenario's
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
    on_variant(
        py,
        variant,
        base_json,
        "sweep variant",
        |variant, base, control| {
            gongpei_design::sweep::run_design_entry(variant, threads, base, Some(control))
                .map(|e| e.to_line())
        },
    )
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
    on_variant(
        py,
        variant,
        base_json,
        "game setup",
        |variant, base, control| {
            game_setup(variant, threads, base, Some(control))
                .map(|s| serde_json::to_string(&s).expect("a setup is plain data"))
        },
    )
}

/// c(S) of each coalition bitmask in `masks` under the game `setup` (from
/// `sweep_game_setup`): a list of `(mask, cost, seconds)`, seconds being the wall time of that
/// coalition's plan.
///
/// ```python
/// >>> import json
/// >>> from gongpei import _core
/// >>> v = '{"id": "g", "base": {"preset": "small", "seed": 1}, "seed": 1, "changes": {"iterations": 0, "allocate": "postal_express"}}'
/// >>> setup = _core.sweep_game_setup(v)
/// >>> [(m, round(c, 1) > 0, t >= 0) for m, c, t in _core.sweep_coalition_costs(v, setup, [1, 2])]
/// [(1, True, True), (2, True, True)]
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
) -> PyResult<Vec<(u64, f64, f64)>> {
    let setup = setup_of(py, setup)?;
    let costs = on_variant(
        py,
        variant,
        base_json,
        "coalition costs",
        |variant, base, control| {
            coalition_costs(variant, &setup, &masks, threads, base, Some(control))
        },
    )?;
    Ok(costs.iter().map(|c| (c.mask, c.cost, c.seconds)).collect())
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

fn timed(costs: Vec<(u64, f64, f64)>) -> Vec<CoalitionCost> {
    costs
        .into_iter()
        .map(|(mask, cost, seconds)| CoalitionCost {
            mask,
            cost,
            seconds,
        })
        .collect()
}

/// The `[game]` table of a TOML sweep spec, when it has one: the JSON of the variant whose
/// coalition game it asks for and the coalitions per task. `origin` names the spec in errors
/// and `folder` resolves a relative base file.
///
/// ```python
/// >>> from gongpei import _core
/// >>> spec = '[base]\npreset = "small"\n[grid]\nseed = [1, 2]\n[game]\nvariant = "v001"\nbatch = 4\n'
/// >>> variant, batch = _core.sweep_spec_game(spec, "spec.toml", ".")
/// >>> variant[:12], batch
/// ('{"id":"v001"', 4)
/// >>> _core.sweep_spec_game('[base]\npreset = "small"\n', "spec.toml", ".") is None
/// True
///
/// ```
#[pyfunction]
pub fn sweep_spec_game(
    py: Python<'_>,
    text: &str,
    origin: &str,
    folder: PathBuf,
) -> PyResult<Option<(String, usize)>> {
    let spec = Spec::from_toml(text, origin, &folder).map_err(|e| coop_error(py, e))?;
    Ok(match (&spec.game, spec.game_variant()) {
        (Some(game), Some(variant)) => Some((variant.to_json(), game.batch)),
        _ => None,
    })
}

/// A coalition's `(mask, cost, seconds)` as Python sees it.
type TimedCost = (u64, f64, f64);

/// `sweep_game_progress`'s answer: the setup (JSON, seconds) if planned, and the costs so far.
type GameProgressTuple = (Option<(String, f64)>, Vec<TimedCost>);

/// What the game checkpoint (JSON Lines) at `path` holds for `variant`, as `gongpei sweep`
/// reads it: `(setup, costs)`, `setup` being `(setup JSON, seconds)` or None when not planned
/// yet, `costs` the `(mask, cost, seconds)` of every coalition planned so far. Lines of another
/// definition are ignored; a missing file holds nothing.
///
/// ```python
/// >>> import pathlib, tempfile
/// >>> from gongpei import _core
/// >>> v = '{"id": "g", "base": {"preset": "small", "seed": 1}, "seed": 1}'
/// >>> path = pathlib.Path(tempfile.mkdtemp()) / "game.jsonl"
/// >>> _ = path.write_text(_core.sweep_game_line(v, costs=[(3, 12.5, 0.25)]) + "\n")
/// >>> _core.sweep_game_progress(path, v)
/// (None, [(3, 12.5, 0.25)])
///
/// ```
#[pyfunction]
pub fn sweep_game_progress(
    py: Python<'_>,
    path: PathBuf,
    variant: &str,
) -> PyResult<GameProgressTuple> {
    let variant = variant_of(py, variant)?;
    let progress = read_game_progress(&path, &variant).map_err(|e| coop_error(py, e))?;
    let setup = progress.setup.map(|(s, seconds)| {
        (
            serde_json::to_string(&s).expect("a setup is plain data"),
            seconds,
        )
    });
    let costs = progress
        .costs
        .values()
        .map(|c| (c.mask, c.cost, c.seconds))
        .collect();
    Ok((setup, costs))
}

/// One line of the game checkpoint (JSON text, no newline): the planned `setup` (JSON, with the
/// `setup_seconds` it took) or, without a setup, a finished batch of `costs` (`(mask, cost,
/// seconds)`).
///
/// ```python
/// >>> import json
/// >>> from gongpei import _core
/// >>> v = '{"id": "g", "base": {"preset": "small", "seed": 1}, "seed": 1}'
/// >>> json.loads(_core.sweep_game_line(v, costs=[(1, 2.0, 0.1)]))["kind"]
/// 'coalitions'
///
/// ```
#[pyfunction]
#[pyo3(signature = (variant, setup = None, setup_seconds = 0.0, costs = None))]
pub fn sweep_game_line(
    py: Python<'_>,
    variant: &str,
    setup: Option<&str>,
    setup_seconds: f64,
    costs: Option<Vec<(u64, f64, f64)>>,
) -> PyResult<String> {
    let variant = variant_of(py, variant)?;
    let line = match (setup, costs) {
        (Some(setup), None) => GameLine::setup(&variant, &setup_of(py, setup)?, setup_seconds),
        (None, Some(costs)) => GameLine::coalitions(&variant, timed(costs)),
        _ => return Err(invalid_input(py, "give either setup or costs")),
    };
    Ok(line.to_line())
}

/// Applies every allocation rule to the finished game (`setup` JSON, `costs` of every
/// coalition as `(mask, cost, seconds)`) and writes `game.csv`, `allocation.csv` and
/// `game.json` into the folder `out`, as `gongpei sweep` does for a `[game]` spec; returns the
/// short table it prints.
///
/// ```python
/// >>> import json, tempfile, pathlib
/// >>> from gongpei import _core
/// >>> v = '{"id": "g", "base": {"preset": "small", "seed": 1}, "seed": 1}'
/// >>> setup = json.dumps({"mode": "postal_express", "carriers": ["a", "b"], "separate": [10.0, 10.0],
/// ...     "grand_cost": 16.0, "calibration": 1.0, "volumes": [1.0, 1.0], "county_subsidy": 0.0,
/// ...     "coalition_seed": 1, "coalition_iterations": 0, "coalition_clients_per_step": 0,
/// ...     "coalition_strategy": "ils", "permutations": 10, "seed": 1})
/// >>> out = pathlib.Path(tempfile.mkdtemp())
/// >>> table = _core.sweep_game_write(out, v, setup, 0.5, [(1, 10.0, 0.1), (2, 10.0, 0.1), (3, 16.0, 0.2)])
/// >>> table.splitlines()[0]
/// 'postal_express game of variant g: 2 carriers, 3 coalitions'
/// >>> sorted(p.name for p in out.iterdir())
/// ['allocation.csv', 'game.csv', 'game.json']
///
/// ```
#[pyfunction]
pub fn sweep_game_write(
    py: Python<'_>,
    out: PathBuf,
    variant: &str,
    setup: &str,
    setup_seconds: f64,
    costs: Vec<(u64, f64, f64)>,
) -> PyResult<String> {
    let variant = variant_of(py, variant)?;
    let setup = setup_of(py, setup)?;
    let costs = timed(costs);
    let allocation = crate::errors::catch_panic(py, || {
        write_game_files(&out, &variant, &setup, setup_seconds, &costs)
            .map_err(|e| coop_error(py, e))
    })?;
    Ok(game_summary(&variant, &allocation))
}
