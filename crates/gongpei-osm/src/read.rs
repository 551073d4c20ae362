//! Reading the drivable ways and their nodes out of an `.osm.pbf` file.
//!
//! Two passes over the file's blobs, each decoded in parallel (rayon over `osmpbf`'s blob
//! reader for the first, `node_coords`' own for the second): the first keeps the ways with a
//! drivable `highway` tag (with their attributes and node references), the second the
//! coordinates of just the nodes those ways use. Keeping only
//! the needed nodes makes memory proportional to the road network, not to the whole extract
//! (buildings and land use are most of an extract's nodes). Results are sorted by OSM id, so
//! the import is deterministic whatever order the blobs were decoded in.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use osmpbf::{BlobDecode, BlobReader, PrimitiveBlock};
use rayon::prelude::*;

use crate::error::OsmError;
use crate::node_coords::{block_nodes, DataBlob, DataBlobs};
use crate::tags::{way_attributes, DropReason, MaxSpeed, WayAttributes};

/// How many distinct unparsed `maxspeed` values the report keeps as examples.
const MAX_SPEED_SAMPLES: usize = 10;

/// A drivable way: OSM id, node references in file order, routing attributes.
#[derive(Debug, Clone)]
pub(crate) struct RawWay {
    pub id: i64,
    pub refs: Vec<i64>,
    pub attrs: WayAttributes,
}

/// Counts of the first pass, for the import report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WayCounts {
    /// Ways in the file (any tags).
    pub ways_read: usize,
    /// Ways with a `highway` tag.
    pub highway_ways: usize,
    /// Ways kept as drivable roads.
    pub ways_kept: usize,
    /// Highway ways dropped, by reason.
    pub dropped: BTreeMap<DropReason, usize>,
    /// Kept ways whose `maxspeed` was read as a number of km/h (or mph).
    pub maxspeed_parsed: usize,
    /// Kept ways tagged `maxspeed=none`.
    pub maxspeed_none: usize,
    /// Kept ways whose `maxspeed` could not be read (ignored; the class speed applies).
    pub maxspeed_unparsed: usize,
    /// Some of the unparsed values, sorted.
    pub maxspeed_unparsed_examples: Vec<String>,
}

impl WayCounts {
    fn merge(mut self, other: WayCounts) -> WayCounts {
        self.ways_read += other.ways_read;
        self.highway_ways += other.highway_ways;
        self.ways_kept += other.ways_kept;
        for (reason, n) in other.dropped {
            *self.dropped.entry(reason).or_default() += n;
        }
        self.maxspeed_parsed += other.maxspeed_parsed;
        self.maxspeed_none += other.maxspeed_none;
        self.maxspeed_unparsed += other.maxspeed_unparsed;
        self.maxspeed_unparsed_examples
            .extend(other.maxspeed_unparsed_examples);
        self.maxspeed_unparsed_examples.sort();
        self.maxspeed_unparsed_examples.dedup();
        self.maxspeed_unparsed_examples.truncate(MAX_SPEED_SAMPLES);
        self
    }
}

/// Node coordinates by OSM id (sorted, looked up by binary search).
#[derive(Debug, Clone, Default)]
pub(crate) struct NodeTable {
    ids: Vec<i64>,
    /// (lon, lat) in degrees, parallel to `ids`.
    pub coords: Vec<[f64; 2]>,
}

impl NodeTable {
    /// A table from ids sorted ascending and their (lon, lat).
    #[cfg(test)]
    pub fn from_sorted(ids: Vec<i64>, coords: Vec<[f64; 2]>) -> Self {
        NodeTable { ids, coords }
    }

    /// Position of node `id` in the table, if the file holds it.
    pub fn position(&self, id: i64) -> Option<usize> {
        self.ids.binary_search(&id).ok()
    }

    /// OSM id of the node at `position`.
    pub fn id(&self, position: usize) -> i64 {
        self.ids[position]
    }
}

/// What the two passes produce.
pub(crate) struct RawRoads {
    pub ways: Vec<RawWay>,
    pub nodes: NodeTable,
    pub counts: WayCounts,
}

/// Where the extract's bytes come from: a file, or bytes already in memory (named for errors).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Source<'a> {
    File(&'a Path),
    Bytes { name: &'a str, bytes: &'a [u8] },
}

impl Source<'_> {
    /// How errors and the import report name the source.
    pub fn name(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Bytes { name, .. } => (*name).to_string(),
        }
    }
}

fn read_error(source: &Source, err: impl std::fmt::Display) -> OsmError {
    OsmError::Read {
        file: source.name(),
        message: err.to_string(),
    }
}

/// Decodes every data block of the source in parallel and folds `per_block` results.
fn par_blocks<T, F>(source: &Source, per_block: F) -> Result<Vec<T>, OsmError>
where
    T: Send,
    F: Fn(&PrimitiveBlock) -> T + Sync + Send,
{
    match source {
        Source::File(path) => {
            let reader = BlobReader::from_path(path).map_err(|e| read_error(source, e))?;
            decode_blocks(reader, source, per_block)
        }
        Source::Bytes { bytes, .. } => {
            decode_blocks(BlobReader::new(Cursor::new(*bytes)), source, per_block)
        }
    }
}

fn decode_blocks<R, T, F>(
    reader: BlobReader<R>,
    source: &Source,
    per_block: F,
) -> Result<Vec<T>, OsmError>
where
    R: Read + Send,
    T: Send,
    F: Fn(&PrimitiveBlock) -> T + Sync + Send,
{
    reader
        .par_bridge()
        .filter_map(|blob| {
            let blob = match blob {
                Ok(b) => b,
                Err(e) => return Some(Err(read_error(source, e))),
            };
            match blob.decode() {
                Ok(BlobDecode::OsmData(block)) => Some(Ok(per_block(&block))),
                Ok(_) => None,
                Err(e) => Some(Err(read_error(source, e))),
            }
        })
        .collect()
}

fn ways_of_block(block: &PrimitiveBlock) -> (Vec<RawWay>, WayCounts) {
    let mut ways = Vec::new();
    let mut counts = WayCounts::default();
    let mut tags: Vec<(&str, &str)> = Vec::new();
    for group in block.groups() {
        for way in group.ways() {
            counts.ways_read += 1;
            tags.clear();
            tags.extend(way.tags());
            let get = |k: &str| tags.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
            let Some(result) = way_attributes(get) else {
                continue;
            };
            counts.highway_ways += 1;
            match result {
                Err(reason) => *counts.dropped.entry(reason).or_default() += 1,
                Ok(attrs) => {
                    match &attrs.max_speed {
                        MaxSpeed::Absent => {}
                        MaxSpeed::Kmh(_) => counts.maxspeed_parsed += 1,
                        MaxSpeed::NoLimit => counts.maxspeed_none += 1,
                        MaxSpeed::Unparsed(v) => {
                            counts.maxspeed_unparsed += 1;
                            counts.maxspeed_unparsed_examples.push(v.clone());
                        }
                    }
                    counts.ways_kept += 1;
                    ways.push(RawWay {
                        id: way.id(),
                        refs: way.refs().collect(),
                        attrs,
                    });
                }
            }
        }
    }
    counts.maxspeed_unparsed_examples.sort();
    counts.maxspeed_unparsed_examples.dedup();
    counts
        .maxspeed_unparsed_examples
        .truncate(MAX_SPEED_SAMPLES);
    (ways, counts)
}

/// Whether (lon, lat) is a WGS84 position. A damaged block can decode to any number; such a
/// node is dropped, and the ways that use it count it among the references to missing nodes.
fn on_earth(lon: f64, lat: f64) -> bool {
    (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)
}

/// The wanted nodes of every data block, decoded in parallel by `node_coords` (checked
/// arithmetic, where osmpbf's accessors wrap or panic on a damaged block).
fn wanted_nodes(source: &Source, wanted: &[i64]) -> Result<Vec<(i64, [f64; 2])>, OsmError> {
    let per_blob = |blob: Result<DataBlob, String>| -> Result<Vec<(i64, [f64; 2])>, OsmError> {
        let nodes = blob
            .and_then(|b| block_nodes(&b))
            .map_err(|e| read_error(source, e))?;
        Ok(nodes
            .into_iter()
            .filter(|&(id, lon, lat)| wanted.binary_search(&id).is_ok() && on_earth(lon, lat))
            .map(|(id, lon, lat)| (id, [lon, lat]))
            .collect())
    };
    let reader: Box<dyn Read + Send> = match source {
        Source::File(path) => Box::new(std::io::BufReader::new(
            std::fs::File::open(path).map_err(|e| read_error(source, e))?,
        )),
        Source::Bytes { bytes, .. } => Box::new(Cursor::new(*bytes)),
    };
    let blocks: Result<Vec<_>, OsmError> =
        DataBlobs::new(reader).par_bridge().map(per_blob).collect();
    Ok(blocks?.into_iter().flatten().collect())
}

/// Reads the drivable ways of `source` and the coordinates of their nodes.
pub(crate) fn read_roads(source: &Source) -> Result<RawRoads, OsmError> {
    let mut ways = Vec::new();
    let mut counts = WayCounts::default();
    for (block_ways, block_counts) in par_blocks(source, ways_of_block)? {
        ways.extend(block_ways);
        counts = counts.merge(block_counts);
    }
    ways.sort_by_key(|w| w.id);
    let mut wanted: Vec<i64> = ways.iter().flat_map(|w| w.refs.iter().copied()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut nodes = wanted_nodes(source, &wanted)?;
    // A node stored twice keeps one position whatever order the blocks were decoded in.
    nodes.sort_by(|a, b| {
        (a.0.cmp(&b.0))
            .then(a.1[0].total_cmp(&b.1[0]))
            .then(a.1[1].total_cmp(&b.1[1]))
    });
    nodes.dedup_by_key(|n| n.0);
    let (ids, coords) = nodes.into_iter().unzip();
    Ok(RawRoads {
        ways,
        nodes: NodeTable { ids, coords },
        counts,
    })
}
