//! gongpei-coop: compare how the carriers of a rural district deliver — each on its own
//! (`separate`), pooled through the township network (邮快合作, `postal_express`), with parcels
//! riding scheduled buses (交邮合作, `transport_postal`) or both (`combined`) — and split the joint
//! cost fairly among them.
//!
//! - [`allocation`]: coalition costs c(S) (parallel, cached) and allocation rules (Shapley exact
//!   and sampled, proportional, equal profit), core and monotonicity checks;

pub mod allocation;
mod error;

pub use error::CoopError;
