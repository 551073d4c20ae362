//! Shared helpers of the criterion benches: locating and reading the benchmark instances.

pub mod instances;
