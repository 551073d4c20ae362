//! Running one variant: its base scenario (generated or read, the last one kept per process so
//! that a worker running many variants of one base builds it once), its changes, the comparison
//! on a pool of `threads` threads, and the flat row. The same function serves the CLI's local
//! runner, the Python workers and the Ray tasks.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::Scenario;

use super::changes::{apply_changes, run_settings};
use super::checkpoint::Entry;
use super::row::comparison_row;
use super::{Base, Row, Variant};
use crate::compare::compare_with;
use crate::planner::{PlanControl, Planner};
use crate::world::World;
use crate::CoopError;

/// The last base scenario loaded in this process.
static LAST_BASE: Mutex<Option<(Base, Arc<Scenario>)>> = Mutex::new(None);

/// The scenario `base` names: a preset generated with its seed, or the file read (and
/// validated). The last one is kept for the next call with the same base.
pub fn load_base(base: &Base) -> Result<Arc<Scenario>, CoopError> {
    base.check("base")?;
    if let Ok(last) = LAST_BASE.lock() {
        if let Some((_, s)) = last.as_ref().filter(|(b, _)| b == base) {
            return Ok(Arc::clone(s));
        }
    }
    let scenario = match (&base.preset, &base.file) {
        (Some(name), _) => {
            let preset: Preset = name
                .parse()
                .map_err(|e| CoopError::Input(format!("base.preset: {e}")))?;
            generate(preset, base.seed.unwrap_or(1))?
        }
        (None, Some(path)) => gongpei_scenario::from_json_file(path)?,
        (None, None) => unreachable!("checked above"),
    };
    let scenario = Arc::new(scenario);
    if let Ok(mut last) = LAST_BASE.lock() {
        *last = Some((base.clone(), Arc::clone(&scenario)));
    }
    Ok(scenario)
}

/// The scenario `base` names, from its JSON `text` shipped by the caller (a Ray driver sends a
/// base file's text to workers that do not have the file); kept like [`load_base`]'s.
pub fn load_base_text(base: &Base, text: &str) -> Result<Arc<Scenario>, CoopError> {
    if let Ok(last) = LAST_BASE.lock() {
        if let Some((_, s)) = last.as_ref().filter(|(b, _)| b == base) {
            return Ok(Arc::clone(s));
        }
    }
    let origin = base.label();
    let scenario = Arc::new(gongpei_scenario::from_json_str(text, &origin)?);
    if let Ok(mut last) = LAST_BASE.lock() {
        *last = Some((base.clone(), Arc::clone(&scenario)));
    }
    Ok(scenario)
}

/// The scenario of `variant`: its base (or `base`, when the caller has it, e.g. shipped by the
/// Ray driver) with the changes applied and the result validated.
pub fn variant_scenario(variant: &Variant, base: Option<&Scenario>) -> Result<Scenario, CoopError> {
    let mut scenario = match base {
        Some(s) => s.clone(),
        None => (*load_base(&variant.base)?).clone(),
    };
    apply_changes(&mut scenario, variant)?;
    gongpei_scenario::validate(&scenario).map_err(|problems| {
        CoopError::Input(format!(
            "variant {}: the changed scenario is invalid: {}",
            variant.id,
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        ))
    })?;
    Ok(scenario)
}

/// Runs `f` on a pool of `threads` threads (the planner's parallel sub-problems use it). The
/// result does not depend on the thread count: each sub-problem is solved on its own. Public for
/// the work a sweep variant adds to its comparison (gongpei-design's questions), so that it
/// keeps to the variant's threads too.
pub fn on_threads<T: Send>(
    threads: usize,
    f: impl FnOnce() -> Result<T, CoopError> + Send,
) -> Result<T, CoopError> {
    if threads == 0 {
        return Err(CoopError::Input("threads must be at least 1".into()));
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CoopError::Input(format!("cannot start {threads} threads: {e}")))?
        .install(f)
}

/// Runs one variant (its comparison with the allocation it asks for) on `threads` threads and
/// returns its row: the parameters, then every KPI (see [`super::row`]). `control` lets another
/// thread stop it; `base` replaces loading the variant's base.
pub fn run_variant(
    variant: &Variant,
    threads: usize,
    base: Option<&Scenario>,
    control: Option<Arc<PlanControl>>,
) -> Result<Row, CoopError> {
    let scenario = variant_scenario(variant, base)?;
    let settings = run_settings(variant)?;
    let kpis = on_threads(threads, || {
        let world = World::new(&scenario)?;
        let planner = match control {
            Some(c) => Planner::with_control(&world, c),
            None => Planner::new(&world),
        };
        let comparison = compare_with(&planner, &settings.options)?;
        Ok(comparison_row(&comparison, settings.rules.as_deref()))
    })?;
    let mut row = Row(variant.params());
    row.0.extend(kpis.0);
    Ok(row)
}

/// [`run_variant`] as a checkpoint entry: a finished row, or the error as a failed entry
/// (`attempts` = 1), with the wall time. A stop requested through `control` is the one error
/// returned as such ([`CoopError::Cancelled`]): an interrupted variant is not an outcome.
pub fn run_entry(
    variant: &Variant,
    threads: usize,
    base: Option<&Scenario>,
    control: Option<Arc<PlanControl>>,
) -> Result<Entry, CoopError> {
    let started = Instant::now();
    let outcome = run_variant(variant, threads, base, control);
    let seconds = started.elapsed().as_secs_f64();
    match outcome {
        Ok(row) => Ok(Entry::finished(variant, row, seconds)),
        Err(CoopError::Cancelled) => Err(CoopError::Cancelled),
        Err(e) => Ok(Entry::failed(variant, &e.to_string(), 1, seconds)),
    }
}
