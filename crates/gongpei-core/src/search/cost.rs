//! The search's constraint and cost model, in one place: the kinds of constraint the search
//! relaxes ([`PerConstraint`]), how far a route breaks each one ([`Excess::of_route`]), what a
//! route costs ([`crate::model::Tariff`], the objective's route part) and the penalised cost that ranks
//! solutions under the current weights ([`CostEvaluator`], after PyVRP's cost evaluator).
//!
//! The route caches, the pricer of assembled routes, the local search's export, the savings
//! construction, the genetic and iterated searches and the penalty control all go through these
//! items, so a new relaxed constraint is a new field of [`PerConstraint`]: the compiler then lists
//! the places that must say what it is (its excess in [`Excess::of_route`], its starting weight and
//! ceiling in [`CostEvaluator::initial`] and [`CostEvaluator::caps`]); everything else (penalising,
//! feasibility, the adaptive control, the population's ranking) follows from the field list.

use super::data::{SearchData, TypeInfo};
use crate::eval::{DurationSegment, LoadSegment};
use crate::model::{worst_extents, UNBOUNDED};

/// One value per kind of constraint the search relaxes and penalises: load over capacity, time
/// warp (lateness plus duration over the limit) and distance over the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct PerConstraint<T> {
    pub load: T,
    pub time_warp: T,
    pub distance: T,
}

impl<T> PerConstraint<T> {
    /// The same function applied to every constraint's value.
    #[inline(always)]
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> PerConstraint<U> {
        PerConstraint {
            load: f(self.load),
            time_warp: f(self.time_warp),
            distance: f(self.distance),
        }
    }

    /// Pairs each constraint's value with the other's.
    #[inline(always)]
    pub fn zip<U>(self, other: PerConstraint<U>) -> PerConstraint<(T, U)> {
        PerConstraint {
            load: (self.load, other.load),
            time_warp: (self.time_warp, other.time_warp),
            distance: (self.distance, other.distance),
        }
    }

    /// The values in a fixed order (load, time warp, distance).
    #[inline(always)]
    pub fn into_array(self) -> [T; 3] {
        [self.load, self.time_warp, self.distance]
    }

    /// Borrows every value.
    #[inline(always)]
    pub fn as_mut(&mut self) -> PerConstraint<&mut T> {
        PerConstraint {
            load: &mut self.load,
            time_warp: &mut self.time_warp,
            distance: &mut self.distance,
        }
    }
}

/// Where a route's load summaries come from: one [`LoadSegment`] per load dimension.
pub(crate) trait Loads {
    /// The load summary of dimension `k`.
    fn load(&self, k: usize) -> LoadSegment;
}

/// A route's cached summaries, one per dimension.
impl Loads for [LoadSegment] {
    #[inline(always)]
    fn load(&self, k: usize) -> LoadSegment {
        self[k]
    }
}

/// No load to check: the caller keeps capacity itself (the savings construction merges only
/// paths that fit).
pub(crate) struct CheckedElsewhere;

impl Loads for CheckedElsewhere {
    #[inline(always)]
    fn load(&self, _: usize) -> LoadSegment {
        LoadSegment::default()
    }
}

/// How far a route (or a whole solution, summed) breaks each relaxed constraint; all zero when
/// it keeps them.
pub(crate) type Excess = PerConstraint<i64>;

impl Excess {
    /// The excess of a route of type `t` with the given distance, schedule summary (`None` when
    /// the problem has no schedule constraint or duration cost, see `SearchData::has_time`) and
    /// load summary of each dimension.
    #[inline(always)]
    pub fn of_route(
        t: &TypeInfo,
        distance: i64,
        schedule: Option<&DurationSegment>,
        loads: &(impl Loads + ?Sized),
    ) -> Self {
        let mut load_excess = 0;
        for (k, &capacity) in t.capacity.iter().enumerate() {
            load_excess += loads.load(k).excess(capacity);
        }
        Self {
            load: load_excess,
            time_warp: schedule.map_or(0, |s| s.time_warp_with_max(t.max_duration)),
            distance: (distance - t.max_distance).max(0),
        }
    }

    /// Whether every constraint is kept.
    #[inline]
    pub fn is_feasible(&self) -> bool {
        self.into_array().iter().all(|&e| e == 0)
    }

    /// The sum of both excesses, constraint by constraint.
    #[inline]
    pub fn plus(self, other: Self) -> Self {
        self.zip(other).map(|(a, b)| a + b)
    }
}

/// What a route of type `t` with the given distance and schedule costs, unpenalised: the
/// type's [`crate::model::Tariff`] applied to the distance and the schedule's duration (0 without one).
#[inline(always)]
pub(crate) fn route_objective(
    t: &TypeInfo,
    distance: i64,
    schedule: Option<&DurationSegment>,
) -> i64 {
    t.tariff
        .route_cost(distance, schedule.map_or(0, |s| s.duration))
}

/// Ranks solutions by their objective plus each constraint's excess times its current weight
/// (integer cost per unit of excess).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CostEvaluator {
    pub weights: PerConstraint<i64>,
}

impl CostEvaluator {
    /// The same weight for every constraint.
    pub fn uniform(weight: i64) -> Self {
        Self {
            weights: PerConstraint {
                load: weight,
                time_warp: weight,
                distance: weight,
            },
        }
    }

    /// Starting weights: one unit of excess load costs about as much as the distance a unit of
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
            .map(|t| t.tariff.per_distance.max(t.tariff.per_duration))
            .max()
            .unwrap_or(1)
            .max(1);
        // In i128: validation bounds each type's own cost x its own profile's distances, but this
        // mixes the largest unit cost of one type with the longest arc of another profile.
        let load =
            (i128::from(unit) * i128::from(max_dist) / i128::from(max_load)).clamp(1, 100_000);
        let start = PerConstraint {
            load: load as i64,
            time_warp: unit,
            distance: unit,
        };
        Self {
            weights: start.zip(Self::caps(sd).weights).map(|(w, cap)| w.min(cap)),
        }
    }

    /// The largest weight of each kind: at most [`MAX_WEIGHT`], and low enough that the weight
    /// times the worst excess of its kind any route of the problem can have (all load; all
    /// distance; lateness plus duration over the limit, each at most the worst duration) stays
    /// within [`UNBOUNDED`], so pricing a route never overflows however far the adaptive control
    /// raises the weights.
    pub fn caps(sd: &SearchData) -> Self {
        let extents = worst_extents(sd.data);
        let worst = |f: fn(&crate::model::TypeExtent) -> i128| {
            extents.per_type.iter().map(f).max().unwrap_or(0)
        };
        let worst_excess = PerConstraint {
            load: extents.total_load,
            time_warp: 2 * worst(|t| t.duration),
            distance: worst(|t| t.distance),
        };
        Self {
            weights: worst_excess.map(|excess| {
                (i128::from(UNBOUNDED) / excess.max(1))
                    .clamp(i128::from(MIN_WEIGHT), i128::from(MAX_WEIGHT)) as i64
            }),
        }
    }

    /// `objective` plus the penalties of `excess`.
    #[inline(always)]
    pub fn penalised(&self, objective: i64, excess: &Excess) -> i64 {
        let PerConstraint {
            load,
            time_warp,
            distance,
        } = self.weights;
        objective + load * excess.load + time_warp * excess.time_warp + distance * excess.distance
    }

    /// Penalised cost of a non-empty route of type `t` (see [`Excess::of_route`] for the
    /// arguments).
    #[inline(always)]
    pub fn route_cost(
        &self,
        t: &TypeInfo,
        distance: i64,
        schedule: Option<&DurationSegment>,
        loads: &(impl Loads + ?Sized),
    ) -> i64 {
        self.penalised(
            route_objective(t, distance, schedule),
            &Excess::of_route(t, distance, schedule, loads),
        )
    }

    /// The same weights multiplied by `factor`, each at most its cap in `caps` (used to repair
    /// infeasible offspring).
    pub fn scaled(&self, factor: i64, caps: &CostEvaluator) -> Self {
        Self {
            weights: self
                .weights
                .zip(caps.weights)
                .map(|(w, cap)| w.saturating_mul(factor).min(cap)),
        }
    }
}

/// The global ceiling of every weight.
pub(crate) const MAX_WEIGHT: i64 = 1 << 30;
/// The floor of every weight.
pub(crate) const MIN_WEIGHT: i64 = 1;

/// The route cost an unpenalised lower bound can use: a route of type `t` costs at least its
/// tariff at the given distance and zero duration (durations are never negative).
#[inline(always)]
pub(crate) fn objective_lower_bound(t: &TypeInfo, distance: i64) -> i64 {
    t.tariff.route_cost(distance, 0)
}
