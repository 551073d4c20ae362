//! Adaptive control of the penalty weights towards a target share of feasible solutions, per
//! kind of constraint (Vidal et al. 2012). The weights themselves, and what they multiply, are in
//! [`super::cost`].

use super::cost::{CostEvaluator, Excess, PerConstraint, MIN_WEIGHT};

/// Tracks, per kind of constraint, how often educated solutions satisfy it and nudges the
/// corresponding weight up (too few feasible) or down (too many).
#[derive(Debug, Clone)]
pub(crate) struct PenaltyManager {
    pub penalties: CostEvaluator,
    /// Each weight's ceiling ([`CostEvaluator::caps`]).
    pub caps: CostEvaluator,
    history: PerConstraint<Vec<bool>>,
    window: usize,
    target: f64,
}

impl PenaltyManager {
    pub fn new(initial: CostEvaluator, caps: CostEvaluator, window: usize, target: f64) -> Self {
        Self {
            penalties: initial,
            caps,
            history: PerConstraint::default(),
            window,
            target,
        }
    }

    /// Records which constraints an educated solution (with these excesses) satisfies; every
    /// `window` records the weights are updated.
    pub fn register(&mut self, excess: &Excess) {
        let target = self.target;
        let window = self.window;
        let slots = self
            .history
            .as_mut()
            .zip(excess.map(|e| e == 0))
            .zip(self.penalties.weights.as_mut().zip(self.caps.weights));
        for ((hist, ok), (weight, cap)) in slots.into_array() {
            hist.push(ok);
            if hist.len() < window {
                continue;
            }
            let share = hist.iter().filter(|&&ok| ok).count() as f64 / hist.len() as f64;
            hist.clear();
            if share < target - 0.05 {
                *weight = ((*weight as f64 * 1.25).ceil() as i64)
                    .max(*weight + 1)
                    .min(cap);
            } else if share > target + 0.05 {
                *weight = ((*weight as f64 * 0.85) as i64).max(MIN_WEIGHT);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The weights' ceilings (found by fuzz/model_eval: on a problem with day-long arcs the
    //! adaptive control raised the time-warp weight to 2^30, and weight times time warp
    //! overflowed `i64` while a route was priced).

    use super::PenaltyManager;
    use crate::model::{worst_extents, UNBOUNDED};
    use crate::search::cost::{CostEvaluator, Excess, PerConstraint, MAX_WEIGHT};
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
    fn raised(sd: &SearchData, windows: usize) -> PerConstraint<i64> {
        let mut manager =
            PenaltyManager::new(CostEvaluator::initial(sd), CostEvaluator::caps(sd), 10, 0.4);
        let broken = Excess {
            load: 1,
            time_warp: 1,
            distance: 1,
        };
        for _ in 0..windows * 10 {
            manager.register(&broken);
        }
        manager.penalties.weights
    }

    #[test]
    fn raised_weights_times_the_worst_excess_stay_in_range() {
        let data = problem(UNBOUNDED / 1000);
        let sd = SearchData::new(&data);
        let caps = CostEvaluator::caps(&sd).weights;
        let extents = worst_extents(&data);
        let duration = extents.per_type[0].duration;
        let distance = extents.per_type[0].distance;
        // The ceilings bind far below the global one here, and the control reaches them.
        assert!(caps.time_warp < MAX_WEIGHT && caps.distance < MAX_WEIGHT);
        let top = raised(&sd, 200);
        assert_eq!(
            top,
            PerConstraint {
                load: top.load,
                ..caps
            }
        );
        assert!(i128::from(top.time_warp) * 2 * duration <= i128::from(UNBOUNDED));
        assert!(i128::from(top.distance) * distance <= i128::from(UNBOUNDED));
        assert!(i128::from(top.load) * extents.total_load <= i128::from(UNBOUNDED));
        let repair = CostEvaluator { weights: top }.scaled(10, &CostEvaluator { weights: caps });
        assert_eq!(repair.weights, caps);
    }

    #[test]
    fn ordinary_problems_keep_the_global_ceiling() {
        let data = problem(1_000);
        let sd = SearchData::new(&data);
        assert_eq!(CostEvaluator::caps(&sd), CostEvaluator::uniform(MAX_WEIGHT));
        assert_eq!(raised(&sd, 200).time_warp, MAX_WEIGHT);
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
        let initial = CostEvaluator::initial(&sd).weights;
        assert_eq!(
            initial.load,
            100_000.min(CostEvaluator::caps(&sd).weights.load)
        );
    }
}
