//! A result's summary: headed tables of formatted figures, notes and lists, built once per
//! result and shown twice — as aligned text on the terminal ([`Summary::text`]) and as HTML on
//! the result's page — so that both carry the same figures at the same precision.

use gongpei_coop::report::escape::html_text;
use gongpei_coop::report::html_table::{html_list, html_table};

/// One part of a summary.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading (a table's title).
    Heading(String),
    /// A table: column names (with units) and rows of formatted cells.
    Table {
        /// Column names.
        header: Vec<String>,
        /// Rows, one cell per column.
        rows: Vec<Vec<String>>,
    },
    /// A line of text.
    Note(String),
    /// A bulleted list (e.g. the assumptions).
    List(Vec<String>),
}

/// The summary of a design result.
///
/// ```
/// use gongpei_design::report::{Block, Summary};
/// let s = Summary {
///     blocks: vec![
///         Block::Heading("Stations".into()),
///         Block::Table {
///             header: vec!["site".into(), "cost yuan/day".into()],
///             rows: vec![vec!["V1".into(), "12".into()], vec!["V20".into(), "7.5".into()]],
///         },
///     ],
/// };
/// assert_eq!(s.text(), "Stations\nsite  cost yuan/day\nV1               12\nV20             7.5\n\n");
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// The parts, in order.
    pub blocks: Vec<Block>,
}

/// Whether a cell reads as a number (`12`, `-3.5`, `61.9 %`): such columns align right.
fn numeric(cell: &str) -> bool {
    let c = cell.trim().trim_end_matches('%').trim_end();
    !c.is_empty() && c.parse::<f64>().is_ok()
}

/// Whether a column holds site ids (`site`, `status quo site`), which stay left even when they
/// are all digits (official division codes).
fn is_id_column(header: &str) -> bool {
    header == "site" || header.ends_with(" site")
}

/// Cell widths in characters, as the terminal tables have always counted them.
fn width(cell: &str) -> usize {
    cell.chars().count()
}

/// The first line of a result shortened by a hurry request (a signal to the CLI).
pub const HURRIED_NOTE: &str = "HURRIED (interrupted): a signal cut the run short; the figures planned after it come from a shortened search (searches stopped at their best so far, later plans construction-only; `hurried` in the JSON), not from the full effort";

impl Summary {
    /// A summary that opens with the hurried note (`HURRIED_NOTE`) when `hurried`.
    pub fn opening(hurried: bool) -> Self {
        let mut s = Summary::default();
        if hurried {
            s.note(HURRIED_NOTE);
        }
        s
    }

    /// Appends a heading.
    pub fn heading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Heading(text.into()));
    }

    /// Appends a table.
    pub fn table(&mut self, header: &[&str], rows: Vec<Vec<String>>) {
        self.blocks.push(Block::Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
        });
    }

    /// Appends a note.
    pub fn note(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Note(text.into()));
    }

    /// Appends a list.
    pub fn list(&mut self, items: Vec<String>) {
        self.blocks.push(Block::List(items));
    }

    /// The terminal form: headings (after a blank line) and notes as lines, tables in aligned
    /// columns (numbers to the right, text and site ids to the left, the last column unpadded),
    /// lists as `- item` lines, a blank line after every table and list.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Heading(t) => {
                    if !out.is_empty() && !out.ends_with("\n\n") {
                        out.push('\n');
                    }
                    out.push_str(t);
                    out.push('\n');
                }
                Block::Note(t) => {
                    out.push_str(t);
                    out.push('\n');
                }
                Block::Table { header, rows } => {
                    out.push_str(&text_table(header, rows));
                    out.push('\n');
                }
                Block::List(items) => {
                    for i in items {
                        out.push_str("- ");
                        out.push_str(i);
                        out.push('\n');
                    }
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The page form: headings as `<h2>`, tables and lists escaped, notes as paragraphs.
    pub(crate) fn html(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Heading(t) => out.push_str(&format!("<h2>{}</h2>", html_text(t))),
                Block::Note(t) => out.push_str(&format!("<p>{}</p>", html_text(t))),
                Block::Table { header, rows } => {
                    let header: Vec<&str> = header.iter().map(String::as_str).collect();
                    out.push_str(&html_table(&header, rows));
                }
                Block::List(items) => out.push_str(&html_list(items)),
            }
        }
        out
    }
}

/// Cell `c` of row `r`, empty when the row is short.
fn cell(r: &[String], c: usize) -> &str {
    r.get(c).map_or("", String::as_str)
}

/// Aligned columns: each as wide as its widest cell, two spaces apart.
fn text_table(header: &[String], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| width(cell(r, c)))
                .chain([width(&header[c])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let right: Vec<bool> = (0..columns)
        .map(|c| {
            let mut values = rows.iter().map(|r| cell(r, c)).filter(|v| *v != "-");
            !is_id_column(&header[c]) && values.clone().next().is_some() && values.all(numeric)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let mut l = String::new();
        for (c, v) in cells.iter().enumerate() {
            let pad = " ".repeat(widths[c].saturating_sub(width(v)));
            let last = c + 1 == columns;
            if c > 0 {
                l.push_str("  ");
            }
            match (right[c], last) {
                (true, _) => {
                    l.push_str(&pad);
                    l.push_str(v);
                }
                (false, true) => l.push_str(v),
                (false, false) => {
                    l.push_str(v);
                    l.push_str(&pad);
                }
            }
        }
        l.trim_end().to_string() + "\n"
    };
    let mut out = line(header.iter().map(String::as_str).collect());
    for r in rows {
        out.push_str(&line((0..columns).map(|c| cell(r, c)).collect()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_align_right_text_left_and_dashes_do_not_count() {
        let mut s = Summary::default();
        s.table(
            &["mode", "cost", "saving", "check"],
            vec![
                vec!["a".into(), "1".into(), "-".into(), "yes".into()],
                vec![
                    "longer".into(),
                    "100".into(),
                    "5.0 %".into(),
                    "NO: x".into(),
                ],
            ],
        );
        assert_eq!(
            s.text(),
            "mode    cost  saving  check\na          1       -  yes\nlonger   100   5.0 %  NO: x\n\n"
        );
        let html = s.html();
        assert!(html.starts_with("<table><tr><th>mode</th>"));
    }

    #[test]
    fn site_ids_stay_left_and_headings_follow_a_blank_line() {
        let mut s = Summary::default();
        s.note("n");
        s.heading("h");
        s.table(
            &["site", "n"],
            vec![
                vec!["120119102221".into(), "1".into()],
                vec!["7".into(), "10".into()],
            ],
        );
        assert_eq!(
            s.text(),
            "n\n\nh\nsite           n\n120119102221   1\n7             10\n\n"
        );
    }

    #[test]
    fn html_escapes_headings_notes_and_lists() {
        let s = Summary {
            blocks: vec![
                Block::Heading("<h>".into()),
                Block::Note("a & b".into()),
                Block::List(vec!["<li>".into()]),
            ],
        };
        assert_eq!(
            s.html(),
            "<h2>&lt;h&gt;</h2><p>a &amp; b</p><ul><li>&lt;li&gt;</li></ul>"
        );
    }
}
