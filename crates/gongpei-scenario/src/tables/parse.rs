//! Table-level reading: headers checked against the spec (unknown, missing, duplicate columns
//! named with the closest valid name), every cell parsed by its column's kind, empty required
//! cells and half-filled groups reported. Every problem is collected, none stops the reading.

use std::collections::HashMap;

use serde_json::Value;

use super::cell::{self, Cell};
use super::error::{did_you_mean, Origin, Place, TableProblem};
use super::raw::RawTable;
use super::spec::{Column, Need, Shape, TableSpec, KEY_COLUMN, NOTE_COLUMN, VALUE_COLUMN};

/// Collects problems.
#[derive(Default)]
pub(crate) struct Problems {
    pub list: Vec<TableProblem>,
}

impl Problems {
    pub fn add(
        &mut self,
        origin: &Origin,
        line: Option<usize>,
        column: Option<&str>,
        message: impl Into<String>,
    ) {
        self.list.push(TableProblem {
            place: Place {
                origin: origin.clone(),
                line,
                column: column.map(str::to_string),
            },
            message: message.into(),
        });
    }
}

/// One record after parsing: a value per spec column (`None` = empty or absent), each with
/// the row it came from (all the same row for row tables; one row per key for key/value).
pub(crate) struct Record {
    pub values: Vec<Option<Value>>,
    pub lines: Vec<Option<usize>>,
}

impl Record {
    /// The value of the column called `name`.
    pub fn get(&self, spec: &TableSpec, name: &str) -> Option<&Value> {
        let k = spec.columns().iter().position(|c| c.name == name)?;
        self.values[k].as_ref()
    }

    /// The text of the column called `name` (ids and enum names), or "".
    pub fn text(&self, spec: &TableSpec, name: &str) -> &str {
        self.get(spec, name).and_then(Value::as_str).unwrap_or("")
    }

    /// The row of the column called `name` (for key/value tables, of that key).
    pub fn line(&self, spec: &TableSpec, name: &str) -> Option<usize> {
        let k = spec.columns().iter().position(|c| c.name == name)?;
        self.lines[k]
    }
}

/// A table after parsing: its records (only the rows that parsed cleanly are complete, but
/// every row is kept so references can still be checked).
pub(crate) struct Parsed<'a> {
    pub spec: &'static TableSpec,
    pub raw: &'a RawTable,
    pub records: Vec<Record>,
    /// Row of each record (for key/value tables, the header row).
    pub record_lines: Vec<usize>,
}

/// Parses a table by its spec, adding every problem found.
pub(crate) fn parse_table<'a>(
    spec: &'static TableSpec,
    raw: &'a RawTable,
    problems: &mut Problems,
) -> Parsed<'a> {
    match spec.shape {
        Shape::Rows(columns) => parse_rows(spec, columns, raw, problems),
        Shape::KeyValue { keys, .. } => parse_key_value(spec, keys, raw, problems),
    }
}

/// Header positions of the spec's columns (`None` = column absent), after reporting unknown,
/// duplicate and missing columns.
fn map_header(
    names: &[&str],
    required: impl Fn(&str) -> bool,
    raw: &RawTable,
    problems: &mut Problems,
) -> Vec<Option<usize>> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (k, h) in raw.header.iter().enumerate() {
        let h = h.as_str();
        if h.is_empty() {
            problems.add(
                &raw.origin,
                Some(raw.header_line),
                Some(&format!("#{}", k + 1)),
                "empty header; every column needs a name",
            );
        } else if !names.contains(&h) {
            problems.add(
                &raw.origin,
                Some(raw.header_line),
                Some(h),
                format!(
                    "unknown column {h:?} in table {}{}; valid columns: {}",
                    raw.name,
                    did_you_mean(h, names.iter().copied()),
                    names.join(", ")
                ),
            );
        } else if seen.insert(h, k).is_some() {
            problems.add(
                &raw.origin,
                Some(raw.header_line),
                Some(h),
                format!("column {h:?} appears twice"),
            );
        }
    }
    let unknown: Vec<&str> = raw
        .header
        .iter()
        .map(String::as_str)
        .filter(|h| !names.contains(h))
        .collect();
    names
        .iter()
        .map(|name| {
            let at = seen.get(name).copied();
            if at.is_none() && required(name) {
                let hint = did_you_mean(name, unknown.iter().copied())
                    .replace("did you mean", "is it the column");
                problems.add(
                    &raw.origin,
                    Some(raw.header_line),
                    Some(name),
                    format!(
                        "missing required column {name:?} in table {}{hint}",
                        raw.name
                    ),
                );
            }
            at
        })
        .collect()
}

fn parse_value(
    column: &Column,
    cell: Option<&Cell>,
    origin: &Origin,
    line: usize,
    problems: &mut Problems,
) -> Option<Value> {
    let empty = cell.is_none_or(Cell::is_empty);
    if empty {
        return match column.need {
            Need::Required => {
                if cell.is_some() {
                    problems.add(
                        origin,
                        Some(line),
                        Some(column.name),
                        format!("empty cell; {} is required", column.name),
                    );
                }
                None
            }
            Need::Default(text) => cell::parse(column.kind, &Cell::Text(text.into())).ok(),
            Need::Optional | Need::Group => None,
        };
    }
    let cell = cell?;
    match cell::parse(column.kind, cell) {
        Ok(v) => Some(v),
        Err(message) => {
            problems.add(origin, Some(line), Some(column.name), message);
            None
        }
    }
}

/// A member of a group given without the others: each missing member is reported.
fn check_groups(
    columns: &[Column],
    record: &Record,
    origin: &Origin,
    problems: &mut Problems,
    column_place: impl Fn(&Column) -> Option<&'static str>,
) {
    for (k, col) in columns.iter().enumerate() {
        let Some(group) = col.group() else { continue };
        if record.values[k].is_some() {
            continue;
        }
        let given = columns
            .iter()
            .enumerate()
            .find(|(j, c)| c.group() == Some(group) && record.values[*j].is_some());
        if let Some((j, other)) = given {
            problems.add(
                origin,
                record.lines[j],
                column_place(col).or(Some(col.name)),
                format!(
                    "{} is required when {} is given (fill both or neither)",
                    col.name, other.name
                ),
            );
        }
    }
}

fn parse_rows<'a>(
    spec: &'static TableSpec,
    columns: &'static [Column],
    raw: &'a RawTable,
    problems: &mut Problems,
) -> Parsed<'a> {
    let names: Vec<&str> = columns.iter().map(|c| c.name).collect();
    let positions = map_header(
        &names,
        |n| {
            columns
                .iter()
                .any(|c| c.name == n && c.need == Need::Required)
        },
        raw,
        problems,
    );
    let mut records = Vec::new();
    let mut record_lines = Vec::new();
    for row in &raw.rows {
        for (k, cell) in row.cells.iter().enumerate().skip(raw.header.len()) {
            if !cell.is_empty() {
                problems.add(
                    &raw.origin,
                    Some(row.line),
                    Some(&format!("#{}", k + 1)),
                    format!(
                        "value {:?} beyond the last named column; give the column a header or remove it",
                        cell.text()
                    ),
                );
            }
        }
        let values: Vec<Option<Value>> = columns
            .iter()
            .zip(&positions)
            .map(|(col, pos)| {
                let cell = pos.and_then(|p| row.cells.get(p));
                parse_value(col, cell, &raw.origin, row.line, problems)
            })
            .collect();
        let record = Record {
            lines: vec![Some(row.line); values.len()],
            values,
        };
        check_groups(columns, &record, &raw.origin, problems, |_| None);
        records.push(record);
        record_lines.push(row.line);
    }
    Parsed {
        spec,
        raw,
        records,
        record_lines,
    }
}

fn parse_key_value<'a>(
    spec: &'static TableSpec,
    keys: &'static [Column],
    raw: &'a RawTable,
    problems: &mut Problems,
) -> Parsed<'a> {
    let positions = map_header(
        &[KEY_COLUMN, VALUE_COLUMN, NOTE_COLUMN],
        |n| n != NOTE_COLUMN,
        raw,
        problems,
    );
    let (Some(key_at), Some(value_at)) = (positions[0], positions[1]) else {
        return Parsed {
            spec,
            raw,
            records: Vec::new(),
            record_lines: Vec::new(),
        };
    };
    let names: Vec<&str> = keys.iter().map(|c| c.name).collect();
    let mut values: Vec<Option<Value>> = vec![None; keys.len()];
    let mut lines: Vec<Option<usize>> = vec![None; keys.len()];
    for row in &raw.rows {
        let key = row.cells.get(key_at).map(Cell::text).unwrap_or_default();
        let cell = row.cells.get(value_at);
        let Some(k) = names.iter().position(|n| *n == key) else {
            let message = if key.is_empty() {
                "empty key; every row needs a key".to_string()
            } else {
                format!(
                    "unknown key {key:?} in table {}{}; valid keys: {}",
                    raw.name,
                    did_you_mean(&key, names.iter().copied()),
                    names.join(", ")
                )
            };
            problems.add(&raw.origin, Some(row.line), Some(KEY_COLUMN), message);
            continue;
        };
        if let Some(first) = lines[k] {
            problems.add(
                &raw.origin,
                Some(row.line),
                Some(KEY_COLUMN),
                format!("key {key:?} also given on line {first}"),
            );
            continue;
        }
        lines[k] = Some(row.line);
        let col = &keys[k];
        let named = Column {
            name: VALUE_COLUMN,
            ..*col
        };
        let parsed = parse_value(&named, cell, &raw.origin, row.line, problems);
        values[k] = parsed;
        if values[k].is_none() && col.need == Need::Required && cell.is_some_and(Cell::is_empty) {
            // parse_value said "value is required"; say which key.
            if let Some(last) = problems.list.last_mut() {
                last.message = format!("empty value; key {key:?} is required");
            }
        }
    }
    for (k, col) in keys.iter().enumerate() {
        if lines[k].is_none() {
            match col.need {
                Need::Required => problems.add(
                    &raw.origin,
                    None,
                    Some(KEY_COLUMN),
                    format!("missing required key {:?} in table {}", col.name, raw.name),
                ),
                Need::Default(text) => {
                    values[k] = cell::parse(col.kind, &Cell::Text(text.into())).ok();
                }
                Need::Optional | Need::Group => {}
            }
        }
    }
    let record = Record { values, lines };
    check_groups(keys, &record, &raw.origin, problems, |_| Some(VALUE_COLUMN));
    Parsed {
        spec,
        raw,
        records: vec![record],
        record_lines: vec![raw.header_line],
    }
}
