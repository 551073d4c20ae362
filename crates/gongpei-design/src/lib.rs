//! gongpei-design: network design questions of a county plan answered with a location model
//! solved exactly (gongpei-locate on HiGHS) and then judged by routing (gongpei-coop).
//!
//! - [`Evaluation`]: plans modes on the scenario a design implies and checks every plan.
//! - [`design_cold`]: pre-cooling stores at field markets within the chilled limit (set
//!   covering), each store's collection planned.
//! - Errors are [`DesignError`]s naming the parameter, site or candidate at fault.

mod cold;
mod error;
mod evaluate;

pub use cold::{
    design_cold, ColdBaseline, ColdDesign, ColdOptions, ColdStoreCosts, PrecoolingStore,
};
pub use error::DesignError;
pub use evaluate::{Evaluation, ModeFigures};
