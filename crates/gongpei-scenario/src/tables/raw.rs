//! Tables as read or to be written: a header and rows of cells, with the row numbers a
//! spreadsheet would show, before any meaning is given to them.

use super::cell::Cell;
use super::error::Origin;

/// One data row, with its row number as a spreadsheet shows it (1 = first row of the file).
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    /// Row number in the file or sheet.
    pub line: usize,
    /// Cells, in header order (a short row is padded with empty cells when read).
    pub cells: Vec<Cell>,
}

/// One table: the header and its data rows (comment and blank rows already dropped).
#[derive(Debug, Clone, PartialEq)]
pub struct RawTable {
    /// Table name (file stem or sheet name).
    pub name: String,
    /// Where it came from (or goes).
    pub origin: Origin,
    /// Column headers.
    pub header: Vec<String>,
    /// Row number of the header.
    pub header_line: usize,
    /// Data rows.
    pub rows: Vec<RawRow>,
}

impl RawTable {
    /// Builds a table from its rows as read (header first); rows whose first cell is text
    /// starting with `#` are comments and blank rows are skipped. `first_line` is the row
    /// number of `rows[0]`.
    pub fn from_rows(
        name: &str,
        origin: Origin,
        rows: impl IntoIterator<Item = Vec<Cell>>,
        first_line: usize,
    ) -> RawTable {
        let mut header: Option<(Vec<String>, usize)> = None;
        let mut data = Vec::new();
        for (k, cells) in rows.into_iter().enumerate() {
            let line = first_line + k;
            if is_comment(&cells) || cells.iter().all(Cell::is_empty) {
                continue;
            }
            match &header {
                None => {
                    let mut names: Vec<String> = cells.iter().map(Cell::text).collect();
                    while names.last().is_some_and(|n| n.is_empty()) {
                        names.pop();
                    }
                    header = Some((names, line));
                }
                Some((names, _)) => {
                    let mut cells = cells;
                    if cells.len() < names.len() {
                        cells.resize(names.len(), Cell::Empty);
                    }
                    data.push(RawRow { line, cells });
                }
            }
        }
        let (header, header_line) = header.unwrap_or((Vec::new(), first_line));
        RawTable {
            name: name.to_string(),
            origin,
            header,
            header_line,
            rows: data,
        }
    }
}

/// True for a comment row: its first cell is text starting with `#`.
pub fn is_comment(cells: &[Cell]) -> bool {
    matches!(cells.first(), Some(Cell::Text(t)) if t.trim_start().starts_with('#'))
}

/// A scenario as a set of tables, in reading order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableSet {
    /// The tables.
    pub tables: Vec<RawTable>,
    /// Where the set came from (folder or workbook), for messages about missing tables.
    pub source: String,
    /// True when the tables are sheets of one workbook (messages then say "sheet").
    pub workbook: bool,
}

impl TableSet {
    /// The table called `name`, if present.
    pub fn get(&self, name: &str) -> Option<&RawTable> {
        self.tables.iter().find(|t| t.name == name)
    }
}
