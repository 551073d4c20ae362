//! Read-only views of a [`ProblemData`] laid out for the hot loop: per-location vertex segments,
//! per-vehicle-type depot segments and tariffs, and which vehicle types can share cached route
//! prefixes and suffixes.

use crate::eval::{DurationSegment, LoadSegment};
use crate::model::Tariff;
use crate::{Matrix, ProblemData, UNBOUNDED};

/// A distance matrix as the hot loop reads it: 32-bit entries when every value fits (half the
/// cache footprint), else the model's own matrix.
pub(crate) enum DistTable<'a> {
    Compact { size: usize, data: Vec<i32> },
    Full(&'a Matrix),
}

/// Above this many locations no 32-bit copy is made (its memory would rival the original's).
const COMPACT_LIMIT: usize = 6000;

impl<'a> DistTable<'a> {
    fn new(m: &'a Matrix) -> Self {
        let fits = m.as_slice().iter().all(|&v| v <= i32::MAX as i64 / 4);
        if fits && m.size() <= COMPACT_LIMIT {
            Self::Compact {
                size: m.size(),
                data: m.as_slice().iter().map(|&v| v as i32).collect(),
            }
        } else {
            Self::Full(m)
        }
    }

    #[inline(always)]
    pub fn get(&self, i: usize, j: usize) -> i64 {
        match self {
            Self::Compact { size, data } => data[i * size + j] as i64,
            Self::Full(m) => m.get(i, j),
        }
    }
}

/// What the search needs to know about one vehicle type, flattened.
#[derive(Debug, Clone)]
pub(crate) struct TypeInfo {
    pub start_loc: usize,
    pub end_loc: usize,
    pub start_segment: DurationSegment,
    pub end_segment: DurationSegment,
    pub profile: usize,
    /// What a route of the type costs ([`crate::VehicleType::route_cost`]).
    pub tariff: Tariff,
    pub max_duration: i64,
    pub max_distance: i64,
    pub capacity: Vec<i64>,
    /// Route slots of this type the search may use (count capped by the number of clients).
    pub slots: usize,
}

/// The problem as the search sees it.
pub(crate) struct SearchData<'a> {
    pub data: &'a ProblemData,
    distances: Vec<DistTable<'a>>,
    pub num_depots: usize,
    pub num_clients: usize,
    pub dims: usize,
    /// Vertex duration segment per location (depots get an unconstrained one).
    pub vertex: Vec<DurationSegment>,
    /// Vertex load segment per location and dimension, `[loc * dims + k]`.
    pub load_vertex: Vec<LoadSegment>,
    pub types: Vec<TypeInfo>,
    /// `same_start[a * T + b]`: types `a` and `b` share profile, start depot and start window.
    same_start: Vec<bool>,
    same_end: Vec<bool>,
    same_profile: Vec<bool>,
    /// Whether any schedule constraint or duration cost exists; when not, duration segments are
    /// skipped entirely.
    pub has_time: bool,
    pub required: Vec<bool>,
    pub prize: Vec<i64>,
    /// Per profile: whether the distance matrix is symmetric (reversed spans then reuse the
    /// cumulative distances).
    pub symmetric: Vec<bool>,
    /// Pinned clients (see [`Self::set_pins`]): each client's group, or [`NO_PIN`].
    pub pin_group: Vec<usize>,
    /// The clients of each pin group.
    pub pin_members: Vec<Vec<usize>>,
    /// Whether any client is pinned (every pin check is skipped otherwise).
    pub has_pins: bool,
    /// `allowed[c * T + t]`: client `c` may ride vehicle type `t`
    /// ([`ProblemData::incompatibility`]); empty when nothing is restricted.
    allowed: Vec<bool>,
    /// Whether any client requires a feature or forbids a type (every compatibility check is
    /// skipped otherwise).
    pub has_restrictions: bool,
}

/// The pin group of a free client.
pub(crate) const NO_PIN: usize = usize::MAX;

impl<'a> SearchData<'a> {
    pub fn new(data: &'a ProblemData) -> Self {
        let num_depots = data.num_depots();
        let num_clients = data.num_clients();
        let dims = data.num_load_dims();
        let n = data.num_locations();
        let mut vertex = vec![DurationSegment::empty(); n];
        let mut load_vertex = vec![LoadSegment::default(); n * dims];
        let mut has_time = false;
        for (c, client) in data.clients().iter().enumerate() {
            let loc = num_depots + c;
            vertex[loc] =
                DurationSegment::vertex(client.service_duration, client.tw_early, client.tw_late);
            if client.tw_late < UNBOUNDED || client.tw_early > 0 || client.service_duration > 0 {
                has_time = true;
            }
            for k in 0..dims {
                load_vertex[loc * dims + k] =
                    LoadSegment::vertex(client.delivery[k], client.pickup[k]);
            }
        }
        let types: Vec<TypeInfo> = data
            .vehicle_types()
            .iter()
            .map(|vt| {
                let sd = data.depot(vt.start_depot);
                let ed = data.depot(vt.end_depot);
                let start = DurationSegment::vertex(
                    0,
                    vt.tw_early.max(sd.tw_early),
                    vt.tw_late.min(sd.tw_late),
                );
                let end = DurationSegment::vertex(
                    0,
                    vt.tw_early.max(ed.tw_early),
                    vt.tw_late.min(ed.tw_late),
                );
                if vt.unit_duration_cost != 0
                    || vt.max_duration < UNBOUNDED
                    || start.tw_late < UNBOUNDED
                    || end.tw_late < UNBOUNDED
                {
                    has_time = true;
                }
                TypeInfo {
                    start_loc: vt.start_depot,
                    end_loc: vt.end_depot,
                    start_segment: start,
                    end_segment: end,
                    profile: vt.profile,
                    tariff: vt.tariff(),
                    max_duration: vt.max_duration,
                    max_distance: vt.max_distance,
                    capacity: vt.capacity.clone(),
                    slots: vt.count.min(num_clients.max(1)),
                }
            })
            .collect();
        let nt = types.len();
        let mut same_start = vec![false; nt * nt];
        let mut same_end = vec![false; nt * nt];
        let mut same_profile = vec![false; nt * nt];
        for a in 0..nt {
            for b in 0..nt {
                let (ta, tb) = (&types[a], &types[b]);
                let p = ta.profile == tb.profile;
                same_profile[a * nt + b] = p;
                same_start[a * nt + b] =
                    p && ta.start_loc == tb.start_loc && ta.start_segment == tb.start_segment;
                same_end[a * nt + b] =
                    p && ta.end_loc == tb.end_loc && ta.end_segment == tb.end_segment;
            }
        }
        let has_restrictions = data.has_restrictions();
        let allowed = if has_restrictions {
            (0..num_clients)
                .flat_map(|c| (0..nt).map(move |t| data.can_serve(t, c)))
                .collect()
        } else {
            Vec::new()
        };
        Self {
            data,
            distances: data
                .distance_matrices()
                .iter()
                .map(DistTable::new)
                .collect(),
            num_depots,
            num_clients,
            dims,
            vertex,
            load_vertex,
            types,
            same_start,
            same_end,
            same_profile,
            has_time,
            pin_group: vec![NO_PIN; num_clients],
            pin_members: Vec::new(),
            has_pins: false,
            allowed,
            has_restrictions,
            required: data.clients().iter().map(|c| c.required).collect(),
            prize: data.clients().iter().map(|c| c.prize).collect(),
            symmetric: data
                .distance_matrices()
                .iter()
                .map(|m| (0..n).all(|i| (0..i).all(|j| m.get(i, j) == m.get(j, i))))
                .collect(),
        }
    }

    /// Pins clients in groups: the clients of one group share one route, which holds no client of
    /// another group (the order within it is free). The local search, the crossover and the
    /// ruin-and-recreate keep this; groups are a warm start's routes (`solver/warm.rs`).
    pub fn set_pins(&mut self, groups: &[Vec<usize>]) {
        self.pin_group.iter_mut().for_each(|g| *g = NO_PIN);
        for (g, members) in groups.iter().enumerate() {
            for &c in members {
                self.pin_group[c] = g;
            }
        }
        self.pin_members = groups.to_vec();
        self.has_pins = groups.iter().any(|g| !g.is_empty());
    }

    /// Whether client `c` is pinned.
    #[inline(always)]
    pub fn is_pinned(&self, c: usize) -> bool {
        self.pin_group[c] != NO_PIN
    }

    /// Routes without the clients pinned, which the local search then inserts by group (so any
    /// construction becomes a start that keeps the pins).
    pub fn without_pinned(&self, routes: Vec<crate::Route>) -> Vec<crate::Route> {
        if !self.has_pins {
            return routes;
        }
        routes
            .into_iter()
            .map(|mut r| {
                r.visits.retain(|&c| !self.is_pinned(c));
                r
            })
            .collect()
    }

    /// Whether `routes` visit every required client on a vehicle type it may ride (a client that
    /// restrictions left out, or that a loaded route drops from a barred vehicle, is not routed
    /// until the local search inserts it).
    pub fn covers_required(&self, routes: &[crate::Route]) -> bool {
        let mut seen = vec![false; self.num_clients];
        for r in routes {
            for &c in &r.visits {
                seen[c] |= self.allowed(c, r.vehicle_type);
            }
        }
        (0..self.num_clients).all(|c| seen[c] || !self.required[c])
    }

    /// Whether client `c` may ride vehicle type `t` (always when nothing is restricted).
    #[inline(always)]
    pub fn allowed(&self, c: usize, t: usize) -> bool {
        !self.has_restrictions || self.allowed[c * self.types.len() + t]
    }

    #[inline(always)]
    pub fn same_start(&self, a: usize, b: usize) -> bool {
        self.same_start[a * self.types.len() + b]
    }

    #[inline(always)]
    pub fn same_end(&self, a: usize, b: usize) -> bool {
        self.same_end[a * self.types.len() + b]
    }

    #[inline(always)]
    pub fn same_profile(&self, a: usize, b: usize) -> bool {
        self.same_profile[a * self.types.len() + b]
    }

    #[inline(always)]
    pub fn dist(&self, profile: usize) -> &DistTable<'a> {
        &self.distances[profile]
    }

    #[inline(always)]
    pub fn dur(&self, profile: usize) -> &Matrix {
        self.data.duration_matrix(profile)
    }

    #[inline(always)]
    pub fn loc(&self, client: usize) -> usize {
        self.num_depots + client
    }

    #[inline(always)]
    pub fn client_of(&self, loc: usize) -> usize {
        loc - self.num_depots
    }
}
