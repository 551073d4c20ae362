//! Sweeps: spec expansion (grid, explicit variants, ids, errors naming the spec key), changes
//! applied to the scenario, one variant's row against a direct comparison, the checkpoint's
//! round trip and resume rules, and the coalition game split into tasks giving the comparison's
//! own allocation.

use std::path::Path;

use gongpei_coop::allocation::Coalition;
use gongpei_coop::game::allocate_table;
use gongpei_coop::sweep::{
    append_entry, apply_changes, coalition_costs, game_setup, outcomes, pending, read_checkpoint,
    run_entry, run_settings, run_variant, Base, Entry, Row, Spec, Status, Variant,
};
use gongpei_coop::world::World;
use gongpei_coop::{compare, Mode};
use gongpei_scenario::generate::{generate, Preset};
use serde_json::{json, Value};

fn small() -> gongpei_scenario::Scenario {
    generate(Preset::Small, 1).unwrap()
}

fn quick(id: &str) -> Variant {
    Variant::new(id, Base::preset("small", 1), 1)
        .with_change("iterations", 0)
        .with_change("allocate", "none")
}

#[test]
fn a_grid_crossed_with_explicit_variants_expands_in_order() {
    let spec = Spec::from_toml(
        r#"
[base]
preset = "small"
[run]
iterations = 0
[grid]
seed = [1, 2]
demand_scale = [1.0, 1.5, 2.0]
[[variants]]
id = "low_fee"
bus_fee = 0.5
[[variants]]
bus_fee.ccT1 = 2.0
"#,
        "spec.toml",
        Path::new("."),
    )
    .unwrap();
    assert_eq!(spec.variants.len(), 2 * 2 * 3);
    let ids: Vec<&str> = spec.variants.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(&ids[..3], &["low_fee-0", "low_fee-1", "low_fee-2"]);
    assert_eq!(ids[6], "v006");
    let v = &spec.variants[4];
    assert_eq!((v.seed, &v.changes["demand_scale"]), (2, &json!(1.5)));
    assert_eq!(v.changes["bus_fee"], json!(0.5));
    assert_eq!(v.changes["iterations"], json!(0));
    assert_eq!(spec.variants[7].changes["bus_fee.ccT1"], json!(2.0));
    assert_eq!(spec.base, Base::preset("small", 1));
}

#[test]
fn spec_errors_name_the_key() {
    let check = |text: &str| {
        let spec = Spec::from_toml(text, "s.toml", Path::new("."))?;
        spec.check_against(&small())
    };
    let cases = [
        (
            "[base]\npreset = \"small\"\n[grid]\n\"demand_scale.nobody\" = [1.0]\n",
            "s.toml: grid.demand_scale.nobody: unknown carrier \"nobody\"",
        ),
        (
            "[base]\npreset = \"small\"\n[run]\nfleet_count.no_van = 3\n",
            "s.toml: run.fleet_count.no_van: unknown vehicle type \"no_van\"",
        ),
        (
            "[base]\npreset = \"small\"\n[[variants]]\nbus_fee.nope = 1\n",
            "s.toml: variants[0].bus_fee.nope: unknown bus line \"nope\"",
        ),
        (
            "[base]\npreset = \"small\"\n[run]\ntownship_demand_scale.x = 2\n",
            "s.toml: run.township_demand_scale.x: unknown township \"x\"",
        ),
        (
            "[base]\npreset = \"small\"\n[run]\ndemand_scal = 2\n",
            "s.toml: run.demand_scal: unknown change",
        ),
        (
            "[base]\npreset = \"small\"\n[run]\nmodes = [\"teleport\"]\n",
            "s.toml: run.modes: unknown mode \"teleport\"",
        ),
        (
            "[base]\npreset = \"small\"\n[run]\ndemand_scale = -1\n",
            "s.toml: run.demand_scale: expected a number >= 0",
        ),
        (
            "[base]\npreset = \"small\"\n[grid]\nseed = 3\n",
            "s.toml: grid.seed: expected a non-empty list",
        ),
        (
            "[base]\npreset = \"small\"\nfile = \"x.json\"\n",
            "s.toml: base: give either preset or file",
        ),
        ("[run]\niterations = 0\n", "s.toml: no [base] table"),
        (
            "[base]\npreset = \"small\"\n[gird]\nseed = [1]\n",
            "s.toml: unknown table \"gird\"",
        ),
        (
            "[base]\npreset = \"small\"\n[[variants]]\nid = \"a\"\n[[variants]]\nid = \"a\"\n",
            "variant id \"a\" is used twice",
        ),
        ("[base]\npreset = \"small\"\n[run\n", "s.toml: "),
    ];
    for (text, expected) in cases {
        let err = check(text).expect_err(text).to_string();
        assert!(
            err.contains(expected),
            "{text}\n=> {err}\nexpected {expected}"
        );
    }
}

/// The design keys are gongpei-design's: this crate accepts them untouched (scenario and
/// settings as without them), while a key that only looks like one is still an unknown change.
#[test]
fn design_keys_are_accepted_and_left_alone() {
    let base = small();
    let plain = Variant::new("d", Base::preset("small", 1), 1).with_change("iterations", 0);
    let asking = plain
        .clone()
        .with_change("design", json!(["site"]))
        .with_change("design_site.shortlist", 1);
    let (mut with, mut without) = (base.clone(), base.clone());
    apply_changes(&mut with, &asking).unwrap();
    apply_changes(&mut without, &plain).unwrap();
    assert_eq!(with, without);
    let settings = run_settings(&asking).unwrap();
    assert_eq!(settings.options.effort.iterations, 0);
    for key in ["design.site", "design_", "designs"] {
        let wrong = plain.clone().with_change(key, 1);
        let err = apply_changes(&mut base.clone(), &wrong)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!("changes.{key}: unknown change")),
            "{err}"
        );
    }
}

#[test]
fn changes_reach_the_scenario_and_the_settings() {
    let base = small();
    let carrier = base.carriers[1].id.clone();
    let township = base
        .sites
        .iter()
        .find(|s| s.tier == gongpei_scenario::model::SiteTier::TownshipCentre)
        .unwrap()
        .id
        .clone();
    let line = base.bus_lines[0].id.clone();
    let van = base
        .vehicle_types
        .iter()
        .find(|t| t.operator == carrier)
        .unwrap()
        .id
        .clone();
    let v = Variant::new("x", Base::preset("small", 1), 7)
        .with_change(&format!("demand_scale.{carrier}"), 2.0)
        .with_change(&format!("township_demand_scale.{township}"), 1.5)
        .with_change(&format!("bus_fee.{line}"), 0.25)
        .with_change("bus_spare_parcels", 11)
        .with_change(&format!("fleet_count.{van}"), 9)
        .with_change("hub_handling_per_parcel", 0.3)
        .with_change("modes", json!(["postal_express"]))
        .with_change("allocate", "none")
        .with_change("iterations", 5)
        .with_change("strategy", "ils");
    let mut s = base.clone();
    apply_changes(&mut s, &v).unwrap();
    for (before, after) in base.demand.iter().zip(&s.demand) {
        let in_township = base
            .sites
            .iter()
            .any(|x| x.id == before.village && x.township.as_deref() == Some(township.as_str()));
        let factor =
            if before.carrier == carrier { 2.0 } else { 1.0 } * if in_township { 1.5 } else { 1.0 };
        assert_eq!(
            after.parcels_in,
            (before.parcels_in as f64 * factor).round() as i64
        );
        assert_eq!(after.kg_out, (before.kg_out as f64 * factor).round() as i64);
    }
    assert_eq!(s.bus_lines[0].fee_per_parcel, 0.25);
    assert!(s.bus_lines.iter().all(|l| l.spare_parcels_per_run == 11));
    assert_eq!(
        s.vehicle_types.iter().find(|t| t.id == van).unwrap().count,
        9
    );
    assert_eq!(s.costs.hub_handling_per_parcel, 0.3);
    let settings = run_settings(&v).unwrap();
    assert_eq!(settings.options.modes, vec![Mode::PostalExpress]);
    assert_eq!(settings.options.allocate, None);
    assert_eq!(
        (
            settings.options.effort.iterations,
            settings.options.effort.seed
        ),
        (5, 7)
    );
}

#[test]
fn a_variant_row_is_the_comparison_flattened() {
    let v = quick("q").with_change("demand_scale", 1.2);
    let row = run_variant(&v, 2, None, None).unwrap();
    let mut scenario = small();
    apply_changes(&mut scenario, &v).unwrap();
    let world = World::new(&scenario).unwrap();
    let direct = compare(&world, &run_settings(&v).unwrap().options).unwrap();
    for m in &direct.modes {
        let cost = row
            .get(&format!("{}.cost", m.mode.name()))
            .unwrap()
            .as_f64()
            .unwrap();
        assert_eq!(cost, m.kpis.cost, "{}", m.mode.name());
        assert_eq!(
            row.get(&format!("{}.feasible", m.mode.name())),
            Some(&Value::Bool(m.feasible))
        );
    }
    assert_eq!(row.0[0], ("base".to_string(), json!("small#1")));
    assert_eq!(row.get("demand_scale"), Some(&json!(1.2)));
    // The thread count does not change the row.
    assert_eq!(run_variant(&v, 1, None, None).unwrap(), row);
}

#[test]
fn the_checkpoint_round_trips_and_resumes_by_id_and_hash() {
    let dir = std::env::temp_dir().join(format!("gongpei-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("checkpoint.jsonl");
    let _ = std::fs::remove_file(&path);
    let a = quick("a");
    let b = quick("b").with_change("demand_scale", 2.0);
    let ok = run_entry(&a, 1, None, None).unwrap();
    assert_eq!(ok.status, Status::Ok);
    append_entry(&path, &ok).unwrap();
    append_entry(&path, &Entry::failed(&b, "worker died", 3, 1.0)).unwrap();
    // An interrupted write leaves half a line; it is ignored, and the next append cuts it off.
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"id\": \"b\", \"ha");
    std::fs::write(&path, &text).unwrap();
    let entries = read_checkpoint(&path).unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0], ok);
    let variants = vec![a.clone(), b.clone()];
    let (done, todo) = pending(&variants, &entries);
    assert_eq!((done.len(), todo.len(), todo[0].id.as_str()), (1, 1, "b"));
    // Changing a's definition makes its line stale.
    let changed = vec![a.clone().with_change("demand_scale", 3.0), b.clone()];
    assert_eq!(pending(&changed, &entries).1.len(), 2);
    append_entry(&path, &run_entry(&b, 1, None, None).unwrap()).unwrap();
    let entries = read_checkpoint(&path).unwrap();
    assert_eq!(entries.len(), 3);
    let finals = outcomes(&variants, &entries);
    assert!(finals.iter().all(|e| e.status == Status::Ok));
    std::fs::write(&path, "{\"id\": 1}\n{}\n").unwrap();
    let err = read_checkpoint(&path).unwrap_err().to_string();
    assert!(
        err.contains("checkpoint.jsonl:1: not a sweep checkpoint line"),
        "{err}"
    );
    let row: Row = serde_json::from_str("{\"z\": 1, \"a\": 2}").unwrap();
    assert_eq!(row.0[0].0, "z", "cell order is kept");
}

#[test]
fn the_game_as_tasks_gives_the_comparisons_allocation() {
    let v = Variant::new("g", Base::preset("small", 1), 1)
        .with_change("iterations", 0)
        .with_change("allocate", "postal_express");
    let setup = game_setup(&v, 2, None, None).unwrap();
    let n = setup.players();
    let masks: Vec<u64> = Coalition::all_nonempty(n).map(|c| c.0).collect();
    // Two batches in reverse order, as different workers would return them.
    let (first, second) = masks.split_at(masks.len() / 2);
    let mut timed = coalition_costs(&v, &setup, second, 1, None, None).unwrap();
    timed.extend(coalition_costs(&v, &setup, first, 2, None, None).unwrap());
    assert!(timed
        .iter()
        .all(|c| c.seconds >= 0.0 && c.seconds.is_finite()));
    let table: Vec<(u64, f64)> = timed.iter().map(|c| (c.mask, c.cost)).collect();
    let split = allocate_table(&setup, &table).unwrap();
    let world_scenario = small();
    let world = World::new(&world_scenario).unwrap();
    let direct = compare(&world, &run_settings(&v).unwrap().options)
        .unwrap()
        .allocation
        .unwrap();
    assert_eq!(split.coalition_costs, direct.coalition_costs);
    assert_eq!(split.joint_cost, direct.joint_cost);
    for ((a, _), (b, _)) in split.rules.iter().zip(&direct.rules) {
        assert_eq!(a.rule, b.rule);
        for (x, y) in a.shares.iter().zip(&b.shares) {
            assert!((x - y).abs() < 1e-9, "{}: {x} vs {y}", a.rule);
        }
    }
    let err = allocate_table(&setup, &table[1..]).unwrap_err().to_string();
    assert!(err.contains("no cost for coalition"), "{err}");
}

#[test]
fn a_game_table_names_its_variant_and_batch() {
    let parse = |text: &str| Spec::from_toml(text, "g.toml", Path::new("."));
    let one = parse("[base]\npreset = \"small\"\n[run]\niterations = 0\n[game]\n").unwrap();
    let game = one.game.clone().unwrap();
    assert_eq!((game.variant.as_str(), game.batch), ("v000", 8));
    assert_eq!(one.game_variant().unwrap().id, "v000");
    let two = "[base]\npreset = \"small\"\n[grid]\nseed = [1, 2]\n[game]\n";
    let err = parse(two).unwrap_err().to_string();
    assert!(
        err.starts_with("g.toml: game.variant: the spec has 2 variants (v000, v001)"),
        "{err}"
    );
    let picked = parse(&format!("{two}variant = \"v001\"\nbatch = 3\n")).unwrap();
    assert_eq!(picked.game_variant().unwrap().seed, 2);
    assert_eq!(picked.game.unwrap().batch, 3);
    for (extra, expected) in [
        (
            "variant = \"v9\"",
            "game.variant: no variant \"v9\"; the spec has v000, v001",
        ),
        (
            "variant = \"v0\"\nbatch = 0",
            "game.batch: expected a whole number >= 1, got 0",
        ),
        (
            "variant = 1",
            "game.variant: expected a variant id (a string), got 1",
        ),
        ("variant = \"v000\"\nsize = 2", "game.size: unknown key"),
    ] {
        let err = parse(&format!("{two}{extra}\n")).unwrap_err().to_string();
        assert!(err.contains(expected), "{extra}: {err}");
    }
    let none = "[base]\npreset = \"small\"\n[run]\nallocate = \"none\"\n[game]\n";
    let err = parse(none).unwrap_err().to_string();
    assert!(err.contains("allocate = \"none\""), "{err}");
}
