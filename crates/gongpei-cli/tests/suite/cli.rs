//! The `gongpei` binary end to end: solve and check bundled instances, JSON output, exit codes
//! and clear errors for bad files.

use crate::common::{bundled, gongpei, scratch_dir};
use std::path::PathBuf;

fn temp_dir(tag: &str) -> PathBuf {
    scratch_dir("cli", tag)
}

#[test]
fn solve_json_writes_a_solution_that_check_accepts() {
    let dir = temp_dir("solve");
    let sol = dir.join("A-n32-k5.sol");
    let inst = bundled("A-n32-k5.vrp");
    let out = gongpei(&[
        "solve",
        inst.to_str().unwrap(),
        "--max-iterations",
        "300",
        "--seed",
        "2",
        "--json",
        "--quiet",
        "--out",
        sol.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty(), "--quiet leaves stderr empty");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["instance"], "A-n32-k5");
    assert_eq!(json["feasible"], true);
    assert_eq!(json["bks"], 784.0);
    assert!(json["gap_percent"].as_f64().unwrap() >= 0.0);
    assert_eq!(json["routes"], 5);
    let cost = json["cost"].as_f64().unwrap();

    let out = gongpei(&[
        "check",
        inst.to_str().unwrap(),
        sol.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["feasible"], true);
    assert_eq!(json["cost"].as_f64().unwrap(), cost);
    assert_eq!(json["stated_cost"].as_f64().unwrap(), cost);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn solve_prints_cost_routes_runtime_and_gap() {
    let out = gongpei(&[
        "solve",
        bundled("C101.txt").to_str().unwrap(),
        "--max-iterations",
        "100",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for key in [
        "cost ",
        "routes ",
        "runtime ",
        "bks        827.3 (gap ",
        "feasible   yes",
    ] {
        assert!(text.contains(key), "missing `{key}` in\n{text}");
    }
}

#[test]
fn progress_goes_to_stderr_unless_quiet() {
    let inst = bundled("A-n32-k5.vrp");
    let out = gongpei(&["solve", inst.to_str().unwrap(), "--time-limit", "3"]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8(out.stderr).unwrap();
    // Debug builds may still be building the first solutions when the lines appear, so the gap
    // (shown once a feasible solution exists) is not required here.
    assert!(err.contains(" s ") && err.contains(" it  best "), "{err}");
}

#[test]
fn check_rejects_an_infeasible_or_misstated_solution_with_exit_3() {
    let dir = temp_dir("check");
    let inst = bundled("P-n16-k8.vrp");
    let shipped = std::fs::read_to_string(bundled("P-n16-k8.sol")).unwrap();
    // Wrong cost line.
    let wrong_cost = dir.join("cost.sol");
    std::fs::write(&wrong_cost, shipped.replace("Cost 450", "Cost 449")).unwrap();
    let out = gongpei(&[
        "check",
        inst.to_str().unwrap(),
        wrong_cost.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("stated cost 449 differs"));
    // A missing client.
    let first_route = shipped.lines().next().unwrap();
    let dropped = first_route.trim_end().rsplit_once(' ').unwrap().0;
    let missing = dir.join("missing.sol");
    std::fs::write(&missing, shipped.replacen(first_route, dropped, 1)).unwrap();
    let out = gongpei(&["check", inst.to_str().unwrap(), missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("is not visited"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn bad_files_exit_1_with_file_and_line() {
    let dir = temp_dir("bad");
    let bad = dir.join("bad.vrp");
    let text = std::fs::read_to_string(bundled("A-n32-k5.vrp")).unwrap();
    std::fs::write(&bad, text.replacen("CAPACITY : 100", "CAPACITY : lots", 1)).unwrap();
    let out = gongpei(&["solve", bad.to_str().unwrap(), "--quiet"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with("gongpei: ") && err.contains("bad.vrp:6: CAPACITY"),
        "{err}"
    );

    let out = gongpei(&["solve", dir.join("absent.vrp").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("absent.vrp"));

    let out = gongpei(&[
        "check",
        bundled("A-n32-k5.vrp").to_str().unwrap(),
        bundled("C101.sol").to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "client ids beyond the instance are an error"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("C101.sol:1: client id"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(gongpei(&["solve"]).status.code(), Some(2));
    let inst = bundled("A-n32-k5.vrp");
    assert_eq!(
        gongpei(&["solve", inst.to_str().unwrap(), "--time-limit", "-1"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        gongpei(&["solve", inst.to_str().unwrap(), "--threads", "0"])
            .status
            .code(),
        Some(2)
    );
}
