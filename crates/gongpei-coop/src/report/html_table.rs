//! HTML tables and lists of plain text for the report pages: every cell and item is escaped, so
//! names from scenario files can go in as they are. A header carries its unit
//! (`daily yuan/day`, `trunk km`); numbers are formatted by the caller, as the terminal tables
//! format them.
//!
//! ```
//! use gongpei_coop::report::html_table::{html_list, html_table};
//! let t = html_table(&["site", "cost yuan/day"], &[vec!["<b>".into(), "12".into()]]);
//! assert_eq!(t, "<table><tr><th>site</th><th>cost yuan/day</th></tr><tr><td>&lt;b&gt;</td><td>12</td></tr></table>");
//! assert_eq!(html_list(&["a & b".to_string()]), "<ul><li>a &amp; b</li></ul>");
//! ```

use std::fmt::Write;

use super::escape::html_text;

/// A table with one header row; each row's cells are plain text.
pub fn html_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut h = String::from("<table><tr>");
    for c in header {
        let _ = write!(h, "<th>{}</th>", html_text(c));
    }
    h.push_str("</tr>");
    for row in rows {
        h.push_str("<tr>");
        for c in row {
            let _ = write!(h, "<td>{}</td>", html_text(c));
        }
        h.push_str("</tr>");
    }
    h.push_str("</table>");
    h
}

/// A bulleted list of plain-text items (e.g. a result's assumptions).
pub fn html_list(items: &[String]) -> String {
    let mut h = String::from("<ul>");
    for i in items {
        let _ = write!(h, "<li>{}</li>", html_text(i));
    }
    h.push_str("</ul>");
    h
}
