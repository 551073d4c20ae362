//! Shared helpers of the criterion benches: locating and reading the benchmark instances, and
//! bench-side route caches for pricing moves by segment concatenation.

pub mod instances;
pub mod route_caches;
