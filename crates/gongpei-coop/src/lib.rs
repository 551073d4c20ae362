//! gongpei-coop: compare how the carriers of a rural district deliver — each on its own
//! (`separate`), pooled through the township network (邮快合作, `postal_express`), with parcels
//! riding scheduled buses (交邮合作, `transport_postal`) or both (`combined`) — and split the joint
//! cost fairly among them.
//!
//! - [`allocation`]: coalition costs c(S) (parallel, cached) and allocation rules (Shapley exact
//!   and sampled, proportional, equal profit, nucleolus, least core), core and monotonicity checks;
//! - [`commerce`]: the commerce partners' B2B replenishment and pick-up point shops (快商合作);
//! - [`world`]: scenario + road network + travel matrices + resolved demand flows;
//! - [`planner`]: plans a mode for a coalition ([`Planner::plan`]) and caches identical engine
//!   sub-problems; [`modes`]: the four modes, producing a [`plan::Plan`];
//! - [`stakeholders`]: each mode's accounts of the carriers, bus operators, village station
//!   keepers and the county, adding up to the system cost; [`fee_range`]: per bus line the
//!   lowest fee covering the operator's marginal cost and the highest the carriers still pay;
//! - [`finance`]: facilities' capital and running cost, the county's subsidies, operators' net
//!   cost and cost per parcel (`finance` section of the scenario);
//! - [`kpi`]: costs, km, vehicles, driver-hours, lead times, CO2 per mode and carrier;
//! - [`check`]: an independent plan checker (every parcel once, capacities, bus runs, timing);
//! - [`reach`]: scenario checks that need travel times (shifts too short to serve a village),
//!   with JSON paths, run by [`compare()`] and `gongpei scenario validate`;
//! - [`mod@compare`]: all modes plus the allocation of the joint cost, ready for reports;
//! - [`game`]: the allocation game as data (c(S) computable anywhere, rules from a full table);
//! - [`sweep`]: scenario variants (TOML specs, changes, one KPI row each, a JSON Lines checkpoint).

pub mod allocation;
pub mod breakdown;
pub mod check;
pub mod commerce;
pub mod compare;
pub mod fee_range;
pub mod finance;
pub mod game;
pub mod kpi;
pub mod modes;
pub mod plan;
pub mod planner;
pub mod reach;
pub mod report;
pub mod stakeholders;
mod subproblem;
pub mod sweep;
pub mod world;

mod error;
pub use allocation::Coalition;
pub use compare::{compare, compare_with, CompareOptions, Comparison};
pub use error::CoopError;
pub use modes::{BusChoice, Mode};
pub use plan::Plan;
pub use planner::{PlanControl, Planner};
pub use subproblem::{
    Effort, DEFAULT_CLIENTS_PER_STEP, DEFAULT_COALITION_ITERATIONS, DEFAULT_MODE_ITERATIONS,
};
pub use world::World;
