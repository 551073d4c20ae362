//! The integration tests of gongpei-locate: one binary (exhaustive-enumeration checks and errors).

mod brute_force;
mod common;
mod errors;
