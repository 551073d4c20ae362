//! CVRPLIB solution files: `Route #k: c1 c2 ...` lines (clients by their solution ids, depot
//! implicit at both ends) and a `Cost Z` line; readable by the `vrplib` Python package
//! (`vrplib.read_solution`). SINTEF-style files (`Route 1 : ...` after a header) are read too.
//! Any other line (a misspelt `Rout #3`, binary garbage) is an error naming file and line, so a
//! damaged file is never checked as a shorter, "feasible" one; a UTF-8 byte-order mark is accepted.
//!
//! Instances with several vehicle types (e.g. one per depot in MDVRP) need to say which type drives
//! each route; the writer then adds a line `VehicleTypes t1 t2 ...` (0-based type per route, in
//! route order), which `vrplib` keeps as an extra key.
//!
//! Instances whose file lists its vehicles one by one ([`Instance::listed_vehicle_types`], PyVRP's
//! HFVRP dialect) number routes by vehicle instead: `Route #k` is driven by vehicle `k`, which
//! fixes its type. The writer gives each route of a type the next unused vehicle of that type and
//! lists empty routes for the vehicles in between, so position and number agree (PyVRP's
//! `read_solution` goes by position); a solution with more routes of a type than it has vehicles
//! gets numbers past the fleet, which the reader refuses.

use crate::text::{count, real, Text};
use crate::{Instance, IoError};
use gongpei_core::{Cost, Route, Solution};
use std::fmt::Write as _;
use std::path::Path;

/// A solution read from a `.sol` file.
#[derive(Debug, Clone, PartialEq)]
pub struct SolutionFile {
    /// The routes, in client indices of the instance.
    pub solution: Solution,
    /// The value of the `Cost` line, in the file's unit, when present.
    pub stated_cost: Option<f64>,
}

/// Formats `cost` (model units) in the file's unit with as many decimals as the cost scale has.
///
/// ```
/// assert_eq!(gongpei_io::format_cost(8273, 10), "827.3");
/// assert_eq!(gongpei_io::format_cost(784, 1), "784");
/// assert_eq!(gongpei_io::format_cost(-5, 10_000), "-0.0005");
/// ```
pub fn format_cost(cost: Cost, scale: i64) -> String {
    let mut decimals = 0;
    let mut s = scale;
    while s > 1 && s % 10 == 0 {
        s /= 10;
        decimals += 1;
    }
    if s != 1 {
        return format!("{}", cost as f64 / scale as f64);
    }
    let sign = if cost < 0 { "-" } else { "" };
    let abs = cost.unsigned_abs();
    if decimals == 0 {
        return format!("{sign}{abs}");
    }
    let unit = scale.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / unit,
        abs % unit,
        width = decimals
    )
}

/// Renders a solution as `.sol` text; `cost` is in model units (scaled by `instance.cost_scale`).
pub fn solution_to_string(instance: &Instance, solution: &Solution, cost: Cost) -> String {
    if !instance.listed_vehicle_types.is_empty() {
        return by_vehicle_to_string(instance, solution, cost);
    }
    let mut out = String::new();
    let routes: Vec<&Route> = solution.non_empty_routes().collect();
    for (k, route) in routes.iter().enumerate() {
        let _ = write!(out, "Route #{}:", k + 1);
        write_visits(&mut out, instance, route);
        out.push('\n');
    }
    if instance.data.num_vehicle_types() > 1 {
        out.push_str("VehicleTypes");
        for route in &routes {
            let _ = write!(out, " {}", route.vehicle_type);
        }
        out.push('\n');
    }
    let _ = writeln!(out, "Cost {}", format_cost(cost, instance.cost_scale));
    out
}

/// The route's visits as solution ids.
fn write_visits(out: &mut String, instance: &Instance, route: &Route) {
    for &c in &route.visits {
        match instance.solution_ids.get(c) {
            Some(id) => {
                let _ = write!(out, " {id}");
            }
            None => {
                let _ = write!(out, " ?{c}");
            }
        }
    }
}

/// `.sol` text of an instance with listed vehicles: `Route #k` for vehicle `k`, empty routes for
/// the unused vehicles before the last used one.
fn by_vehicle_to_string(instance: &Instance, solution: &Solution, cost: Cost) -> String {
    let listed = &instance.listed_vehicle_types;
    // The vehicles of each type, in file order (0-based), to hand out one per route.
    let mut free: Vec<std::collections::VecDeque<usize>> =
        vec![Default::default(); instance.data.num_vehicle_types()];
    for (vehicle, &t) in listed.iter().enumerate() {
        if let Some(queue) = free.get_mut(t) {
            queue.push_back(vehicle);
        }
    }
    let mut numbered: Vec<(usize, &Route)> = Vec::new();
    let mut past_fleet = listed.len();
    for route in solution.non_empty_routes() {
        let vehicle = free
            .get_mut(route.vehicle_type)
            .and_then(|q| q.pop_front())
            .unwrap_or_else(|| {
                past_fleet += 1;
                past_fleet - 1
            });
        numbered.push((vehicle, route));
    }
    numbered.sort_by_key(|&(vehicle, _)| vehicle);
    let mut out = String::new();
    let mut next = 0;
    for (vehicle, route) in numbered {
        for empty in next..vehicle.min(listed.len()) {
            let _ = writeln!(out, "Route #{}:", empty + 1);
        }
        let _ = write!(out, "Route #{}:", vehicle + 1);
        write_visits(&mut out, instance, route);
        out.push('\n');
        next = vehicle + 1;
    }
    let _ = writeln!(out, "Cost {}", format_cost(cost, instance.cost_scale));
    out
}

/// Writes a solution to `path` in `.sol` format.
pub fn write_solution(
    path: &Path,
    instance: &Instance,
    solution: &Solution,
    cost: Cost,
) -> Result<(), IoError> {
    std::fs::write(path, solution_to_string(instance, solution, cost)).map_err(|source| {
        IoError::Io {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// Reads a `.sol` file for `instance`.
pub fn read_solution(path: &Path, instance: &Instance) -> Result<SolutionFile, IoError> {
    parse_solution(&Text::read(path)?, instance)
}

/// Parses `.sol` text for `instance` (`path` only names the source in errors).
pub fn read_solution_str(
    path: &Path,
    text: &str,
    instance: &Instance,
) -> Result<SolutionFile, IoError> {
    parse_solution(&Text::from_str(path, text), instance)
}

fn parse_solution(text: &Text, instance: &Instance) -> Result<SolutionFile, IoError> {
    let client_of = instance.client_of_solution_id();
    let mut routes = Vec::new();
    let mut stated_cost = None;
    let mut types: Option<(usize, Vec<usize>)> = None;
    let mut first_route_line = None;
    let listed = &instance.listed_vehicle_types;
    // For listed vehicles: the line that gave each vehicle its route.
    let mut route_of_vehicle: Vec<Option<usize>> = vec![None; listed.len()];
    for (i, line) in text.lines.iter().enumerate() {
        let trimmed = line.trim();
        let lower = trimmed.to_ascii_lowercase();
        if trimmed.is_empty() || is_metadata(trimmed) {
            continue;
        }
        if lower.starts_with("route") {
            let Some((label, rest)) = trimmed.split_once(':') else {
                return Err(text.err(i, "route line without `:`"));
            };
            let Some(number) = route_number(label) else {
                return Err(text.err(
                    i,
                    format!(
                        "expected `Route #K:` or `Route K :`, found `{}:`",
                        label.trim()
                    ),
                ));
            };
            first_route_line.get_or_insert(i);
            let mut vehicle_type = 0;
            if !listed.is_empty() {
                // Route k is driven by vehicle k.
                let slot = number
                    .checked_sub(1)
                    .and_then(|v| route_of_vehicle.get_mut(v))
                    .ok_or_else(|| {
                        text.err(
                            i,
                            format!(
                                "Route #{number}: instance {} lists {} vehicles and route k is \
                                 driven by vehicle k",
                                instance.name,
                                listed.len()
                            ),
                        )
                    })?;
                if let Some(first) = *slot {
                    return Err(text.err(
                        i,
                        format!(
                            "Route #{number}: vehicle {number} already drives the route of line {}",
                            first + 1
                        ),
                    ));
                }
                *slot = Some(i);
                vehicle_type = listed[number - 1];
            }
            let mut visits = Vec::new();
            for token in rest.split_whitespace() {
                let id = count(text, i, token, "client id")? as u64;
                let c = client_of.get(&id).ok_or_else(|| {
                    text.err(
                        i,
                        format!(
                            "client id {id} does not exist in instance {}",
                            instance.name
                        ),
                    )
                })?;
                visits.push(*c);
            }
            routes.push(Route {
                vehicle_type,
                visits,
            });
        } else if lower.starts_with("vehicletypes") {
            let mut list = Vec::new();
            for token in trimmed.split_whitespace().skip(1) {
                list.push(count(text, i, token, "vehicle type")?);
            }
            types = Some((i, list));
        } else if lower.starts_with("cost") {
            let value = trimmed[4..].trim().trim_start_matches(':').trim();
            if stated_cost.is_some() {
                return Err(text.err(i, "a second `Cost` line"));
            }
            stated_cost = Some(real(text, i, value, "cost")?);
        } else {
            return Err(text.err(
                i,
                format!(
                    "not a line of a .sol file (`Route #K: ...`, `Cost Z`, `VehicleTypes ...` or \
                     a header such as `Authors : ...`): `{}`",
                    shorten(trimmed)
                ),
            ));
        }
    }
    match types {
        Some((line, list)) => {
            if list.len() != routes.len() {
                return Err(text.err(
                    line,
                    format!(
                        "VehicleTypes lists {} types for {} routes",
                        list.len(),
                        routes.len()
                    ),
                ));
            }
            for (k, (route, t)) in routes.iter_mut().zip(list).enumerate() {
                if t >= instance.data.num_vehicle_types() {
                    return Err(text.err(line, format!("vehicle type {t} does not exist")));
                }
                if !listed.is_empty() && t != route.vehicle_type {
                    return Err(text.err(
                        line,
                        format!(
                            "VehicleTypes gives route {} type {t}, but its vehicle is of type {}",
                            k + 1,
                            route.vehicle_type
                        ),
                    ));
                }
                route.vehicle_type = t;
            }
        }
        None if instance.data.num_vehicle_types() > 1
            && listed.is_empty()
            && !routes.is_empty() =>
        {
            return Err(text.err(
                first_route_line.unwrap_or(0),
                "the instance has several vehicle types (depots); the file needs a `VehicleTypes` line",
            ));
        }
        None => {}
    }
    routes.retain(|r| !r.visits.is_empty());
    Ok(SolutionFile {
        solution: Solution::new(routes),
        stated_cost,
    })
}

/// Header lines of published solution files (SINTEF, CVRPLIB), which carry no routes: the lone
/// word `Solution` and `KEY : value` lines with the keys those files use.
fn is_metadata(line: &str) -> bool {
    const KEYS: [&str; 7] = [
        "instance name",
        "instance",
        "authors",
        "date",
        "reference",
        "optimal",
        "comment",
    ];
    if line.eq_ignore_ascii_case("solution") {
        return true;
    }
    line.split_once(':').is_some_and(|(key, _)| {
        let key = key.trim().to_ascii_lowercase();
        KEYS.contains(&key.as_str())
    })
}

/// The number K when the text before a route's `:` is `Route #K` or `Route K` (K digits).
fn route_number(label: &str) -> Option<usize> {
    let rest = label.trim().get(5..)?;
    let number = rest.trim_start().trim_start_matches('#').trim();
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Digits beyond usize are a number no fleet has; saturate so the caller says so.
    Some(number.parse().unwrap_or(usize::MAX))
}

/// A line cut to a readable length for an error message (binary garbage can be long).
fn shorten(line: &str) -> String {
    const MAX: usize = 60;
    match line.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}...", &line[..end]),
        None => line.to_string(),
    }
}
