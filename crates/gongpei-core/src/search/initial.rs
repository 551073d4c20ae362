//! Initial solutions of the searches: randomised nearest-neighbour routes grown along granular
//! neighbours, and random giant tours cut into routes when a vehicle is full. Both respect
//! capacity while vehicles remain; the local search repairs the rest under penalties. Both put
//! a client only on a vehicle type it may ride ([`SearchData::allowed`]); one no remaining
//! vehicle may carry is left out, for the local search to insert where it may go.

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
    let mut slots = shuffled_vehicle_slots(sd, rng);
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
            if let Some(r) = allowed_route(sd, &routes, r, seed) {
                routes[r].visits.push(seed);
                routed[seed] = true;
            }
            continue;
        }
        if !take_fitting_slot(sd, &mut slots, routes.len(), seed) {
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
                if routed[v] || !sd.allowed(v, t) {
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

/// Moves to position `next` of `slots` an unused slot (at `next` or later) whose vehicle type
/// can carry `client` alone, so a route never starts on a vehicle that cannot take its first
/// client (e.g. chilled goods on an ambient van) while a fitting one is free. Among fitting
/// slots it prefers, in shuffled order, those that spend the fewest special capabilities the
/// client does not need (a dimension where the type carries more than the least capable type
/// while the client has no load there), so refrigerated vans stay free for chilled clients.
/// Only types the client may ride are taken; `false` when no unused slot is of one.
fn take_fitting_slot(sd: &SearchData, slots: &mut [usize], next: usize, client: usize) -> bool {
    let c = sd.data.client(client);
    let least: Vec<i64> = (0..sd.dims)
        .map(|k| sd.types.iter().map(|t| t.capacity[k]).min().unwrap_or(0))
        .collect();
    // (does not fit, capabilities wasted), `None` on a barred type.
    let waste = |t: usize| -> Option<(bool, usize)> {
        if !sd.allowed(client, t) {
            return None;
        }
        let cap = &sd.types[t].capacity;
        let fits = (0..sd.dims).all(|k| c.delivery[k] <= cap[k] && c.pickup[k] <= cap[k]);
        if !fits {
            return Some((true, 0));
        }
        let wasted = (0..sd.dims)
            .filter(|&k| c.delivery[k] == 0 && c.pickup[k] == 0 && cap[k] > least[k])
            .count();
        Some((false, wasted))
    };
    let best = slots[next..]
        .iter()
        .enumerate()
        .filter_map(|(offset, &t)| waste(t).map(|w| (w, offset)))
        .min();
    match best {
        Some((_, offset)) => {
            slots.swap(next, next + offset);
            true
        }
        None => false,
    }
}

/// Route `r` of `routes` when client `c` may ride its vehicle type, else the first route that it
/// may ride, if any.
fn allowed_route(sd: &SearchData, routes: &[Route], r: usize, c: usize) -> Option<usize> {
    if sd.allowed(c, routes[r].vehicle_type) {
        return Some(r);
    }
    routes
        .iter()
        .position(|route| sd.allowed(c, route.vehicle_type))
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
    let mut slots = shuffled_vehicle_slots(sd, rng);
    let mut routes: Vec<Route> = Vec::new();
    let mut delivered = vec![0i64; sd.dims];
    let mut picked = vec![0i64; sd.dims];
    for c in order {
        let client = sd.data.client(c);
        let fits = routes.last().is_some_and(|r| {
            let cap = &sd.types[r.vehicle_type].capacity;
            sd.allowed(c, r.vehicle_type)
                && (0..sd.dims).all(|k| {
                    delivered[k] + client.delivery[k] <= cap[k]
                        && picked[k] + client.pickup[k] <= cap[k]
                })
        });
        if !fits && routes.len() < slots.len() && take_fitting_slot(sd, &mut slots, routes.len(), c)
        {
            routes.push(Route {
                vehicle_type: slots[routes.len()],
                visits: Vec::new(),
            });
            delivered.iter_mut().for_each(|x| *x = 0);
            picked.iter_mut().for_each(|x| *x = 0);
        }
        if routes.is_empty() {
            continue;
        }
        let r = if fits || routes.last().is_some_and(|r| r.visits.is_empty()) {
            routes.len() - 1
        } else {
            rng.below(routes.len())
        };
        let Some(r) = allowed_route(sd, &routes, r, c) else {
            continue;
        };
        routes[r].visits.push(c);
        for k in 0..sd.dims {
            delivered[k] += client.delivery[k];
            picked[k] += client.pickup[k];
        }
    }
    routes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::neighbours::granular_neighbours;
    use crate::{Client, Depot, Matrix, ProblemData, VehicleType};

    /// Clients on a line; every third needs chilled capacity that only the second type has.
    fn mixed_fleet() -> ProblemData {
        let n = 30;
        let d = Matrix::from_fn(n + 1, |i, j| (i as i64 - j as i64).abs());
        ProblemData::builder()
            .depot(Depot::default())
            .clients((0..n).map(|i| Client::with_delivery(vec![2, i64::from(i % 3 == 0)])))
            .vehicle_type(VehicleType::with_capacity(10, vec![10, 0]))
            .vehicle_type(VehicleType::with_capacity(4, vec![10, 5]))
            .distance_matrix(d.clone())
            .duration_matrix(d)
            .build()
            .unwrap()
    }

    #[test]
    fn nearest_neighbour_routes_start_on_a_vehicle_that_can_carry_their_first_client() {
        let data = mixed_fleet();
        let sd = SearchData::new(&data);
        let neighbours = granular_neighbours(&sd, 5);
        for seed in 0..20 {
            let routes = nearest_neighbour_solution(&sd, &neighbours, &mut Rng::new(seed));
            let cold_routes = routes.iter().filter(|r| r.vehicle_type == 1).count();
            for r in &routes {
                let first_chilled = data.client(r.visits[0]).delivery[1] > 0;
                let cold_van_free = cold_routes < data.vehicle_type(1).count;
                assert!(
                    !(first_chilled && r.vehicle_type == 0 && cold_van_free),
                    "seed {seed}: {r:?} starts a chilled client on an ambient van"
                );
                if r.vehicle_type == 1 {
                    // A refrigerated van is never spent on a route that starts without chilled goods
                    // while ambient vans remain (10 ambient vans are never all used here).
                    assert!(
                        first_chilled,
                        "seed {seed}: {r:?} wastes a refrigerated van"
                    );
                }
            }
        }
    }

    #[test]
    fn starts_put_clients_only_on_types_they_may_ride() {
        let base = mixed_fleet();
        // Every fourth client needs feature 1 (only type 1 has it); some ambient ones forbid type 1.
        let clients = base
            .clients()
            .iter()
            .enumerate()
            .map(|(i, c)| Client {
                required_features: if i % 4 == 0 { 2 } else { 0 },
                forbidden_vehicle_types: if i % 5 == 1 && i % 4 != 0 && i % 3 != 0 {
                    vec![1]
                } else {
                    Vec::new()
                },
                ..c.clone()
            })
            .collect();
        let types = base
            .vehicle_types()
            .iter()
            .enumerate()
            .map(|(t, vt)| VehicleType {
                features: if t == 1 { 2 } else { 0 },
                ..vt.clone()
            })
            .collect();
        let data = base
            .with_vehicle_types(types)
            .and_then(|d| d.with_clients(clients))
            .unwrap();
        let sd = SearchData::new(&data);
        let neighbours = granular_neighbours(&sd, 5);
        for seed in 0..20 {
            let nearest = nearest_neighbour_solution(&sd, &neighbours, &mut Rng::new(seed));
            let random = random_solution(&sd, &mut Rng::new(seed));
            for r in nearest.iter().chain(&random) {
                for &c in &r.visits {
                    assert!(
                        data.can_serve(r.vehicle_type, c),
                        "seed {seed}: client {c} on type {}",
                        r.vehicle_type
                    );
                }
            }
        }
    }
}
