//! The integration tests of `gongpei-cli`, one test binary for all of them (each module was its
//! own binary; linking one instead of many is what keeps `make test` within its CI budget).

mod cli;
mod common;
mod design_command;
mod design_frequency_command;
mod interrupted_planning;
mod locate_command;
mod process_behaviour;
mod roads_command;
mod scenario_command;
mod scenario_probing;
mod scenario_tables_command;
mod sweep_command;
mod warm_start_command;
