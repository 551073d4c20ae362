//! The integration tests of `gongpei-io`, one test binary for all of them (each module was its
//! own binary; linking one instead of many is what keeps `make test` within its CI budget).

#[allow(dead_code)]
mod common;

mod checker_vs_engine;
mod formats;
mod hostile_input;
mod malformed;
mod matrix_sharing;
mod pmedian;
mod solutions;
mod variants;
