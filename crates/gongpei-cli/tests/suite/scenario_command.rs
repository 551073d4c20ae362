//! `gongpei scenario ...` end to end: generate, validate, schema, geojson, and clear errors.

use crate::common::gongpei;

#[test]
fn generate_then_validate_and_export() {
    let dir = std::env::temp_dir().join(format!("gongpei-scenario-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("small.json");
    let out = gongpei(&[
        "scenario",
        "generate",
        "--preset",
        "small",
        "--seed",
        "3",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = gongpei(&["scenario", "generate", "--preset", "small", "--seed", "3"]);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        again.stdout,
        "same seed, same file"
    );

    let out = gongpei(&["scenario", "validate", file.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("valid scenario \"small\""));

    let out = gongpei(&["scenario", "geojson", file.to_str().unwrap()]);
    let fc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fc["type"], "FeatureCollection");

    let out = gongpei(&["scenario", "schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "Scenario");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn errors_exit_non_zero_with_the_json_path() {
    let dir = std::env::temp_dir().join(format!("gongpei-scenario-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.json");
    let small = gongpei(&["scenario", "generate", "--preset", "small"]).stdout;
    let mut v: serde_json::Value = serde_json::from_slice(&small).unwrap();
    v["demand"][2]["parcels_in"] = serde_json::json!(-1);
    std::fs::write(&file, serde_json::to_string(&v).unwrap()).unwrap();
    let out = gongpei(&["scenario", "validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("demand[2].parcels_in: must be >= 0"));

    let out = gongpei(&["scenario", "generate", "--preset", "atlantis"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown preset \"atlantis\""));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn generate_any_district_folder_with_calibration_flags() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/districts/handmade");
    let out = gongpei(&[
        "scenario",
        "generate",
        "--division",
        folder,
        "--set",
        "bus_lines=1",
        "--parcels-per-day",
        "800",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let scenario = gongpei_scenario::from_json_str(&text, "stdout").unwrap();
    assert_eq!(scenario.name, "990101-样例县");
    assert_eq!(scenario.bus_lines.len(), 2);
    assert!(
        text.contains("\\\"parcels_per_day\\\":800.0"),
        "calibration recorded"
    );
    let printed = gongpei(&[
        "scenario",
        "generate",
        "--division",
        folder,
        "--print-calibration",
    ]);
    assert!(String::from_utf8_lossy(&printed.stdout).contains("\"hull_margin_km\": 5.0"));
    let bad = gongpei(&[
        "scenario",
        "generate",
        "--division",
        folder,
        "--set",
        "bus_line=2",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("bus_line"));
    let both = gongpei(&[
        "scenario",
        "generate",
        "--division",
        folder,
        "--preset",
        "small",
    ]);
    assert!(!both.status.success());
}
