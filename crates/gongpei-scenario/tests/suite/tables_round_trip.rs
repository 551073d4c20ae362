//! `tables` then `build` gives back an identical scenario: every preset, the coop test
//! scenario and the shipped example, through CSV files and through one `.xlsx` workbook.

use std::path::{Path, PathBuf};

use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::tables::{self, TablesError};
use gongpei_scenario::{from_json_file, Scenario};

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongpei-tables-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    dir
}

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn round_trip(scenario: &Scenario, name: &str) {
    let dir = temp(name);
    tables::write_csv_dir(scenario, &dir).unwrap();
    let back = tables::scenario_from_path(&dir).unwrap_or_else(|e| panic!("{name} csv: {e}"));
    assert!(back == *scenario, "{name}: CSV round trip differs");

    let book = dir.join(format!("{name}.xlsx"));
    tables::write_xlsx(scenario, &book).unwrap();
    let back = tables::scenario_from_path(&book).unwrap_or_else(|e| panic!("{name} xlsx: {e}"));
    assert!(back == *scenario, "{name}: xlsx round trip differs");

    // In memory (the path DataFrames take): CSV text per table.
    let set = tables::to_tables(scenario).unwrap();
    let dir2 = temp(&format!("{name}-mem"));
    tables::write_csv_dir(scenario, &dir2).unwrap();
    let texts: Vec<(String, String)> = set
        .tables
        .iter()
        .map(|t| {
            let text = std::fs::read_to_string(dir2.join(format!("{}.csv", t.name))).unwrap();
            (t.name.clone(), text)
        })
        .collect();
    assert!(tables::scenario_from_csv_texts(&texts).unwrap() == *scenario);
    std::fs::remove_dir_all(&dir).ok();
    std::fs::remove_dir_all(&dir2).ok();
}

#[test]
fn small_preset_round_trips() {
    for seed in [1, 7] {
        round_trip(
            &generate(Preset::Small, seed).unwrap(),
            &format!("small{seed}"),
        );
    }
}

#[test]
fn jizhou_preset_round_trips() {
    round_trip(&generate(Preset::Jizhou, 1).unwrap(), "jizhou");
}

#[test]
fn tiny_coop_scenario_round_trips() {
    let s = from_json_file(&repo("crates/gongpei-coop/tests/data/tiny.json")).unwrap();
    round_trip(&s, "tiny");
}

#[test]
fn shipped_example_round_trips() {
    let s = from_json_file(&repo("examples/scenarios/small_seed1.json")).unwrap();
    round_trip(&s, "example");
}

#[test]
fn optional_fields_and_awkward_values_round_trip() {
    let mut s = generate(Preset::Small, 2).unwrap();
    s.sites[3].opening_hours = None;
    s.sites[4].handling_capacity_parcels = Some(1234);
    let village = (0..s.sites.len())
        .find(|&i| s.sites[i].tier == gongpei_scenario::model::SiteTier::VillageStation)
        .unwrap();
    s.sites[village].existing_facility = Some(gongpei_scenario::model::ExistingFacility::Shop);
    s.sites[5].code = None;
    s.sites[6].name = "名字, with \"quotes\"\nand a newline".into();
    s.sites[7].lon = 117.123_456_789_012_34;
    s.sites[7].lat = 40.000_000_000_000_01;
    s.carriers[0].volume_share = Some(1.0 / 3.0);
    s.carriers[1].volume_share = None;
    s.demand[0].time_window = Some(gongpei_scenario::TimeWindow {
        start_s: 30_000,
        end_s: 40_000,
    });
    s.metadata.seed = Some(u64::MAX);
    s.metadata.generator = None;
    s.metadata.district = None;
    s.vehicle_types[0].base = Some(s.sites[0].id.clone());
    s.vehicle_types[1].cost_per_km = 0.1 + 0.2;
    s.roads.detour_factor = std::f64::consts::SQRT_2;
    s.roads.speeds_kmh.cold_van[2] = 41.25;
    s.costs.co2_kg_per_km.clear();
    round_trip(&s, "awkward");
}

#[test]
fn scenario_without_roads_or_buses_round_trips() {
    let mut s = generate(Preset::Small, 3).unwrap();
    s.roads.edges.clear();
    s.bus_lines.clear();
    s.metadata.sources.clear();
    s.metadata.synthetic.clear();
    round_trip(&s, "bare");
    // The optional tables may also be absent altogether.
    let dir = temp("bare-absent");
    tables::write_csv_dir(&s, &dir).unwrap();
    for t in [
        "roads",
        "bus_lines",
        "bus_stops",
        "bus_runs",
        "sources",
        "synthetic",
    ] {
        std::fs::remove_file(dir.join(format!("{t}.csv"))).unwrap();
    }
    assert!(tables::scenario_from_path(&dir).unwrap() == s);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn gcj02_sites_are_converted_to_wgs84() {
    let s = generate(Preset::Small, 1).unwrap();
    let dir = temp("gcj");
    tables::write_csv_dir(&s, &dir).unwrap();
    let path = dir.join("sites.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let header = reader.headers().unwrap().clone();
    let lon = header.iter().position(|h| h == "lon").unwrap();
    let lat = header.iter().position(|h| h == "lat").unwrap();
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut h: Vec<String> = header.iter().map(String::from).collect();
    h.push("crs".into());
    writer.write_record(&h).unwrap();
    for record in reader.records() {
        let mut r: Vec<String> = record.unwrap().iter().map(String::from).collect();
        let (x, y) = gongpei_network::crs::Crs::Gcj02
            .from_wgs84(r[lon].parse().unwrap(), r[lat].parse().unwrap());
        r[lon] = x.to_string();
        r[lat] = y.to_string();
        r.push("gcj02".into());
        writer.write_record(&r).unwrap();
    }
    std::fs::write(&path, writer.into_inner().unwrap()).unwrap();
    let back = tables::scenario_from_path(&dir).unwrap();
    for (a, b) in back.sites.iter().zip(&s.sites) {
        assert!(
            (a.lon - b.lon).abs() < 1e-7 && (a.lat - b.lat).abs() < 1e-7,
            "{}",
            a.id
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_template_reads_back_as_missing_values_only() {
    for xlsx in [false, true] {
        let dir = temp(&format!("template-{xlsx}"));
        let written = tables::write_template(&dir, xlsx).unwrap();
        let err = tables::scenario_from_path(&written).unwrap_err();
        let TablesError::Invalid { problems } = &err else {
            panic!("{err}")
        };
        // An empty template lacks the required keys' values, nothing else.
        for p in problems {
            assert!(
                p.message.contains("is required") && p.place.line.is_some(),
                "{p}"
            );
        }
        assert!(problems
            .iter()
            .any(|p| p.message.contains("\"shared_hub\"")));
        std::fs::remove_dir_all(&dir).ok();
    }
}

/// Found by the `scenario_json` fuzz target: JSON kept `"CarrierA "` while the tables read it
/// back as `"CarrierA"`. Both readers now drop surrounding whitespace, in names and in ids and
/// references alike, so the spaced file means the same scenario as the clean one.
#[test]
fn surrounding_whitespace_is_dropped_by_json_as_by_tables() {
    let path = repo("crates/gongpei-coop/tests/data/tiny.json");
    let clean = std::fs::read_to_string(&path).unwrap();
    let spaced = clean
        .replacen("\"name\": \"Carrier B\"", "\"name\": \" Carrier B\\t\"", 1)
        .replacen("\"carrier\": \"b\"", "\"carrier\": \"b \"", 1)
        .replacen("\"id\": \"V3\"", "\"id\": \"  V3\"", 1);
    assert_ne!(spaced, clean, "the test file changed: nothing was spaced");
    let origin = path.display().to_string();
    let read = gongpei_scenario::from_json_str(&spaced, &origin).unwrap();
    assert!(read == gongpei_scenario::from_json_str(&clean, &origin).unwrap());
    assert!(read.carriers.iter().any(|c| c.name == "Carrier B"));
    round_trip(&read, "spaced");
}

/// Found by the scenario_json fuzz target: a vehicle type id `#a_van` was accepted in JSON but
/// cannot be laid out as tables, where a first cell starting with `#` marks a comment row. A value
/// that opens a table row (an id; a facility's or subsidy's name; a source key; a synthetic
/// part) is now refused in both forms alike, naming its JSON path.
#[test]
fn a_row_key_starting_with_a_hash_is_refused_in_json_as_in_tables() {
    let path = repo("crates/gongpei-coop/tests/data/tiny.json");
    let clean = std::fs::read_to_string(&path).unwrap();
    let hashed = clean.replacen("\"id\": \"a_van\"", "\"id\": \"#a_van\"", 1);
    assert_ne!(hashed, clean, "the test file changed: nothing was renamed");
    let err = gongpei_scenario::from_json_str(&hashed, &path.display().to_string())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("vehicle_types[0].id") && err.contains("starts with '#'"),
        "{err}"
    );
    // A '#' inside a value is fine in both forms.
    let inner = clean.replacen("\"id\": \"a_van\"", "\"id\": \"a#van\"", 1);
    let read = gongpei_scenario::from_json_str(&inner, &path.display().to_string()).unwrap();
    round_trip(&read, "inner hash");
}
