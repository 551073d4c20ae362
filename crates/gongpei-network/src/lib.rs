//! gongpei-network: the rural road network.

mod error;
mod profile;
mod site;

pub use error::{NetworkError, UnreachableSite};
pub use profile::{RoadClass, SpeedTable, VehicleProfile};
pub use site::{OpeningHours, Site, SiteTier};
