//! What every location model returns: the chosen sites, who is served by which, the objective
//! recomputed from the choice, the MIP status and the time.

use std::time::Duration;

use crate::costs::CostMatrix;
use crate::mip::MipStatus;

/// A solved location model.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Solution {
    /// Chosen (opened) candidates, by column index, ascending.
    pub open: Vec<usize>,
    /// For each demand point, the candidate serving it; `None` only in maximal covering, for a
    /// demand point no chosen site covers.
    pub assignment: Vec<Option<usize>>,
    /// The model's objective, recomputed from `open` and `assignment` (not HiGHS's floating value).
    pub objective: f64,
    /// Proven optimal, or stopped with a gap.
    pub status: MipStatus,
    /// Wall-clock time to build and solve the model.
    #[cfg_attr(feature = "serde", serde(with = "seconds"))]
    pub elapsed: Duration,
}

#[cfg(feature = "serde")]
mod seconds {
    //! Serialises a duration as seconds (a float), the unit every report uses.
    pub fn serialize<S: serde::Serializer>(
        d: &std::time::Duration,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_f64(d.as_secs_f64())
    }
}

/// The chosen columns of a 0/1 vector of site variables.
pub(crate) fn chosen(values: &[f64]) -> Vec<usize> {
    (0..values.len())
        .filter(|&j| crate::mip::is_one(values[j]))
        .collect()
}

/// For each demand point, its cheapest open candidate (ties to the lowest index).
pub(crate) fn nearest_open(costs: &CostMatrix, open: &[usize]) -> Vec<Option<usize>> {
    (0..costs.demands())
        .map(|i| {
            open.iter()
                .copied()
                .min_by(|&a, &b| costs.cost(i, a).total_cmp(&costs.cost(i, b)))
        })
        .collect()
}
