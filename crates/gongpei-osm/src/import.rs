//! The imported road graph of one `.osm.pbf` file and its import report.

use std::fmt;
use std::path::Path;

use crate::compact::{compact, CompactCounts, GraphNode, Piece};
use crate::error::OsmError;
use crate::read::{read_roads, Source, WayCounts};
use crate::scc::{keep_largest, SccCounts};

/// What the import read, kept and dropped.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    /// The file read.
    pub file: String,
    /// Ways read, kept, dropped by reason; `maxspeed` parsing.
    pub ways: WayCounts,
    /// Missing node references, split nodes, degenerate pieces.
    pub compact: CompactCounts,
    /// Graph nodes before the strongly connected filter.
    pub nodes_before_scc: usize,
    /// Road pieces before the strongly connected filter.
    pub pieces_before_scc: usize,
    /// What the strongly connected filter dropped.
    pub scc: SccCounts,
    /// Graph nodes kept.
    pub nodes: usize,
    /// Road pieces kept (a two-way piece counts once).
    pub pieces: usize,
    /// Directed edges kept (a two-way piece counts twice).
    pub directed_edges: usize,
    /// Road length kept, kilometres (each piece once).
    pub road_km: f64,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = &self.ways;
        writeln!(f, "file: {}", self.file)?;
        writeln!(
            f,
            "ways: {} read, {} with a highway tag, {} kept as drivable roads",
            w.ways_read, w.highway_ways, w.ways_kept
        )?;
        for (reason, n) in &w.dropped {
            writeln!(f, "  dropped {n}: {}", reason.label())?;
        }
        writeln!(
            f,
            "maxspeed: {} parsed, {} 'none', {} unparsed (ignored){}",
            w.maxspeed_parsed,
            w.maxspeed_none,
            w.maxspeed_unparsed,
            if w.maxspeed_unparsed_examples.is_empty() {
                String::new()
            } else {
                format!(", e.g. {}", w.maxspeed_unparsed_examples.join(", "))
            }
        )?;
        writeln!(
            f,
            "compact graph: {} nodes, {} pieces ({} split nodes added, {} degenerate pieces \
             dropped, {} references to missing nodes)",
            self.nodes_before_scc,
            self.pieces_before_scc,
            self.compact.split_nodes,
            self.compact.degenerate_pieces,
            self.compact.missing_node_refs
        )?;
        writeln!(
            f,
            "largest strongly connected part: kept {} nodes, {} pieces, {} directed edges, \
             {:.1} km; dropped {} nodes and {} pieces in {} other component(s)",
            self.nodes,
            self.pieces,
            self.directed_edges,
            self.road_km,
            self.scc.nodes_dropped,
            self.scc.pieces_dropped,
            self.scc.components.saturating_sub(1)
        )
    }
}

/// The drivable roads of an extract as a compact graph (largest strongly connected part).
///
/// ```no_run
/// use gongpei_osm::RoadGraph;
/// let roads = RoadGraph::from_pbf("data/osm/andorra-20230502.osm.pbf".as_ref()).unwrap();
/// println!("{}", roads.report());
/// ```
#[derive(Debug, Clone)]
pub struct RoadGraph {
    pub(crate) nodes: Vec<GraphNode>,
    pub(crate) pieces: Vec<Piece>,
    report: ImportReport,
}

impl RoadGraph {
    /// Reads the roads of an `.osm.pbf` file.
    pub fn from_pbf(file: &Path) -> Result<RoadGraph, OsmError> {
        Self::from_source(&Source::File(file))
    }

    /// Reads the roads of an `.osm.pbf` extract already in memory; `name` stands for the file in
    /// errors and in the report.
    ///
    /// ```
    /// use gongpei_osm::RoadGraph;
    /// let err = RoadGraph::from_pbf_bytes("upload.osm.pbf", b"not a pbf").unwrap_err();
    /// assert!(err.to_string().starts_with("upload.osm.pbf: "), "{err}");
    /// ```
    pub fn from_pbf_bytes(name: &str, bytes: &[u8]) -> Result<RoadGraph, OsmError> {
        Self::from_source(&Source::Bytes { name, bytes })
    }

    fn from_source(source: &Source) -> Result<RoadGraph, OsmError> {
        let raw = read_roads(source)?;
        let built = compact(&raw);
        drop(raw.ways);
        let (nodes_before_scc, pieces_before_scc) = (built.nodes.len(), built.pieces.len());
        let (nodes, pieces, scc) = keep_largest(built.nodes, built.pieces);
        if pieces.is_empty() {
            return Err(OsmError::NoRoads {
                file: source.name(),
            });
        }
        let report = ImportReport {
            file: source.name(),
            ways: raw.counts,
            compact: built.counts,
            nodes_before_scc,
            pieces_before_scc,
            scc,
            nodes: nodes.len(),
            pieces: pieces.len(),
            directed_edges: pieces.iter().map(|p| 2 - usize::from(p.one_way)).sum(),
            road_km: pieces.iter().map(|p| p.length_m).sum::<f64>() / 1000.0,
        };
        Ok(RoadGraph {
            nodes,
            pieces,
            report,
        })
    }

    /// What the import read, kept and dropped.
    pub fn report(&self) -> &ImportReport {
        &self.report
    }

    /// The graph nodes (way ends and shared nodes, plus split nodes).
    pub fn nodes(&self) -> &[GraphNode] {
        &self.nodes
    }

    /// The road pieces between graph nodes.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }
}
