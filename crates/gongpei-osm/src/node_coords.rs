//! Node coordinates read from the file's data blocks with checked arithmetic.
//!
//! osmpbf decodes the ways (first pass); this module decodes the nodes (second pass) itself,
//! because osmpbf's coordinate accessors scale the stored integers by the block's granularity
//! without overflow checks. Being small, they are inlined into the calling crate: a damaged
//! block panicked any build with overflow checks (a debug build of an application, the fuzz
//! build) and gave wrapped, possibly plausible, numbers in a release build. Here, a node whose
//! arithmetic overflows gets no coordinates, and the ways that use it count it among the
//! references to missing nodes, in every build alike.
//!
//! The wire format is walked with the `protobuf` crate's `CodedInputStream` (the crate osmpbf
//! itself decodes with) and zlib blobs are inflated with `flate2`; only the fields that carry
//! node ids and positions are read, everything else is skipped.

use std::io::Read;

use flate2::read::ZlibDecoder;
use protobuf::rt::WireType;
use protobuf::CodedInputStream;

/// The format's limits (OSM wiki, PBF format): a blob header below 64 KiB, a blob's data,
/// compressed or not, at most 32 MiB. They also bound what a damaged length can allocate.
const MAX_HEADER_BYTES: u32 = 64 * 1024;
const MAX_BLOB_BYTES: u64 = 32 * 1024 * 1024;

/// The PBF default granularity (nanodegrees per stored unit) when a block does not set one.
const DEFAULT_GRANULARITY: i64 = 100;

/// One data block's encoded bytes, as framed in the file: the blob message, still compressed.
pub(crate) struct DataBlob(Vec<u8>);

/// The `OSMData` blobs of a file in order (header and unknown blobs skipped); after an error,
/// the iterator ends.
pub(crate) struct DataBlobs<R> {
    reader: R,
    failed: bool,
}

impl<R: Read> DataBlobs<R> {
    pub(crate) fn new(reader: R) -> Self {
        DataBlobs {
            reader,
            failed: false,
        }
    }
}

impl<R: Read> Iterator for DataBlobs<R> {
    type Item = Result<DataBlob, String>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let next = next_data_blob(&mut self.reader);
        self.failed = next.is_err();
        next.transpose()
    }
}

/// Reads the next `OSMData` blob of `reader`; `None` at the end of the file.
fn next_data_blob(reader: &mut impl Read) -> Result<Option<DataBlob>, String> {
    loop {
        let mut size = [0u8; 4];
        if !read_exact_or_eof(reader, &mut size)? {
            return Ok(None);
        }
        let header_len = u32::from_be_bytes(size);
        if header_len >= MAX_HEADER_BYTES {
            return Err(format!(
                "blob header of {header_len} bytes, beyond the format's {MAX_HEADER_BYTES}"
            ));
        }
        let header = read_vec(reader, u64::from(header_len), "blob header")?;
        let (kind, data_len) = blob_header(&header)?;
        if data_len > MAX_BLOB_BYTES {
            return Err(format!(
                "blob of {data_len} bytes, beyond the format's {MAX_BLOB_BYTES}"
            ));
        }
        let data = read_vec(reader, data_len, "blob")?;
        if kind == "OSMData" {
            return Ok(Some(DataBlob(data)));
        }
    }
}

/// Every node of the block in `blob` as (id, lon, lat) in degrees; nodes whose position
/// overflows are left out.
pub(crate) fn block_nodes(blob: &DataBlob) -> Result<Vec<(i64, f64, f64)>, String> {
    let block = inflate(&blob.0)?;
    let mut scale = Scale {
        granularity: DEFAULT_GRANULARITY,
        lat_offset: 0,
        lon_offset: 0,
    };
    // Groups may come before the scale fields, so they are decoded once the block is read.
    let mut groups = Vec::new();
    let mut input = CodedInputStream::from_bytes(&block);
    while let Some((field, wire)) = next_field(&mut input)? {
        match (field, wire) {
            (2, WireType::LengthDelimited) => groups.push(input.read_bytes().map_err(wire_error)?),
            (17, WireType::Varint) => {
                scale.granularity = i64::from(input.read_int32().map_err(wire_error)?);
            }
            (19, WireType::Varint) => scale.lat_offset = input.read_int64().map_err(wire_error)?,
            (20, WireType::Varint) => scale.lon_offset = input.read_int64().map_err(wire_error)?,
            _ => input.skip_field(wire).map_err(wire_error)?,
        }
    }
    let mut nodes = Vec::new();
    for group in &groups {
        group_nodes(group, &scale, &mut nodes)?;
    }
    Ok(nodes)
}

/// How a block turns stored integers into nanodegrees.
struct Scale {
    granularity: i64,
    lat_offset: i64,
    lon_offset: i64,
}

impl Scale {
    /// (lon, lat) in degrees of the stored pair, or `None` when the scaling overflows.
    fn degrees(&self, lat: i64, lon: i64) -> Option<(f64, f64)> {
        let nano =
            |offset: i64, stored: i64| self.granularity.checked_mul(stored)?.checked_add(offset);
        let lat = nano(self.lat_offset, lat)?;
        let lon = nano(self.lon_offset, lon)?;
        Some((1e-9 * lon as f64, 1e-9 * lat as f64))
    }
}

/// Appends the nodes of one primitive group: plain nodes (field 1) and dense ones (field 2).
fn group_nodes(
    group: &[u8],
    scale: &Scale,
    nodes: &mut Vec<(i64, f64, f64)>,
) -> Result<(), String> {
    let mut input = CodedInputStream::from_bytes(group);
    while let Some((field, wire)) = next_field(&mut input)? {
        match (field, wire) {
            (1, WireType::LengthDelimited) => {
                let node = input.read_bytes().map_err(wire_error)?;
                plain_node(&node, scale, nodes)?;
            }
            (2, WireType::LengthDelimited) => {
                let dense = input.read_bytes().map_err(wire_error)?;
                dense_nodes(&dense, scale, nodes)?;
            }
            _ => input.skip_field(wire).map_err(wire_error)?,
        }
    }
    Ok(())
}

/// A `Node` message: id (1), lat (8), lon (9), all `sint64`.
fn plain_node(bytes: &[u8], scale: &Scale, nodes: &mut Vec<(i64, f64, f64)>) -> Result<(), String> {
    let (mut id, mut lat, mut lon) = (0, 0, 0);
    let mut input = CodedInputStream::from_bytes(bytes);
    while let Some((field, wire)) = next_field(&mut input)? {
        match (field, wire) {
            (1, WireType::Varint) => id = input.read_sint64().map_err(wire_error)?,
            (8, WireType::Varint) => lat = input.read_sint64().map_err(wire_error)?,
            (9, WireType::Varint) => lon = input.read_sint64().map_err(wire_error)?,
            _ => input.skip_field(wire).map_err(wire_error)?,
        }
    }
    if let Some((lon, lat)) = scale.degrees(lat, lon) {
        nodes.push((id, lon, lat));
    }
    Ok(())
}

/// A `DenseNodes` message: delta-coded ids (1), lats (8) and lons (9), packed `sint64`. The
/// nodes are as many as the shortest of the three lists; a delta sum that overflows ends the
/// group, since every later node is relative to it.
fn dense_nodes(
    bytes: &[u8],
    scale: &Scale,
    nodes: &mut Vec<(i64, f64, f64)>,
) -> Result<(), String> {
    let (mut ids, mut lats, mut lons) = (Vec::new(), Vec::new(), Vec::new());
    let mut input = CodedInputStream::from_bytes(bytes);
    while let Some((field, wire)) = next_field(&mut input)? {
        let list = match field {
            1 => &mut ids,
            8 => &mut lats,
            9 => &mut lons,
            _ => {
                input.skip_field(wire).map_err(wire_error)?;
                continue;
            }
        };
        match wire {
            WireType::LengthDelimited => input
                .read_repeated_packed_sint64_into(list)
                .map_err(wire_error)?,
            WireType::Varint => list.push(input.read_sint64().map_err(wire_error)?),
            _ => input.skip_field(wire).map_err(wire_error)?,
        }
    }
    let (mut id, mut lat, mut lon) = (0i64, 0i64, 0i64);
    for ((d_id, d_lat), d_lon) in ids.iter().zip(&lats).zip(&lons) {
        let (Some(next_id), Some(next_lat), Some(next_lon)) = (
            id.checked_add(*d_id),
            lat.checked_add(*d_lat),
            lon.checked_add(*d_lon),
        ) else {
            break;
        };
        (id, lat, lon) = (next_id, next_lat, next_lon);
        if let Some((lon, lat)) = scale.degrees(lat, lon) {
            nodes.push((id, lon, lat));
        }
    }
    Ok(())
}

/// A `BlobHeader`: its type (1, string) and the size of the blob that follows (3, int32).
fn blob_header(bytes: &[u8]) -> Result<(String, u64), String> {
    let (mut kind, mut size) = (String::new(), None);
    let mut input = CodedInputStream::from_bytes(bytes);
    while let Some((field, wire)) = next_field(&mut input)? {
        match (field, wire) {
            (1, WireType::LengthDelimited) => kind = input.read_string().map_err(wire_error)?,
            (3, WireType::Varint) => size = Some(input.read_int32().map_err(wire_error)?),
            _ => input.skip_field(wire).map_err(wire_error)?,
        }
    }
    let size = size.ok_or("blob header without the blob's size")?;
    let size =
        u64::try_from(size).map_err(|_| format!("blob header with a negative size {size}"))?;
    Ok((kind, size))
}

/// The primitive block inside a `Blob`: raw (1) or zlib-compressed (3) data.
fn inflate(blob: &[u8]) -> Result<Vec<u8>, String> {
    let mut input = CodedInputStream::from_bytes(blob);
    while let Some((field, wire)) = next_field(&mut input)? {
        match (field, wire) {
            (1, WireType::LengthDelimited) => return input.read_bytes().map_err(wire_error),
            (3, WireType::LengthDelimited) => {
                let compressed = input.read_bytes().map_err(wire_error)?;
                let mut block = Vec::new();
                ZlibDecoder::new(compressed.as_slice())
                    .take(MAX_BLOB_BYTES + 1)
                    .read_to_end(&mut block)
                    .map_err(|e| format!("blob zlib data: {e}"))?;
                if block.len() as u64 > MAX_BLOB_BYTES {
                    return Err(format!(
                        "blob zlib data inflates beyond the format's {MAX_BLOB_BYTES} bytes"
                    ));
                }
                return Ok(block);
            }
            _ => input.skip_field(wire).map_err(wire_error)?,
        }
    }
    Err("blob without raw or zlib data".to_string())
}

/// The next field's number and wire type, `None` at the end of the message.
fn next_field(input: &mut CodedInputStream) -> Result<Option<(u32, WireType)>, String> {
    let Some(tag) = input.read_raw_tag_or_eof().map_err(wire_error)? else {
        return Ok(None);
    };
    let wire = WireType::new(tag & 7).ok_or_else(|| format!("unknown wire type {}", tag & 7))?;
    Ok(Some((tag >> 3, wire)))
}

fn wire_error(err: protobuf::Error) -> String {
    format!("damaged protobuf data: {err}")
}

/// Fills `buf`, or returns false when the reader is already at its end.
fn read_exact_or_eof(reader: &mut impl Read, buf: &mut [u8]) -> Result<bool, String> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) if filled == 0 => return Ok(false),
            Ok(0) => return Err("file ends inside a blob's length".to_string()),
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e.to_string()),
        }
    }
    Ok(true)
}

/// Reads exactly `len` bytes (already bounded by the format's limits).
fn read_vec(reader: &mut impl Read, len: u64, what: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(len)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{what}: {e}"))?;
    if bytes.len() as u64 != len {
        return Err(format!(
            "file ends inside a {what} ({} of {len} bytes)",
            bytes.len()
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaling_that_overflows_gives_no_position() {
        let scale = Scale {
            granularity: 100,
            lat_offset: 0,
            lon_offset: 0,
        };
        let (lon, lat) = scale.degrees(400_000_000, 1_170_000_000).unwrap();
        assert!((lon - 117.0).abs() < 1e-9 && (lat - 40.0).abs() < 1e-9);
        assert_eq!(scale.degrees(i64::MAX / 10, 0), None);
        let shifted = Scale {
            lat_offset: i64::MAX,
            ..scale
        };
        assert_eq!(shifted.degrees(1, 0), None);
    }
}
