//! Granular local search with penalised costs: relocations and swaps of segments of up to three
//! clients (Exchange N-M), 2-opt* tail exchange, intra-route 2-opt, moves into empty vehicles and
//! between vehicle types, and insertion/removal of optional clients. Every move is priced by
//! joining cached route prefixes and suffixes ([`Pricer`]) and applied first-improvement.
//!
//! Pinned clients ([`SearchData::set_pins`]) never leave their route: an improving move that
//! would carry one into another route is refused just before it is applied (so the pricing loop
//! is untouched), ruin-and-recreate leaves them in place, and a pinned client found unrouted
//! (dropped by the crossover) is inserted into its group's route, or into a route holding no
//! group when its group has none yet.
//!
//! Client-vehicle compatibility ([`SearchData::allowed`]) is kept the same way: an improving
//! move that would carry a client into a route whose vehicle type it may not ride is refused
//! just before it is applied, insertions (repair, ruin-and-recreate, optional clients) only
//! offer allowed routes, and a loaded solution leaves a client on a barred vehicle unrouted,
//! to be inserted where it may go. With nothing restricted every check is one untaken branch.

use super::data::SearchData;
use super::individual::Individual;
use super::penalty::Penalties;
use super::rng::Rng;
use super::route::{Pricer, SearchRoute, Span, UNROUTED};
use super::swap_star::{best_swap_star, SwapStarScratch, IN_PLACE};
use crate::Route;

const NONE: usize = usize::MAX;

/// The local search's working state, reused across calls so the hot loop allocates nothing.
pub(crate) struct LocalSearch<'s, 'a> {
    sd: &'s SearchData<'a>,
    neighbours: &'s [Vec<usize>],
    pub(crate) routes: Vec<SearchRoute>,
    pub(crate) route_of: Vec<usize>,
    pub(crate) pos_of: Vec<usize>,
    /// Move counter value when each route last changed.
    last_modified: Vec<u64>,
    /// Move counter value when each client was last used as `U`.
    last_tested: Vec<u64>,
    counter: u64,
    order: Vec<usize>,
    buf_u: Vec<usize>,
    buf_v: Vec<usize>,
    /// Clients taken out by the current perturbation.
    removed: Vec<usize>,
    pen: Penalties,
    /// Per vehicle type, an empty route slot of that type (or `NONE`).
    empty_slot: Vec<usize>,
    /// Whether any client is optional.
    has_optional: bool,
    /// Move counter value when the last SWAP* phase started.
    last_swap_star: u64,
    swap_star_scratch: SwapStarScratch,
    pairs: Vec<(usize, usize)>,
    /// First slot of each vehicle type (slots of a type are contiguous).
    type_start: Vec<usize>,
}

impl<'s, 'a> LocalSearch<'s, 'a> {
    pub fn new(sd: &'s SearchData<'a>, neighbours: &'s [Vec<usize>]) -> Self {
        let pen = Penalties {
            load: 1,
            time_warp: 1,
            distance: 1,
        };
        let mut routes = Vec::new();
        for (t, info) in sd.types.iter().enumerate() {
            for _ in 0..info.slots {
                let mut r = SearchRoute::new(sd, t);
                r.update(sd, &pen);
                routes.push(r);
            }
        }
        let n = sd.num_clients;
        let nr = routes.len();
        Self {
            sd,
            neighbours,
            routes,
            route_of: vec![NONE; n],
            pos_of: vec![0; n],
            last_modified: vec![0; nr],
            last_tested: vec![0; n],
            counter: 1,
            order: (0..n).collect(),
            buf_u: Vec::new(),
            buf_v: Vec::new(),
            removed: Vec::new(),
            pen,
            empty_slot: vec![NONE; sd.types.len()],
            has_optional: sd.required.iter().any(|&r| !r),
            last_swap_star: 0,
            swap_star_scratch: SwapStarScratch::default(),
            pairs: Vec::new(),
            type_start: sd
                .types
                .iter()
                .scan(0, |acc, t| {
                    let start = *acc;
                    *acc += t.slots;
                    Some(start)
                })
                .collect(),
        }
    }

    /// Loads a solution (routes beyond a type's slots go to any free slot). Routes marked not
    /// `fresh` are taken to be locally optimal together: moves between two of them are skipped
    /// until one changes (used for routes inherited unchanged from an educated parent).
    pub fn load(&mut self, routes: &[Route], fresh: Option<&[bool]>, pen: &Penalties) {
        self.pen = *pen;
        for r in &mut self.routes {
            r.nodes.truncate(1);
            let end = self.sd.types[r.vehicle_type].end_loc;
            r.nodes.push(end);
        }
        self.route_of.iter_mut().for_each(|x| *x = NONE);
        let mut used = vec![false; self.routes.len()];
        let mut pending = Vec::new();
        self.last_modified.iter_mut().for_each(|x| *x = 0);
        for (i, route) in routes.iter().enumerate() {
            if route.visits.is_empty() {
                continue;
            }
            let slot = (0..self.routes.len())
                .find(|&s| !used[s] && self.routes[s].vehicle_type == route.vehicle_type);
            match slot {
                Some(s) => {
                    used[s] = true;
                    self.fill(s, &route.visits);
                    self.last_modified[s] = u64::from(fresh.is_none_or(|f| f[i]));
                }
                None => pending.push(route),
            }
        }
        for route in pending {
            if let Some(s) = (0..self.routes.len()).find(|&s| !used[s]) {
                used[s] = true;
                self.fill(s, &route.visits);
                self.last_modified[s] = 1;
            }
        }
        for r in 0..self.routes.len() {
            self.routes[r].update(self.sd, &self.pen);
            self.index_route(r);
        }
        self.last_tested.iter_mut().for_each(|x| *x = 0);
        self.counter = 2;
        self.last_swap_star = 0;
        self.refresh_empty_slots();
    }

    fn fill(&mut self, slot: usize, visits: &[usize]) {
        let sd = self.sd;
        let r = &mut self.routes[slot];
        let end = r.nodes[1];
        r.nodes.truncate(1);
        let t = r.vehicle_type;
        for &c in visits {
            if self.route_of[c] == NONE && sd.allowed(c, t) {
                r.nodes.push(sd.loc(c));
                self.route_of[c] = slot;
            }
        }
        r.nodes.push(end);
    }

    fn index_route(&mut self, r: usize) {
        let sd = self.sd;
        let route = &self.routes[r];
        for i in 1..route.last() {
            let c = sd.client_of(route.nodes[i]);
            self.route_of[c] = r;
            self.pos_of[c] = i;
        }
    }

    /// Keeps `empty_slot` right after routes `a` and `b` changed: a type's recorded empty slot is
    /// only searched for again (within that type's contiguous slot range) when it was filled.
    fn update_empty_slots(&mut self, a: usize, b: usize) {
        for r in [a, b] {
            let t = self.routes[r].vehicle_type;
            let current = self.empty_slot[t];
            if self.routes[r].is_empty() {
                if current == NONE || r < current {
                    self.empty_slot[t] = r;
                }
            } else if current == r {
                let start = self.type_start[t];
                let end = start + self.sd.types[t].slots;
                self.empty_slot[t] = (start..end)
                    .find(|&s| self.routes[s].is_empty())
                    .unwrap_or(NONE);
            }
        }
    }

    fn refresh_empty_slots(&mut self) {
        self.empty_slot.iter_mut().for_each(|x| *x = NONE);
        for (s, r) in self.routes.iter().enumerate() {
            if r.is_empty() && self.empty_slot[r.vehicle_type] == NONE {
                self.empty_slot[r.vehicle_type] = s;
            }
        }
    }

    /// The current solution as an individual.
    pub fn export(&self) -> Individual {
        let sd = self.sd;
        let mut routes = Vec::new();
        let (mut load, mut warp, mut dist) = (0, 0, 0);
        let mut objective = 0;
        for r in &self.routes {
            if r.is_empty() {
                continue;
            }
            routes.push(Route {
                vehicle_type: r.vehicle_type,
                visits: r.nodes[1..r.last()]
                    .iter()
                    .map(|&l| sd.client_of(l))
                    .collect(),
            });
            let t = &sd.types[r.vehicle_type];
            let n = r.last();
            let distance = r.cum_dist[n];
            let mut cost = t.fixed_cost + t.unit_distance_cost * distance;
            for k in 0..sd.dims {
                load += r.load_before[n * sd.dims + k].excess(t.capacity[k]);
            }
            if sd.has_time {
                let seg = r.dur_before[n];
                cost += t.unit_duration_cost * seg.duration;
                warp += seg.time_warp_with_max(t.max_duration);
            }
            dist += (distance - t.max_distance).max(0);
            objective += cost;
        }
        for c in 0..sd.num_clients {
            if self.route_of[c] == NONE {
                objective += sd.prize[c];
            }
        }
        Individual::new(routes, sd.num_clients, objective, (load, warp, dist))
    }

    /// Improves the loaded solution until no move improves it, or `stop()` says so.
    pub fn run(&mut self, rng: &mut Rng, stop: &dyn Fn() -> bool) {
        self.insert_missing_required();
        rng.shuffle(&mut self.order);
        let mut checks = 0u32;
        loop {
            let mut improved = false;
            for idx in 0..self.order.len() {
                checks += 1;
                if checks & 127 == 0 && stop() {
                    return;
                }
                let u = self.order[idx];
                if self.route_of[u] == NONE {
                    if self.has_optional && self.try_insert_optional(u) {
                        improved = true;
                    }
                    continue;
                }
                let last_test = self.last_tested[u];
                self.last_tested[u] = self.counter;
                for k in 0..self.neighbours[u].len() {
                    let v = self.neighbours[u][k];
                    if self.route_of[v] == NONE || self.route_of[u] == NONE {
                        continue;
                    }
                    let (ru, rv) = (self.route_of[u], self.route_of[v]);
                    if self.last_modified[ru].max(self.last_modified[rv]) <= last_test {
                        continue;
                    }
                    if self.client_moves(u, v) {
                        improved = true;
                    }
                }
                if self.route_of[u] != NONE
                    && self.last_modified[self.route_of[u]] > last_test
                    && self.try_empty_route(u)
                {
                    improved = true;
                }
                if self.has_optional
                    && !self.sd.required[u]
                    && self.route_of[u] != NONE
                    && self.try_remove_optional(u)
                {
                    improved = true;
                }
            }
            if self.sd.types.len() > 1 && self.vehicle_type_moves() {
                improved = true;
            }
            if !improved && !self.swap_star_phase(stop) {
                break;
            }
        }
    }

    /// SWAP* over pairs of routes linked by a granular neighbour relation, where either route
    /// changed since the previous phase. True when a move was applied.
    fn swap_star_phase(&mut self, stop: &dyn Fn() -> bool) -> bool {
        let since = self.last_swap_star;
        self.last_swap_star = self.counter;
        let mut pairs = std::mem::take(&mut self.pairs);
        pairs.clear();
        for u in 0..self.sd.num_clients {
            let ru = self.route_of[u];
            if ru == NONE {
                continue;
            }
            for &v in &self.neighbours[u] {
                let rv = self.route_of[v];
                if rv == NONE || rv == ru {
                    continue;
                }
                if self.last_modified[ru].max(self.last_modified[rv]) > since {
                    pairs.push((ru.min(rv), ru.max(rv)));
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut improved = false;
        for (k, &(a, b)) in pairs.iter().enumerate() {
            if k % 64 == 63 && stop() {
                break;
            }
            let found = best_swap_star(
                self.sd,
                &self.routes,
                a,
                b,
                self.pen.load,
                &mut self.swap_star_scratch,
            );
            if let Some(m) = found {
                let (la, lb) = (self.routes[a].last(), self.routes[b].last());
                let sa = Self::swap_star_spans(a, m.pu, la, Span::fwd(b, m.pv, m.pv), m.v_after);
                let sb = Self::swap_star_spans(b, m.pv, lb, Span::fwd(a, m.pu, m.pu), m.u_after);
                if self.try_two(a, &sa, b, &sb, 0) {
                    improved = true;
                }
            }
        }
        self.pairs = pairs;
        improved
    }

    /// Route `r` without its client at `p`, with `incoming` after position `after` (or in `p`'s
    /// place).
    fn swap_star_spans(r: usize, p: usize, last: usize, incoming: Span, after: usize) -> [Span; 4] {
        let none = Span::fwd(r, 1, 0);
        if after == IN_PLACE || after + 1 == p || after == p {
            [
                Span::fwd(r, 1, p - 1),
                incoming,
                Span::fwd(r, p + 1, last - 1),
                none,
            ]
        } else if after < p {
            [
                Span::fwd(r, 1, after),
                incoming,
                Span::fwd(r, after + 1, p - 1),
                Span::fwd(r, p + 1, last - 1),
            ]
        } else {
            [
                Span::fwd(r, 1, p - 1),
                Span::fwd(r, p + 1, after),
                incoming,
                Span::fwd(r, after + 1, last - 1),
            ]
        }
    }

    /// All moves between client `u` and its neighbour `v`; true when one was applied.
    fn client_moves(&mut self, u: usize, v: usize) -> bool {
        let (ru, pu, rv, pv) = (
            self.route_of[u],
            self.pos_of[u],
            self.route_of[v],
            self.pos_of[v],
        );
        // Relocations of 1-3 clients after v (and before v when v opens its route).
        for n in 1..=3 {
            if self.exchange(n, 0, ru, pu, rv, pv)
                || (pv == 1 && self.exchange(n, 0, ru, pu, rv, 0))
            {
                return true;
            }
        }
        for (n, m) in [(1, 1), (2, 1), (2, 2)] {
            if self.exchange(n, m, ru, pu, rv, pv) {
                return true;
            }
        }
        if ru != rv {
            if self.swap_tails(ru, pu, rv, pv) || (pv == 1 && self.swap_tails(ru, pu, rv, 0)) {
                return true;
            }
        } else if self.two_opt(ru, pu, pv) {
            return true;
        }
        false
    }

    /// Moves the `n` clients from position `pu` of `ru` after position `pv` of `rv` (`m == 0`) or
    /// swaps them with the `m` clients from position `pv` (`m > 0`).
    fn exchange(&mut self, n: usize, m: usize, ru: usize, pu: usize, rv: usize, pv: usize) -> bool {
        let lu = self.routes[ru].last();
        let lv = self.routes[rv].last();
        if pu + n > lu || (m > 0 && (pv == 0 || pv + m > lv)) {
            return false;
        }
        let seg_u = Span::fwd(ru, pu, pu + n - 1);
        if ru != rv {
            let direct = self.same_profile_routes(ru, rv);
            if m == 0 {
                let su = [Span::fwd(ru, 1, pu - 1), Span::fwd(ru, pu + n, lu - 1)];
                let sv = [Span::fwd(rv, 1, pv), seg_u, Span::fwd(rv, pv + 1, lv - 1)];
                if direct {
                    let (du, dv) = self.relocate_distances(ru, pu, n, rv, pv);
                    self.try_two_with(ru, &su, du, rv, &sv, dv, 0)
                } else {
                    self.try_two(ru, &su, rv, &sv, 0)
                }
            } else {
                let seg_v = Span::fwd(rv, pv, pv + m - 1);
                let su = [
                    Span::fwd(ru, 1, pu - 1),
                    seg_v,
                    Span::fwd(ru, pu + n, lu - 1),
                ];
                let sv = [
                    Span::fwd(rv, 1, pv - 1),
                    seg_u,
                    Span::fwd(rv, pv + m, lv - 1),
                ];
                if direct {
                    let du = self.replaced_distance(ru, pu, n, rv, pv, m);
                    let dv = self.replaced_distance(rv, pv, m, ru, pu, n);
                    self.try_two_with(ru, &su, du, rv, &sv, dv, 0)
                } else {
                    self.try_two(ru, &su, rv, &sv, 0)
                }
            }
        } else if m == 0 {
            if pv + 1 >= pu && pv < pu + n {
                return false;
            }
            if pv < pu {
                let s = [
                    Span::fwd(ru, 1, pv),
                    seg_u,
                    Span::fwd(ru, pv + 1, pu - 1),
                    Span::fwd(ru, pu + n, lu - 1),
                ];
                self.try_one(ru, &s)
            } else {
                let s = [
                    Span::fwd(ru, 1, pu - 1),
                    Span::fwd(ru, pu + n, pv),
                    seg_u,
                    Span::fwd(ru, pv + 1, lu - 1),
                ];
                self.try_one(ru, &s)
            }
        } else {
            let seg_v = Span::fwd(rv, pv, pv + m - 1);
            if pv + m <= pu {
                let s = [
                    Span::fwd(ru, 1, pv - 1),
                    seg_u,
                    Span::fwd(ru, pv + m, pu - 1),
                    seg_v,
                    Span::fwd(ru, pu + n, lu - 1),
                ];
                self.try_one(ru, &s)
            } else if pu + n <= pv {
                let s = [
                    Span::fwd(ru, 1, pu - 1),
                    seg_v,
                    Span::fwd(ru, pu + n, pv - 1),
                    seg_u,
                    Span::fwd(ru, pv + m, lu - 1),
                ];
                self.try_one(ru, &s)
            } else {
                false
            }
        }
    }

    /// Whether routes `a` and `b` travel on the same matrices, so distances along one route's
    /// stretch hold in the other and moves can be priced from the arcs they change.
    #[inline(always)]
    pub(crate) fn same_profile_routes(&self, a: usize, b: usize) -> bool {
        self.sd
            .same_profile(self.routes[a].vehicle_type, self.routes[b].vehicle_type)
    }

    /// Distance from position `from` to position `to` along route `r`.
    #[inline(always)]
    fn stretch(&self, r: usize, from: usize, to: usize) -> i64 {
        let c = &self.routes[r].cum_dist;
        c[to] - c[from]
    }

    #[inline(always)]
    fn arc(&self, r: usize, a: usize, b: usize) -> i64 {
        self.sd
            .dist(self.sd.types[self.routes[r].vehicle_type].profile)
            .get(a, b)
    }

    /// New distances of routes `ru` and `rv` when the `n` clients from position `pu` of `ru`
    /// move after position `pv` of `rv` (same profile): only the changed arcs are looked up.
    #[inline]
    pub(crate) fn relocate_distances(
        &self,
        ru: usize,
        pu: usize,
        n: usize,
        rv: usize,
        pv: usize,
    ) -> (i64, i64) {
        let (u, v) = (&self.routes[ru], &self.routes[rv]);
        let (a, first, last, b) = (
            u.nodes[pu - 1],
            u.nodes[pu],
            u.nodes[pu + n - 1],
            u.nodes[pu + n],
        );
        let (c, e) = (v.nodes[pv], v.nodes[pv + 1]);
        let inner = self.stretch(ru, pu, pu + n - 1);
        let du = u.cum_dist[u.last()] - self.stretch(ru, pu - 1, pu + n) + self.arc(ru, a, b);
        // The arc c -> e is on route v: read it from its cumulative distances, not the matrix.
        let dv = v.cum_dist[v.last()] - self.stretch(rv, pv, pv + 1)
            + self.arc(rv, c, first)
            + inner
            + self.arc(rv, last, e);
        (du, dv)
    }

    /// New distance of route `r` when its `n` clients from position `p` are replaced by the
    /// `m` clients from position `q` of route `o` (same profile).
    #[inline]
    pub(crate) fn replaced_distance(
        &self,
        r: usize,
        p: usize,
        n: usize,
        o: usize,
        q: usize,
        m: usize,
    ) -> i64 {
        let (route, other) = (&self.routes[r], &self.routes[o]);
        let (a, b) = (route.nodes[p - 1], route.nodes[p + n]);
        let (first, last) = (other.nodes[q], other.nodes[q + m - 1]);
        route.cum_dist[route.last()] - self.stretch(r, p - 1, p + n)
            + self.arc(r, a, first)
            + self.stretch(o, q, q + m - 1)
            + self.arc(r, last, b)
    }

    /// New distance of route `r` keeping its clients up to position `p`, then those of route
    /// `o` after position `q`, ending at `r`'s own end depot (same profile).
    #[inline]
    pub(crate) fn tail_swapped_distance(&self, r: usize, p: usize, o: usize, q: usize) -> i64 {
        let (route, other) = (&self.routes[r], &self.routes[o]);
        let (here, end) = (route.nodes[p], route.nodes[route.last()]);
        let lo = other.last();
        if q + 1 > lo - 1 {
            route.cum_dist[p] + self.arc(r, here, end)
        } else {
            route.cum_dist[p]
                + self.arc(r, here, other.nodes[q + 1])
                + self.stretch(o, q + 1, lo - 1)
                + self.arc(r, other.nodes[lo - 1], end)
        }
    }

    /// 2-opt*: route `ru` keeps its clients up to `pu` then takes `rv`'s after `pv`, and vice
    /// versa.
    fn swap_tails(&mut self, ru: usize, pu: usize, rv: usize, pv: usize) -> bool {
        let lu = self.routes[ru].last();
        let lv = self.routes[rv].last();
        let su = [Span::fwd(ru, 1, pu), Span::fwd(rv, pv + 1, lv - 1)];
        let sv = [Span::fwd(rv, 1, pv), Span::fwd(ru, pu + 1, lu - 1)];
        if self.same_profile_routes(ru, rv) {
            let du = self.tail_swapped_distance(ru, pu, rv, pv);
            let dv = self.tail_swapped_distance(rv, pv, ru, pu);
            self.try_two_with(ru, &su, du, rv, &sv, dv, 0)
        } else {
            self.try_two(ru, &su, rv, &sv, 0)
        }
    }

    /// Intra-route 2-opt: reverses the clients between `u` and `v`.
    fn two_opt(&mut self, r: usize, pu: usize, pv: usize) -> bool {
        let (a, b) = if pu < pv { (pu, pv) } else { (pv, pu) };
        if b < a + 2 {
            return false;
        }
        let l = self.routes[r].last();
        let s = [
            Span::fwd(r, 1, a),
            Span::rev(r, a + 1, b),
            Span::fwd(r, b + 1, l - 1),
        ];
        self.try_one(r, &s)
    }

    /// Moves client `u` alone into an empty vehicle of each type.
    fn try_empty_route(&mut self, u: usize) -> bool {
        let (ru, pu) = (self.route_of[u], self.pos_of[u]);
        let lu = self.routes[ru].last();
        for t in 0..self.empty_slot.len() {
            let e = self.empty_slot[t];
            if e == NONE || (lu == 2 && t == self.routes[ru].vehicle_type) {
                continue;
            }
            let su = [Span::fwd(ru, 1, pu - 1), Span::fwd(ru, pu + 1, lu - 1)];
            let se = [Span::fwd(ru, pu, pu)];
            if self.try_two(ru, &su, e, &se, 0) {
                return true;
            }
        }
        false
    }

    /// Moves whole routes to an unused vehicle of another type, or swaps the vehicles of two
    /// routes of different types.
    fn vehicle_type_moves(&mut self) -> bool {
        let mut improved = false;
        for r in 0..self.routes.len() {
            if self.routes[r].is_empty() {
                continue;
            }
            for t in 0..self.empty_slot.len() {
                let e = self.empty_slot[t];
                if e == NONE || t == self.routes[r].vehicle_type || self.routes[r].is_empty() {
                    continue;
                }
                let l = self.routes[r].last();
                let se = [Span::fwd(r, 1, l - 1)];
                if self.try_two(r, &[], e, &se, 0) {
                    improved = true;
                }
            }
        }
        let nr = self.routes.len();
        if nr <= 200 {
            for a in 0..nr {
                for b in a + 1..nr {
                    let (ra, rb) = (&self.routes[a], &self.routes[b]);
                    if ra.is_empty() || rb.is_empty() || ra.vehicle_type == rb.vehicle_type {
                        continue;
                    }
                    let sa = [Span::fwd(b, 1, rb.last() - 1)];
                    let sb = [Span::fwd(a, 1, ra.last() - 1)];
                    if self.try_two(a, &sa, b, &sb, 0) {
                        improved = true;
                    }
                }
            }
        }
        improved
    }

    fn try_insert_optional(&mut self, u: usize) -> bool {
        match self.cheapest_insertion(u, false) {
            Some((delta, r, p)) if delta - self.sd.prize[u] < 0 => {
                self.insert_at(r, p, self.sd.loc(u));
                true
            }
            _ => false,
        }
    }

    fn try_remove_optional(&mut self, u: usize) -> bool {
        if self.sd.has_pins && self.sd.is_pinned(u) {
            return false;
        }
        let (r, p) = (self.route_of[u], self.pos_of[u]);
        let l = self.routes[r].last();
        let s = [Span::fwd(r, 1, p - 1), Span::fwd(r, p + 1, l - 1)];
        let pricer = Pricer {
            sd: self.sd,
            routes: &self.routes,
        };
        let t = self.routes[r].vehicle_type;
        let d = pricer.distance(t, &s);
        let cost = pricer.cost(t, &s, d, &self.pen);
        if cost + self.sd.prize[u] < self.routes[r].cost {
            self.remove_client(u);
            true
        } else {
            false
        }
    }

    /// Cost change of inserting location `loc` after position `p` of route `r`.
    fn insertion_delta(&self, r: usize, p: usize, loc: usize) -> i64 {
        let pricer = Pricer {
            sd: self.sd,
            routes: &self.routes,
        };
        let l = self.routes[r].last();
        let s = [
            Span::fwd(r, 1, p),
            Span::single(loc),
            Span::fwd(r, p + 1, l - 1),
        ];
        let t = self.routes[r].vehicle_type;
        let d = pricer.distance(t, &s);
        pricer.cost(t, &s, d, &self.pen) - self.routes[r].cost
    }

    fn insert_at(&mut self, r: usize, p: usize, loc: usize) {
        let l = self.routes[r].last();
        let s = [
            Span::fwd(r, 1, p),
            Span::single(loc),
            Span::fwd(r, p + 1, l - 1),
        ];
        self.apply_one(r, &s);
    }

    /// Inserts every unrouted required (or pinned) client at its cheapest position.
    fn insert_missing_required(&mut self) {
        for u in 0..self.sd.num_clients {
            if self.route_of[u] == NONE && (self.sd.required[u] || self.sd.is_pinned(u)) {
                self.insert_cheapest(u);
            }
        }
    }

    /// Inserts unrouted client `u` at its cheapest position (see [`Self::cheapest_insertion`]).
    fn insert_cheapest(&mut self, u: usize) {
        if let Some((_, r, p)) = self.cheapest_insertion(u, true) {
            self.insert_at(r, p, self.sd.loc(u));
        }
    }

    /// The cheapest place for unrouted client `u` (cost change, route, insert after position):
    /// next to a routed granular neighbour, or alone in an empty vehicle; with `scan_all`, every
    /// position of every route when no neighbour is routed.
    fn cheapest_insertion(&self, u: usize, scan_all: bool) -> Option<(i64, usize, usize)> {
        if self.sd.has_pins && self.sd.is_pinned(u) {
            return self.pinned_insertion(u);
        }
        let loc = self.sd.loc(u);
        let mut best: Option<(i64, usize, usize)> = None;
        let (sd, routes) = (self.sd, &self.routes);
        let offer = |best: &mut Option<(i64, usize, usize)>, delta: i64, r: usize, p: usize| {
            if sd.has_restrictions && !sd.allowed(u, routes[r].vehicle_type) {
                return;
            }
            if best.is_none_or(|b| delta < b.0) {
                *best = Some((delta, r, p));
            }
        };
        for &v in &self.neighbours[u] {
            let rv = self.route_of[v];
            if rv != NONE {
                for p in [self.pos_of[v] - 1, self.pos_of[v]] {
                    offer(&mut best, self.insertion_delta(rv, p, loc), rv, p);
                }
            }
        }
        let none_routed = self.neighbours[u].iter().all(|&v| self.route_of[v] == NONE);
        // With restrictions the routed neighbours may all be on barred vehicles.
        let none_allowed = self.sd.has_restrictions && best.is_none();
        if scan_all && (none_routed || none_allowed) {
            for r in 0..self.routes.len() {
                for p in 0..self.routes[r].last() {
                    if !self.routes[r].is_empty() {
                        offer(&mut best, self.insertion_delta(r, p, loc), r, p);
                    }
                }
            }
        }
        for &e in &self.empty_slot {
            if e != NONE {
                offer(&mut best, self.insertion_delta(e, 0, loc), e, 0);
            }
        }
        best
    }

    /// The cheapest place for unrouted pinned client `u`: any position of the route holding a
    /// routed client of its group, else of any route (empty ones included) holding no pinned
    /// client. There is always such a route: groups come from a solution's routes, so there are
    /// no more groups than route slots.
    #[cold]
    fn pinned_insertion(&self, u: usize) -> Option<(i64, usize, usize)> {
        let loc = self.sd.loc(u);
        let group = &self.sd.pin_members[self.sd.pin_group[u]];
        let home = group.iter().map(|&c| self.route_of[c]).find(|&r| r != NONE);
        let pin_free = |r: usize| {
            let route = &self.routes[r];
            (1..route.last()).all(|i| !self.sd.is_pinned(self.sd.client_of(route.nodes[i])))
        };
        let mut best: Option<(i64, usize, usize)> = None;
        for r in 0..self.routes.len() {
            let allowed = match home {
                Some(h) => r == h,
                None => pin_free(r),
            };
            if !allowed || !self.sd.allowed(u, self.routes[r].vehicle_type) {
                continue;
            }
            for p in 0..self.routes[r].last() {
                let delta = self.insertion_delta(r, p, loc);
                if best.is_none_or(|b| delta < b.0) {
                    best = Some((delta, r, p));
                }
            }
        }
        best
    }

    /// Loads a solution taken to be locally optimal: only what a later [`Self::perturb`]
    /// touches is searched by the next [`Self::run`].
    pub fn load_settled(&mut self, routes: &[Route], pen: &Penalties) {
        let settled = vec![false; routes.len()];
        self.load(routes, Some(&settled), pen);
    }

    /// Ruins and recreates a small neighbourhood of the loaded solution: removes `count` routed
    /// clients (a random client and its nearest routed granular neighbours, so the ruin is local
    /// and the recreate can reorder a region) and reinserts them one by one, in random order, at
    /// their cheapest position. The routes touched are then the only ones the next
    /// [`Self::run`] searches from.
    pub fn perturb(&mut self, rng: &mut Rng, count: usize) {
        let n = self.sd.num_clients;
        let mut removed = std::mem::take(&mut self.removed);
        removed.clear();
        // A few regions at most: when a centre has too few routed neighbours, start another.
        for _ in 0..4 {
            if removed.len() >= count {
                break;
            }
            let centre = rng.below(n);
            if self.route_of[centre] == NONE {
                continue;
            }
            let region = std::iter::once(centre).chain(self.neighbours[centre].iter().copied());
            for c in region {
                if removed.len() >= count {
                    break;
                }
                if self.route_of[c] != NONE && !self.sd.is_pinned(c) {
                    self.remove_client(c);
                    removed.push(c);
                }
            }
        }
        rng.shuffle(&mut removed);
        for &c in &removed {
            self.insert_cheapest(c);
        }
        self.removed = removed;
    }

    fn remove_client(&mut self, c: usize) {
        let (r, p) = (self.route_of[c], self.pos_of[c]);
        let l = self.routes[r].last();
        let s = [Span::fwd(r, 1, p - 1), Span::fwd(r, p + 1, l - 1)];
        self.apply_one(r, &s);
        self.route_of[c] = NONE;
    }

    /// Applies the two-route move if it lowers the penalised cost by more than `extra`.
    #[inline]
    fn try_two(&mut self, ru: usize, su: &[Span], rv: usize, sv: &[Span], extra: i64) -> bool {
        let pricer = Pricer {
            sd: self.sd,
            routes: &self.routes,
        };
        let du = pricer.distance(self.routes[ru].vehicle_type, su);
        let dv = pricer.distance(self.routes[rv].vehicle_type, sv);
        self.try_two_with(ru, su, du, rv, sv, dv, extra)
    }

    /// As [`Self::try_two`] with the new routes' distances `du` and `dv` already known.
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn try_two_with(
        &mut self,
        ru: usize,
        su: &[Span],
        du: i64,
        rv: usize,
        sv: &[Span],
        dv: i64,
        extra: i64,
    ) -> bool {
        let pricer = Pricer {
            sd: self.sd,
            routes: &self.routes,
        };
        debug_assert_eq!(du, pricer.distance(self.routes[ru].vehicle_type, su));
        debug_assert_eq!(dv, pricer.distance(self.routes[rv].vehicle_type, sv));
        let tu = self.routes[ru].vehicle_type;
        let tv = self.routes[rv].vehicle_type;
        let old = self.routes[ru].cost + self.routes[rv].cost;
        let lb_u = pricer.lower_bound(tu, su, du);
        let lb_v = pricer.lower_bound(tv, sv, dv);
        if lb_u + lb_v + extra >= old {
            return false;
        }
        let cu = pricer.cost(tu, su, du, &self.pen);
        if cu + lb_v + extra >= old {
            return false;
        }
        let cv = pricer.cost(tv, sv, dv, &self.pen);
        if cu + cv + extra >= old {
            return false;
        }
        if self.sd.has_pins && (self.carries_pinned(ru, su) || self.carries_pinned(rv, sv)) {
            return false;
        }
        if self.sd.has_restrictions && (self.carries_barred(ru, su) || self.carries_barred(rv, sv))
        {
            return false;
        }
        self.apply_two(ru, su, rv, sv);
        true
    }

    /// Whether the new route `r` made of `spans` takes in a pinned client from another route.
    #[cold]
    fn carries_pinned(&self, r: usize, spans: &[Span]) -> bool {
        spans
            .iter()
            .filter(|span| span.route != r && span.route != UNROUTED)
            .any(|span| {
                let nodes = &self.routes[span.route].nodes;
                (span.from..=span.to)
                    .filter(|&i| !span.is_empty() && i < nodes.len())
                    .any(|i| self.sd.is_pinned(self.sd.client_of(nodes[i])))
            })
    }

    /// Whether the new route `r` made of `spans` takes in, from another route or unrouted, a
    /// client that may not ride its vehicle type.
    #[cold]
    fn carries_barred(&self, r: usize, spans: &[Span]) -> bool {
        let t = self.routes[r].vehicle_type;
        spans
            .iter()
            .filter(|span| span.route != r && !span.is_empty())
            .any(|span| {
                if span.route == UNROUTED {
                    return !self.sd.allowed(self.sd.client_of(span.from), t);
                }
                let nodes = &self.routes[span.route].nodes;
                (span.from..=span.to)
                    .filter(|&i| i < nodes.len())
                    .any(|i| !self.sd.allowed(self.sd.client_of(nodes[i]), t))
            })
    }

    #[inline]
    fn try_one(&mut self, r: usize, s: &[Span]) -> bool {
        let pricer = Pricer {
            sd: self.sd,
            routes: &self.routes,
        };
        let t = self.routes[r].vehicle_type;
        let old = self.routes[r].cost;
        let d = pricer.distance(t, s);
        if pricer.lower_bound(t, s, d) >= old {
            return false;
        }
        if pricer.cost(t, s, d, &self.pen) >= old {
            return false;
        }
        self.apply_one(r, s);
        true
    }

    fn build(&self, r: usize, spans: &[Span], out: &mut Vec<usize>) {
        let t = &self.sd.types[self.routes[r].vehicle_type];
        out.clear();
        out.push(t.start_loc);
        for s in spans {
            s.push_locations(&self.routes, out);
        }
        out.push(t.end_loc);
    }

    fn apply_two(&mut self, ru: usize, su: &[Span], rv: usize, sv: &[Span]) {
        let mut bu = std::mem::take(&mut self.buf_u);
        let mut bv = std::mem::take(&mut self.buf_v);
        self.build(ru, su, &mut bu);
        self.build(rv, sv, &mut bv);
        std::mem::swap(&mut self.routes[ru].nodes, &mut bu);
        std::mem::swap(&mut self.routes[rv].nodes, &mut bv);
        self.buf_u = bu;
        self.buf_v = bv;
        self.finish(ru);
        self.finish(rv);
        self.update_empty_slots(ru, rv);
    }

    fn apply_one(&mut self, r: usize, s: &[Span]) {
        let mut bu = std::mem::take(&mut self.buf_u);
        self.build(r, s, &mut bu);
        std::mem::swap(&mut self.routes[r].nodes, &mut bu);
        self.buf_u = bu;
        self.finish(r);
        self.update_empty_slots(r, r);
    }

    fn finish(&mut self, r: usize) {
        self.routes[r].update(self.sd, &self.pen);
        self.index_route(r);
        self.counter += 1;
        self.last_modified[r] = self.counter;
    }
}
