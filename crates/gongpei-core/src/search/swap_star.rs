//! SWAP* (Vidal 2022): exchange a client of one route with a client of another, each reinserted
//! at its best position in the other route rather than in the other's place. The three cheapest
//! insertion positions of every client are precomputed per route pair, so a pair of routes of
//! lengths `a` and `b` is searched in O(a * b); the best candidate is then priced exactly.

use super::data::SearchData;
use super::route::SearchRoute;

/// The three cheapest positions (insert after `nodes[p]`) and their distance deltas.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TopThree {
    pub cost: [i64; 3],
    pub pos: [usize; 3],
}

impl TopThree {
    fn new() -> Self {
        Self {
            cost: [i64::MAX; 3],
            pos: [usize::MAX; 3],
        }
    }

    fn offer(&mut self, cost: i64, pos: usize) {
        if cost >= self.cost[2] {
            return;
        }
        if cost < self.cost[0] {
            self.cost = [cost, self.cost[0], self.cost[1]];
            self.pos = [pos, self.pos[0], self.pos[1]];
        } else if cost < self.cost[1] {
            self.cost = [self.cost[0], cost, self.cost[1]];
            self.pos = [self.pos[0], pos, self.pos[1]];
        } else {
            self.cost[2] = cost;
            self.pos[2] = pos;
        }
    }
}

/// A SWAP* candidate: client at `pu` of route A goes after position `u_after` of route B (in
/// B's numbering, `usize::MAX - 1` meaning "in v's place"), and client at `pv` of B goes after
/// `v_after` of A likewise.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SwapStarMove {
    pub pu: usize,
    pub pv: usize,
    pub u_after: usize,
    pub v_after: usize,
    pub estimate: i64,
}

/// Marks insertion in the place of the removed partner.
pub(crate) const IN_PLACE: usize = usize::MAX - 1;

/// Scratch space reused across route pairs.
#[derive(Default)]
pub(crate) struct SwapStarScratch {
    into_b: Vec<TopThree>,
    into_a: Vec<TopThree>,
}

/// Cost of inserting `loc` between positions `p` and `p + 1` of `r` (distance only).
#[inline(always)]
fn insert_cost(sd: &SearchData, r: &SearchRoute, p: usize, loc: usize) -> i64 {
    let d = sd.dist(sd.types[r.vehicle_type].profile);
    let (a, b) = (r.nodes[p], r.nodes[p + 1]);
    d.get(a, loc) + d.get(loc, b) - d.get(a, b)
}

#[inline(always)]
fn removal_cost(sd: &SearchData, r: &SearchRoute, p: usize) -> i64 {
    let d = sd.dist(sd.types[r.vehicle_type].profile);
    let (a, u, b) = (r.nodes[p - 1], r.nodes[p], r.nodes[p + 1]);
    d.get(a, b) - d.get(a, u) - d.get(u, b)
}

/// Best insertion of the client at `from_pos` of `from` into `into` once the client at
/// `removed` leaves it: one of the top three positions not touching `removed`, or its place.
fn best_insertion(
    sd: &SearchData,
    top: &TopThree,
    into: &SearchRoute,
    removed: usize,
    loc: usize,
) -> (i64, usize) {
    let d = sd.dist(sd.types[into.vehicle_type].profile);
    let (a, b) = (into.nodes[removed - 1], into.nodes[removed + 1]);
    let mut best = (d.get(a, loc) + d.get(loc, b) - d.get(a, b), IN_PLACE);
    for k in 0..3 {
        let p = top.pos[k];
        if p == usize::MAX {
            break;
        }
        if p + 1 != removed && p != removed && top.cost[k] < best.0 {
            best = (top.cost[k], p);
            break;
        }
    }
    best
}

/// Finds the SWAP* move between routes `a` and `b` with the lowest estimated cost change
/// (distance plus load-penalty estimate), if that estimate is negative.
pub(crate) fn best_swap_star(
    sd: &SearchData,
    routes: &[SearchRoute],
    a: usize,
    b: usize,
    load_penalty: i64,
    scratch: &mut SwapStarScratch,
) -> Option<SwapStarMove> {
    let (ra, rb) = (&routes[a], &routes[b]);
    if ra.is_empty() || rb.is_empty() {
        return None;
    }
    scratch.into_b.clear();
    scratch.into_a.clear();
    for pu in 1..ra.last() {
        let loc = ra.nodes[pu];
        let mut top = TopThree::new();
        for p in 0..rb.last() {
            top.offer(insert_cost(sd, rb, p, loc), p);
        }
        scratch.into_b.push(top);
    }
    for pv in 1..rb.last() {
        let loc = rb.nodes[pv];
        let mut top = TopThree::new();
        for p in 0..ra.last() {
            top.offer(insert_cost(sd, ra, p, loc), p);
        }
        scratch.into_a.push(top);
    }
    let dims = sd.dims;
    let (ta, tb) = (&sd.types[ra.vehicle_type], &sd.types[rb.vehicle_type]);
    let total = |r: &SearchRoute, k: usize| r.load_before[r.last() * dims + k].delivery;
    let mut best: Option<SwapStarMove> = None;
    for pu in 1..ra.last() {
        let (lu, rem_u) = (ra.nodes[pu], removal_cost(sd, ra, pu));
        for pv in 1..rb.last() {
            let lv = rb.nodes[pv];
            // Load penalty estimate from delivered totals.
            let mut load_delta = 0;
            for k in 0..dims {
                let (qu, qv) = (
                    sd.load_vertex[lu * dims + k].delivery,
                    sd.load_vertex[lv * dims + k].delivery,
                );
                let (la, lb) = (total(ra, k), total(rb, k));
                load_delta += (la - qu + qv - ta.capacity[k]).max(0) - (la - ta.capacity[k]).max(0)
                    + (lb - qv + qu - tb.capacity[k]).max(0)
                    - (lb - tb.capacity[k]).max(0);
            }
            let rem = rem_u + removal_cost(sd, rb, pv);
            let partial =
                rem * ta.unit_distance_cost.min(tb.unit_distance_cost) + load_penalty * load_delta;
            if best.is_some_and(|m| partial >= m.estimate) {
                continue;
            }
            let (ins_u, u_after) = best_insertion(sd, &scratch.into_b[pu - 1], rb, pv, lu);
            let (ins_v, v_after) = best_insertion(sd, &scratch.into_a[pv - 1], ra, pu, lv);
            let estimate = ta.unit_distance_cost * (rem_u + ins_v)
                + tb.unit_distance_cost * (removal_cost(sd, rb, pv) + ins_u)
                + load_penalty * load_delta;
            if estimate < 0 && best.is_none_or(|m| estimate < m.estimate) {
                best = Some(SwapStarMove {
                    pu,
                    pv,
                    u_after,
                    v_after,
                    estimate,
                });
            }
        }
    }
    best
}
