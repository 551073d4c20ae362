//! Solutions and their evaluation: cost, schedule and every broken constraint.
//!
//! [`Solution::evaluate`] is the single evaluator behind every reported result: it prices routes
//! with the same segment arithmetic as the search and lists each violated constraint instead of
//! failing, so callers always learn exactly what is wrong with an infeasible plan.

use crate::eval::{DurationSegment, LoadSegment};
use crate::{Cost, Distance, Duration, Incompatibility, Load, ProblemData};

/// One vehicle's route: the clients it visits, in order, between its start and end depot.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Route {
    /// Index of the vehicle type driving the route.
    pub vehicle_type: usize,
    /// Client indices (not locations), in visiting order.
    pub visits: Vec<usize>,
}

/// A set of routes. Clients not on any route are unvisited.
///
/// ```
/// use gongpei_core::{Client, Depot, Matrix, ProblemData, Route, Solution, VehicleType};
/// let d = Matrix::from_fn(3, |i, j| if i == j { 0 } else { 10 });
/// let data = ProblemData::builder()
///     .depot(Depot::default())
///     .clients([Client::with_delivery(vec![6]), Client::with_delivery(vec![6])])
///     .vehicle_type(VehicleType::with_capacity(2, vec![10]))
///     .distance_matrix(d.clone()).duration_matrix(d)
///     .build().unwrap();
/// let one_route = Solution::new(vec![Route { vehicle_type: 0, visits: vec![0, 1] }]);
/// let report = one_route.evaluate(&data);
/// assert_eq!(report.cost, 30);
/// assert!(!report.is_feasible()); // 12 > 10 on dimension 0
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Solution {
    /// The routes; empty routes are allowed and cost nothing.
    pub routes: Vec<Route>,
}

/// A constraint a solution breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum Violation {
    /// A route names a vehicle type that does not exist.
    UnknownVehicleType { route: usize, vehicle_type: usize },
    /// A route visits a client index that does not exist.
    UnknownClient { route: usize, client: usize },
    /// A required client is on no route.
    MissingClient { client: usize },
    /// A client is visited more than once.
    DuplicateVisit { client: usize, times: usize },
    /// More routes use a vehicle type than it has vehicles.
    FleetSize {
        vehicle_type: usize,
        used: usize,
        available: usize,
    },
    /// A route's peak load exceeds capacity in a dimension.
    Capacity {
        route: usize,
        dimension: usize,
        load: Load,
        capacity: Load,
    },
    /// A route arrives after time windows close (total lateness).
    TimeWindows { route: usize, time_warp: Duration },
    /// A route lasts longer than the vehicle's maximum duration.
    MaxDuration {
        route: usize,
        duration: Duration,
        max_duration: Duration,
    },
    /// A route is longer than the vehicle's maximum distance.
    MaxDistance {
        route: usize,
        distance: Distance,
        max_distance: Distance,
    },
    /// A client rides a vehicle type it may not (missing features or a forbidden type; see
    /// [`ProblemData::incompatibility`]).
    Incompatible {
        route: usize,
        client: usize,
        vehicle_type: usize,
        reason: Incompatibility,
    },
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownVehicleType {
                route,
                vehicle_type,
            } => {
                write!(
                    f,
                    "route {route}: vehicle type {vehicle_type} does not exist"
                )
            }
            Self::UnknownClient { route, client } => {
                write!(f, "route {route}: client {client} does not exist")
            }
            Self::MissingClient { client } => write!(f, "required client {client} is not visited"),
            Self::DuplicateVisit { client, times } => {
                write!(f, "client {client} is visited {times} times")
            }
            Self::FleetSize {
                vehicle_type,
                used,
                available,
            } => write!(
                f,
                "vehicle type {vehicle_type}: {used} routes but only {available} vehicles"
            ),
            Self::Capacity {
                route,
                dimension,
                load,
                capacity,
            } => write!(
                f,
                "route {route}: load {load} exceeds capacity {capacity} in dimension {dimension}"
            ),
            Self::TimeWindows { route, time_warp } => {
                write!(
                    f,
                    "route {route}: time windows missed by {time_warp} in total"
                )
            }
            Self::MaxDuration {
                route,
                duration,
                max_duration,
            } => write!(
                f,
                "route {route}: duration {duration} exceeds max_duration {max_duration}"
            ),
            Self::MaxDistance {
                route,
                distance,
                max_distance,
            } => write!(
                f,
                "route {route}: distance {distance} exceeds max_distance {max_distance}"
            ),
            Self::Incompatible {
                route,
                client,
                vehicle_type,
                reason,
            } => write!(
                f,
                "route {route}: client {client} on vehicle type {vehicle_type} {reason}"
            ),
        }
    }
}

/// When a vehicle reaches and serves one client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Visit {
    /// Client index.
    pub client: usize,
    /// Arrival time.
    pub arrival: Duration,
    /// Start of service (after waiting; clamped to the window's end when late).
    pub service_start: Duration,
    /// Waiting before service.
    pub wait: Duration,
    /// Lateness at this visit (time warp).
    pub late: Duration,
}

/// Figures for one route.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RouteReport {
    /// Vehicle type index.
    pub vehicle_type: usize,
    /// Distance travelled.
    pub distance: Distance,
    /// Duration from leaving the start depot to returning, waiting included.
    pub duration: Duration,
    /// Total lateness over time windows and the shift end.
    pub time_warp: Duration,
    /// Departure from the start depot.
    pub start_time: Duration,
    /// Return to the end depot.
    pub end_time: Duration,
    /// Total delivered, per load dimension.
    pub delivery: Vec<Load>,
    /// Total picked up, per load dimension.
    pub pickup: Vec<Load>,
    /// Peak load aboard, per load dimension.
    pub peak_load: Vec<Load>,
    /// Fixed plus distance and duration cost.
    pub cost: Cost,
    /// The schedule, one entry per client.
    pub schedule: Vec<Visit>,
}

/// The evaluation of a whole solution.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SolutionReport {
    /// Objective: route costs plus prizes of unvisited optional clients.
    pub cost: Cost,
    /// Total distance.
    pub distance: Distance,
    /// Total route duration.
    pub duration: Duration,
    /// Prizes of unvisited optional clients.
    pub uncollected_prizes: Cost,
    /// Number of non-empty routes.
    pub num_routes: usize,
    /// One report per route of the solution, in order (empty routes included).
    pub routes: Vec<RouteReport>,
    /// Every broken constraint; empty when feasible.
    pub violations: Vec<Violation>,
}

impl SolutionReport {
    /// Whether no constraint is broken.
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }
}

impl Solution {
    /// Wraps routes into a solution.
    pub fn new(routes: Vec<Route>) -> Self {
        Self { routes }
    }

    /// The non-empty routes.
    pub fn non_empty_routes(&self) -> impl Iterator<Item = &Route> {
        self.routes.iter().filter(|r| !r.visits.is_empty())
    }

    /// Prices the solution and lists every broken constraint. Never panics, whatever the indices.
    pub fn evaluate(&self, data: &ProblemData) -> SolutionReport {
        let mut violations = Vec::new();
        let mut times_visited = vec![0usize; data.num_clients()];
        let mut routes_per_type = vec![0usize; data.num_vehicle_types()];
        let mut reports = Vec::with_capacity(self.routes.len());

        for (r, route) in self.routes.iter().enumerate() {
            if route.vehicle_type >= data.num_vehicle_types() {
                violations.push(Violation::UnknownVehicleType {
                    route: r,
                    vehicle_type: route.vehicle_type,
                });
                continue;
            }
            let mut valid = true;
            for &c in &route.visits {
                if c >= data.num_clients() {
                    violations.push(Violation::UnknownClient {
                        route: r,
                        client: c,
                    });
                    valid = false;
                } else {
                    times_visited[c] += 1;
                }
            }
            if !valid {
                continue;
            }
            if !route.visits.is_empty() {
                routes_per_type[route.vehicle_type] += 1;
            }
            let report = evaluate_route(data, route);
            route_violations(data, r, route, &report, &mut violations);
            reports.push(report);
        }

        let mut uncollected_prizes = 0;
        for (c, &times) in times_visited.iter().enumerate() {
            let client = data.client(c);
            match times {
                0 if client.required => violations.push(Violation::MissingClient { client: c }),
                0 => uncollected_prizes += client.prize,
                1 => {}
                _ => violations.push(Violation::DuplicateVisit { client: c, times }),
            }
        }
        for (v, &used) in routes_per_type.iter().enumerate() {
            let available = data.vehicle_type(v).count;
            if used > available {
                violations.push(Violation::FleetSize {
                    vehicle_type: v,
                    used,
                    available,
                });
            }
        }

        SolutionReport {
            cost: reports
                .iter()
                .fold(uncollected_prizes, |sum, r| sum.saturating_add(r.cost)),
            distance: reports
                .iter()
                .fold(0, |sum: Cost, r| sum.saturating_add(r.distance)),
            duration: reports
                .iter()
                .fold(0, |sum: Cost, r| sum.saturating_add(r.duration)),
            uncollected_prizes,
            num_routes: self.non_empty_routes().count(),
            routes: reports,
            violations,
        }
    }
}

fn route_violations(
    data: &ProblemData,
    r: usize,
    route: &Route,
    report: &RouteReport,
    out: &mut Vec<Violation>,
) {
    if route.visits.is_empty() {
        return;
    }
    for &c in &route.visits {
        if let Some(reason) = data.incompatibility(c, route.vehicle_type) {
            out.push(Violation::Incompatible {
                route: r,
                client: c,
                vehicle_type: route.vehicle_type,
                reason,
            });
        }
    }
    let vt = data.vehicle_type(route.vehicle_type);
    for (k, (&load, &capacity)) in report.peak_load.iter().zip(&vt.capacity).enumerate() {
        if load > capacity {
            out.push(Violation::Capacity {
                route: r,
                dimension: k,
                load,
                capacity,
            });
        }
    }
    if report.time_warp > 0 {
        out.push(Violation::TimeWindows {
            route: r,
            time_warp: report.time_warp,
        });
    }
    if report.duration > vt.max_duration {
        out.push(Violation::MaxDuration {
            route: r,
            duration: report.duration,
            max_duration: vt.max_duration,
        });
    }
    if report.distance > vt.max_distance {
        out.push(Violation::MaxDistance {
            route: r,
            distance: report.distance,
            max_distance: vt.max_distance,
        });
    }
}

/// Evaluates one route whose indices are known to be valid.
fn evaluate_route(data: &ProblemData, route: &Route) -> RouteReport {
    let vt = data.vehicle_type(route.vehicle_type);
    let dims = data.num_load_dims();
    if route.visits.is_empty() {
        return RouteReport {
            vehicle_type: route.vehicle_type,
            distance: 0,
            duration: 0,
            time_warp: 0,
            start_time: 0,
            end_time: 0,
            delivery: vec![0; dims],
            pickup: vec![0; dims],
            peak_load: vec![0; dims],
            cost: 0,
            schedule: Vec::new(),
        };
    }
    let dist = data.distance_matrix(vt.profile);
    let dur = data.duration_matrix(vt.profile);
    let start_depot = data.depot(vt.start_depot);
    let end_depot = data.depot(vt.end_depot);

    let mut loads = vec![LoadSegment::default(); dims];
    let start_window = (
        vt.tw_early.max(start_depot.tw_early),
        vt.tw_late.min(start_depot.tw_late),
    );
    let end_window = (
        vt.tw_early.max(end_depot.tw_early),
        vt.tw_late.min(end_depot.tw_late),
    );
    let mut segment = DurationSegment::vertex(0, start_window.0, start_window.1);
    let mut distance: Distance = 0;
    let mut prev = vt.start_depot;
    for &c in &route.visits {
        let client = data.client(c);
        let loc = data.client_location(c);
        for (k, seg) in loads.iter_mut().enumerate() {
            *seg = seg.join(&LoadSegment::vertex(client.delivery[k], client.pickup[k]));
        }
        let vertex =
            DurationSegment::vertex(client.service_duration, client.tw_early, client.tw_late);
        segment = segment.join_saturating(&vertex, dur.get(prev, loc));
        distance = distance.saturating_add(dist.get(prev, loc));
        prev = loc;
    }
    let end = DurationSegment::vertex(0, end_window.0, end_window.1);
    segment = segment.join_saturating(&end, dur.get(prev, vt.end_depot));
    distance = distance.saturating_add(dist.get(prev, vt.end_depot));

    // Replay the schedule from the earliest start that achieves the minimal duration.
    let start_time = segment.tw_early.min(segment.tw_late).max(start_window.0);
    let mut schedule = Vec::with_capacity(route.visits.len());
    let mut time = start_time;
    let mut prev = vt.start_depot;
    for &c in &route.visits {
        let client = data.client(c);
        let loc = data.client_location(c);
        let arrival = time + dur.get(prev, loc);
        let wait = (client.tw_early - arrival).max(0);
        let late = (arrival - client.tw_late).max(0);
        let service_start = arrival.max(client.tw_early).min(client.tw_late);
        schedule.push(Visit {
            client: c,
            arrival,
            service_start,
            wait,
            late,
        });
        time = service_start + client.service_duration;
        prev = loc;
    }
    let end_time = (time + dur.get(prev, vt.end_depot)).min(end_window.1.max(start_time));

    // Saturating: a route that revisits clients is outside what validation bounds.
    let cost = vt
        .tariff()
        .route_cost_saturating(distance, segment.duration);
    RouteReport {
        vehicle_type: route.vehicle_type,
        distance,
        duration: segment.duration,
        time_warp: segment.time_warp,
        start_time,
        end_time,
        delivery: loads.iter().map(|s| s.delivery).collect(),
        pickup: loads.iter().map(|s| s.pickup).collect(),
        peak_load: loads.iter().map(|s| s.max_load).collect(),
        cost,
        schedule,
    }
}
