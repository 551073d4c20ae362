//! Best-known solution values from the `bks.csv` that sits beside benchmark instances.
//!
//! The first two columns are `instance,bks`. For the distance-only convention of Solomon-format
//! files ([`crate::Rounding::TruncatedOneDecimal`]), a column whose name starts with
//! `bks_dist_only` holds the matching value and is preferred (other formats read with that
//! rounding, such as PCVRPTW `.vrp` files, have a single convention, so `bks` is theirs).

use crate::instance::Rounding;
use crate::text::{real, Text};
use crate::{Format, Instance, IoError};
use std::path::Path;

/// The best-known value (in the file's cost unit) of the instance read from `instance_path`, or
/// `None` when there is no `bks.csv` beside it or it does not list the instance.
pub fn read_bks(instance_path: &Path, instance: &Instance) -> Result<Option<f64>, IoError> {
    let Some(dir) = instance_path.parent() else {
        return Ok(None);
    };
    let csv_path = dir.join("bks.csv");
    if !csv_path.is_file() {
        return Ok(None);
    }
    let text = Text::read(&csv_path)?;
    let stem = instance_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let distance_only =
        instance.format == Format::Solomon && instance.rounding == Rounding::TruncatedOneDecimal;
    lookup(
        &text,
        &[stem.as_str(), instance.name.as_str()],
        distance_only,
    )
}

/// The optimal or best-known value of a file without an [`Instance`] (e.g. an OR-Library p-median
/// file), looked up by file stem in the `bks.csv` beside it; `None` when absent.
pub fn read_bks_of_file(path: &Path) -> Result<Option<f64>, IoError> {
    let Some(dir) = path.parent() else {
        return Ok(None);
    };
    let csv_path = dir.join("bks.csv");
    if !csv_path.is_file() {
        return Ok(None);
    }
    let text = Text::read(&csv_path)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    lookup(&text, &[stem.as_str()], false)
}

fn lookup(text: &Text, names: &[&str], distance_only: bool) -> Result<Option<f64>, IoError> {
    let Some(header) = text.lines.first() else {
        return Ok(None);
    };
    let columns: Vec<&str> = header.split(',').map(str::trim).collect();
    if columns.first() != Some(&"instance") {
        return Err(text.err(0, "bks.csv must start with an `instance` column"));
    }
    let plain = columns.iter().position(|c| *c == "bks");
    let dist_only = columns.iter().position(|c| c.starts_with("bks_dist_only"));
    let column = match (distance_only, dist_only) {
        (true, Some(k)) => k,
        _ => plain.ok_or_else(|| text.err(0, "bks.csv has no `bks` column"))?,
    };
    for (i, line) in text.lines.iter().enumerate().skip(1) {
        let cells: Vec<&str> = line.split(',').map(str::trim).collect();
        if cells.first().is_some_and(|n| names.contains(n)) {
            return match cells.get(column) {
                Some(v) if !v.is_empty() => Ok(Some(real(text, i, v, columns[column])?)),
                _ => Ok(None),
            };
        }
    }
    Ok(None)
}
