//! gongpei-design: network design questions of a county plan answered with a location model
//! solved exactly (gongpei-locate on HiGHS) and then judged by routing (gongpei-coop).
//!
//! - [`Evaluation`]: plans modes on the scenario a design implies and checks every plan.
//! - [`plan_frequency`]: a weekly visit pattern per village against lead-time targets, days
//!   planned through [`Evaluation`], and the cost against service-level curve.
//! - Errors are [`DesignError`]s naming the parameter, site or candidate at fault.

mod error;
mod evaluate;
mod frequency;

pub use error::DesignError;
pub use evaluate::{Evaluation, ModeFigures};
pub use frequency::{
    allowed_patterns, parse_modes, plan_frequency, CurvePoint, DayFigures, FrequencyParameters,
    FrequencyStudy, PatternFamily, TargetResult, VillagePattern, VisitPattern, WeekFigures, DAYS,
};
