//! A route under local search: its locations between two depots and cached cumulative distance,
//! prefix/suffix duration segments and prefix/suffix load segments, so that any route assembled
//! from a few spans of existing routes is priced in O(number of spans) (plus the length of short
//! middle spans).

use super::cost::{objective_lower_bound, route_objective, CostEvaluator, Excess, Loads};
use super::data::SearchData;
use crate::eval::{DurationSegment, LoadSegment};

/// A route of the local search. `nodes[0]` and `nodes[last]` are its depots' locations.
#[derive(Debug, Clone)]
pub(crate) struct SearchRoute {
    pub vehicle_type: usize,
    pub nodes: Vec<usize>,
    /// `cum_dist[i]`: distance from `nodes[0]` to `nodes[i]` along the route.
    pub cum_dist: Vec<i64>,
    /// `dur_before[i]`: schedule summary of `nodes[0..=i]`.
    pub dur_before: Vec<DurationSegment>,
    /// `dur_after[i]`: schedule summary of `nodes[i..]`.
    pub dur_after: Vec<DurationSegment>,
    /// `load_before[i * dims + k]`: load summary of `nodes[0..=i]` in dimension `k`.
    pub load_before: Vec<LoadSegment>,
    pub load_after: Vec<LoadSegment>,
    /// Penalised cost (0 when empty).
    pub cost: i64,
    /// How far the route breaks each relaxed constraint.
    pub excess: Excess,
}

impl SearchRoute {
    pub fn new(sd: &SearchData, vehicle_type: usize) -> Self {
        let t = &sd.types[vehicle_type];
        Self {
            vehicle_type,
            nodes: vec![t.start_loc, t.end_loc],
            cum_dist: Vec::new(),
            dur_before: Vec::new(),
            dur_after: Vec::new(),
            load_before: Vec::new(),
            load_after: Vec::new(),
            cost: 0,
            excess: Excess::default(),
        }
    }

    /// Index of the end depot in `nodes`.
    #[inline(always)]
    pub fn last(&self) -> usize {
        self.nodes.len() - 1
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.nodes.len() == 2
    }

    /// Rebuilds the caches after `nodes` changed.
    pub fn update(&mut self, sd: &SearchData, pen: &CostEvaluator) {
        let t = &sd.types[self.vehicle_type];
        let n = self.nodes.len();
        let dims = sd.dims;
        let dist = sd.dist(t.profile);
        self.cum_dist.clear();
        self.cum_dist.push(0);
        for i in 1..n {
            let d = self.cum_dist[i - 1] + dist.get(self.nodes[i - 1], self.nodes[i]);
            self.cum_dist.push(d);
        }
        self.load_before.clear();
        self.load_before.resize(n * dims, LoadSegment::default());
        self.load_after.clear();
        self.load_after.resize(n * dims, LoadSegment::default());
        for k in 0..dims {
            for i in 1..n {
                let v = sd.load_vertex[self.nodes[i] * dims + k];
                let v = if i == n - 1 {
                    LoadSegment::default()
                } else {
                    v
                };
                self.load_before[i * dims + k] = self.load_before[(i - 1) * dims + k].join(&v);
            }
            for i in (0..n - 1).rev() {
                let v = if i == 0 {
                    LoadSegment::default()
                } else {
                    sd.load_vertex[self.nodes[i] * dims + k]
                };
                self.load_after[i * dims + k] = v.join(&self.load_after[(i + 1) * dims + k]);
            }
        }
        let mut schedule = None;
        if sd.has_time {
            let dur = sd.dur(t.profile);
            self.dur_before.clear();
            self.dur_before.push(t.start_segment);
            for i in 1..n {
                let v = if i == n - 1 {
                    t.end_segment
                } else {
                    sd.vertex[self.nodes[i]]
                };
                let s = self.dur_before[i - 1].join(&v, dur.get(self.nodes[i - 1], self.nodes[i]));
                self.dur_before.push(s);
            }
            self.dur_after.clear();
            self.dur_after.resize(n, t.end_segment);
            for i in (0..n - 1).rev() {
                let v = if i == 0 {
                    t.start_segment
                } else {
                    sd.vertex[self.nodes[i]]
                };
                self.dur_after[i] = v.join(
                    &self.dur_after[i + 1],
                    dur.get(self.nodes[i], self.nodes[i + 1]),
                );
            }
            schedule = Some(self.dur_before[n - 1]);
        }
        let distance = self.cum_dist[n - 1];
        let end = &self.load_before[(n - 1) * dims..n * dims];
        self.excess = Excess::of_route(t, distance, schedule.as_ref(), end);
        self.cost = if n == 2 {
            0
        } else {
            pen.penalised(
                route_objective(t, distance, schedule.as_ref()),
                &self.excess,
            )
        };
    }
}

/// A piece of a route being assembled: positions `from..=to` of route `route` (clients only),
/// forwards or reversed, or one client location not on any route (`route == UNROUTED`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    pub route: usize,
    pub from: usize,
    pub to: usize,
    pub reversed: bool,
}

/// Marks a [`Span`] that holds a single unrouted client location in `from`.
pub(crate) const UNROUTED: usize = usize::MAX;

impl Span {
    #[inline(always)]
    pub fn fwd(route: usize, from: usize, to: usize) -> Self {
        Self {
            route,
            from,
            to,
            reversed: false,
        }
    }

    #[inline(always)]
    pub fn rev(route: usize, from: usize, to: usize) -> Self {
        Self {
            route,
            from,
            to,
            reversed: true,
        }
    }

    #[inline(always)]
    pub fn single(loc: usize) -> Self {
        Self {
            route: UNROUTED,
            from: loc,
            to: loc,
            reversed: false,
        }
    }

    #[inline(always)]
    pub fn is_empty(&self) -> bool {
        self.from > self.to
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        if self.from > self.to {
            0
        } else {
            self.to - self.from + 1
        }
    }

    #[inline(always)]
    fn first_loc(&self, routes: &[SearchRoute]) -> usize {
        if self.route == UNROUTED {
            self.from
        } else if self.reversed {
            routes[self.route].nodes[self.to]
        } else {
            routes[self.route].nodes[self.from]
        }
    }

    #[inline(always)]
    fn last_loc(&self, routes: &[SearchRoute]) -> usize {
        if self.route == UNROUTED {
            self.from
        } else if self.reversed {
            routes[self.route].nodes[self.from]
        } else {
            routes[self.route].nodes[self.to]
        }
    }

    /// The `i`-th location of the span in travel order.
    #[inline(always)]
    fn loc_at(&self, routes: &[SearchRoute], i: usize) -> usize {
        if self.route == UNROUTED {
            self.from
        } else if self.reversed {
            routes[self.route].nodes[self.to - i]
        } else {
            routes[self.route].nodes[self.from + i]
        }
    }

    /// Appends the span's locations in travel order.
    pub fn push_locations(&self, routes: &[SearchRoute], out: &mut Vec<usize>) {
        for i in 0..self.len() {
            out.push(self.loc_at(routes, i));
        }
    }
}

/// The load summaries of a route assembled from spans.
struct SpanLoads<'p, 's, 'a> {
    pricer: &'p Pricer<'s, 'a>,
    spans: &'p [Span],
}

impl Loads for SpanLoads<'_, '_, '_> {
    #[inline(always)]
    fn load(&self, k: usize) -> LoadSegment {
        self.pricer.load_segment(k, self.spans)
    }
}

/// Prices routes assembled from spans under one vehicle type.
pub(crate) struct Pricer<'s, 'a> {
    pub sd: &'s SearchData<'a>,
    pub routes: &'s [SearchRoute],
}

impl Pricer<'_, '_> {
    /// Distance of the route `start depot, spans..., end depot` driven by type `vt`.
    #[inline]
    pub fn distance(&self, vt: usize, spans: &[Span]) -> i64 {
        let sd = self.sd;
        let t = &sd.types[vt];
        let dist = sd.dist(t.profile);
        let mut prev = t.start_loc;
        let mut total = 0;
        for s in spans {
            if s.is_empty() {
                continue;
            }
            total += dist.get(prev, s.first_loc(self.routes));
            if s.route != UNROUTED && s.len() > 1 {
                let r = &self.routes[s.route];
                if sd.same_profile(r.vehicle_type, vt) && (!s.reversed || sd.symmetric[t.profile]) {
                    total += r.cum_dist[s.to] - r.cum_dist[s.from];
                } else {
                    let mut p = s.first_loc(self.routes);
                    for i in 1..s.len() {
                        let q = s.loc_at(self.routes, i);
                        total += dist.get(p, q);
                        p = q;
                    }
                }
            }
            prev = s.last_loc(self.routes);
        }
        total + dist.get(prev, t.end_loc)
    }

    /// Whether the spans hold no client.
    #[inline]
    pub fn empty(spans: &[Span]) -> bool {
        spans.iter().all(|s| s.is_empty())
    }

    /// A lower bound on the penalised cost given the distance: fixed plus distance cost.
    #[inline]
    pub fn lower_bound(&self, vt: usize, spans: &[Span], distance: i64) -> i64 {
        if Self::empty(spans) {
            0
        } else {
            objective_lower_bound(&self.sd.types[vt], distance)
        }
    }

    /// Penalised cost of the route `start depot, spans..., end depot` driven by type `vt`,
    /// whose distance is `distance` (from [`Self::distance`]).
    pub fn cost(&self, vt: usize, spans: &[Span], distance: i64, pen: &CostEvaluator) -> i64 {
        if Self::empty(spans) {
            return 0;
        }
        let sd = self.sd;
        let t = &sd.types[vt];
        let loads = SpanLoads {
            pricer: self,
            spans,
        };
        // Two calls, so that each is specialised: without a schedule the time terms vanish.
        if sd.has_time {
            let schedule = self.duration_segment(vt, spans);
            pen.route_cost(t, distance, Some(&schedule), &loads)
        } else {
            pen.route_cost(t, distance, None, &loads)
        }
    }

    fn duration_segment(&self, vt: usize, spans: &[Span]) -> DurationSegment {
        let sd = self.sd;
        let t = &sd.types[vt];
        let dur = sd.dur(t.profile);
        let routes = self.routes;
        let nonempty: usize = spans.iter().filter(|s| !s.is_empty()).count();
        let mut seen = 0;
        let mut acc = t.start_segment;
        let mut prev = t.start_loc;
        for s in spans {
            if s.is_empty() {
                continue;
            }
            seen += 1;
            if s.route != UNROUTED && !s.reversed {
                let r = &routes[s.route];
                if seen == 1 && s.from == 1 && sd.same_start(r.vehicle_type, vt) {
                    acc = r.dur_before[s.to];
                    prev = r.nodes[s.to];
                    continue;
                }
                if seen == nonempty && s.to == r.last() - 1 && sd.same_end(r.vehicle_type, vt) {
                    return acc.join(&r.dur_after[s.from], dur.get(prev, r.nodes[s.from]));
                }
            }
            for i in 0..s.len() {
                let loc = s.loc_at(routes, i);
                acc = acc.join(&sd.vertex[loc], dur.get(prev, loc));
                prev = loc;
            }
        }
        acc.join(&t.end_segment, dur.get(prev, t.end_loc))
    }

    #[inline(always)]
    fn load_segment(&self, k: usize, spans: &[Span]) -> LoadSegment {
        let sd = self.sd;
        let dims = sd.dims;
        let routes = self.routes;
        let nonempty: usize = spans.iter().filter(|s| !s.is_empty()).count();
        let mut seen = 0;
        let mut acc = LoadSegment::default();
        for s in spans {
            if s.is_empty() {
                continue;
            }
            seen += 1;
            if s.route != UNROUTED && !s.reversed {
                let r = &routes[s.route];
                if seen == 1 && s.from == 1 {
                    acc = r.load_before[s.to * dims + k];
                    continue;
                }
                if seen == nonempty && s.to == r.last() - 1 {
                    return acc.join(&r.load_after[s.from * dims + k]);
                }
            }
            for i in 0..s.len() {
                acc = acc.join(&sd.load_vertex[s.loc_at(routes, i) * dims + k]);
            }
        }
        acc
    }
}
