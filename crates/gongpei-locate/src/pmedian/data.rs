//! The p-median instance as the solver phases read it: the demand points that weigh something,
//! their weighted costs, and whether every objective is an integer (which lets a bound be
//! rounded up).

use crate::costs::CostMatrix;

/// Weighted costs of the demand points with a positive weight (a point of weight 0 costs nothing
/// wherever it is served, so no phase needs it).
pub(super) struct Instance {
    /// Number of demand points kept (those with a positive weight).
    pub clients: usize,
    /// Number of candidates.
    pub m: usize,
    /// Medians to open.
    pub p: usize,
    /// `weight * cost`, row-major, one row per kept demand point.
    wcost: Vec<f64>,
    /// True when every weighted cost is an integer, so every objective is one too.
    pub integral: bool,
}

impl Instance {
    /// Keeps the demand points of positive weight (`weight(i)`) of `costs`.
    pub fn new(costs: &CostMatrix, p: usize, weight: impl Fn(usize) -> f64) -> Self {
        let m = costs.candidates();
        let mut wcost = Vec::new();
        let mut clients = 0;
        for i in 0..costs.demands() {
            let w = weight(i);
            if w <= 0.0 {
                continue;
            }
            clients += 1;
            let row = costs.row(i);
            wcost.extend(row.iter().map(|&c| w * c));
        }
        let integral = wcost.iter().all(|&c| c.fract() == 0.0 && c < 2f64.powi(50));
        Self {
            clients,
            m,
            p,
            wcost,
            integral,
        }
    }

    /// Weighted cost of serving kept demand point `c` from candidate `j`.
    #[inline]
    pub fn wc(&self, c: usize, j: usize) -> f64 {
        self.wcost[c * self.m + j]
    }

    /// The weighted costs of kept demand point `c`, by candidate.
    #[inline]
    pub fn row(&self, c: usize) -> &[f64] {
        &self.wcost[c * self.m..(c + 1) * self.m]
    }

    /// The objective of opening `open`: each kept point served by its cheapest open candidate.
    pub fn objective(&self, open: &[usize]) -> f64 {
        (0..self.clients)
            .map(|c| {
                let row = self.row(c);
                open.iter().map(|&j| row[j]).fold(f64::INFINITY, f64::min)
            })
            .sum()
    }
}
