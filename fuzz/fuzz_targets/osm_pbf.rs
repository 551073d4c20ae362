//! Fuzzes the OpenStreetMap `.osm.pbf` import (blob framing, protobuf and zlib decoding by
//! `osmpbf`, tag mapping, compact graph, strongly connected filter): any bytes give a road graph
//! whose pieces join existing nodes with finite, non-negative lengths, or an error naming the
//! file; never a panic.
#![no_main]

use gongpei_fuzz::FILE;
use gongpei_osm::RoadGraph;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match RoadGraph::from_pbf_bytes(FILE, bytes) {
        Ok(roads) => {
            let nodes = roads.nodes().len();
            assert!(!roads.pieces().is_empty());
            for piece in roads.pieces() {
                assert!((piece.a as usize) < nodes && (piece.b as usize) < nodes);
                assert!(
                    piece.length_m.is_finite() && piece.length_m >= 0.0,
                    "{piece:?}"
                );
            }
            for node in roads.nodes() {
                assert!(node.lon_lat.iter().all(|v| v.is_finite()), "{node:?}");
            }
            assert_eq!(roads.report().pieces, roads.pieces().len());
        }
        Err(err) => {
            let message = err.to_string();
            assert!(message.starts_with(&format!("{FILE}: ")), "{message}");
        }
    }
});
