//! `gongpei scenario template|tables|build` end to end, and the whole way round: the small
//! preset written as tables, built back (CSV and .xlsx) into an identical scenario, whose
//! comparison plans the independent checker accepts; and `scenario compare --fee-range`.

use crate::common::gongpei;
use std::path::{Path, PathBuf};
use std::process::Output;

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn temp(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("gongpei-cli-tables-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn small_preset_as_tables_builds_back_and_compares_feasibly() {
    let dir = temp("e2e");
    let json = dir.join("small.json");
    ok(&gongpei(&[
        "scenario",
        "generate",
        "--preset",
        "small",
        "--out",
        s(&json),
    ]));

    let csv = dir.join("tables");
    ok(&gongpei(&["scenario", "tables", s(&json), s(&csv)]));
    assert!(csv.join("sites.csv").is_file() && csv.join("demand.csv").is_file());
    let built = dir.join("built.json");
    let out = gongpei(&["scenario", "build", s(&csv), "--out", s(&built)]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("valid scenario \"small\""));
    assert_eq!(
        std::fs::read(&json).unwrap(),
        std::fs::read(&built).unwrap(),
        "tables then build gives the same scenario file"
    );

    let book = dir.join("small.xlsx");
    ok(&gongpei(&[
        "scenario",
        "tables",
        s(&json),
        s(&book),
        "--xlsx",
    ]));
    let built_xlsx = dir.join("built_xlsx.json");
    ok(&gongpei(&[
        "scenario",
        "build",
        s(&book),
        "--out",
        s(&built_xlsx),
    ]));
    assert_eq!(
        std::fs::read(&json).unwrap(),
        std::fs::read(&built_xlsx).unwrap()
    );

    let report = dir.join("compare");
    let text = ok(&gongpei(&[
        "scenario",
        "compare",
        s(&built),
        "--out",
        s(&report),
        "--allocate",
        "none",
    ]));
    for mode in [
        "separate",
        "postal_express",
        "transport_postal",
        "combined",
        "express_pool",
        "express_pool_single",
        "commerce",
    ] {
        let line = text
            .lines()
            .find(|l| l.starts_with(mode) && l.contains("cost parts"))
            .unwrap_or_else(|| panic!("no cost line for {mode}:\n{text}"));
        assert!(line.contains("check: feasible"), "{line}");
    }
    let compare: serde_json::Value =
        serde_json::from_slice(&std::fs::read(report.join("compare.json")).unwrap()).unwrap();
    let modes = compare["modes"].as_array().unwrap();
    assert_eq!(modes.len(), 7);
    for m in modes {
        assert_eq!(
            m["check"]["errors"].as_array().map(Vec::len),
            Some(0),
            "{}",
            m["mode"]
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn template_explains_every_column_in_comment_rows() {
    let dir = temp("template");
    let out = gongpei(&["scenario", "template", s(&dir)]);
    ok(&out);
    let sites = std::fs::read_to_string(dir.join("sites.csv")).unwrap();
    // Cells holding commas are quoted, so a comment row may start with `"#`.
    let lines: Vec<&str> = sites.lines().map(|l| l.trim_start_matches('"')).collect();
    assert!(lines[0].starts_with("# sites: required table."), "{sites}");
    assert!(
        lines[1].starts_with("id,name,code,tier,lon,lat,crs,township"),
        "{sites}"
    );
    assert!(
        lines[2].starts_with("# required · text · Unique site id"),
        "{sites}"
    );
    let costs = std::fs::read_to_string(dir.join("costs.csv")).unwrap();
    assert!(
        costs.contains("shared_hub,,required · id in sites"),
        "{costs}"
    );

    let book = dir.join("t.xlsx");
    ok(&gongpei(&["scenario", "template", s(&book), "--xlsx"]));
    assert!(book.is_file());
    // An empty template is not a scenario: build says which required values are missing.
    let out = gongpei(&["scenario", "build", s(&book)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}, sheet costs, row ", book.display()))
            && err.contains("column value: empty value; key \"shared_hub\" is required"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_tables_exit_1_naming_file_line_and_column() {
    let dir = temp("bad");
    let json = dir.join("small.json");
    ok(&gongpei(&[
        "scenario",
        "generate",
        "--preset",
        "small",
        "--out",
        s(&json),
    ]));
    let csv = dir.join("tables");
    ok(&gongpei(&["scenario", "tables", s(&json), s(&csv)]));
    let path = csv.join("demand.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[0] = lines[0].replace("parcels_in", "parcel_in");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let out = gongpei(&[
        "scenario",
        "build",
        s(&csv),
        "--out",
        s(&dir.join("x.json")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!(
            "{}, line 1, column parcel_in: unknown column \"parcel_in\" in table demand (did you mean \"parcels_in\"?)",
            path.display()
        )),
        "{err}"
    );
    assert!(!dir.join("x.json").exists(), "no output on error");

    let out = gongpei(&["scenario", "build", s(&dir.join("nowhere"))]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such folder or workbook"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn compare_with_fee_range_reports_each_bus_line_and_the_stakeholders() {
    let dir = temp("fee-range");
    let json = dir.join("small.json");
    ok(&gongpei(&[
        "scenario",
        "generate",
        "--preset",
        "small",
        "--out",
        s(&json),
    ]));
    let report = dir.join("compare");
    let text = ok(&gongpei(&[
        "scenario",
        "compare",
        s(&json),
        "--out",
        s(&report),
        "--allocate",
        "none",
        "--modes",
        "transport_postal",
        "--iterations",
        "0",
        "--fee-range",
    ]));
    assert!(text.contains("Bus fee range per line"), "{text}");
    assert!(text.contains("Stakeholders' net cost"), "{text}");
    let compare: serde_json::Value =
        serde_json::from_slice(&std::fs::read(report.join("compare.json")).unwrap()).unwrap();
    let ranges = compare["fee_ranges"].as_array().expect("fee_ranges");
    assert_eq!(
        ranges.len(),
        2,
        "the small preset has one line, both directions"
    );
    for r in ranges {
        assert!(r["plans"].as_u64().unwrap() > 0, "{r}");
    }
    let csv = std::fs::read_to_string(report.join("tables/fee_ranges.csv")).unwrap();
    assert!(csv.starts_with("line,operator,fee_per_parcel_cny"), "{csv}");
    let stakeholders = std::fs::read_to_string(report.join("tables/stakeholders.csv")).unwrap();
    assert!(stakeholders.contains("station_keepers"), "{stakeholders}");
    // Without the flag there is no fee range.
    let plain = dir.join("plain");
    ok(&gongpei(&[
        "scenario",
        "compare",
        s(&json),
        "--out",
        s(&plain),
        "--allocate",
        "none",
        "--modes",
        "transport_postal",
        "--iterations",
        "0",
    ]));
    let compare: serde_json::Value =
        serde_json::from_slice(&std::fs::read(plain.join("compare.json")).unwrap()).unwrap();
    assert!(compare["fee_ranges"].is_null());
    std::fs::remove_dir_all(&dir).ok();
}
