//! Malformed scenario files are rejected with the JSON path of the offending value.

use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::{from_json_str, to_json_string, ScenarioError};
use serde_json::{json, Value};

fn small_json() -> Value {
    static CELL: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    CELL.get_or_init(|| {
        serde_json::from_str(&to_json_string(&generate(Preset::Small, 5).unwrap())).unwrap()
    })
    .clone()
}

fn load(v: &Value) -> Result<gongpei_scenario::Scenario, ScenarioError> {
    from_json_str(&serde_json::to_string_pretty(v).unwrap(), "bad.json")
}

#[test]
fn the_unmodified_file_loads() {
    assert!(load(&small_json()).is_ok());
}

#[test]
fn wrong_types_name_the_path_and_line() {
    let mut v = small_json();
    v["demand"][3]["parcels_in"] = json!("twelve");
    let err = load(&v).unwrap_err();
    match &err {
        ScenarioError::Parse {
            path,
            line,
            message,
            ..
        } => {
            assert_eq!(path, "demand[3].parcels_in");
            assert!(*line > 1);
            assert!(message.contains("invalid type"), "{message}");
        }
        other => panic!("unexpected {other}"),
    }
    assert!(err
        .to_string()
        .starts_with("bad.json: at demand[3].parcels_in (line "));

    let mut v = small_json();
    v["sites"][2]["tier"] = json!("castle");
    assert_eq!(load(&v).unwrap_err().paths(), ["sites[2].tier"]);

    let mut v = small_json();
    v["roads"]["edges"][0]["length_m"] = json!(null);
    assert_eq!(load(&v).unwrap_err().paths(), ["roads.edges[0].length_m"]);
}

#[test]
fn unknown_fields_are_rejected() {
    let mut v = small_json();
    v["vehicle_types"][1]["colour"] = json!("green");
    let err = load(&v).unwrap_err();
    assert_eq!(err.paths(), ["vehicle_types[1].colour"]);
    assert!(err.to_string().contains("unknown field `colour`"), "{err}");

    let mut v = small_json();
    v["extra"] = json!(1);
    assert_eq!(load(&v).unwrap_err().paths(), ["extra"]);
}

#[test]
fn missing_fields_are_named() {
    let mut v = small_json();
    v["carriers"][0].as_object_mut().unwrap().remove("depots");
    let err = load(&v).unwrap_err();
    assert_eq!(err.paths(), ["carriers[0]"]);
    assert!(err.to_string().contains("missing field `depots`"), "{err}");
}

#[test]
fn negative_demand_is_rejected() {
    let mut v = small_json();
    v["demand"][0]["parcels_in"] = json!(-4);
    v["demand"][2]["kg_out"] = json!(-1);
    let err = load(&v).unwrap_err();
    assert_eq!(err.paths(), ["demand[0].parcels_in", "demand[2].kg_out"]);
    assert!(err.to_string().contains("must be >= 0, found -4"));
}

#[test]
fn dangling_references_are_rejected() {
    let mut v = small_json();
    v["demand"][1]["village"] = json!("120119999999");
    v["demand"][4]["carrier"] = json!("dhl");
    v["roads"]["edges"][7]["to"] = json!("nowhere");
    v["carriers"][2]["depots"][0] = json!("depot_unknown");
    v["bus_lines"][0]["stops"][1] = json!("gone");
    v["vehicle_types"][0]["operator"] = json!("ups");
    v["costs"]["shared_hub"] = json!("atlantis");
    let err = load(&v).unwrap_err();
    let paths = err.paths();
    for expected in [
        "demand[1].village",
        "demand[4].carrier",
        "roads.edges[7].to",
        "carriers[2].depots[0]",
        "bus_lines[0].stops[1]",
        "vehicle_types[0].operator",
        "costs.shared_hub",
    ] {
        assert!(paths.contains(&expected), "{expected} missing in {paths:?}");
    }
    assert!(err
        .to_string()
        .contains("refers to unknown site \"120119999999\""));
}

#[test]
fn references_of_the_wrong_tier_and_inconsistent_timetables_are_rejected() {
    let mut v = small_json();
    let hub = v["costs"]["shared_hub"].clone();
    v["demand"][0]["village"] = hub;
    v["bus_lines"][1]["stop_offsets_s"][1] = json!(-5);
    v["sites"][0]["lat"] = json!(123.0);
    v["demand"][5]["time_window"] = json!({"start_s": 50000, "end_s": 40000});
    let err = load(&v).unwrap_err();
    let paths = err.paths();
    assert!(paths.contains(&"demand[0].village"));
    assert!(paths.contains(&"bus_lines[1].stop_offsets_s[1]"));
    assert!(paths.contains(&"sites[0].lat"));
    assert!(paths.contains(&"demand[5].time_window"));
    assert!(err.to_string().contains("expected a village_station"));
}

#[test]
fn existing_facilities_belong_to_village_stations_and_are_named_words() {
    let mut v = small_json();
    let village = (0..)
        .find(|&i| v["sites"][i]["tier"] == "village_station")
        .unwrap();
    v["sites"][village]["existing_facility"] = json!("supply_coop");
    assert_eq!(
        load(&v).unwrap().sites[village].existing_facility,
        Some(gongpei_scenario::model::ExistingFacility::SupplyCoop)
    );
    v["sites"][0]["existing_facility"] = json!("shop");
    let err = load(&v).unwrap_err();
    assert_eq!(err.paths(), ["sites[0].existing_facility"]);
    v["sites"][0]["existing_facility"] = json!("temple");
    assert!(load(&v)
        .unwrap_err()
        .to_string()
        .contains("existing_facility"));
}

#[test]
fn duplicate_ids_and_records_are_rejected() {
    let mut v = small_json();
    let first = v["sites"][0]["id"].clone();
    v["sites"][5]["id"] = first;
    let d0 = v["demand"][0].clone();
    v["demand"].as_array_mut().unwrap().push(d0);
    let n = v["demand"].as_array().unwrap().len();
    let err = load(&v).unwrap_err();
    let paths = err.paths();
    assert!(paths.contains(&"sites[5].id"));
    assert!(paths.contains(&format!("demand[{}]", n - 1).as_str()));
}

#[test]
fn other_format_versions_are_rejected_as_such() {
    let mut v = small_json();
    v["format_version"] = json!(2);
    v["new_in_v2"] = json!({});
    let err = load(&v).unwrap_err();
    assert!(
        matches!(err, ScenarioError::Version { found: 2, .. }),
        "{err}"
    );
    assert!(from_json_str("{", "x.json")
        .unwrap_err()
        .to_string()
        .contains("x.json"));
}

#[test]
fn the_shipped_json_schema_is_current() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/scenario-v1.schema.json");
    let current = gongpei_scenario::schema::json_schema_text();
    if std::env::var_os("GONGPEI_UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &current).unwrap();
    }
    let shipped = std::fs::read_to_string(&path).expect("schema file is shipped");
    assert!(
        shipped == current,
        "schema/scenario-v1.schema.json is stale; rerun with GONGPEI_UPDATE_SCHEMA=1"
    );
    let schema: Value = serde_json::from_str(&shipped).unwrap();
    // Unknown fields are forbidden in the schema as in the parser.
    assert_eq!(schema["additionalProperties"], json!(false));
}

#[test]
fn csv_sites_report_line_and_column() {
    use gongpei_scenario::csv_sites::{read_sites_csv, CoordinateSystem};
    let ok = "id,name,tier,lon,lat,township,open,close\nt1,官庄镇,township_centre,117.31,40.06,,07:00,19:00\nv1,西井峪,village_station,117.32,40.07,t1,,\n";
    let sites = read_sites_csv(ok.as_bytes(), "s.csv", CoordinateSystem::Gcj02).unwrap();
    assert_eq!(sites[0].opening_hours.unwrap().open_s, 7 * 3600);
    assert!(
        sites[0].lon < 117.31 && sites[0].lon > 117.30,
        "GCJ-02 converted: {}",
        sites[0].lon
    );
    for (text, expected) in [
        (
            "name,tier,lon,lat\nA,junction,east,40\n",
            "s.csv, line 2: column lon",
        ),
        (
            "name,tier,lat\nA,junction,40\n",
            "s.csv, line 1: missing column \"lon\"",
        ),
        (
            "name,tier,lon,lat,colour\n",
            "s.csv, line 1: unknown column \"colour\"",
        ),
        (
            "name,tier,lon,lat,township\nA,junction,1,2,\nB,village_station,1,2,Nowhere\n",
            "s.csv, line 3: column township",
        ),
        (
            "id,name,tier,lon,lat\na,A,junction,1,2\na,B,junction,1,2\n",
            "s.csv, line 3: column id",
        ),
        (
            "name,tier,lon,lat,open,close\nA,junction,1,2,25:99,\n",
            "s.csv, line 2: column open",
        ),
    ] {
        let err = read_sites_csv(text.as_bytes(), "s.csv", CoordinateSystem::Wgs84).unwrap_err();
        assert!(err.to_string().starts_with(expected), "{err}");
    }
}

mod mutations {
    use super::*;
    use proptest::prelude::*;

    /// Paths of every non-negative integer quantity in the small scenario's demand and fleets.
    fn quantity_paths(v: &Value) -> Vec<(String, String, usize, &'static str)> {
        let mut out = Vec::new();
        for (list, fields) in [
            (
                "demand",
                &["parcels_in", "kg_in", "parcels_out", "kg_out", "service_s"][..],
            ),
            (
                "vehicle_types",
                &["capacity_parcels", "capacity_kg", "max_shift_s"][..],
            ),
            (
                "bus_lines",
                &["spare_parcels_per_run", "spare_kg_per_run"][..],
            ),
        ] {
            for i in 0..v[list].as_array().unwrap().len() {
                for f in fields {
                    out.push((list.to_string(), format!("{list}[{i}].{f}"), i, *f));
                }
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        #[test]
        fn any_negative_quantity_is_reported_at_its_path(pick in any::<prop::sample::Index>(), value in -1000i64..0) {
            let mut v = small_json();
            let paths = quantity_paths(&v);
            let (list, path, i, field) = &paths[pick.index(paths.len())];
            v[list.as_str()][*i][*field] = json!(value);
            let err = load(&v).unwrap_err();
            prop_assert!(err.paths().contains(&path.as_str()), "{} not in {:?}", path, err.paths());
        }
    }
}

#[test]
fn chilled_demand_without_a_refrigerated_vehicle_names_the_carrier() {
    let mut v = small_json();
    let chilled = v["demand"]
        .as_array()
        .unwrap()
        .iter()
        .position(|d| d["temperature"] == json!("chilled"))
        .expect("the small preset has chilled demand");
    let carrier = v["demand"][chilled]["carrier"]
        .as_str()
        .unwrap()
        .to_string();
    let types = v["vehicle_types"].as_array_mut().unwrap();
    types.retain(|t| !(t["operator"] == json!(carrier) && t["refrigerated"] == json!(true)));
    let err = load(&v).unwrap_err();
    let text = err.to_string();
    assert!(
        err.paths()
            .iter()
            .any(|p| p.starts_with("demand[") && p.ends_with("].temperature")),
        "{text}"
    );
    assert!(
        text.contains(&format!("carrier {carrier:?}")) && text.contains("refrigerated"),
        "{text}"
    );

    let mut v = small_json();
    let types = v["vehicle_types"].as_array_mut().unwrap();
    types.retain(|t| !(t["operator"] == json!("shared") && t["refrigerated"] == json!(true)));
    let err = load(&v).unwrap_err();
    assert_eq!(err.paths(), ["vehicle_types"], "{err}");
}

#[test]
fn bus_fee_per_kg_and_handover_are_validated_by_field() {
    let mut s = generate(Preset::Small, 1).unwrap();
    s.bus_lines[0].fee_per_kg = -0.5;
    s.bus_lines[1].handover = Some("no_such_stop".into());
    let problems = gongpei_scenario::validate(&s).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| p.path == "bus_lines[0].fee_per_kg" && p.message.contains(">= 0")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.path == "bus_lines[1].handover" && p.message.contains("not a stop")),
        "{problems:?}"
    );
    // A stop of the line is a valid handover, and old files (no fee_per_kg) read as 0.
    let mut ok = generate(Preset::Small, 1).unwrap();
    ok.bus_lines[0].handover = Some(ok.bus_lines[0].stops[1].clone());
    gongpei_scenario::validate(&ok).unwrap();
    let text =
        to_json_string(&generate(Preset::Small, 1).unwrap()).replace("\"fee_per_kg\": 0.0,", "");
    assert!(!text.contains("fee_per_kg"));
    let read = from_json_str(&text, "old.json").unwrap();
    assert!(read.bus_lines.iter().all(|l| l.fee_per_kg == 0.0));
}
