//! Narrow, documented access to the search's internals for the criterion benches of the root
//! package (`benches/hot_loop.rs`) and the scale check (`benches/scale/first_feasible.rs`). Not
//! part of the public API: hidden from the docs and free to change with the engine.
//!
//! Everything here drives the engine's own code, not a copy of it:
//!
//! - [`SearchSetup`]: the search's view of the problem (hot-loop tables, granular neighbourhoods);
//! - [`RouteCaches`]: the local search's route caches (`search::route::SearchRoute`) for a
//!   solution, with each move type priced as the local search prices it (arc-delta distances of
//!   `LocalSearch`, `search::route::Pricer` for the penalised costs) on the same span layouts;
//! - [`LocalSearchRun`]: one education of a solution to a local optimum (`LocalSearch::run`);
//! - constructions: Clarke-Wright savings ([`SearchSetup::savings`]) and cheapest insertion
//!   ([`SearchSetup::greedy_insertion`]);
//! - [`GeneticSearch`]: the initial population and single HGS generations.
//!
//! ```
//! use gongpei_core::bench_support::{Move, SearchSetup};
//! use gongpei_core::{Client, Depot, Matrix, ProblemData, VehicleType};
//! let xs = [0i64, 4, 7, 9, 12];
//! let d = Matrix::from_fn(5, |i, j| (xs[i] - xs[j]).abs());
//! let data = ProblemData::builder()
//!     .depot(Depot::default())
//!     .clients((0..4).map(|_| Client::with_delivery(vec![1])))
//!     .vehicle_type(VehicleType::with_capacity(4, vec![2]))
//!     .distance_matrix(d.clone())
//!     .duration_matrix(d)
//!     .build()
//!     .unwrap();
//! let setup = SearchSetup::new(&data, 2);
//! assert_eq!(setup.neighbour_count(), 4 * 2);
//! let start = setup.savings(0.0, 1);
//! assert!(start.evaluate(&data).is_feasible());
//! let mut caches = setup.route_caches(&start, 100);
//! for (u, v) in setup.neighbour_pairs() {
//!     if let Some(delta) = caches.price(Move::Relocate(1), u, v) {
//!         // Savings on a line is optimal: no relocation improves it.
//!         assert!(delta >= 0);
//!     }
//! }
//! let mut search = setup.genetic_search(7);
//! search.initialise();
//! search.iterate();
//! let best = search.best().unwrap();
//! assert!(best.feasible);
//! assert_eq!(best.routes, 2);
//! ```

use crate::search::cost::CostEvaluator;
use crate::search::data::SearchData;
use crate::search::hgs::{Hgs, HgsParams};
use crate::search::local_search::{GranularMove, LocalSearch, Price};
use crate::search::neighbours::granular_neighbours;
use crate::search::Rng;
use crate::solver::construct;
use crate::{ProblemData, Solution};

/// The granular neighbourhood size the solver uses (kept equal to `solver::NEIGHBOURS`).
pub const SOLVER_NEIGHBOURS: usize = 20;

/// The search's precomputed view of a problem: per-location segments, vehicle-type tables, the
/// hot loop's distance table and the `k` nearest neighbours of every client. Building it is the
/// solver's set-up cost before the first local search.
pub struct SearchSetup<'a> {
    data: SearchData<'a>,
    neighbours: Vec<Vec<usize>>,
}

impl<'a> SearchSetup<'a> {
    /// Builds the search tables and the granular neighbourhoods of size `k`.
    pub fn new(problem: &'a ProblemData, k: usize) -> Self {
        let data = SearchData::new(problem);
        let neighbours = granular_neighbours(&data, k);
        Self { data, neighbours }
    }

    /// Total number of (client, neighbour) pairs, i.e. the size of the granular neighbourhood.
    pub fn neighbour_count(&self) -> usize {
        self.neighbours.iter().map(Vec::len).sum()
    }

    /// Every (client, granular neighbour) pair, the pairs the local search tests moves on.
    pub fn neighbour_pairs(&self) -> Vec<(usize, usize)> {
        self.neighbours
            .iter()
            .enumerate()
            .flat_map(|(u, list)| list.iter().map(move |&v| (u, v)))
            .collect()
    }

    /// A fresh genetic search (the solver's default parameters) seeded with `seed`.
    pub fn genetic_search(&self, seed: u64) -> GeneticSearch<'_, 'a> {
        GeneticSearch {
            hgs: Hgs::new(&self.data, &self.neighbours, HgsParams::default(), seed),
        }
    }

    /// Clarke-Wright savings over the granular pairs (`solver::construct::savings_solution`);
    /// `noise` perturbs the savings (0 for the classic order), `seed` drives it.
    pub fn savings(&self, noise: f64, seed: u64) -> Solution {
        construct::savings_solution(&self.data, &self.neighbours, noise, &mut Rng::new(seed))
    }

    /// The cheapest-insertion construction the solver falls back on for small problems
    /// (`solver::construct::greedy_insertion`, O(n^2) route evaluations).
    pub fn greedy_insertion(&self) -> Solution {
        construct::greedy_insertion(self.data.data)
    }

    /// The local search's route caches for `solution`, under penalty `penalty` per unit of excess
    /// load, time warp and excess distance.
    pub fn route_caches(&self, solution: &Solution, penalty: i64) -> RouteCaches<'_, 'a> {
        RouteCaches::new(self, solution, CostEvaluator::uniform(penalty))
    }

    /// A reusable local search (the one that educates every HGS offspring) under penalty
    /// `penalty` per unit of each excess.
    pub fn local_search(&self, penalty: i64) -> LocalSearchRun<'_, 'a> {
        LocalSearchRun {
            ls: LocalSearch::new(&self.data, &self.neighbours),
            pen: CostEvaluator::uniform(penalty),
        }
    }
}

/// A move type of the local search, between client `u` and its granular neighbour `v`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// `n` clients from `u` on move after `v` (another route).
    Relocate(usize),
    /// `n` clients from `u` on swap with `m` clients from `v` on (another route).
    Swap(usize, usize),
    /// 2-opt*: `u`'s route keeps its clients up to `u` and takes `v`'s route's after `v`, and
    /// vice versa (another route).
    TwoOptStar,
    /// Intra-route 2-opt: the clients after the earlier of `u` and `v` up to the later one are
    /// reversed (same route, at least two clients apart).
    TwoOpt,
}

/// The move types the local search tests on every granular pair, with bench names.
pub const MOVES: [(&str, Move); 8] = [
    ("relocate_1", Move::Relocate(1)),
    ("relocate_2", Move::Relocate(2)),
    ("relocate_3", Move::Relocate(3)),
    ("swap_1_1", Move::Swap(1, 1)),
    ("swap_2_1", Move::Swap(2, 1)),
    ("swap_2_2", Move::Swap(2, 2)),
    ("two_opt_star", Move::TwoOptStar),
    ("two_opt", Move::TwoOpt),
];

/// The local search's caches (cumulative distance, prefix/suffix duration and load segments,
/// penalised cost) of every route of one solution, held by a local search loaded with it.
pub struct RouteCaches<'s, 'a> {
    sd: &'s SearchData<'a>,
    ls: LocalSearch<'s, 'a>,
    pen: CostEvaluator,
    judge: Price,
}

/// `LocalSearch::route_of` of a client on no route.
const UNROUTED_CLIENT: usize = usize::MAX;

impl<'s, 'a> RouteCaches<'s, 'a> {
    fn new(setup: &'s SearchSetup<'a>, solution: &Solution, pen: CostEvaluator) -> Self {
        let mut ls = LocalSearch::new(&setup.data, &setup.neighbours);
        ls.load(&solution.routes, None, &pen);
        Self {
            sd: &setup.data,
            ls,
            pen,
            judge: Price::default(),
        }
    }

    /// Sum of the routes' penalised costs.
    pub fn penalised_cost(&self) -> i64 {
        self.ls.routes.iter().map(|r| r.cost).sum()
    }

    /// Recomputes every non-empty route's caches from its locations: the prefix and suffix
    /// segment concatenations the local search redoes for the routes a move changed.
    pub fn rebuild(&mut self) {
        for r in self.ls.routes.iter_mut().filter(|r| !r.is_empty()) {
            r.update(self.sd, &self.pen);
        }
    }

    /// Penalised cost change of `mv` between client `u` and its neighbour `v`, as the local
    /// search's own operator builds and prices it once past its lower-bound filter (the operator
    /// shows the move to a pricing `Judge` instead of the search's): the new routes' distances
    /// (from the changed arcs when both routes share a profile), then `Pricer::cost` of each new
    /// route; `None` when the move does not apply to the pair.
    pub fn price(&mut self, mv: Move, u: usize, v: usize) -> Option<i64> {
        let ls = &self.ls;
        let (ru, rv) = (ls.route_of[u], ls.route_of[v]);
        if ru == UNROUTED_CLIENT || rv == UNROUTED_CLIENT {
            return None;
        }
        let operator = match mv {
            Move::Relocate(n) if ru != rv => GranularMove::Exchange(n, 0),
            Move::Swap(n, m) if ru != rv => GranularMove::Exchange(n, m),
            Move::TwoOptStar if ru != rv => GranularMove::TailSwap,
            Move::TwoOpt if ru == rv => GranularMove::TwoOpt,
            _ => return None,
        };
        self.judge.moves.clear();
        self.ls.granular_move(&mut self.judge, operator, u, v);
        self.judge.moves.last().map(|m| m.delta)
    }
}

/// The local search that educates every HGS offspring, reused across calls as the search does.
pub struct LocalSearchRun<'s, 'a> {
    ls: LocalSearch<'s, 'a>,
    pen: CostEvaluator,
}

impl LocalSearchRun<'_, '_> {
    /// Loads `start` and improves it until no move of any type improves it (random client order
    /// drawn from `seed`); returns the result summarised.
    pub fn educate(&mut self, start: &Solution, seed: u64) -> BestSummary {
        self.educate_within(start, seed, None).0
    }

    /// As [`Self::educate`], stopping early once `limit` has passed (checked every 128 clients,
    /// as the solver does); also returns the improved solution.
    pub fn educate_within(
        &mut self,
        start: &Solution,
        seed: u64,
        limit: Option<std::time::Duration>,
    ) -> (BestSummary, Solution) {
        let started = std::time::Instant::now();
        let stop = || limit.is_some_and(|l| started.elapsed() >= l);
        self.ls.load(&start.routes, None, &self.pen);
        self.ls.run(&mut Rng::new(seed), &stop);
        let ind = self.ls.export();
        let summary = BestSummary {
            objective: ind.objective,
            feasible: ind.is_feasible(),
            routes: ind.routes.len(),
        };
        (summary, Solution::new(ind.routes))
    }
}

/// The best solution a [`GeneticSearch`] holds, summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BestSummary {
    /// Unpenalised objective.
    pub objective: i64,
    /// Whether it breaks no constraint.
    pub feasible: bool,
    /// Number of non-empty routes.
    pub routes: usize,
}

/// One Hybrid Genetic Search as the solver runs it on one thread, driven step by step.
pub struct GeneticSearch<'s, 'a> {
    hgs: Hgs<'s, 'a>,
}

impl GeneticSearch<'_, '_> {
    /// Fills the population with random solutions, each educated by a full local search (the
    /// solver's construction phase).
    pub fn initialise(&mut self) {
        self.hgs.initialise(&|| false);
    }

    /// One generation: parent selection, crossover, education by local search, maybe repair.
    pub fn iterate(&mut self) {
        self.hgs.iterate(&|| false);
    }

    /// Generations run so far.
    pub fn iterations(&self) -> u64 {
        self.hgs.iterations
    }

    /// The best solution held (feasible first), if any.
    pub fn best(&self) -> Option<BestSummary> {
        self.hgs.best().map(|b| BestSummary {
            objective: b.objective,
            feasible: b.is_feasible(),
            routes: b.routes.len(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Client, Depot, Matrix, Route, VehicleType, Violation};

    /// Eight clients on a ring of circumference 800 around a central depot at distance 100.
    fn ring() -> ProblemData {
        let n = 8;
        let m = Matrix::from_fn(n + 1, |i, j| match (i, j) {
            _ if i == j => 0,
            (0, _) | (_, 0) => 100,
            _ => {
                let k = i.abs_diff(j);
                100 * k.min(n - k) as i64
            }
        });
        ProblemData::builder()
            .depot(Depot::default())
            .clients((0..n).map(|_| Client::with_delivery(vec![1])))
            .vehicle_type(VehicleType::with_capacity(n, vec![4]))
            .distance_matrix(m.clone())
            .duration_matrix(m)
            .build()
            .unwrap()
    }

    const PENALTY: i64 = 1_000_000;

    /// The evaluator's cost plus `PENALTY` per unit of excess load (the only excess here).
    fn evaluate(data: &ProblemData, routes: &[Vec<usize>]) -> i64 {
        let solution = Solution::new(
            routes
                .iter()
                .map(|v| Route {
                    vehicle_type: 0,
                    visits: v.clone(),
                })
                .collect(),
        );
        let report = solution.evaluate(data);
        let excess: i64 = report
            .violations
            .iter()
            .map(|v| match v {
                Violation::Capacity { load, capacity, .. } => load - capacity,
                other => panic!("unexpected {other}"),
            })
            .sum();
        report.cost + PENALTY * excess
    }

    /// Every priced move equals the evaluator's cost difference of the moved solution.
    #[test]
    fn prices_match_the_evaluator() {
        let data = ring();
        let setup = SearchSetup::new(&data, 7);
        let routes = vec![vec![0, 2, 1, 3], vec![4, 6, 5, 7]];
        let start = Solution::new(
            routes
                .iter()
                .map(|v| Route {
                    vehicle_type: 0,
                    visits: v.clone(),
                })
                .collect(),
        );
        let base = evaluate(&data, &routes);
        let mut caches = setup.route_caches(&start, PENALTY);
        assert_eq!(caches.penalised_cost(), base);
        let find = |c: usize| {
            let r = routes.iter().position(|v| v.contains(&c)).unwrap();
            (r, routes[r].iter().position(|&x| x == c).unwrap())
        };
        let mut checked = 0;
        for (u, v) in setup.neighbour_pairs() {
            let ((ru, iu), (rv, iv)) = (find(u), find(v));
            for (_, mv) in MOVES {
                let Some(delta) = caches.price(mv, u, v) else {
                    continue;
                };
                let mut moved = routes.clone();
                match mv {
                    Move::Relocate(n) => {
                        let seg: Vec<usize> = moved[ru].drain(iu..iu + n).collect();
                        moved[rv].splice(iv + 1..iv + 1, seg);
                    }
                    Move::Swap(n, m) => {
                        let seg_v: Vec<usize> = moved[rv][iv..iv + m].to_vec();
                        let seg_u: Vec<usize> = moved[ru].splice(iu..iu + n, seg_v).collect();
                        moved[rv].splice(iv..iv + m, seg_u);
                    }
                    Move::TwoOptStar => {
                        let tail_u = moved[ru].split_off(iu + 1);
                        let tail_v = moved[rv].split_off(iv + 1);
                        moved[ru].extend(tail_v);
                        moved[rv].extend(tail_u);
                    }
                    Move::TwoOpt => {
                        let (a, b) = (iu.min(iv), iu.max(iv));
                        moved[ru][a + 1..=b].reverse();
                    }
                }
                assert_eq!(
                    delta,
                    evaluate(&data, &moved) - base,
                    "{mv:?} u={u} v={v} -> {moved:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 50, "{checked} moves checked");
    }

    #[test]
    fn education_reaches_the_ring_optimum() {
        let data = ring();
        let setup = SearchSetup::new(&data, 7);
        let start = Solution::new(vec![
            Route {
                vehicle_type: 0,
                visits: vec![0, 5, 2, 7],
            },
            Route {
                vehicle_type: 0,
                visits: vec![4, 1, 6, 3],
            },
        ]);
        let mut ls = setup.local_search(1000);
        let educated = ls.educate(&start, 1);
        // Two arcs of four neighbours: 100 + 300 + 100 per route.
        assert_eq!(
            educated,
            BestSummary {
                objective: 1000,
                feasible: true,
                routes: 2
            }
        );
        let mut caches = setup.route_caches(&start, 1000);
        let before = caches.penalised_cost();
        caches.rebuild();
        assert_eq!(caches.penalised_cost(), before);
        assert!(setup.savings(0.0, 1).evaluate(&data).is_feasible());
        assert!(setup.greedy_insertion().evaluate(&data).is_feasible());
    }
}
