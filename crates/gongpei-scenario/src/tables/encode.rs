//! Scenario -> tables: the scenario's JSON form laid out by the table specs. Coordinates are
//! written as WGS84 and numbers in their shortest exact form, so reading the tables back gives
//! an identical scenario.

use serde_json::Value;

use super::catalog::{self, SPEED_CLASS_COLUMNS, TABLES};
use super::cell::Cell;
use super::error::{Origin, Place, TableProblem, TablesError};
use super::raw::{RawRow, RawTable, TableSet};
use super::spec::{Column, Shape, TableSpec, KEY_COLUMN, NOTE_COLUMN, VALUE_COLUMN};
use crate::model::Scenario;

/// The value at a dotted path (`opening_hours.open_s`), if any.
fn at_path<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(value);
    }
    path.split('.').try_fold(value, |v, key| v.get(key))
}

fn items<'v>(value: &'v Value, path: &str) -> &'v [Value] {
    at_path(value, path)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

struct Builder {
    origin: fn(&str) -> Origin,
    tables: Vec<RawTable>,
}

impl Builder {
    fn push(&mut self, spec: &TableSpec, header: Vec<String>, rows: Vec<Vec<Cell>>) {
        self.tables.push(RawTable {
            name: spec.name.to_string(),
            origin: (self.origin)(spec.name),
            header,
            header_line: 1,
            rows: rows
                .into_iter()
                .enumerate()
                .map(|(k, cells)| RawRow { line: k + 2, cells })
                .collect(),
        });
    }

    /// A row table whose columns are all mapped, one row per record.
    fn records(&mut self, spec: &TableSpec, records: &[Value]) {
        let columns: Vec<&Column> = spec.columns().iter().filter(|c| c.path.is_some()).collect();
        let rows = records
            .iter()
            .map(|r| {
                columns
                    .iter()
                    .map(|c| {
                        at_path(r, c.path.unwrap_or_default()).map_or(Cell::Empty, Cell::from_value)
                    })
                    .collect()
            })
            .collect();
        self.push(
            spec,
            columns.iter().map(|c| c.name.to_string()).collect(),
            rows,
        );
    }

    /// A key/value table: every mapped key, its value (empty when absent) and its doc.
    fn key_values(&mut self, spec: &TableSpec, scenario: &Value) {
        let Shape::KeyValue { root, keys } = spec.shape else {
            return;
        };
        let object = at_path(scenario, root).unwrap_or(&Value::Null);
        let rows = keys
            .iter()
            .map(|k| {
                // Keys the converter reads itself (e.g. sites_crs) are listed, empty.
                let value = k
                    .path
                    .and_then(|p| at_path(object, p))
                    .map_or(Cell::Empty, Cell::from_value);
                vec![
                    Cell::Text(k.name.to_string()),
                    value,
                    Cell::Text(k.doc.to_string()),
                ]
            })
            .collect();
        let header = [KEY_COLUMN, VALUE_COLUMN, NOTE_COLUMN]
            .map(String::from)
            .to_vec();
        self.push(spec, header, rows);
    }
}

/// The tables of a scenario (every table, empty ones included, in [`TABLES`] order).
/// `origin` names each table's destination (file or sheet) for the table set.
pub(crate) fn tables_of(
    scenario: &Scenario,
    origin: fn(&str) -> Origin,
) -> Result<TableSet, TablesError> {
    let json = serde_json::to_value(scenario).map_err(|e| TablesError::Io {
        file: "<scenario>".into(),
        message: format!("cannot serialise the scenario: {e}"),
    })?;
    let mut b = Builder {
        origin,
        tables: Vec::new(),
    };
    for spec in TABLES.iter() {
        match spec.name {
            "metadata" | "road_settings" | "costs" | "finance" | "commerce" => {
                b.key_values(spec, &json)
            }
            "sources" => b.records(spec, items(&json, "metadata.sources")),
            "synthetic" => b.records(spec, items(&json, "metadata.synthetic")),
            "sites" => b.records(spec, items(&json, "sites")),
            "roads" => b.records(spec, items(&json, "roads.edges")),
            "speeds" => speeds(&mut b, spec, &json),
            "carriers" => b.records(spec, items(&json, "carriers")),
            "depots" => {
                let rows = items(&json, "carriers")
                    .iter()
                    .flat_map(|c| {
                        let id = Cell::from_value(&c["id"]);
                        items(c, "depots")
                            .iter()
                            .map(move |d| vec![id.clone(), Cell::from_value(d)])
                    })
                    .collect();
                b.push(spec, vec!["carrier".into(), "site".into()], rows);
            }
            "demand" => b.records(spec, items(&json, "demand")),
            "vehicle_types" => b.records(spec, items(&json, "vehicle_types")),
            "bus_lines" => b.records(spec, items(&json, "bus_lines")),
            "bus_stops" => {
                let rows = items(&json, "bus_lines")
                    .iter()
                    .flat_map(|l| {
                        let id = Cell::from_value(&l["id"]);
                        let offsets = items(l, "stop_offsets_s");
                        items(l, "stops").iter().enumerate().map(move |(k, s)| {
                            let offset = offsets.get(k).map_or(Cell::Empty, Cell::from_value);
                            vec![id.clone(), Cell::from_value(s), offset]
                        })
                    })
                    .collect();
                b.push(
                    spec,
                    vec!["line".into(), "site".into(), "offset_s".into()],
                    rows,
                );
            }
            "bus_runs" => {
                let rows = items(&json, "bus_lines")
                    .iter()
                    .flat_map(|l| {
                        let id = Cell::from_value(&l["id"]);
                        items(l, "runs")
                            .iter()
                            .map(move |r| vec![id.clone(), Cell::from_value(&r["departure_s"])])
                    })
                    .collect();
                b.push(spec, vec!["line".into(), "departure_s".into()], rows);
            }
            "emissions" => b.records(spec, items(&json, "costs.co2_kg_per_km")),
            "facilities" => b.records(spec, items(&json, "finance.facilities")),
            "subsidies" => b.records(spec, items(&json, "finance.subsidies")),
            "commerce_partners" => b.records(spec, items(&json, "commerce.partners")),
            "commerce_replenishment" => b.records(spec, items(&json, "commerce.replenishment")),
            other => {
                return Err(TablesError::Io {
                    file: other.into(),
                    message: "table without a writer (add it to tables::encode)".into(),
                })
            }
        }
    }
    debug_assert_eq!(b.tables.len(), catalog::TABLES.len());
    check_comment_clash(&b.tables)?;
    Ok(TableSet {
        tables: b.tables,
        source: String::new(),
        workbook: false,
    })
}

fn speeds(b: &mut Builder, spec: &TableSpec, json: &Value) {
    let table = at_path(json, "roads.speeds_kmh").and_then(Value::as_object);
    let rows = table
        .into_iter()
        .flatten()
        .map(|(profile, speeds)| {
            let mut row = vec![Cell::Text(profile.clone())];
            row.extend(
                (0..SPEED_CLASS_COLUMNS.len())
                    .map(|k| speeds.get(k).map_or(Cell::Empty, Cell::from_value)),
            );
            row
        })
        .collect();
    let header = spec.columns().iter().map(|c| c.name.to_string()).collect();
    b.push(spec, header, rows);
}

/// A first cell starting with `#` would be read back as a comment row: refuse to write it.
fn check_comment_clash(tables: &[RawTable]) -> Result<(), TablesError> {
    let problems: Vec<TableProblem> = tables
        .iter()
        .flat_map(|t| {
            t.rows.iter().filter_map(move |r| match r.cells.first() {
                Some(Cell::Text(s)) if s.trim_start().starts_with('#') => Some(TableProblem {
                    place: Place {
                        origin: t.origin.clone(),
                        line: Some(r.line),
                        column: t.header.first().cloned(),
                    },
                    message: format!(
                        "{s:?} starts with '#', which marks a comment row in tables; rename it"
                    ),
                }),
                _ => None,
            })
        })
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(TablesError::Invalid { problems })
    }
}
