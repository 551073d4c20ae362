//! Penalty weights for infeasibility and their adaptive control towards a target share of
//! feasible solutions (Vidal et al. 2012).

use super::data::SearchData;

/// Integer cost per unit of each kind of excess: load over capacity, time warp (lateness plus
/// duration over the limit) and distance over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Penalties {
    pub load: i64,
    pub time_warp: i64,
    pub distance: i64,
}

impl Penalties {
    /// Starting penalties: one unit of excess load costs about as much as the distance a unit of
    /// load typically travels; time warp and distance excess start at one cost unit per unit.
    pub fn initial(sd: &SearchData) -> Self {
        let max_dist = (0..sd.data.num_profiles())
            .map(|p| sd.data.distance_matrix(p).max())
            .max()
            .unwrap_or(1)
            .max(1);
        let max_load = sd
            .data
            .clients()
            .iter()
            .flat_map(|c| c.delivery.iter().chain(c.pickup.iter()).copied())
            .max()
            .unwrap_or(1)
            .max(1);
        let unit = sd
            .types
            .iter()
            .map(|t| t.unit_distance_cost.max(t.unit_duration_cost))
            .max()
            .unwrap_or(1)
            .max(1);
        Penalties {
            load: (unit * max_dist / max_load).clamp(1, 100_000),
            time_warp: unit.max(1),
            distance: unit.max(1),
        }
    }

    /// `objective` plus the penalties of the excesses `(load, time warp, distance)`.
    #[inline]
    pub fn penalise(&self, objective: i64, excess: (i64, i64, i64)) -> i64 {
        objective + self.load * excess.0 + self.time_warp * excess.1 + self.distance * excess.2
    }

    /// The same penalties multiplied by `factor` (used to repair infeasible offspring).
    pub fn scaled(&self, factor: i64) -> Self {
        Self {
            load: self.load.saturating_mul(factor).min(MAX_PENALTY),
            time_warp: self.time_warp.saturating_mul(factor).min(MAX_PENALTY),
            distance: self.distance.saturating_mul(factor).min(MAX_PENALTY),
        }
    }
}

const MAX_PENALTY: i64 = 1 << 30;
const MIN_PENALTY: i64 = 1;

/// Tracks, per kind of constraint, how often educated solutions satisfy it and nudges the
/// corresponding penalty up (too few feasible) or down (too many).
#[derive(Debug, Clone)]
pub(crate) struct PenaltyManager {
    pub penalties: Penalties,
    history: [Vec<bool>; 3],
    window: usize,
    target: f64,
}

impl PenaltyManager {
    pub fn new(initial: Penalties, window: usize, target: f64) -> Self {
        Self {
            penalties: initial,
            history: [Vec::new(), Vec::new(), Vec::new()],
            window,
            target,
        }
    }

    /// Records which constraints an educated solution satisfies; every `window` records the
    /// penalties are updated.
    pub fn register(&mut self, load_ok: bool, time_ok: bool, distance_ok: bool) {
        let oks = [load_ok, time_ok, distance_ok];
        for (k, ok) in oks.into_iter().enumerate() {
            self.history[k].push(ok);
        }
        if self.history[0].len() >= self.window {
            let values = [
                &mut self.penalties.load,
                &mut self.penalties.time_warp,
                &mut self.penalties.distance,
            ];
            for (k, value) in values.into_iter().enumerate() {
                let hist = &mut self.history[k];
                let share = hist.iter().filter(|&&ok| ok).count() as f64 / hist.len() as f64;
                hist.clear();
                if share < self.target - 0.05 {
                    *value = ((*value as f64 * 1.25).ceil() as i64)
                        .max(*value + 1)
                        .min(MAX_PENALTY);
                } else if share > self.target + 0.05 {
                    *value = ((*value as f64 * 0.85) as i64).max(MIN_PENALTY);
                }
            }
        }
    }
}
