//! Scenario tables across the boundary: the tables of a scenario as JSON text (columns and
//! typed cells, which the Python package turns into pandas DataFrames), and tables handed in as
//! CSV text per table, so one reader (`gongpei_scenario::tables`) validates every input.

use gongpei_scenario::tables::{self, Cell, TablesError};
use gongpei_scenario::Scenario;
use serde_json::{json, Map, Value};

/// `{table: {"columns": [...], "rows": [[cell, ...], ...]}}` for every table of `scenario`;
/// numbers are JSON numbers in their shortest exact form, empty cells `null`.
pub fn tables_json(scenario: &Scenario) -> Result<String, TablesError> {
    let set = tables::to_tables(scenario)?;
    let mut out = Map::new();
    for table in &set.tables {
        let rows: Vec<Value> = table
            .rows
            .iter()
            .map(|r| Value::Array(r.cells.iter().map(cell_json).collect()))
            .collect();
        out.insert(
            table.name.clone(),
            json!({ "columns": table.header, "rows": rows }),
        );
    }
    Ok(Value::Object(out).to_string())
}

fn cell_json(cell: &Cell) -> Value {
    match cell {
        Cell::Empty => Value::Null,
        Cell::Text(t) => Value::String(t.clone()),
        Cell::Int(i) => Value::from(*i),
        Cell::Float(f) | Cell::Days(f) => serde_json::Number::from_f64(*f)
            .map(Value::Number)
            .unwrap_or(Value::Null),
        Cell::Bool(b) => Value::Bool(*b),
    }
}

/// Runs table work with the GIL released; a table error becomes `InvalidInputError` and a panic
/// (a bug) `InternalError`, so neither crosses into Python as a Rust panic.
pub fn guarded<T: Send>(
    py: pyo3::Python<'_>,
    work: impl FnOnce() -> Result<T, TablesError> + Send,
) -> pyo3::PyResult<T> {
    let outcome = py.detach(|| std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)));
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => Err(crate::errors::invalid_input(py, err.to_string())),
        Err(payload) => Err(crate::errors::from_panic(py, payload.as_ref())),
    }
}
