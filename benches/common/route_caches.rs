//! Bench-side route caches (cumulative distance, prefix/suffix duration and load segments) built
//! from a solution, and the pricing of each move type by joining them, as the engine's pricer
//! does. The engine's own caches and pricer are private to its `search` module, so these benches
//! measure the cost of the concatenation algebra (`gongpei::core::eval`) each move needs on routes
//! of realistic length, not the engine's bookkeeping around it.

use gongpei::core::eval::{DurationSegment, LoadSegment};
use gongpei::core::{ProblemData, Solution};

/// One route with its depots and caches; `nodes[0]` and `nodes[last]` are depot locations.
pub struct CachedRoute {
    pub nodes: Vec<usize>,
    cum_dist: Vec<i64>,
    dur_before: Vec<DurationSegment>,
    dur_after: Vec<DurationSegment>,
    load_before: Vec<LoadSegment>,
    load_after: Vec<LoadSegment>,
    cost: i64,
}

/// A problem's per-location segments and the cached routes of one solution.
pub struct Caches<'a> {
    data: &'a ProblemData,
    vertex: Vec<DurationSegment>,
    load_vertex: Vec<LoadSegment>,
    capacity: i64,
    pub routes: Vec<CachedRoute>,
    /// `(route, position)` of every client.
    pub place: Vec<(usize, usize)>,
}

/// Penalty per unit of time warp and of excess load (any positive values do for timing).
const PENALTY: i64 = 100;

impl<'a> Caches<'a> {
    /// Caches for `solution` on a single-depot, single-type, one-dimension problem.
    pub fn new(data: &'a ProblemData, solution: &Solution) -> Self {
        let n = data.num_locations();
        let mut vertex = vec![DurationSegment::vertex(0, 0, gongpei::core::UNBOUNDED); n];
        let mut load_vertex = vec![LoadSegment::default(); n];
        for (c, client) in data.clients().iter().enumerate() {
            let loc = data.client_location(c);
            vertex[loc] =
                DurationSegment::vertex(client.service_duration, client.tw_early, client.tw_late);
            load_vertex[loc] = LoadSegment::vertex(client.delivery[0], client.pickup[0]);
        }
        let depot = data.depot(0);
        vertex[0] = DurationSegment::vertex(0, depot.tw_early, depot.tw_late);
        let mut caches = Self {
            data,
            vertex,
            load_vertex,
            capacity: data.vehicle_type(0).capacity[0],
            routes: Vec::new(),
            place: vec![(0, 0); data.num_clients()],
        };
        for (r, route) in solution.routes.iter().enumerate() {
            let mut nodes = vec![0];
            for (i, &c) in route.visits.iter().enumerate() {
                nodes.push(data.client_location(c));
                caches.place[c] = (r, i + 1);
            }
            nodes.push(0);
            let cached = caches.build(nodes);
            caches.routes.push(cached);
        }
        caches
    }

    fn build(&self, nodes: Vec<usize>) -> CachedRoute {
        let dist = self.data.distance_matrix(0);
        let dur = self.data.duration_matrix(0);
        let len = nodes.len();
        let mut cum_dist = vec![0; len];
        let mut dur_before = vec![self.vertex[nodes[0]]; len];
        let mut load_before = vec![LoadSegment::default(); len];
        for i in 1..len {
            cum_dist[i] = cum_dist[i - 1] + dist.get(nodes[i - 1], nodes[i]);
            dur_before[i] =
                dur_before[i - 1].join(&self.vertex[nodes[i]], dur.get(nodes[i - 1], nodes[i]));
            load_before[i] = load_before[i - 1].join(&self.load_vertex[nodes[i]]);
        }
        let mut dur_after = vec![self.vertex[nodes[len - 1]]; len];
        let mut load_after = vec![LoadSegment::default(); len];
        for i in (0..len - 1).rev() {
            dur_after[i] =
                self.vertex[nodes[i]].join(&dur_after[i + 1], dur.get(nodes[i], nodes[i + 1]));
            load_after[i] = self.load_vertex[nodes[i]].join(&load_after[i + 1]);
        }
        let cost = self.penalised(
            cum_dist[len - 1],
            &dur_before[len - 1],
            &load_before[len - 1],
        );
        CachedRoute {
            nodes,
            cum_dist,
            dur_before,
            dur_after,
            load_before,
            load_after,
            cost,
        }
    }

    #[inline(always)]
    fn penalised(&self, distance: i64, dur: &DurationSegment, load: &LoadSegment) -> i64 {
        distance + PENALTY * dur.time_warp + PENALTY * load.excess(self.capacity)
    }

    #[inline(always)]
    fn d(&self, a: usize, b: usize) -> i64 {
        self.data.distance_matrix(0).get(a, b)
    }

    #[inline(always)]
    fn t(&self, a: usize, b: usize) -> i64 {
        self.data.duration_matrix(0).get(a, b)
    }

    /// Segments of positions `from..=to` of route `r` joined one vertex at a time (the short
    /// middle spans of Exchange N-M moves).
    #[inline(always)]
    fn span(&self, r: usize, from: usize, to: usize) -> (DurationSegment, LoadSegment, i64) {
        let nodes = &self.routes[r].nodes;
        let mut dur = self.vertex[nodes[from]];
        let mut load = self.load_vertex[nodes[from]];
        for i in from + 1..=to {
            dur = dur.join(&self.vertex[nodes[i]], self.t(nodes[i - 1], nodes[i]));
            load = load.join(&self.load_vertex[nodes[i]]);
        }
        let rt = &self.routes[r];
        (dur, load, rt.cum_dist[to] - rt.cum_dist[from])
    }

    /// Cost change of replacing positions `pu..pu+n` of route `ru` by positions `pv..pv+m` of
    /// route `rv` and vice versa (`m == 0`: `u`'s span moves after `pv`). Routes must differ.
    #[inline]
    pub fn exchange(&self, n: usize, m: usize, ru: usize, pu: usize, rv: usize, pv: usize) -> i64 {
        let (a, b) = (&self.routes[ru], &self.routes[rv]);
        let (lu, lv) = (a.nodes.len() - 1, b.nodes.len() - 1);
        if pu + n > lu || pv + m > lv || (m > 0 && pv == 0) {
            return i64::MAX;
        }
        let (su_dur, su_load, su_dist) = self.span(ru, pu, pu + n - 1);
        let (u_first, u_last) = (a.nodes[pu], a.nodes[pu + n - 1]);
        // Route u: prefix before pu, (v's span), suffix after pu + n - 1.
        let (new_u, new_v) = if m == 0 {
            let (p, s) = (pu - 1, pu + n);
            let dist_u =
                a.cum_dist[p] + self.d(a.nodes[p], a.nodes[s]) + a.cum_dist[lu] - a.cum_dist[s];
            let dur_u = a.dur_before[p].join(&a.dur_after[s], self.t(a.nodes[p], a.nodes[s]));
            let load_u = a.load_before[p].join(&a.load_after[s]);
            let (p, s) = (pv, pv + 1);
            let dist_v = b.cum_dist[p]
                + self.d(b.nodes[p], u_first)
                + su_dist
                + self.d(u_last, b.nodes[s])
                + b.cum_dist[lv]
                - b.cum_dist[s];
            let dur_v = b.dur_before[p]
                .join(&su_dur, self.t(b.nodes[p], u_first))
                .join(&b.dur_after[s], self.t(u_last, b.nodes[s]));
            let load_v = b.load_before[p].join(&su_load).join(&b.load_after[s]);
            (
                self.penalised(dist_u, &dur_u, &load_u),
                self.penalised(dist_v, &dur_v, &load_v),
            )
        } else {
            let (sv_dur, sv_load, sv_dist) = self.span(rv, pv, pv + m - 1);
            let (v_first, v_last) = (b.nodes[pv], b.nodes[pv + m - 1]);
            let (p, s) = (pu - 1, pu + n);
            let dist_u = a.cum_dist[p]
                + self.d(a.nodes[p], v_first)
                + sv_dist
                + self.d(v_last, a.nodes[s])
                + a.cum_dist[lu]
                - a.cum_dist[s];
            let dur_u = a.dur_before[p]
                .join(&sv_dur, self.t(a.nodes[p], v_first))
                .join(&a.dur_after[s], self.t(v_last, a.nodes[s]));
            let load_u = a.load_before[p].join(&sv_load).join(&a.load_after[s]);
            let (p, s) = (pv - 1, pv + m);
            let dist_v = b.cum_dist[p]
                + self.d(b.nodes[p], u_first)
                + su_dist
                + self.d(u_last, b.nodes[s])
                + b.cum_dist[lv]
                - b.cum_dist[s];
            let dur_v = b.dur_before[p]
                .join(&su_dur, self.t(b.nodes[p], u_first))
                .join(&b.dur_after[s], self.t(u_last, b.nodes[s]));
            let load_v = b.load_before[p].join(&su_load).join(&b.load_after[s]);
            (
                self.penalised(dist_u, &dur_u, &load_u),
                self.penalised(dist_v, &dur_v, &load_v),
            )
        };
        new_u + new_v - a.cost - b.cost
    }

    /// Cost change of 2-opt*: route `ru` keeps positions up to `pu` and takes `rv`'s after `pv`,
    /// and vice versa. Routes must differ.
    #[inline]
    pub fn swap_tails(&self, ru: usize, pu: usize, rv: usize, pv: usize) -> i64 {
        let (a, b) = (&self.routes[ru], &self.routes[rv]);
        let (lu, lv) = (a.nodes.len() - 1, b.nodes.len() - 1);
        let half = |x: &CachedRoute, p: usize, y: &CachedRoute, s: usize, ly: usize| {
            let link = (x.nodes[p], y.nodes[s]);
            let dist = x.cum_dist[p] + self.d(link.0, link.1) + y.cum_dist[ly] - y.cum_dist[s];
            let dur = x.dur_before[p].join(&y.dur_after[s], self.t(link.0, link.1));
            let load = x.load_before[p].join(&y.load_after[s]);
            self.penalised(dist, &dur, &load)
        };
        half(a, pu, b, pv + 1, lv) + half(b, pv, a, pu + 1, lu) - a.cost - b.cost
    }

    /// Cost change of reversing positions `from..=to` of route `r` (intra-route 2-opt): the
    /// reversed middle is re-joined vertex by vertex.
    #[inline]
    pub fn two_opt(&self, r: usize, from: usize, to: usize) -> i64 {
        let x = &self.routes[r];
        let last = x.nodes.len() - 1;
        let mut dist = x.cum_dist[from - 1];
        let mut dur = x.dur_before[from - 1];
        let mut prev = x.nodes[from - 1];
        for i in (from..=to).rev() {
            let loc = x.nodes[i];
            dist += self.d(prev, loc);
            dur = dur.join(&self.vertex[loc], self.t(prev, loc));
            prev = loc;
        }
        dist += self.d(prev, x.nodes[to + 1]) + x.cum_dist[last] - x.cum_dist[to + 1];
        let dur = dur.join(&x.dur_after[to + 1], self.t(prev, x.nodes[to + 1]));
        let load = x.load_before[last];
        self.penalised(dist, &dur, &load) - x.cost
    }

    /// `(u, v)` client pairs with `v` among `u`'s `k` nearest clients by distance.
    pub fn neighbour_pairs(&self, k: usize) -> Vec<(usize, usize)> {
        let n = self.data.num_clients();
        let mut pairs = Vec::with_capacity(n * k);
        for u in 0..n {
            let lu = self.data.client_location(u);
            let mut others: Vec<usize> = (0..n).filter(|&v| v != u).collect();
            others.sort_by_key(|&v| (self.d(lu, self.data.client_location(v)), v));
            pairs.extend(others.into_iter().take(k).map(|v| (u, v)));
        }
        pairs
    }
}
