//! The comparison's outputs for Python: the routes GeoJSON and the report tables (as JSON text,
//! which `gongpei.scenario.Comparison` turns into a dict and pandas DataFrames), and writing
//! those tables as an `.xlsx` workbook with the same writer as the CLI.

use std::path::PathBuf;

use gongpei_coop::compare::Comparison;
use gongpei_coop::report::{routes_geojson, tables, write_xlsx, ReportModel, Table};
use gongpei_coop::world::World;
use gongpei_coop::CoopError;
use pyo3::prelude::*;

use crate::errors::invalid_input;

/// `{"routes_geojson": FeatureCollection, "tables": [{"name", "columns", "rows"}, ...]}` of a
/// comparison planned on `world`.
pub fn outputs_json(world: &World<'_>, comparison: &Comparison) -> Result<String, CoopError> {
    let model = ReportModel::build(world, comparison)?;
    let value = serde_json::json!({
        "routes_geojson": routes_geojson(&model),
        "tables": tables(&model),
    });
    Ok(value.to_string())
}

/// Writes report tables (the `tables` list of a comparison's outputs, as JSON text) to `path`
/// as one `.xlsx` workbook, one sheet per table.
#[pyfunction]
pub fn write_tables_xlsx(py: Python<'_>, tables_json: &str, path: PathBuf) -> PyResult<()> {
    let tables: Vec<Table> = serde_json::from_str(tables_json)
        .map_err(|e| invalid_input(py, format!("report tables: {e}")))?;
    py.detach(|| write_xlsx(&tables, &path))
        .map_err(|e| pyo3::exceptions::PyOSError::new_err(e.to_string()))
}
