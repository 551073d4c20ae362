//! The cooperation modes, each turned into engine problems: [`Mode::Separate`] (`separate.rs`),
//! [`Mode::PostalExpress`] (邮快合作, `postal_express.rs`, with its feeders in `feeder.rs`),
//! [`Mode::TransportPostal`] (交邮合作, `transport_postal.rs`), [`Mode::Combined`]
//! (`combined.rs`); bus runs in `bus.rs`.

mod bus;
mod combined;
mod common;
mod feeder;
mod postal_express;
mod separate;
mod transport_postal;

pub(crate) use bus::bus_fees_by_carrier;

use serde::Serialize;

use crate::allocation::Coalition;
use crate::plan::Plan;
use crate::planner::Planner;
use crate::subproblem::Effort;
use crate::CoopError;

/// A way of organising the district's deliveries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Each carrier on its own (baseline).
    Separate,
    /// 邮快合作: hub handover, trunk to townships, shared last mile.
    PostalExpress,
    /// 交邮合作: bus runs carry parcels to villages they serve; carriers keep their vans.
    TransportPostal,
    /// Both cooperations.
    Combined,
}

impl Mode {
    /// All modes, baseline first.
    pub const ALL: [Mode; 4] = [
        Mode::Separate,
        Mode::PostalExpress,
        Mode::TransportPostal,
        Mode::Combined,
    ];

    /// Name used in reports and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Separate => "separate",
            Mode::PostalExpress => "postal_express",
            Mode::TransportPostal => "transport_postal",
            Mode::Combined => "combined",
        }
    }

    /// Chinese name.
    pub fn chinese(self) -> &'static str {
        match self {
            Mode::Separate => "各自配送",
            Mode::PostalExpress => "邮快合作",
            Mode::TransportPostal => "交邮合作",
            Mode::Combined => "邮快+交邮",
        }
    }
}

impl std::str::FromStr for Mode {
    type Err = CoopError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Mode::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| CoopError::Input(format!("unknown mode {s:?}; expected separate, postal_express, transport_postal or combined")))
    }
}

/// Plans `mode` for the carriers in `coalition` (their demand only); see [`Planner::plan`].
pub(crate) fn plan(
    planner: &Planner<'_>,
    mode: Mode,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    match mode {
        Mode::Separate => separate::plan(planner, coalition, effort),
        Mode::PostalExpress => {
            postal_express::plan(planner, coalition, effort, &Default::default(), mode.name())
        }
        Mode::TransportPostal => transport_postal::plan(planner, coalition, effort),
        Mode::Combined => combined::plan(planner, coalition, effort),
    }
}

/// The bus station of the scenario (where buses take and hand over parcels), if any.
pub fn bus_station(world: &crate::world::World<'_>) -> Option<usize> {
    bus::bus_station(world)
}
