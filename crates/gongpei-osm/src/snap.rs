//! Snapping sites onto the imported roads and building the routing network.
//!
//! Each site is projected onto the nearest segment of a usable road (an R-tree of every
//! polyline segment, `rstar`, queried in a local equirectangular plane in metres; the few
//! nearest candidates are then compared by great-circle distance). The road piece is split at
//! the projected point (or the site attaches to the piece's end node when the point is within
//! [`END_SNAP_M`] of it), and a two-way connector of the site-to-road distance joins the site to
//! that point. Expressways (motorways and their links) are not snapped to: they cannot be left
//! between junctions. Sites farther than the limit are an error listing every one of them.
//!
//! The output network numbers the sites first (node `i` = site `i`, as
//! `gongpei_network::Router` expects), then the road nodes, then the split points.

use std::collections::HashMap;

use geo::{Distance, Haversine, Point};
use gongpei_network::{RoadClass, RoadNetwork, Site, SitePath, SiteTier};
use rstar::primitives::{GeomWithData, Line};
use rstar::RTree;

use crate::compact::Piece;
use crate::error::{FarSite, OsmError};
use crate::geometry::RoadGeometry;
use crate::import::RoadGraph;

/// A projection this close to a piece's end node attaches the site to that node (metres).
pub const END_SNAP_M: f64 = 0.5;

/// Projections of two sites this close along one piece share one split node (metres).
const SAME_POINT_M: f64 = 0.01;

/// Shortest connector length used for a site lying on the road itself (metres): road lengths
/// must be positive.
pub const MIN_CONNECTOR_M: f64 = 0.01;

/// Class of the connectors from sites to roads: a last-mile access road.
pub const CONNECTOR_CLASS: RoadClass = RoadClass::Village;

/// How many nearest segments (in the local plane) are compared by great-circle distance.
const CANDIDATES: usize = 8;

const METRES_PER_DEGREE: f64 = 6_371_008.8 * std::f64::consts::PI / 180.0;

/// Parameters of snapping.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SnapOptions {
    /// Largest accepted distance from a site to its road, metres.
    pub max_snap_m: f64,
}

/// Default snapping limit, metres.
pub const DEFAULT_MAX_SNAP_M: f64 = 2000.0;

impl Default for SnapOptions {
    fn default() -> Self {
        SnapOptions {
            max_snap_m: DEFAULT_MAX_SNAP_M,
        }
    }
}

/// Where one site joined the roads.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteSnap {
    /// Site index (= its node in the network).
    pub site: usize,
    /// Site id.
    pub id: String,
    /// Length of the connector from the site to the road, metres (great-circle).
    pub connector_m: f64,
    /// The point on the road the connector reaches, (lon, lat).
    pub road_point: [f64; 2],
    /// Class of the road snapped to.
    pub road_class: RoadClass,
    /// OSM way the road piece comes from.
    pub way_id: i64,
    /// OSM node the site attached to when the point is at a piece's end.
    pub at_osm_node: Option<i64>,
}

/// Sites joined to the roads: the routing network, the road shapes and the snaps.
#[derive(Debug, Clone)]
pub struct SnappedNetwork {
    /// Node `i < num_sites` is site `i`; then road nodes (tier `Junction`, id `osm:<node id>`),
    /// then split points (id `split:<k>`).
    pub network: RoadNetwork,
    /// The polyline of every edge, for drawing paths along the roads.
    pub geometry: RoadGeometry,
    /// One snap per site, in site order.
    pub snaps: Vec<SiteSnap>,
    /// Number of sites at the front of the network.
    pub num_sites: usize,
}

impl SnappedNetwork {
    /// The polyline of a path found by the network's router, along the roads.
    pub fn path_polyline(&self, path: &SitePath) -> Vec<Point<f64>> {
        self.geometry.polyline(&self.network, &path.sites)
    }
}

struct Local {
    cos_lat: f64,
}

impl Local {
    fn xy(&self, p: [f64; 2]) -> [f64; 2] {
        [
            p[0] * self.cos_lat * METRES_PER_DEGREE,
            p[1] * METRES_PER_DEGREE,
        ]
    }
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    piece: usize,
    segment: usize,
    point: [f64; 2],
    distance_m: f64,
}

fn project(local: &Local, site: [f64; 2], a: [f64; 2], b: [f64; 2]) -> (f64, [f64; 2]) {
    let (p, pa, pb) = (local.xy(site), local.xy(a), local.xy(b));
    let (dx, dy) = (pb[0] - pa[0], pb[1] - pa[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - pa[0]) * dx + (p[1] - pa[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (t, [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])])
}

fn haversine(a: [f64; 2], b: [f64; 2]) -> f64 {
    Haversine.distance(Point::from(a), Point::from(b))
}

type SegmentIndex = RTree<GeomWithData<Line<[f64; 2]>, (u32, u32)>>;

fn segment_index(local: &Local, pieces: &[Piece]) -> SegmentIndex {
    let mut entries = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        if p.class == RoadClass::Expressway {
            continue;
        }
        for (s, w) in p.geometry.windows(2).enumerate() {
            entries.push(GeomWithData::new(
                Line::new(local.xy(w[0]), local.xy(w[1])),
                (i as u32, s as u32),
            ));
        }
    }
    RTree::bulk_load(entries)
}

fn check_site(index: usize, s: &Site) -> Result<[f64; 2], OsmError> {
    let (lon, lat) = (s.point.x(), s.point.y());
    if lon.is_finite() && lat.is_finite() && lon.abs() <= 180.0 && lat.abs() <= 90.0 {
        Ok([lon, lat])
    } else {
        Err(OsmError::BadParameter(format!(
            "site {index} ({}): coordinates ({lon}, {lat}) are not valid WGS84 degrees",
            s.id
        )))
    }
}

impl RoadGraph {
    /// Joins `sites` to the roads and builds the routing network (sites first).
    ///
    /// Errors: a site with invalid coordinates, or every site farther than
    /// `options.max_snap_m` from a usable road ([`OsmError::TooFar`]).
    pub fn snap_sites(
        &self,
        sites: Vec<Site>,
        options: &SnapOptions,
    ) -> Result<SnappedNetwork, OsmError> {
        if !(options.max_snap_m.is_finite() && options.max_snap_m >= 0.0) {
            return Err(OsmError::BadParameter(format!(
                "snapping limit {} m must be a number >= 0",
                options.max_snap_m
            )));
        }
        let points = sites
            .iter()
            .enumerate()
            .map(|(i, s)| check_site(i, s))
            .collect::<Result<Vec<_>, _>>()?;
        let mean_lat =
            self.nodes.iter().map(|n| n.lon_lat[1]).sum::<f64>() / self.nodes.len().max(1) as f64;
        let local = Local {
            cos_lat: mean_lat.to_radians().cos(),
        };
        let index = segment_index(&local, &self.pieces);
        let mut hits = Vec::with_capacity(sites.len());
        let mut far = Vec::new();
        for (i, &site) in points.iter().enumerate() {
            let best = index
                .nearest_neighbor_iter(&local.xy(site))
                .take(CANDIDATES)
                .map(|entry| {
                    let (piece, segment) = (entry.data.0 as usize, entry.data.1 as usize);
                    let g = &self.pieces[piece].geometry;
                    let (_, point) = project(&local, site, g[segment], g[segment + 1]);
                    Hit {
                        piece,
                        segment,
                        point,
                        distance_m: haversine(site, point),
                    }
                })
                .min_by(|x, y| {
                    x.distance_m
                        .total_cmp(&y.distance_m)
                        .then((x.piece, x.segment).cmp(&(y.piece, y.segment)))
                });
            match best {
                Some(h) if h.distance_m <= options.max_snap_m => hits.push(h),
                other => {
                    far.push(FarSite {
                        index: i,
                        id: sites[i].id.clone(),
                        name: sites[i].name.clone(),
                        distance_m: other.map_or(f64::INFINITY, |h| h.distance_m),
                    });
                }
            }
        }
        if !far.is_empty() {
            return Err(OsmError::TooFar {
                file: self.report().file.clone(),
                max_snap_m: options.max_snap_m,
                sites: far,
            });
        }
        self.build(sites, &points, &hits)
    }

    fn build(
        &self,
        sites: Vec<Site>,
        points: &[[f64; 2]],
        hits: &[Hit],
    ) -> Result<SnappedNetwork, OsmError> {
        let k = sites.len();
        let road_node = |n: u32| k + n as usize;
        let mut extra: Vec<[f64; 2]> = Vec::new();
        let mut on_piece: HashMap<usize, Vec<(f64, usize)>> = HashMap::new();
        for (s, h) in hits.iter().enumerate() {
            let g = &self.pieces[h.piece].geometry;
            let before: f64 = crate::compact::polyline_length_m(&g[..=h.segment]);
            let offset = before + haversine(g[h.segment], h.point);
            on_piece.entry(h.piece).or_default().push((offset, s));
        }
        let mut attach = vec![0usize; k];
        let mut attach_point = vec![[0.0; 2]; k];
        let mut at_osm_node = vec![None; k];
        let mut edges: Vec<(usize, usize, f64, &Piece)> = Vec::new();
        let mut geometry = RoadGeometry::default();
        for (p, piece) in self.pieces.iter().enumerate() {
            let (a, b) = (road_node(piece.a), road_node(piece.b));
            let Some(list) = on_piece.get_mut(&p) else {
                edges.push((a, b, piece.length_m, piece));
                geometry.insert(a, b, piece.geometry.clone());
                continue;
            };
            list.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)));
            // Cut points along the piece: (offset, node, segment, point).
            let mut cuts: Vec<(f64, usize, usize, [f64; 2])> = Vec::new();
            for &(offset, s) in list.iter() {
                let h = &hits[s];
                let node = if offset <= END_SNAP_M {
                    at_osm_node[s] = self.nodes[piece.a as usize].osm_id;
                    attach_point[s] = piece.geometry[0];
                    a
                } else if offset >= piece.length_m - END_SNAP_M {
                    at_osm_node[s] = self.nodes[piece.b as usize].osm_id;
                    attach_point[s] = *piece.geometry.last().expect("pieces have two points");
                    b
                } else {
                    attach_point[s] = h.point;
                    match cuts.last() {
                        Some(&(o, node, _, _)) if offset - o <= SAME_POINT_M => node,
                        _ => {
                            let node = k + self.nodes.len() + extra.len();
                            extra.push(h.point);
                            cuts.push((offset, node, h.segment, h.point));
                            node
                        }
                    }
                };
                attach[s] = node;
            }
            let (mut from, mut from_offset) = (a, 0.0);
            let mut line = vec![piece.geometry[0]];
            let mut next_vertex = 1;
            for &(offset, node, segment, point) in &cuts {
                line.extend_from_slice(&piece.geometry[next_vertex..=segment]);
                line.push(point);
                line.dedup();
                geometry.insert(from, node, std::mem::replace(&mut line, vec![point]));
                edges.push((from, node, offset - from_offset, piece));
                next_vertex = segment + 1;
                (from, from_offset) = (node, offset);
            }
            line.extend_from_slice(&piece.geometry[next_vertex..]);
            line.dedup();
            geometry.insert(from, b, line);
            edges.push((from, b, piece.length_m - from_offset, piece));
        }
        let mut all = sites;
        all.reserve(self.nodes.len() + extra.len());
        for n in &self.nodes {
            let id = n.osm_id.map_or_else(String::new, |id| format!("osm:{id}"));
            all.push(Site::new(
                &id,
                "",
                SiteTier::Junction,
                n.lon_lat[0],
                n.lon_lat[1],
            ));
        }
        for (i, p) in extra.iter().enumerate() {
            all.push(Site::new(
                &format!("split:{i}"),
                "",
                SiteTier::Junction,
                p[0],
                p[1],
            ));
        }
        let mut network = RoadNetwork::new(all)?;
        for (from, to, length_m, piece) in edges {
            network.add_limited_road(
                from,
                to,
                length_m,
                piece.class,
                piece.one_way,
                piece.max_kmh,
            )?;
        }
        let mut snaps = Vec::with_capacity(k);
        for (s, h) in hits.iter().enumerate() {
            let connector_m = haversine(points[s], attach_point[s]);
            network.add_road(
                s,
                attach[s],
                connector_m.max(MIN_CONNECTOR_M),
                CONNECTOR_CLASS,
                false,
            )?;
            geometry.insert(s, attach[s], vec![points[s], attach_point[s]]);
            let piece = &self.pieces[h.piece];
            snaps.push(SiteSnap {
                site: s,
                id: network.sites()[s].id.clone(),
                connector_m,
                road_point: attach_point[s],
                road_class: piece.class,
                way_id: piece.way_id,
                at_osm_node: at_osm_node[s],
            });
        }
        Ok(SnappedNetwork {
            network,
            geometry,
            snaps,
            num_sites: k,
        })
    }
}
