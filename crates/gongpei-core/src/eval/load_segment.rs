//! Load segments for simultaneous pickup and delivery in one load dimension, joinable in O(1).

use crate::Load;

/// Summary of a sequence of visits for one load dimension.
///
/// With deliveries loaded at the start depot and pickups unloaded at the end depot, the vehicle's
/// load is highest somewhere along the route; `max_load` is that peak within the segment,
/// counting the deliveries still aboard for later visits of the segment.
///
/// ```
/// use gongpei_core::eval::LoadSegment;
/// let a = LoadSegment::vertex(5, 0); // deliver 5
/// let b = LoadSegment::vertex(0, 7); // pick up 7
/// let ab = a.join(&b);
/// assert_eq!(ab.max_load, 7); // after b: 7 aboard; at start: 5 aboard
/// let ba = b.join(&a);
/// assert_eq!(ba.max_load, 12); // after b, the 5 for a are still aboard
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LoadSegment {
    /// Total delivered.
    pub delivery: Load,
    /// Total picked up.
    pub pickup: Load,
    /// Peak load within the segment.
    pub max_load: Load,
}

impl LoadSegment {
    /// A single visit.
    #[inline(always)]
    pub fn vertex(delivery: Load, pickup: Load) -> Self {
        Self {
            delivery,
            pickup,
            max_load: delivery.max(pickup),
        }
    }

    /// This sequence followed by `other`.
    #[inline(always)]
    pub fn join(&self, other: &Self) -> Self {
        Self {
            delivery: self.delivery + other.delivery,
            pickup: self.pickup + other.pickup,
            max_load: (self.max_load + other.delivery).max(self.pickup + other.max_load),
        }
    }

    /// Amount by which the peak load exceeds `capacity` (0 when it fits).
    #[inline(always)]
    pub fn excess(&self, capacity: Load) -> Load {
        (self.max_load - capacity).max(0)
    }
}
