//! The integration tests of `gongpei-scenario`, one test binary for all of them (each module was its
//! own binary; linking one instead of many is what keeps `make test` within its CI budget).

mod commerce;
mod district_folders;
mod examples;
mod finance;
mod hostile_scenarios;
mod jizhou_preset;
mod malformed;
mod tables_malformed;
mod tables_readme;
mod tables_round_trip;
mod travel;
