//! Tables -> scenario: the tables are parsed and cross-checked (references, duplicates,
//! coordinate systems), assembled into the scenario's JSON form, deserialised by the model's
//! own serde types, and validated; every problem on the way is reported at its table, row and
//! column.

use std::collections::{HashMap, HashSet};

use crate::model::SpeedTable;
use gongpei_network::crs::Crs;
use serde_json::{Map, Value};

use super::catalog::{SPEED_CLASS_COLUMNS, TABLES};
use super::error::{did_you_mean, Origin, TablesError};
use super::parse::{parse_table, Parsed, Problems, Record};
use super::provenance::Provenance;
use super::raw::TableSet;
use super::spec::{Column, Kind, Shape, TableSpec, Target, VALUE_COLUMN};
use crate::model::{Scenario, SHARED_OPERATOR};

/// Builds and validates a scenario from a set of tables; the error lists every problem.
pub fn scenario_from_tables(set: &TableSet) -> Result<Scenario, TablesError> {
    let mut problems = Problems::default();
    check_table_names(set, &mut problems);
    let parsed: HashMap<&str, Parsed<'_>> = TABLES
        .iter()
        .filter_map(|spec| {
            let raw = set.get(spec.name)?;
            Some((spec.name, parse_table(spec, raw, &mut problems)))
        })
        .collect();
    check_unique(&parsed, &mut problems);
    check_references(&parsed, &mut problems);
    let crs = sites_crs(&parsed, &mut problems);
    if !problems.list.is_empty() {
        return Err(TablesError::Invalid {
            problems: problems.list,
        });
    }
    let mut provenance = Provenance::default();
    let json = assemble(&parsed, crs, &mut provenance, &mut problems);
    if !problems.list.is_empty() {
        return Err(TablesError::Invalid {
            problems: problems.list,
        });
    }
    let scenario: Scenario = match serde_path_to_error::deserialize(json) {
        Ok(s) => s,
        Err(err) => {
            let path = err.path().to_string();
            let message = err.into_inner().to_string();
            return Err(problem_at(&provenance, set, &path, message));
        }
    };
    if let Err(found) = crate::validate(&scenario) {
        let problems = found
            .into_iter()
            .map(|p| locate(&provenance, set, &p.path, p.message))
            .collect();
        return Err(TablesError::Invalid { problems });
    }
    Ok(scenario)
}

fn locate(
    provenance: &Provenance,
    set: &TableSet,
    path: &str,
    message: String,
) -> super::error::TableProblem {
    let place = provenance.place(path).unwrap_or(super::error::Place {
        origin: Origin::File(set.source.clone()),
        line: None,
        column: None,
    });
    super::error::TableProblem {
        place,
        message: format!("{message} (scenario path {path})"),
    }
}

fn problem_at(provenance: &Provenance, set: &TableSet, path: &str, message: String) -> TablesError {
    TablesError::Invalid {
        problems: vec![locate(provenance, set, path, message)],
    }
}

fn missing_origin(set: &TableSet, name: &str) -> Origin {
    if set.workbook {
        Origin::Sheet {
            workbook: set.source.clone(),
            sheet: name.to_string(),
        }
    } else if set.source.is_empty() {
        Origin::Memory(name.to_string())
    } else {
        Origin::File(format!("{}/{name}.csv", set.source.trim_end_matches('/')))
    }
}

fn check_table_names(set: &TableSet, problems: &mut Problems) {
    let names: Vec<&str> = TABLES.iter().map(|t| t.name).collect();
    let what = if set.workbook { "sheet" } else { "table" };
    let mut seen = HashSet::new();
    for table in &set.tables {
        if !names.contains(&table.name.as_str()) {
            problems.add(
                &table.origin,
                None,
                None,
                format!(
                    "unknown {what} {:?}{}; the tables are: {}",
                    table.name,
                    did_you_mean(&table.name, names.iter().copied()),
                    names.join(", ")
                ),
            );
        } else if !seen.insert(table.name.as_str()) {
            problems.add(
                &table.origin,
                None,
                None,
                format!("{what} {:?} given twice", table.name),
            );
        }
    }
    let unknown: Vec<&str> = set
        .tables
        .iter()
        .map(|t| t.name.as_str())
        .filter(|n| !names.contains(n))
        .collect();
    for spec in TABLES.iter().filter(|t| t.required) {
        if set.get(spec.name).is_none() {
            let hint =
                did_you_mean(spec.name, unknown.iter().copied()).replace("did you mean", "is it");
            problems.add(
                &missing_origin(set, spec.name),
                None,
                None,
                format!("missing required {what} {:?}{hint}", spec.name),
            );
        }
    }
}

/// A record's value of `column` as a uniqueness / reference key.
fn key_text(value: Option<&Value>) -> String {
    match value {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

fn check_unique(parsed: &HashMap<&str, Parsed<'_>>, problems: &mut Problems) {
    for table in parsed.values() {
        let unique = table.spec.unique;
        if unique.is_empty() || matches!(table.spec.shape, Shape::KeyValue { .. }) {
            continue;
        }
        let mut first: HashMap<Vec<String>, usize> = HashMap::new();
        for (record, &line) in table.records.iter().zip(&table.record_lines) {
            let key: Vec<String> = unique
                .iter()
                .map(|c| key_text(record.get(table.spec, c)))
                .collect();
            if key.iter().all(String::is_empty) {
                continue;
            }
            if let Some(&earlier) = first.get(&key) {
                problems.add(
                    &table.raw.origin,
                    Some(line),
                    Some(unique[0]),
                    format!(
                        "duplicate {} {}: already on line {earlier}",
                        unique.join(" + "),
                        key.join(" + ")
                    ),
                );
            } else {
                first.insert(key, line);
            }
        }
    }
}

/// Ids defined by a table's `id` column.
fn ids<'a>(parsed: &'a HashMap<&str, Parsed<'_>>, table: &str) -> HashSet<&'a str> {
    parsed
        .get(table)
        .map(|t| {
            t.records
                .iter()
                .map(|r| r.text(t.spec, "id"))
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn check_references(parsed: &HashMap<&str, Parsed<'_>>, problems: &mut Problems) {
    let sites = ids(parsed, "sites");
    let carriers = ids(parsed, "carriers");
    let lines = ids(parsed, "bus_lines");
    // A commerce partner's operator owns vehicle types too (its own delivery vans).
    let commerce_operators: HashSet<&str> = parsed
        .get("commerce_partners")
        .map(|t| {
            t.records
                .iter()
                .map(|r| r.text(t.spec, "operator"))
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    for spec in TABLES.iter() {
        let Some(table) = parsed.get(spec.name) else {
            continue;
        };
        for (k, col) in spec.columns().iter().enumerate() {
            let Kind::Ref(target) = col.kind else {
                continue;
            };
            let known = match target {
                Target::Site => &sites,
                Target::Carrier | Target::Operator => &carriers,
                Target::BusLine => &lines,
            };
            for record in &table.records {
                let Some(Value::String(id)) = &record.values[k] else {
                    continue;
                };
                if known.contains(id.as_str())
                    || (target == Target::Operator
                        && (id == SHARED_OPERATOR || commerce_operators.contains(id.as_str())))
                {
                    continue;
                }
                let column = match spec.shape {
                    Shape::KeyValue { .. } => VALUE_COLUMN,
                    Shape::Rows(_) => col.name,
                };
                let mut candidates: Vec<&str> = known.iter().copied().collect();
                candidates.sort_unstable();
                if target == Target::Operator {
                    candidates.push(SHARED_OPERATOR);
                }
                let what = match target {
                    Target::Site => "site",
                    Target::Carrier => "carrier",
                    Target::Operator => "carrier (or shared)",
                    Target::BusLine => "bus line",
                };
                problems.add(
                    &table.raw.origin,
                    record.lines[k],
                    Some(column),
                    format!(
                        "unknown {what} {id:?}: no such id in table {}{}",
                        target.table(),
                        did_you_mean(id, candidates)
                    ),
                );
            }
        }
    }
}

/// The coordinate system of the sites table: its `crs` column (one value for the whole
/// table) or the metadata key `sites_crs`, else WGS84.
fn sites_crs(parsed: &HashMap<&str, Parsed<'_>>, problems: &mut Problems) -> Crs {
    let from_metadata = parsed.get("metadata").and_then(|m| {
        let record = m.records.first()?;
        let name = record.text(m.spec, "sites_crs");
        (!name.is_empty()).then(|| (name.to_string(), record.line(m.spec, "sites_crs"), m))
    });
    let mut chosen: Option<(String, usize)> = None;
    if let Some(sites) = parsed.get("sites") {
        for (record, &line) in sites.records.iter().zip(&sites.record_lines) {
            let name = record.text(sites.spec, "crs");
            if name.is_empty() {
                continue;
            }
            match &chosen {
                None => chosen = Some((name.to_string(), line)),
                Some((first, first_line)) if first != name => problems.add(
                    &sites.raw.origin,
                    Some(line),
                    Some("crs"),
                    format!(
                        "coordinate system {name} differs from {first} on line {first_line}; one table must use one coordinate system (convert, or split the table)"
                    ),
                ),
                Some(_) => {}
            }
        }
        if let (Some((column, _)), Some((meta, meta_line, m))) = (&chosen, &from_metadata) {
            if column != meta {
                problems.add(
                    &m.raw.origin,
                    *meta_line,
                    Some(VALUE_COLUMN),
                    format!(
                        "sites_crs {meta} contradicts column crs ({column}) of table sites; give one of them"
                    ),
                );
            }
        }
    }
    chosen
        .map(|(n, _)| n)
        .or(from_metadata.map(|(n, _, _)| n))
        .and_then(|n| n.parse().ok())
        .unwrap_or_default()
}

/// Sets `value` at the dotted `path` inside `object`, creating objects on the way.
fn insert_path(object: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            object.insert(path.to_string(), value);
        }
        Some((head, rest)) => {
            let child = object
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(map) = child {
                insert_path(map, rest, value);
            }
        }
    }
}

/// The JSON object of one record from its mapped columns.
fn record_object(columns: &[Column], record: &Record) -> Map<String, Value> {
    let mut object = Map::new();
    for (col, value) in columns.iter().zip(&record.values) {
        if let (Some(path), Some(v)) = (col.path, value) {
            insert_path(&mut object, path, v.clone());
        }
    }
    object
}

/// Records of a row table as JSON objects, anchored at `list[i]`.
fn row_objects(
    table: Option<&Parsed<'_>>,
    list: &str,
    provenance: &mut Provenance,
) -> Vec<Map<String, Value>> {
    let Some(table) = table else {
        return Vec::new();
    };
    provenance.table(list.to_string(), &table.raw.origin);
    let columns = table.spec.columns();
    table
        .records
        .iter()
        .zip(&table.record_lines)
        .enumerate()
        .map(|(i, (record, &line))| {
            provenance.record(format!("{list}[{i}]"), &table.raw.origin, line, columns);
            record_object(columns, record)
        })
        .collect()
}

/// Writes the keys of a key/value table into `root` (a path in `scenario`).
fn key_values(
    table: Option<&Parsed<'_>>,
    scenario: &mut Map<String, Value>,
    provenance: &mut Provenance,
) {
    let Some(table) = table else { return };
    let Shape::KeyValue { root, keys } = table.spec.shape else {
        return;
    };
    let Some(record) = table.records.first() else {
        return;
    };
    for (k, col) in keys.iter().enumerate() {
        let Some(path) = col.path else { continue };
        let full = if root.is_empty() {
            path.to_string()
        } else {
            format!("{root}.{path}")
        };
        let line = record.lines[k];
        // A group's parent path anchors at the first member's row.
        if let Some(group) = col.group() {
            let parent = if root.is_empty() {
                group.to_string()
            } else {
                format!("{root}.{group}")
            };
            provenance.cell(parent, &table.raw.origin, line, VALUE_COLUMN);
        }
        provenance.cell(full.clone(), &table.raw.origin, line, VALUE_COLUMN);
        if let Some(v) = &record.values[k] {
            insert_path(scenario, &full, v.clone());
        }
    }
}

fn object_at<'m>(root: &'m mut Map<String, Value>, key: &str) -> &'m mut Map<String, Value> {
    let entry = root
        .entry(key.to_string())
        .or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    match entry {
        Value::Object(map) => map,
        _ => unreachable!("replaced by an object just above"),
    }
}

fn assemble(
    parsed: &HashMap<&str, Parsed<'_>>,
    crs: Crs,
    provenance: &mut Provenance,
    problems: &mut Problems,
) -> Value {
    let mut scenario = Map::new();
    key_values(parsed.get("metadata"), &mut scenario, provenance);
    {
        let metadata = object_at(&mut scenario, "metadata");
        let sources = row_objects(parsed.get("sources"), "metadata.sources", provenance);
        let synthetic = row_objects(parsed.get("synthetic"), "metadata.synthetic", provenance);
        metadata.insert("sources".into(), list(sources));
        metadata.insert("synthetic".into(), list(synthetic));
    }

    let mut sites = row_objects(parsed.get("sites"), "sites", provenance);
    if crs != Crs::Wgs84 {
        for site in &mut sites {
            if let (Some(lon), Some(lat)) = (
                site.get("lon").and_then(Value::as_f64),
                site.get("lat").and_then(Value::as_f64),
            ) {
                let (lon, lat) = crs.to_wgs84(lon, lat);
                site.insert("lon".into(), float(lon));
                site.insert("lat".into(), float(lat));
            }
        }
    }
    scenario.insert("sites".into(), list(sites));

    key_values(parsed.get("road_settings"), &mut scenario, provenance);
    let edges = row_objects(parsed.get("roads"), "roads.edges", provenance);
    let speeds = speeds(parsed.get("speeds"), provenance, problems);
    {
        let roads = object_at(&mut scenario, "roads");
        roads.insert("edges".into(), list(edges));
        if let Some(speeds) = speeds {
            roads.insert("speeds_kmh".into(), speeds);
        }
    }

    let mut carriers = row_objects(parsed.get("carriers"), "carriers", provenance);
    let depots = members(parsed.get("depots"), "carrier");
    attach(
        &mut carriers,
        parsed.get("carriers"),
        &depots,
        provenance,
        |i, k| vec![(format!("carriers[{i}].depots[{k}]"), "site")],
        |carrier, items| {
            let sites = items.iter().map(|m| m.text("site")).collect();
            carrier.insert("depots".into(), list(sites));
        },
    );
    scenario.insert("carriers".into(), list(carriers));

    let demand = row_objects(parsed.get("demand"), "demand", provenance);
    scenario.insert("demand".into(), list(demand));
    let vehicles = row_objects(parsed.get("vehicle_types"), "vehicle_types", provenance);
    scenario.insert("vehicle_types".into(), list(vehicles));

    let mut lines = row_objects(parsed.get("bus_lines"), "bus_lines", provenance);
    let stops = members(parsed.get("bus_stops"), "line");
    attach(
        &mut lines,
        parsed.get("bus_lines"),
        &stops,
        provenance,
        |i, k| {
            vec![
                (format!("bus_lines[{i}].stops[{k}]"), "site"),
                (format!("bus_lines[{i}].stop_offsets_s[{k}]"), "offset_s"),
            ]
        },
        |line, items| {
            let sites = items.iter().map(|m| m.text("site")).collect();
            let offsets = items.iter().map(|m| m.value("offset_s")).collect();
            line.insert("stops".into(), list(sites));
            line.insert("stop_offsets_s".into(), list(offsets));
        },
    );
    let runs = members(parsed.get("bus_runs"), "line");
    attach(
        &mut lines,
        parsed.get("bus_lines"),
        &runs,
        provenance,
        |i, k| vec![(format!("bus_lines[{i}].runs[{k}]"), "departure_s")],
        |line, items| {
            let runs = items
                .iter()
                .map(|m| {
                    let mut run = Map::new();
                    run.insert("departure_s".into(), m.value("departure_s"));
                    Value::Object(run)
                })
                .collect();
            line.insert("runs".into(), list(runs));
        },
    );
    if parsed.contains_key("bus_lines") {
        scenario.insert("bus_lines".into(), list(lines));
    }

    key_values(parsed.get("costs"), &mut scenario, provenance);
    let emissions = row_objects(parsed.get("emissions"), "costs.co2_kg_per_km", provenance);
    object_at(&mut scenario, "costs").insert("co2_kg_per_km".into(), list(emissions));

    key_values(parsed.get("finance"), &mut scenario, provenance);
    let facilities = row_objects(parsed.get("facilities"), "finance.facilities", provenance);
    let subsidies = row_objects(parsed.get("subsidies"), "finance.subsidies", provenance);
    if !facilities.is_empty() || !subsidies.is_empty() {
        let finance = object_at(&mut scenario, "finance");
        finance.insert("facilities".into(), list(facilities));
        finance.insert("subsidies".into(), list(subsidies));
    }

    key_values(parsed.get("commerce"), &mut scenario, provenance);
    let partners = row_objects(
        parsed.get("commerce_partners"),
        "commerce.partners",
        provenance,
    );
    let replenishment = row_objects(
        parsed.get("commerce_replenishment"),
        "commerce.replenishment",
        provenance,
    );
    if !partners.is_empty() || !replenishment.is_empty() {
        let commerce = object_at(&mut scenario, "commerce");
        commerce.insert("partners".into(), list(partners));
        commerce.insert("replenishment".into(), list(replenishment));
    }
    Value::Object(scenario)
}

fn list(items: Vec<impl Into<Value>>) -> Value {
    Value::Array(items.into_iter().map(Into::into).collect())
}

fn float(f: f64) -> Value {
    serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// One row of a member table (depots, stops, runs), with its values by column name.
struct Member<'a> {
    spec: &'static TableSpec,
    record: &'a Record,
    line: usize,
}

impl Member<'_> {
    fn text(&self, column: &str) -> Value {
        Value::String(self.record.text(self.spec, column).to_string())
    }
    fn value(&self, column: &str) -> Value {
        self.record
            .get(self.spec, column)
            .cloned()
            .unwrap_or(Value::Null)
    }
}

/// Rows of a member table grouped by their owner's id (column `owner`), in row order.
struct Members<'a> {
    by_owner: HashMap<String, Vec<Member<'a>>>,
    origin: Option<Origin>,
}

fn members<'a>(table: Option<&'a Parsed<'_>>, owner: &str) -> Members<'a> {
    let mut by_owner: HashMap<String, Vec<Member<'a>>> = HashMap::new();
    if let Some(table) = table {
        for (record, &line) in table.records.iter().zip(&table.record_lines) {
            by_owner
                .entry(record.text(table.spec, owner).to_string())
                .or_default()
                .push(Member {
                    spec: table.spec,
                    record,
                    line,
                });
        }
    }
    Members {
        by_owner,
        origin: table.map(|t| t.raw.origin.clone()),
    }
}

/// Fills each owner object from its member rows; `cells(i, k)` lists the JSON paths of the
/// k-th member of owner i with the column each comes from, for later problem reports.
fn attach(
    owners: &mut [Map<String, Value>],
    owner_table: Option<&Parsed<'_>>,
    members: &Members<'_>,
    provenance: &mut Provenance,
    cells: impl Fn(usize, usize) -> Vec<(String, &'static str)>,
    fill: impl Fn(&mut Map<String, Value>, &[Member<'_>]),
) {
    let Some(owner_table) = owner_table else {
        return;
    };
    for (i, (owner, record)) in owners.iter_mut().zip(&owner_table.records).enumerate() {
        let id = record.text(owner_table.spec, "id");
        let items: &[Member<'_>] = members.by_owner.get(id).map_or(&[], Vec::as_slice);
        if let Some(origin) = &members.origin {
            for (k, m) in items.iter().enumerate() {
                for (path, column) in cells(i, k) {
                    provenance.cell(path, origin, Some(m.line), column);
                }
            }
        }
        fill(owner, items);
    }
}

/// The `speeds` table over the default speed table (a missing row or cell keeps the default).
fn speeds(
    table: Option<&Parsed<'_>>,
    provenance: &mut Provenance,
    problems: &mut Problems,
) -> Option<Value> {
    let table = table?;
    provenance.table("roads.speeds_kmh".into(), &table.raw.origin);
    let mut speeds = serde_json::to_value(SpeedTable::default()).ok()?;
    for (record, &line) in table.records.iter().zip(&table.record_lines) {
        let profile = record.text(table.spec, "profile");
        for (k, class) in SPEED_CLASS_COLUMNS.iter().enumerate() {
            let Some(v) = record.get(table.spec, class) else {
                continue;
            };
            if !v.as_f64().is_some_and(|f| f.is_finite() && f > 0.0) {
                problems.add(
                    &table.raw.origin,
                    Some(line),
                    Some(class),
                    format!("speed must be a positive number of km/h, found {v}"),
                );
                continue;
            }
            match speeds.get_mut(profile).and_then(|row| row.get_mut(k)) {
                Some(slot) => *slot = v.clone(),
                None => problems.add(
                    &table.raw.origin,
                    Some(line),
                    Some("profile"),
                    format!("the speed table has no row for profile {profile:?}"),
                ),
            }
        }
    }
    Some(speeds)
}
