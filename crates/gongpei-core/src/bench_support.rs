//! Narrow, documented access to the search's internals for the criterion benches of the root
//! package (`benches/hot_loop.rs`) and the scale check. Not part of the public API: hidden from the
//! docs and free to change with the engine.
//!
//! What is reachable from here is what the engine exposes to the crate: the search's view of the
//! problem ([`SearchSetup`]: hot-loop tables and granular neighbourhoods) and one genetic search
//! ([`GeneticSearch`]: population construction by educated random solutions, one generation).
//! The route caches, move pricer and penalties live in modules private to `search`, so per-move
//! pricing and single local-search passes cannot be driven from outside that module.
//!
//! ```
//! use gongpei_core::bench_support::SearchSetup;
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
//! let mut search = setup.genetic_search(7);
//! search.initialise();
//! search.iterate();
//! let best = search.best().unwrap();
//! assert!(best.feasible);
//! assert_eq!(best.routes, 2);
//! ```

use crate::search::data::SearchData;
use crate::search::hgs::{Hgs, HgsParams};
use crate::search::neighbours::granular_neighbours;
use crate::ProblemData;

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

    /// A fresh genetic search (the solver's default parameters) seeded with `seed`.
    pub fn genetic_search(&self, seed: u64) -> GeneticSearch<'_, 'a> {
        GeneticSearch {
            hgs: Hgs::new(&self.data, &self.neighbours, HgsParams::default(), seed),
        }
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
