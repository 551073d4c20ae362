//! Service frequency: a weekly plan in which every village gets a visit pattern (daily, six
//! days, every other day, three days, twice a week, weekly, any rotation) within a lead-time
//! target, parcels wait at the station (pickups at the sender) until the visit, and each day is
//! a routing problem planned and checked through [`Evaluation`]. Patterns and daily routes are
//! improved together (a periodic VRP heuristic, see `search`), per target and mode, giving a
//! cost against service-level curve.
//!
//! Files: `pattern` (day masks, gaps, allowed patterns), `week` (the day scenarios), `days`
//! (planning days), `estimate` (insertion and removal deltas), `search` (start and moves),
//! `check` (the week's check), `figures` and `curve` (what is reported).

mod check;
mod curve;
mod days;
mod estimate;
mod figures;
mod params;
mod pattern;
mod search;
mod week;

pub use curve::{plan_frequency, CurvePoint, FrequencyStudy, TargetResult};
pub use figures::{DayFigures, VillagePattern, WeekFigures};
pub use params::{parse_modes, FrequencyParameters};
pub use pattern::{allowed_patterns, PatternFamily, VisitPattern, DAYS};
