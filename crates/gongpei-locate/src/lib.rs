//! gongpei-locate: network design models solved exactly (the HiGHS MIP solver; for p-median
//! Lagrangian bounds and branch and bound first), pure of I/O.
//!
//! Every model reads a [`CostMatrix`] (demand points x candidate sites) and returns a
//! [`Solution`]: the open sites, the assignment of demand points, the objective recomputed from the
//! choice, the [`MipStatus`] (proven optimal, or stopped with a gap) and the time.
//!
//! - [`PMedian`]: exactly p sites, least weighted cost to the nearest (Lagrangian bound,
//!   reductions, branch and bound; HiGHS on the reduced model when the tree grows).
//! - [`FacilityLocation`]: fixed + per-unit costs, uncapacitated or capacitated (single sourcing).
//! - [`SetCovering`]: cheapest sites covering every demand point within a radius.
//! - [`MaximalCovering`]: at most K sites covering the most weight within a radius.
//!
//! Bad input is a [`LocateError`] naming the demand point, candidate or field.

mod costs;
mod covering;
mod error;
mod facility;
mod mip;
mod pmedian;
mod solution;

pub use costs::CostMatrix;
pub use covering::{MaximalCovering, SetCovering};
pub use error::LocateError;
pub use facility::FacilityLocation;
pub use mip::{MipStatus, SolveOptions};
pub use pmedian::PMedian;
pub use solution::Solution;
