//! Resolving a scenario's travel: which road network its sites move on, and the distance and
//! duration matrices between them per vehicle profile.
//!
//! The roads come from one of three places:
//! - `roads.edges` (JSON edges between sites, see [`crate::network`]);
//! - `roads.osm`: an OpenStreetMap `.osm.pbf` extract (`gongpei-osm`), every site snapped onto
//!   its nearest usable road; the network's first nodes are the scenario's sites, followed by
//!   the road nodes;
//! - neither: the haversine x detour fallback.
//!
//! `roads.matrices` then replaces the routed matrices of the profiles it covers with the ones
//! read from its files ([`external`]). Relative paths resolve against `roads.base_dir` (the
//! scenario file's folder when read with `from_json_file`).

pub mod external;
mod matrix_csv;
mod matrix_npy;

use std::path::{Path, PathBuf};

use crate::model::VehicleProfile;
use gongpei_core::Matrix;
use gongpei_network::RoadNetwork;
use gongpei_osm::{ImportReport, RoadGraph, SiteSnap, SnapOptions, SnappedNetwork};

use crate::error::ScenarioError;
use crate::model::{Roads, Scenario};
use crate::network::{build_network, network_from_parts};
use external::ExternalTable;

/// The OpenStreetMap part of a resolved scenario.
#[derive(Debug, Clone)]
pub struct OsmTravel {
    /// What the import read, kept and dropped.
    pub report: ImportReport,
    /// Where each site joined the roads (site `i` = `scenario.sites[i]`), with connector lengths.
    pub snaps: Vec<SiteSnap>,
    /// Road shapes, for drawing paths along the roads.
    pub geometry: gongpei_osm::RoadGeometry,
}

/// A scenario's road network and external matrices.
#[derive(Debug, Clone)]
pub struct Travel {
    /// The network; node `i < scenario.sites.len()` is `scenario.sites[i]`.
    pub network: RoadNetwork,
    /// Import report, snaps and shapes when the roads come from OpenStreetMap.
    pub osm: Option<OsmTravel>,
    /// External matrices by profile, as read from `roads.matrices`.
    pub external: Vec<(VehicleProfile, ExternalTable)>,
}

/// `file` resolved against `base` unless it is absolute.
pub fn resolve_path(base: Option<&Path>, file: &str) -> PathBuf {
    let path = Path::new(file);
    match base {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    }
}

/// Resolves the scenario's roads and external matrices; relative paths against
/// `scenario.roads.base_dir` (or the current directory).
///
/// ```
/// use gongpei_scenario::model::VehicleProfile;
/// let s = gongpei_scenario::generate::generate(gongpei_scenario::generate::Preset::Small, 3).unwrap();
/// let travel = gongpei_scenario::travel::resolve(&s).unwrap();
/// let (distance, duration) = travel.matrices(VehicleProfile::Van, &[0, 1]).unwrap();
/// assert!(distance.get(0, 1) > 0 && duration.get(1, 0) > 0);
/// ```
pub fn resolve(scenario: &Scenario) -> Result<Travel, ScenarioError> {
    resolve_in(scenario, scenario.roads.base_dir.as_deref())
}

/// Like [`resolve`], with relative paths resolved against `base_dir`.
pub fn resolve_in(scenario: &Scenario, base_dir: Option<&Path>) -> Result<Travel, ScenarioError> {
    let roads = &scenario.roads;
    let (network, osm) = match &roads.osm {
        None => (build_network(scenario)?, None),
        Some(source) => {
            let file = resolve_path(base_dir, &source.file);
            let snapped = snap_onto_osm(scenario, roads, &file, source.max_snap_m)?;
            let report = snapped.1;
            let SnappedNetwork {
                network,
                geometry,
                snaps,
                ..
            } = snapped.0;
            (
                network,
                Some(OsmTravel {
                    report,
                    snaps,
                    geometry,
                }),
            )
        }
    };
    let external = roads
        .matrices
        .iter()
        .enumerate()
        .map(|(i, m)| ExternalTable::read(scenario, i, m, base_dir).map(|table| (m.profile, table)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Travel {
        network,
        osm,
        external,
    })
}

fn snap_onto_osm(
    scenario: &Scenario,
    roads: &Roads,
    file: &Path,
    max_snap_m: f64,
) -> Result<(SnappedNetwork, ImportReport), ScenarioError> {
    // The sites as network sites (townships resolved), without roads.
    let bare = network_from_parts(&scenario.sites, &Roads::default())?;
    let graph = RoadGraph::from_pbf(file)?;
    let mut snapped = graph.snap_sites(bare.sites().to_vec(), &SnapOptions { max_snap_m })?;
    snapped
        .network
        .set_speeds(roads.speeds_kmh.clone().into())?;
    snapped
        .network
        .set_fallback(roads.detour_factor, roads.fallback_class.into())?;
    Ok((snapped, graph.report().clone()))
}

impl Travel {
    /// Distance (m) and duration (s) matrices of `profile` between `sites` (scenario site
    /// indices, in that order): from the external table of that profile if the scenario has
    /// one, else routed on the network.
    pub fn matrices(
        &self,
        profile: VehicleProfile,
        sites: &[usize],
    ) -> Result<(Matrix, Matrix), ScenarioError> {
        check_matrix_size(sites.len())?;
        match self.external.iter().find(|(p, _)| *p == profile) {
            Some((_, table)) => table.sub_matrices(self.network.sites(), sites),
            None => {
                let m = self.network.router(profile.into()).matrices(sites)?;
                Ok((m.distance, m.duration))
            }
        }
    }
}

/// Refuses more sites with travel times than one matrix may hold ([`Matrix::MAX_BYTES`]),
/// before anything of size n^2 is allocated.
fn check_matrix_size(sites: usize) -> Result<(), ScenarioError> {
    Matrix::check_size(sites).map_err(|e| ScenarioError::Invalid {
        origin: "scenario".into(),
        problems: vec![crate::error::Problem {
            path: "sites".into(),
            message: format!("{sites} sites need travel times: {}", e.message()),
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn more_sites_than_the_matrix_budget_are_refused_by_path() {
        assert!(check_matrix_size(Matrix::MAX_SIZE).is_ok());
        let err = check_matrix_size(200_000).unwrap_err();
        assert_eq!(err.paths(), ["sites"]);
        assert!(err.to_string().contains("320.0 GB"), "{err}");
    }
}
