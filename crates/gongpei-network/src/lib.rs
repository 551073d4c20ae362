//! gongpei-network: the rural road network that the routing engine plans in.
//!
//! - [`Site`]s with a [`SiteTier`] (district hub, township centre, village station, bus stop,
//!   junction), WGS84 `geo` points, opening hours and their township;
//! - a [`RoadNetwork`]: petgraph directed graph whose node `i` is site `i`, edges carrying a
//!   length and a [`RoadClass`]; one-way roads allowed; speeds per [`VehicleProfile`];
//! - a [`Router`] per profile: a compact CSR snapshot of the graph, parallel one-to-many
//!   Dijkstra (rayon, reused per-thread workspaces) producing distance/duration
//!   [`gongpei_core::Matrix`] pairs between the sites that matter, fastest paths for drawing,
//!   and a haversine x detour-factor fallback when there are no roads; unreachable sites are an
//!   error listing every one of them;
//! - [`gcj02`]: the GCJ-02 <-> WGS84 transform for Chinese web-map coordinates; [`crs`]: the
//!   coordinate systems of input files (WGS84, GCJ-02, BD-09) and their conversion to WGS84;
//! - [`geojson`]: export of sites and route lines.
//!
//! Invariant: matrix entries and drawn paths come from the same deterministic search, with ties
//! between equally fast paths broken by length, so results do not depend on the thread count.

pub mod crs;
mod csr;
mod dijkstra;
mod error;
pub mod gcj02;
pub mod geojson;
mod graph;
mod profile;
mod reach;
mod router;
mod site;

pub use error::{NetworkError, UnreachableSite};
pub use graph::{Road, RoadNetwork};
pub use profile::{RoadClass, SpeedTable, VehicleProfile};
pub use router::{Router, SitePath, TravelMatrices};
pub use site::{OpeningHours, Site, SiteTier};
