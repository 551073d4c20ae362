//! Excel workbooks: one sheet per table, read with `calamine` and written with
//! `rust_xlsxwriter`. Numbers are stored as numbers (their shortest exact decimal form), ids
//! and names as text, so a workbook round trip gives the same values.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};

use super::cell::Cell;
use super::error::{Origin, TablesError};
use super::raw::{RawTable, TableSet};

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => {
            if s.trim().is_empty() {
                Cell::Empty
            } else {
                Cell::Text(s.clone())
            }
        }
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) => Cell::Days(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        // Not a '#...' text: a formula error must not look like a comment row.
        Data::Error(e) => Cell::Text(format!("<spreadsheet error {e}>")),
    }
}

/// Reads every sheet of a workbook as a table named after the sheet.
pub fn read_xlsx(path: &Path) -> Result<TableSet, TablesError> {
    let file = path.display().to_string();
    let io = |message: String| TablesError::Io {
        file: file.clone(),
        message,
    };
    let mut book: Xlsx<_> = calamine::open_workbook(path)
        .map_err(|e| io(format!("not a readable .xlsx workbook: {e}")))?;
    let mut tables = Vec::new();
    for sheet in book.sheet_names() {
        let range = book
            .worksheet_range(&sheet)
            .map_err(|e| io(format!("sheet {sheet}: {e}")))?;
        let first_line = range.start().map_or(1, |(row, _)| row as usize + 1);
        let rows = range
            .rows()
            .map(|r| r.iter().map(cell_of).collect::<Vec<_>>());
        let origin = Origin::Sheet {
            workbook: file.clone(),
            sheet: sheet.clone(),
        };
        tables.push(RawTable::from_rows(&sheet, origin, rows, first_line));
    }
    Ok(TableSet {
        tables,
        source: file,
        workbook: true,
    })
}

/// Integers beyond this are stored as text: a spreadsheet number is an `f64`.
const EXACT_INT: i64 = 1 << 53;

/// Writes the tables as sheets of one workbook; `comments` gives each table's leading comment
/// rows and optional per-column documentation row.
pub fn write_xlsx(
    set: &TableSet,
    path: &Path,
    comments: impl Fn(&RawTable) -> (Vec<String>, Option<Vec<String>>),
) -> Result<(), TablesError> {
    let err = |e: rust_xlsxwriter::XlsxError| TablesError::Io {
        file: path.display().to_string(),
        message: e.to_string(),
    };
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let note = Format::new().set_italic().set_font_color("#666666");
    for table in &set.tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&table.name).map_err(err)?;
        let (lines, doc) = comments(table);
        let mut row: u32 = 0;
        for line in &lines {
            sheet
                .write_string_with_format(row, 0, line, &note)
                .map_err(err)?;
            row += 1;
        }
        for (c, h) in table.header.iter().enumerate() {
            sheet
                .write_string_with_format(row, c as u16, h, &bold)
                .map_err(err)?;
            sheet
                .set_column_width(c as u16, (h.chars().count() as f64 + 4.0).max(12.0))
                .map_err(err)?;
        }
        sheet.set_freeze_panes(row + 1, 0).map_err(err)?;
        row += 1;
        if let Some(doc) = doc {
            for (c, d) in doc.iter().enumerate() {
                sheet
                    .write_string_with_format(row, c as u16, d, &note)
                    .map_err(err)?;
            }
            row += 1;
        }
        for r in &table.rows {
            for (c, cell) in r.cells.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(t) => {
                        sheet.write_string(row, c, t).map_err(err)?;
                    }
                    Cell::Int(i) if i.abs() < EXACT_INT => {
                        sheet.write_number(row, c, *i as f64).map_err(err)?;
                    }
                    Cell::Int(i) => {
                        sheet.write_string(row, c, i.to_string()).map_err(err)?;
                    }
                    Cell::Float(f) | Cell::Days(f) => {
                        sheet.write_number(row, c, *f).map_err(err)?;
                    }
                    Cell::Bool(b) => {
                        sheet.write_boolean(row, c, *b).map_err(err)?;
                    }
                }
            }
            row += 1;
        }
    }
    book.save(path).map_err(err)
}
