//! CSV files: a folder with one `TABLE.csv` per table, and CSV text of one table (DataFrames
//! cross from Python this way). UTF-8 with or without a byte-order mark; a file that is not
//! UTF-8 is read as GB18030 (what spreadsheet programs on Chinese Windows save).

use std::path::Path;

use super::cell::{format_float, Cell};
use super::error::{Origin, TablesError};
use super::raw::{RawTable, TableSet};

/// Reads CSV text of the table `name`; rows are numbered from 1 (the header, if first).
pub fn read_csv_text(name: &str, origin: Origin, text: &str) -> Result<RawTable, TablesError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let record = record.map_err(|e| TablesError::Io {
            file: format!("{origin}, line {}", k + 1),
            message: format!("not valid CSV: {e}"),
        })?;
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_string())
                    }
                })
                .collect(),
        );
    }
    Ok(RawTable::from_rows(name, origin, rows, 1))
}

fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// Reads every `*.csv` file of a folder as a table named after its file stem.
pub fn read_csv_dir(dir: &Path) -> Result<TableSet, TablesError> {
    let io = |e: std::io::Error| TablesError::Io {
        file: dir.display().to_string(),
        message: e.to_string(),
    };
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        })
        .collect();
    files.sort();
    let mut tables = Vec::new();
    for path in files {
        let bytes = std::fs::read(&path).map_err(|e| TablesError::Io {
            file: path.display().to_string(),
            message: e.to_string(),
        })?;
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let origin = Origin::File(path.display().to_string());
        tables.push(read_csv_text(&name, origin, &decode(&bytes))?);
    }
    Ok(TableSet {
        tables,
        source: dir.display().to_string(),
        workbook: false,
    })
}

fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(t) => t.clone(),
        Cell::Int(i) => i.to_string(),
        Cell::Float(f) | Cell::Days(f) => format_float(*f),
        Cell::Bool(b) => b.to_string(),
    }
}

/// CSV text of one table: the comment rows (each one cell, `# ...`), the header, then the rows.
pub fn csv_text(table: &RawTable, comments: &[String], doc_row: Option<&[String]>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut write = |fields: &[String]| {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(fields);
    };
    for c in comments {
        write(std::slice::from_ref(c));
    }
    write(&table.header);
    if let Some(doc) = doc_row {
        write(doc);
    }
    for row in &table.rows {
        write(&row.cells.iter().map(cell_text).collect::<Vec<_>>());
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Writes each table as `DIR/NAME.csv` (creating the folder).
pub fn write_csv_dir(
    set: &TableSet,
    dir: &Path,
    comments: impl Fn(&RawTable) -> (Vec<String>, Option<Vec<String>>),
) -> Result<(), TablesError> {
    std::fs::create_dir_all(dir).map_err(|e| TablesError::Io {
        file: dir.display().to_string(),
        message: e.to_string(),
    })?;
    for table in &set.tables {
        let path = dir.join(format!("{}.csv", table.name));
        let (lines, doc) = comments(table);
        std::fs::write(&path, csv_text(table, &lines, doc.as_deref())).map_err(|e| {
            TablesError::Io {
                file: path.display().to_string(),
                message: e.to_string(),
            }
        })?;
    }
    Ok(())
}
