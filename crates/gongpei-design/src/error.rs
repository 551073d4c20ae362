//! Errors of the design layer: each names the input (parameter, site, candidate) at fault.

use thiserror::Error;

/// What went wrong while choosing or evaluating a network design.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum DesignError {
    /// A design parameter or the scenario cannot be used as given; `field` names it
    /// (e.g. `candidates`, `radius_km`, `station_costs.build`).
    #[error("{field}: {message}")]
    Input {
        /// The parameter or scenario path at fault.
        field: String,
        /// What is wrong with it.
        message: String,
    },
    /// The location model could not be solved (bad costs, infeasible covering, HiGHS failure).
    #[error("location model: {0}")]
    Locate(#[from] gongpei_locate::LocateError),
    /// Planning a design's routes failed.
    #[error("routing evaluation: {0}")]
    Coop(#[from] gongpei_coop::CoopError),
}

impl DesignError {
    /// An input error naming `field`.
    pub(crate) fn input(field: impl Into<String>, message: impl Into<String>) -> Self {
        DesignError::Input {
            field: field.into(),
            message: message.into(),
        }
    }
}
