//! The compact road graph: only way ends and nodes shared by two or more ways (or met twice by
//! one way) become graph nodes; the nodes in between only add length and geometry.
//!
//! Every road piece between two graph nodes keeps its polyline, so a path found on the compact
//! graph can be drawn along the real road. To make "the road from node u to node v" unique, no
//! two pieces join the same pair of nodes with different shapes, and no piece is a loop: such a
//! piece is split at an interior point (or, for a straight one, at its midpoint), which becomes
//! a graph node of its own. Splitting changes no length.

use std::collections::HashMap;

use geo::{Distance, Haversine, Point};
use gongpei_network::RoadClass;

use crate::read::RawRoads;
use crate::tags::Direction;

/// A graph node: where it is and, for nodes of the file, its OSM id.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GraphNode {
    /// (lon, lat), WGS84 degrees.
    pub lon_lat: [f64; 2],
    /// OSM node id; `None` for a node added to split a piece.
    pub osm_id: Option<i64>,
}

/// One road piece between two graph nodes, along a polyline.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Graph node at the start of the polyline.
    pub a: u32,
    /// Graph node at its end.
    pub b: u32,
    /// Functional class.
    pub class: RoadClass,
    /// True when the piece can only be driven from `a` to `b`.
    pub one_way: bool,
    /// Posted speed limit, km/h.
    pub max_kmh: Option<f64>,
    /// OSM id of the way it comes from.
    pub way_id: i64,
    /// Polyline from `a` to `b` inclusive, (lon, lat) degrees.
    pub geometry: Vec<[f64; 2]>,
    /// Length along the polyline, metres (haversine per segment).
    pub length_m: f64,
}

/// Length of a polyline, metres.
pub(crate) fn polyline_length_m(line: &[[f64; 2]]) -> f64 {
    line.windows(2)
        .map(|w| Haversine.distance(Point::from(w[0]), Point::from(w[1])))
        .sum()
}

/// Counts of the compaction, for the import report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompactCounts {
    /// References of kept ways to nodes missing from the file (the way is cut there).
    pub missing_node_refs: usize,
    /// Graph nodes added to split loops and parallel pieces of different shape.
    pub split_nodes: usize,
    /// Degenerate pieces dropped (zero length, or a loop through a single point).
    pub degenerate_pieces: usize,
}

/// Builder of the compact graph, guarding the "one shape per node pair" rule.
#[derive(Default)]
pub(crate) struct Compact {
    pub nodes: Vec<GraphNode>,
    pub pieces: Vec<Piece>,
    pub counts: CompactCounts,
    shape_of_pair: HashMap<(u32, u32), usize>,
}

struct Template {
    class: RoadClass,
    one_way: bool,
    max_kmh: Option<f64>,
    way_id: i64,
}

impl Compact {
    fn add_node(&mut self, lon_lat: [f64; 2], osm_id: Option<i64>) -> u32 {
        self.nodes.push(GraphNode { lon_lat, osm_id });
        (self.nodes.len() - 1) as u32
    }

    fn same_shape(&self, existing: usize, line: &[[f64; 2]]) -> bool {
        let g = &self.pieces[existing].geometry;
        g.len() == line.len() && (g == line || g.iter().rev().eq(line.iter()))
    }

    /// Adds the piece `a -> b` along `line`, splitting it where the rule requires.
    fn add_piece(&mut self, a: u32, b: u32, line: Vec<[f64; 2]>, t: &Template) {
        let interior = line.len() - 2;
        if a == b {
            if interior < 2 {
                // A loop through at most one other point adds no route between two places.
                self.counts.degenerate_pieces += 1;
                return;
            }
            let (i, j) = (1 + interior / 3, 1 + (2 * interior) / 3);
            let j = if j == i { i + 1 } else { j };
            let m1 = self.add_node(line[i], None);
            let m2 = self.add_node(line[j], None);
            self.counts.split_nodes += 2;
            self.add_piece(a, m1, line[..=i].to_vec(), t);
            self.add_piece(m1, m2, line[i..=j].to_vec(), t);
            self.add_piece(m2, b, line[j..].to_vec(), t);
            return;
        }
        let key = (a.min(b), a.max(b));
        if let Some(&existing) = self.shape_of_pair.get(&key) {
            if !self.same_shape(existing, &line) {
                let (left, right, mid) = if interior > 0 {
                    let k = line.len() / 2;
                    (line[..=k].to_vec(), line[k..].to_vec(), line[k])
                } else {
                    let (p, q) = (line[0], line[1]);
                    let mid = [(p[0] + q[0]) / 2.0, (p[1] + q[1]) / 2.0];
                    (vec![p, mid], vec![mid, q], mid)
                };
                let m = self.add_node(mid, None);
                self.counts.split_nodes += 1;
                self.add_piece(a, m, left, t);
                self.add_piece(m, b, right, t);
                return;
            }
        }
        let length_m = polyline_length_m(&line);
        if length_m.is_nan() || length_m <= 0.0 {
            self.counts.degenerate_pieces += 1;
            return;
        }
        self.shape_of_pair.entry(key).or_insert(self.pieces.len());
        self.pieces.push(Piece {
            a,
            b,
            class: t.class,
            one_way: t.one_way,
            max_kmh: t.max_kmh,
            way_id: t.way_id,
            geometry: line,
            length_m,
        });
    }
}

/// Builds the compact graph of the drivable ways.
pub(crate) fn compact(raw: &RawRoads) -> Compact {
    let mut out = Compact::default();
    // Each way as runs of node-table positions: cut where a node is missing, repeats dropped.
    let mut runs: Vec<(usize, Vec<usize>)> = Vec::new();
    for (w, way) in raw.ways.iter().enumerate() {
        let mut run: Vec<usize> = Vec::new();
        let mut refs: Vec<i64> = way.refs.clone();
        if way.attrs.direction == Direction::Backward {
            refs.reverse();
        }
        for id in refs {
            match raw.nodes.position(id) {
                Some(p) => {
                    if run.last() != Some(&p) {
                        run.push(p);
                    }
                }
                None => {
                    out.counts.missing_node_refs += 1;
                    if run.len() >= 2 {
                        runs.push((w, std::mem::take(&mut run)));
                    }
                    run.clear();
                }
            }
        }
        if run.len() >= 2 {
            runs.push((w, run));
        }
    }
    let n = raw.nodes.coords.len();
    let mut uses = vec![0u8; n];
    let mut is_end = vec![false; n];
    for (_, run) in &runs {
        for &p in run {
            uses[p] = uses[p].saturating_add(1);
        }
        is_end[run[0]] = true;
        is_end[*run.last().expect("runs have two nodes")] = true;
    }
    let mut graph_id = vec![u32::MAX; n];
    for p in 0..n {
        if is_end[p] || uses[p] >= 2 {
            graph_id[p] = out.add_node(raw.nodes.coords[p], Some(raw.nodes.id(p)));
        }
    }
    for (w, run) in &runs {
        let way = &raw.ways[*w];
        let template = Template {
            class: way.attrs.class,
            one_way: way.attrs.direction != Direction::Both,
            max_kmh: match way.attrs.max_speed {
                crate::tags::MaxSpeed::Kmh(v) => Some(v),
                _ => None,
            },
            way_id: way.id,
        };
        let mut start = 0;
        for k in 1..run.len() {
            if graph_id[run[k]] != u32::MAX {
                let line = run[start..=k]
                    .iter()
                    .map(|&p| raw.nodes.coords[p])
                    .collect();
                out.add_piece(graph_id[run[start]], graph_id[run[k]], line, &template);
                start = k;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{NodeTable, RawWay, WayCounts};
    use crate::tags::{MaxSpeed, WayAttributes};

    fn way(id: i64, refs: &[i64], direction: Direction) -> RawWay {
        RawWay {
            id,
            refs: refs.to_vec(),
            attrs: WayAttributes {
                class: RoadClass::Village,
                direction,
                max_speed: MaxSpeed::Absent,
            },
        }
    }

    fn raw(ways: Vec<RawWay>) -> RawRoads {
        // Node i at (0.001 * i, 0.0005 * (i % 3)): no three in a row collinear.
        let ids: Vec<i64> = (1..=8).collect();
        let coords = ids
            .iter()
            .map(|&i| [0.001 * i as f64, 0.0005 * (i % 3) as f64])
            .collect();
        RawRoads {
            ways,
            nodes: NodeTable::from_sorted(ids, coords),
            counts: WayCounts::default(),
        }
    }

    #[test]
    fn interior_nodes_only_add_length_and_shape() {
        let r = raw(vec![way(10, &[1, 2, 3, 4], Direction::Both)]);
        let c = compact(&r);
        assert_eq!(c.nodes.len(), 2);
        assert_eq!(c.pieces.len(), 1);
        assert_eq!(c.pieces[0].geometry.len(), 4);
        let direct = polyline_length_m(&[r.nodes.coords[0], r.nodes.coords[3]]);
        assert!(c.pieces[0].length_m > direct);
    }

    #[test]
    fn shared_nodes_split_ways_and_backward_ways_are_reversed() {
        let c = compact(&raw(vec![
            way(10, &[1, 2, 3], Direction::Both),
            way(11, &[5, 2, 6], Direction::Backward),
        ]));
        // Graph nodes: ends 1, 3, 5, 6 and the shared node 2.
        assert_eq!(c.nodes.len(), 5);
        assert_eq!(c.pieces.len(), 4);
        let osm = |n: u32| c.nodes[n as usize].osm_id.unwrap();
        let backward: Vec<(i64, i64)> = c
            .pieces
            .iter()
            .filter(|p| p.way_id == 11)
            .map(|p| (osm(p.a), osm(p.b)))
            .collect();
        assert_eq!(backward, vec![(6, 2), (2, 5)]);
        assert!(c
            .pieces
            .iter()
            .filter(|p| p.way_id == 11)
            .all(|p| p.one_way));
    }

    #[test]
    fn loops_and_parallel_roads_of_other_shapes_are_split() {
        let r = raw(vec![
            way(10, &[1, 2, 3], Direction::Both),
            way(11, &[1, 4, 3], Direction::Both), // same ends, other shape
            way(12, &[1, 3], Direction::Forward), // same ends, straight
            way(13, &[3, 5, 6, 7, 3], Direction::Both), // loop
            way(14, &[1, 2, 3], Direction::Both), // same shape as 10: kept as a twin
        ]);
        let c = compact(&r);
        // Node 2 is shared by ways 10 and 14; way 12 collides with way 11, the loop needs two.
        assert_eq!(c.counts.split_nodes, 3, "{:?}", c.counts);
        let mut shapes: HashMap<(u32, u32), Vec<[f64; 2]>> = HashMap::new();
        for p in &c.pieces {
            assert_ne!(p.a, p.b, "no loops");
            let mut g = p.geometry.clone();
            if p.a > p.b {
                g.reverse();
            }
            let entry = shapes
                .entry((p.a.min(p.b), p.a.max(p.b)))
                .or_insert(g.clone());
            assert_eq!(*entry, g, "one shape per node pair");
        }
        // Splitting changes no length: every way's pieces add up to its polyline.
        for w in &r.ways {
            let line: Vec<[f64; 2]> = w
                .refs
                .iter()
                .map(|&id| r.nodes.coords[r.nodes.position(id).unwrap()])
                .collect();
            let total: f64 = c
                .pieces
                .iter()
                .filter(|p| p.way_id == w.id)
                .map(|p| p.length_m)
                .sum();
            assert!(
                (total - polyline_length_m(&line)).abs() < 1e-6,
                "way {}",
                w.id
            );
        }
    }

    #[test]
    fn missing_nodes_cut_the_way() {
        let c = compact(&raw(vec![way(10, &[1, 2, 99, 3, 4], Direction::Both)]));
        assert_eq!(c.counts.missing_node_refs, 1);
        assert_eq!(c.pieces.len(), 2);
    }
}
