//! The worst a route of a problem can reach: every client on one route over the longest arcs,
//! waiting up to the latest opening time. Validation refuses problems whose worst route cannot be
//! priced in `i64`, and the search caps its penalty weights so that a weight times the worst
//! excess of its kind stays within [`UNBOUNDED`](super::UNBOUNDED).

use super::{Matrix, ProblemData, UNBOUNDED};

/// Upper bounds on what one route can carry, drive and take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Extents {
    /// Every client's deliveries and pickups, summed over the load dimensions.
    pub total_load: i128,
    /// Per vehicle type, the largest distance and duration a route can have.
    pub per_type: Vec<TypeExtent>,
}

/// The largest distance and duration of a route of one vehicle type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TypeExtent {
    /// One arc per client and one back, each the longest of the type's profile.
    pub distance: i128,
    /// The latest opening time (waiting at most until then), the longest arcs and all service.
    pub duration: i128,
}

/// The worst route of `data` (see the module documentation).
pub(crate) fn worst_extents(data: &ProblemData) -> Extents {
    let total_load: i128 = data
        .clients
        .iter()
        .flat_map(|c| c.delivery.iter().chain(&c.pickup))
        .map(|&l| i128::from(l))
        .sum();
    let arcs = data.clients.len() as i128 + 1;
    // Waiting lasts until the latest opening time at most (an open end adds none).
    let finite = |v: i64| if v < UNBOUNDED { i128::from(v) } else { 0 };
    let latest_time = data
        .clients
        .iter()
        .flat_map(|c| [i128::from(c.tw_early), finite(c.tw_late)])
        .chain(
            data.depots
                .iter()
                .flat_map(|d| [i128::from(d.tw_early), finite(d.tw_late)]),
        )
        .chain(
            data.vehicle_types
                .iter()
                .flat_map(|v| [i128::from(v.tw_early), finite(v.tw_late)]),
        )
        .max()
        .unwrap_or(0);
    let service: i128 = data
        .clients
        .iter()
        .map(|c| i128::from(c.service_duration))
        .sum();
    let longest = |m: &Matrix| i128::from(m.max());
    let per_type = data
        .vehicle_types
        .iter()
        .map(|vt| TypeExtent {
            distance: arcs * longest(&data.distances[vt.profile]),
            duration: latest_time + arcs * longest(&data.durations[vt.profile]) + service,
        })
        .collect();
    Extents {
        total_load,
        per_type,
    }
}
