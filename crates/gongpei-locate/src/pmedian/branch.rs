//! Branch and bound on the candidates with the Lagrangian bound (after Beasley 1993): depth
//! first, each node warm-started from its parent's multipliers, candidates fixed and pairs capped
//! at every node by the same reduced-cost tests as at the root (so that the subtree evaluates
//! fewer pairs), branching on the free candidate the relaxed problem likes most (open first).

use std::collections::HashSet;
use std::rc::Rc;
use std::time::Instant;

use super::bounds::Bounds;
use super::data::Instance;
use super::heuristic::{self, Medians};
use super::lagrangian::{self, Fix, Schedule};
use super::pairs::Pairs;
use super::reduce;

/// A sub-problem: its pairs, fixings, the multipliers to start from and a lower bound valid for it.
struct Node {
    pairs: Rc<Pairs>,
    fix: Vec<Fix>,
    lambda: Vec<f64>,
    bound: f64,
}

/// How a search ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ended {
    /// Every node was closed: the incumbent is optimal.
    Complete,
    /// The node budget ran out (`Bounds::lower` holds the least bound of the open nodes).
    Budget,
    /// The deadline passed (`Bounds::lower` holds the least bound of the open nodes).
    Deadline,
}

/// Offers the candidates `open` (of `pairs`' numbering) to the incumbent.
fn offer(inst: &Instance, pairs: &Pairs, open: impl Iterator<Item = usize>, bounds: &mut Bounds) {
    let mut open: Vec<usize> = open.map(|j| pairs.original[j]).collect();
    open.sort_unstable();
    let cost = inst.objective(&open);
    bounds.offer(Medians { open, cost });
}

/// Searches every choice of `pairs` under `fix` (the root's reductions), from the root's
/// multipliers `lambda` and bound, opening at most `max_nodes` nodes; returns the number of
/// how it ended.
#[allow(clippy::too_many_arguments)] // the root's state, handed over as it is
pub(super) fn search(
    inst: &Instance,
    pairs: &Pairs,
    fix: Vec<Fix>,
    lambda: Vec<f64>,
    bound: f64,
    bounds: &mut Bounds,
    max_nodes: usize,
    deadline: Option<Instant>,
) -> Ended {
    let pairs = Rc::new(pairs.clone());
    let mut stack = vec![Node {
        pairs,
        fix,
        lambda,
        bound,
    }];
    let mut nodes = 0;
    let mut tried = HashSet::new();
    while let Some(node) = stack.pop() {
        let out_of_time = deadline.is_some_and(|d| Instant::now() >= d);
        if out_of_time || nodes >= max_nodes {
            let least = stack.iter().map(|n| n.bound).fold(node.bound, f64::min);
            bounds.bound_interesting(least);
            let ended = if out_of_time {
                Ended::Deadline
            } else {
                Ended::Budget
            };
            return ended;
        }
        if bounds.cutoff().excludes(node.bound) {
            continue;
        }
        nodes += 1;
        let pairs = node.pairs;
        let mut fix = node.fix;
        let open = fix.iter().filter(|&&f| f == Fix::Open).count();
        let free = fix.iter().filter(|&&f| f == Fix::Free).count();
        if open > pairs.p || open + free < pairs.p {
            continue; // no choice of p candidates left
        }
        if open + free == pairs.p {
            let all = (0..pairs.m).filter(|&j| fix[j] != Fix::Closed);
            offer(inst, &pairs, all, bounds);
            continue;
        }
        let upper = bounds.best.cost;
        let cutoff = bounds.cutoff();
        let schedule = Schedule::NODE;
        let dual = lagrangian::ascend(&pairs, &fix, node.lambda, upper, cutoff, schedule, deadline);
        // The relaxed choice is a choice: when it serves every point once, its cost is at most
        // the bound, so offering it closes the node below.
        // Vertex substitution among the node's candidates from each new relaxed choice: with large
        // p the bound is often tight and the search hinges on finding the optimum (pmed30, p = 200:
        // the root's incumbent is 2 above it; with this, 122 nodes instead of a stalled tree).
        let mut start: Vec<usize> = dual
            .chosen_set()
            .iter()
            .map(|&j| pairs.original[j])
            .collect();
        start.sort_unstable();
        if tried.insert(start.clone()) {
            let allowed: Vec<usize> = (0..pairs.m)
                .filter(|&j| fix[j] != Fix::Closed)
                .map(|j| pairs.original[j])
                .collect();
            bounds.offer(heuristic::improve_among(inst, &start, &allowed, deadline));
        }
        let cutoff = bounds.cutoff();
        if cutoff.excludes(dual.bound) {
            continue;
        }
        reduce::fix_candidates(&dual, &mut fix, cutoff);
        let Some(caps) = reduce::service_caps(&pairs, &dual, &fix, cutoff) else {
            continue; // a point with no pair left: nothing in this subtree beats the cutoff
        };
        let pairs = Rc::new(pairs.narrow(&fix, &caps));
        // The chosen free candidate of most negative ρ: closing it lifts the bound most, so the
        // closed child is the likeliest to be pruned at once (measured on pmed38 with p = 10:
        // 613 nodes, against 747 for the least negative and 885 for the best candidate left out).
        let branch = (0..pairs.m)
            .filter(|&j| fix[j] == Fix::Free && dual.chosen[j])
            .min_by(|&a, &b| dual.rho[a].total_cmp(&dual.rho[b]));
        let Some(j) = branch else {
            // Fixing took every free chosen candidate: the node is (nearly) a leaf; look again.
            stack.push(Node {
                pairs,
                fix,
                lambda: dual.lambda,
                bound: dual.bound,
            });
            continue;
        };
        let mut closed = fix.clone();
        closed[j] = Fix::Closed;
        stack.push(Node {
            pairs: Rc::clone(&pairs),
            fix: closed,
            lambda: dual.lambda.clone(),
            bound: dual.bound,
        });
        fix[j] = Fix::Open;
        stack.push(Node {
            pairs,
            fix,
            lambda: dual.lambda,
            bound: dual.bound,
        });
    }
    Ended::Complete
}
