//! Fuzzes the scenario JSON reader (parse, format version, semantic validation): an accepted
//! scenario survives the JSON and the table round trips unchanged (the format's invariant: tables
//! and JSON describe the same scenarios), a rejected one gets an error naming the file (and, for a
//! parse error, its line and column); never a panic.
#![no_main]

use gongpei_fuzz::{assert_tables_round_trip, FILE};
use gongpei_scenario::{from_json_str, to_json_string, ScenarioError};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return; // the JSON reader takes text; files are read as UTF-8 first, which fails first
    };
    match from_json_str(text, FILE) {
        Ok(scenario) => {
            let json = to_json_string(&scenario);
            let again = from_json_str(&json, FILE).expect("a written scenario reads back");
            assert_eq!(again, scenario, "JSON round trip changed the scenario");
            assert_tables_round_trip(&scenario);
        }
        Err(err) => {
            let message = err.to_string();
            assert!(message.starts_with(&format!("{FILE}: ")), "{message}");
            // serde_json's convention: column 0 is the line break itself, and the line after the
            // last newline is the end of the text.
            if let ScenarioError::Parse { line, .. } = err {
                assert!(line >= 1, "{message}");
                assert!(line <= text.lines().count() + 1, "{message}");
            }
        }
    }
});
