//! Granular local search with penalised costs: relocations and swaps of segments of up to three
//! clients (Exchange N-M), 2-opt* tail exchange, intra-route 2-opt, moves into empty vehicles and
//! between vehicle types, and insertion/removal of optional clients. Every move is priced by
//! joining cached route prefixes and suffixes ([`Pricer`]) and applied first-improvement.
//!
//! One operator per file, each building its moves as spans of the current routes and handing
//! them to a [`Judge`] (`apply.rs`): the search's [`Improve`] applies an improving move, the
//! benches' and tests' [`Price`] only prices it, so what is measured and tested is the operator
//! itself. `tests.rs` checks every operator's prices against [`crate::Solution::evaluate`].
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

use super::cost::{route_objective, CostEvaluator, Excess};
use super::data::SearchData;
use super::individual::Individual;
use super::rng::Rng;
use super::route::{SearchRoute, Span};
use super::swap_star::{best_swap_star, SwapStarScratch, IN_PLACE};
use crate::Route;

mod apply;
mod empty_route;
mod exchange;
mod insertion;
mod optional;
mod perturb;
mod tail_swap;
#[cfg(test)]
mod tests;
mod two_opt;
mod vehicle_type;

#[cfg(any(test, feature = "bench-support"))]
pub(crate) use apply::Price;
pub(crate) use apply::{Improve, Judge};

/// One granular operator's move between a client `u` and its neighbour `v`.
#[cfg(any(test, feature = "bench-support"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GranularMove {
    /// Exchange N-M (`exchange.rs`): `n` clients from `u` on, after `v` (`m == 0`) or swapped
    /// with `m` clients from `v` on.
    Exchange(usize, usize),
    /// 2-opt* (`tail_swap.rs`), between two routes.
    TailSwap,
    /// 2-opt (`two_opt.rs`), within one route.
    TwoOpt,
}

/// `route_of` of a client on no route, and an absent slot.
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
    pen: CostEvaluator,
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
        let pen = CostEvaluator::uniform(1);
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
    pub fn load(&mut self, routes: &[Route], fresh: Option<&[bool]>, pen: &CostEvaluator) {
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

    pub(super) fn fill(&mut self, slot: usize, visits: &[usize]) {
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

    pub(super) fn index_route(&mut self, r: usize) {
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
    pub(super) fn update_empty_slots(&mut self, a: usize, b: usize) {
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

    pub(super) fn refresh_empty_slots(&mut self) {
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
        let mut excess = Excess::default();
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
            let schedule = sd.has_time.then(|| r.dur_before[n]);
            objective += route_objective(t, r.cum_dist[n], schedule.as_ref());
            excess = excess.plus(r.excess);
        }
        for c in 0..sd.num_clients {
            if self.route_of[c] == NONE {
                objective += sd.prize[c];
            }
        }
        Individual::new(routes, sd.num_clients, objective, excess)
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
                    if self.client_moves(&mut Improve, u, v) {
                        improved = true;
                    }
                }
                if self.route_of[u] != NONE
                    && self.last_modified[self.route_of[u]] > last_test
                    && self.try_empty_route(&mut Improve, u)
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
            if self.sd.types.len() > 1 && self.vehicle_type_moves(&mut Improve) {
                improved = true;
            }
            if !improved && !self.swap_star_phase(stop) {
                break;
            }
        }
    }

    /// SWAP* over pairs of routes linked by a granular neighbour relation, where either route
    /// changed since the previous phase. True when a move was applied.
    pub(super) fn swap_star_phase(&mut self, stop: &dyn Fn() -> bool) -> bool {
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
                self.pen.weights.load,
                &mut self.swap_star_scratch,
            );
            if let Some(m) = found {
                let (la, lb) = (self.routes[a].last(), self.routes[b].last());
                let sa = Self::swap_star_spans(a, m.pu, la, Span::fwd(b, m.pv, m.pv), m.v_after);
                let sb = Self::swap_star_spans(b, m.pv, lb, Span::fwd(a, m.pu, m.pu), m.u_after);
                if self.judge_two(&mut Improve, a, &sa, b, &sb) {
                    improved = true;
                }
            }
        }
        self.pairs = pairs;
        improved
    }

    /// Route `r` without its client at `p`, with `incoming` after position `after` (or in `p`'s
    /// place).
    pub(super) fn swap_star_spans(
        r: usize,
        p: usize,
        last: usize,
        incoming: Span,
        after: usize,
    ) -> [Span; 4] {
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

    /// Shows `judge` every granular move between routed client `u` and its routed neighbour
    /// `v`, in the search's order, until one is applied; true when one was.
    pub(crate) fn client_moves<J: Judge>(&mut self, judge: &mut J, u: usize, v: usize) -> bool {
        let (ru, pu, rv, pv) = (
            self.route_of[u],
            self.pos_of[u],
            self.route_of[v],
            self.pos_of[v],
        );
        // Relocations of 1-3 clients after v (and before v when v opens its route).
        for n in 1..=3 {
            if self.exchange(judge, n, 0, ru, pu, rv, pv)
                || (pv == 1 && self.exchange(judge, n, 0, ru, pu, rv, 0))
            {
                return true;
            }
        }
        for (n, m) in [(1, 1), (2, 1), (2, 2)] {
            if self.exchange(judge, n, m, ru, pu, rv, pv) {
                return true;
            }
        }
        if ru != rv {
            if self.swap_tails(judge, ru, pu, rv, pv)
                || (pv == 1 && self.swap_tails(judge, ru, pu, rv, 0))
            {
                return true;
            }
        } else if self.two_opt(judge, ru, pu, pv) {
            return true;
        }
        false
    }

    /// Shows `judge` the one move `mv` between routed client `u` and routed client `v` (the
    /// benches price each operator alone this way); true when it was applied.
    #[cfg(any(test, feature = "bench-support"))]
    pub(crate) fn granular_move<J: Judge>(
        &mut self,
        judge: &mut J,
        mv: GranularMove,
        u: usize,
        v: usize,
    ) -> bool {
        let (ru, pu, rv, pv) = (
            self.route_of[u],
            self.pos_of[u],
            self.route_of[v],
            self.pos_of[v],
        );
        match mv {
            GranularMove::Exchange(n, m) => self.exchange(judge, n, m, ru, pu, rv, pv),
            GranularMove::TailSwap => ru != rv && self.swap_tails(judge, ru, pu, rv, pv),
            GranularMove::TwoOpt => ru == rv && self.two_opt(judge, ru, pu, pv),
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
    pub(super) fn stretch(&self, r: usize, from: usize, to: usize) -> i64 {
        let c = &self.routes[r].cum_dist;
        c[to] - c[from]
    }

    #[inline(always)]
    pub(super) fn arc(&self, r: usize, a: usize, b: usize) -> i64 {
        self.sd
            .dist(self.sd.types[self.routes[r].vehicle_type].profile)
            .get(a, b)
    }
}
