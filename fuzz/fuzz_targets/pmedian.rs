//! Fuzzes the OR-Library p-median reader: any bytes give shortest-path distances that are a metric
//! (zero diagonal, symmetric, triangle inequality on small instances) or an error naming the file
//! and a line of it; never a panic, and no n x n table for a size the file cannot back.
#![no_main]

use gongpei_fuzz::{assert_io_error_contract, FILE};
use gongpei_io::read_pmedian_str;
use libfuzzer_sys::fuzz_target;

/// Above this many vertices only the cheap checks run (the triangle check is cubic).
const TRIANGLE_CHECK_MAX: usize = 40;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    match read_pmedian_str(FILE, &text) {
        Ok(inst) => {
            let n = inst.vertices;
            assert_eq!(inst.distances.len(), n * n);
            assert!(
                inst.p >= 1 && inst.p <= n,
                "p = {} for {n} vertices",
                inst.p
            );
            for i in 0..n {
                assert_eq!(inst.distance(i, i), 0);
                for j in 0..n {
                    assert!(inst.distance(i, j) >= 0);
                    assert_eq!(inst.distance(i, j), inst.distance(j, i));
                }
            }
            if n <= TRIANGLE_CHECK_MAX {
                for i in 0..n {
                    for j in 0..n {
                        for k in 0..n {
                            let via = inst.distance(i, k).saturating_add(inst.distance(k, j));
                            assert!(
                                inst.distance(i, j) <= via,
                                "d({i},{j}) > d({i},{k}) + d({k},{j})"
                            );
                        }
                    }
                }
            }
        }
        Err(err) => assert_io_error_contract(&text, &err),
    }
});
