//! Clarke-Wright savings restricted to granular neighbour pairs: a capacity-, time- and
//! distance-feasible construction in O(n k log(n k)) for `n` clients and `k` neighbours each,
//! used where the O(n^2) cheapest insertion is too slow (10,000 clients construct in well under
//! a second).
//!
//! Every client starts on its own route; candidate links `i -> j` (with `j` among `i`'s granular
//! neighbours) are taken in decreasing order of saving `d(i, end) + d(start, j) - d(i, j)`, and two
//! routes are joined end to end (either may be reversed) when the joined route stays feasible and
//! is cheaper than the two apart. Each route keeps its distance, schedule and load summaries in
//! both directions, so a join is checked in O(load dimensions).

use crate::eval::{DurationSegment, LoadSegment};
use crate::search::cost::{route_objective, CheckedElsewhere, Excess};
use crate::search::data::SearchData;
use crate::search::Rng;
use crate::{Route, Solution};

const NONE: usize = usize::MAX;

/// One route being grown: its end clients and its summaries from `first` to `last` (`fwd`) and
/// back (`rev`). Loads live in [`Savings::loads`].
#[derive(Debug, Clone, Copy)]
struct Path {
    first: usize,
    last: usize,
    distance: [i64; 2],
    duration: [DurationSegment; 2],
    clients: usize,
}

/// A path seen in one direction: `flip` reads its reverse summaries.
#[derive(Debug, Clone, Copy)]
struct Oriented {
    id: usize,
    flip: bool,
}

/// Builds a savings solution. `neighbours[c]` are the candidate successors of client `c` (the
/// search's granular neighbourhoods). `noise` in `[0, 1)` perturbs each saving by a factor drawn
/// uniformly from `[1 - noise, 1 + noise]`, so several calls give different solutions; `0.0` is
/// the classic deterministic construction (`rng` then only decides which optional clients are
/// tried).
///
/// Routes are built for one vehicle type, the one with the most vehicles (ties: the largest total
/// capacity, then the lowest index); when the problem has several types, the built routes take the
/// vehicles of that type first, heaviest routes first, then those of the other types by
/// decreasing capacity. Guarantee: when that type has enough vehicles for every route (an
/// unlimited fleet), the solution respects capacity, time windows, shift ends, maximum duration
/// and maximum distance, since every single-client route does (checked by validation) and every
/// join is checked. With too few vehicles the routes are joined further regardless of cost, and
/// as a last resort beyond capacity (the local search then repairs under penalties).
///
/// With client-vehicle restrictions ([`SearchData::allowed`]) each route keeps the set of types
/// all its clients may ride: two routes join only when some type is in both sets, and a route
/// takes the first free vehicle (in the order above) of a type in its set. A route no free
/// vehicle may carry is left out (and routes are not merged beyond the vehicles), so its clients
/// go unrouted for the local search to insert where they may go.
pub(crate) fn savings_solution(
    sd: &SearchData,
    neighbours: &[Vec<usize>],
    noise: f64,
    rng: &mut Rng,
) -> Solution {
    let mut savings = Savings::new(sd, primary_type(sd));
    let included: Vec<bool> = (0..sd.num_clients)
        .map(|c| sd.required[c] || rng.unit() < 0.5)
        .collect();
    let candidates = savings.candidates(neighbours, &included, noise, rng);
    let slots: usize = sd.types.iter().map(|t| t.slots).sum();
    let mut routes = included.iter().filter(|&&x| x).count();
    for &(_, i, j) in &candidates {
        if savings.try_join(i, j, false) {
            routes -= 1;
        }
    }
    // Too few vehicles: keep joining feasible pairs even when it costs more.
    for &(_, i, j) in &candidates {
        if routes <= slots {
            break;
        }
        if savings.try_join(i, j, true) {
            routes -= 1;
        }
    }
    savings.into_solution(&included, slots)
}

/// The type the routes are built for: most vehicles, then largest total capacity, then lowest
/// index.
fn primary_type(sd: &SearchData) -> usize {
    (0..sd.types.len())
        .max_by_key(|&t| {
            let info = &sd.types[t];
            (
                info.slots,
                info.capacity.iter().sum::<i64>(),
                std::cmp::Reverse(t),
            )
        })
        .unwrap_or(0)
}

struct Savings<'s, 'a> {
    sd: &'s SearchData<'a>,
    vehicle_type: usize,
    paths: Vec<Path>,
    /// `loads[(id * 2 + direction) * dims + k]`.
    loads: Vec<LoadSegment>,
    /// Path id of each client that ends its path (`NONE` once it is inside one).
    owner: Vec<usize>,
    /// Up to two linked clients per client.
    links: Vec<[usize; 2]>,
    /// With restrictions, `types_ok[id * T + t]`: every client of path `id` may ride type `t`
    /// (empty otherwise).
    types_ok: Vec<bool>,
}

impl<'s, 'a> Savings<'s, 'a> {
    fn new(sd: &'s SearchData<'a>, vehicle_type: usize) -> Self {
        let n = sd.num_clients;
        let dims = sd.dims;
        let mut loads = Vec::with_capacity(n * 2 * dims);
        let mut paths = Vec::with_capacity(n);
        for c in 0..n {
            let loc = sd.loc(c);
            for _ in 0..2 {
                loads.extend_from_slice(&sd.load_vertex[loc * dims..(loc + 1) * dims]);
            }
            paths.push(Path {
                first: c,
                last: c,
                distance: [0; 2],
                duration: [sd.vertex[loc]; 2],
                clients: 1,
            });
        }
        Self {
            sd,
            vehicle_type,
            paths,
            loads,
            owner: (0..n).collect(),
            links: vec![[NONE; 2]; n],
            types_ok: if sd.has_restrictions {
                (0..n)
                    .flat_map(|c| (0..sd.types.len()).map(move |t| sd.allowed(c, t)))
                    .collect()
            } else {
                Vec::new()
            },
        }
    }

    #[inline]
    fn dist(&self, a: usize, b: usize) -> i64 {
        self.sd
            .dist(self.sd.types[self.vehicle_type].profile)
            .get(a, b)
    }

    #[inline]
    fn dur(&self, a: usize, b: usize) -> i64 {
        self.sd
            .dur(self.sd.types[self.vehicle_type].profile)
            .get(a, b)
    }

    /// Candidate links `(key, i, j)`, best first; `key` is the (perturbed) saving.
    fn candidates(
        &self,
        neighbours: &[Vec<usize>],
        included: &[bool],
        noise: f64,
        rng: &mut Rng,
    ) -> Vec<(f64, usize, usize)> {
        let sd = self.sd;
        let t = &sd.types[self.vehicle_type];
        let mut out = Vec::with_capacity(neighbours.iter().map(Vec::len).sum());
        for (i, list) in neighbours.iter().enumerate() {
            if !included[i] {
                continue;
            }
            for &j in list {
                if j == i || !included[j] {
                    continue;
                }
                let (li, lj) = (sd.loc(i), sd.loc(j));
                let saving =
                    self.dist(li, t.end_loc) + self.dist(t.start_loc, lj) - self.dist(li, lj);
                let factor = if noise > 0.0 {
                    1.0 + noise * (2.0 * rng.unit() - 1.0)
                } else {
                    1.0
                };
                out.push((saving as f64 * factor, i, j));
            }
        }
        out.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        out
    }

    fn first(&self, p: Oriented) -> usize {
        let path = &self.paths[p.id];
        if p.flip {
            path.last
        } else {
            path.first
        }
    }

    fn last(&self, p: Oriented) -> usize {
        let path = &self.paths[p.id];
        if p.flip {
            path.first
        } else {
            path.last
        }
    }

    fn load(&self, p: Oriented, reverse: bool, k: usize) -> LoadSegment {
        let direction = usize::from(p.flip != reverse);
        self.loads[(p.id * 2 + direction) * self.sd.dims + k]
    }

    /// Cost of the path driven from its start depot in orientation `p`, with `distance` and
    /// schedule `duration` between its end clients; `None` when that route is infeasible.
    fn route_cost(
        &self,
        first: usize,
        last: usize,
        distance: i64,
        duration: &DurationSegment,
    ) -> Option<i64> {
        let sd = self.sd;
        let t = &sd.types[self.vehicle_type];
        let (lf, ll) = (sd.loc(first), sd.loc(last));
        let total = self.dist(t.start_loc, lf) + distance + self.dist(ll, t.end_loc);
        let schedule = sd.has_time.then(|| {
            t.start_segment
                .join(duration, self.dur(t.start_loc, lf))
                .join(&t.end_segment, self.dur(ll, t.end_loc))
        });
        // Loads are checked when paths merge (`merge`), before their distances are summed.
        let excess = Excess::of_route(t, total, schedule.as_ref(), &CheckedElsewhere);
        excess
            .is_feasible()
            .then(|| route_objective(t, total, schedule.as_ref()))
    }

    fn cost_of(&self, p: Oriented) -> i64 {
        let path = &self.paths[p.id];
        let d = usize::from(p.flip);
        self.route_cost(
            self.first(p),
            self.last(p),
            path.distance[d],
            &path.duration[d],
        )
        .unwrap_or(0)
    }

    /// Joins the path ending in client `i` to the path ending in client `j` as `.. i, j ..` if the
    /// result is feasible and (unless `any_cost`) cheaper than the two routes apart.
    fn try_join(&mut self, i: usize, j: usize, any_cost: bool) -> bool {
        let (pi, pj) = (self.owner[i], self.owner[j]);
        if pi == NONE || pj == NONE || pi == pj {
            return false;
        }
        // `a` must end in i, `b` must start with j.
        let a = Oriented {
            id: pi,
            flip: self.paths[pi].last != i,
        };
        let b = Oriented {
            id: pj,
            flip: self.paths[pj].first != j,
        };
        let sd = self.sd;
        let nt = sd.types.len();
        if sd.has_restrictions
            && !(0..nt).any(|t| self.types_ok[pi * nt + t] && self.types_ok[pj * nt + t])
        {
            return false;
        }
        let t = &sd.types[self.vehicle_type];
        for k in 0..sd.dims {
            if self
                .load(a, false, k)
                .join(&self.load(b, false, k))
                .excess(t.capacity[k])
                > 0
            {
                return false;
            }
        }
        let (pa, pb) = (self.paths[a.id], self.paths[b.id]);
        let (da, db) = (usize::from(a.flip), usize::from(b.flip));
        let (li, lj) = (sd.loc(i), sd.loc(j));
        let distance = [
            pa.distance[da] + self.dist(li, lj) + pb.distance[db],
            pb.distance[1 - db] + self.dist(lj, li) + pa.distance[1 - da],
        ];
        let duration = [
            pa.duration[da].join(&pb.duration[db], self.dur(li, lj)),
            pb.duration[1 - db].join(&pa.duration[1 - da], self.dur(lj, li)),
        ];
        let (first, last) = (self.first(a), self.last(b));
        let Some(joined) = self.route_cost(first, last, distance[0], &duration[0]) else {
            return false;
        };
        if !any_cost && joined >= self.cost_of(a) + self.cost_of(b) {
            return false;
        }
        for k in 0..sd.dims {
            let fwd = self.load(a, false, k).join(&self.load(b, false, k));
            let rev = self.load(b, true, k).join(&self.load(a, true, k));
            self.loads[(pi * 2) * sd.dims + k] = fwd;
            self.loads[(pi * 2 + 1) * sd.dims + k] = rev;
        }
        self.paths[pi] = Path {
            first,
            last,
            distance,
            duration,
            clients: pa.clients + pb.clients,
        };
        self.paths[pj].clients = 0;
        if sd.has_restrictions {
            for t in 0..nt {
                self.types_ok[pi * nt + t] &= self.types_ok[pj * nt + t];
            }
        }
        self.link(i, j);
        // i and j are now inside the path unless they were its ends as single clients.
        self.owner[i] = NONE;
        self.owner[j] = NONE;
        self.owner[first] = pi;
        self.owner[last] = pi;
        true
    }

    fn link(&mut self, i: usize, j: usize) {
        for (from, to) in [(i, j), (j, i)] {
            let slot = usize::from(self.links[from][0] != NONE);
            self.links[from][slot] = to;
        }
    }

    /// Clients of path `id` from its first to its last.
    fn walk(&self, id: usize) -> Vec<usize> {
        let path = &self.paths[id];
        let mut visits = Vec::with_capacity(path.clients);
        let (mut prev, mut cur) = (NONE, path.first);
        while cur != NONE {
            visits.push(cur);
            let next = self.links[cur]
                .into_iter()
                .find(|&c| c != NONE && c != prev)
                .unwrap_or(NONE);
            prev = cur;
            cur = next;
        }
        visits
    }

    /// The routes with vehicle types assigned (see [`savings_solution`]); routes beyond `slots`
    /// are appended to the lightest ones.
    fn into_solution(self, included: &[bool], slots: usize) -> Solution {
        let sd = self.sd;
        let mut routes: Vec<Vec<usize>> = (0..sd.num_clients)
            .filter(|&c| included[c] && self.paths[c].clients > 0)
            .map(|id| self.walk(id))
            .collect();
        let weight = |visits: &[usize]| -> i64 {
            visits
                .iter()
                .map(|&c| sd.data.client(c).delivery.iter().sum::<i64>())
                .sum()
        };
        routes.sort_by_key(|v| std::cmp::Reverse(weight(v)));
        if sd.has_restrictions {
            return self.assign_restricted(routes);
        }
        while routes.len() > slots.max(1) {
            let extra = routes.pop().expect("more routes than slots");
            let lightest = routes.len() - 1;
            routes[lightest].extend(extra);
            routes.sort_by_key(|v| std::cmp::Reverse(weight(v)));
        }
        let order = self.type_order();
        let vehicles = order
            .iter()
            .flat_map(|&t| std::iter::repeat_n(t, sd.types[t].slots));
        Solution::new(
            routes
                .into_iter()
                .zip(vehicles)
                .map(|(visits, vehicle_type)| Route {
                    vehicle_type,
                    visits,
                })
                .collect(),
        )
    }

    /// The order vehicles are handed out in: the built-for type, then by decreasing capacity.
    fn type_order(&self) -> Vec<usize> {
        let sd = self.sd;
        let mut order: Vec<usize> = (0..sd.types.len()).collect();
        order.sort_by_key(|&t| {
            (
                t != self.vehicle_type,
                std::cmp::Reverse(sd.types[t].capacity.iter().sum::<i64>()),
                t,
            )
        });
        order
    }

    /// With restrictions: each route (heaviest first) takes the first free vehicle, in
    /// [`Self::type_order`], of a type all its clients may ride; a route none is left for is
    /// dropped (its clients unrouted).
    fn assign_restricted(&self, routes: Vec<Vec<usize>>) -> Solution {
        let sd = self.sd;
        let nt = sd.types.len();
        let order = self.type_order();
        let mut left: Vec<usize> = sd.types.iter().map(|t| t.slots).collect();
        let mut out = Vec::with_capacity(routes.len());
        for visits in routes {
            let Some(&first) = visits.first() else {
                continue;
            };
            // Every client of a path shares its row: the path id is its first client's owner.
            let id = self.owner[first];
            let ok = |t: usize| {
                if id == NONE {
                    visits.iter().all(|&c| sd.allowed(c, t))
                } else {
                    self.types_ok[id * nt + t]
                }
            };
            if let Some(&t) = order.iter().find(|&&t| left[t] > 0 && ok(t)) {
                left[t] -= 1;
                out.push(Route {
                    vehicle_type: t,
                    visits,
                });
            }
        }
        Solution::new(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::neighbours::granular_neighbours;
    use crate::{Client, Depot, Matrix, ProblemData, VehicleType, Violation};

    /// Random points in a 1000 x 1000 square, depot at the centre, Euclidean distances rounded.
    fn points(n: usize, rng: &mut Rng) -> Vec<(f64, f64)> {
        std::iter::once((500.0, 500.0))
            .chain((0..n).map(|_| (rng.unit() * 1000.0, rng.unit() * 1000.0)))
            .collect()
    }

    fn euclid(p: &[(f64, f64)]) -> Matrix {
        Matrix::from_fn(p.len(), |i, j| {
            ((p[i].0 - p[j].0).hypot(p[i].1 - p[j].1)).round() as i64
        })
    }

    fn construct(data: &ProblemData, noise: f64, seed: u64) -> Solution {
        let sd = SearchData::new(data);
        let neighbours = granular_neighbours(&sd, 20);
        savings_solution(&sd, &neighbours, noise, &mut Rng::new(seed))
    }

    fn assert_feasible(data: &ProblemData, solution: &Solution, what: &str) {
        let report = solution.evaluate(data);
        assert!(report.is_feasible(), "{what}: {:?}", report.violations);
    }

    #[test]
    fn capacity_holds_with_an_unlimited_fleet() {
        for seed in 0..20 {
            let mut rng = Rng::new(seed);
            let n = 20 + rng.below(200);
            let p = points(n, &mut rng);
            let capacity = 50 + rng.below(400) as i64;
            let m = euclid(&p);
            let data = ProblemData::builder()
                .depot(Depot::default())
                .clients((0..n).map(|_| Client::with_delivery(vec![1 + rng.below(50) as i64])))
                .vehicle_type(VehicleType::with_capacity(n, vec![capacity]))
                .distance_matrix(m.clone())
                .duration_matrix(m)
                .build()
                .unwrap();
            for noise in [0.0, 0.2] {
                let solution = construct(&data, noise, seed);
                assert_feasible(&data, &solution, &format!("seed {seed}, noise {noise}"));
            }
        }
    }

    #[test]
    fn pickups_deliveries_windows_and_limits_hold_with_an_unlimited_fleet() {
        for seed in 0..10 {
            let mut rng = Rng::new(100 + seed);
            let n = 60;
            let p = points(n, &mut rng);
            let m = euclid(&p);
            let clients: Vec<Client> = (1..=n)
                .map(|k| {
                    // Windows around the direct arrival time, so single visits are always on time.
                    let arrive = m.get(0, k);
                    let early = (arrive - 200 + rng.below(400) as i64).max(0);
                    Client {
                        delivery: vec![rng.below(30) as i64, rng.below(5) as i64],
                        pickup: vec![rng.below(30) as i64, 0],
                        service_duration: 10,
                        tw_early: early,
                        tw_late: early.max(arrive) + 300,
                        ..Client::default()
                    }
                })
                .collect();
            let data = ProblemData::builder()
                .depot(Depot {
                    tw_early: 0,
                    tw_late: 5000,
                    ..Depot::default()
                })
                .clients(clients)
                .vehicle_type(VehicleType {
                    max_distance: 2500,
                    max_duration: 3000,
                    ..VehicleType::with_capacity(n, vec![100, 12])
                })
                .distance_matrix(m.clone())
                .duration_matrix(m)
                .build()
                .unwrap();
            let solution = construct(&data, 0.1, seed);
            assert_feasible(&data, &solution, &format!("seed {seed}"));
            assert!(
                solution.non_empty_routes().count() < n,
                "some routes are joined"
            );
        }
    }

    #[test]
    fn asymmetric_matrices_are_priced_in_the_driven_direction() {
        let mut rng = Rng::new(7);
        let p = points(80, &mut rng);
        let base = euclid(&p);
        // Driving "uphill" (to a higher index) costs 30 % more.
        let m = Matrix::from_fn(81, |i, j| base.get(i, j) * if i < j { 13 } else { 10 } / 10);
        let clients = (0..80).map(|_| Client {
            tw_late: 2600,
            ..Client::with_delivery(vec![1])
        });
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients(clients)
            .vehicle_type(VehicleType::with_capacity(80, vec![15]))
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        for seed in 0..5 {
            assert_feasible(&data, &construct(&data, 0.3, seed), "asymmetric");
        }
    }

    #[test]
    fn joins_cut_the_cost_and_fill_the_vehicles() {
        let mut rng = Rng::new(3);
        let n = 300;
        let p = points(n, &mut rng);
        let m = euclid(&p);
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients((0..n).map(|_| Client::with_delivery(vec![10])))
            .vehicle_type(VehicleType::with_capacity(n, vec![100]))
            .distance_matrix(m.clone())
            .duration_matrix(m.clone())
            .build()
            .unwrap();
        let solution = construct(&data, 0.0, 1);
        let report = solution.evaluate(&data);
        let star: i64 = (1..=n).map(|k| 2 * m.get(0, k)).sum();
        assert!(report.is_feasible());
        assert!(report.cost * 3 < star, "{} vs {star}", report.cost);
        // 300 clients of 10 in vehicles of 100: 30 routes at best; savings gets close.
        let routes = solution.non_empty_routes().count();
        assert!((30..=34).contains(&routes), "{routes} routes");
    }

    #[test]
    fn same_seed_same_solution_and_noise_diversifies() {
        let mut rng = Rng::new(11);
        let p = points(150, &mut rng);
        let m = euclid(&p);
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients((0..150).map(|_| Client::with_delivery(vec![7])))
            .vehicle_type(VehicleType::with_capacity(150, vec![60]))
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        assert_eq!(construct(&data, 0.2, 5), construct(&data, 0.2, 5));
        assert_ne!(construct(&data, 0.2, 5), construct(&data, 0.2, 6));
        assert_eq!(construct(&data, 0.0, 5), construct(&data, 0.0, 6));
    }

    #[test]
    fn a_short_fleet_gets_all_clients_on_its_vehicles() {
        let mut rng = Rng::new(5);
        let p = points(40, &mut rng);
        let m = euclid(&p);
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients((0..40).map(|_| Client::with_delivery(vec![10])))
            .vehicle_type(VehicleType::with_capacity(3, vec![100]))
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        let solution = construct(&data, 0.0, 1);
        assert_eq!(solution.non_empty_routes().count(), 3);
        let report = solution.evaluate(&data);
        // 400 units on 300 capacity: capacity is broken, but nothing else.
        assert!(report
            .violations
            .iter()
            .all(|v| matches!(v, Violation::Capacity { .. })));
        assert!(!report.violations.is_empty());
    }

    #[test]
    fn optional_clients_are_tried_at_random_and_required_ones_always() {
        let mut rng = Rng::new(9);
        let p = points(50, &mut rng);
        let m = euclid(&p);
        let clients = (0..50).map(|c| Client {
            required: c % 2 == 0,
            prize: 100,
            ..Client::with_delivery(vec![1])
        });
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients(clients)
            .vehicle_type(VehicleType::with_capacity(50, vec![10]))
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap();
        let solution = construct(&data, 0.0, 2);
        let visited: Vec<usize> = solution
            .routes
            .iter()
            .flat_map(|r| r.visits.iter().copied())
            .collect();
        assert!((0..50).step_by(2).all(|c| visited.contains(&c)));
        assert!(
            visited.len() > 25 && visited.len() < 50,
            "{}",
            visited.len()
        );
        assert_feasible(&data, &solution, "optional");
    }

    #[test]
    fn restricted_clients_are_routed_only_on_types_they_may_ride() {
        let mut rng = Rng::new(21);
        let p = points(60, &mut rng);
        let d = euclid(&p);
        let data = ProblemData::builder()
            .depot(Depot::default())
            .clients((0..60).map(|i| Client {
                required_features: u64::from(i % 3 == 0),
                forbidden_vehicle_types: if i % 7 == 1 && i % 3 != 0 {
                    vec![1]
                } else {
                    Vec::new()
                },
                ..Client::with_delivery(vec![1 + i as i64 % 4])
            }))
            .vehicle_type(VehicleType::with_capacity(60, vec![25]))
            .vehicle_type(VehicleType {
                features: 1,
                ..VehicleType::with_capacity(60, vec![25])
            })
            .distance_matrix(d.clone())
            .duration_matrix(d)
            .build()
            .unwrap();
        for (noise, seed) in [(0.0, 1), (0.3, 2), (0.3, 3)] {
            let solution = construct(&data, noise, seed);
            let report = solution.evaluate(&data);
            assert!(report.is_feasible(), "{:?}", report.violations);
            // Every client is routed (feasible) and each on a type it may ride.
            assert!(solution
                .routes
                .iter()
                .all(|r| r.visits.iter().all(|&c| data.can_serve(r.vehicle_type, c))));
        }
    }
}
