//! Route evaluation by segment concatenation (Vidal et al. 2013): a route's load profile and
//! schedule are summarised by small segments that join in O(1), so moves are priced without
//! rescanning routes.

mod duration_segment;
mod load_segment;

pub use duration_segment::DurationSegment;
pub use load_segment::LoadSegment;
