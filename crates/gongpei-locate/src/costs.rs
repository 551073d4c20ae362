//! The dense demand x candidate cost matrix every model reads, validated once, with labels that
//! errors use to name a demand point or candidate.

use crate::error::LocateError;

/// Costs (distances, travel times or money) from each demand point (row) to each candidate site
/// (column), with optional labels for error messages and reports.
///
/// ```
/// use gongpei_locate::CostMatrix;
/// let m = CostMatrix::new(vec![vec![0.0, 4.0], vec![3.0, 0.0]]).unwrap();
/// assert_eq!((m.demands(), m.candidates()), (2, 2));
/// assert_eq!(m.cost(0, 1), 4.0);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CostMatrix {
    rows: usize,
    cols: usize,
    values: Vec<f64>,
    demand_labels: Option<Vec<String>>,
    candidate_labels: Option<Vec<String>>,
}

impl CostMatrix {
    /// Builds the matrix from rows; every entry must be finite and non-negative.
    pub fn new(rows: Vec<Vec<f64>>) -> Result<Self, LocateError> {
        let n = rows.len();
        if n == 0 {
            return Err(LocateError::NoDemand);
        }
        let m = rows[0].len();
        if m == 0 {
            return Err(LocateError::NoCandidate);
        }
        let mut values = Vec::with_capacity(n * m);
        for (i, row) in rows.into_iter().enumerate() {
            if row.len() != m {
                return Err(LocateError::RaggedCosts {
                    demand: format!("#{i}"),
                    found: row.len(),
                    expected: m,
                });
            }
            values.extend(row);
        }
        Self::from_flat(n, m, values)
    }

    /// Builds the matrix from `demands * candidates` values in row-major order.
    pub fn from_flat(
        demands: usize,
        candidates: usize,
        values: Vec<f64>,
    ) -> Result<Self, LocateError> {
        if demands == 0 {
            return Err(LocateError::NoDemand);
        }
        if candidates == 0 {
            return Err(LocateError::NoCandidate);
        }
        if values.len() != demands * candidates {
            return Err(LocateError::WrongLength {
                field: "cost values",
                found: values.len(),
                expected: demands * candidates,
            });
        }
        let matrix = Self {
            rows: demands,
            cols: candidates,
            values,
            demand_labels: None,
            candidate_labels: None,
        };
        for i in 0..demands {
            for j in 0..candidates {
                let c = matrix.cost(i, j);
                if !c.is_finite() || c < 0.0 {
                    return Err(LocateError::BadNumber {
                        field: "cost",
                        item: format!("demand point #{i} -> candidate #{j}"),
                        value: c,
                    });
                }
            }
        }
        Ok(matrix)
    }

    /// Names the demand points (rows) for errors and reports.
    pub fn with_demand_labels(mut self, labels: Vec<String>) -> Result<Self, LocateError> {
        check_len("demand_labels", labels.len(), self.rows)?;
        self.demand_labels = Some(labels);
        Ok(self)
    }

    /// Names the candidate sites (columns) for errors and reports.
    pub fn with_candidate_labels(mut self, labels: Vec<String>) -> Result<Self, LocateError> {
        check_len("candidate_labels", labels.len(), self.cols)?;
        self.candidate_labels = Some(labels);
        Ok(self)
    }

    /// Number of demand points (rows).
    pub fn demands(&self) -> usize {
        self.rows
    }

    /// Number of candidate sites (columns).
    pub fn candidates(&self) -> usize {
        self.cols
    }

    /// Cost from demand point `i` to candidate `j`.
    pub fn cost(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.cols + j]
    }

    /// The costs of demand point `i` to every candidate.
    pub fn row(&self, i: usize) -> &[f64] {
        &self.values[i * self.cols..(i + 1) * self.cols]
    }

    /// The label of demand point `i` (its given label, or `#i`).
    pub fn demand_label(&self, i: usize) -> String {
        match &self.demand_labels {
            Some(labels) => labels[i].clone(),
            None => format!("#{i}"),
        }
    }

    /// The label of candidate `j` (its given label, or `#j`).
    pub fn candidate_label(&self, j: usize) -> String {
        match &self.candidate_labels {
            Some(labels) => labels[j].clone(),
            None => format!("#{j}"),
        }
    }
}

/// Checks that a per-item vector has one entry per item.
pub(crate) fn check_len(
    field: &'static str,
    found: usize,
    expected: usize,
) -> Result<(), LocateError> {
    if found == expected {
        Ok(())
    } else {
        Err(LocateError::WrongLength {
            field,
            found,
            expected,
        })
    }
}

/// Checks that every value is finite and non-negative; `label` names item `k` in the error.
pub(crate) fn check_numbers(
    field: &'static str,
    values: &[f64],
    label: impl Fn(usize) -> String,
) -> Result<(), LocateError> {
    match values.iter().position(|v| !v.is_finite() || *v < 0.0) {
        None => Ok(()),
        Some(k) => Err(LocateError::BadNumber {
            field,
            item: label(k),
            value: values[k],
        }),
    }
}
