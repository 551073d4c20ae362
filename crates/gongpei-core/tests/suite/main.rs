//! The integration tests of `gongpei-core`, one test binary for all of them (each module was its
//! own binary; linking one instead of many is what keeps `make test` within its CI budget).

mod model_limits;
mod segments;
mod skills;
mod solver_behaviour;
mod solver_optimal;
mod warm_start;
