//! The cooperation modes, each turned into engine problems: [`Mode::Separate`] (`separate.rs`),
//! [`Mode::PostalExpress`] (邮快合作, `postal_express.rs`, with its feeders in `feeder.rs`),
//! [`Mode::TransportPostal`] (交邮合作, `transport_postal.rs`), [`Mode::Combined`]
//! (`combined.rs`); [`Mode::ExpressPool`] (快快合作, `express_pool.rs`, leads chosen in
//! `lead_search.rs`) and [`Mode::ExpressPoolSingleLead`]; [`Mode::Commerce`] (快商合作,
//! `commerce.rs`; the commerce partners' own delivery in every other mode, `commerce_own.rs`);
//! bus runs in `bus.rs` (their loads per
//! segment in `run_loads.rs`, the joint search of riders shared by 交邮合作 and `combined` in
//! `bus_joint.rs`, 交邮合作's pricing of rider sets in `transport_postal_joint.rs`).

mod bus;
mod bus_joint;
mod combined;
mod commerce;
mod commerce_own;
mod common;
mod express_pool;
mod feeder;
mod lead_search;
mod postal_express;
mod run_loads;
mod separate;
mod transport_postal;
mod transport_postal_joint;

pub(crate) use bus::bus_fees_by_carrier;
pub use bus_joint::{BusChoice, EXACT_MAX as BUS_JOINT_EXACT_MAX};
pub(crate) use express_pool::plan_with_leads;
pub use lead_search::MAX_EVALUATIONS as LEAD_SEARCH_MAX_EVALUATIONS;

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
    /// 快快合作: the express carriers pool their last leg without China Post; per township one
    /// lead carrier's vans serve every express carrier's ambient parcels, leads chosen by a
    /// search priced by routing.
    ExpressPool,
    /// 快快合作 with one lead carrier for the whole district (the best one, each tried).
    // Serialised by its command-line name, as every other mode is.
    #[serde(rename = "express_pool_single")]
    ExpressPoolSingleLead,
    /// 快商合作: 邮快合作 whose shared vans also carry the commerce partners' B2B replenishment
    /// of village shops, and leave parcels at pick-up point shops.
    Commerce,
}

impl Mode {
    /// All modes, baseline first.
    pub const ALL: [Mode; 7] = [
        Mode::Separate,
        Mode::PostalExpress,
        Mode::TransportPostal,
        Mode::Combined,
        Mode::ExpressPool,
        Mode::ExpressPoolSingleLead,
        Mode::Commerce,
    ];

    /// Name used in reports and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Separate => "separate",
            Mode::PostalExpress => "postal_express",
            Mode::TransportPostal => "transport_postal",
            Mode::Combined => "combined",
            Mode::ExpressPool => "express_pool",
            Mode::ExpressPoolSingleLead => "express_pool_single",
            Mode::Commerce => "commerce",
        }
    }

    /// Chinese name.
    pub fn chinese(self) -> &'static str {
        match self {
            Mode::Separate => "各自配送",
            Mode::PostalExpress => "邮快合作",
            Mode::TransportPostal => "交邮合作",
            Mode::Combined => "邮快+交邮",
            Mode::ExpressPool => "快快合作",
            Mode::ExpressPoolSingleLead => "快快合作(单一牵头)",
            Mode::Commerce => "快商合作",
        }
    }
}

impl std::str::FromStr for Mode {
    type Err = CoopError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Mode::ALL
            .into_iter()
            .find(|m| m.name() == s)
            .ok_or_else(|| CoopError::Input(format!("unknown mode {s:?}; expected separate, postal_express, transport_postal, combined, express_pool, express_pool_single or commerce")))
    }
}

/// Plans `mode` for the carriers in `coalition` (their demand only); see [`Planner::plan`].
/// A plan of every carrier carries the commerce partners' replenishment too: on the shared vans
/// in `commerce`, on the partners' own vans in every other mode.
pub(crate) fn plan(
    planner: &Planner<'_>,
    mode: Mode,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    let mut plan = plan_parcels(planner, mode, coalition, effort)?;
    if mode != Mode::Commerce {
        add_commerce_own_delivery(planner, &mut plan, coalition, effort)?;
    }
    Ok(plan)
}

/// Adds the commerce partners' own replenishment runs to a plan of every carrier (a mode other
/// than `commerce`); a smaller coalition's plan is left as it is.
pub(crate) fn add_commerce_own_delivery(
    planner: &Planner<'_>,
    plan: &mut Plan,
    coalition: Coalition,
    effort: &Effort,
) -> Result<(), CoopError> {
    if coalition == Coalition::grand(planner.world().num_carriers()) {
        commerce_own::add_own_delivery(planner, plan, effort)?;
    }
    Ok(())
}

/// Plans `mode`'s own part for the coalition (the commerce partners' own delivery aside).
fn plan_parcels(
    planner: &Planner<'_>,
    mode: Mode,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    match mode {
        Mode::Commerce => commerce::plan(planner, coalition, effort),
        Mode::Separate => separate::plan(planner, coalition, effort),
        Mode::PostalExpress => {
            postal_express::plan(planner, coalition, effort, &Default::default(), mode.name())
        }
        Mode::TransportPostal => transport_postal::plan(planner, coalition, effort),
        Mode::Combined => combined::plan(planner, coalition, effort),
        Mode::ExpressPool => express_pool::plan(
            planner,
            coalition,
            effort,
            lead_search::SearchKind::Search,
            mode.name(),
        ),
        Mode::ExpressPoolSingleLead => express_pool::plan(
            planner,
            coalition,
            effort,
            lead_search::SearchKind::SingleLead,
            mode.name(),
        ),
    }
}

/// The bus station of the scenario (where buses take and hand over parcels), if any.
pub fn bus_station(world: &crate::world::World<'_>) -> Option<usize> {
    bus::bus_station(world)
}

#[cfg(test)]
mod tests {
    use super::Mode;

    #[test]
    fn every_mode_serialises_by_its_command_line_name() {
        for mode in Mode::ALL {
            let json = serde_json::to_string(&mode).expect("a mode serialises");
            assert_eq!(json, format!("\"{}\"", mode.name()));
            assert_eq!(mode.name().parse::<Mode>().ok(), Some(mode));
        }
    }
}
