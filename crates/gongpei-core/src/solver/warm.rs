//! Warm starts, fixed routes and pinned clients, in one place: an [`InitialSolution`] is checked
//! against the problem ([`InitialSolution::check`], errors naming the route and position), its
//! fixed routes and their vehicles are taken out of the problem handed to the search
//! ([`Reduced`]), and the search's answer on the rest is merged back behind them, so the
//! evaluator sees the whole solution. The free routes seed every search
//! (`search::strategy::Start`); clients pinned to their route become the search's pin groups
//! (`SearchData::set_pins`), and [`pins_hold`] checks the answer keeps them.

use crate::{Cost, Matrix, ProblemData, Route, Solution};
use std::fmt;

/// A solution to start from ("yesterday's routes"), with some of its routes fixed.
///
/// Routes list client indices (not locations) in visiting order, each with its vehicle type.
/// Clients on no route are inserted by the search; the solution may break capacities, time
/// windows or limits (it is then penalised and repaired, and the outcome says it started
/// infeasible). Fixed routes (indices into `routes`) are kept exactly as given, their vehicles
/// used up; the search plans the remaining clients with the remaining vehicles. Pinned clients
/// stay together in their route (its order and its other clients may change, and it keeps its
/// vehicle), the clients pinned to different routes in different routes.
///
/// ```
/// use gongpei_core::{InitialSolution, Route};
/// let start = InitialSolution {
///     routes: vec![Route { vehicle_type: 0, visits: vec![2, 0] }, Route { vehicle_type: 0, visits: vec![1] }],
///     fixed_routes: vec![1],
///     pinned_clients: vec![2],
/// };
/// assert_eq!(start.routes.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InitialSolution {
    /// The routes to start from.
    pub routes: Vec<Route>,
    /// Indices into `routes` of the routes kept unchanged.
    pub fixed_routes: Vec<usize>,
    /// Clients that stay in their route of `routes` (with the route's other pinned clients).
    pub pinned_clients: Vec<usize>,
}

/// Why an initial solution does not fit the problem. Routes and positions are 0-based indices
/// into [`InitialSolution::routes`] and a route's visits; [`Self::describe`] numbers them from 1
/// for people reading a file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InitialSolutionError {
    /// A route names a vehicle type the problem does not have.
    UnknownVehicleType {
        route: usize,
        vehicle_type: usize,
        types: usize,
    },
    /// A visit names a client the problem does not have.
    UnknownClient {
        route: usize,
        position: usize,
        client: usize,
        clients: usize,
    },
    /// A client is visited a second time.
    DuplicateClient {
        route: usize,
        position: usize,
        client: usize,
        first_route: usize,
        first_position: usize,
    },
    /// A route is one more of its vehicle type than the type has vehicles.
    TooManyRoutes {
        route: usize,
        vehicle_type: usize,
        count: usize,
    },
    /// A fixed route index names no route.
    UnknownFixedRoute { index: usize, routes: usize },
    /// A route is listed twice among the fixed routes.
    FixedTwice { route: usize },
    /// A fixed route visits no client.
    EmptyFixedRoute { route: usize },
    /// The fixed routes use every vehicle while clients remain to be planned.
    NoVehicleLeft { clients: usize },
    /// A pinned client does not exist.
    UnknownPinnedClient { client: usize, clients: usize },
    /// A pinned client is on no route of the initial solution.
    PinnedNotVisited { client: usize },
    /// A client is listed twice among the pinned clients.
    PinnedTwice { client: usize },
    /// A pinned client is on a route whose vehicle type it may not ride (so it could not stay
    /// there; see [`crate::ProblemData::incompatibility`]).
    PinnedBarred {
        route: usize,
        position: usize,
        client: usize,
        vehicle_type: usize,
        reason: crate::Incompatibility,
    },
    /// The problem without the fixed routes and their vehicles is not valid (e.g. a remaining
    /// client fits none of the remaining vehicles); the model's message.
    Remainder { message: String },
}

impl InitialSolutionError {
    /// The message with routes and positions numbered from `base` (0 for program indices, 1 for
    /// the `Route #k` of a CVRPLIB `.sol` file).
    pub fn describe(&self, base: usize) -> String {
        match self {
            Self::UnknownVehicleType {
                route,
                vehicle_type,
                types,
            } => format!(
                "route {}: vehicle type {vehicle_type} does not exist (the problem has {types})",
                route + base
            ),
            Self::UnknownClient {
                route,
                position,
                client,
                clients,
            } => format!(
                "route {}, position {}: client {client} does not exist (the problem has {clients}, numbered from 0)",
                route + base,
                position + base
            ),
            Self::DuplicateClient {
                route,
                position,
                client,
                first_route,
                first_position,
            } => format!(
                "route {}, position {}: client {client} is already visited by route {}, position {}",
                route + base,
                position + base,
                first_route + base,
                first_position + base
            ),
            Self::TooManyRoutes {
                route,
                vehicle_type,
                count,
            } => format!(
                "route {}: one route more of vehicle type {vehicle_type} than its {count} vehicles",
                route + base
            ),
            Self::UnknownFixedRoute { index, routes } => format!(
                "fixed route {}: there is no such route (the initial solution has {routes})",
                index + base
            ),
            Self::FixedTwice { route } => {
                format!("fixed route {} is listed twice", route + base)
            }
            Self::EmptyFixedRoute { route } => {
                format!("fixed route {} visits no client", route + base)
            }
            Self::UnknownPinnedClient { client, clients } => format!(
                "pinned client {client} does not exist (the problem has {clients}, numbered from 0)"
            ),
            Self::PinnedNotVisited { client } => format!(
                "pinned client {client} is on no route of the initial solution"
            ),
            Self::PinnedTwice { client } => format!("pinned client {client} is listed twice"),
            Self::PinnedBarred {
                route,
                position,
                client,
                vehicle_type,
                reason,
            } => format!(
                "route {}, position {}: pinned client {client} may not stay on vehicle type \
                 {vehicle_type}, which {reason}",
                route + base,
                position + base
            ),
            Self::NoVehicleLeft { clients } => format!(
                "the fixed routes use every vehicle, but {clients} clients remain to be planned"
            ),
            Self::Remainder { message } => {
                format!("without the fixed routes and their vehicles: {message}")
            }
        }
    }
}

impl fmt::Display for InitialSolutionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(0))
    }
}

impl std::error::Error for InitialSolutionError {}

/// How a solve used its initial solution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarmStartReport {
    /// The initial solution's cost by [`Solution::evaluate`].
    pub initial_cost: Cost,
    /// Whether the initial solution was feasible (else it started infeasible and was repaired
    /// under penalties).
    pub initial_feasible: bool,
    /// The routes kept fixed (indices into the initial solution); they are the first routes of
    /// the answer, in this order.
    pub fixed_routes: Vec<usize>,
}

impl InitialSolution {
    /// Checks the solution against `data`: vehicle types exist, clients exist and are visited at
    /// most once, no type drives more non-empty routes than it has vehicles, fixed routes exist,
    /// are distinct and visit someone. The first problem found is the error.
    pub fn check(&self, data: &ProblemData) -> Result<(), InitialSolutionError> {
        let mut seen: Vec<Option<(usize, usize)>> = vec![None; data.num_clients()];
        let mut used = vec![0usize; data.num_vehicle_types()];
        for (r, route) in self.routes.iter().enumerate() {
            let t = route.vehicle_type;
            if t >= data.num_vehicle_types() {
                return Err(InitialSolutionError::UnknownVehicleType {
                    route: r,
                    vehicle_type: t,
                    types: data.num_vehicle_types(),
                });
            }
            for (p, &c) in route.visits.iter().enumerate() {
                let Some(slot) = seen.get_mut(c) else {
                    return Err(InitialSolutionError::UnknownClient {
                        route: r,
                        position: p,
                        client: c,
                        clients: data.num_clients(),
                    });
                };
                if let Some((first_route, first_position)) = *slot {
                    return Err(InitialSolutionError::DuplicateClient {
                        route: r,
                        position: p,
                        client: c,
                        first_route,
                        first_position,
                    });
                }
                *slot = Some((r, p));
            }
            if !route.visits.is_empty() {
                used[t] += 1;
                let count = data.vehicle_type(t).count;
                if used[t] > count {
                    return Err(InitialSolutionError::TooManyRoutes {
                        route: r,
                        vehicle_type: t,
                        count,
                    });
                }
            }
        }
        let mut fixed = vec![false; self.routes.len()];
        for &f in &self.fixed_routes {
            match fixed.get_mut(f) {
                None => {
                    return Err(InitialSolutionError::UnknownFixedRoute {
                        index: f,
                        routes: self.routes.len(),
                    })
                }
                Some(true) => return Err(InitialSolutionError::FixedTwice { route: f }),
                Some(mark) => *mark = true,
            }
            if self.routes[f].visits.is_empty() {
                return Err(InitialSolutionError::EmptyFixedRoute { route: f });
            }
        }
        let mut pinned = vec![false; data.num_clients()];
        for &c in &self.pinned_clients {
            match pinned.get_mut(c) {
                None => {
                    return Err(InitialSolutionError::UnknownPinnedClient {
                        client: c,
                        clients: data.num_clients(),
                    })
                }
                Some(true) => return Err(InitialSolutionError::PinnedTwice { client: c }),
                Some(mark) => *mark = true,
            }
            let Some((route, position)) = seen[c] else {
                return Err(InitialSolutionError::PinnedNotVisited { client: c });
            };
            let vehicle_type = self.routes[route].vehicle_type;
            if let Some(reason) = data.incompatibility(c, vehicle_type) {
                return Err(InitialSolutionError::PinnedBarred {
                    route,
                    position,
                    client: c,
                    vehicle_type,
                    reason,
                });
            }
        }
        Ok(())
    }

    /// The pin groups: per route that is not fixed and holds pinned clients, those clients (in
    /// the problem's numbering). Assumes [`Self::check`] passed.
    pub(crate) fn pin_groups(&self) -> Vec<Vec<usize>> {
        if self.pinned_clients.is_empty() {
            return Vec::new();
        }
        let mut route_of = std::collections::HashMap::new();
        for (r, route) in self.routes.iter().enumerate() {
            for &c in &route.visits {
                route_of.insert(c, r);
            }
        }
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); self.routes.len()];
        for &c in &self.pinned_clients {
            if let Some(&r) = route_of.get(&c) {
                if !self.fixed_routes.contains(&r) {
                    groups[r].push(c);
                }
            }
        }
        groups.retain(|g| !g.is_empty());
        groups
    }

    /// Whether every required client is on some route (then the solution can stand as an
    /// answer before any search). Assumes [`Self::check`] passed.
    pub(crate) fn visits_every_required(&self, data: &ProblemData) -> bool {
        let mut visited = vec![false; data.num_clients()];
        for &c in self.routes.iter().flat_map(|r| &r.visits) {
            visited[c] = true;
        }
        data.clients()
            .iter()
            .zip(&visited)
            .all(|(client, &v)| v || !client.required)
    }
}

/// The problem without the fixed routes: their clients removed, their vehicles taken off the
/// counts (types left with none dropped), and the free routes of the initial solution renumbered
/// into it. `data` is `None` when no client remains.
pub(crate) struct Reduced {
    pub data: Option<ProblemData>,
    /// Original client index of each remaining client.
    clients: Vec<usize>,
    /// Original vehicle type of each remaining type.
    types: Vec<usize>,
    /// The fixed routes, as given.
    pub fixed: Vec<Route>,
    /// The free routes of the initial solution, in the reduced problem's numbering.
    pub start: Vec<Route>,
    /// The pin groups, in the reduced problem's numbering.
    pub pins: Vec<Vec<usize>>,
}

impl Reduced {
    /// Builds the reduced problem; `initial` must have passed [`InitialSolution::check`].
    pub fn new(
        data: &ProblemData,
        initial: &InitialSolution,
    ) -> Result<Self, InitialSolutionError> {
        let mut is_fixed = vec![false; initial.routes.len()];
        for &f in &initial.fixed_routes {
            is_fixed[f] = true;
        }
        let fixed: Vec<Route> = initial
            .fixed_routes
            .iter()
            .map(|&f| initial.routes[f].clone())
            .collect();
        let mut taken = vec![false; data.num_clients()];
        let mut left = data
            .vehicle_types()
            .iter()
            .map(|t| t.count)
            .collect::<Vec<_>>();
        for route in &fixed {
            for &c in &route.visits {
                taken[c] = true;
            }
            left[route.vehicle_type] -= 1;
        }
        let clients: Vec<usize> = (0..data.num_clients()).filter(|&c| !taken[c]).collect();
        let types: Vec<usize> = (0..data.num_vehicle_types())
            .filter(|&t| left[t] > 0)
            .collect();
        let mut new_client = vec![usize::MAX; data.num_clients()];
        for (i, &c) in clients.iter().enumerate() {
            new_client[c] = i;
        }
        let mut new_type = vec![usize::MAX; data.num_vehicle_types()];
        for (i, &t) in types.iter().enumerate() {
            new_type[t] = i;
        }
        // Free routes keep their type when it has vehicles left (the check bounds the free
        // routes of a type by what the fixed ones leave), so the renumbering is total.
        let start: Vec<Route> = initial
            .routes
            .iter()
            .enumerate()
            .filter(|&(r, route)| !is_fixed[r] && !route.visits.is_empty())
            .map(|(_, route)| Route {
                vehicle_type: new_type[route.vehicle_type],
                visits: route.visits.iter().map(|&c| new_client[c]).collect(),
            })
            .collect();
        let pins: Vec<Vec<usize>> = initial
            .pin_groups()
            .iter()
            .map(|g| g.iter().map(|&c| new_client[c]).collect())
            .collect();
        if clients.is_empty() {
            return Ok(Self {
                data: None,
                clients,
                types,
                fixed,
                start: Vec::new(),
                pins: Vec::new(),
            });
        }
        if types.is_empty() {
            return Err(InitialSolutionError::NoVehicleLeft {
                clients: clients.len(),
            });
        }
        let depots = data.num_depots();
        let location = |i: usize| {
            if i < depots {
                i
            } else {
                data.client_location(clients[i - depots])
            }
        };
        let size = depots + clients.len();
        let sub = |m: &Matrix| Matrix::from_fn(size, |i, j| m.get(location(i), location(j)));
        let vehicle_types = types
            .iter()
            .map(|&t| {
                let mut vt = data.vehicle_type(t).clone();
                vt.count = left[t];
                vt
            })
            .collect();
        let reduced = ProblemData::new(
            data.depots().to_vec(),
            clients
                .iter()
                .map(|&c| {
                    // Forbidden types in the reduced numbering (types dropped need no ban).
                    let mut client = data.client(c).clone();
                    client.forbidden_vehicle_types = client
                        .forbidden_vehicle_types
                        .iter()
                        .filter(|&&t| new_type[t] != usize::MAX)
                        .map(|&t| new_type[t])
                        .collect();
                    client
                })
                .collect(),
            vehicle_types,
            data.distance_matrices().iter().map(sub).collect(),
            data.duration_matrices().iter().map(sub).collect(),
        )
        .map_err(|e| InitialSolutionError::Remainder {
            message: e.message().to_string(),
        })?;
        Ok(Self {
            data: Some(reduced),
            clients,
            types,
            fixed,
            start,
            pins,
        })
    }

    /// The whole solution: the fixed routes first, then the reduced problem's routes in the
    /// original numbering.
    pub fn merge(&self, solution: &Solution) -> Solution {
        let mut routes = self.fixed.clone();
        routes.extend(solution.routes.iter().map(|r| Route {
            vehicle_type: self.types[r.vehicle_type],
            visits: r.visits.iter().map(|&c| self.clients[c]).collect(),
        }));
        Solution::new(routes)
    }
}

/// Whether `solution` keeps the pin groups: each group's clients on one route, different groups
/// on different routes.
pub(crate) fn pins_hold(groups: &[Vec<usize>], solution: &Solution) -> bool {
    let mut route_of = std::collections::HashMap::new();
    for (r, route) in solution.routes.iter().enumerate() {
        for &c in &route.visits {
            route_of.insert(c, r);
        }
    }
    let mut used = std::collections::HashSet::new();
    groups.iter().all(|g| {
        let routes: std::collections::HashSet<Option<&usize>> =
            g.iter().map(|c| route_of.get(c)).collect();
        match routes.into_iter().collect::<Vec<_>>().as_slice() {
            [Some(&r)] => used.insert(r),
            _ => false,
        }
    })
}
