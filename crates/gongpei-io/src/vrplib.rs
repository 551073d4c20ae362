//! Reader for TSPLIB-style VRPLIB files: CVRPLIB `.vrp` (A, B, E, P, X sets; `EUC_2D` or
//! `EXPLICIT` matrices in `FULL_MATRIX` / `LOWER_ROW` / `LOWER_DIAG_ROW` / `UPPER_ROW` /
//! `UPPER_DIAG_ROW` layout) and LKH-3 `.vrpspd` files (Dethloff, Montane-Galvao) with their
//! `PICKUP_AND_DELIVERY_SECTION`. `SERVICE_TIME_SECTION` and `TIME_WINDOW_SECTION` are read too.
//!
//! Conventions: node 1.. in the file; the depot listed in `DEPOT_SECTION` becomes depot 0, the
//! other nodes become clients in id order, written in `.sol` files as node id minus one (CVRPLIB).
//! The fleet is `VEHICLES` when given; otherwise `k` for the classic sets named `A-nN-kK` (also
//! B, E, F, M, P), as in the literature; otherwise unlimited (one vehicle per client, X set).
//! LKH-3 VRPSPD files with explicit matrices carry distances multiplied by 10^4 without saying
//! so (LKH-3 reports SCA3-0 as 635.6198 for a BKS of 635.62), so their cost scale is 10^4.
//!
//! PyVRP's VRPLIB dialect (the PyVRP/Instances variant sets) adds:
//! - `SERVICE_TIME : s`, one service time for every client (not with `SERVICE_TIME_SECTION`);
//! - `PRIZE_SECTION` (`node prize`): every client becomes optional, skipping it costs its prize;
//!   a client of prize 0 stays required, as in PyVRP's reader;
//! - vehicles listed one by one (`VEHICLES : N` with `CAPACITY_SECTION`,
//!   `VEHICLES_FIXED_COST_SECTION`, `VEHICLES_UNIT_DISTANCE_COST_SECTION`, rows `vehicle value`;
//!   `listed_fleet.rs`): consecutive identical vehicles become one type, and `.sol` route k is
//!   driven by vehicle k ([`Instance::listed_vehicle_types`]);
//! - `BACKHAUL_SECTION` (`node pickup`, `TYPE : VRPB`): refused, since the benchmark requires every
//!   linehaul client before any backhaul client on a route and the engine does not model that;
//!   read as pickups anywhere on a route (the mixed relaxation) only with
//!   [`crate::ReadOptions::vrpb_mixed`].
//!
//! The `TYPE` picks the benchmark's distance convention for `EUC_2D`: `PCVRPTW` truncates
//! distances and times to one decimal (DIMACS, cost scale 10, as PyVRP's `dimacs`); `HFVRP` uses
//! unrounded distances (cost scale 10^4) and, its costs being x 100 in the files, reports costs
//! divided by 100 (cost scale 10^6), the units of the literature and of its `.sol` files; every
//! other type rounds to the nearest integer. Prizes and fixed costs are in the file's distance
//! unit and scale like distances.

use crate::instance::{coordinate_distance, Format, Instance, Rounding, EXACT_SCALE};
use crate::listed_fleet::{self, FleetContext};
use crate::text::{count, int, real, scaled, Text};
use crate::{IoError, ReadOptions};
use gongpei_core::{Client, Depot, Matrix, ProblemData, VehicleType, UNBOUNDED};
use std::collections::BTreeMap;

/// One `*_SECTION`: where it starts and its data lines (0-based line index, tokens).
#[derive(Default)]
pub(crate) struct Section {
    pub header_line: usize,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Header fields and sections of a file, before interpretation.
struct Raw {
    fields: BTreeMap<String, (usize, String)>,
    sections: BTreeMap<String, Section>,
}

fn split_raw(text: &Text) -> Result<Raw, IoError> {
    let mut fields = BTreeMap::new();
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    let mut current: Option<String> = None;
    for (i, line) in text.lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let first = trimmed.split_whitespace().next().unwrap_or("");
        let starts_numeric = first
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_digit() || ch == '-' || ch == '+' || ch == '.');
        if starts_numeric {
            let Some(name) = &current else {
                return Err(text.err(i, format!("number `{first}` outside any *_SECTION")));
            };
            let tokens = trimmed.split_whitespace().map(str::to_string).collect();
            sections
                .get_mut(name)
                .expect("current section exists")
                .rows
                .push((i, tokens));
            continue;
        }
        let key = first.trim_end_matches(':').to_ascii_uppercase();
        if key == "EOF" {
            break;
        }
        if key.ends_with("_SECTION") {
            if sections.contains_key(&key) {
                return Err(text.err(i, format!("{key} appears twice")));
            }
            sections.insert(
                key.clone(),
                Section {
                    header_line: i,
                    rows: Vec::new(),
                },
            );
            current = Some(key);
            continue;
        }
        let Some((k, v)) = trimmed.split_once(':') else {
            return Err(text.err(
                i,
                format!("expected `KEY : VALUE` or a *_SECTION line, found `{trimmed}`"),
            ));
        };
        let k = k.trim().to_ascii_uppercase();
        if fields.contains_key(&k) {
            return Err(text.err(i, format!("field {k} appears twice")));
        }
        fields.insert(k, (i, v.trim().to_string()));
        current = None;
    }
    Ok(Raw { fields, sections })
}

impl Raw {
    fn field(&self, key: &str) -> Option<&(usize, String)> {
        self.fields.get(key)
    }

    /// An error for a header field the file lacks, at the first section line (where the
    /// header ended without it), or at the end of a file without sections.
    fn missing_field(&self, text: &Text, key: &str) -> IoError {
        let message = format!("missing field {key} (the header ends here)");
        match self.sections.values().map(|s| s.header_line).min() {
            Some(line) => text.err(line, message),
            None => text.err_at_end(message),
        }
    }

    fn required_count(&self, text: &Text, key: &str) -> Result<usize, IoError> {
        let (line, value) = self
            .field(key)
            .ok_or_else(|| self.missing_field(text, key))?;
        count(text, *line, value, key)
    }

    fn optional_int(&self, text: &Text, key: &str) -> Result<Option<i64>, IoError> {
        self.field(key)
            .map(|(line, value)| int(text, *line, value, key))
            .transpose()
    }
}

/// Reads node-indexed rows (`id value...`) of a section into `out[id - 1]`, checking that each of
/// the `dim` nodes appears exactly once with at least `min_values` values after the id.
fn node_rows<'a>(
    text: &Text,
    section: &'a Section,
    name: &str,
    dim: usize,
    min_values: usize,
) -> Result<Vec<(usize, &'a [String])>, IoError> {
    indexed_rows(text, section, name, dim, "node", min_values)
}

/// Reads rows `id value...` of a section indexed by `noun` (`node`: ids 1..=`DIMENSION`,
/// `vehicle`: ids 1..=`VEHICLES`) into `out[id - 1]`, checking that each of the `n` ids appears
/// exactly once with at least `min_values` values after it.
pub(crate) fn indexed_rows<'a>(
    text: &Text,
    section: &'a Section,
    name: &str,
    n: usize,
    noun: &str,
    min_values: usize,
) -> Result<Vec<(usize, &'a [String])>, IoError> {
    let bound = if noun == "node" {
        "DIMENSION"
    } else {
        "VEHICLES"
    };
    let mut out: Vec<Option<(usize, &[String])>> = vec![None; n];
    for (line, tokens) in &section.rows {
        let id = count(text, *line, &tokens[0], &format!("{name} {noun} id"))?;
        if id == 0 || id > n {
            return Err(text.err(
                *line,
                format!("{name}: {noun} id {id} outside 1..={n} ({bound})"),
            ));
        }
        if tokens.len() < 1 + min_values {
            return Err(text.err(
                *line,
                format!(
                    "{name}: {noun} {id} has {} values, expected {min_values}",
                    tokens.len() - 1
                ),
            ));
        }
        if out[id - 1].is_some() {
            return Err(text.err(*line, format!("{name}: {noun} {id} appears twice")));
        }
        out[id - 1] = Some((*line, &tokens[1..]));
    }
    out.into_iter()
        .enumerate()
        .map(|(k, row)| {
            row.ok_or_else(|| {
                text.err(
                    section.header_line,
                    format!("{name}: {noun} {} is missing ({bound} is {n})", k + 1),
                )
            })
        })
        .collect()
}

/// Expands an explicit `EDGE_WEIGHT_SECTION` into a full row-major `dim x dim` matrix.
fn explicit_matrix(
    text: &Text,
    section: &Section,
    format: &str,
    dim: usize,
) -> Result<Vec<i64>, IoError> {
    let mut values = Vec::new();
    for (line, tokens) in &section.rows {
        for t in tokens {
            values.push(int(text, *line, t, "EDGE_WEIGHT_SECTION entry")?);
        }
    }
    let n = dim;
    let expected = match format {
        "FULL_MATRIX" => n * n,
        "LOWER_ROW" | "UPPER_ROW" => n * (n - 1) / 2,
        "LOWER_DIAG_ROW" | "UPPER_DIAG_ROW" => n * (n + 1) / 2,
        other => {
            return Err(text.err(
                section.header_line,
                format!("EDGE_WEIGHT_FORMAT {other} is not supported"),
            ))
        }
    };
    if values.len() != expected {
        let line = section.rows.last().map_or(section.header_line, |r| r.0);
        return Err(text.err(
            line,
            format!(
                "EDGE_WEIGHT_SECTION has {} entries, {format} with DIMENSION {n} needs {expected}",
                values.len()
            ),
        ));
    }
    let mut full = vec![0i64; n * n];
    let mut it = values.into_iter();
    let mut set = |i: usize, j: usize, v: i64| {
        full[i * n + j] = v;
        full[j * n + i] = v;
    };
    match format {
        "FULL_MATRIX" => {
            for (k, v) in it.enumerate() {
                full[k] = v;
            }
        }
        "LOWER_ROW" => (0..n).for_each(|i| (0..i).for_each(|j| set(i, j, it.next().unwrap()))),
        "LOWER_DIAG_ROW" => {
            (0..n).for_each(|i| (0..=i).for_each(|j| set(i, j, it.next().unwrap())))
        }
        "UPPER_ROW" => (0..n).for_each(|i| (i + 1..n).for_each(|j| set(i, j, it.next().unwrap()))),
        _ => (0..n).for_each(|i| (i..n).for_each(|j| set(i, j, it.next().unwrap()))),
    }
    Ok(full)
}

/// PyVRP's HFVRP files multiply the fixed and unit costs by 100 (PyVRP needs integers) while their
/// `.sol` costs and the literature quote the original units, so the cost scale divides by this too.
const HFVRP_COST_FACTOR: i64 = 100;

/// Why VRPB files are refused by default.
const VRPB_REFUSED: &str =
    "VRP with backhauls (TYPE VRPB, BACKHAUL_SECTION): gongpei does not model \
     its rule that every linehaul (delivery) client precede every backhaul (pickup) client on a \
     route; read it as the mixed relaxation (pickups anywhere on a route, costs possibly below \
     the benchmark's) with `--vrpb-mixed` (ReadOptions::vrpb_mixed)";

/// Distance rounding and model units per file distance unit for coordinate files, from the
/// benchmark convention of the file's `TYPE`: PyVRP's PCVRPTW set (Gehring-Homberger based) uses
/// the DIMACS one-decimal truncation, its HFVRP set unrounded distances, everything else TSPLIB's
/// nearest integer (`EUC_2D`) or unrounded distances (`EXACT_2D`).
fn coordinate_convention(weight_type: &str, problem_type: &str) -> (Rounding, i64) {
    match (weight_type, problem_type) {
        ("EUC_2D", "PCVRPTW") => (Rounding::TruncatedOneDecimal, 10),
        ("EUC_2D", "HFVRP") | ("EXACT_2D", _) => (Rounding::Exact, EXACT_SCALE),
        _ => (Rounding::Nearest, 1),
    }
}

/// Parses VRPLIB text (already split in lines) into an [`Instance`].
pub(crate) fn parse(text: &Text, options: &ReadOptions) -> Result<Instance, IoError> {
    let raw = split_raw(text)?;
    let name = raw
        .field("NAME")
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| stem(text));
    let problem_type = raw
        .field("TYPE")
        .map(|(_, v)| v.to_ascii_uppercase())
        .unwrap_or_default();
    let dim = raw.required_count(text, "DIMENSION")?;
    if dim < 2 {
        let line = raw.field("DIMENSION").map_or(0, |f| f.0);
        return Err(text.err(line, "DIMENSION must be at least 2 (a depot and a client)"));
    }
    if dim > text.lines.len() {
        // Every node needs a line of its own (demands), so this is a typo, not a big instance;
        // refusing it also keeps a stray digit from allocating gigabytes.
        let line = raw.field("DIMENSION").map_or(0, |f| f.0);
        return Err(text.err(
            line,
            format!(
                "DIMENSION {dim} exceeds the {} lines of the file",
                text.lines.len()
            ),
        ));
    }
    if let Err(e) = Matrix::check_size(dim) {
        let line = raw.field("DIMENSION").map_or(0, |f| f.0);
        return Err(text.err(line, format!("DIMENSION {dim}: {}", e.message())));
    }
    let backhaul_section = raw.sections.get("BACKHAUL_SECTION");
    if problem_type == "VRPB" || backhaul_section.is_some() {
        let line = match (raw.field("TYPE"), backhaul_section) {
            (Some((line, _)), _) if problem_type == "VRPB" => *line,
            (_, Some(section)) => section.header_line,
            _ => 0,
        };
        if !options.vrpb_mixed {
            return Err(text.err(line, VRPB_REFUSED));
        }
        if backhaul_section.is_none() {
            return Err(text.err_at_end("TYPE VRPB needs a BACKHAUL_SECTION (the file ends here)"));
        }
        if raw.sections.contains_key("PICKUP_AND_DELIVERY_SECTION") {
            return Err(text.err(
                line,
                "BACKHAUL_SECTION and PICKUP_AND_DELIVERY_SECTION both give pickups",
            ));
        }
    }
    let listed = listed_fleet::is_listed(&raw.sections);
    let capacity = match raw.optional_int(text, "CAPACITY")? {
        Some(c) if c >= 0 => Some((raw.field("CAPACITY").unwrap().0, c)),
        Some(c) => {
            return Err(text.err(
                raw.field("CAPACITY").unwrap().0,
                format!("CAPACITY {c} is negative"),
            ))
        }
        // A fleet listed vehicle by vehicle may carry its capacities in CAPACITY_SECTION.
        None if listed => None,
        None => return Err(raw.missing_field(text, "CAPACITY")),
    };
    let weight_type = raw
        .field("EDGE_WEIGHT_TYPE")
        .map(|(_, v)| v.to_ascii_uppercase())
        .ok_or_else(|| raw.missing_field(text, "EDGE_WEIGHT_TYPE"))?;
    let file_scale = raw.optional_int(text, "SCALE")?.filter(|&s| s > 0);

    // Depot.
    let depot_section = raw
        .sections
        .get("DEPOT_SECTION")
        .ok_or_else(|| text.err_at_end("missing DEPOT_SECTION (the file ends here)"))?;
    let mut depots = Vec::new();
    for (line, tokens) in &depot_section.rows {
        for t in tokens {
            let id = int(text, *line, t, "DEPOT_SECTION")?;
            if id == -1 {
                break;
            }
            if id < 1 || id as usize > dim {
                return Err(text.err(*line, format!("depot {id} outside 1..={dim}")));
            }
            depots.push(id as usize);
        }
    }
    let depot = match depots.as_slice() {
        [d] => *d,
        [] => return Err(text.err(depot_section.header_line, "DEPOT_SECTION lists no depot")),
        _ => {
            return Err(text.err(
                depot_section.header_line,
                "several depots in a VRPLIB file are not supported",
            ))
        }
    };
    // Location order: depot, then the other nodes by id. `order[l]` is the 0-based node index.
    let order: Vec<usize> = std::iter::once(depot - 1)
        .chain((0..dim).filter(|&k| k != depot - 1))
        .collect();

    // Distances, built straight in model order: one n x n matrix at peak, shared (not copied)
    // as the duration matrix below.
    let (rounding, distance_scale, matrix) = match weight_type.as_str() {
        "EUC_2D" | "EXACT_2D" => {
            let section = raw.sections.get("NODE_COORD_SECTION").ok_or_else(|| {
                text.err_at_end("missing NODE_COORD_SECTION (the file ends here)")
            })?;
            let rows = node_rows(text, section, "NODE_COORD_SECTION", dim, 2)?;
            let mut coords = Vec::with_capacity(dim);
            for (line, vals) in rows {
                coords.push((
                    real(text, line, &vals[0], "x coordinate")?,
                    real(text, line, &vals[1], "y coordinate")?,
                ));
            }
            let (rounding, scale) = coordinate_convention(&weight_type, &problem_type);
            // Euclidean distances are exactly symmetric (hypot of negated differences): each
            // unordered pair is computed once.
            let matrix = Matrix::from_symmetric_fn(dim, |a, b| {
                coordinate_distance(rounding, coords[order[a]], coords[order[b]])
            });
            (rounding, scale, matrix)
        }
        "EXPLICIT" => {
            let format = raw
                .field("EDGE_WEIGHT_FORMAT")
                .map(|(_, v)| v.to_ascii_uppercase())
                .ok_or_else(|| {
                    let line = raw.field("EDGE_WEIGHT_TYPE").map_or(0, |f| f.0);
                    text.err(line, "EXPLICIT weights need EDGE_WEIGHT_FORMAT")
                })?;
            let section = raw.sections.get("EDGE_WEIGHT_SECTION").ok_or_else(|| {
                text.err_at_end("missing EDGE_WEIGHT_SECTION (the file ends here)")
            })?;
            let full = explicit_matrix(text, section, &format, dim)?;
            let matrix = Matrix::from_fn(dim, |a, b| full[order[a] * dim + order[b]]);
            let scale = match file_scale {
                Some(s) => s,
                None if problem_type == "VRPSPD" => EXACT_SCALE,
                None => 1,
            };
            (Rounding::Explicit, scale, matrix)
        }
        other => {
            return Err(text.err(
                raw.field("EDGE_WEIGHT_TYPE").unwrap().0,
                format!("EDGE_WEIGHT_TYPE {other} is not supported (EUC_2D, EXACT_2D, EXPLICIT)"),
            ))
        }
    };
    // Costs in the file (prizes, fixed costs) are in its distance unit, so they scale like
    // distances; only HFVRP's x100 costs need the further factor in the reported unit.
    let cost_scale = if problem_type == "HFVRP" {
        distance_scale * HFVRP_COST_FACTOR
    } else {
        distance_scale
    };
    // Times in the file are in the file's unit; bring them to the matrix unit.
    let time_factor = match rounding {
        Rounding::Explicit => 1,
        _ => distance_scale,
    };
    let time = |line: usize, token: &str, what: &str| -> Result<i64, IoError> {
        let v = real(text, line, token, what)?;
        scaled(text, line, v, time_factor as f64, what)
    };

    // Loads.
    let mut delivery = vec![0i64; dim];
    let mut pickup = vec![0i64; dim];
    let mut service = vec![0i64; dim];
    let mut windows = vec![(0i64, UNBOUNDED); dim];
    if let Some(section) = raw.sections.get("PICKUP_AND_DELIVERY_SECTION") {
        // LKH-3: node demand earliest latest service pickup delivery.
        for (k, (line, vals)) in node_rows(text, section, "PICKUP_AND_DELIVERY_SECTION", dim, 6)?
            .into_iter()
            .enumerate()
        {
            let early = real(text, line, &vals[1], "earliest time")?;
            let late = real(text, line, &vals[2], "latest time")?;
            if !(early == 0.0 && late >= 1.0e7) {
                windows[k] = (
                    time(line, &vals[1], "earliest time")?,
                    time(line, &vals[2], "latest time")?,
                );
            }
            service[k] = time(line, &vals[3], "service time")?;
            pickup[k] = int(text, line, &vals[4], "pickup")?;
            delivery[k] = int(text, line, &vals[5], "delivery")?;
        }
    } else {
        let section = raw
            .sections
            .get("DEMAND_SECTION")
            .ok_or_else(|| text.err_at_end("missing DEMAND_SECTION (the file ends here)"))?;
        for (k, (line, vals)) in node_rows(text, section, "DEMAND_SECTION", dim, 1)?
            .into_iter()
            .enumerate()
        {
            delivery[k] = int(text, line, &vals[0], "demand")?;
        }
    }
    if let Some(section) = backhaul_section {
        for (k, (line, vals)) in node_rows(text, section, "BACKHAUL_SECTION", dim, 1)?
            .into_iter()
            .enumerate()
        {
            pickup[k] = int(text, line, &vals[0], "backhaul demand")?;
        }
    }
    if let Some((line, value)) = raw.field("SERVICE_TIME") {
        if let Some(section) = raw.sections.get("SERVICE_TIME_SECTION") {
            return Err(text.err(
                section.header_line,
                format!(
                    "SERVICE_TIME_SECTION and the SERVICE_TIME field (line {}) both give service times",
                    line + 1
                ),
            ));
        }
        let duration = time(*line, value, "SERVICE_TIME")?;
        if duration < 0 {
            return Err(text.err(*line, format!("SERVICE_TIME {value} is negative")));
        }
        // The same for every client; the depot has none.
        for (k, s) in service.iter_mut().enumerate() {
            if k != depot - 1 {
                *s = duration;
            }
        }
    }
    let mut prize = vec![0i64; dim];
    let prize_section = raw.sections.get("PRIZE_SECTION");
    if let Some(section) = prize_section {
        for (k, (line, vals)) in node_rows(text, section, "PRIZE_SECTION", dim, 1)?
            .into_iter()
            .enumerate()
        {
            let p = real(text, line, &vals[0], "prize")?;
            if p < 0.0 {
                return Err(text.err(line, format!("prize {p} is negative")));
            }
            prize[k] = scaled(text, line, p, distance_scale as f64, "prize")?;
        }
    }
    if let Some(section) = raw.sections.get("SERVICE_TIME_SECTION") {
        for (k, (line, vals)) in node_rows(text, section, "SERVICE_TIME_SECTION", dim, 1)?
            .into_iter()
            .enumerate()
        {
            service[k] = time(line, &vals[0], "service time")?;
        }
    }
    if let Some(section) = raw.sections.get("TIME_WINDOW_SECTION") {
        for (k, (line, vals)) in node_rows(text, section, "TIME_WINDOW_SECTION", dim, 2)?
            .into_iter()
            .enumerate()
        {
            windows[k] = (
                time(line, &vals[0], "earliest time")?,
                time(line, &vals[1], "latest time")?,
            );
        }
    }

    let clients: Vec<Client> = order[1..]
        .iter()
        .map(|&k| Client {
            name: format!("node {}", k + 1),
            delivery: vec![delivery[k]],
            pickup: vec![pickup[k]],
            service_duration: service[k],
            tw_early: windows[k].0,
            tw_late: windows[k].1,
            // With a PRIZE_SECTION a client is optional, except one of prize 0 (as PyVRP's
            // reader has it: nothing is lost by skipping it, so it is taken to be required).
            required: prize_section.is_none() || prize[k] == 0,
            prize: prize[k],
            ..Client::default()
        })
        .collect();
    let num_clients = clients.len();
    let vehicles_field = raw.optional_int(text, "VEHICLES")?;
    let fleet = match vehicles_field {
        // More vehicles than clients are never needed; the cap keeps a typo cheap.
        Some(v) if v > 0 => (v as usize).min(num_clients),
        Some(v) => {
            return Err(text.err(
                raw.field("VEHICLES").unwrap().0,
                format!("VEHICLES {v} must be positive"),
            ))
        }
        None => classic_fleet(&name).unwrap_or(num_clients),
    };
    let max_distance = match raw.optional_int(text, "DISTANCE")? {
        None | Some(0) => UNBOUNDED,
        Some(d) if d < 0 => {
            return Err(text.err(
                raw.field("DISTANCE").unwrap().0,
                format!("DISTANCE {d} is negative"),
            ))
        }
        Some(d) => match (rounding, file_scale) {
            (Rounding::Explicit, _) => d,
            (_, Some(s)) => d.saturating_mul(distance_scale) / s,
            (_, None) => d.saturating_mul(distance_scale),
        },
    }
    .min(UNBOUNDED);
    let (vehicle_types, listed_vehicle_types) = if listed {
        let header_line = listed_fleet::SECTIONS
            .iter()
            .filter_map(|s| raw.sections.get(*s).map(|s| s.header_line))
            .min()
            .unwrap_or(0);
        let vehicles = match (vehicles_field, raw.field("VEHICLES")) {
            (Some(v), Some((line, _))) => (*line, usize::try_from(v).unwrap_or(0)),
            _ => {
                return Err(text.err(
                    header_line,
                    "vehicles listed one by one need the field VEHICLES (their number)",
                ))
            }
        };
        let fleet = listed_fleet::read(
            text,
            &raw.sections,
            &FleetContext {
                vehicles,
                capacity,
                distance_scale,
                max_distance,
            },
        )?;
        (fleet.types, fleet.type_of_vehicle)
    } else {
        let capacity = capacity.map_or(0, |(_, c)| c);
        let single = VehicleType {
            name: "vehicle".into(),
            max_distance,
            ..VehicleType::with_capacity(fleet, vec![capacity])
        };
        (vec![single], Vec::new())
    };
    let depot_k = depot - 1;
    let data = ProblemData::builder()
        .depot(Depot {
            name: format!("node {depot}"),
            tw_early: windows[depot_k].0,
            tw_late: windows[depot_k].1,
        })
        .clients(clients);
    let data = vehicle_types
        .into_iter()
        .fold(data, |builder, vt| builder.vehicle_type(vt))
        .distance_matrix(matrix.clone())
        .duration_matrix(matrix)
        .build()
        .map_err(|e| IoError::Model {
            path: text.path.clone(),
            message: e.to_string(),
        })?;
    let node_ids: Vec<u64> = order[1..].iter().map(|&k| k as u64 + 1).collect();
    Ok(Instance {
        name,
        format: Format::Vrplib,
        rounding,
        data,
        cost_scale,
        solution_ids: node_ids.iter().map(|id| id - 1).collect(),
        node_ids,
        depot_node_ids: vec![depot as u64],
        listed_vehicle_types,
        integer_cost_scale: match problem_type.as_str() {
            "PCVRPTW" => Some(10),
            "HFVRP" => Some(1000 * HFVRP_COST_FACTOR),
            _ => None,
        },
    })
}

/// The fixed fleet of the classic CVRPLIB sets (A, B, E, F, M, P): the `k` in `X-nN-kK`. The
/// literature solves these with exactly `k` vehicles and their proven optima use `k` routes; the
/// X set (and any other name) has an unlimited fleet.
fn classic_fleet(name: &str) -> Option<usize> {
    let mut parts = name.split('-');
    let set = parts.next()?;
    let n = parts.next()?.strip_prefix('n')?;
    let k = parts.next()?.strip_prefix('k')?;
    let classic = matches!(set, "A" | "B" | "E" | "F" | "M" | "P");
    (classic && parts.next().is_none() && n.parse::<usize>().is_ok())
        .then(|| k.parse().ok())
        .flatten()
        .filter(|&k| k > 0)
}

/// The file stem, used when a file has no name field.
pub(crate) fn stem(text: &Text) -> String {
    text.path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}
