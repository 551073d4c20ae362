//! OR-Library p-median files (Beasley 1985): `n m p`, then `m` undirected edges `i j cost`
//! (1-based vertices, integer costs; a pair listed again replaces its earlier cost, OR-Library's
//! convention). Every vertex is a client and a candidate; the cost between two vertices is the
//! shortest-path length over the graph (one Dijkstra per vertex, petgraph).

use std::collections::HashMap;
use std::path::Path;

use petgraph::graph::{NodeIndex, UnGraph};

use crate::text::{count, int, Text};
use crate::IoError;

/// A p-median instance read from an OR-Library file.
#[derive(Debug, Clone, PartialEq)]
pub struct PMedianInstance {
    /// The file stem (e.g. `pmed1`).
    pub name: String,
    /// Number of vertices (clients and candidates).
    pub vertices: usize,
    /// Number of medians the file asks for.
    pub p: usize,
    /// Edge lines in the file (duplicates included).
    pub edge_lines: usize,
    /// Shortest-path lengths, row-major `vertices x vertices`.
    pub distances: Vec<i64>,
}

impl PMedianInstance {
    /// The shortest-path length from vertex `i` to vertex `j` (0-based).
    pub fn distance(&self, i: usize, j: usize) -> i64 {
        self.distances[i * self.vertices + j]
    }
}

/// Reads an OR-Library p-median file.
pub fn read_pmedian(path: impl AsRef<Path>) -> Result<PMedianInstance, IoError> {
    parse(&Text::read(path.as_ref())?)
}

/// Reads an OR-Library p-median file from text in memory; `path` names it in errors.
///
/// ```
/// // A path 1 - 2 - 3 with the edge 1-2 listed twice: the later cost (4) wins.
/// let text = "3 3 1\n1 2 9\n2 3 1\n1 2 4\n";
/// let inst = gongpei_io::read_pmedian_str("tiny.txt", text).unwrap();
/// assert_eq!((inst.vertices, inst.p), (3, 1));
/// assert_eq!(inst.distance(0, 2), 5);
/// let bad = gongpei_io::read_pmedian_str("tiny.txt", "3 3 1\n1 2 9\n2 7 1\n1 2 4\n").unwrap_err();
/// assert_eq!(bad.to_string(), "tiny.txt:3: edge endpoint 7 is not a vertex (1..=3)");
/// ```
pub fn read_pmedian_str(path: impl AsRef<Path>, text: &str) -> Result<PMedianInstance, IoError> {
    parse(&Text::from_str(path.as_ref(), text))
}

fn parse(text: &Text) -> Result<PMedianInstance, IoError> {
    let mut lines = text
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((head_index, head)) = lines.next() else {
        return Err(text.err_file("empty file (expected a first line `n edges p`)"));
    };
    let tokens: Vec<&str> = head.split_whitespace().collect();
    if tokens.len() != 3 {
        return Err(text.err(
            head_index,
            format!(
                "expected `n edges p` (3 numbers), found {} fields",
                tokens.len()
            ),
        ));
    }
    let n = count(text, head_index, tokens[0], "number of vertices")?;
    let m = count(text, head_index, tokens[1], "number of edges")?;
    let p = count(text, head_index, tokens[2], "p")?;
    if n == 0 {
        return Err(text.err(head_index, "the graph has no vertex"));
    }
    if p == 0 || p > n {
        return Err(text.err(head_index, format!("p = {p} must be between 1 and n = {n}")));
    }
    if let Err(e) = gongpei_core::Matrix::check_size(n) {
        return Err(text.err(head_index, format!("{n} vertices: {}", e.message())));
    }
    // A path crosses at most n - 1 edges, so this bound keeps every shortest path (and the sum
    // Dijkstra forms on the way) within the model's range.
    let max_cost = gongpei_core::UNBOUNDED / (n.max(2) - 1) as i64;
    // Last occurrence of a pair wins: collect into a map keyed by the unordered pair.
    let mut costs: HashMap<(usize, usize), i64> = HashMap::new();
    let mut read = 0;
    for (index, line) in lines {
        let tokens: Vec<&str> = line.split_whitespace().collect();
        if tokens.len() != 3 {
            return Err(text.err(
                index,
                format!(
                    "expected an edge `i j cost` (3 numbers), found {} fields",
                    tokens.len()
                ),
            ));
        }
        let vertex = |k: usize| -> Result<usize, IoError> {
            let v = count(text, index, tokens[k], "edge endpoint")?;
            if v == 0 || v > n {
                return Err(text.err(
                    index,
                    format!("edge endpoint {v} is not a vertex (1..={n})"),
                ));
            }
            Ok(v - 1)
        };
        let (a, b) = (vertex(0)?, vertex(1)?);
        let cost = int(text, index, tokens[2], "edge cost")?;
        if cost < 0 {
            return Err(text.err(index, format!("edge cost {cost} is negative")));
        }
        if cost > max_cost {
            return Err(text.err(
                index,
                format!(
                    "edge cost {cost} is too large: with {n} vertices a path could exceed \
                     {}, the largest supported value (at most {max_cost} per edge)",
                    gongpei_core::UNBOUNDED
                ),
            ));
        }
        costs.insert((a.min(b), a.max(b)), cost);
        read += 1;
    }
    if read != m {
        return Err(text.err(
            head_index,
            format!("the header announces {m} edges, the file has {read}"),
        ));
    }
    // Fewer distinct edges than n - 1 cannot connect n vertices: said before anything of size
    // n x n is allocated, so a header announcing a huge graph costs nothing.
    if costs.len() < n - 1 {
        return Err(text.err(
            head_index,
            format!(
                "the graph is disconnected: {n} vertices need at least {} distinct edges, the file has {}",
                n - 1,
                costs.len()
            ),
        ));
    }
    let mut graph = UnGraph::<(), i64>::with_capacity(n, costs.len());
    let nodes: Vec<NodeIndex> = (0..n).map(|_| graph.add_node(())).collect();
    let mut edges: Vec<_> = costs.into_iter().collect();
    edges.sort_unstable(); // deterministic graph whatever the hash order
    for ((a, b), cost) in edges {
        graph.add_edge(nodes[a], nodes[b], cost);
    }
    let mut distances = vec![0i64; n * n];
    for (i, &source) in nodes.iter().enumerate() {
        let reached = petgraph::algo::dijkstra(&graph, source, None, |e| *e.weight());
        if reached.len() < n {
            let missing = (0..n)
                .find(|&j| !reached.contains_key(&nodes[j]))
                .unwrap_or(0);
            return Err(text.err(
                head_index,
                format!(
                    "the graph is disconnected: vertex {} cannot be reached from vertex {}",
                    missing + 1,
                    i + 1
                ),
            ));
        }
        for (node, d) in reached {
            distances[i * n + node.index()] = d;
        }
    }
    Ok(PMedianInstance {
        name: text
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        vertices: n,
        p,
        edge_lines: read,
        distances,
    })
}
