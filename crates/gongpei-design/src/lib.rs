//! gongpei-design: network design questions of a county plan answered with a location model
//! solved exactly (gongpei-locate on HiGHS) and then judged by routing (gongpei-coop).
//!
//! - [`Evaluation`]: plans modes on the scenario a design implies and checks every plan.
//! - Errors are [`DesignError`]s naming the parameter, site or candidate at fault.

mod error;
mod evaluate;

pub use error::DesignError;
pub use evaluate::{Evaluation, ModeFigures};
