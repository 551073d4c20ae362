//! Malformed input: truncated files, bad numbers, wrong dimensions and missing sections give an
//! error naming file and line; random garbage and random mutations of real files never panic.

use crate::common::{bundled, TINY};
use gongpei_io::{read_instance_str, read_solution_str, IoError};
use proptest::prelude::*;
use std::path::Path;

/// The message of a read that must fail (without printing a whole instance when it does not).
fn message(result: Result<gongpei_io::Instance, IoError>) -> String {
    match result {
        Ok(inst) => panic!("expected an error, read {} fine", inst.name),
        Err(e) => e.to_string(),
    }
}

fn error_of(text: &str) -> String {
    message(read_instance_str("bad.vrp", text))
}

#[test]
fn tiny_file_reads() {
    let inst = read_instance_str("tiny.vrp", TINY).unwrap();
    assert_eq!(inst.data.num_clients(), 2);
}

#[test]
fn bad_numbers_name_the_line() {
    assert_eq!(
        error_of(&TINY.replace("2 3 4", "2 3 x4")),
        "bad.vrp:8: y coordinate: expected a number, found `x4`"
    );
    assert_eq!(
        error_of(&TINY.replace("3 5\n", "3 5.5\n")),
        "bad.vrp:13: demand: expected an integer, found `5.5`"
    );
    assert_eq!(
        error_of(&TINY.replace("CAPACITY : 10", "CAPACITY : ten")),
        "bad.vrp:4: CAPACITY: expected an integer, found `ten`"
    );
    assert!(error_of(&TINY.replace("2 3 4", "2 3 NaN")).starts_with("bad.vrp:8:"));
    assert!(error_of(&TINY.replace("2 3 4", "2 3 1e400")).starts_with("bad.vrp:8:"));
}

#[test]
fn wrong_dimension_is_reported() {
    let e = error_of(&TINY.replace("DIMENSION : 3", "DIMENSION : 4"));
    assert!(e.contains("node 4 is missing (DIMENSION is 4)"), "{e}");
    let e = error_of(&TINY.replace("DIMENSION : 3", "DIMENSION : 2"));
    assert!(e.contains("node id 3 outside 1..=2"), "{e}");
    let e = error_of(&TINY.replace("3 0 4\n", "2 0 4\n"));
    assert!(
        e.contains("bad.vrp:9: NODE_COORD_SECTION: node 2 appears twice"),
        "{e}"
    );
    let e = error_of(&TINY.replace("DIMENSION : 3", "DIMENSION : 1"));
    assert!(e.contains("DIMENSION must be at least 2"), "{e}");
}

#[test]
fn missing_sections_and_fields_are_reported() {
    let no_demand = TINY.replace("DEMAND_SECTION\n1 0\n2 5\n3 5\n", "");
    assert!(error_of(&no_demand).contains("missing DEMAND_SECTION"));
    let no_depot = TINY.replace("DEPOT_SECTION\n1\n-1\n", "");
    assert!(error_of(&no_depot).contains("missing DEPOT_SECTION"));
    assert!(error_of(&TINY.replace("CAPACITY : 10\n", "")).contains("missing field CAPACITY"));
    assert!(
        error_of(&TINY.replace("EDGE_WEIGHT_TYPE : EUC_2D", "EDGE_WEIGHT_TYPE : GEO"))
            .contains("bad.vrp:5: EDGE_WEIGHT_TYPE GEO is not supported")
    );
    assert!(error_of(&TINY.replace("1\n-1", "7\n-1")).contains("depot 7 outside 1..=3"));
}

#[test]
fn impossible_problems_are_model_errors() {
    // A demand over the capacity is rejected by the model with the client named.
    let Err(e) = read_instance_str("bad.vrp", &TINY.replace("2 5", "2 50")) else {
        panic!("a demand over capacity must be rejected");
    };
    assert!(matches!(e, IoError::Model { .. }), "{e}");
    assert!(e.to_string().contains("client 0"), "{e}");
}

#[test]
fn explicit_matrix_of_wrong_size_is_reported() {
    let text = std::fs::read_to_string(bundled().join("E-n13-k4.vrp")).unwrap();
    let short = text.replacen(
        "    14    16    12    12    20     8    10    10\n",
        "    14    16    12\n",
        1,
    );
    assert_ne!(short, text);
    let e = message(read_instance_str("E.vrp", &short));
    assert!(
        e.contains("EDGE_WEIGHT_SECTION has 73 entries, LOWER_ROW with DIMENSION 13 needs 78"),
        "{e}"
    );
}

#[test]
fn solomon_and_cordeau_errors_name_the_line() {
    let text = std::fs::read_to_string(bundled().join("C101.txt")).unwrap();
    let line11 = text.lines().nth(10).unwrap();
    let e = message(read_instance_str(
        "C.txt",
        &text.replacen(line11, &line11.replace("68", "6x8"), 1),
    ));
    assert!(e.starts_with("C.txt:11: y: expected a number"), "{e}");
    let line5 = text.lines().nth(4).unwrap();
    let e = message(read_instance_str("C.txt", &text.replacen(line5, "  25", 1)));
    assert!(e.contains("C.txt:5: expected two values"), "{e}");
    let e = message(read_instance_str(
        "C.txt",
        &text
            .lines()
            .map(|l| {
                if l.trim() == "CUSTOMER" {
                    "CUSTOMERS"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
    ));
    assert!(e.contains("unrecognised instance format"), "{e}");
    let p01 = std::fs::read_to_string(bundled().join("p01.txt")).unwrap();
    let cut: String = p01.lines().take(20).map(|l| format!("{l}\n")).collect();
    let e = message(read_instance_str("p.txt", &cut));
    assert!(
        e.contains("p.txt:1: 50 customers and 4 depots need more lines"),
        "{e}"
    );
    // Enough lines in total, but the depots are missing: the line count check passes and the
    // reader runs out while reading depots.
    let no_depots: String = p01.lines().take(55).map(|l| format!("{l}\n")).collect();
    let padded = format!("{no_depots}\n\n\n\n");
    let e = message(read_instance_str("p.txt", &padded));
    assert!(e.contains("file ends before depot 1"), "{e}");
    let e = message(read_instance_str(
        "p.txt",
        &p01.replacen("2 4 50 4", "3 4 50 4", 1),
    ));
    assert!(e.contains("p.txt:1: problem type 3 is not an MDVRP"), "{e}");
}

#[test]
fn every_truncation_of_every_bundled_file_fails_cleanly_or_reads() {
    for path in crate::common::instance_files(&bundled()) {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        // Every line count for small files, a spread of cut points for larger ones.
        let step = (lines.len() / 60).max(1);
        for keep in (0..lines.len()).step_by(step) {
            let cut = lines[..keep].join("\n");
            if let Err(e) = read_instance_str(&path, &cut) {
                assert!(
                    e.to_string().starts_with(&path.display().to_string()),
                    "{e}"
                );
            }
        }
    }
}

#[test]
fn malformed_solution_files_name_the_line() {
    let inst = read_instance_str("tiny.vrp", TINY).unwrap();
    let e = read_solution_str(Path::new("s.sol"), "Route #1: 1 9\n", &inst).unwrap_err();
    assert_eq!(
        e.to_string(),
        "s.sol:1: client id 9 does not exist in instance tiny"
    );
    let e = read_solution_str(Path::new("s.sol"), "Route #1: 1\nRoute #2 2\n", &inst).unwrap_err();
    assert_eq!(e.to_string(), "s.sol:2: route line without `:`");
    let e = read_solution_str(Path::new("s.sol"), "Route #1: 1 2\nCost abc\n", &inst).unwrap_err();
    assert_eq!(
        e.to_string(),
        "s.sol:2: cost: expected a number, found `abc`"
    );
}

fn mutate(text: &str, ops: &[(usize, u8, u8)]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for &(pos, kind, byte) in ops {
        if bytes.is_empty() {
            break;
        }
        let at = pos % bytes.len();
        match kind % 4 {
            0 => bytes[at] = byte,
            1 => {
                bytes.remove(at);
            }
            2 => bytes.insert(at, byte),
            _ => bytes.truncate(at),
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn random_garbage_never_panics(text in "\\PC{0,400}") {
        let _ = read_instance_str("g.vrp", &text);
    }

    #[test]
    fn vrplib_like_garbage_never_panics(lines in proptest::collection::vec(
        prop_oneof![
            Just("DIMENSION : 3".to_string()), Just("CAPACITY : 5".to_string()),
            Just("EDGE_WEIGHT_TYPE : EXPLICIT".to_string()),
            Just("EDGE_WEIGHT_FORMAT : FULL_MATRIX".to_string()),
            Just("EDGE_WEIGHT_TYPE : EUC_2D".to_string()), Just("NODE_COORD_SECTION".to_string()),
            Just("DEMAND_SECTION".to_string()), Just("DEPOT_SECTION".to_string()),
            Just("EDGE_WEIGHT_SECTION".to_string()),
            Just("PICKUP_AND_DELIVERY_SECTION".to_string()),
            Just("-1".to_string()), "[0-9 -]{0,20}",
        ], 0..30)) {
        let _ = read_instance_str("g.vrp", &lines.join("\n"));
    }

    #[test]
    fn mutated_real_files_never_panic(
        file in 0usize..13,
        ops in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6),
    ) {
        let files = crate::common::instance_files(&bundled());
        let path = &files[file % files.len()];
        let text = std::fs::read_to_string(path).unwrap();
        let _ = read_instance_str(path, &mutate(&text, &ops));
    }

    #[test]
    fn mutated_solution_files_never_panic(
        ops in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6),
    ) {
        let path = bundled().join("A-n32-k5.vrp");
        let inst = gongpei_io::read_instance(&path).unwrap();
        let text = std::fs::read_to_string(path.with_extension("sol")).unwrap();
        if let Ok(file) = read_solution_str(Path::new("m.sol"), &mutate(&text, &ops), &inst) {
            let _ = gongpei_io::check(&inst, &file.solution);
        }
    }
}

#[test]
fn absurd_sizes_are_rejected_without_allocating() {
    let e = error_of(&TINY.replace("DIMENSION : 3", "DIMENSION : 99999999999"));
    assert!(
        e.contains("bad.vrp:3: DIMENSION 99999999999 exceeds"),
        "{e}"
    );
    let p01 = std::fs::read_to_string(bundled().join("p01.txt")).unwrap();
    let e = message(read_instance_str(
        "p.txt",
        &p01.replacen("2 4 50 4", "2 4 5000000000000 4", 1),
    ));
    assert!(
        e.contains("p.txt:1:") && e.contains("need more lines"),
        "{e}"
    );
}

/// A three-node prize collecting file (PyVRP's PCVRPTW dialect) that the tests below break.
const PRIZES: &str = "NAME : p
TYPE : PCVRPTW
DIMENSION : 3
VEHICLES : 2
CAPACITY : 10
SERVICE_TIME : 9
EDGE_WEIGHT_TYPE : EUC_2D
NODE_COORD_SECTION
1 0 0
2 3 4
3 0 4
DEMAND_SECTION
1 0
2 5
3 5
PRIZE_SECTION
1 0
2 7
3 8
DEPOT_SECTION
1
-1
EOF
";

/// A three-node file listing its two vehicles one by one (PyVRP's HFVRP dialect).
const LISTED: &str = "NAME : h
TYPE : HFVRP
DIMENSION : 3
VEHICLES : 2
EDGE_WEIGHT_TYPE : EUC_2D
NODE_COORD_SECTION
1 0 0
2 3 4
3 0 4
DEMAND_SECTION
1 0
2 5
3 5
CAPACITY_SECTION
1 10
2 20
VEHICLES_FIXED_COST_SECTION
1 100
2 300
VEHICLES_UNIT_DISTANCE_COST_SECTION
1 100
2 150
DEPOT_SECTION
1
-1
EOF
";

#[test]
fn prize_and_service_time_errors_name_the_line() {
    assert!(read_instance_str("p.vrp", PRIZES).is_ok());
    assert_eq!(
        error_of(&PRIZES.replace("2 7\n", "2 seven\n")),
        "bad.vrp:18: prize: expected a number, found `seven`"
    );
    assert_eq!(
        error_of(&PRIZES.replace("2 7\n", "2 -7\n")),
        "bad.vrp:18: prize -7 is negative"
    );
    assert_eq!(
        error_of(&PRIZES.replace("3 8\n", "")),
        "bad.vrp:16: PRIZE_SECTION: node 3 is missing (DIMENSION is 3)"
    );
    assert_eq!(
        error_of(&PRIZES.replace("2 7\n", "2\n")),
        "bad.vrp:18: PRIZE_SECTION: node 2 has 0 values, expected 1"
    );
    assert_eq!(
        error_of(&PRIZES.replace("SERVICE_TIME : 9", "SERVICE_TIME : nine")),
        "bad.vrp:6: SERVICE_TIME: expected a number, found `nine`"
    );
    assert_eq!(
        error_of(&PRIZES.replace("SERVICE_TIME : 9", "SERVICE_TIME : -9")),
        "bad.vrp:6: SERVICE_TIME -9 is negative"
    );
    assert_eq!(
        error_of(&PRIZES.replace(
            "DEPOT_SECTION",
            "SERVICE_TIME_SECTION\n1 0\n2 1\n3 1\nDEPOT_SECTION"
        )),
        "bad.vrp:20: SERVICE_TIME_SECTION and the SERVICE_TIME field (line 6) both give service times"
    );
}

#[test]
fn listed_vehicle_errors_name_the_line() {
    let inst = read_instance_str("h.vrp", LISTED).unwrap();
    assert_eq!(inst.data.num_vehicle_types(), 2);
    assert_eq!(
        error_of(&LISTED.replace("VEHICLES : 2\n", "")),
        "bad.vrp:13: vehicles listed one by one need the field VEHICLES (their number)"
    );
    assert_eq!(
        error_of(&LISTED.replace("VEHICLES : 2", "VEHICLES : 3")),
        "bad.vrp:14: CAPACITY_SECTION: vehicle 3 is missing (VEHICLES is 3)"
    );
    assert_eq!(
        error_of(&LISTED.replace("VEHICLES : 2", "VEHICLES : 1")),
        "bad.vrp:16: CAPACITY_SECTION: vehicle id 2 outside 1..=1 (VEHICLES)"
    );
    assert_eq!(
        error_of(&LISTED.replace("VEHICLES : 2", "VEHICLES : 0")),
        "bad.vrp:4: VEHICLES 0 must be positive"
    );
    let e = error_of(&LISTED.replace("VEHICLES : 2", "VEHICLES : 99999999999"));
    assert!(
        e.starts_with("bad.vrp:4: VEHICLES 99999999999 exceeds the 26 lines"),
        "{e}"
    );
    assert_eq!(
        error_of(&LISTED.replace("2 20\n", "1 20\n")),
        "bad.vrp:16: CAPACITY_SECTION: vehicle 1 appears twice"
    );
    assert_eq!(
        error_of(&LISTED.replace("2 20\n", "2 -20\n")),
        "bad.vrp:16: vehicle capacity -20 is negative"
    );
    assert_eq!(
        error_of(&LISTED.replace("2 300\n", "2 lots\n")),
        "bad.vrp:19: vehicle fixed cost: expected a number, found `lots`"
    );
    assert_eq!(
        error_of(&LISTED.replace("2 300\n", "2 -300\n")),
        "bad.vrp:19: vehicle fixed cost -300 is negative"
    );
    assert_eq!(
        error_of(&LISTED.replace("2 150\n", "2 -150\n")),
        "bad.vrp:22: vehicle unit distance cost: expected a non-negative integer, found `-150`"
    );
    // Without a CAPACITY_SECTION the CAPACITY field is every vehicle's, and then it is needed.
    let no_capacities = LISTED.replace("CAPACITY_SECTION\n1 10\n2 20\n", "");
    assert_eq!(
        error_of(&no_capacities),
        "bad.vrp:4: the vehicles have no capacity: give CAPACITY or a CAPACITY_SECTION"
    );
    let with_field = no_capacities.replace("VEHICLES : 2", "VEHICLES : 2\nCAPACITY : 15");
    let inst = read_instance_str("h.vrp", &with_field).unwrap();
    assert!(inst
        .data
        .vehicle_types()
        .iter()
        .all(|t| t.capacity == vec![15]));
    // Costs too large to price are refused by the model, still naming the file.
    let e = error_of(&LISTED.replace("2 150\n", "2 900000000000000000\n"));
    assert!(e.starts_with("bad.vrp"), "{e}");
}

#[test]
fn backhaul_errors_name_the_line() {
    let vrpb = TINY.replace("TYPE : CVRP", "TYPE : VRPB").replace(
        "DEPOT_SECTION",
        "BACKHAUL_SECTION\n1 0\n2 0\n3 6\nDEPOT_SECTION",
    );
    assert!(error_of(&vrpb).starts_with("bad.vrp:2: VRP with backhauls"));
    let mixed = gongpei_io::ReadOptions {
        vrpb_mixed: true,
        ..Default::default()
    };
    let read = |text: &str| {
        gongpei_io::read_instance_str_with("bad.vrp", text, &mixed)
            .map(|i| i.data.client(1).pickup.clone())
            .map_err(|e| e.to_string())
    };
    assert_eq!(read(&vrpb).unwrap(), vec![6]);
    assert_eq!(
        read(&vrpb.replace("3 6\n", "3 six\n")).unwrap_err(),
        "bad.vrp:17: backhaul demand: expected an integer, found `six`"
    );
    assert_eq!(
        read(&vrpb.replace("3 6\n", "")).unwrap_err(),
        "bad.vrp:14: BACKHAUL_SECTION: node 3 is missing (DIMENSION is 3)"
    );
    // A BACKHAUL_SECTION without the TYPE is refused at the section.
    let untyped = vrpb.replace("TYPE : VRPB", "TYPE : CVRP");
    assert!(error_of(&untyped).starts_with("bad.vrp:14: VRP with backhauls"));
    assert_eq!(
        read(&TINY.replace("TYPE : CVRP", "TYPE : VRPB")).unwrap_err(),
        "bad.vrp:17: TYPE VRPB needs a BACKHAUL_SECTION (the file ends here)"
    );
}
