//! Regressions of hostile probing: scenarios that `validate` accepted but `compare` then
//! rejected (a day ending at 0, a fixed cost of 1e308, no demand) are invalid with the JSON
//! path of the field, and text after the JSON document is an error with its line and column.

use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::{from_json_str, to_json_string, ScenarioError};
use serde_json::{json, Value};

fn small_json() -> Value {
    serde_json::from_str(&to_json_string(&generate(Preset::Small, 2).unwrap())).unwrap()
}

/// The paths and messages of an invalid scenario.
fn problems_of(v: &Value) -> Vec<(String, String)> {
    match from_json_str(&serde_json::to_string_pretty(v).unwrap(), "bad.json") {
        Err(ScenarioError::Invalid { problems, .. }) => {
            problems.into_iter().map(|p| (p.path, p.message)).collect()
        }
        Err(other) => panic!("expected problems, got {other}"),
        Ok(_) => panic!("expected problems, the scenario loaded"),
    }
}

#[test]
fn a_day_ending_before_the_first_shift_is_invalid() {
    let mut v = small_json();
    v["costs"]["day_end_s"] = json!(0);
    let problems = problems_of(&v);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "costs.day_end_s");
    assert!(
        problems[0].1.contains("not after the first shift starts"),
        "{problems:?}"
    );
}

#[test]
fn money_beyond_any_tariff_is_invalid() {
    let mut v = small_json();
    v["vehicle_types"][0]["fixed_cost_per_day"] = json!(1e308);
    v["vehicle_types"][1]["cost_per_km"] = json!(2e6);
    v["costs"]["hub_handling_per_parcel"] = json!(1e300);
    let problems = problems_of(&v);
    let paths: Vec<&str> = problems.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(
        paths,
        [
            "vehicle_types[0].fixed_cost_per_day",
            "vehicle_types[1].cost_per_km",
            "costs.hub_handling_per_parcel"
        ]
    );
    assert!(
        problems[0].1.contains(">= 0 and <= 1000000"),
        "{problems:?}"
    );
    assert!(problems[0].1.contains("1e308"), "{problems:?}");
}

#[test]
fn a_scenario_without_demand_is_invalid() {
    let mut v = small_json();
    v["demand"] = json!([]);
    let problems = problems_of(&v);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].0, "demand");
}

#[test]
fn text_after_the_document_is_an_error_with_its_position() {
    let text = serde_json::to_string_pretty(&small_json()).unwrap();
    let lines = text.lines().count();
    for trailing in ["\n{}", "\n]", "\ngarbage", "\n\n  {\"name\": 1}"] {
        let err = from_json_str(&format!("{text}{trailing}"), "bad.json").unwrap_err();
        match &err {
            ScenarioError::Parse {
                line,
                column,
                message,
                ..
            } => {
                assert!(*line > lines, "{err}");
                assert!(*column >= 1, "{err}");
                assert!(message.contains("text after the end"), "{err}");
            }
            other => panic!("unexpected {other}"),
        }
        assert!(
            err.to_string().starts_with("bad.json: at . (line "),
            "{err}"
        );
    }
    // Trailing white space is not data.
    assert!(from_json_str(&format!("{text}\n\n  \n"), "ok.json").is_ok());
}
