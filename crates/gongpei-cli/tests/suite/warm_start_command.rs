//! `gongpei solve --initial FILE.sol [--fix-routes K,...] [--pin-clients ID,...]`: the answer is
//! never worse than the start, fixed routes come back unchanged, pinned clients stay in their
//! route, the same seed and start give the same file, and a bad start, route number or client
//! exits 1 (2 for an id the instance lacks) naming the file and route.

use super::common::{bundled, gongpei, scratch_dir};

fn text(out: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn routes(sol: &str) -> Vec<String> {
    sol.lines()
        .filter(|l| l.starts_with("Route"))
        .map(|l| l.split_once(':').unwrap().1.trim().to_string())
        .collect()
}

#[test]
fn a_warm_start_keeps_its_cost_and_fixed_routes() {
    let dir = scratch_dir("warm", "keeps");
    let inst = bundled("X-n101-k25.vrp");
    // A quick, unpolished cold solution to start from.
    let first = dir.join("first.sol");
    let out = gongpei(&[
        "solve",
        inst.to_str().unwrap(),
        "--max-iterations",
        "5",
        "--quiet",
        "--json",
        "--out",
        first.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    let cold: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let start_cost = cold["cost_integer"].as_i64().unwrap();
    let start_routes = routes(&std::fs::read_to_string(&first).unwrap());

    let warm = |fix: Option<&str>, iterations: &str, file: &str| {
        let target = dir.join(file);
        let mut args = vec![
            "solve",
            inst.to_str().unwrap(),
            "--initial",
            first.to_str().unwrap(),
            "--max-iterations",
            iterations,
            "--seed",
            "4",
            "--quiet",
            "--json",
        ];
        if let Some(fix) = fix {
            args.extend(["--fix-routes", fix]);
        }
        let target_str = target.to_str().unwrap().to_string();
        args.extend(["--out", &target_str]);
        let out = gongpei(&args);
        assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (json, std::fs::read_to_string(&target).unwrap())
    };

    let (none, _) = warm(None, "0", "none.sol");
    assert!(none["cost_integer"].as_i64().unwrap() <= start_cost);
    assert_eq!(none["initial"]["cost_integer"].as_i64(), Some(start_cost));
    assert_eq!(none["initial"]["feasible"], serde_json::json!(true));

    let (fixed, sol) = warm(Some("3,1"), "200", "fixed.sol");
    assert!(fixed["feasible"].as_bool().unwrap());
    assert!(fixed["cost_integer"].as_i64().unwrap() <= start_cost);
    assert_eq!(fixed["initial"]["fixed_routes"], serde_json::json!([3, 1]));
    let answer = routes(&sol);
    assert_eq!(answer[0], start_routes[2]);
    assert_eq!(answer[1], start_routes[0]);

    // Same seed, iterations and start: the same file.
    let (_, again) = warm(Some("3,1"), "200", "again.sol");
    assert_eq!(sol, again);
}

#[test]
fn a_bad_start_exits_1_naming_file_and_route() {
    let dir = scratch_dir("warm", "bad");
    let inst = bundled("A-n32-k5.vrp");
    let dup = dir.join("dup.sol");
    std::fs::write(&dup, "Route #1: 21 31 19\nRoute #2: 12 31 16\nCost 0\n").unwrap();
    let out = gongpei(&[
        "solve",
        inst.to_str().unwrap(),
        "--initial",
        dup.to_str().unwrap(),
        "--quiet",
    ]);
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("dup.sol: route 2 (Route #2), position 2: client 31 is already visited by route 1, position 2"), "{err}");

    let sol = bundled("A-n32-k5.sol");
    let out = gongpei(&[
        "solve",
        inst.to_str().unwrap(),
        "--initial",
        sol.to_str().unwrap(),
        "--fix-routes",
        "6",
        "--quiet",
    ]);
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("A-n32-k5.sol: --fix-routes 6: the file has 5 routes"),
        "{err}"
    );

    let out = gongpei(&[
        "solve",
        inst.to_str().unwrap(),
        "--initial",
        sol.to_str().unwrap(),
        "--fix-routes",
        "0",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let pins = |list: &str| {
        gongpei(&[
            "solve",
            inst.to_str().unwrap(),
            "--initial",
            sol.to_str().unwrap(),
            "--pin-clients",
            list,
            "--quiet",
        ])
    };
    let out = pins("5,5");
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("--pin-clients lists client 5 twice"), "{err}");
    assert_eq!(pins("99").status.code(), Some(2));
    // --fix-routes needs --initial.
    let out = gongpei(&[
        "solve",
        inst.to_str().unwrap(),
        "--fix-routes",
        "1",
        "--quiet",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn pinned_clients_stay_in_their_route() {
    let dir = scratch_dir("warm", "pins");
    let inst = bundled("A-n32-k5.vrp");
    // The best-known solution, with clients 21 and 26 (route 1) and 12 (route 2) pinned.
    let sol = bundled("A-n32-k5.sol");
    let out_file = dir.join("pinned.sol");
    let out = gongpei(&[
        "solve",
        inst.to_str().unwrap(),
        "--initial",
        sol.to_str().unwrap(),
        "--pin-clients",
        "21,26,12",
        "--max-iterations",
        "300",
        "--quiet",
        "--out",
        out_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    let answer = routes(&std::fs::read_to_string(&out_file).unwrap());
    let home = |id: &str| {
        answer
            .iter()
            .position(|r| r.split_whitespace().any(|c| c == id))
            .unwrap()
    };
    assert_eq!(home("21"), home("26"));
    assert_ne!(home("21"), home("12"));
}
