//! Vehicle types: a group of identical vehicles with capacity, depots, shift and costs.

use crate::{Cost, Distance, Duration, Load, UNBOUNDED};

/// A group of `count` identical vehicles.
///
/// A route's cost ([`VehicleType::route_cost`]) is `fixed_cost + unit_distance_cost * distance +
/// unit_duration_cost * duration`,
/// where duration runs from leaving the start depot to returning to the end depot, waiting
/// included. Vehicles leave no earlier than `tw_early` and return no later than `tw_late`.
///
/// ```
/// use gongpei_core::VehicleType;
/// let van = VehicleType {
///     name: "van".into(),
///     fixed_cost: 150_00,
///     unit_distance_cost: 1,
///     max_duration: 8 * 3600,
///     ..VehicleType::with_capacity(3, vec![200, 1500])
/// };
/// assert_eq!(van.count, 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct VehicleType {
    /// Free-form name used in error messages and reports.
    pub name: String,
    /// Number of vehicles of this type available.
    pub count: usize,
    /// Capacity per load dimension.
    pub capacity: Vec<Load>,
    /// Depot the vehicles leave from.
    pub start_depot: usize,
    /// Depot the vehicles return to.
    pub end_depot: usize,
    /// Earliest departure from the start depot (shift start).
    pub tw_early: Duration,
    /// Latest return to the end depot (shift end).
    pub tw_late: Duration,
    /// Longest allowed route duration (driver shift limit).
    pub max_duration: Duration,
    /// Longest allowed route distance.
    pub max_distance: Distance,
    /// Cost of using one vehicle of this type.
    pub fixed_cost: Cost,
    /// Cost per unit of distance.
    pub unit_distance_cost: Cost,
    /// Cost per unit of route duration.
    pub unit_duration_cost: Cost,
    /// Index of the distance/duration matrix pair this type travels on.
    pub profile: usize,
    /// The features the type's vehicles have, as a bit set (bit `i` is the caller's feature
    /// `i`): a client whose [`crate::Client::required_features`] are not all here cannot ride
    /// it. 0, the default, has none (and serves every client that needs none).
    #[cfg_attr(feature = "serde", serde(default))]
    pub features: u64,
}

impl VehicleType {
    /// `count` vehicles of the given capacity at depot 0, costing one unit per unit of distance.
    pub fn with_capacity(count: usize, capacity: Vec<Load>) -> Self {
        Self {
            count,
            capacity,
            ..Self::default()
        }
    }

    /// What one route of this type costs: `fixed_cost + unit_distance_cost * distance +
    /// unit_duration_cost * duration` (the engine's one definition of a route's cost, used by the
    /// search and the evaluator alike).
    ///
    /// ```
    /// use gongpei_core::VehicleType;
    /// let van = VehicleType {
    ///     fixed_cost: 100,
    ///     unit_distance_cost: 2,
    ///     unit_duration_cost: 1,
    ///     ..VehicleType::with_capacity(1, vec![10])
    /// };
    /// assert_eq!(van.route_cost(30, 45), 100 + 2 * 30 + 45);
    /// ```
    pub fn route_cost(&self, distance: Distance, duration: Duration) -> Cost {
        self.tariff().route_cost(distance, duration)
    }

    /// The type's costs as the search carries them.
    pub(crate) fn tariff(&self) -> Tariff {
        Tariff {
            fixed: self.fixed_cost,
            per_distance: self.unit_distance_cost,
            per_duration: self.unit_duration_cost,
        }
    }
}

/// What a vehicle type charges for a route: a fixed cost plus costs per unit of distance and of
/// duration (validation keeps every route's total within range).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tariff {
    pub fixed: Cost,
    pub per_distance: Cost,
    pub per_duration: Cost,
}

impl Tariff {
    /// The cost of a route with the given distance and duration.
    #[inline(always)]
    pub fn route_cost(&self, distance: Distance, duration: Duration) -> Cost {
        self.fixed + self.per_distance * distance + self.per_duration * duration
    }

    /// As [`Self::route_cost`], saturating instead of overflowing (for the evaluator's routes
    /// that revisit clients, see `DurationSegment::join_saturating`).
    pub fn route_cost_saturating(&self, distance: Distance, duration: Duration) -> Cost {
        self.fixed
            .saturating_add(self.per_distance.saturating_mul(distance))
            .saturating_add(self.per_duration.saturating_mul(duration))
    }
}

impl Default for VehicleType {
    fn default() -> Self {
        Self {
            name: String::new(),
            count: 1,
            capacity: Vec::new(),
            start_depot: 0,
            end_depot: 0,
            tw_early: 0,
            tw_late: UNBOUNDED,
            max_duration: UNBOUNDED,
            max_distance: UNBOUNDED,
            fixed_cost: 0,
            unit_distance_cost: 1,
            unit_duration_cost: 0,
            profile: 0,
            features: 0,
        }
    }
}
