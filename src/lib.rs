//! gongpei (共配, "shared delivery"): vehicle routing and shared rural parcel delivery planning.
//!
//! This facade re-exports the workspace crates so that a downstream crate needs one dependency:
//!
//! - [`core`]: the routing engine (model, evaluation, search, solver); no I/O.
//! - [`io`]: benchmark file formats (VRPLIB, Solomon, VRPSPD, Cordeau MDVRP), solution files, checker.
//! - [`network`]: the rural road network and travel matrices.
//! - [`scenario`]: the versioned JSON scenario format and the bundled district generator.
//! - [`coop`]: cooperation modes (separate, 邮快合作, 交邮合作) and cost allocation.
//!
//! ```
//! use gongpei::core::ProblemData;
//! # let _ = std::mem::size_of::<ProblemData>();
//! ```

pub use gongpei_coop as coop;
pub use gongpei_core as core;
pub use gongpei_io as io;
pub use gongpei_network as network;
pub use gongpei_scenario as scenario;
