//! Empty tables whose header rows explain each column, and the documentation of every table
//! (the README section is generated from it and checked by a test).
//!
//! Convention: a row whose first cell starts with `#` is a comment and is skipped when read,
//! wherever it is. A template has one comment row before the header (what one row of the
//! table is) and one after it, giving each column as `required|optional · kind · meaning`.

use super::catalog::TABLES;
use super::error::Origin;
use super::raw::{RawRow, RawTable, TableSet};
use super::spec::{Column, Shape, TableSpec, KEY_COLUMN, NOTE_COLUMN, VALUE_COLUMN};
use super::Cell;

fn column_doc(c: &Column) -> String {
    format!("{} · {} · {}", c.need_text(), c.kind_text(), c.doc)
}

/// The comment row before a table's header.
pub(crate) fn table_comment(spec: &TableSpec) -> String {
    let need = if spec.required {
        "required table"
    } else {
        "optional table"
    };
    format!("# {}: {need}. {}", spec.name, spec.doc)
}

/// The documentation row under a template's header, one cell per column.
pub(crate) fn doc_row(spec: &TableSpec) -> Vec<String> {
    let mut cells: Vec<String> = match spec.shape {
        Shape::Rows(columns) => columns.iter().map(column_doc).collect(),
        Shape::KeyValue { .. } => vec![
            "the key (one row per key below)".into(),
            "its value".into(),
            "free text, ignored".into(),
        ],
    };
    if let Some(first) = cells.first_mut() {
        *first = format!("# {first}");
    }
    cells
}

/// The empty tables of a template: every column of every table; key/value tables list their
/// keys with empty values and the key's documentation as the note.
pub(crate) fn template_tables(origin: fn(&str) -> Origin) -> TableSet {
    let tables = TABLES
        .iter()
        .map(|spec| {
            let (header, rows) = match spec.shape {
                Shape::Rows(columns) => (
                    columns.iter().map(|c| c.name.to_string()).collect(),
                    Vec::new(),
                ),
                Shape::KeyValue { keys, .. } => (
                    [KEY_COLUMN, VALUE_COLUMN, NOTE_COLUMN]
                        .map(String::from)
                        .to_vec(),
                    keys.iter()
                        .enumerate()
                        .map(|(k, c)| RawRow {
                            line: k + 4,
                            cells: vec![
                                Cell::Text(c.name.to_string()),
                                Cell::Empty,
                                Cell::Text(column_doc(c)),
                            ],
                        })
                        .collect(),
                ),
            };
            RawTable {
                name: spec.name.to_string(),
                origin: origin(spec.name),
                header,
                header_line: 2,
                rows,
            }
        })
        .collect();
    TableSet {
        tables,
        source: String::new(),
        workbook: false,
    }
}

/// Markdown documentation of every table and column, as in the crate README.
///
/// ```
/// let text = gongpei_scenario::tables::tables_markdown();
/// assert!(text.contains("| `lon` | required | number |"));
/// ```
pub fn tables_markdown() -> String {
    let mut out = String::new();
    for spec in TABLES.iter() {
        let need = if spec.required {
            "required"
        } else {
            "optional"
        };
        out.push_str(&format!(
            "#### `{}` ({need})\n\n{}\n\n",
            spec.name, spec.doc
        ));
        let (what, columns) = match spec.shape {
            Shape::Rows(c) => ("column", c),
            Shape::KeyValue { keys, .. } => ("key", keys),
        };
        if let Shape::KeyValue { .. } = spec.shape {
            out.push_str("Columns `key`, `value` (and `note`, ignored); keys:\n\n");
        }
        out.push_str(&format!(
            "| {what} | need | kind | meaning |\n|---|---|---|---|\n"
        ));
        for c in columns {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                c.name,
                c.need_text(),
                c.kind_text(),
                c.doc.replace('|', "\\|")
            ));
        }
        out.push('\n');
    }
    out
}
