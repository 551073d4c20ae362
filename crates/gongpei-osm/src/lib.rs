//! gongpei-osm: real roads from OpenStreetMap for gongpei's router.
//!
//! [`RoadGraph::from_pbf`] reads the drivable ways of an `.osm.pbf` extract (in parallel, with
//! `osmpbf`), maps their `highway` tags to [`gongpei_network::RoadClass`]es ([`tags`]), honours
//! one-way roads and `maxspeed`, builds a compact graph (only way ends and shared nodes are
//! graph nodes; interior nodes add length and shape), and keeps its largest strongly connected
//! part. [`RoadGraph::snap_sites`] joins sites to their nearest usable road (R-tree, `rstar`)
//! and yields a [`gongpei_network::RoadNetwork`] whose first nodes are the sites, so the
//! network's `Router` gives matrices and paths; [`RoadGeometry`] draws those paths along the
//! roads. An [`ImportReport`] and one [`SiteSnap`] per site say what was kept, dropped and
//! how far each site is from its road.
//!
//! ```no_run
//! use gongpei_network::{Site, SiteTier, VehicleProfile};
//! use gongpei_osm::{RoadGraph, SnapOptions};
//! let roads = RoadGraph::from_pbf("data/osm/andorra-20230502.osm.pbf".as_ref()).unwrap();
//! let sites = vec![
//!     Site::new("alv", "Andorra la Vella", SiteTier::DistrictHub, 1.5218, 42.5075),
//!     Site::new("can", "Canillo", SiteTier::VillageStation, 1.5975, 42.5676),
//! ];
//! let snapped = roads.snap_sites(sites, &SnapOptions::default()).unwrap();
//! let m = snapped.network.router(VehicleProfile::Van).matrices(&[0, 1]).unwrap();
//! println!("{} m, {} s", m.distance.get(0, 1), m.duration.get(0, 1));
//! ```

mod compact;
mod error;
pub mod export;
mod geometry;
mod import;
mod node_coords;
mod read;
mod scc;
mod snap;
pub mod tags;

pub use compact::{CompactCounts, GraphNode, Piece};
pub use error::{FarSite, OsmError};
pub use geometry::RoadGeometry;
pub use import::{ImportReport, RoadGraph};
pub use read::WayCounts;
pub use scc::SccCounts;
pub use snap::{
    SiteSnap, SnapOptions, SnappedNetwork, CONNECTOR_CLASS, DEFAULT_MAX_SNAP_M, END_SNAP_M,
    MIN_CONNECTOR_M,
};
