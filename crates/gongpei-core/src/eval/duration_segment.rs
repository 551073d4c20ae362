//! Time-window segments: minimal duration, time warp and the window of feasible start times of a
//! sequence of visits, joinable in O(1).

use crate::{Duration, UNBOUNDED};

/// Summary of a sequence of visits for scheduling (Vidal et al. 2013).
///
/// Starting the sequence at any time in `[tw_early, tw_late]` gives the minimal `duration`
/// (travel, service and waiting) and the minimal `time_warp` (total lateness that would have to be
/// "warped back" to meet every window). Joining two segments is O(1):
///
/// ```
/// use gongpei_core::eval::DurationSegment;
/// // Visit A (window [0, 10], service 2), then B (window [20, 30], service 1), 5 apart.
/// let a = DurationSegment::vertex(2, 0, 10);
/// let b = DurationSegment::vertex(1, 20, 30);
/// let ab = a.join(&b, 5);
/// assert_eq!(ab.time_warp, 0);
/// assert_eq!(ab.duration, 2 + 5 + 1 + 3); // leaving A at 10 at the latest, waiting 3 at B
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DurationSegment {
    /// Minimal total duration, waiting included.
    pub duration: Duration,
    /// Minimal total time warp.
    pub time_warp: Duration,
    /// Earliest start at the first visit that achieves the minima.
    pub tw_early: Duration,
    /// Latest start at the first visit that achieves the minima.
    pub tw_late: Duration,
}

impl DurationSegment {
    /// A single visit with the given service duration and time window.
    #[inline(always)]
    pub fn vertex(service: Duration, tw_early: Duration, tw_late: Duration) -> Self {
        Self {
            duration: service,
            time_warp: 0,
            tw_early,
            tw_late,
        }
    }

    /// The neutral element: an empty sequence.
    pub fn empty() -> Self {
        Self {
            duration: 0,
            time_warp: 0,
            tw_early: 0,
            tw_late: UNBOUNDED,
        }
    }

    /// This sequence followed by `other`, with `travel` time between the two.
    #[inline(always)]
    pub fn join(&self, other: &Self, travel: Duration) -> Self {
        let delta = self.duration - self.time_warp + travel;
        let delta_wait = (other.tw_early - delta - self.tw_late).max(0);
        let delta_tw = (self.tw_early + delta - other.tw_late).max(0);
        Self {
            duration: self.duration + other.duration + travel + delta_wait,
            time_warp: self.time_warp + other.time_warp + delta_tw,
            tw_early: (other.tw_early - delta).max(self.tw_early) - delta_wait,
            tw_late: (other.tw_late - delta).min(self.tw_late) + delta_tw,
        }
    }

    /// As [`Self::join`], saturating instead of overflowing. For the evaluator only: a solution
    /// handed to [`crate::Solution::evaluate`] may visit a client many times, and each revisit
    /// can add a wait and a time warp as long as the horizon, beyond what validation bounds for
    /// routes that visit each client once (the search's routes, which use the plain join).
    pub(crate) fn join_saturating(&self, other: &Self, travel: Duration) -> Self {
        let delta = self
            .duration
            .saturating_sub(self.time_warp)
            .saturating_add(travel);
        let delta_wait = other
            .tw_early
            .saturating_sub(delta)
            .saturating_sub(self.tw_late)
            .max(0);
        let delta_tw = self
            .tw_early
            .saturating_add(delta)
            .saturating_sub(other.tw_late)
            .max(0);
        Self {
            duration: self
                .duration
                .saturating_add(other.duration)
                .saturating_add(travel)
                .saturating_add(delta_wait),
            time_warp: self
                .time_warp
                .saturating_add(other.time_warp)
                .saturating_add(delta_tw),
            tw_early: other
                .tw_early
                .saturating_sub(delta)
                .max(self.tw_early)
                .saturating_sub(delta_wait),
            tw_late: other
                .tw_late
                .saturating_sub(delta)
                .min(self.tw_late)
                .saturating_add(delta_tw),
        }
    }

    /// Time warp including the excess of `duration` over `max_duration`.
    #[inline(always)]
    pub fn time_warp_with_max(&self, max_duration: Duration) -> Duration {
        self.time_warp + (self.duration - max_duration).max(0)
    }
}

#[cfg(test)]
mod tests {
    use super::DurationSegment;
    use crate::search::Rng;

    /// Where nothing saturates, the evaluator's join is the search's.
    #[test]
    fn the_saturating_join_equals_the_join_in_range() {
        let mut rng = Rng::new(11);
        let mut draw = |n: usize| rng.below(n) as i64;
        for _ in 0..20_000 {
            let early = draw(500);
            let a = DurationSegment::vertex(draw(20), early, early + draw(300));
            let early = draw(500);
            let b = DurationSegment::vertex(draw(20), early, early + draw(300));
            let travel = draw(200);
            let ab = a.join(&b, travel);
            assert_eq!(a.join_saturating(&b, travel), ab);
            let c = DurationSegment::vertex(draw(20), draw(400), 400 + draw(400));
            assert_eq!(ab.join_saturating(&c, 7), ab.join(&c, 7));
        }
    }
}
