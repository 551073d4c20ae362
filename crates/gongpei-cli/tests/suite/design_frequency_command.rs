//! `gongpei design frequency` end to end on the shipped small example (the small preset, seed 1): the JSON curve and village
//! patterns of a short run, its HTML page, and usage errors naming the flag.

use crate::common::{gongpei, scratch_dir, small_example};
use crate::design_command::offline_page;

#[test]
fn prints_the_curve_and_each_villages_pattern_as_json() {
    let file = small_example();
    let page = scratch_dir("design_frequency_command", "html").join("frequency.html");
    let out = gongpei(&[
        "design",
        "frequency",
        file.to_str().unwrap(),
        "--max-wait-days",
        "1,3",
        "--modes",
        "postal_express",
        "--max-moves",
        "2",
        "--json",
        "--quiet",
        "--html",
        page.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let curve = v["curve"].as_array().unwrap();
    assert_eq!(curve.len(), 2);
    let (daily, relaxed) = (&curve[0], &curve[1]);
    assert_eq!(daily["max_wait_days"], 1);
    assert!(relaxed["weekly_cost"].as_f64() <= daily["weekly_cost"].as_f64());
    let week = &v["targets"][1]["modes"][0];
    assert_eq!(week["feasible"], true, "{}", week["violations"]);
    let villages = week["villages"].as_array().unwrap();
    assert_eq!(villages.len() as u64, v["villages"].as_u64().unwrap());
    for village in villages {
        assert!(village["longest_gap_days"].as_u64().unwrap() <= 3);
        assert_eq!(village["days"].as_str().unwrap().len(), 7);
    }
    // The page: offline, the curve's figures, a map layer per target with every village.
    let html = std::fs::read_to_string(&page).unwrap();
    offline_page(&html);
    for p in curve {
        let weekly = p["weekly_cost"].as_f64().unwrap();
        assert!(html.contains(&format!("<td>{weekly:.1}</td>")), "{weekly}");
    }
    for village in villages {
        assert!(html.contains(village["village"].as_str().unwrap()));
    }
    assert_eq!(
        html.matches("\"label\":\"postal_express · at most").count(),
        2
    );
}

#[test]
fn bad_targets_modes_and_townships_are_usage_errors_naming_the_flag() {
    let file = small_example();
    let f = file.to_str().unwrap();
    for (args, flag) in [
        (vec!["--max-wait-days", "2,0"], "--max-wait-days[1]"),
        (vec!["--max-wait-days", "-1"], "--max-wait-days[0]"),
        (vec!["--modes", "teleport"], "--modes"),
        (vec!["--modes", ","], "--modes"),
        (vec!["--townships", "nowhere"], "--townships"),
    ] {
        let mut all = vec!["design", "frequency", f];
        all.extend(args.iter().copied());
        let out = gongpei(&all);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(flag), "{args:?}: {err}");
    }
}
