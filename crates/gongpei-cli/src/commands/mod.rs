//! One module per `gongpei` subcommand (adding one: a module line here and a variant in main.rs).

pub mod check;
pub mod common;
pub mod design;
pub mod design_cold;
pub mod design_cover;
pub mod design_frequency;
pub mod design_site;
pub mod interrupt;
pub mod locate;
pub mod roads;
pub mod scenario;
pub mod scenario_tables;
pub mod solve;
pub mod sweep;
pub mod sweep_game;
