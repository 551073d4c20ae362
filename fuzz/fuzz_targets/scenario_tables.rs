//! Fuzzes the scenario tables reader (CSV texts by table name, as a folder of CSV files or pandas
//! DataFrames give them): the input is a list of tables, each opened by a line `==> NAME <==`
//! (NAME a table of the catalog, or anything else to test that path). An accepted scenario survives
//! the table round trip unchanged; a rejected one gets an error that names the table; never a
//! panic.
#![no_main]

use gongpei_fuzz::assert_tables_round_trip;
use gongpei_scenario::tables::scenario_from_csv_texts;
use libfuzzer_sys::fuzz_target;

/// Splits `==> NAME <==` sections into (table name, CSV text) pairs.
fn tables(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        let header = line
            .trim_end()
            .strip_prefix("==> ")
            .and_then(|l| l.strip_suffix(" <=="));
        match (header, out.last_mut()) {
            (Some(name), _) => out.push((name.to_string(), String::new())),
            (None, Some((_, body))) => body.push_str(line),
            (None, None) => {}
        }
    }
    out
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return; // CSV files are decoded before this reader sees them
    };
    let texts = tables(text);
    match scenario_from_csv_texts(&texts) {
        Ok(scenario) => assert_tables_round_trip(&scenario),
        Err(err) => {
            let message = err.to_string();
            assert!(!message.trim().is_empty());
            let named = texts
                .iter()
                .any(|(name, _)| message.contains(name.as_str()))
                || message.contains("table")
                || message.contains("scenario");
            assert!(named, "an error that names no table: {message}");
        }
    }
});
