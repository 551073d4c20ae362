//! Dense square matrices of travel distances or durations, stored row-major.

use super::{ModelError, ModelErrorKind};

/// A dense `n x n` matrix of `i64`, row-major. Asymmetric matrices are allowed.
///
/// ```
/// use gongpei_core::Matrix;
/// let m = Matrix::from_fn(3, |i, j| (i as i64 - j as i64).abs() * 10);
/// assert_eq!(m.get(0, 2), 20);
/// assert_eq!(m.size(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Matrix {
    size: usize,
    data: Vec<i64>,
}

impl Matrix {
    /// A matrix of the given size filled with zeros.
    pub fn zeros(size: usize) -> Self {
        Self {
            size,
            data: vec![0; size * size],
        }
    }

    /// Builds a matrix from a function of (row, column).
    pub fn from_fn(size: usize, mut f: impl FnMut(usize, usize) -> i64) -> Self {
        let mut data = Vec::with_capacity(size * size);
        for i in 0..size {
            for j in 0..size {
                data.push(f(i, j));
            }
        }
        Self { size, data }
    }

    /// Wraps a row-major vector of `size * size` entries.
    ///
    /// ```
    /// use gongpei_core::Matrix;
    /// assert!(Matrix::from_row_major(2, vec![0, 1, 1, 0]).is_ok());
    /// assert!(Matrix::from_row_major(2, vec![0, 1, 1]).is_err());
    /// ```
    pub fn from_row_major(size: usize, data: Vec<i64>) -> Result<Self, ModelError> {
        if data.len() != size * size {
            return Err(ModelError::new(
                ModelErrorKind::Dimension,
                format!(
                    "matrix data has {} entries, expected {size} x {size} = {}",
                    data.len(),
                    size * size
                ),
            ));
        }
        Ok(Self { size, data })
    }

    /// Converts floating-point values to integers by `round(value * scale)`, rejecting NaN,
    /// infinities and values out of range with the offending cell named.
    ///
    /// ```
    /// use gongpei_core::Matrix;
    /// let m = Matrix::from_f64(2, &[0.0, 1.26, 1.24, 0.0], 10.0).unwrap();
    /// assert_eq!(m.get(0, 1), 13);
    /// assert!(Matrix::from_f64(1, &[f64::NAN], 1.0).is_err());
    /// ```
    pub fn from_f64(size: usize, values: &[f64], scale: f64) -> Result<Self, ModelError> {
        if values.len() != size * size {
            return Err(ModelError::new(
                ModelErrorKind::Dimension,
                format!(
                    "matrix data has {} entries, expected {size} x {size} = {}",
                    values.len(),
                    size * size
                ),
            ));
        }
        let limit = super::UNBOUNDED as f64;
        let mut data = Vec::with_capacity(values.len());
        for (k, &v) in values.iter().enumerate() {
            let scaled = (v * scale).round();
            if !scaled.is_finite() || scaled.abs() > limit {
                return Err(ModelError::new(
                    ModelErrorKind::NotFinite,
                    format!(
                        "matrix entry ({}, {}) = {v} is not a finite number in range",
                        k / size,
                        k % size
                    ),
                ));
            }
            data.push(scaled as i64);
        }
        Ok(Self { size, data })
    }

    /// Number of rows (and columns).
    #[inline]
    pub fn size(&self) -> usize {
        self.size
    }

    /// The entry at row `i`, column `j`.
    #[inline(always)]
    pub fn get(&self, i: usize, j: usize) -> i64 {
        self.data[i * self.size + j]
    }

    /// Row `i` as a slice.
    #[inline]
    pub fn row(&self, i: usize) -> &[i64] {
        &self.data[i * self.size..(i + 1) * self.size]
    }

    /// All entries, row-major.
    pub fn as_slice(&self) -> &[i64] {
        &self.data
    }

    /// The largest entry (0 for an empty matrix).
    pub fn max(&self) -> i64 {
        self.data.iter().copied().max().unwrap_or(0)
    }
}
