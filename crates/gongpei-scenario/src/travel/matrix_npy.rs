//! Matrices as `.npy` arrays: a square distance array (metres) and a square duration array
//! (seconds), float or integer, C or Fortran order, with a text file listing the site id of
//! each row and column (one per line). Errors name the file and the line, shape or entry.

use std::collections::HashMap;
use std::path::Path;

use npyz::{NpyFile, Order};

use super::external::{check_value, matrix_error, Entries};
use crate::error::ScenarioError;

/// Reads the id file: one known, unique site id per line (blank lines at the end ignored).
fn read_ids(path: &Path, known: &HashMap<&str, usize>) -> Result<Vec<String>, ScenarioError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ScenarioError::Io {
        file: file.clone(),
        source,
    })?;
    let lines: Vec<&str> = text.trim_end().lines().collect();
    let mut ids = Vec::with_capacity(lines.len());
    for (k, raw) in lines.iter().enumerate() {
        let id = raw.trim().trim_start_matches('\u{feff}');
        let line = k as u64 + 1;
        let fail = |message: String| ScenarioError::Csv {
            origin: file.clone(),
            line,
            message,
        };
        if id.is_empty() {
            return Err(fail("empty line; one site id per line".into()));
        }
        if !known.contains_key(id) {
            return Err(fail(format!("unknown site id {id:?}")));
        }
        if let Some(first) = ids.iter().position(|x: &String| x == id) {
            return Err(fail(format!(
                "site id {id:?} is already on line {}",
                first + 1
            )));
        }
        ids.push(id.to_string());
    }
    if ids.is_empty() {
        return Err(matrix_error(&file, "no site id".into()));
    }
    Ok(ids)
}

/// Reads one square array of side `n` as row-major `f64`s.
fn read_array(path: &Path, n: usize, ids_file: &str) -> Result<Vec<f64>, ScenarioError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ScenarioError::Io {
        file: file.clone(),
        source,
    })?;
    let bad = |message: String| matrix_error(&file, message);
    let npy = NpyFile::new(&bytes[..]).map_err(|e| bad(format!("not a .npy file: {e}")))?;
    let shape = npy.shape().to_vec();
    if shape != [n as u64, n as u64] {
        return Err(bad(format!(
            "shape {shape:?} does not match the {n} site ids of {ids_file} (expected [{n}, {n}])"
        )));
    }
    let order = npy.order();
    let dtype = npy.dtype();
    let values: Vec<f64> = match npy.try_data::<f64>() {
        Ok(r) => r.collect::<Result<_, _>>(),
        Err(npy) => match npy.try_data::<f32>() {
            Ok(r) => r.map(|v| v.map(f64::from)).collect(),
            Err(npy) => match npy.try_data::<i64>() {
                Ok(r) => r.map(|v| v.map(|x| x as f64)).collect(),
                Err(npy) => match npy.try_data::<i32>() {
                    Ok(r) => r.map(|v| v.map(f64::from)).collect(),
                    Err(_) => {
                        return Err(bad(format!(
                            "element type {dtype:?} is not a float or integer number"
                        )))
                    }
                },
            },
        },
    }
    .map_err(|e| bad(format!("cannot read the data: {e}")))?;
    Ok(match order {
        Order::C => values,
        // Column-major: entry (i, j) is at j * n + i.
        Order::Fortran => (0..n * n).map(|k| values[(k % n) * n + k / n]).collect(),
    })
}

/// Reads the two arrays and the ids, checking shapes and values.
pub(crate) fn read(
    distance: &Path,
    duration: &Path,
    ids: &Path,
    known: &HashMap<&str, usize>,
) -> Result<Entries, ScenarioError> {
    let ids_file = ids.display().to_string();
    let ids = read_ids(ids, known)?;
    let n = ids.len();
    let mut arrays = Vec::with_capacity(2);
    for (path, what) in [(distance, "distance_m"), (duration, "duration_s")] {
        let values = read_array(path, n, &ids_file)?;
        let file = path.display().to_string();
        for (k, &v) in values.iter().enumerate() {
            let place = format!(
                "entry [{}, {}] ({} -> {})",
                k / n,
                k % n,
                ids[k / n],
                ids[k % n]
            );
            check_value(what, v).map_err(|m| matrix_error(&file, format!("{place}: {m}")))?;
        }
        arrays.push(values.into_iter().map(Some).collect::<Vec<_>>());
    }
    let duration = arrays.pop().expect("two arrays");
    let distance = arrays.pop().expect("two arrays");
    Ok(Entries {
        ids,
        distance,
        duration,
    })
}
