//! The integration tests of `gongpei-coop`, one test binary for all of them (each module was its
//! own binary; linking one instead of many is what keeps `make test` within its CI budget).

#[allow(dead_code)]
mod common;
#[allow(dead_code)]
mod report_support;
#[allow(dead_code)]
mod tiny;

mod allocation_axioms;
mod brute_force;
mod combined_bus_choice;
mod commerce;
mod express_pool;
mod feeder;
mod finance;
mod infeasible;
mod jizhou_slice;
mod modes_small;
mod nucleolus_least_core;
mod plan_control;
mod report_browser;
mod report_outputs;
mod shift_reach;
mod stakeholders;
mod sweep;
