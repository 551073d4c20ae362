//! The cooperation modes, each turned into engine problems: [`Mode::Separate`],
//! [`Mode::PostalExpress`] (邮快合作), [`Mode::TransportPostal`] (交邮合作), [`Mode::Combined`].

mod bus;
mod common;
pub mod separate;
pub mod transport_postal;
pub mod two_echelon;

pub use bus::bus_station;
pub use transport_postal::bus_fees_by_carrier;

use serde::Serialize;

use crate::allocation::Coalition;
use crate::plan::Plan;
use crate::subproblem::Effort;
use crate::world::World;
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

/// Plans `mode` for the carriers in `coalition` (their demand only).
pub fn plan(
    world: &World<'_>,
    mode: Mode,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    match mode {
        Mode::Separate => separate::plan(world, coalition, effort),
        Mode::PostalExpress => {
            two_echelon::plan(world, coalition, effort, &Default::default(), mode.name())
        }
        Mode::TransportPostal => transport_postal::plan_transport_postal(world, coalition, effort),
        Mode::Combined => transport_postal::plan_combined(world, coalition, effort),
    }
}
