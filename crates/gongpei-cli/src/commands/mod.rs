//! One module per `gongpei` subcommand.

pub mod scenario;
