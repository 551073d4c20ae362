//! `gongpei sweep` with a `[game]` table: the coalition game of the `small` preset's
//! `express_pool` mode (6 carriers, 63 coalitions; cooperation saves and the core is empty),
//! its three files and their invariants, and resuming from a checkpoint with lines removed;
//! and a sweep whose variants ask for a design question: its columns in results.csv, resuming,
//! and an unknown question or parameter named in the error.

use std::path::Path;

use serde_json::Value;

use crate::common::{gongpei, scratch_dir};

const GAME_SPEC: &str = r#"
[base]
preset = "small"
[run]
iterations = 0
allocate = "express_pool"
[game]
batch = 16
"#;

fn run_game(spec: &Path, out: &Path) -> std::process::Output {
    let done = gongpei(&[
        "sweep",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--jobs",
        "2",
    ]);
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    done
}

/// game.csv's rows without the timing column (which differs from run to run).
fn costs_of(out: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(out.join("game.csv")).unwrap();
    let mut rows = text
        .lines()
        .map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>());
    assert_eq!(
        rows.next().unwrap(),
        ["mask", "members", "size", "cost", "seconds"]
    );
    rows.map(|mut r| {
        r.pop();
        r
    })
    .collect()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_game_spec_writes_the_game_and_resumes_from_a_trimmed_checkpoint() {
    let dir = scratch_dir("sweep", "game");
    let spec = dir.join("game.toml");
    std::fs::write(&spec, GAME_SPEC).unwrap();
    let out = dir.join("out");
    let first = run_game(&spec, &out);
    let table = String::from_utf8_lossy(&first.stdout);
    assert!(
        table.starts_with("express_pool game of variant v000: 6 carriers, 63 coalitions"),
        "{table}"
    );
    assert!(
        table.contains("shapley") && table.contains("least_core"),
        "{table}"
    );

    let costs = costs_of(&out);
    assert_eq!(costs.len(), 63);
    let game = read_json(&out.join("game.json"));
    let carriers: Vec<&str> = game["carriers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(carriers.len(), 6);
    let separate: Vec<f64> = game["setup"]["separate"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_f64().unwrap())
        .collect();
    let cost_of = |mask: u64| -> f64 { costs[mask as usize - 1][3].parse().unwrap() };
    for row in &costs {
        let mask: u64 = row[0].parse().unwrap();
        let members: Vec<&str> = (0..6)
            .filter(|i| mask >> i & 1 == 1)
            .map(|i| carriers[i])
            .collect();
        assert_eq!(row[1], members.join("+"));
        assert_eq!(row[2], members.len().to_string());
        // c(S) never exceeds what its members pay going separate.
        let alone: f64 = (0..6)
            .filter(|i| mask >> i & 1 == 1)
            .map(|i| separate[i])
            .sum();
        assert!(cost_of(mask) <= alone + 1e-9, "{row:?} above {alone}");
    }
    let grand = cost_of(63);
    let singletons: f64 = (0..6).map(|i| cost_of(1 << i)).sum();
    assert!(
        grand < singletons - 1.0,
        "pooling saves here: c(N) {grand} vs {singletons}"
    );
    assert_eq!(game["grand_cost"].as_f64().unwrap(), grand);

    // allocation.csv: one row per carrier, the stand-alone cost, a column per rule.
    let allocation = std::fs::read_to_string(out.join("allocation.csv")).unwrap();
    let mut lines = allocation.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&header[..3], &["carrier", "standalone", "shapley"]);
    for rule in ["nucleolus", "least_core", "proportional_volume"] {
        assert!(header.contains(&rule), "{header:?}");
    }
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.iter().map(|r| r[0]).collect::<Vec<_>>(), carriers);
    for column in 2..header.len() {
        let sum: f64 = rows.iter().map(|r| r[column].parse::<f64>().unwrap()).sum();
        assert!(
            (sum - grand).abs() < 1e-6,
            "{} sums to {sum}, c(N) {grand}",
            header[column]
        );
    }
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r[1].parse::<f64>().unwrap(), cost_of(1 << i));
    }

    // The core: empty exactly when epsilon* > 0, and then no rule's allocation is in it.
    let epsilon = game["least_core_epsilon"].as_f64().unwrap();
    let empty = game["core_empty"].as_bool().unwrap();
    assert!(
        empty && epsilon > 0.0,
        "this game's core is empty: {epsilon}"
    );
    for rule in game["allocation"]["rules"].as_array().unwrap() {
        let core = &rule[1];
        let stable = core["blocking"].as_array().unwrap().is_empty()
            && core["irrational_players"].as_array().unwrap().is_empty();
        assert!(!stable, "{} cannot be in an empty core", rule[0]["rule"]);
    }
    assert_eq!(game["coalitions"].as_array().unwrap().len(), 63);

    // Resume: the setup line and the last batch removed, and a line cut short by an
    // interruption; the rerun plans only what is missing and gives the same game.
    let checkpoint = out.join("game.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(&checkpoint)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines.len(), 1 + 4, "a setup line and four batches of 16");
    assert!(lines[0].contains("\"kind\":\"setup\""), "{}", lines[0]);
    let kept = format!("{}\n{}\n{}", lines[1], lines[2], &lines[3][..40]);
    std::fs::write(&checkpoint, kept).unwrap();
    let allocation_before = allocation.clone();
    let game_before = game;
    let again = run_game(&spec, &out);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("planning the setup") && stderr.contains("32 of 63 coalitions done"),
        "{stderr}"
    );
    assert_eq!(costs_of(&out), costs);
    assert_eq!(
        std::fs::read_to_string(out.join("allocation.csv")).unwrap(),
        allocation_before
    );
    let game_after = read_json(&out.join("game.json"));
    assert_eq!(game_after["allocation"], game_before["allocation"]);
    assert_eq!(
        std::fs::read_to_string(&checkpoint)
            .unwrap()
            .lines()
            .count(),
        5
    );

    // A finished game runs nothing again.
    let third = run_game(&spec, &out);
    let stderr = String::from_utf8_lossy(&third.stderr);
    assert!(stderr.contains("63 of 63 coalitions done"), "{stderr}");
    assert_eq!(costs_of(&out), costs);
}

#[test]
fn a_game_spec_with_two_variants_must_name_one() {
    let dir = scratch_dir("sweep", "game-two");
    let spec = dir.join("two.toml");
    std::fs::write(
        &spec,
        "[base]\npreset = \"small\"\n[grid]\nseed = [1, 2]\n[game]\n",
    )
    .unwrap();
    let done = gongpei(&[
        "sweep",
        spec.to_str().unwrap(),
        "--out",
        dir.join("o").to_str().unwrap(),
    ]);
    assert_eq!(done.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(
        stderr.contains("game.variant: the spec has 2 variants (v000, v001); name the one"),
        "{stderr}"
    );
}

/// Two `small` variants at 0 iterations asking for the siting question (one candidate routed,
/// no several-hub model: the cheapest question).
const DESIGN_SPEC: &str = r#"
[base]
preset = "small"
[run]
iterations = 0
allocate = "none"
modes = ["postal_express"]
design = ["site"]
[run.design_site]
shortlist = 1
hubs = [2]
modes = ["postal_express"]
[grid]
demand_scale = [1.0, 1.5]
"#;

/// results.csv as rows of column -> cell.
fn results(out: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(out.join("results.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let columns: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            columns
                .iter()
                .cloned()
                .zip(r.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn number(row: &std::collections::HashMap<String, String>, column: &str) -> f64 {
    row.get(column)
        .unwrap_or_else(|| panic!("no column {column}"))
        .parse()
        .unwrap_or_else(|_| panic!("{column} = {:?} is not a number", row[column]))
}

#[test]
fn a_variant_asking_for_a_design_question_gets_its_columns_and_resumes() {
    let dir = scratch_dir("sweep", "design");
    let spec = dir.join("design.toml");
    std::fs::write(&spec, DESIGN_SPEC).unwrap();
    let out = dir.join("out");
    let args = [
        "sweep",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--jobs",
        "2",
    ];
    let done = gongpei(&args);
    assert_eq!(
        done.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let rows = results(&out);
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(row["status"], "ok", "{row:?}");
        let hub = &row["design_site.current_hub"];
        assert!(!hub.is_empty());
        // The model's choice is one of the candidates, costed and compared with today's hub.
        assert!(!row["design_site.choice"].is_empty());
        let chosen = number(row, "design_site.daily_cost");
        let today = number(row, "design_site.current_daily_cost");
        assert!(
            chosen > 0.0 && chosen <= today + 1e-6,
            "{chosen} vs {today}"
        );
        assert!((number(row, "design_site.saving") - (today - chosen)).abs() < 1e-6);
        // The one routed candidate is the model's cheapest; routed at the hub it is today, its
        // plan is the comparison's own (same scenario, effort and seed).
        assert_eq!(row["design_site.routed_choice"], row["design_site.choice"]);
        if &row["design_site.choice"] == hub {
            assert_eq!(
                number(row, "design_site.routed_cost"),
                number(row, "postal_express.cost")
            );
        }
        assert_eq!(row["design_site.hubs_2.sites"].split('+').count(), 2);
        assert!(number(row, "design_site.hubs_2.daily_cost") > chosen);
        assert_eq!(row["design_site.hurried"], "false");
    }
    // More demand costs more, in the model as in the routing.
    assert!(
        number(&rows[1], "design_site.daily_cost") > number(&rows[0], "design_site.daily_cost")
    );
    // Resuming: both variants are in the checkpoint with their design columns; nothing runs.
    let again = gongpei(&args);
    assert_eq!(again.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("2 of 2 variants done"), "{stderr}");
    assert_eq!(results(&out), rows);
}

#[test]
fn an_unknown_design_question_or_parameter_is_named() {
    let dir = scratch_dir("sweep", "design-bad");
    let cases = [
        (
            DESIGN_SPEC.replace(r#"design = ["site"]"#, r#"design = ["site", "moon"]"#),
            r#"design.toml: run.design: unknown design question "moon"; expected site, cover, cold, frequency"#,
        ),
        (
            DESIGN_SPEC.replace("shortlist = 1", "shortlst = 1"),
            "design.toml: run.design_site.shortlst: unknown parameter of the site question",
        ),
        (
            DESIGN_SPEC.replace("[grid]", "[[variants]]\n\"design_moon.radius\" = 1\n[grid]"),
            r#"variants[0].design_moon.radius: unknown design question "moon""#,
        ),
    ];
    for (text, expected) in cases {
        let spec = dir.join("design.toml");
        std::fs::write(&spec, &text).unwrap();
        let done = gongpei(&[
            "sweep",
            spec.to_str().unwrap(),
            "--out",
            dir.join("o").to_str().unwrap(),
        ]);
        assert_eq!(done.status.code(), Some(1), "{text}");
        let stderr = String::from_utf8_lossy(&done.stderr);
        assert!(stderr.contains(expected), "{stderr}\nexpected {expected}");
        assert!(
            !dir.join("o").join("checkpoint.jsonl").exists(),
            "nothing ran"
        );
    }
}
