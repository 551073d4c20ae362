//! The incumbent and the best lower bound found so far, and the status they prove: optimal when
//! the bound reaches the cutoff, otherwise the gap between them.

use super::cutoff::Cutoff;
use super::heuristic::Medians;
use crate::mip::MipStatus;

/// Incumbent, lower bound and what the cutoff depends on.
pub(super) struct Bounds {
    /// The best choice found.
    pub best: Medians,
    /// A lower bound on the optimum.
    pub lower: f64,
    /// Every objective is an integer.
    pub integral: bool,
    /// [`crate::SolveOptions::relative_gap`].
    pub relative_gap: f64,
}

impl Bounds {
    /// The cutoff of the current incumbent.
    pub fn cutoff(&self) -> Cutoff {
        Cutoff::new(self.best.cost, self.integral, self.relative_gap)
    }

    /// Takes `candidate` if it beats the incumbent; true if it did.
    pub fn offer(&mut self, candidate: Medians) -> bool {
        let better = candidate.cost < self.best.cost;
        if better {
            self.best = candidate;
        }
        better
    }

    /// Records `bound`, a lower bound on every choice of interest under the current cutoff (the
    /// choices not of interest cost at least the cutoff): the optimum is at least the smaller of
    /// the two.
    pub fn bound_interesting(&mut self, bound: f64) {
        self.lower = self.lower.max(bound.min(self.cutoff().value));
    }

    /// True when the bound proves the incumbent optimal.
    pub fn proven(&self) -> bool {
        self.cutoff().excludes(self.lower) || self.lower >= self.best.cost
    }

    /// The status: optimal when `proven` (by the caller's argument) or by the bound, else the
    /// relative gap between incumbent and bound.
    pub fn status(&self, proven: bool) -> MipStatus {
        if proven || self.proven() {
            return MipStatus::Optimal;
        }
        let upper = self.best.cost;
        let gap = if upper > 0.0 {
            ((upper - self.lower) / upper).max(0.0)
        } else {
            0.0
        };
        MipStatus::Stopped { gap }
    }
}
