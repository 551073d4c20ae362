//! The search machinery behind [`crate::solve`]: problem views for the hot loop, granular
//! neighbourhoods, the constraint and cost model, route caches and move pricing, the local search, the genetic population and
//! crossover, and the Hybrid Genetic Search that ties them together.

pub(crate) mod cost;
mod crossover;
pub(crate) mod data;
pub(crate) mod hgs;
pub(crate) mod ils;
mod incumbent;
pub(crate) mod individual;
pub(crate) mod initial;
pub(crate) mod local_search;
pub(crate) mod neighbours;
pub(crate) mod penalty;
mod population;
mod rng;
pub(crate) mod route;
pub(crate) mod strategy;
mod swap_star;

pub use rng::Rng;
