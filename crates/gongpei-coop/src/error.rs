//! Errors of the cooperation layer: each says which input (scenario part, carrier, site, mode)
//! is at fault.

use thiserror::Error;

/// What went wrong while building or solving a cooperation mode.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum CoopError {
    /// The scenario or a parameter cannot be used as given.
    #[error("{0}")]
    Input(String),
    /// The engine rejected a problem built from the scenario (a modelling error in this crate
    /// or an inconsistent scenario), with the sub-problem named.
    #[error("{context}: {source}")]
    Model {
        /// Which sub-problem was being built.
        context: String,
        /// The engine's validation error.
        source: gongpei_core::ModelError,
    },
    /// Travel matrices could not be computed.
    #[error("road network: {0}")]
    Network(#[from] gongpei_network::NetworkError),
    /// The caller stopped the planner (see `PlanControl`) before the work was complete.
    #[error("stopped on request before the plan was complete")]
    Cancelled,
    /// The scenario could not be turned into a network.
    #[error("scenario: {0}")]
    Scenario(#[from] gongpei_scenario::ScenarioError),
}
