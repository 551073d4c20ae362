//! Python bindings of gongpei, compiled into the extension module `gongpei._core`.
//!
//! Deliberately thin (see `docs/ARCHITECTURE.md`): this crate converts values at the boundary
//! ([`convert`], [`report`]), releases the GIL around engine work and turns Ctrl-C into
//! `KeyboardInterrupt` ([`interruptible`]), and maps errors and panics to the exception hierarchy of
//! `gongpei.errors` ([`errors`]). Everything ergonomic (the `Model` builder, plotting, pandas,
//! progress bars) lives in the pure-Python package under `python/gongpei/`.

pub mod comparison_outputs;
pub mod convert;
pub mod design;
pub mod errors;
pub mod instance;
pub mod interruptible;
pub mod planning_watch;
pub mod problem;
pub mod report;
pub mod scenario;
pub mod scenario_tables;
pub mod scenario_travel;
pub mod solve;
pub mod sweep;
pub mod testing;

use pyo3::prelude::*;

/// The `gongpei._core` extension module.
#[pymodule]
fn _core(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<problem::PyProblemData>()?;
    module.add_class::<scenario::PyScenario>()?;
    module.add_class::<instance::PyInstance>()?;
    module.add_function(wrap_pyfunction!(solve::solve, module)?)?;
    module.add_function(wrap_pyfunction!(solve::engine_threads, module)?)?;
    module.add_function(wrap_pyfunction!(design::design_site, module)?)?;
    module.add_function(wrap_pyfunction!(design::design_cover, module)?)?;
    module.add_function(wrap_pyfunction!(design::design_cold, module)?)?;
    module.add_function(wrap_pyfunction!(design::design_frequency, module)?)?;
    module.add_function(wrap_pyfunction!(
        comparison_outputs::write_tables_xlsx,
        module
    )?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_expand, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_variant_hash, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_variant_json, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_run, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_failed_line, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_table_row, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_game_setup, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_coalition_costs, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_allocate_table, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_spec_game, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_game_progress, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_game_line, module)?)?;
    module.add_function(wrap_pyfunction!(sweep::sweep_game_write, module)?)?;
    module.add_function(wrap_pyfunction!(testing::_panic_in_worker, module)?)?;
    module.add_function(wrap_pyfunction!(testing::_sleep_in_worker, module)?)?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    // The engine's largest matrix size, so Python refuses bigger inputs before building n^2.
    module.add("MAX_MATRIX_LOCATIONS", gongpei_core::Matrix::MAX_SIZE)?;
    Ok(())
}
