//! A scenario as a set of tables: one CSV file per table in a folder, or one `.xlsx` workbook
//! with one sheet per table; and back.
//!
//! - [`catalog`] lists every table and column with its documentation (adding a scalar field
//!   of the model is one line there); [`spec`] is the vocabulary of those lists.
//! - Reading ([`read_tables`], [`scenario_from_path`], [`scenario_from_tables`]) reports every
//!   problem at once, each at its file (or workbook and sheet), row as a spreadsheet numbers it,
//!   and column; misspelt table, column, key and id names come with the closest valid name;
//!   the built scenario is validated by [`crate::validate()`] and its problems are mapped back
//!   to table, row and column.
//! - Writing ([`write_csv_dir`], [`write_xlsx`]) gives tables that read back to an identical
//!   scenario (coordinates in WGS84, numbers in their shortest exact form).
//! - [`write_template`] writes empty tables whose comment rows explain each column. A row whose
//!   first cell starts with `#` is a comment anywhere in a table.
//!
//! ```
//! use gongpei_scenario::generate::{generate, Preset};
//! use gongpei_scenario::tables;
//! let scenario = generate(Preset::Small, 1).unwrap();
//! let dir = std::env::temp_dir().join(format!("gongpei-tables-doc-{}", std::process::id()));
//! tables::write_csv_dir(&scenario, &dir).unwrap();
//! assert_eq!(tables::scenario_from_path(&dir).unwrap(), scenario);
//! # std::fs::remove_dir_all(&dir).ok();
//! ```

pub mod catalog;
mod cell;
mod csv_io;
mod decode;
mod encode;
mod error;
mod parse;
mod provenance;
mod raw;
pub mod spec;
mod template;
mod xlsx_io;

use std::path::{Path, PathBuf};

pub use cell::Cell;
pub use csv_io::read_csv_text;
pub use decode::scenario_from_tables;
pub use error::{closest, Origin, Place, TableProblem, TablesError};
pub use raw::{RawRow, RawTable, TableSet};
pub use template::tables_markdown;

use crate::model::Scenario;

/// True when `path` names an Excel workbook (by its `.xlsx` extension).
pub fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

/// Reads the tables of a folder of CSV files or of an `.xlsx` workbook.
pub fn read_tables(path: &Path) -> Result<TableSet, TablesError> {
    if is_workbook(path) {
        xlsx_io::read_xlsx(path)
    } else if path.is_dir() {
        csv_io::read_csv_dir(path)
    } else {
        Err(TablesError::Io {
            file: path.display().to_string(),
            message: if path.exists() {
                "not a folder of CSV tables nor an .xlsx workbook".into()
            } else {
                "no such folder or workbook".into()
            },
        })
    }
}

/// Reads and validates a scenario from a folder of CSV tables or an `.xlsx` workbook.
pub fn scenario_from_path(path: &Path) -> Result<Scenario, TablesError> {
    scenario_from_tables(&read_tables(path)?)
}

/// Reads and validates a scenario from CSV texts keyed by table name (for tables held in
/// memory, e.g. pandas DataFrames); problems name the table, e.g. `table sites, line 4`.
pub fn scenario_from_csv_texts(texts: &[(String, String)]) -> Result<Scenario, TablesError> {
    let tables = texts
        .iter()
        .map(|(name, text)| read_csv_text(name, Origin::Memory(name.clone()), text))
        .collect::<Result<Vec<_>, _>>()?;
    scenario_from_tables(&TableSet {
        tables,
        source: String::new(),
        workbook: false,
    })
}

/// The tables of a scenario in memory (every table, empty ones included).
pub fn to_tables(scenario: &Scenario) -> Result<TableSet, TablesError> {
    encode::tables_of(scenario, |name| Origin::Memory(name.to_string()))
}

/// Writes a scenario as `DIR/TABLE.csv` files (creating the folder).
pub fn write_csv_dir(scenario: &Scenario, dir: &Path) -> Result<(), TablesError> {
    let set = to_tables(scenario)?;
    csv_io::write_csv_dir(&set, dir, |_| (Vec::new(), None))
}

/// Writes a scenario as one workbook, one sheet per table.
pub fn write_xlsx(scenario: &Scenario, path: &Path) -> Result<(), TablesError> {
    let set = to_tables(scenario)?;
    xlsx_io::write_xlsx(&set, path, |_| (Vec::new(), None))
}

/// Where a workbook goes when the user gave `target`: `target` itself if it ends in `.xlsx`,
/// else `target/NAME.xlsx`.
pub fn workbook_path(target: &Path, name: &str) -> PathBuf {
    if is_workbook(target) {
        target.to_path_buf()
    } else {
        target.join(format!("{name}.xlsx"))
    }
}

/// Writes an empty template: CSV files in `target`, or with `xlsx` one workbook
/// ([`workbook_path`] with the name `template`). Returns the files written (folder or
/// workbook).
pub fn write_template(target: &Path, xlsx: bool) -> Result<PathBuf, TablesError> {
    let set = template::template_tables(|name| Origin::Memory(name.to_string()));
    let comments = |t: &RawTable| {
        let spec = catalog::table(&t.name);
        (
            spec.map(template::table_comment).into_iter().collect(),
            spec.map(template::doc_row),
        )
    };
    if xlsx {
        let path = workbook_path(target, "template");
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| TablesError::Io {
                file: parent.display().to_string(),
                message: e.to_string(),
            })?;
        }
        xlsx_io::write_xlsx(&set, &path, comments)?;
        Ok(path)
    } else {
        csv_io::write_csv_dir(&set, target, comments)?;
        Ok(target.to_path_buf())
    }
}
