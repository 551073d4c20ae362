//! What the fuzz targets share: each reader's error contract (docs/ARCHITECTURE.md: an error names
//! its file and line, `whole file` only where no line can show the problem), the cross-check of a
//! parsed instance against the independent checker, and the comparison of the engine's evaluation
//! with that checker (same distance, same feasibility, same kinds of broken constraint, same cost
//! when no time window is missed).

use gongpei_core::{ProblemData, Route, Solution, SolutionReport, Violation};
use gongpei_io::{check, CheckReport, Format, Instance, IoError, Rounding};

/// The file name every reader target gives its input, so errors can be checked to name it.
pub const FILE: &str = "fuzz-input";

/// Asserts that a reader's error obeys the contract: it names the file; a parse error points at a
/// line of the text (line 0, `whole file`, only for a text without any non-blank line).
pub fn assert_io_error_contract(text: &str, err: &IoError) {
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{FILE}:")),
        "error does not name the file: {message}"
    );
    let lines = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .count();
    match err {
        IoError::Parse { line: 0, .. } => assert!(
            text.trim_start_matches('\u{feff}').trim().is_empty(),
            "`whole file` parse error for a text with content: {message}"
        ),
        IoError::Parse { line, .. } => assert!(
            *line <= lines,
            "error at line {line} of a {lines}-line text: {message}"
        ),
        IoError::Model { .. } | IoError::Format { .. } => {}
        other => panic!("a reader of text in memory gave an I/O error: {other}"),
    }
}

/// Checks what a reader produced: the numbering tables match the problem, and the checker and
/// the engine agree on two plain solutions (every client alone on vehicle type 0; all clients
/// on one route of the last type).
pub fn assert_instance_consistent(instance: &Instance) {
    let data = &instance.data;
    assert_eq!(instance.solution_ids.len(), data.num_clients());
    assert_eq!(instance.node_ids.len(), data.num_clients());
    assert_eq!(instance.depot_node_ids.len(), data.num_depots());
    assert!(instance.cost_scale >= 1);
    let alone = Solution::new(
        (0..data.num_clients())
            .map(|c| Route {
                vehicle_type: 0,
                visits: vec![c],
            })
            .collect(),
    );
    let together = Solution::new(vec![Route {
        vehicle_type: data.num_vehicle_types() - 1,
        visits: (0..data.num_clients()).collect(),
    }]);
    for solution in [alone, together] {
        assert_agree(instance, &solution);
    }
}

/// Wraps a problem built in memory as an instance, so the independent checker can read it.
pub fn as_instance(data: ProblemData) -> Instance {
    Instance {
        name: FILE.into(),
        format: Format::Vrplib,
        rounding: Rounding::Explicit,
        cost_scale: 1,
        solution_ids: (1..=data.num_clients() as u64).collect(),
        node_ids: (1..=data.num_clients() as u64).collect(),
        depot_node_ids: (0..data.num_depots() as u64).collect(),
        listed_vehicle_types: Vec::new(),
        integer_cost_scale: None,
        data,
    }
}

/// The kinds of broken constraint, named alike for the engine's report and the checker's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Unknown,
    Missing,
    Duplicate,
    Fleet,
    Capacity,
    TimeWindow,
    MaxDuration,
    MaxDistance,
    Incompatible,
}

/// The kinds of the engine's violations, sorted and deduplicated.
pub fn engine_kinds(report: &SolutionReport) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = report
        .violations
        .iter()
        .map(|v| match v {
            Violation::UnknownVehicleType { .. } | Violation::UnknownClient { .. } => Kind::Unknown,
            Violation::MissingClient { .. } => Kind::Missing,
            Violation::DuplicateVisit { .. } => Kind::Duplicate,
            Violation::FleetSize { .. } => Kind::Fleet,
            Violation::Capacity { .. } => Kind::Capacity,
            Violation::TimeWindows { .. } => Kind::TimeWindow,
            Violation::MaxDuration { .. } => Kind::MaxDuration,
            Violation::MaxDistance { .. } => Kind::MaxDistance,
            Violation::Incompatible { .. } => Kind::Incompatible,
            other => panic!("a violation kind the fuzz target does not know: {other}"),
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// The kinds of the checker's problems (from its sentences), sorted and deduplicated.
pub fn checker_kinds(report: &CheckReport) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = report
        .problems
        .iter()
        .map(|p| {
            if p.contains("does not exist") {
                Kind::Unknown
            } else if p.contains("is not visited") {
                Kind::Missing
            } else if p.contains(" times") && p.contains("is visited") {
                Kind::Duplicate
            } else if p.contains("routes but only") {
                Kind::Fleet
            } else if p.contains("exceeds capacity") {
                Kind::Capacity
            } else if p.contains("after its window closes") || p.contains("after the depot closes")
            {
                Kind::TimeWindow
            } else if p.contains("needs vehicle features") || p.contains("forbids vehicle type") {
                Kind::Incompatible
            } else if p.contains(": duration ") {
                Kind::MaxDuration
            } else if p.contains(": distance ") {
                Kind::MaxDistance
            } else {
                panic!("a checker sentence the fuzz target does not know: {p}")
            }
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

/// Evaluates `solution` with the engine and with the independent checker and asserts that they
/// agree: always on distance and on the time-window verdict; when every index is valid, on the
/// kinds of constraint broken; when no time window is missed (the checker then has no time warp
/// to disagree about), on cost and on the route-duration verdict too.
pub fn assert_agree(instance: &Instance, solution: &Solution) -> SolutionReport {
    let data = &instance.data;
    let engine = solution.evaluate(data);
    let checker = check(instance, solution);
    let (ek, ck) = (engine_kinds(&engine), checker_kinds(&checker));
    let context = || {
        format!(
            "engine {:?}\nchecker {:?}\nsolution {solution:?}\nproblem {data:?}",
            engine.violations, checker.problems
        )
    };
    let indices_valid = solution.routes.iter().all(|r| {
        r.vehicle_type < data.num_vehicle_types()
            && r.visits.iter().all(|&c| c < data.num_clients())
    });
    if !indices_valid {
        // The checker skips empty routes before looking at their vehicle type; the engine does not.
        let invalid_non_empty = solution.routes.iter().any(|r| {
            !r.visits.is_empty()
                && (r.vehicle_type >= data.num_vehicle_types()
                    || r.visits.iter().any(|&c| c >= data.num_clients()))
        });
        assert!(ek.contains(&Kind::Unknown), "{}", context());
        assert_eq!(
            ck.contains(&Kind::Unknown),
            invalid_non_empty,
            "{}",
            context()
        );
        return engine;
    }
    assert_eq!(checker.distance, engine.distance, "distance\n{}", context());
    assert_eq!(
        ek.contains(&Kind::TimeWindow),
        ck.contains(&Kind::TimeWindow),
        "time windows\n{}",
        context()
    );
    if ek.contains(&Kind::TimeWindow) {
        // Under time warp the engine's duration counts the warp, the checker's the late clock.
        let strip = |k: &[Kind]| {
            k.iter()
                .copied()
                .filter(|&k| k != Kind::MaxDuration)
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&ek), strip(&ck), "violations\n{}", context());
    } else {
        assert_eq!(ek, ck, "violations\n{}", context());
        assert_eq!(checker.cost, engine.cost, "cost\n{}", context());
    }
    engine
}

/// Asserts the tables invariant on an accepted scenario: laid out as tables and read back, it is
/// the same scenario.
pub fn assert_tables_round_trip(scenario: &gongpei_scenario::Scenario) {
    use gongpei_scenario::tables::{scenario_from_tables, to_tables};
    let set = to_tables(scenario).expect("an accepted scenario lays out as tables");
    let again = scenario_from_tables(&set).expect("tables made from a scenario read back");
    assert_eq!(
        &again, scenario,
        "the table round trip changed the scenario"
    );
}

/// The body of every instance-reader target: reads `bytes` as `format` (invalid UTF-8 replaced,
/// as `Text::read` does) and asserts the contract on the instance or the error.
pub fn read_instance_and_check(bytes: &[u8], format: Format, options: &gongpei_io::ReadOptions) {
    let text = String::from_utf8_lossy(bytes);
    match gongpei_io::read_instance_str_as(FILE, &text, format, options) {
        Ok(instance) => assert_instance_consistent(&instance),
        Err(err) => assert_io_error_contract(&text, &err),
    }
}
