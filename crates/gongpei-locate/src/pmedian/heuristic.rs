//! The incumbent: a greedy start improved by vertex substitution (Teitz and Bart's swap move with
//! Whitaker's fast evaluation), deterministic, giving the upper bound the exact phases prune with.

use std::time::Instant;

use super::data::Instance;

/// A set of p open candidates and its objective.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Medians {
    /// Open candidates, ascending.
    pub open: Vec<usize>,
    /// Objective over the kept demand points.
    pub cost: f64,
}

/// Opens p candidates one at a time, each time the one that lowers the objective most (ties to
/// the lowest index).
pub(super) fn greedy(inst: &Instance) -> Vec<usize> {
    let mut best = vec![f64::INFINITY; inst.clients];
    let mut open = Vec::with_capacity(inst.p);
    let mut is_open = vec![false; inst.m];
    for _ in 0..inst.p {
        let mut pick = None;
        let mut pick_cost = f64::INFINITY;
        for j in (0..inst.m).filter(|&j| !is_open[j]) {
            let total: f64 = (0..inst.clients).map(|c| best[c].min(inst.wc(c, j))).sum();
            if pick.is_none() || total < pick_cost {
                pick = Some(j);
                pick_cost = total;
            }
        }
        let j = pick.expect("p <= candidates leaves a closed candidate");
        is_open[j] = true;
        open.push(j);
        for (c, b) in best.iter_mut().enumerate() {
            *b = b.min(inst.wc(c, j));
        }
    }
    open.sort_unstable();
    open
}

/// Each kept demand point's cheapest and second-cheapest open candidate.
struct Nearest {
    first: Vec<usize>,
    d1: Vec<f64>,
    d2: Vec<f64>,
}

impl Nearest {
    fn of(inst: &Instance, open: &[usize]) -> Self {
        let mut first = vec![0; inst.clients];
        let mut d1 = vec![f64::INFINITY; inst.clients];
        let mut d2 = vec![f64::INFINITY; inst.clients];
        for c in 0..inst.clients {
            let row = inst.row(c);
            for &j in open {
                let d = row[j];
                if d < d1[c] {
                    d2[c] = d1[c];
                    d1[c] = d;
                    first[c] = j;
                } else if d < d2[c] {
                    d2[c] = d;
                }
            }
        }
        Self { first, d1, d2 }
    }
}

/// Best-improvement vertex substitution from `start` until no swap of an open and a closed
/// candidate lowers the objective, or until `deadline`.
///
/// A swap's profit is evaluated in O(clients) for every closed candidate at once against all
/// open ones (Whitaker 1983): a point nearer to the entering site gains whatever is removed; any
/// other point loses only when its nearest site leaves, falling back to the nearer of the entering
/// site and its second nearest.
pub(super) fn improve(inst: &Instance, start: &[usize], deadline: Option<Instant>) -> Medians {
    let every: Vec<usize> = (0..inst.m).collect();
    improve_among(inst, start, &every, deadline)
}

/// [`improve`] with the entering candidates drawn from `allowed` only (e.g. those a branch and
/// bound node leaves open to choice).
pub(super) fn improve_among(
    inst: &Instance,
    start: &[usize],
    allowed: &[usize],
    deadline: Option<Instant>,
) -> Medians {
    let mut open = start.to_vec();
    let mut is_open = vec![false; inst.m];
    for &j in &open {
        is_open[j] = true;
    }
    let mut loss = vec![0.0; inst.m];
    loop {
        let near = Nearest::of(inst, &open);
        let cost: f64 = near.d1.iter().sum();
        // Float sums of equal integer costs are exact; the margin only stops cycling on ties.
        let mut best_profit = 1e-9 * cost.abs().max(1.0);
        let mut best_swap = None;
        let out_of_time = deadline.is_some_and(|d| Instant::now() >= d);
        if !out_of_time && open.len() < inst.m {
            for &entering in allowed.iter().filter(|&&j| !is_open[j]) {
                let mut gain = 0.0;
                for &r in &open {
                    loss[r] = 0.0;
                }
                for c in 0..inst.clients {
                    let d = inst.wc(c, entering);
                    if d < near.d1[c] {
                        gain += near.d1[c] - d;
                    } else {
                        loss[near.first[c]] += d.min(near.d2[c]) - near.d1[c];
                    }
                }
                for (k, &r) in open.iter().enumerate() {
                    let profit = gain - loss[r];
                    if profit > best_profit {
                        best_profit = profit;
                        best_swap = Some((k, entering));
                    }
                }
            }
        }
        match best_swap {
            None => {
                open.sort_unstable();
                return Medians {
                    cost: inst.objective(&open),
                    open,
                };
            }
            Some((k, entering)) => {
                is_open[open[k]] = false;
                is_open[entering] = true;
                open[k] = entering;
            }
        }
    }
}
