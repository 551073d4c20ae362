//! Errors of table input: each problem names its place (file or workbook and sheet, the row as
//! a spreadsheet numbers it, the column) and, for misspelt names, the closest valid one.

use std::fmt;

/// Where a table came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A CSV file.
    File(String),
    /// A sheet of a workbook.
    Sheet {
        /// The workbook file.
        workbook: String,
        /// The sheet name.
        sheet: String,
    },
    /// A table handed over in memory (e.g. a pandas DataFrame), named by its table.
    Memory(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File(file) => f.write_str(file),
            Origin::Sheet { workbook, sheet } => write!(f, "{workbook}, sheet {sheet}"),
            Origin::Memory(table) => write!(f, "table {table}"),
        }
    }
}

/// The place of a problem, as precise as known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// File, workbook and sheet, or in-memory table.
    pub origin: Origin,
    /// Row number as a spreadsheet shows it (the header row counts, comment rows too).
    pub line: Option<usize>,
    /// Column header (for key/value tables: `value`, with the key in the message).
    pub column: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(line) = self.line {
            let word = match self.origin {
                Origin::Sheet { .. } => "row",
                _ => "line",
            };
            write!(f, ", {word} {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {column}")?;
        }
        Ok(())
    }
}

/// One problem found in the tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableProblem {
    /// Where.
    pub place: Place,
    /// What is wrong and what is expected.
    pub message: String,
}

impl fmt::Display for TableProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// Everything wrong with a set of tables (all problems at once), or a file that cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TablesError {
    /// A file or folder could not be read or written.
    #[error("{file}: {message}")]
    Io {
        /// The file or folder.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// The tables hold problems; every one is listed.
    #[error("{} problem(s) in the tables:\n{}", problems.len(), list(problems))]
    Invalid {
        /// Every problem, in table order.
        problems: Vec<TableProblem>,
    },
}

impl TablesError {
    /// The problems (empty for I/O errors).
    pub fn problems(&self) -> &[TableProblem] {
        match self {
            TablesError::Invalid { problems } => problems,
            TablesError::Io { .. } => &[],
        }
    }
}

fn list(problems: &[TableProblem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The candidate closest to `wrong` (by normalised Damerau-Levenshtein similarity, ignoring
/// case), if any candidate is at all similar.
///
/// ```
/// use gongpei_scenario::tables::closest;
/// assert_eq!(closest("lng", ["lon", "lat", "name"]), Some("lon"));
/// assert_eq!(closest("Sites", ["sites", "roads"]), Some("sites"));
/// assert_eq!(closest("zzzz", ["sites"]), None);
/// ```
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wrong = wrong.trim().to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let score = strsim::normalized_damerau_levenshtein(&wrong, &c.to_lowercase());
            let prefix =
                c.to_lowercase().starts_with(&wrong) || wrong.starts_with(&c.to_lowercase());
            (
                if prefix && !wrong.is_empty() {
                    score.max(0.5)
                } else {
                    score
                },
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.34)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `"; did you mean X?"` for the closest candidate, or nothing.
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    closest(wrong, candidates)
        .map(|c| format!("; did you mean {c:?}?"))
        .unwrap_or_default()
}
