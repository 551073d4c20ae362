//! `.sol` files: the independent checker agrees with every shipped solution (bundled always, the
//! shared data folder when present), and writing then reading a solution gives it back.

use crate::common::bundled;
use gongpei_core::{Route, Solution};
use gongpei_io::{
    check, compare_stated_cost, read_instance, read_instance_with, read_solution,
    read_solution_str, solution_to_string, Instance, ReadOptions, Rounding,
};
use std::path::Path;

/// Checks `sol` against `instance_path`; returns the number of routes. Panics with details when
/// the solution is infeasible or its stated cost differs from the recomputed one.
fn assert_solution_agrees(instance: &Instance, sol: &Path) -> usize {
    let file = read_solution(sol, instance).unwrap_or_else(|e| panic!("{e}"));
    let report = check(instance, &file.solution);
    assert!(
        report.is_feasible(),
        "{}: {:?}",
        sol.display(),
        report.problems
    );
    if let Some(stated) = file.stated_cost {
        assert_eq!(
            compare_stated_cost(instance, &report, stated),
            None,
            "{}",
            sol.display()
        );
    }
    // The engine's own evaluation must agree with the checker on feasible solutions.
    let engine = file.solution.evaluate(&instance.data);
    assert!(
        engine.is_feasible(),
        "{}: engine says {:?}",
        sol.display(),
        engine.violations
    );
    assert_eq!(engine.cost, report.cost, "{}", sol.display());
    report.num_routes
}

fn exact() -> ReadOptions {
    ReadOptions {
        solomon_rounding: Rounding::Exact,
        ..ReadOptions::default()
    }
}

#[test]
fn bundled_solutions_are_feasible_with_their_stated_cost() {
    for name in [
        "A-n32-k5.vrp",
        "A-n33-k5.vrp",
        "P-n16-k8.vrp",
        "P-n19-k2.vrp",
        "P-n22-k8.vrp",
        "E-n13-k4.vrp",
        "X-n101-k25.vrp",
        "C101.txt",
        "R101.txt",
    ] {
        let path = bundled().join(name);
        let inst = read_instance(&path).unwrap();
        let sol = path.with_extension("sol");
        assert!(assert_solution_agrees(&inst, &sol) > 0);
        let stated = read_solution(&sol, &inst).unwrap().stated_cost.unwrap();
        let bks = gongpei_io::read_bks(&path, &inst).unwrap().unwrap();
        assert_eq!(stated, bks, "{name}: shipped optimum equals the BKS");
    }
    // The SINTEF hierarchical solution: unrounded convention, cost equal to the BKS to 1e-3.
    let path = bundled().join("c1_2_1.txt");
    let inst = read_instance_with(&path, &exact()).unwrap();
    let file = read_solution(&path.with_extension("sol"), &inst).unwrap();
    let report = check(&inst, &file.solution);
    assert!(report.is_feasible(), "{:?}", report.problems);
    assert_eq!(report.num_routes, 20);
    assert!(
        (report.cost_in_file_unit - 2704.5678).abs() < 1e-2,
        "{}",
        report.cost_in_file_unit
    );
}

#[test]
fn every_shared_solution_is_feasible_with_its_stated_cost() {
    let Some(root) = crate::common::shared_data() else {
        eprintln!("shared data folder absent; skipped");
        return;
    };
    let mut checked = 0;
    for set in [
        "cvrp/A",
        "cvrp/B",
        "cvrp/E",
        "cvrp/P",
        "cvrp/X",
        "vrptw/solomon",
        "vrptw/homberger",
    ] {
        let options = if set.ends_with("homberger") {
            exact()
        } else {
            ReadOptions::default()
        };
        for path in crate::common::instance_files(&root.join(set)) {
            let sol = path.with_extension("sol");
            if !sol.is_file() {
                continue;
            }
            let inst = read_instance_with(&path, &options).unwrap();
            assert_solution_agrees(&inst, &sol);
            checked += 1;
        }
    }
    assert!(checked >= 130, "only {checked} solutions found");
}

#[test]
fn written_solutions_read_back_identically() {
    for name in ["X-n101-k25.vrp", "C101.txt", "p01.txt", "CON3-0.vrpspd"] {
        let path = bundled().join(name);
        let inst = read_instance(&path).unwrap();
        let solution = gongpei_core::solve(
            &inst.data,
            &gongpei_core::SolveParams {
                max_iterations: Some(50),
                ..Default::default()
            },
            &|_| gongpei_core::Control::Continue,
        )
        .solution;
        let report = check(&inst, &solution);
        let text = solution_to_string(&inst, &solution, report.cost);
        let back = read_solution_str(Path::new("mem.sol"), &text, &inst).unwrap();
        let mut expected: Vec<Route> = solution.non_empty_routes().cloned().collect();
        let mut got = back.solution.routes.clone();
        expected.sort_by(|a, b| a.visits.cmp(&b.visits));
        got.sort_by(|a, b| a.visits.cmp(&b.visits));
        assert_eq!(got, expected, "{name}");
        assert_eq!(
            compare_stated_cost(&inst, &report, back.stated_cost.unwrap()),
            None
        );
    }
}

#[test]
fn multi_depot_solutions_need_their_vehicle_types() {
    let inst = read_instance(bundled().join("p01.txt")).unwrap();
    let err = read_solution_str(Path::new("p.sol"), "Route #1: 1 2\nCost 10\n", &inst).unwrap_err();
    assert!(err.to_string().contains("VehicleTypes"), "{err}");
    let ok =
        read_solution_str(Path::new("p.sol"), "Route #1: 1 2\nVehicleTypes 3\n", &inst).unwrap();
    assert_eq!(ok.solution.routes[0].vehicle_type, 3);
    let err = read_solution_str(Path::new("p.sol"), "Route #1: 1 2\nVehicleTypes 4\n", &inst)
        .unwrap_err();
    assert!(err.to_string().contains("p.sol:2"), "{err}");
}

#[test]
fn checker_reports_each_broken_constraint() {
    let inst = read_instance(bundled().join("C101.txt")).unwrap();
    // Customer 1 (window 912-967) after customer 2 (825-870) is fine, but serving 1 first then 5
    // (15-67) is late; clients 3.. are missing.
    let sol = Solution::new(vec![Route {
        vehicle_type: 0,
        visits: vec![0, 4],
    }]);
    let report = check(&inst, &sol);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.contains("client 5 served at")),
        "{:?}",
        report.problems
    );
    assert!(report
        .problems
        .iter()
        .any(|p| p.contains("client 3 is not visited")));
    let twice = Solution::new(vec![
        Route {
            vehicle_type: 0,
            visits: vec![2],
        },
        Route {
            vehicle_type: 0,
            visits: vec![2],
        },
    ]);
    assert!(check(&inst, &twice)
        .problems
        .iter()
        .any(|p| p.contains("client 3 is visited 2 times")));
    // Capacity: all of C101 on one route (1810 > 200) and fleet: 26 routes > 25.
    let all = Solution::new(vec![Route {
        vehicle_type: 0,
        visits: (0..100).collect(),
    }]);
    assert!(check(&inst, &all)
        .problems
        .iter()
        .any(|p| p.contains("exceeds capacity 200")));
    let many = Solution::new(
        (0..26)
            .map(|c| Route {
                vehicle_type: 0,
                visits: vec![c],
            })
            .collect(),
    );
    assert!(check(&inst, &many)
        .problems
        .iter()
        .any(|p| p.contains("26 routes but only 25")));
}

#[test]
fn checker_enforces_route_duration() {
    // Cordeau layout, limit 30: clients at (3,4) and (-3,-4), service 10 each.
    let text = "2 1 2 1\n30 10\n1 3 4 10 1 1 1 1\n2 -3 -4 10 1 1 1 1\n3 0 0 0 0\n";
    let inst = gongpei_io::read_instance_str("d.txt", text).unwrap();
    let single = Solution::new(vec![Route {
        vehicle_type: 0,
        visits: vec![0],
    }]);
    let report = check(&inst, &single);
    // 5 + 10 + 5 = 20 <= 30, but client 2 is missing.
    assert_eq!(report.problems, vec!["client 2 is not visited".to_string()]);
    assert_eq!(report.cost, 100_000);
    // Both: 5 + 10 + 10 + 10 + 5 = 40 > 30 (fleet of one).
    let both = Solution::new(vec![Route {
        vehicle_type: 0,
        visits: vec![0, 1],
    }]);
    let report = check(&inst, &both);
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(report.problems[0].contains("duration 400000 exceeds the limit 300000"));
    assert!(!both.evaluate(&inst.data).is_feasible());
}
