//! `gongpei design`: network design questions answered with a location model and routing —
//! one subcommand per design, each in its own `design_<name>.rs`.

use clap::{Args, Subcommand};

use super::common::Failure;

/// Arguments of `gongpei design`.
#[derive(Debug, Args)]
pub struct DesignArgs {
    #[command(subcommand)]
    pub command: DesignCommand,
}

/// The designs.
#[derive(Debug, Subcommand)]
pub enum DesignCommand {
    /// Weekly service frequency: a visit pattern per village against lead-time targets, each day
    /// planned and checked, and the cost against service-level curve per mode.
    Frequency(super::design_frequency::FrequencyArgs),
}

/// Runs `gongpei design`.
pub fn run(args: &DesignArgs) -> Result<(), Failure> {
    match &args.command {
        DesignCommand::Frequency(a) => super::design_frequency::run(a),
    }
}
