//! Errors of the OpenStreetMap import; each names the file or the site concerned.

/// A site that is farther from every usable road than the snapping limit allows.
#[derive(Debug, Clone, PartialEq)]
pub struct FarSite {
    /// Index of the site in the list given to the snapper.
    pub index: usize,
    /// The site's id.
    pub id: String,
    /// The site's name.
    pub name: String,
    /// Distance to the nearest usable road, metres.
    pub distance_m: f64,
}

/// Everything that can go wrong importing roads or snapping sites onto them.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OsmError {
    /// The file could not be opened or is not a valid OSM PBF file.
    #[error("{file}: {message}")]
    Read {
        /// The file.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// The file holds no drivable road (after the largest strongly connected part was kept).
    #[error("{file}: no drivable road for vans or trucks in this extract")]
    NoRoads {
        /// The file.
        file: String,
    },
    /// Sites farther than the limit from every usable road, all listed.
    #[error(
        "{} site(s) farther than {max_snap_m} m from any usable road of {file}: {}",
        sites.len(),
        sites.iter().map(|s| format!("{} ({}, #{}) at {:.0} m", s.id, s.name, s.index, s.distance_m))
            .collect::<Vec<_>>().join(", ")
    )]
    TooFar {
        /// The road file.
        file: String,
        /// The snapping limit, metres.
        max_snap_m: f64,
        /// Every site beyond it.
        sites: Vec<FarSite>,
    },
    /// A parameter is out of range.
    #[error("{0}")]
    BadParameter(String),
    /// The road network could not be built.
    #[error(transparent)]
    Network(#[from] gongpei_network::NetworkError),
}
