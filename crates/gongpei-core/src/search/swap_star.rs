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
    /// Per client position: distance change of removing it, and the arc that then joins its
    /// neighbours.
    removal_a: Vec<(i64, i64)>,
    removal_b: Vec<(i64, i64)>,
}

/// The three cheapest positions to insert `loc` into `r` (distance only). On symmetric
/// matrices every distance is read from `loc`'s row and the route's own arcs from its
/// cumulative distances, so one client costs one row's worth of reads.
fn top_three(sd: &SearchData, r: &SearchRoute, loc: usize) -> TopThree {
    let profile = sd.types[r.vehicle_type].profile;
    let d = sd.dist(profile);
    let mut top = TopThree::new();
    if sd.symmetric[profile] {
        let mut before = d.get(loc, r.nodes[0]);
        for p in 0..r.last() {
            let after = d.get(loc, r.nodes[p + 1]);
            top.offer(before + after - (r.cum_dist[p + 1] - r.cum_dist[p]), p);
            before = after;
        }
    } else {
        for p in 0..r.last() {
            let (a, b) = (r.nodes[p], r.nodes[p + 1]);
            top.offer(
                d.get(a, loc) + d.get(loc, b) - (r.cum_dist[p + 1] - r.cum_dist[p]),
                p,
            );
        }
    }
    top
}

/// For each client position of `r`: the distance change of removing it and the joining arc.
fn removals(sd: &SearchData, r: &SearchRoute, out: &mut Vec<(i64, i64)>) {
    let d = sd.dist(sd.types[r.vehicle_type].profile);
    out.clear();
    out.push((0, 0));
    for p in 1..r.last() {
        let bridge = d.get(r.nodes[p - 1], r.nodes[p + 1]);
        out.push((bridge - (r.cum_dist[p + 1] - r.cum_dist[p - 1]), bridge));
    }
}

/// Best insertion of `loc` into `into` once the client at `removed` leaves it: one of the
/// top three positions not touching `removed`, or its place (whose neighbours are joined by
/// `bridge`).
fn best_insertion(
    sd: &SearchData,
    top: &TopThree,
    into: &SearchRoute,
    removed: usize,
    bridge: i64,
    loc: usize,
) -> (i64, usize) {
    for k in 0..3 {
        let p = top.pos[k];
        if p == usize::MAX {
            break;
        }
        if p + 1 != removed && p != removed {
            // Positions are sorted: the first usable one beats the others; compare with the
            // removed client's place only.
            let d = sd.dist(sd.types[into.vehicle_type].profile);
            let (a, b) = (into.nodes[removed - 1], into.nodes[removed + 1]);
            let in_place = d.get(a, loc) + d.get(loc, b) - bridge;
            return if top.cost[k] < in_place {
                (top.cost[k], p)
            } else {
                (in_place, IN_PLACE)
            };
        }
    }
    let d = sd.dist(sd.types[into.vehicle_type].profile);
    let (a, b) = (into.nodes[removed - 1], into.nodes[removed + 1]);
    (d.get(a, loc) + d.get(loc, b) - bridge, IN_PLACE)
}

/// Finds the SWAP* move between routes `a` and `b` with the lowest estimated cost change
/// (distance plus load-penalty estimate), if that estimate is negative. Like Vidal (2022), it
/// assumes insertions never shorten a route (triangle inequality) to skip pairs whose removal
/// gains cannot pay for a negative move.
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
        scratch.into_b.push(top_three(sd, rb, ra.nodes[pu]));
    }
    for pv in 1..rb.last() {
        scratch.into_a.push(top_three(sd, ra, rb.nodes[pv]));
    }
    removals(sd, ra, &mut scratch.removal_a);
    removals(sd, rb, &mut scratch.removal_b);
    let dims = sd.dims;
    let (ta, tb) = (&sd.types[ra.vehicle_type], &sd.types[rb.vehicle_type]);
    let total = |r: &SearchRoute, k: usize| r.load_before[r.last() * dims + k].delivery;
    let min_unit = ta.tariff.per_distance.min(tb.tariff.per_distance);
    let mut best: Option<SwapStarMove> = None;
    for pu in 1..ra.last() {
        let lu = ra.nodes[pu];
        let (rem_u, bridge_u) = scratch.removal_a[pu];
        for pv in 1..rb.last() {
            let lv = rb.nodes[pv];
            let (rem_v, bridge_v) = scratch.removal_b[pv];
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
            let partial = (rem_u + rem_v) * min_unit + load_penalty * load_delta;
            if partial >= best.map_or(0, |m| m.estimate) {
                continue;
            }
            let (ins_u, u_after) =
                best_insertion(sd, &scratch.into_b[pu - 1], rb, pv, bridge_v, lu);
            let (ins_v, v_after) =
                best_insertion(sd, &scratch.into_a[pv - 1], ra, pu, bridge_u, lv);
            let estimate = ta.tariff.per_distance * (rem_u + ins_v)
                + tb.tariff.per_distance * (rem_v + ins_u)
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
