//! Depots: where vehicles start and end their routes.

use crate::{Duration, UNBOUNDED};

/// A depot with an opening window. Depot `d` is location `d` in the matrices.
///
/// ```
/// use gongpei_core::Depot;
/// let hub = Depot { name: "Jizhou hub".into(), tw_early: 6 * 3600, ..Depot::default() };
/// assert_eq!(hub.tw_late, gongpei_core::UNBOUNDED);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Depot {
    /// Free-form name used in error messages and reports.
    pub name: String,
    /// Earliest time a vehicle may leave.
    pub tw_early: Duration,
    /// Latest time a vehicle may return.
    pub tw_late: Duration,
}

impl Default for Depot {
    fn default() -> Self {
        Self {
            name: String::new(),
            tw_early: 0,
            tw_late: UNBOUNDED,
        }
    }
}
