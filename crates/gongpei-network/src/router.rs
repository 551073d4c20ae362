//! Shortest paths and travel matrices for one vehicle profile.
//!
//! Matrices run one Dijkstra per source site in parallel (rayon), each thread reusing its own
//! workspace, each search stopping once every target site is settled. Paths are not stored for
//! all pairs (1,000 sites on a 40,000-node graph would need 160 MB of predecessor trees);
//! [`Router::path`] re-runs the same deterministic search from the leg's origin instead, so a
//! drawn path always has exactly the length and time in the matrix.

use geo::Point;
use gongpei_core::Matrix;
use rayon::prelude::*;

use crate::csr::Csr;
use crate::dijkstra::Workspace;
use crate::error::NetworkError;
use crate::graph::RoadNetwork;
use crate::profile::VehicleProfile;
use crate::reach::check_mutually_reachable;

/// Distance (m) and duration (s) matrices between chosen sites, for one vehicle profile.
#[derive(Debug, Clone, PartialEq)]
pub struct TravelMatrices {
    /// Site indices in matrix order: row/column `k` is site `sites[k]`.
    pub sites: Vec<usize>,
    /// Road distance in metres along the fastest path.
    pub distance: Matrix,
    /// Travel time in seconds along the fastest path.
    pub duration: Matrix,
    /// Profile the matrices are for.
    pub profile: VehicleProfile,
}

/// A path along the roads between two sites.
#[derive(Debug, Clone, PartialEq)]
pub struct SitePath {
    /// Sites (graph nodes) passed, from origin to destination inclusive.
    pub sites: Vec<usize>,
    /// Length, metres.
    pub distance_m: i64,
    /// Travel time, seconds.
    pub duration_s: i64,
}

/// Shortest-path engine of a network for one profile. Cheap to keep; build once, query often.
pub struct Router<'a> {
    net: &'a RoadNetwork,
    profile: VehicleProfile,
    csr: Option<Csr>,
}

fn ms_to_s(ms: u64) -> i64 {
    ((ms + 500) / 1000) as i64
}

fn cm_to_m(cm: u64) -> i64 {
    ((cm + 50) / 100) as i64
}

impl<'a> Router<'a> {
    pub(crate) fn new(net: &'a RoadNetwork, profile: VehicleProfile) -> Self {
        let csr = (!net.uses_fallback()).then(|| Csr::build(net, profile));
        Router { net, profile, csr }
    }

    /// The profile of this router.
    pub fn profile(&self) -> VehicleProfile {
        self.profile
    }

    fn check_sites(&self, sites: &[usize]) -> Result<(), NetworkError> {
        if let Some((a, b)) = self.csr.as_ref().and_then(|c| c.oversized_arc) {
            let s = self.net.sites();
            return Err(NetworkError::BadParameter(format!(
                "road from site {a} ({}) to site {b} ({}) takes 2^32 ms (49 days) or more at \
                 {:?} speeds; check its length and the speed table",
                s[a].id, s[b].id, self.profile
            )));
        }
        let n = self.net.sites().len();
        match sites.iter().find(|&&s| s >= n) {
            Some(&s) => Err(NetworkError::BadParameter(format!(
                "site index {s} is out of range (the network has {n} sites)"
            ))),
            None => Ok(()),
        }
    }

    fn fallback_leg(&self, a: usize, b: usize) -> (i64, i64) {
        let (detour, class) = self.net.fallback();
        let metres = self.net.haversine_m(a, b) * detour;
        let kmh = self.net.speeds().kmh(self.profile, class);
        (metres.round() as i64, (metres * 3.6 / kmh).round() as i64)
    }

    /// Distance and duration matrices between `sites` (indices into the network's sites).
    ///
    /// Errors list every site that is not mutually reachable with the others.
    pub fn matrices(&self, sites: &[usize]) -> Result<TravelMatrices, NetworkError> {
        self.check_sites(sites)?;
        let k = sites.len();
        let mut distance = vec![0i64; k * k];
        let mut duration = vec![0i64; k * k];
        match &self.csr {
            None => {
                distance
                    .par_chunks_mut(k.max(1))
                    .zip(duration.par_chunks_mut(k.max(1)))
                    .enumerate()
                    .for_each(|(i, (drow, trow))| {
                        for j in 0..k {
                            if i != j {
                                (drow[j], trow[j]) = self.fallback_leg(sites[i], sites[j]);
                            }
                        }
                    });
            }
            Some(csr) => {
                check_mutually_reachable(self.net, sites)?;
                let too_far = std::sync::atomic::AtomicBool::new(false);
                distance
                    .par_chunks_mut(k.max(1))
                    .zip(duration.par_chunks_mut(k.max(1)))
                    .enumerate()
                    .for_each_init(
                        || Workspace::new(csr.num_nodes()),
                        |ws, (i, (drow, trow))| {
                            ws.run(csr, sites[i], sites);
                            for j in 0..k {
                                // Reachability was checked, so a missing label means a path
                                // beyond the time range of a search.
                                match ws.result(sites[j]) {
                                    Some((ms, cm)) => {
                                        drow[j] = cm_to_m(cm);
                                        trow[j] = ms_to_s(ms);
                                    }
                                    None => {
                                        too_far.store(true, std::sync::atomic::Ordering::Relaxed)
                                    }
                                }
                            }
                        },
                    );
                if too_far.into_inner() {
                    return Err(NetworkError::BadParameter(
                        "some paths exceed 2^32 ms (49 days) or 2^32 cm; check road lengths and speeds"
                            .into(),
                    ));
                }
            }
        }
        let wrap = |data| Matrix::from_row_major(k, data).expect("k x k entries");
        Ok(TravelMatrices {
            sites: sites.to_vec(),
            distance: wrap(distance),
            duration: wrap(duration),
            profile: self.profile,
        })
    }

    /// The fastest path from site `from` to site `to` (a straight segment in the fallback).
    pub fn path(&self, from: usize, to: usize) -> Result<SitePath, NetworkError> {
        self.check_sites(&[from, to])?;
        let Some(csr) = &self.csr else {
            let (distance_m, duration_s) = self.fallback_leg(from, to);
            let sites = if from == to {
                vec![from]
            } else {
                vec![from, to]
            };
            return Ok(SitePath {
                sites,
                distance_m,
                duration_s,
            });
        };
        let mut ws = Workspace::new(csr.num_nodes());
        ws.run(csr, from, &[to]);
        let unreachable = || {
            check_mutually_reachable(self.net, &[from, to])
                .err()
                .unwrap_or_else(|| {
                    NetworkError::BadParameter(format!("no road from site {from} to site {to}"))
                })
        };
        let (ms, cm) = ws.result(to).ok_or_else(unreachable)?;
        Ok(SitePath {
            sites: ws.path_to(to).ok_or_else(unreachable)?,
            distance_m: cm_to_m(cm),
            duration_s: ms_to_s(ms),
        })
    }

    /// The polyline (WGS84 points) of a route visiting `stops` in order, following the roads.
    pub fn route_geometry(&self, stops: &[usize]) -> Result<Vec<Point<f64>>, NetworkError> {
        self.check_sites(stops)?;
        let mut line: Vec<Point<f64>> = Vec::new();
        for leg in stops.windows(2) {
            let path = self.path(leg[0], leg[1])?;
            let skip = usize::from(!line.is_empty());
            line.extend(
                path.sites
                    .iter()
                    .skip(skip)
                    .map(|&s| self.net.sites()[s].point),
            );
        }
        if line.is_empty() {
            line.extend(stops.iter().map(|&s| self.net.sites()[s].point));
        }
        Ok(line)
    }
}
