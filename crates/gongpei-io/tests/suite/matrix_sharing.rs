//! Memory at scale: readers whose durations equal their distances hand the model one shared
//! matrix (a 10,000-location matrix is 800 MB), and building the matrix in model order (depot
//! first) from a file whose depot is not node 1 keeps every entry in its place.

use crate::common::bundled;
use gongpei_io::{read_instance, read_instance_str};

#[test]
fn distance_and_duration_share_storage_in_every_equal_time_format() {
    for file in ["X-n101-k25.vrp", "E-n13-k4.vrp", "C101.txt", "p01.txt"] {
        let inst = read_instance(bundled().join(file)).unwrap_or_else(|e| panic!("{e}"));
        for p in 0..inst.data.num_profiles() {
            let (d, t) = (inst.data.distance_matrix(p), inst.data.duration_matrix(p));
            assert!(d.shares_storage_with(t), "{file} profile {p}: two copies");
        }
    }
}

/// Three nodes on a line at x = 0, 3, 7; the depot is node 3 (x = 7).
const DEPOT_LAST_EUC: &str = "NAME : line
TYPE : CVRP
DIMENSION : 3
EDGE_WEIGHT_TYPE : EUC_2D
CAPACITY : 10
NODE_COORD_SECTION
1 0 0
2 3 0
3 7 0
DEMAND_SECTION
1 1
2 1
3 0
DEPOT_SECTION
3
-1
EOF
";

#[test]
fn coordinates_are_reordered_depot_first() {
    let inst = read_instance_str("line.vrp", DEPOT_LAST_EUC).unwrap();
    let m = inst.data.distance_matrix(0);
    // Model order: depot (node 3), node 1, node 2.
    assert_eq!(inst.node_ids, vec![1, 2]);
    assert_eq!((m.get(0, 1), m.get(0, 2), m.get(1, 2)), (7, 4, 3));
    assert_eq!((m.get(1, 0), m.get(2, 0), m.get(2, 1)), (7, 4, 3));
}

#[test]
fn explicit_weights_are_reordered_depot_first() {
    // Asymmetric FULL_MATRIX: d(i, j) = 10 * i + j for file nodes i, j in 1..=3, depot node 2.
    let text = "NAME : asym
TYPE : ACVRP
DIMENSION : 3
EDGE_WEIGHT_TYPE : EXPLICIT
EDGE_WEIGHT_FORMAT : FULL_MATRIX
CAPACITY : 10
EDGE_WEIGHT_SECTION
0 12 13
21 0 23
31 32 0
DEMAND_SECTION
1 1
2 0
3 1
DEPOT_SECTION
2
-1
EOF
";
    let inst = read_instance_str("asym.vrp", text).unwrap();
    let m = inst.data.distance_matrix(0);
    // Model order: node 2 (depot), node 1, node 3.
    let file_node = [2, 1, 3];
    for a in 0..3 {
        for b in 0..3 {
            let expected = if a == b {
                0
            } else {
                10 * file_node[a] + file_node[b]
            };
            assert_eq!(m.get(a, b), expected, "entry ({a}, {b})");
        }
    }
}
