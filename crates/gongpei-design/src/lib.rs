//! gongpei-design: network design questions of a county plan answered with a location model
//! solved exactly (gongpei-locate on HiGHS) and then judged by routing (gongpei-coop).
//!
//! - [`Evaluation`]: plans modes on the scenario a design implies and checks every plan.
//! - [`Siting`]: where the sorting centre goes (location model, then the shortlist routed).
//! - [`Coverage`]: which villages host a service station (set / maximal covering, then routed
//!   with the demand merged at the stations).
//! - [`design_cold`]: pre-cooling stores at field markets within the chilled limit (set
//!   covering), each store's collection planned.
//! - [`plan_frequency`]: a weekly visit pattern per village against lead-time targets, days
//!   planned through [`Evaluation`], and the cost against service-level curve.
//! - [`report`]: a self-contained HTML page per result (tables, assumptions, Leaflet map with
//!   a layer per run, embedded GeoJSON); the GeoJSON alone from [`siting_geojson`] and its
//!   siblings.
//! - [`sweep`]: the design questions a sweep variant lists (`design = ["site", ...]`) answered
//!   after its comparison, their headline figures as `design_QUESTION.…` columns of its row.
//! - [`keep_township_demand`]: the demand of some townships only, to study a slice first.
//! - Errors are [`DesignError`]s naming the parameter, site or candidate at fault.

mod cold;
mod cover;
mod error;
mod evaluate;
mod frequency;
mod hub_costs;
mod map;
mod params;
pub mod report;
mod site;
mod slice;
pub mod sweep;

pub use cold::{
    design_cold, ColdBaseline, ColdDesign, ColdOptions, ColdStoreCosts, PrecoolingStore,
};
pub use cover::{
    merge_demand, CoverDesign, CoverEvaluation, CoverModel, CoverResult, Coverage, Station,
    StationCosts,
};
pub use error::DesignError;
pub use evaluate::{Evaluation, ModeFigures};
pub use frequency::{
    allowed_patterns, parse_modes, plan_frequency, CurvePoint, DayFigures, FrequencyParameters,
    FrequencyStudy, PatternFamily, TargetResult, VillagePattern, VisitPattern, WeekFigures, DAYS,
};
pub use hub_costs::HubDemandKind;
pub use map::{
    cold_geojson, cover_geojson, cover_sweep_geojson, frequency_geojson, siting_geojson,
};
pub use site::{
    with_hub, CandidateCost, MultiHub, SiteEvaluation, Siting, SitingCosts, SitingResult,
    SITING_MODES,
};
pub use slice::keep_township_demand;
