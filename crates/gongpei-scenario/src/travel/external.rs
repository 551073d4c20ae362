//! External travel matrices (`roads.matrices`): one profile's distances and durations between
//! the scenario's sites, read from a long CSV or from `.npy` arrays with a site-id file, and
//! checked against the scenario: known ids only, every non-junction site present, every pair
//! between the present sites given, values finite and >= 0 (rounded to whole metres and
//! seconds).

use std::collections::HashMap;
use std::path::Path;

use crate::model::SiteTier;
use gongpei_core::Matrix;
use gongpei_network::Site;

use super::{matrix_csv, matrix_npy, resolve_path};
use crate::error::ScenarioError;
use crate::model::{ExternalMatrix, Scenario};

/// How many missing pairs or sites an error lists before "and N more".
const LISTED: usize = 5;

/// A full square table over some of the scenario's sites.
#[derive(Debug, Clone, PartialEq)]
pub struct ExternalTable {
    /// The file (the CSV, or the distance `.npy`) named in errors.
    pub file: String,
    /// Site id of each row/column.
    pub ids: Vec<String>,
    position: HashMap<String, usize>,
    /// Row-major distances, metres.
    distance: Vec<i64>,
    /// Row-major durations, seconds.
    duration: Vec<i64>,
}

/// Entries of a table being read: `None` where a pair was not given.
pub(crate) struct Entries {
    pub ids: Vec<String>,
    pub distance: Vec<Option<f64>>,
    pub duration: Vec<Option<f64>>,
}

pub(crate) fn matrix_error(file: &str, message: String) -> ScenarioError {
    ScenarioError::Matrix {
        file: file.to_string(),
        message,
    }
}

fn listed(items: &[String]) -> String {
    let mut text = items
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > LISTED {
        text += &format!(" and {} more", items.len() - LISTED);
    }
    text
}

impl ExternalTable {
    /// Reads and checks `roads.matrices[index]` of `scenario`.
    pub fn read(
        scenario: &Scenario,
        index: usize,
        spec: &ExternalMatrix,
        base_dir: Option<&Path>,
    ) -> Result<ExternalTable, ScenarioError> {
        let known: HashMap<&str, usize> = scenario
            .sites
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let (file, entries) = match (
            &spec.csv,
            &spec.distance_npy,
            &spec.duration_npy,
            &spec.site_ids,
        ) {
            (Some(csv), _, _, _) => {
                let path = resolve_path(base_dir, csv);
                (path.display().to_string(), matrix_csv::read(&path, &known)?)
            }
            (None, Some(d), Some(t), Some(ids)) => {
                let (d, t, ids) = (
                    resolve_path(base_dir, d),
                    resolve_path(base_dir, t),
                    resolve_path(base_dir, ids),
                );
                (
                    d.display().to_string(),
                    matrix_npy::read(&d, &t, &ids, &known)?,
                )
            }
            _ => {
                return Err(ScenarioError::Invalid {
                    origin: scenario.name.clone(),
                    problems: vec![crate::Problem {
                        path: format!("roads.matrices[{index}]"),
                        message: "needs csv, or distance_npy + duration_npy + site_ids".into(),
                    }],
                })
            }
        };
        let n = entries.ids.len();
        let missing_sites: Vec<String> = scenario
            .sites
            .iter()
            .filter(|s| s.tier != SiteTier::Junction && !entries.ids.contains(&s.id))
            .map(|s| format!("{} ({})", s.id, s.name))
            .collect();
        if !missing_sites.is_empty() {
            return Err(matrix_error(
                &file,
                format!(
                    "{} site(s) of the scenario are missing (profile {:?}): {}",
                    missing_sites.len(),
                    spec.profile,
                    listed(&missing_sites)
                ),
            ));
        }
        let mut missing_pairs = Vec::new();
        let (mut distance, mut duration) = (vec![0i64; n * n], vec![0i64; n * n]);
        for i in 0..n {
            for j in 0..n {
                let k = i * n + j;
                match (entries.distance[k], entries.duration[k]) {
                    (Some(d), Some(t)) => {
                        distance[k] = d.round() as i64;
                        duration[k] = t.round() as i64;
                    }
                    _ if i == j => {}
                    _ => missing_pairs.push(format!("({}, {})", entries.ids[i], entries.ids[j])),
                }
            }
        }
        if !missing_pairs.is_empty() {
            return Err(matrix_error(
                &file,
                format!(
                    "{} pair(s) missing: {}",
                    missing_pairs.len(),
                    listed(&missing_pairs)
                ),
            ));
        }
        let position = entries
            .ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.clone(), i))
            .collect();
        Ok(ExternalTable {
            file,
            ids: entries.ids,
            position,
            distance,
            duration,
        })
    }

    /// Number of sites in the table.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when the table has no site.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Distance (m) and duration (s) from site id `from` to site id `to`, if both are in it.
    pub fn get(&self, from: &str, to: &str) -> Option<(i64, i64)> {
        let (i, j) = (*self.position.get(from)?, *self.position.get(to)?);
        let k = i * self.ids.len() + j;
        Some((self.distance[k], self.duration[k]))
    }

    /// The matrices between `sites` (indices into `network_sites`, whose ids key the table).
    pub fn sub_matrices(
        &self,
        network_sites: &[Site],
        sites: &[usize],
    ) -> Result<(Matrix, Matrix), ScenarioError> {
        let mut rows = Vec::with_capacity(sites.len());
        for &s in sites {
            let site = network_sites.get(s).ok_or_else(|| {
                matrix_error(&self.file, format!("site index {s} is out of range"))
            })?;
            let row = self.position.get(&site.id).copied().ok_or_else(|| {
                matrix_error(
                    &self.file,
                    format!("site {} ({}) is not in the matrix", site.id, site.name),
                )
            })?;
            rows.push(row);
        }
        let (n, k) = (self.ids.len(), rows.len());
        let pick = |values: &[i64]| {
            let data: Vec<i64> = rows
                .iter()
                .flat_map(|&i| rows.iter().map(move |&j| values[i * n + j]))
                .collect();
            Matrix::from_row_major(k, data).expect("k x k entries")
        };
        Ok((pick(&self.distance), pick(&self.duration)))
    }
}

/// Checks one value: finite and >= 0; the error message names `what`.
pub(crate) fn check_value(what: &str, value: f64) -> Result<f64, String> {
    if (0.0..1.0e12).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{what} {value} must be a finite number >= 0"))
    }
}
