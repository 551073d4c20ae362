//! Route-exchange crossover in the spirit of SREX (Nagata & Kobayashi 2010), adapted to
//! instances without coordinates and to heterogeneous fleets: a group of neighbouring routes of
//! parent A is replaced by the routes of parent B that overlap them most. Routes keep their
//! vehicle types; clients left out are reinserted by the local search.

use super::individual::Individual;
use super::rng::Rng;
use crate::Route;

const NONE: usize = usize::MAX;
/// How many granular neighbours of each client count when measuring route adjacency.
const ADJACENCY_NEIGHBOURS: usize = 5;

/// Builds one offspring from parents `a` and `b`: its routes, and for each whether it differs
/// from the parents' routes in context (routes of `a` kept whole are not fresh).
pub(crate) fn route_exchange(
    a: &Individual,
    b: &Individual,
    neighbours: &[Vec<usize>],
    num_clients: usize,
    rng: &mut Rng,
) -> (Vec<Route>, Vec<bool>) {
    let (na, nb) = (a.routes.len(), b.routes.len());
    if na == 0 || nb == 0 {
        return (a.routes.clone(), vec![true; na]);
    }
    let mut route_in_a = vec![NONE; num_clients];
    for (r, route) in a.routes.iter().enumerate() {
        for &c in &route.visits {
            route_in_a[c] = r;
        }
    }
    // Grow a group of neighbouring A routes around a random seed route.
    let wanted = 1 + rng.below((na.min(nb) / 2).max(1));
    let seed = rng.below(na);
    let mut in_group = vec![false; na];
    in_group[seed] = true;
    let mut group = vec![seed];
    let mut adjacency = vec![0usize; na];
    while group.len() < wanted {
        adjacency.iter_mut().for_each(|x| *x = 0);
        for &g in &group {
            for &c in &a.routes[g].visits {
                for &v in neighbours[c].iter().take(ADJACENCY_NEIGHBOURS) {
                    let r = route_in_a[v];
                    if r != NONE && !in_group[r] {
                        adjacency[r] += 1;
                    }
                }
            }
        }
        let best = (0..na)
            .filter(|&r| !in_group[r])
            .max_by_key(|&r| (adjacency[r], std::cmp::Reverse(r)));
        match best {
            Some(r) if adjacency[r] > 0 => {
                in_group[r] = true;
                group.push(r);
            }
            _ => break,
        }
    }
    let mut selected = vec![false; num_clients];
    for &g in &group {
        for &c in &a.routes[g].visits {
            selected[c] = true;
        }
    }
    // The B routes that best cover the selected clients.
    let mut scored: Vec<(i64, usize)> = b
        .routes
        .iter()
        .enumerate()
        .map(|(r, route)| {
            let inside = route.visits.iter().filter(|&&c| selected[c]).count() as i64;
            (inside * 2 - route.visits.len() as i64, r)
        })
        .collect();
    scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    let mut from_b = vec![false; num_clients];
    let mut child = Vec::with_capacity(na + 1);
    let mut fresh = Vec::with_capacity(na + 1);
    for &(score, r) in scored.iter().take(group.len()) {
        if score <= -(b.routes[r].visits.len() as i64) {
            break;
        }
        for &c in &b.routes[r].visits {
            from_b[c] = true;
        }
        child.push(b.routes[r].clone());
        fresh.push(true);
    }
    for (r, route) in a.routes.iter().enumerate() {
        if in_group[r] {
            continue;
        }
        let visits: Vec<usize> = route
            .visits
            .iter()
            .copied()
            .filter(|&c| !from_b[c])
            .collect();
        if !visits.is_empty() {
            fresh.push(visits.len() != route.visits.len());
            child.push(Route {
                vehicle_type: route.vehicle_type,
                visits,
            });
        }
    }
    (child, fresh)
}
