//! The shape of every edge of a snapped network, so that paths are drawn along the roads
//! rather than as straight lines between junctions.

use std::collections::HashMap;

use geo::Point;
use gongpei_network::RoadNetwork;

/// Polylines of the network's edges, one per pair of nodes (the compact graph guarantees that
/// two nodes are joined by roads of a single shape).
#[derive(Debug, Clone, Default)]
pub struct RoadGeometry {
    /// Polyline from the lower-numbered node to the higher one, by node pair.
    lines: HashMap<(usize, usize), Vec<[f64; 2]>>,
}

impl RoadGeometry {
    /// Records the polyline of the edge(s) between `from` and `to`, drawn from `from`.
    pub(crate) fn insert(&mut self, from: usize, to: usize, mut line: Vec<[f64; 2]>) {
        if from > to {
            line.reverse();
        }
        self.lines
            .entry((from.min(to), from.max(to)))
            .or_insert(line);
    }

    /// The polyline between two adjacent nodes, drawn from `from`; `None` if not adjacent.
    pub fn edge(&self, from: usize, to: usize) -> Option<Vec<[f64; 2]>> {
        let line = self.lines.get(&(from.min(to), from.max(to)))?;
        let mut line = line.clone();
        if from > to {
            line.reverse();
        }
        Some(line)
    }

    /// The polyline through the consecutive nodes of a path (e.g. `SitePath::sites`), with the
    /// road's shape between adjacent nodes (a straight step where no shape is known).
    pub fn polyline(&self, network: &RoadNetwork, nodes: &[usize]) -> Vec<Point<f64>> {
        let sites = network.sites();
        let mut out: Vec<Point<f64>> = Vec::new();
        if let Some(&first) = nodes.first() {
            out.push(sites[first].point);
        }
        for w in nodes.windows(2) {
            match self.edge(w[0], w[1]) {
                Some(line) => out.extend(line.into_iter().skip(1).map(Point::from)),
                None => out.push(sites[w[1]].point),
            }
        }
        out
    }

    /// Number of node pairs with a shape.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when no shape is recorded.
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}
