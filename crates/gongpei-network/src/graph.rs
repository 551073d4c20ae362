//! The road network model: sites as nodes of a petgraph directed graph, roads as edges with a
//! length and a road class.

use geo::{Distance, Haversine};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;

use crate::error::NetworkError;
use crate::profile::{RoadClass, SpeedTable, VehicleProfile};
use crate::router::Router;
use crate::site::Site;

/// One directed road segment.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Road {
    /// Length along the road, metres.
    pub length_m: f64,
    /// Functional class.
    pub class: RoadClass,
    /// Posted speed limit (km/h), if known: it caps every profile's class speed.
    pub max_kmh: Option<f64>,
}

impl Road {
    /// Speed of `profile` on this road: the class speed of `speeds`, capped by the limit.
    pub fn kmh(&self, speeds: &SpeedTable, profile: VehicleProfile) -> f64 {
        let class_kmh = speeds.kmh(profile, self.class);
        self.max_kmh.map_or(class_kmh, |limit| class_kmh.min(limit))
    }
}

/// Sites plus the roads between them. Node `i` of the graph is site `i`.
///
/// ```
/// use gongpei_network::{RoadClass, RoadNetwork, Site, SiteTier, VehicleProfile};
/// let sites = vec![
///     Site::new("a", "A", SiteTier::DistrictHub, 117.40, 40.00),
///     Site::new("b", "B", SiteTier::VillageStation, 117.41, 40.00),
/// ];
/// let mut net = RoadNetwork::new(sites).unwrap();
/// net.add_road(0, 1, 1200.0, RoadClass::Village, false).unwrap();
/// let m = net.router(VehicleProfile::Van).matrices(&[0, 1]).unwrap();
/// assert_eq!(m.distance.get(0, 1), 1200);
/// assert_eq!(m.duration.get(1, 0), 144); // 1.2 km at 30 km/h
/// ```
#[derive(Debug, Clone)]
pub struct RoadNetwork {
    sites: Vec<Site>,
    graph: DiGraph<(), Road, u32>,
    speeds: SpeedTable,
    detour_factor: f64,
    fallback_class: RoadClass,
}

impl RoadNetwork {
    /// A network of sites without roads (travel falls back to haversine x detour factor 1.3 at
    /// county-road speed until roads are added).
    pub fn new(sites: Vec<Site>) -> Result<Self, NetworkError> {
        if sites.len() >= u32::MAX as usize {
            return Err(NetworkError::BadParameter(format!(
                "{} sites exceed the limit of {} per network",
                sites.len(),
                u32::MAX - 1
            )));
        }
        for (index, s) in sites.iter().enumerate() {
            if let Some(t) = s.township {
                if sites
                    .get(t)
                    .is_none_or(|c| c.tier != crate::SiteTier::TownshipCentre)
                {
                    return Err(NetworkError::BadParameter(format!(
                        "site {index} ({}): township {t} is not a township centre of this network",
                        s.id
                    )));
                }
            }
            let (lon, lat) = (s.point.x(), s.point.y());
            if !(lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0) {
                return Err(NetworkError::BadCoordinates {
                    index,
                    id: s.id.clone(),
                    lon,
                    lat,
                });
            }
        }
        let mut graph = DiGraph::with_capacity(sites.len(), 0);
        for _ in 0..sites.len() {
            graph.add_node(());
        }
        Ok(RoadNetwork {
            sites,
            graph,
            speeds: SpeedTable::default(),
            detour_factor: 1.3,
            fallback_class: RoadClass::County,
        })
    }

    /// Adds a road between sites `from` and `to`; both directions unless `one_way`.
    pub fn add_road(
        &mut self,
        from: usize,
        to: usize,
        length_m: f64,
        class: RoadClass,
        one_way: bool,
    ) -> Result<(), NetworkError> {
        self.add_limited_road(from, to, length_m, class, one_way, None)
    }

    /// Adds a road like [`RoadNetwork::add_road`] with an optional speed limit (km/h, > 0) that
    /// caps the class speed of every profile (OpenStreetMap `maxspeed`).
    pub fn add_limited_road(
        &mut self,
        from: usize,
        to: usize,
        length_m: f64,
        class: RoadClass,
        one_way: bool,
        max_kmh: Option<f64>,
    ) -> Result<(), NetworkError> {
        let edge = self.graph.edge_count();
        for site in [from, to] {
            if site >= self.sites.len() {
                return Err(NetworkError::UnknownSite {
                    edge,
                    site,
                    sites: self.sites.len(),
                });
            }
        }
        if !(length_m.is_finite() && length_m > 0.0 && length_m < 1.0e7) {
            return Err(NetworkError::BadLength { edge, length_m });
        }
        if let Some(limit) = max_kmh {
            if !(limit.is_finite() && limit > 0.0) {
                return Err(NetworkError::BadParameter(format!(
                    "road {edge}: speed limit {limit} km/h is not a positive number"
                )));
            }
        }
        let road = Road {
            length_m,
            class,
            max_kmh,
        };
        let (a, b) = (NodeIndex::new(from), NodeIndex::new(to));
        self.graph.add_edge(a, b, road);
        if !one_way {
            self.graph.add_edge(b, a, road);
        }
        Ok(())
    }

    /// Replaces the speed table; every speed must be positive.
    pub fn set_speeds(&mut self, speeds: SpeedTable) -> Result<(), NetworkError> {
        speeds.validate().map_err(NetworkError::BadParameter)?;
        self.speeds = speeds;
        Ok(())
    }

    /// Sets the no-road fallback: straight-line distance times `detour_factor` (>= 1), driven at
    /// the speed of `class`.
    pub fn set_fallback(
        &mut self,
        detour_factor: f64,
        class: RoadClass,
    ) -> Result<(), NetworkError> {
        if !(detour_factor.is_finite() && detour_factor >= 1.0) {
            return Err(NetworkError::BadParameter(format!(
                "detour factor {detour_factor} must be a number >= 1"
            )));
        }
        self.detour_factor = detour_factor;
        self.fallback_class = class;
        Ok(())
    }

    /// The sites, indexed as in the graph.
    pub fn sites(&self) -> &[Site] {
        &self.sites
    }

    /// The petgraph graph (node `i` = site `i`, one edge per driving direction).
    pub fn graph(&self) -> &DiGraph<(), Road, u32> {
        &self.graph
    }

    /// Speeds in use.
    pub fn speeds(&self) -> &SpeedTable {
        &self.speeds
    }

    /// Number of directed road edges.
    pub fn num_directed_edges(&self) -> usize {
        self.graph.edge_count()
    }

    /// True when no roads were added and travel uses the haversine fallback.
    pub fn uses_fallback(&self) -> bool {
        self.graph.edge_count() == 0
    }

    /// Great-circle distance between two sites, metres.
    pub fn haversine_m(&self, a: usize, b: usize) -> f64 {
        Haversine.distance(self.sites[a].point, self.sites[b].point)
    }

    /// Detour factor and class of the no-road fallback.
    pub fn fallback(&self) -> (f64, RoadClass) {
        (self.detour_factor, self.fallback_class)
    }

    /// Outgoing roads of a site, as (target site, road).
    pub fn roads_from(&self, site: usize) -> impl Iterator<Item = (usize, &Road)> + '_ {
        self.graph
            .edges(NodeIndex::new(site))
            .map(|e| (e.target().index(), e.weight()))
    }

    /// A router for one vehicle profile: a compact snapshot of the graph for fast shortest paths.
    pub fn router(&self, profile: VehicleProfile) -> Router<'_> {
        Router::new(self, profile)
    }
}
