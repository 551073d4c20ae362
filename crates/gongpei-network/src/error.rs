//! Errors of the network layer; each names the offending site or edge.

/// A site that cannot reach, or cannot be reached from, the main part of the network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnreachableSite {
    /// Index of the site in the network's site list.
    pub index: usize,
    /// The site's id.
    pub id: String,
    /// The site's name.
    pub name: String,
}

/// Errors of building a network or computing its matrices.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum NetworkError {
    /// An edge refers to a site index that does not exist.
    #[error("road {edge}: site index {site} is out of range (the network has {sites} sites)")]
    UnknownSite {
        /// Edge index.
        edge: usize,
        /// Offending site index.
        site: usize,
        /// Number of sites.
        sites: usize,
    },
    /// An edge length is not a positive finite number of metres.
    #[error("road {edge}: length {length_m} m is not a positive finite number")]
    BadLength {
        /// Edge index.
        edge: usize,
        /// Offending length.
        length_m: f64,
    },
    /// A site's coordinates are not finite WGS84 degrees.
    #[error("site {index} ({id}): coordinates ({lon}, {lat}) are not valid WGS84 degrees")]
    BadCoordinates {
        /// Site index.
        index: usize,
        /// Site id.
        id: String,
        /// Longitude.
        lon: f64,
        /// Latitude.
        lat: f64,
    },
    /// A parameter (speed, detour factor) is out of range.
    #[error("{0}")]
    BadParameter(String),
    /// Some sites are not mutually reachable with the largest group of sites.
    #[error(
        "{} site(s) cannot reach or cannot be reached from the other {main_component} site(s) by road: {}",
        sites.len(),
        sites.iter().map(|s| format!("{} ({}, #{})", s.id, s.name, s.index)).collect::<Vec<_>>().join(", ")
    )]
    Unreachable {
        /// Every site outside the largest mutually reachable group of sites.
        sites: Vec<UnreachableSite>,
        /// Number of sites in that group.
        main_component: usize,
    },
}
