//! Initial solutions of the searches: randomised nearest-neighbour routes grown along granular
//! neighbours, and random giant tours cut into routes when a vehicle is full. Both respect
//! capacity while vehicles remain; the local search repairs the rest under penalties.

use super::data::SearchData;
use super::rng::Rng;
use crate::Route;

/// A randomised nearest-neighbour solution: each route starts at a random unrouted client and
/// grows by a random one of the three nearest unrouted granular neighbours of its last client
/// that still fits the vehicle, so local search starts from compact routes.
pub(crate) fn nearest_neighbour_solution(
    sd: &SearchData,
    neighbours: &[Vec<usize>],
    rng: &mut Rng,
) -> Vec<Route> {
    let n = sd.num_clients;
    let mut routed: Vec<bool> = (0..n)
        .map(|c| !sd.required[c] && rng.unit() < 0.5)
        .collect();
    let mut order: Vec<usize> = (0..n).filter(|&c| !routed[c]).collect();
    rng.shuffle(&mut order);
    let slots = shuffled_vehicle_slots(sd, rng);
    let mut routes: Vec<Route> = Vec::new();
    let mut delivered = vec![0i64; sd.dims];
    let mut picked = vec![0i64; sd.dims];
    let mut candidates = Vec::with_capacity(3);
    for &seed in &order {
        if routed[seed] {
            continue;
        }
        if routes.len() >= slots.len() {
            // Out of vehicles: the rest go to random routes (penalised, then repaired).
            let r = rng.below(routes.len());
            routes[r].visits.push(seed);
            routed[seed] = true;
            continue;
        }
        let t = slots[routes.len()];
        let cap = &sd.types[t].capacity;
        let mut visits = vec![seed];
        routed[seed] = true;
        delivered.copy_from_slice(&sd.data.client(seed).delivery);
        picked.copy_from_slice(&sd.data.client(seed).pickup);
        loop {
            let last = *visits.last().expect("route has its seed");
            candidates.clear();
            for &v in &neighbours[last] {
                if routed[v] {
                    continue;
                }
                let c = sd.data.client(v);
                let fits = (0..sd.dims).all(|k| {
                    delivered[k] + c.delivery[k] <= cap[k] && picked[k] + c.pickup[k] <= cap[k]
                });
                if fits {
                    candidates.push(v);
                    if candidates.len() == 3 {
                        break;
                    }
                }
            }
            if candidates.is_empty() {
                break;
            }
            let v = candidates[rng.below(candidates.len())];
            routed[v] = true;
            visits.push(v);
            for k in 0..sd.dims {
                delivered[k] += sd.data.client(v).delivery[k];
                picked[k] += sd.data.client(v).pickup[k];
            }
        }
        routes.push(Route {
            vehicle_type: t,
            visits,
        });
    }
    routes
}

/// One entry per available vehicle, naming its type, in random order.
fn shuffled_vehicle_slots(sd: &SearchData, rng: &mut Rng) -> Vec<usize> {
    let mut slots: Vec<usize> = Vec::new();
    for (t, info) in sd.types.iter().enumerate() {
        slots.extend(std::iter::repeat_n(t, info.slots));
    }
    rng.shuffle(&mut slots);
    slots
}

/// A random solution: clients in random order, cut into routes when a vehicle is full.
pub(crate) fn random_solution(sd: &SearchData, rng: &mut Rng) -> Vec<Route> {
    let mut order: Vec<usize> = (0..sd.num_clients)
        .filter(|&c| sd.required[c] || rng.unit() < 0.5)
        .collect();
    rng.shuffle(&mut order);
    let slots = shuffled_vehicle_slots(sd, rng);
    let mut routes: Vec<Route> = Vec::new();
    let mut delivered = vec![0i64; sd.dims];
    let mut picked = vec![0i64; sd.dims];
    for c in order {
        let client = sd.data.client(c);
        let fits = routes.last().is_some_and(|r| {
            let cap = &sd.types[r.vehicle_type].capacity;
            (0..sd.dims).all(|k| {
                delivered[k] + client.delivery[k] <= cap[k]
                    && picked[k] + client.pickup[k] <= cap[k]
            })
        });
        if !fits && routes.len() < slots.len() {
            routes.push(Route {
                vehicle_type: slots[routes.len()],
                visits: Vec::new(),
            });
            delivered.iter_mut().for_each(|x| *x = 0);
            picked.iter_mut().for_each(|x| *x = 0);
        }
        if routes.is_empty() {
            break;
        }
        let r = if fits || routes.last().is_some_and(|r| r.visits.is_empty()) {
            routes.len() - 1
        } else {
            rng.below(routes.len())
        };
        routes[r].visits.push(c);
        for k in 0..sd.dims {
            delivered[k] += client.delivery[k];
            picked[k] += client.pickup[k];
        }
    }
    routes
}
