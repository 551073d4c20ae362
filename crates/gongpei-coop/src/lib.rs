//! gongpei-coop: compare how the carriers of a rural district deliver — each on its own
//! (`separate`), pooled through the township network (邮快合作, `postal_express`), with parcels
//! riding scheduled buses (交邮合作, `transport_postal`) or both (`combined`) — and split the joint
//! cost fairly among them.
//!
//! - [`allocation`]: coalition costs c(S) (parallel, cached) and allocation rules (Shapley exact
//!   and sampled, proportional, equal profit), core and monotonicity checks;
//! - [`world`]: scenario + road network + travel matrices + resolved demand flows;
//! - [`modes`]: the four modes as engine problems ([`subproblem`]), producing a [`plan::Plan`];
//! - [`kpi`]: costs, km, vehicles, driver-hours, lead times, CO2 per mode and carrier;
//! - [`check`]: an independent plan checker (every parcel once, capacities, bus runs, timing);
//! - [`compare`]: all modes plus the allocation of the joint cost, ready for reports.

pub mod allocation;
pub mod check;
pub mod compare;
pub mod kpi;
pub mod modes;
pub mod plan;
pub mod report;
pub mod subproblem;
pub mod world;

mod error;
pub use error::CoopError;
