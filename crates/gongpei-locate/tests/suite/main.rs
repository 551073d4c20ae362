//! The integration tests of gongpei-locate: one binary (exhaustive-enumeration checks, the exact
//! p-median solver, errors).

mod brute_force;
mod common;
mod errors;
mod pmedian;
