//! Long-format matrix CSV: a header with `from,to,distance_m,duration_s` (any order, other
//! columns ignored) and one row per ordered pair of site ids. Errors name the file, line and
//! column.

use std::collections::HashMap;
use std::path::Path;

use super::external::{check_value, Entries};
use crate::error::ScenarioError;

const COLUMNS: [&str; 4] = ["from", "to", "distance_m", "duration_s"];

fn csv_error(file: &str, line: u64, message: String) -> ScenarioError {
    ScenarioError::Csv {
        origin: file.to_string(),
        line,
        message,
    }
}

/// Reads the CSV; ids must be sites of the scenario (`known`). Returns the entries over the
/// ids in order of first appearance.
pub(crate) fn read(path: &Path, known: &HashMap<&str, usize>) -> Result<Entries, ScenarioError> {
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| ScenarioError::Matrix {
            file: file.clone(),
            message: e.to_string(),
        })?;
    let header = reader
        .headers()
        .map_err(|e| csv_error(&file, 1, e.to_string()))?
        .clone();
    let mut col = [0usize; 4];
    for (k, name) in COLUMNS.iter().enumerate() {
        col[k] = header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                csv_error(
                    &file,
                    1,
                    format!(
                        "missing column {name:?}; the header must have {} (found {})",
                        COLUMNS.join(","),
                        header.iter().collect::<Vec<_>>().join(",")
                    ),
                )
            })?;
    }
    let mut ids: Vec<String> = Vec::new();
    let mut position: HashMap<String, usize> = HashMap::new();
    // (from, to) -> (line, distance, duration)
    let mut values: HashMap<(usize, usize), (u64, f64, f64)> = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            csv_error(&file, line, e.to_string())
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let mut ends = [0usize; 2];
        for (k, end) in ends.iter_mut().enumerate() {
            let id = &record[col[k]];
            if !known.contains_key(id) {
                return Err(csv_error(
                    &file,
                    line,
                    format!(
                        "column {} ({}): unknown site id {id:?}",
                        col[k] + 1,
                        COLUMNS[k]
                    ),
                ));
            }
            *end = *position.entry(id.to_string()).or_insert_with(|| {
                ids.push(id.to_string());
                ids.len() - 1
            });
        }
        let number = |k: usize| -> Result<f64, ScenarioError> {
            let text = &record[col[k]];
            let value = text.parse::<f64>().map_err(|_| {
                csv_error(
                    &file,
                    line,
                    format!(
                        "column {} ({}): {text:?} is not a number",
                        col[k] + 1,
                        COLUMNS[k]
                    ),
                )
            })?;
            check_value(COLUMNS[k], value).map_err(|message| {
                csv_error(
                    &file,
                    line,
                    format!("column {} ({}): {message}", col[k] + 1, COLUMNS[k]),
                )
            })
        };
        let (d, t) = (number(2)?, number(3)?);
        if let Some((first, _, _)) = values.insert((ends[0], ends[1]), (line, d, t)) {
            return Err(csv_error(
                &file,
                line,
                format!(
                    "pair ({}, {}) is already given on line {first}",
                    &record[col[0]], &record[col[1]]
                ),
            ));
        }
    }
    let n = ids.len();
    let (mut distance, mut duration) = (vec![None; n * n], vec![None; n * n]);
    for ((i, j), (_, d, t)) in values {
        distance[i * n + j] = Some(d);
        duration[i * n + j] = Some(t);
    }
    Ok(Entries {
        ids,
        distance,
        duration,
    })
}
