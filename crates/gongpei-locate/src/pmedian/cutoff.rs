//! The cutoff: the value a lower bound must reach to prove that no choice beats the incumbent by
//! enough to matter, so that the incumbent is optimal (or a sub-problem can be dropped).

/// Any choice whose objective is at least `value` is of no interest: it does not beat the
/// incumbent, or only by less than the tolerated gap. A bound `b` with `b >= value` on a set of
/// choices therefore rules the whole set out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Cutoff {
    /// The threshold.
    pub value: f64,
}

impl Cutoff {
    /// The cutoff for incumbent objective `upper`.
    ///
    /// With integer weighted costs every objective is an integer, so a choice beating `upper`
    /// costs at most `upper - 1`: any bound above `upper - 1` (with a margin for the bound's
    /// floating-point error) proves `upper` optimal. Otherwise a choice is of interest when it beats
    /// `upper` by more than `relative_gap * upper` (the meaning of [`SolveOptions::relative_gap`]);
    /// the smaller threshold of the two applies.
    ///
    /// [`SolveOptions::relative_gap`]: crate::SolveOptions::relative_gap
    pub fn new(upper: f64, integral: bool, relative_gap: f64) -> Self {
        let scale = upper.abs().max(1.0);
        let by_gap = upper - relative_gap.max(0.0) * upper.abs() + 1e-12 * scale;
        // The bound's own rounding error is far below this margin for objectives up to ~1e14.
        let margin = (1e-9 * scale).clamp(1e-6, 0.1);
        let value = if integral {
            by_gap.min(upper - 1.0 + margin)
        } else {
            by_gap
        };
        Self { value }
    }

    /// True when a lower bound of `bound` rules a set of choices out.
    pub fn excludes(&self, bound: f64) -> bool {
        bound >= self.value
    }
}

#[cfg(test)]
mod tests {
    use super::Cutoff;

    #[test]
    fn integer_objectives_round_the_bound_up() {
        let c = Cutoff::new(100.0, true, 1e-9);
        assert!(c.excludes(99.01));
        assert!(!c.excludes(98.99));
        let c = Cutoff::new(100.0, false, 1e-9);
        assert!(!c.excludes(99.99));
        assert!(c.excludes(100.0));
    }

    #[test]
    fn a_larger_gap_lowers_the_threshold() {
        assert!(Cutoff::new(100.0, true, 0.05).excludes(95.5));
        assert!(!Cutoff::new(100.0, true, 0.05).excludes(94.5));
    }
}
