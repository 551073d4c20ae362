//! Regression tests of defects found by hostile probing: sizes beyond the matrix memory budget
//! are refused at the line that declares them (not an abort on a 320 GB allocation), `.sol`
//! files with lines the format does not have are rejected, and every error message points at a
//! line (`file:LINE:`, LINE >= 1) or says `whole file`.

use gongpei_core::Matrix;
use gongpei_io::{read_instance_str, read_solution_str, Instance, IoError};
use std::fmt::Write as _;
use std::path::Path;

use crate::common::TINY;

fn error_of(name: &str, text: &str) -> IoError {
    match read_instance_str(name, text) {
        Ok(inst) => panic!("{name}: expected an error, read {} fine", inst.name),
        Err(e) => e,
    }
}

fn tiny() -> Instance {
    read_instance_str("tiny.vrp", TINY).unwrap()
}

fn bundled(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../data/instances")
            .join(name),
    )
    .unwrap()
}

/// A complete CVRP file of `n` nodes on a line (every section present, so only the size is
/// wrong with it).
fn vrp_of_size(n: usize) -> String {
    let mut s = format!(
        "NAME : big\nTYPE : CVRP\nDIMENSION : {n}\nCAPACITY : 100\nEDGE_WEIGHT_TYPE : EUC_2D\nNODE_COORD_SECTION\n"
    );
    for i in 1..=n {
        let _ = writeln!(s, "{i} {i} 0");
    }
    s.push_str("DEMAND_SECTION\n");
    for i in 1..=n {
        let _ = writeln!(s, "{i} {}", u8::from(i > 1));
    }
    s.push_str("DEPOT_SECTION\n1\n-1\nEOF\n");
    s
}

#[test]
fn a_dimension_beyond_the_matrix_budget_is_refused_at_its_line() {
    let e = error_of("big.vrp", &vrp_of_size(200_000));
    let text = e.to_string();
    assert!(text.starts_with("big.vrp:3: DIMENSION 200000: "), "{text}");
    assert!(text.contains("320.0 GB"), "{text}");
    assert!(text.contains("at most 23170 locations"), "{text}");
    // Just above the budget is refused too; the budget itself is documented on Matrix.
    let e = error_of("edge.vrp", &vrp_of_size(Matrix::MAX_SIZE + 1));
    assert!(
        e.to_string().starts_with("edge.vrp:3: DIMENSION 23171"),
        "{e}"
    );
}

#[test]
fn a_dimension_of_a_billion_is_refused_without_allocating() {
    let e = error_of(
        "huge.vrp",
        &TINY.replace("DIMENSION : 3", "DIMENSION : 1000000000"),
    );
    assert!(
        e.to_string()
            .starts_with("huge.vrp:3: DIMENSION 1000000000"),
        "{e}"
    );
}

#[test]
fn solomon_and_cordeau_sizes_beyond_the_budget_are_refused() {
    let mut s = String::from("BIG\n\nVEHICLE\nNUMBER     CAPACITY\n  25         200\n\nCUSTOMER\n");
    s.push_str("CUST NO.  XCOORD.   YCOORD.    DEMAND   READY TIME  DUE DATE   SERVICE TIME\n");
    let rows = Matrix::MAX_SIZE + 5;
    for i in 0..rows {
        let _ = writeln!(s, "{i} {} 0 {} 0 1000 0", i % 100, u8::from(i > 0));
    }
    let e = error_of("big.txt", &s);
    // Rows start at line 9; row MAX_SIZE is the first beyond the budget.
    let expected = format!(
        "big.txt:{}: CUSTOMER block of {rows} rows",
        9 + Matrix::MAX_SIZE
    );
    assert!(e.to_string().starts_with(&expected), "{e}");

    let mut c = String::from("2 4 100000 2\n");
    for _ in 0..100_010 {
        c.push_str("0 100\n");
    }
    let e = error_of("big-p.txt", &c);
    assert!(
        e.to_string()
            .starts_with("big-p.txt:1: 100000 customers and 2 depots: "),
        "{e}"
    );
}

#[test]
fn solution_lines_the_format_does_not_have_are_rejected() {
    let inst = tiny();
    let read = |text: &str| read_solution_str(Path::new("s.sol"), text, &inst);
    let e = read("Route #1: 1\nRout #2: 2\nCost 10\n").unwrap_err();
    assert_eq!(
        e.to_string(),
        "s.sol:2: not a line of a .sol file (`Route #K: ...`, `Cost Z`, `VehicleTypes ...` or a header such as `Authors : ...`): `Rout #2: 2`"
    );
    let e = read("Route #1: 1 2\n\u{1}\u{7f}garbage\u{0}\n").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("s.sol:2: not a line of a .sol file"),
        "{e}"
    );
    let e = read("Routes: 1 2\n").unwrap_err();
    assert!(
        e.to_string().starts_with("s.sol:1: expected `Route #K:`"),
        "{e}"
    );
    let e = read("Route #1: 1 2\nCost 10\nCost 11\n").unwrap_err();
    assert_eq!(e.to_string(), "s.sol:3: a second `Cost` line");
    // Binary garbage as read from disk (invalid UTF-8 replaced) is rejected, not "feasible".
    let bytes = [0xffu8, 0xfe, 0x00, 0x13, b'\n', 0x80, 0x81];
    let lossy = String::from_utf8_lossy(&bytes);
    assert!(read(&lossy)
        .unwrap_err()
        .to_string()
        .starts_with("s.sol:1: "));
}

#[test]
fn a_byte_order_mark_is_accepted_explicitly() {
    let inst = tiny();
    let sol = read_solution_str(
        Path::new("s.sol"),
        "\u{feff}Route #1: 1 2\nCost 10\n",
        &inst,
    )
    .unwrap();
    assert_eq!(sol.solution.non_empty_routes().count(), 1);
    assert_eq!(sol.stated_cost, Some(10.0));
    let bom_instance = format!("\u{feff}{TINY}");
    let read = read_instance_str("bom.vrp", &bom_instance).unwrap();
    assert_eq!(read.data.num_clients(), 2);
}

#[test]
fn published_solution_headers_still_read() {
    let inst = tiny();
    let text = "Instance name : tiny\nAuthors       : A. Author\nDate          : 2026\n\
                Reference     : none\nOptimal: True\nComment: test\nSolution\nRoute 1 : 1 2\n";
    let sol = read_solution_str(Path::new("s.sol"), text, &inst).unwrap();
    assert_eq!(sol.solution.non_empty_routes().count(), 1);
}

/// `file:LINE: ...` with LINE >= 1, or `file: whole file: ...`.
fn assert_located(name: &str, e: &IoError) {
    let text = e.to_string();
    let rest = text
        .strip_prefix(name)
        .unwrap_or_else(|| panic!("{text:?} does not start with {name}"));
    let line: usize = rest
        .strip_prefix(':')
        .and_then(|r| r.split(':').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{text:?} has no line"));
    assert!(line >= 1, "{text:?}");
}

#[test]
fn every_error_names_a_line_of_the_file() {
    let c101 = bundled("C101.txt");
    let cases: Vec<(&str, String)> = vec![
        ("no-capacity.vrp", TINY.replace("CAPACITY : 10\n", "")),
        (
            "no-type.vrp",
            TINY.replace("EDGE_WEIGHT_TYPE : EUC_2D\n", ""),
        ),
        ("no-dimension.vrp", TINY.replace("DIMENSION : 3\n", "")),
        (
            "no-coords.vrp",
            TINY.replace("NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 0 4\n", ""),
        ),
        (
            "no-demand.vrp",
            TINY.replace("DEMAND_SECTION\n1 0\n2 5\n3 5\n", ""),
        ),
        ("no-depot.vrp", TINY.replace("DEPOT_SECTION\n1\n-1\n", "")),
        (
            "no-format.vrp",
            TINY.replace("EUC_2D", "EXPLICIT")
                .replace("NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 0 4\n", ""),
        ),
        (
            "no-weights.vrp",
            TINY.replace("EUC_2D", "EXPLICIT\nEDGE_WEIGHT_FORMAT : FULL_MATRIX")
                .replace("NODE_COORD_SECTION\n1 0 0\n2 3 4\n3 0 4\n", ""),
        ),
        ("header-only.vrp", "NAME : x\nDIMENSION : 3\n".into()),
        (
            "no-vehicle-values.txt",
            c101.replacen("VEHICLE", "CUSTOMER\nVEHICLE", 1),
        ),
        (
            "cordeau-short.txt",
            "2 4 2 1\n0 100\n1 0 0 0 5\n\n\n\n\n".into(),
        ),
    ];
    for (name, text) in &cases {
        assert_located(name, &error_of(name, text));
    }
    // No line applies to an empty file or an unknown format: those say so.
    for (name, text) in [
        ("empty.vrp", ""),
        ("blank.vrp", "\n  \n"),
        ("what.txt", "hello\n"),
    ] {
        let e = error_of(name, text);
        assert!(
            e.to_string().starts_with(&format!("{name}: whole file: ")),
            "{e}"
        );
    }
    // A solution for a several-vehicle-type instance without its VehicleTypes line points
    // at the first route.
    let md = read_instance_str("p01.txt", &bundled("p01.txt")).unwrap();
    let e = read_solution_str(Path::new("p.sol"), "Cost 1\nRoute #1: 1\n", &md).unwrap_err();
    assert!(e.to_string().starts_with("p.sol:2: "), "{e}");
}
