//! Keeping the largest strongly connected part of the compact graph: a site snapped onto a
//! dead-end one-way fragment, or an island cut off by the extract's border, could not reach
//! every other site, so such parts are dropped before snapping (and reported).

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::compact::{GraphNode, Piece};

/// What the strongly connected filter dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SccCounts {
    /// Strongly connected components of the compact graph.
    pub components: usize,
    /// Graph nodes outside the largest component, dropped.
    pub nodes_dropped: usize,
    /// Road pieces with an end outside it, dropped.
    pub pieces_dropped: usize,
}

/// Keeps the nodes of the largest strongly connected component (by node count; ties to the
/// component with the lowest node) and the pieces between them, renumbering nodes in order.
pub(crate) fn keep_largest(
    nodes: Vec<GraphNode>,
    pieces: Vec<Piece>,
) -> (Vec<GraphNode>, Vec<Piece>, SccCounts) {
    let mut graph: DiGraph<(), (), u32> = DiGraph::with_capacity(nodes.len(), pieces.len() * 2);
    for _ in 0..nodes.len() {
        graph.add_node(());
    }
    for p in &pieces {
        let (a, b) = (NodeIndex::new(p.a as usize), NodeIndex::new(p.b as usize));
        graph.add_edge(a, b, ());
        if !p.one_way {
            graph.add_edge(b, a, ());
        }
    }
    // Kosaraju runs with an explicit stack: no recursion depth limit on long roads.
    let components = kosaraju_scc(&graph);
    let main = components
        .iter()
        .max_by_key(|c| {
            let lowest = c.iter().map(|n| n.index()).min().unwrap_or(usize::MAX);
            (c.len(), std::cmp::Reverse(lowest))
        })
        .cloned()
        .unwrap_or_default();
    let mut keep = vec![false; nodes.len()];
    for n in &main {
        keep[n.index()] = true;
    }
    let mut new_id = vec![u32::MAX; nodes.len()];
    let mut kept_nodes = Vec::with_capacity(main.len());
    for (i, node) in nodes.into_iter().enumerate() {
        if keep[i] {
            new_id[i] = kept_nodes.len() as u32;
            kept_nodes.push(node);
        }
    }
    let before = pieces.len();
    let kept_pieces: Vec<Piece> = pieces
        .into_iter()
        .filter(|p| keep[p.a as usize] && keep[p.b as usize])
        .map(|mut p| {
            p.a = new_id[p.a as usize];
            p.b = new_id[p.b as usize];
            p
        })
        .collect();
    let counts = SccCounts {
        components: components.len(),
        nodes_dropped: keep.iter().filter(|k| !**k).count(),
        pieces_dropped: before - kept_pieces.len(),
    };
    (kept_nodes, kept_pieces, counts)
}
