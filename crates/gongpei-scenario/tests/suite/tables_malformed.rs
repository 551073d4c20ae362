//! Malformed tables: well over 100 distinct mutations of the small preset's tables, each
//! rejected with a problem naming the table (file or sheet), the row as a spreadsheet shows it
//! and the column; a proptest of random cell garbage never panics.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::tables::catalog::TABLES;
use gongpei_scenario::tables::spec::{Kind, Need, Shape};
use gongpei_scenario::tables::{self, Origin, TableProblem, TablesError};
use proptest::prelude::*;

/// Table name -> rows of text (row 0 = header = line 1).
type Tables = BTreeMap<String, Vec<Vec<String>>>;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongpei-malformed-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    dir
}

fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

fn to_csv(rows: &[Vec<String>]) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn small_tables() -> Tables {
    static CELL: OnceLock<Tables> = OnceLock::new();
    CELL.get_or_init(|| {
        let dir = temp("base");
        tables::write_csv_dir(&generate(Preset::Small, 1).unwrap(), &dir).unwrap();
        let mut out = Tables::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            out.insert(name, parse_csv(&std::fs::read_to_string(&path).unwrap()));
        }
        std::fs::remove_dir_all(&dir).ok();
        out
    })
    .clone()
}

fn build(t: &Tables) -> Result<gongpei_scenario::Scenario, TablesError> {
    let texts: Vec<(String, String)> = t
        .iter()
        .map(|(n, rows)| (n.clone(), to_csv(rows)))
        .collect();
    tables::scenario_from_csv_texts(&texts)
}

fn col(t: &Tables, table: &str, column: &str) -> usize {
    t[table][0]
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("{table} has no column {column}"))
}

/// Sets the cell of `column` on spreadsheet line `line` (2 = first data row).
fn set(t: &mut Tables, table: &str, line: usize, column: &str, value: &str) {
    let c = col(t, table, column);
    t.get_mut(table).unwrap()[line - 1][c] = value.to_string();
}

/// Line (1-based) of the key/value row `key`.
fn key_line(t: &Tables, table: &str, key: &str) -> usize {
    t[table].iter().position(|r| r[0] == key).unwrap() + 1
}

fn set_key(t: &mut Tables, table: &str, key: &str, value: &str) -> usize {
    let line = key_line(t, table, key);
    t.get_mut(table).unwrap()[line - 1][1] = value.to_string();
    line
}

fn drop_column(t: &mut Tables, table: &str, column: &str) {
    let c = col(t, table, column);
    for r in t.get_mut(table).unwrap() {
        if c < r.len() {
            r.remove(c);
        }
    }
}

fn rename_column(t: &mut Tables, table: &str, column: &str, new: &str) {
    let c = col(t, table, column);
    t.get_mut(table).unwrap()[0][c] = new.to_string();
}

/// What a case expects: a problem in `table` at `line` and `column` whose message contains
/// `text`.
struct Expect {
    table: String,
    line: Option<usize>,
    column: Option<String>,
    text: String,
}

fn expect(table: &str, line: Option<usize>, column: Option<&str>, text: &str) -> Expect {
    Expect {
        table: table.into(),
        line,
        column: column.map(String::from),
        text: text.into(),
    }
}

struct Case {
    name: String,
    mutate: Box<dyn Fn(&mut Tables) -> Expect>,
}

fn case(name: impl Into<String>, mutate: impl Fn(&mut Tables) -> Expect + 'static) -> Case {
    Case {
        name: name.into(),
        mutate: Box::new(mutate),
    }
}

fn origin_table(p: &TableProblem) -> &str {
    match &p.place.origin {
        Origin::Memory(t) => t,
        other => panic!("unexpected origin {other}"),
    }
}

fn matches(p: &TableProblem, e: &Expect) -> bool {
    origin_table(p) == e.table
        && p.place.line == e.line
        && p.place.column == e.column
        && p.message.contains(&e.text)
}

/// A misspelling of a column name that is not itself a valid name.
fn misspell(name: &str) -> String {
    let mut chars: Vec<char> = name.chars().collect();
    if chars.len() >= 3 {
        chars.swap(1, 2);
    } else {
        chars.push('x');
    }
    let s: String = chars.into_iter().collect();
    if s == name {
        format!("{name}x")
    } else {
        s
    }
}

fn first_data_line(t: &Tables, table: &str) -> Option<usize> {
    (t[table].len() > 1).then_some(2)
}

fn cases() -> Vec<Case> {
    let base = small_tables();
    let mut cases = Vec::new();

    // Every column of every row table: missing (if required), misspelt, empty (if required),
    // and a bad value of its kind.
    for spec in TABLES.iter() {
        let Shape::Rows(columns) = spec.shape else {
            continue;
        };
        let table = spec.name;
        if first_data_line(&base, table).is_none()
            || !base[table][0].iter().any(|h| h == columns[0].name)
        {
            continue;
        }
        for c in columns.iter() {
            if !base[table][0].iter().any(|h| h == c.name) {
                continue;
            }
            let name = c.name;
            if c.need == Need::Required {
                cases.push(case(format!("{table}: column {name} missing"), move |t| {
                    drop_column(t, table, name);
                    expect(table, Some(1), Some(name), "missing required column")
                }));
                cases.push(case(format!("{table}: cell {name} empty"), move |t| {
                    set(t, table, 2, name, "");
                    expect(table, Some(2), Some(name), "empty cell")
                }));
            }
            let wrong = misspell(name);
            cases.push(case(format!("{table}: column {name} misspelt"), move |t| {
                rename_column(t, table, name, &wrong);
                expect(
                    table,
                    Some(1),
                    Some(&wrong),
                    &format!("did you mean {name:?}"),
                )
            }));
            let bad = match c.kind {
                Kind::Int | Kind::Float => Some(("12x", "is not")),
                Kind::Seconds => Some(("8h30", "is not")),
                Kind::Bool => Some(("maybe", "is not true or false")),
                Kind::Enum(_) => Some(("castle", "expected one of")),
                Kind::Ref(_) => Some(("nowhere_at_all", "unknown")),
                Kind::Text => None,
            };
            if let Some((value, text)) = bad {
                cases.push(case(format!("{table}: bad {name}"), move |t| {
                    set(t, table, 2, name, value);
                    expect(table, Some(2), Some(name), text)
                }));
            }
        }
    }

    // Key/value tables: every key missing (required ones), bad values, unknown keys.
    for spec in TABLES.iter() {
        let Shape::KeyValue { keys, .. } = spec.shape else {
            continue;
        };
        let table = spec.name;
        for k in keys.iter() {
            let key = k.name;
            if base[table].iter().all(|r| r[0] != key) {
                continue;
            }
            if k.need == Need::Required {
                cases.push(case(format!("{table}: key {key} missing"), move |t| {
                    let line = key_line(t, table, key);
                    t.get_mut(table).unwrap().remove(line - 1);
                    expect(
                        table,
                        None,
                        Some("key"),
                        &format!("missing required key {key:?}"),
                    )
                }));
                cases.push(case(format!("{table}: key {key} empty"), move |t| {
                    let line = set_key(t, table, key, "");
                    expect(
                        table,
                        Some(line),
                        Some("value"),
                        &format!("key {key:?} is required"),
                    )
                }));
            }
            let bad = match k.kind {
                Kind::Int | Kind::Float => Some(("lots", "is not")),
                Kind::Seconds => Some(("noon", "is not")),
                Kind::Enum(_) => Some(("castle", "expected one of")),
                Kind::Ref(_) => Some(("nowhere_at_all", "unknown site")),
                _ => None,
            };
            if let Some((value, text)) = bad {
                cases.push(case(format!("{table}: bad key {key}"), move |t| {
                    let line = set_key(t, table, key, value);
                    expect(table, Some(line), Some("value"), text)
                }));
            }
            let wrong = misspell(key);
            cases.push(case(format!("{table}: key {key} misspelt"), move |t| {
                let line = key_line(t, table, key);
                t.get_mut(table).unwrap()[line - 1][0] = wrong.clone();
                expect(
                    table,
                    Some(line),
                    Some("key"),
                    &format!("did you mean {key:?}"),
                )
            }));
        }
        cases.push(case(format!("{table}: duplicate key"), move |t| {
            let row = t[table][1].clone();
            t.get_mut(table).unwrap().push(row);
            let line = t[table].len();
            expect(table, Some(line), Some("key"), "also given on line 2")
        }));
        cases.push(case(format!("{table}: value column misspelt"), move |t| {
            t.get_mut(table).unwrap()[0][1] = "valeu".into();
            expect(table, Some(1), Some("valeu"), "did you mean \"value\"")
        }));
    }

    // Tables: a required one missing, one misspelt.
    for spec in TABLES.iter().filter(|s| s.required) {
        let table = spec.name;
        cases.push(case(format!("table {table} missing"), move |t| {
            t.remove(table);
            expect(
                table,
                None,
                None,
                &format!("missing required table {table:?}"),
            )
        }));
    }
    for (table, wrong) in [
        ("sites", "site"),
        ("demand", "Demand"),
        ("vehicle_types", "vehicletypes"),
        ("bus_runs", "bus_run"),
    ] {
        cases.push(case(
            format!("table {table} misspelt as {wrong}"),
            move |t| {
                let rows = t.remove(table).unwrap();
                t.insert(wrong.to_string(), rows);
                expect(wrong, None, None, &format!("did you mean {table:?}"))
            },
        ));
    }

    // Duplicates.
    for (table, column) in [
        ("sites", "id"),
        ("carriers", "id"),
        ("vehicle_types", "id"),
        ("bus_lines", "id"),
        ("demand", "village"),
        ("depots", "carrier"),
        ("speeds", "profile"),
        ("emissions", "profile"),
    ] {
        cases.push(case(format!("{table}: duplicate row"), move |t| {
            let row = t[table][1].clone();
            t.get_mut(table).unwrap().push(row);
            let line = t[table].len();
            expect(table, Some(line), Some(column), "already on line 2")
        }));
    }
    cases.push(case("sites: duplicate header", |t| {
        t.get_mut("sites").unwrap()[0][2] = "name".into();
        expect("sites", Some(1), Some("name"), "appears twice")
    }));
    cases.push(case("demand: value beyond the header", |t| {
        t.get_mut("demand").unwrap()[4].push("17".into());
        let n = t["demand"][0].len();
        expect(
            "demand",
            Some(5),
            Some(&format!("#{}", n + 1)),
            "beyond the last named column",
        )
    }));

    // Coordinate systems.
    cases.push(case("sites: mixed coordinate systems", |t| {
        let rows = t.get_mut("sites").unwrap();
        rows[0].push("crs".into());
        for (k, r) in rows.iter_mut().enumerate().skip(1) {
            r.push(if k == 6 { "gcj02" } else { "wgs84" }.into());
        }
        expect(
            "sites",
            Some(7),
            Some("crs"),
            "differs from wgs84 on line 2",
        )
    }));
    cases.push(case("sites: unknown coordinate system", |t| {
        let rows = t.get_mut("sites").unwrap();
        rows[0].push("crs".into());
        for r in rows.iter_mut().skip(1) {
            r.push("utm50".into());
        }
        expect(
            "sites",
            Some(3),
            Some("crs"),
            "expected one of wgs84, gcj02, bd09",
        )
    }));
    cases.push(case("sites_crs contradicts the crs column", |t| {
        let rows = t.get_mut("sites").unwrap();
        rows[0].push("crs".into());
        for r in rows.iter_mut().skip(1) {
            r.push("gcj02".into());
        }
        let line = set_key(t, "metadata", "sites_crs", "bd09");
        expect(
            "metadata",
            Some(line),
            Some("value"),
            "contradicts column crs",
        )
    }));

    // Half-filled groups.
    cases.push(case("sites: open_s without close_s", |t| {
        let c = col(t, "sites", "open_s");
        let line = t["sites"]
            .iter()
            .skip(1)
            .position(|r| !r[c].is_empty())
            .unwrap()
            + 2;
        set(t, "sites", line, "close_s", "");
        expect(
            "sites",
            Some(line),
            Some("close_s"),
            "close_s is required when open_s is given",
        )
    }));
    cases.push(case("demand: window start without end", |t| {
        set(t, "demand", 4, "window_start_s", "09:00");
        expect(
            "demand",
            Some(4),
            Some("window_end_s"),
            "required when window_start_s",
        )
    }));
    cases.push(case("metadata: district code without name", |t| {
        set_key(t, "metadata", "district_code", "120119");
        let line = key_line(t, "metadata", "district_code");
        set_key(t, "metadata", "district_name", "");
        expect(
            "metadata",
            Some(line),
            Some("value"),
            "district_name is required when district_code",
        )
    }));

    // Problems found by validation, mapped back to table, row and column.
    let validated: [(&str, usize, &str, &str, &str); 12] = [
        ("demand", 6, "parcels_in", "-3", "must be >= 0"),
        ("demand", 7, "kg_out", "-1", "must be >= 0"),
        ("sites", 9, "lat", "95", "latitude 95 is not in [-90, 90]"),
        ("sites", 10, "open_s", "70000", "open_s is after close_s"),
        ("roads", 4, "length_m", "-12.5", "must be a positive length"),
        ("vehicle_types", 3, "capacity_kg", "0", "must be > 0"),
        (
            "vehicle_types",
            2,
            "shift_start_s",
            "200000",
            "must be a time",
        ),
        ("carriers", 3, "volume_share", "1.5", "must be in [0, 1]"),
        (
            "bus_lines",
            2,
            "fee_per_parcel",
            "-1",
            "must be a finite number >= 0",
        ),
        ("bus_runs", 3, "departure_s", "99:00", "must be a time"),
        ("demand", 2, "village", "hub", "expected a village_station"),
        ("roads", 5, "to", "", "empty cell"),
    ];
    for (table, line, column, value, text) in validated {
        cases.push(case(
            format!("validate: {table} {column} = {value}"),
            move |t| {
                set(t, table, line, column, value);
                expect(table, Some(line), Some(column), text)
            },
        ));
    }
    cases.push(case("validate: bus stop offsets decrease", |t| {
        set(t, "bus_stops", 4, "offset_s", "1");
        expect(
            "bus_stops",
            Some(4),
            Some("offset_s"),
            "offsets must not decrease",
        )
    }));
    cases.push(case("validate: detour factor below 1", |t| {
        let line = set_key(t, "road_settings", "detour_factor", "0.5");
        expect(
            "road_settings",
            Some(line),
            Some("value"),
            "must be a number >= 1",
        )
    }));
    cases.push(case("validate: day end beyond two days", |t| {
        let line = set_key(t, "costs", "day_end_s", "500000");
        expect("costs", Some(line), Some("value"), "must be a time")
    }));
    cases.push(case("validate: carrier without depots", |t| {
        let carrier = t["carriers"][2][0].clone();
        t.get_mut("depots").unwrap().retain(|r| r[0] != carrier);
        expect("carriers", Some(3), None, "at least one depot")
    }));
    cases.push(case("validate: township is not a township centre", |t| {
        let line = t["sites"]
            .iter()
            .position(|r| r[3] == "village_station")
            .unwrap()
            + 1;
        set(t, "sites", line, "township", "hub");
        expect(
            "sites",
            Some(line),
            Some("township"),
            "expected a township_centre",
        )
    }));
    cases
}

#[test]
fn the_unmodified_tables_build() {
    assert!(build(&small_tables()).is_ok());
}

#[test]
fn at_least_a_hundred_malformed_tables_name_their_place() {
    let cases = cases();
    let base = small_tables();
    let mut names = std::collections::HashSet::new();
    let mut failures = Vec::new();
    for c in &cases {
        assert!(names.insert(c.name.clone()), "duplicate case {}", c.name);
        let mut t = base.clone();
        let e = (c.mutate)(&mut t);
        match build(&t) {
            Ok(_) => failures.push(format!("{}: accepted", c.name)),
            Err(err) => {
                let problems = err.problems();
                if !problems.iter().any(|p| matches(p, &e)) {
                    failures.push(format!(
                        "{}: expected {} line {:?} column {:?} containing {:?}; got:\n{}",
                        c.name,
                        e.table,
                        e.line,
                        e.column,
                        e.text,
                        problems
                            .iter()
                            .take(5)
                            .map(|p| format!("    {p}"))
                            .collect::<Vec<_>>()
                            .join("\n")
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert!(cases.len() >= 100, "only {} cases", cases.len());
    println!("{} malformed-table cases", cases.len());
}

#[test]
fn problems_name_the_file_or_the_workbook_and_sheet() {
    let scenario = generate(Preset::Small, 1).unwrap();
    let dir = temp("files");
    tables::write_csv_dir(&scenario, &dir).unwrap();
    let mut t = small_tables();
    set(&mut t, "demand", 5, "parcels_in", "many");
    rename_column(&mut t, "sites", "lon", "lng");
    std::fs::write(dir.join("demand.csv"), to_csv(&t["demand"])).unwrap();
    std::fs::write(dir.join("sites.csv"), to_csv(&t["sites"])).unwrap();
    std::fs::rename(dir.join("carriers.csv"), dir.join("carrier.csv")).unwrap();
    let err = tables::scenario_from_path(&dir).unwrap_err();
    let text = err.to_string();
    let demand = dir.join("demand.csv").display().to_string();
    assert!(
        text.contains(&format!(
            "{demand}, line 5, column parcels_in: \"many\" is not a whole number"
        )),
        "{text}"
    );
    assert!(
        text.contains("column lng: unknown column \"lng\" in table sites (did you mean \"lon\"?)"),
        "{text}"
    );
    assert!(text.contains("column lon: missing required column \"lon\" in table sites (is it the column \"lng\"?)"), "{text}");
    assert!(
        text.contains("carrier.csv: unknown table \"carrier\" (did you mean \"carriers\"?)"),
        "{text}"
    );
    assert!(
        text.contains("carriers.csv: missing required table \"carriers\" (is it \"carrier\"?)"),
        "{text}"
    );

    // The same in a workbook: sheet names and row numbers.
    let book = dir.join("bad.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in &t {
        let sheet_name = if name == "carriers" {
            "Carriers"
        } else {
            name.as_str()
        };
        let sheet = wb.add_worksheet();
        sheet.set_name(sheet_name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                match v.parse::<f64>() {
                    Ok(f) if r > 0 && !v.is_empty() => sheet.write_number(r as u32, c as u16, f),
                    _ => sheet.write_string(r as u32, c as u16, v),
                }
                .unwrap();
            }
        }
    }
    wb.save(&book).unwrap();
    let err = tables::scenario_from_path(&book).unwrap_err();
    let text = err.to_string();
    let b = book.display();
    assert!(
        text.contains(&format!(
            "{b}, sheet demand, row 5, column parcels_in: \"many\" is not a whole number"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{b}, sheet Carriers: unknown sheet \"Carriers\" (did you mean \"carriers\"?)"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{b}, sheet carriers: missing required sheet \"carriers\" (is it \"Carriers\"?)"
        )),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn every_bad_row_is_reported_at_once() {
    let mut t = small_tables();
    for line in 2..12 {
        set(&mut t, "demand", line, "kg_in", "heavy");
    }
    set(&mut t, "sites", 3, "lon", "east");
    let err = build(&t).unwrap_err();
    let lines: Vec<usize> = err
        .problems()
        .iter()
        .filter(|p| p.place.column.as_deref() == Some("kg_in"))
        .filter_map(|p| p.place.line)
        .collect();
    assert_eq!(lines, (2..12).collect::<Vec<_>>());
    assert!(err
        .problems()
        .iter()
        .any(|p| origin_table(p) == "sites" && p.place.line == Some(3)));
}

#[test]
fn unknown_references_suggest_the_closest_id() {
    let mut t = small_tables();
    let carrier = t["carriers"][1][0].clone();
    set(&mut t, "demand", 3, "carrier", &format!("{carrier}x"));
    let err = build(&t).unwrap_err();
    assert!(err.to_string().contains(&format!("unknown carrier \"{carrier}x\": no such id in table carriers (did you mean {carrier:?}?)")), "{err}");
}

fn garbage() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("#comment".to_string()),
        Just("NaN".to_string()),
        Just("-inf".to_string()),
        Just("1e400".to_string()),
        Just("-9223372036854775809".to_string()),
        Just("99:99:99".to_string()),
        Just(":".to_string()),
        Just("shared".to_string()),
        Just("hub".to_string()),
        "[a-z_]{0,12}",
        "-?[0-9]{1,20}(\\.[0-9]{0,6})?",
        "\\PC{0,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn random_cell_garbage_never_panics(
        edits in proptest::collection::vec((0usize..16, 0usize..200, 0usize..16, garbage()), 1..8),
        drop_table in proptest::option::of(0usize..16),
    ) {
        let mut t = small_tables();
        let names: Vec<String> = t.keys().cloned().collect();
        for (table, row, column, value) in &edits {
            let rows = t.get_mut(&names[table % names.len()]).unwrap();
            let r = row % rows.len();
            let width = rows[r].len().max(1);
            if rows[r].is_empty() {
                rows[r].push(String::new());
            }
            rows[r][column % width] = value.clone();
        }
        if let Some(k) = drop_table {
            t.remove(&names[k % names.len()]);
        }
        match build(&t) {
            Ok(s) => prop_assert!(gongpei_scenario::validate(&s).is_ok()),
            Err(err) => {
                prop_assert!(!err.problems().is_empty());
                for p in err.problems() {
                    prop_assert!(!origin_table(p).is_empty());
                    prop_assert!(!p.message.is_empty());
                }
            }
        }
    }
}
