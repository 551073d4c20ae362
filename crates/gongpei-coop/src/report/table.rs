//! A plain table (named columns, typed cells) and its two file forms: CSV (one file per table)
//! and an Excel workbook (one sheet per table, via `rust_xlsxwriter`). The same tables feed the
//! Python DataFrames, so they serialise to and from JSON.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::CoopError;

/// One cell: text, a whole number, a decimal number or empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Cell {
    /// Whole number (counts, parcels, kilograms, seconds).
    Int(i64),
    /// Decimal number (money, kilometres, hours).
    Num(f64),
    /// Text (ids, names, modes, clock times).
    Text(String),
    /// No value (e.g. a township with no trunk delivery has no trunk arrival).
    Empty,
}

impl From<i64> for Cell {
    fn from(v: i64) -> Self {
        Cell::Int(v)
    }
}
impl From<usize> for Cell {
    fn from(v: usize) -> Self {
        Cell::Int(i64::try_from(v).unwrap_or(i64::MAX))
    }
}
impl From<f64> for Cell {
    fn from(v: f64) -> Self {
        Cell::Num(v)
    }
}
impl From<&str> for Cell {
    fn from(v: &str) -> Self {
        Cell::Text(v.to_string())
    }
}
impl From<String> for Cell {
    fn from(v: String) -> Self {
        Cell::Text(v)
    }
}
impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(v: Option<T>) -> Self {
        v.map_or(Cell::Empty, Into::into)
    }
}

impl Cell {
    fn csv_text(&self) -> String {
        match self {
            Cell::Int(v) => v.to_string(),
            // Rounded to what the inputs justify (0.001 CNY, 1 m, 3.6 s); exact values are in
            // compare.json.
            Cell::Num(v) => {
                let s = format!("{v:.3}");
                let s = s.trim_end_matches('0').trim_end_matches('.');
                if s == "-0" {
                    "0".into()
                } else {
                    s.to_string()
                }
            }
            Cell::Text(s) => s.clone(),
            Cell::Empty => String::new(),
        }
    }
}

/// A named table; every row has one cell per column. Column names carry their unit
/// (`cost_cny`, `distance_km`, `arrival_hhmm`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// File stem and sheet name, e.g. `routes`.
    pub name: String,
    /// Column names.
    pub columns: Vec<String>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(name: &str, columns: &[&str]) -> Self {
        Table {
            name: name.to_string(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Appends a row; its length must match the columns (a programming error otherwise, caught
    /// by the tests of every table builder).
    pub fn push(&mut self, row: Vec<Cell>) {
        debug_assert_eq!(row.len(), self.columns.len(), "table {}", self.name);
        self.rows.push(row);
    }

    /// Index of a column by name.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == name)
    }

    /// The table as CSV text (header row, then one line per row).
    pub fn to_csv(&self) -> Result<String, CoopError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let fail = |e: csv::Error| CoopError::Input(format!("CSV table {}: {e}", self.name));
        w.write_record(&self.columns).map_err(fail)?;
        for row in &self.rows {
            w.write_record(row.iter().map(Cell::csv_text))
                .map_err(fail)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| CoopError::Input(format!("CSV table {}: {e}", self.name)))?;
        String::from_utf8(bytes)
            .map_err(|e| CoopError::Input(format!("CSV table {}: {e}", self.name)))
    }
}

/// Writes every table as `DIR/<name>.csv` (UTF-8, header row).
pub fn write_csv_files(tables: &[Table], dir: &Path) -> Result<(), CoopError> {
    std::fs::create_dir_all(dir)
        .map_err(|e| CoopError::Input(format!("{}: {e}", dir.display())))?;
    for t in tables {
        let path = dir.join(format!("{}.csv", t.name));
        std::fs::write(&path, t.to_csv()?)
            .map_err(|e| CoopError::Input(format!("{}: {e}", path.display())))?;
    }
    Ok(())
}

/// Writes every table as one sheet of an `.xlsx` workbook at `path` (bold, frozen header row;
/// numbers stay numbers).
pub fn write_xlsx(tables: &[Table], path: &Path) -> Result<(), CoopError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| CoopError::Input(format!("{}: {e}", path.display()));
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for t in tables {
        let sheet = book.add_worksheet();
        // Excel limits sheet names to 31 characters; ours are short fixed names.
        sheet.set_name(&t.name).map_err(fail)?;
        for (c, name) in t.columns.iter().enumerate() {
            let col = u16::try_from(c).map_err(|_| {
                CoopError::Input(format!("table {}: too many columns for Excel", t.name))
            })?;
            sheet
                .write_string_with_format(0, col, name, &bold)
                .map_err(fail)?;
            sheet
                .set_column_width(col, (name.chars().count() as f64 + 2.0).max(10.0))
                .map_err(fail)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let line = u32::try_from(r + 1).map_err(|_| {
                CoopError::Input(format!("table {}: too many rows for Excel", t.name))
            })?;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Int(v) => sheet.write_number(line, col, *v as f64).map(|_| ()),
                    Cell::Num(v) => sheet.write_number(line, col, *v).map(|_| ()),
                    Cell::Text(s) => sheet.write_string(line, col, s).map(|_| ()),
                    Cell::Empty => Ok(()),
                }
                .map_err(fail)?;
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(fail)?;
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| CoopError::Input(format!("{}: {e}", parent.display())))?;
    }
    book.save(path).map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_and_quotes_and_rounds_numbers() {
        let mut t = Table::new("t", &["name", "cost_cny", "parcels", "note"]);
        t.push(vec![
            "a, \"b\"".into(),
            1.23456.into(),
            3i64.into(),
            Cell::Empty,
        ]);
        t.push(vec!["x".into(), 2.0.into(), 0i64.into(), "y".into()]);
        assert_eq!(
            t.to_csv().unwrap(),
            "name,cost_cny,parcels,note\n\"a, \"\"b\"\"\",1.235,3,\nx,2,0,y\n"
        );
    }

    #[test]
    fn cells_round_trip_through_json() {
        let row = vec![
            Cell::Int(3),
            Cell::Num(2.5),
            Cell::Text("x".into()),
            Cell::Empty,
        ];
        let text = serde_json::to_string(&row).unwrap();
        assert_eq!(text, r#"[3,2.5,"x",null]"#);
        assert_eq!(serde_json::from_str::<Vec<Cell>>(&text).unwrap(), row);
    }
}
