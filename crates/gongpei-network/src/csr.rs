//! Compressed sparse row snapshot of the road graph for one vehicle profile: the hot loop of
//! Dijkstra reads one contiguous array of (head, time, length) per node instead of chasing
//! petgraph's linked edge lists.

use crate::graph::RoadNetwork;
use crate::profile::VehicleProfile;

/// One outgoing arc: target node, travel time (ms, at least 1) and length (cm).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Arc {
    pub head: u32,
    pub time_ms: u32,
    pub length_cm: u32,
}

/// Forward-star adjacency: arcs of node `v` are `arcs[offsets[v]..offsets[v + 1]]`.
#[derive(Debug, Clone)]
pub(crate) struct Csr {
    pub offsets: Vec<u32>,
    pub arcs: Vec<Arc>,
    /// An arc (tail, head) whose time or length does not fit 32 bits, if any: searches on
    /// this snapshot would be wrong, so the router refuses to run them.
    pub oversized_arc: Option<(usize, usize)>,
}

/// Travel time of `length_m` at `kmh`, in integer milliseconds, if it fits 32 bits. At least
/// 1 ms so that every arc strictly increases the time, which keeps the (time, length) tie-break
/// of Dijkstra exact.
pub(crate) fn arc_time_ms(length_m: f64, kmh: f64) -> Option<u32> {
    let ms = (length_m * 3600.0 / kmh).round();
    (ms < f64::from(u32::MAX)).then(|| (ms as u32).max(1))
}

/// Arc length in integer centimetres, if it fits 32 bits.
pub(crate) fn arc_length_cm(length_m: f64) -> Option<u32> {
    let cm = (length_m * 100.0).round();
    (cm < f64::from(u32::MAX)).then_some(cm as u32)
}

impl Csr {
    pub(crate) fn build(net: &RoadNetwork, profile: VehicleProfile) -> Self {
        let n = net.sites().len();
        let mut offsets = vec![0u32; n + 1];
        for v in 0..n {
            offsets[v + 1] = offsets[v] + net.roads_from(v).count() as u32;
        }
        let mut arcs = Vec::with_capacity(offsets[n] as usize);
        let mut oversized_arc = None;
        for v in 0..n {
            let start = arcs.len();
            for (head, road) in net.roads_from(v) {
                let kmh = road.kmh(net.speeds(), profile);
                let (time_ms, length_cm) = match (
                    arc_time_ms(road.length_m, kmh),
                    arc_length_cm(road.length_m),
                ) {
                    (Some(t), Some(l)) => (t, l),
                    _ => {
                        oversized_arc.get_or_insert((v, head));
                        (u32::MAX, u32::MAX)
                    }
                };
                arcs.push(Arc {
                    head: head as u32,
                    time_ms,
                    length_cm,
                });
            }
            // petgraph lists a node's edges newest first; sort for an order independent of
            // insertion history, so ties resolve the same way for equal graphs.
            arcs[start..].sort_unstable_by_key(|a| (a.head, a.time_ms, a.length_cm));
        }
        Csr {
            offsets,
            arcs,
            oversized_arc,
        }
    }

    #[inline]
    pub(crate) fn num_nodes(&self) -> usize {
        self.offsets.len() - 1
    }

    #[inline(always)]
    pub(crate) fn arcs_of(&self, v: usize) -> &[Arc] {
        &self.arcs[self.offsets[v] as usize..self.offsets[v + 1] as usize]
    }
}
