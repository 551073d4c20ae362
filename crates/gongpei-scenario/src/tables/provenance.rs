//! Where each part of the assembled scenario came from, so that a problem found later (by
//! serde or by [`crate::validate()`], which speak in JSON paths such as `demand[3].carrier`)
//! is reported at its table, row and column.

use super::error::{Origin, Place};
use super::spec::Column;

/// One record (or key) of the scenario's JSON form and the row it was read from.
struct Anchor {
    /// JSON path of the record, e.g. `sites[4]` or `costs.shared_hub`.
    path: String,
    origin: Origin,
    line: Option<usize>,
    /// Column for a path inside the record: `(relative path, column)`; `""` = the record itself.
    columns: Vec<(String, String)>,
}

/// Anchors of every record of a scenario built from tables.
#[derive(Default)]
pub(crate) struct Provenance {
    anchors: Vec<Anchor>,
}

impl Provenance {
    /// A row record whose columns map to paths inside it.
    pub fn record(&mut self, path: String, origin: &Origin, line: usize, columns: &[Column]) {
        self.anchors.push(Anchor {
            path,
            origin: origin.clone(),
            line: Some(line),
            columns: columns
                .iter()
                .filter_map(|c| c.path.map(|p| (p.to_string(), c.name.to_string())))
                .collect(),
        });
    }

    /// A value whose whole path is one cell (a key's value, a depot, a bus stop).
    pub fn cell(&mut self, path: String, origin: &Origin, line: Option<usize>, column: &str) {
        self.anchors.push(Anchor {
            path,
            origin: origin.clone(),
            line,
            columns: vec![(String::new(), column.to_string())],
        });
    }

    /// A whole table (for problems about a list as a whole).
    pub fn table(&mut self, path: String, origin: &Origin) {
        self.anchors.push(Anchor {
            path,
            origin: origin.clone(),
            line: None,
            columns: Vec::new(),
        });
    }

    /// The place of a JSON path: the deepest anchor containing it, and the column of the rest.
    pub fn place(&self, path: &str) -> Option<Place> {
        let inside = |anchor: &str| {
            path == anchor
                || (path.starts_with(anchor)
                    && matches!(path.as_bytes().get(anchor.len()), Some(b'.') | Some(b'[')))
        };
        let anchor = self
            .anchors
            .iter()
            .filter(|a| a.path.is_empty() || inside(&a.path))
            .max_by_key(|a| a.path.len())?;
        let rest = path[anchor.path.len()..].trim_start_matches('.');
        let column = anchor
            .columns
            .iter()
            .find(|(p, _)| {
                p == rest
                    || (rest.starts_with(p.as_str())
                        && !p.is_empty()
                        && rest.as_bytes().get(p.len()) == Some(&b'.'))
                    || (!rest.is_empty()
                        && p.starts_with(rest)
                        && p.as_bytes().get(rest.len()) == Some(&b'.'))
            })
            .or_else(|| anchor.columns.iter().find(|(p, _)| p.is_empty()))
            .map(|(_, c)| c.clone());
        Some(Place {
            origin: anchor.origin.clone(),
            line: anchor.line,
            column,
        })
    }
}
