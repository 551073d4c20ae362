//! The problem model: depots, clients, vehicle types and travel matrices, validated once into an
//! immutable [`ProblemData`].
//!
//! Locations are numbered depots first, then clients: depot `d` is location `d`, client `c` is
//! location `num_depots + c`. Every matrix is indexed by these location numbers.

mod client;
mod compat;
mod depot;
mod error;
mod extents;
mod matrix;
mod problem;
mod validate;
mod vehicle_type;

pub use client::Client;
pub use compat::Incompatibility;
pub use depot::Depot;
pub use error::{ModelError, ModelErrorKind};
pub(crate) use extents::{worst_extents, TypeExtent};
pub use matrix::Matrix;
pub use problem::{ProblemBuilder, ProblemData};
pub(crate) use vehicle_type::Tariff;
pub use vehicle_type::VehicleType;

/// The value used for "no limit" in time windows, shift ends and maximum durations/distances.
///
/// It is far below `i64::MAX` so that sums of a few such values never overflow.
pub const UNBOUNDED: i64 = i64::MAX / 8;
