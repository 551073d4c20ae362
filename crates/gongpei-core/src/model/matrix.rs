//! Dense square matrices of travel distances or durations, stored row-major in shared,
//! immutable storage: cloning a [`Matrix`] is O(1), so a duration matrix equal to the distance
//! matrix (CVRP files, unit speed) costs no memory of its own.

use super::{ModelError, ModelErrorKind};
use std::sync::Arc;

/// A dense `n x n` matrix of `i64`, row-major. Asymmetric matrices are allowed.
///
/// The entries live in reference-counted storage that is never modified after construction, so
/// [`Clone`] shares it instead of copying (a 10,000-location matrix is 800 MB).
///
/// ```
/// use gongpei_core::Matrix;
/// let m = Matrix::from_fn(3, |i, j| (i as i64 - j as i64).abs() * 10);
/// assert_eq!(m.get(0, 2), 20);
/// assert_eq!(m.size(), 3);
/// let copy = m.clone();
/// assert!(copy.shares_storage_with(&m));
/// assert_eq!(copy, m);
/// ```
#[derive(Clone)]
pub struct Matrix {
    size: usize,
    data: Arc<[i64]>,
}

impl Matrix {
    /// Memory budget of one matrix: 4 GiB of entries, i.e. at most [`Self::MAX_SIZE`] = 23,170
    /// locations. Readers check a file's size against it before allocating anything of size
    /// `n^2` (see [`Self::check_size`]), so an absurd `DIMENSION` is an error, not an abort.
    pub const MAX_BYTES: u64 = 4 << 30;

    /// The largest matrix size within [`Self::MAX_BYTES`] (23,170).
    pub const MAX_SIZE: usize =
        (Self::MAX_BYTES / std::mem::size_of::<i64>() as u64).isqrt() as usize;

    /// Checks that a `size x size` matrix fits [`Self::MAX_BYTES`], with an error that says how
    /// much it would need.
    ///
    /// ```
    /// use gongpei_core::Matrix;
    /// assert!(Matrix::check_size(10_000).is_ok());
    /// let err = Matrix::check_size(200_000).unwrap_err();
    /// assert!(err.message().contains("320.0 GB"), "{err}");
    /// assert!(Matrix::check_size(usize::MAX).is_err());
    /// ```
    pub fn check_size(size: usize) -> Result<(), ModelError> {
        let bytes = (size as u128) * (size as u128) * std::mem::size_of::<i64>() as u128;
        if bytes <= u128::from(Self::MAX_BYTES) {
            return Ok(());
        }
        Err(ModelError::new(
            ModelErrorKind::TooLarge,
            format!(
                "{size} locations need a {size} x {size} travel matrix of {:.1} GB, above the \
                 budget of {} GiB per matrix (at most {} locations)",
                bytes as f64 / 1e9,
                Self::MAX_BYTES >> 30,
                Self::MAX_SIZE
            ),
        ))
    }

    /// A matrix of the given size filled with zeros.
    pub fn zeros(size: usize) -> Self {
        Self::from_fn(size, |_, _| 0)
    }

    /// Builds a matrix from a function of (row, column), called row by row.
    ///
    /// The entries are written straight into the shared storage (no intermediate copy, so
    /// building a matrix needs its own size in memory and no more). A size taken from untrusted
    /// input should pass [`Self::check_size`] first.
    pub fn from_fn(size: usize, mut f: impl FnMut(usize, usize) -> i64) -> Self {
        let (mut i, mut j) = (0, 0);
        // `Map<Range, _>` has an exact length, so the collection allocates the shared storage
        // once and writes into it, unlike collecting a `Vec` first and converting.
        let data: Arc<[i64]> = (0..size * size)
            .map(|_| {
                let value = f(i, j);
                j += 1;
                if j == size {
                    j = 0;
                    i += 1;
                }
                value
            })
            .collect();
        Self { size, data }
    }

    /// Builds a symmetric matrix from a function called once per unordered pair: `f(i, j)` for
    /// `i <= j`, mirrored to `(j, i)`. Half the calls of [`Self::from_fn`], for costly entries
    /// such as rounded Euclidean distances.
    ///
    /// ```
    /// use gongpei_core::Matrix;
    /// let mut calls = 0;
    /// let m = Matrix::from_symmetric_fn(3, |i, j| {
    ///     calls += 1;
    ///     (10 * i + j) as i64
    /// });
    /// assert_eq!(calls, 6);
    /// assert_eq!(m.row(1), &[1, 11, 12]);
    /// assert_eq!(m.get(2, 0), m.get(0, 2));
    /// ```
    pub fn from_symmetric_fn(size: usize, mut f: impl FnMut(usize, usize) -> i64) -> Self {
        // Filled by exact-length collection, so the storage is allocated once and unique.
        let mut data: Arc<[i64]> = (0..size * size).map(|_| 0).collect();
        let cells = Arc::get_mut(&mut data).expect("a freshly collected Arc is unique");
        for i in 0..size {
            for j in i..size {
                cells[i * size + j] = f(i, j);
            }
        }
        // The lower triangle reads the upper one column-wise; tiles keep both in cache.
        const TILE: usize = 64;
        for bi in (0..size).step_by(TILE) {
            for bj in (0..=bi).step_by(TILE) {
                for i in bi..(bi + TILE).min(size) {
                    for j in bj..(bj + TILE).min(i) {
                        cells[i * size + j] = cells[j * size + i];
                    }
                }
            }
        }
        Self { size, data }
    }

    /// Wraps `size * size` row-major entries (a `Vec<i64>`, a slice, a boxed slice, or already
    /// shared storage).
    ///
    /// ```
    /// use gongpei_core::Matrix;
    /// assert!(Matrix::from_row_major(2, vec![0, 1, 1, 0]).is_ok());
    /// assert!(Matrix::from_row_major(2, &[0i64, 1, 1, 0][..]).is_ok());
    /// let err = Matrix::from_row_major(2, vec![0, 1, 1]).unwrap_err();
    /// assert!(err.message().contains("3 entries"));
    /// ```
    pub fn from_row_major(size: usize, data: impl Into<Arc<[i64]>>) -> Result<Self, ModelError> {
        let data = data.into();
        check_len(size, data.len())?;
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
        check_len(size, values.len())?;
        let limit = super::UNBOUNDED as f64;
        if let Some((k, &v)) = values.iter().enumerate().find(|(_, &v)| {
            let scaled = (v * scale).round();
            !scaled.is_finite() || scaled.abs() > limit
        }) {
            return Err(ModelError::new(
                ModelErrorKind::NotFinite,
                format!(
                    "matrix entry ({}, {}) = {v} is not a finite number in range",
                    k / size,
                    k % size
                ),
            ));
        }
        let data: Arc<[i64]> = values.iter().map(|&v| (v * scale).round() as i64).collect();
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

    /// Whether both matrices read the same storage (one is a clone of the other), so holding
    /// both costs the memory of one.
    ///
    /// ```
    /// use gongpei_core::Matrix;
    /// let a = Matrix::from_fn(2, |i, j| (i + j) as i64);
    /// let b = Matrix::from_fn(2, |i, j| (i + j) as i64);
    /// assert!(a.shares_storage_with(&a.clone()));
    /// assert!(!a.shares_storage_with(&b)); // equal entries, separate storage
    /// ```
    pub fn shares_storage_with(&self, other: &Matrix) -> bool {
        Arc::ptr_eq(&self.data, &other.data)
    }

    /// The largest entry (0 for an empty matrix).
    pub fn max(&self) -> i64 {
        self.data.iter().copied().max().unwrap_or(0)
    }
}

fn check_len(size: usize, len: usize) -> Result<(), ModelError> {
    if Some(len) == size.checked_mul(size) {
        return Ok(());
    }
    Err(ModelError::new(
        ModelErrorKind::Dimension,
        format!(
            "matrix data has {len} entries, expected {size} x {size} = {}",
            size.saturating_mul(size)
        ),
    ))
}

impl PartialEq for Matrix {
    fn eq(&self, other: &Self) -> bool {
        self.size == other.size && (self.shares_storage_with(other) || self.data == other.data)
    }
}

impl Eq for Matrix {}

impl std::fmt::Debug for Matrix {
    /// Size and at most the first row's worth of entries: a full dump of a large matrix would
    /// swamp any log or assertion message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const SHOWN: usize = 16;
        let shown = &self.data[..self.data.len().min(SHOWN)];
        let mut s = f.debug_struct("Matrix");
        s.field("size", &self.size).field("first_entries", &shown);
        if self.data.len() > SHOWN {
            s.field("omitted", &(self.data.len() - SHOWN));
        }
        s.finish()
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    //! `{"size": n, "data": [row-major entries]}`, as the derived form of the former
    //! `Vec`-backed matrix; deserialising checks that `data` has `size * size` entries.

    use super::Matrix;
    use serde::de::Error as _;
    use serde::ser::SerializeStruct;

    impl serde::Serialize for Matrix {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut s = serializer.serialize_struct("Matrix", 2)?;
            s.serialize_field("size", &self.size)?;
            s.serialize_field("data", self.as_slice())?;
            s.end()
        }
    }

    #[derive(serde::Deserialize)]
    #[serde(rename = "Matrix")]
    struct Raw {
        size: usize,
        data: Vec<i64>,
    }

    impl<'de> serde::Deserialize<'de> for Matrix {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let raw = Raw::deserialize(deserializer)?;
            Matrix::from_row_major(raw.size, raw.data).map_err(D::Error::custom)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn max_size_is_the_largest_size_within_the_budget() {
        assert!(Matrix::check_size(Matrix::MAX_SIZE).is_ok());
        let err = Matrix::check_size(Matrix::MAX_SIZE + 1).unwrap_err();
        assert_eq!(err.kind(), ModelErrorKind::TooLarge);
        assert!(Matrix::check_size(1_000_000_000).is_err());
    }

    #[test]
    fn from_fn_fills_row_by_row() {
        let m = Matrix::from_fn(3, |i, j| (10 * i + j) as i64);
        assert_eq!(m.as_slice(), &[0, 1, 2, 10, 11, 12, 20, 21, 22]);
        assert_eq!(m.row(1), &[10, 11, 12]);
        assert_eq!(Matrix::from_fn(0, |_, _| 1).as_slice(), &[] as &[i64]);
    }

    #[test]
    fn symmetric_construction_matches_the_full_one() {
        for size in [0, 1, 2, 63, 64, 65, 130] {
            let f = |i: usize, j: usize| ((i * 7919 + j * 104_729) % 1000) as i64;
            let sym = |i: usize, j: usize| f(i.min(j), i.max(j));
            let mut lower_calls = 0;
            let m = Matrix::from_symmetric_fn(size, |i, j| {
                if i > j {
                    lower_calls += 1;
                }
                f(i, j)
            });
            assert_eq!(lower_calls, 0);
            assert_eq!(m, Matrix::from_fn(size, sym), "size {size}");
        }
    }

    #[test]
    fn clones_share_and_compare_equal() {
        let a = Matrix::from_fn(4, |i, j| (i * j) as i64);
        let b = a.clone();
        assert!(a.shares_storage_with(&b));
        assert_eq!(a.as_slice().as_ptr(), b.as_slice().as_ptr());
        let c = Matrix::from_row_major(4, a.as_slice().to_vec()).unwrap();
        assert!(!c.shares_storage_with(&a));
        assert_eq!(a, c);
        assert_ne!(a, Matrix::zeros(4));
        assert_ne!(Matrix::zeros(2), Matrix::zeros(3));
    }

    #[test]
    fn wrong_lengths_are_rejected_with_the_counts() {
        let err = Matrix::from_row_major(3, vec![0; 8]).unwrap_err();
        assert!(err.message().contains("8 entries"), "{err}");
        assert!(err.message().contains("3 x 3 = 9"), "{err}");
        assert!(Matrix::from_f64(2, &[0.0; 3], 1.0).is_err());
    }

    #[test]
    fn from_f64_names_the_bad_cell() {
        let err = Matrix::from_f64(2, &[0.0, 1.0, f64::INFINITY, 0.0], 1.0).unwrap_err();
        assert!(err.message().contains("(1, 0)"), "{err}");
        let m = Matrix::from_f64(2, &[0.0, 2.5, -2.5, 0.4], 1.0).unwrap();
        assert_eq!(m.as_slice(), &[0, 3, -3, 0]);
    }

    #[test]
    fn debug_output_stays_short() {
        let text = format!("{:?}", Matrix::zeros(100));
        assert!(text.len() < 200, "{text}");
        assert!(text.contains("size: 100"));
    }
}
