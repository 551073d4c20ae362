//! Penalty weights for infeasibility and their adaptive control towards a target share of
//! feasible solutions (Vidal et al. 2012).

use super::data::SearchData;
use crate::model::{worst_extents, UNBOUNDED};

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
        let caps = Self::caps(sd);
        // In i128: validation bounds each type's own cost x its own profile's distances, but this
        // mixes the largest unit cost of one type with the longest arc of another profile.
        let load =
            (i128::from(unit) * i128::from(max_dist) / i128::from(max_load)).clamp(1, 100_000);
        Penalties {
            load: (load as i64).min(caps.load),
            time_warp: unit.min(caps.time_warp),
            distance: unit.min(caps.distance),
        }
    }

    /// The largest weight of each kind: at most [`MAX_PENALTY`], and low enough that the weight
    /// times the worst excess of its kind any route of the problem can have (all load; all
    /// distance; lateness plus duration over the limit, each at most the worst duration) stays
    /// within [`UNBOUNDED`], so pricing a route never overflows however far the adaptive control
    /// raises the weights.
    pub fn caps(sd: &SearchData) -> Self {
        let extents = worst_extents(sd.data);
        let worst = |f: fn(&crate::model::TypeExtent) -> i128| {
            extents.per_type.iter().map(f).max().unwrap_or(0)
        };
        let cap = |excess: i128| {
            (i128::from(UNBOUNDED) / excess.max(1))
                .clamp(i128::from(MIN_PENALTY), i128::from(MAX_PENALTY)) as i64
        };
        Penalties {
            load: cap(extents.total_load),
            time_warp: cap(2 * worst(|t| t.duration)),
            distance: cap(worst(|t| t.distance)),
        }
    }

    /// `objective` plus the penalties of the excesses `(load, time warp, distance)`.
    #[inline]
    pub fn penalise(&self, objective: i64, excess: (i64, i64, i64)) -> i64 {
        objective + self.load * excess.0 + self.time_warp * excess.1 + self.distance * excess.2
    }

    /// The same penalties multiplied by `factor`, each at most its cap in `caps` (used to
    /// repair infeasible offspring).
    pub fn scaled(&self, factor: i64, caps: &Penalties) -> Self {
        Self {
            load: self.load.saturating_mul(factor).min(caps.load),
            time_warp: self.time_warp.saturating_mul(factor).min(caps.time_warp),
            distance: self.distance.saturating_mul(factor).min(caps.distance),
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
    /// Each weight's ceiling ([`Penalties::caps`]).
    pub caps: Penalties,
    history: [Vec<bool>; 3],
    window: usize,
    target: f64,
}

impl PenaltyManager {
    pub fn new(initial: Penalties, caps: Penalties, window: usize, target: f64) -> Self {
        Self {
            penalties: initial,
            caps,
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
                (&mut self.penalties.load, self.caps.load),
                (&mut self.penalties.time_warp, self.caps.time_warp),
                (&mut self.penalties.distance, self.caps.distance),
            ];
            for (k, (value, cap)) in values.into_iter().enumerate() {
                let hist = &mut self.history[k];
                let share = hist.iter().filter(|&&ok| ok).count() as f64 / hist.len() as f64;
                hist.clear();
                if share < self.target - 0.05 {
                    *value = ((*value as f64 * 1.25).ceil() as i64)
                        .max(*value + 1)
                        .min(cap);
                } else if share > self.target + 0.05 {
                    *value = ((*value as f64 * 0.85) as i64).max(MIN_PENALTY);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The weights' ceilings (found by fuzz/model_eval: on a problem with day-long arcs the
    //! adaptive control raised the time-warp weight to 2^30, and weight times time warp
    //! overflowed `i64` while a route was priced).

    use super::{Penalties, PenaltyManager, MAX_PENALTY};
    use crate::model::{worst_extents, UNBOUNDED};
    use crate::search::data::SearchData;
    use crate::{Client, Depot, Matrix, ProblemData, VehicleType};

    fn problem(arc: i64) -> ProblemData {
        let d = Matrix::from_fn(3, |i, j| if i == j { 0 } else { arc });
        ProblemData::builder()
            .depot(Depot::default())
            .clients((0..2).map(|_| Client::with_delivery(vec![1])))
            .vehicle_type(VehicleType::with_capacity(1, vec![1]))
            .distance_matrix(d.clone())
            .duration_matrix(d)
            .build()
            .unwrap()
    }

    /// A manager that only ever sees infeasible solutions, after `windows` updates.
    fn raised(sd: &SearchData, windows: usize) -> Penalties {
        let mut manager = PenaltyManager::new(Penalties::initial(sd), Penalties::caps(sd), 10, 0.4);
        for _ in 0..windows * 10 {
            manager.register(false, false, false);
        }
        manager.penalties
    }

    #[test]
    fn raised_weights_times_the_worst_excess_stay_in_range() {
        let data = problem(UNBOUNDED / 1000);
        let sd = SearchData::new(&data);
        let caps = Penalties::caps(&sd);
        let extents = worst_extents(&data);
        let duration = extents.per_type[0].duration;
        let distance = extents.per_type[0].distance;
        // The ceilings bind far below the global one here, and the control reaches them.
        assert!(caps.time_warp < MAX_PENALTY && caps.distance < MAX_PENALTY);
        let top = raised(&sd, 200);
        assert_eq!(
            top,
            Penalties {
                load: top.load,
                ..caps
            }
        );
        assert!(i128::from(top.time_warp) * 2 * duration <= i128::from(UNBOUNDED));
        assert!(i128::from(top.distance) * distance <= i128::from(UNBOUNDED));
        assert!(i128::from(top.load) * extents.total_load <= i128::from(UNBOUNDED));
        let repair = top.scaled(10, &caps);
        assert_eq!(repair, caps);
    }

    #[test]
    fn ordinary_problems_keep_the_global_ceiling() {
        let data = problem(1_000);
        let sd = SearchData::new(&data);
        assert_eq!(
            Penalties::caps(&sd),
            Penalties {
                load: MAX_PENALTY,
                time_warp: MAX_PENALTY,
                distance: MAX_PENALTY
            }
        );
        assert_eq!(raised(&sd, 200).time_warp, MAX_PENALTY);
    }

    /// Found by the model_eval fuzz smoke: the starting load weight multiplied the largest unit
    /// cost of one vehicle type by the longest arc of another type's profile, each within the
    /// validated range, and overflowed `i64`.
    #[test]
    fn the_starting_load_weight_mixes_types_without_overflow() {
        let short = Matrix::from_fn(3, |i, j| if i == j { 0 } else { 1 });
        let long = Matrix::from_fn(3, |i, j| if i == j { 0 } else { UNBOUNDED / 100 });
        let costly = VehicleType {
            unit_duration_cost: UNBOUNDED / 100,
            ..VehicleType::with_capacity(1, vec![1])
        };
        let far = VehicleType {
            profile: 1,
            ..VehicleType::with_capacity(1, vec![1])
        };
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients((0..2).map(|_| Client::with_delivery(vec![1])))
            .vehicle_type(costly)
            .vehicle_type(far)
            .distance_matrix(short.clone())
            .duration_matrix(short)
            .distance_matrix(long.clone())
            .duration_matrix(long)
            .build()
            .unwrap();
        let sd = SearchData::new(&data);
        let initial = Penalties::initial(&sd);
        assert_eq!(initial.load, 100_000.min(Penalties::caps(&sd).load));
    }
}
