//! Pieces shared by the benchmark subcommands: the failure kinds (and their exit codes), reading
//! an instance with the chosen convention, and the gap formula.

use gongpei_io::{read_instance_with, Instance, IoError, ReadOptions, Rounding};
use std::path::Path;

/// Why a subcommand failed; [`Failure::exit_code`] maps it to the process exit status.
#[derive(Debug)]
pub enum Failure {
    /// Bad arguments (exit 2, like clap's own usage errors).
    Usage(String),
    /// A file could not be read or is malformed (exit 1).
    Error(String),
    /// The run worked but the solution is infeasible (exit 3).
    Infeasible,
}

impl Failure {
    /// Process exit status for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Self::Error(_) => 1,
            Self::Usage(_) => 2,
            Self::Infeasible => 3,
        }
    }

    /// The message to print, if any.
    pub fn message(&self) -> Option<&str> {
        match self {
            Self::Usage(m) | Self::Error(m) => Some(m),
            Self::Infeasible => None,
        }
    }
}

impl From<IoError> for Failure {
    fn from(e: IoError) -> Self {
        Self::Error(e.to_string())
    }
}

/// Distance convention for Solomon-format files, as a command-line value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoundingArg {
    /// Distances and times truncated to one decimal (DIMACS distance-only; cost scale 10).
    Truncated,
    /// Unrounded distances (hierarchical convention; cost scale 10^4).
    Exact,
}

/// Reads an instance, applying the Solomon convention chosen on the command line.
pub fn read_instance_for(path: &Path, rounding: RoundingArg) -> Result<Instance, IoError> {
    let options = ReadOptions {
        solomon_rounding: match rounding {
            RoundingArg::Truncated => Rounding::TruncatedOneDecimal,
            RoundingArg::Exact => Rounding::Exact,
        },
    };
    read_instance_with(path, &options)
}

/// Gap of `cost` to `bks` in percent.
pub fn gap_percent(cost: f64, bks: f64) -> f64 {
    if bks == 0.0 {
        0.0
    } else {
        100.0 * (cost - bks) / bks
    }
}
