//! Each operator against the evaluator: on random small problems with every relaxed constraint
//! in play (two load dimensions with pickups, time windows and service, shift and route-duration
//! limits, route-distance limits, two vehicle types on two profiles, one asymmetric, fixed and
//! duration costs, optional clients), every move an operator builds is shown to a pricing judge,
//! and its price must equal the change of a penalised cost computed from
//! [`Solution::evaluate`] of the moved solution, which shares no pricing code with the search.
//! A full local search run must then leave caches that agree with the evaluator as well.

use super::{GranularMove, LocalSearch, Price, NONE};
use crate::search::cost::{CostEvaluator, PerConstraint};
use crate::search::data::SearchData;
use crate::search::neighbours::granular_neighbours;
use crate::search::Rng;
use crate::{Client, Depot, Matrix, ProblemData, Route, Solution, VehicleType};

/// Weights different per constraint, so a price that charges one excess at another's weight
/// shows.
fn weights() -> CostEvaluator {
    CostEvaluator {
        weights: PerConstraint {
            load: 7,
            time_warp: 3,
            distance: 5,
        },
    }
}

fn problem(seed: u64) -> ProblemData {
    let mut rng = Rng::new(seed);
    let clients = 9 + rng.below(4);
    let n = 1 + clients;
    let points: Vec<(i64, i64)> = (0..n)
        .map(|_| (rng.below(40) as i64, rng.below(40) as i64))
        .collect();
    let manhattan =
        |i: usize, j: usize| (points[i].0 - points[j].0).abs() + (points[i].1 - points[j].1).abs();
    let detour: Vec<i64> = (0..n * n).map(|_| rng.below(12) as i64).collect();
    let slow = |i: usize, j: usize| {
        if i == j {
            0
        } else {
            2 * manhattan(i, j) + detour[i * n + j]
        }
    };
    let clients: Vec<Client> = (0..clients)
        .map(|c| {
            // Reachable by both types: the slow profile takes at most twice as long plus 11.
            let early = 2 * manhattan(0, 1 + c) + 11 + rng.below(100) as i64;
            Client {
                delivery: vec![1 + rng.below(5) as i64, rng.below(3) as i64],
                pickup: vec![rng.below(3) as i64, rng.below(2) as i64],
                service_duration: rng.below(6) as i64,
                tw_early: early,
                tw_late: early + 20 + rng.below(80) as i64,
                required: c % 4 != 3,
                prize: if c % 4 == 3 {
                    40 + rng.below(60) as i64
                } else {
                    0
                },
                ..Client::default()
            }
        })
        .collect();
    let van = VehicleType {
        fixed_cost: 30,
        unit_duration_cost: 1,
        max_duration: 180,
        ..VehicleType::with_capacity(3, vec![9, 3])
    };
    let truck = VehicleType {
        fixed_cost: 50,
        unit_distance_cost: 2,
        max_distance: 350,
        profile: 1,
        ..VehicleType::with_capacity(2, vec![14, 5])
    };
    ProblemData::new(
        vec![Depot::default()],
        clients,
        vec![van, truck],
        vec![Matrix::from_fn(n, manhattan), Matrix::from_fn(n, slow)],
        vec![Matrix::from_fn(n, manhattan), Matrix::from_fn(n, slow)],
    )
    .unwrap()
}

/// A random start: the clients (each optional one kept with probability 3/4) cut into up to
/// five routes, on the vehicles in turn.
fn start(data: &ProblemData, seed: u64) -> Solution {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut order: Vec<usize> = (0..data.num_clients())
        .filter(|&c| data.client(c).required || rng.below(4) != 0)
        .collect();
    rng.shuffle(&mut order);
    let vehicles = [0, 0, 1, 0, 1];
    let routes = 2 + rng.below(4);
    let mut visits = vec![Vec::new(); routes];
    for c in order {
        visits[rng.below(routes)].push(c);
    }
    Solution::new(
        visits
            .into_iter()
            .zip(vehicles)
            .map(|(visits, vehicle_type)| Route {
                vehicle_type,
                visits,
            })
            .collect(),
    )
}

/// The penalised cost of `solution` from the evaluator's report alone: route costs, prizes of
/// skipped clients, and each route's excesses (load over capacity per dimension, time warp plus
/// duration over the limit, distance over the limit) at the given weights.
fn reference(data: &ProblemData, solution: &Solution, pen: &CostEvaluator) -> i64 {
    let report = solution.evaluate(data);
    let excess: i64 = report
        .routes
        .iter()
        .filter(|r| r.distance > 0 || !r.schedule.is_empty())
        .map(|r| {
            let vt = data.vehicle_type(r.vehicle_type);
            let load: i64 = r
                .peak_load
                .iter()
                .zip(&vt.capacity)
                .map(|(&l, &c)| (l - c).max(0))
                .sum();
            let time_warp = r.time_warp + (r.duration - vt.max_duration).max(0);
            let distance = (r.distance - vt.max_distance).max(0);
            pen.weights.load * load
                + pen.weights.time_warp * time_warp
                + pen.weights.distance * distance
        })
        .sum();
    report.cost + excess
}

/// The local search's current solution, with the given route slots replaced.
fn solution_of(ls: &LocalSearch, replaced: &[(usize, Vec<usize>)]) -> Solution {
    Solution::new(
        ls.routes
            .iter()
            .enumerate()
            .map(|(slot, r)| Route {
                vehicle_type: r.vehicle_type,
                visits: match replaced.iter().find(|(s, _)| *s == slot) {
                    Some((_, visits)) => visits.clone(),
                    None => r.nodes[1..r.last()]
                        .iter()
                        .map(|&l| ls.sd.client_of(l))
                        .collect(),
                },
            })
            .filter(|r| !r.visits.is_empty())
            .collect(),
    )
}

/// Shows every move `operator` builds on each random problem to a pricing judge and checks each
/// price against the evaluator; returns how many moves were checked.
fn check_operator(operator: impl Fn(&mut LocalSearch, &mut Price)) -> usize {
    let pen = weights();
    let mut checked = 0;
    let mut broken = PerConstraint::<usize>::default();
    for seed in 0..40 {
        let data = problem(seed);
        let sd = SearchData::new(&data);
        let neighbours = granular_neighbours(&sd, data.num_clients());
        let mut ls = LocalSearch::new(&sd, &neighbours);
        ls.load(&start(&data, seed).routes, None, &pen);
        let base = reference(&data, &solution_of(&ls, &[]), &pen);
        assert_eq!(
            ls.export().penalised_cost(&pen),
            base,
            "seed {seed}: caches"
        );
        for r in &ls.routes {
            broken = broken.zip(r.excess).map(|(n, e)| n + usize::from(e > 0));
        }
        let mut judge = Price {
            keep_routes: true,
            moves: Vec::new(),
        };
        operator(&mut ls, &mut judge);
        for m in &judge.moves {
            let moved = solution_of(&ls, &m.routes);
            assert_eq!(
                m.delta,
                reference(&data, &moved, &pen) - base,
                "seed {seed}: {:?}",
                m.routes
            );
        }
        checked += judge.moves.len();
    }
    // The starts break every relaxed constraint somewhere, so every weight is exercised.
    assert!(broken.into_array().iter().all(|&n| n > 3), "{broken:?}");
    checked
}

/// Every routed pair `(u, v)`, `u != v`.
fn routed_pairs(ls: &LocalSearch) -> Vec<(usize, usize)> {
    let n = ls.sd.num_clients;
    let routed = |c: usize| ls.route_of[c] != NONE;
    (0..n)
        .flat_map(|u| (0..n).map(move |v| (u, v)))
        .filter(|&(u, v)| u != v && routed(u) && routed(v))
        .collect()
}

fn check_granular(mv: GranularMove) -> usize {
    check_operator(|ls, judge| {
        for (u, v) in routed_pairs(ls) {
            ls.granular_move(judge, mv, u, v);
        }
    })
}

#[test]
fn relocations_price_as_the_evaluator() {
    for n in 1..=3 {
        assert!(check_granular(GranularMove::Exchange(n, 0)) > 1000);
    }
}

#[test]
fn swaps_price_as_the_evaluator() {
    for (n, m) in [(1, 1), (2, 1), (2, 2)] {
        assert!(check_granular(GranularMove::Exchange(n, m)) > 1000);
    }
}

#[test]
fn tail_swaps_price_as_the_evaluator() {
    assert!(check_granular(GranularMove::TailSwap) > 1000);
}

#[test]
fn two_opt_prices_as_the_evaluator() {
    assert!(check_granular(GranularMove::TwoOpt) > 100);
}

#[test]
fn every_move_between_two_clients_prices_as_the_evaluator() {
    let checked = check_operator(|ls, judge| {
        for (u, v) in routed_pairs(ls) {
            ls.client_moves(judge, u, v);
        }
    });
    assert!(checked > 5000, "{checked}");
}

#[test]
fn moves_into_empty_vehicles_price_as_the_evaluator() {
    let checked = check_operator(|ls, judge| {
        for u in 0..ls.sd.num_clients {
            if ls.route_of[u] != NONE {
                ls.try_empty_route(judge, u);
            }
        }
    });
    assert!(checked > 100, "{checked}");
}

#[test]
fn vehicle_type_moves_price_as_the_evaluator() {
    let checked = check_operator(|ls, judge| {
        ls.vehicle_type_moves(judge);
    });
    assert!(checked > 40, "{checked}");
}

/// Application: after a whole local search (every operator applied where it improves), the
/// caches still agree with the evaluator, and the search never made the solution worse.
#[test]
fn applied_moves_leave_caches_that_agree_with_the_evaluator() {
    let pen = weights();
    for seed in 0..40 {
        let data = problem(seed);
        let sd = SearchData::new(&data);
        let neighbours = granular_neighbours(&sd, data.num_clients());
        let mut ls = LocalSearch::new(&sd, &neighbours);
        let start = start(&data, seed);
        ls.load(&start.routes, None, &pen);
        let before = reference(&data, &solution_of(&ls, &[]), &pen);
        ls.run(&mut Rng::new(seed), &|| false);
        let after = ls.export();
        let solution = Solution::new(after.routes.clone());
        assert_eq!(
            after.penalised_cost(&pen),
            reference(&data, &solution, &pen)
        );
        assert!(after.penalised_cost(&pen) <= before, "seed {seed}");
        // An improving move is applied as priced: nothing improving is left for the judge.
        let mut judge = Price::default();
        for (u, v) in routed_pairs(&ls) {
            if neighbours[u].contains(&v) {
                ls.client_moves(&mut judge, u, v);
            }
        }
        assert!(judge.moves.iter().all(|m| m.delta >= 0), "seed {seed}");
    }
}
