//! `gongpei scenario validate` finds what `compare` would reject (regressions of hostile
//! probing: day end 0, 60 s shifts, a fixed cost of 1e308, no demand, text after the JSON),
//! each with its JSON path, and `compare` names the same path instead of engine indices.

use crate::common::{gongpei, scratch_dir};
use std::path::{Path, PathBuf};

fn temp_dir(tag: &str) -> PathBuf {
    scratch_dir("probe", tag)
}

fn small(dir: &Path) -> serde_json::Value {
    let file = dir.join("small.json");
    let out = gongpei(&[
        "scenario",
        "generate",
        "--preset",
        "small",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

#[test]
fn validate_finds_what_compare_would_reject() {
    let dir = temp_dir("validate");
    let base = small(&dir);
    type Edit = fn(&mut serde_json::Value);
    let cases: [(&str, Edit, &str); 4] = [
        (
            "day-end",
            |v| v["costs"]["day_end_s"] = 0.into(),
            "costs.day_end_s",
        ),
        (
            "shift",
            |v| {
                for t in v["vehicle_types"].as_array_mut().unwrap() {
                    t["max_shift_s"] = 60.into();
                }
            },
            "vehicle_types[0].max_shift_s",
        ),
        (
            "fixed-cost",
            |v| v["vehicle_types"][0]["fixed_cost_per_day"] = 1e308.into(),
            "vehicle_types[0].fixed_cost_per_day",
        ),
        (
            "no-demand",
            |v| v["demand"] = serde_json::json!([]),
            "demand:",
        ),
    ];
    for (name, edit, path) in cases {
        let mut v = base.clone();
        edit(&mut v);
        let file = dir.join(format!("{name}.json"));
        std::fs::write(&file, serde_json::to_string_pretty(&v).unwrap()).unwrap();
        let out = gongpei(&["scenario", "validate", file.to_str().unwrap()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(path), "{name}: {err}");
        assert!(!err.contains("9223372036854775807"), "{name}: {err}");
    }

    // compare stops at the same field, before planning, without engine indices.
    let out = gongpei(&[
        "scenario",
        "compare",
        dir.join("shift.json").to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
        "--allocate",
        "none",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("vehicle_types[0].max_shift_s"), "{err}");
    assert!(!err.contains("client 0"), "{err}");

    let trailing = dir.join("trailing.json");
    let text = serde_json::to_string_pretty(&base).unwrap();
    std::fs::write(&trailing, format!("{text}\n{{}}\n")).unwrap();
    let out = gongpei(&["scenario", "validate", trailing.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let expected = format!("(line {}, column", text.lines().count() + 1);
    assert!(err.contains(&expected), "{err}");
}
