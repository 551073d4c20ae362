//! End to end through the facade: read bundled benchmark files, solve, verify with the
//! independent checker, write and re-read `.sol` files.

use gongpei::core::{solve, Control, SolveParams};
use gongpei::io::{check, read_bks, read_instance, read_solution, write_solution};
use std::path::PathBuf;

fn bundled(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/instances")
        .join(name)
}

fn params(seed: u64, iterations: u64) -> SolveParams {
    SolveParams {
        seed,
        max_iterations: Some(iterations),
        // A safety net for slow debug builds; the iteration budget is what normally stops.
        time_limit: Some(std::time::Duration::from_secs(60)),
        ..SolveParams::default()
    }
}

#[test]
fn solver_reaches_the_proven_optimum_on_small_classic_instances() {
    for name in [
        "E-n13-k4.vrp",
        "P-n16-k8.vrp",
        "P-n19-k2.vrp",
        "P-n22-k8.vrp",
        "A-n32-k5.vrp",
        "A-n33-k5.vrp",
    ] {
        let path = bundled(name);
        let inst = read_instance(&path).unwrap();
        let optimum = read_bks(&path, &inst).unwrap().unwrap();
        let outcome = solve(&inst.data, &params(1, 1500), &|_| Control::Continue);
        let report = check(&inst, &outcome.solution);
        assert!(report.is_feasible(), "{name}: {:?}", report.problems);
        assert_eq!(report.cost_in_file_unit, optimum, "{name}: not optimal");
        assert_eq!(
            report.num_routes,
            inst.data.vehicle_type(0).count,
            "{name}: optimum uses k routes"
        );
    }
}

#[test]
fn every_solver_output_passes_the_independent_check() {
    for name in [
        "X-n101-k25.vrp",
        "C101.txt",
        "R101.txt",
        "c1_2_1.txt",
        "CON3-0.vrpspd",
        "r101.vrpspd",
        "p01.txt",
    ] {
        let path = bundled(name);
        let inst = read_instance(&path).unwrap();
        let outcome = solve(&inst.data, &params(7, 300), &|_| Control::Continue);
        let report = check(&inst, &outcome.solution);
        assert!(report.is_feasible(), "{name}: {:?}", report.problems);
        assert!(outcome.report.is_feasible(), "{name}");
        assert_eq!(
            report.cost, outcome.report.cost,
            "{name}: checker and engine disagree"
        );
        let bks = read_bks(&path, &inst).unwrap().unwrap();
        // Loose sanity bound: a short run is within 15 % of the best known value.
        assert!(
            report.cost_in_file_unit < 1.15 * bks,
            "{name}: {} vs {bks}",
            report.cost_in_file_unit
        );
    }
}

#[test]
fn same_seed_gives_the_same_solution_and_the_sol_file_round_trips() {
    let path = bundled("X-n101-k25.vrp");
    let inst = read_instance(&path).unwrap();
    let a = solve(&inst.data, &params(3, 200), &|_| Control::Continue);
    let b = solve(&inst.data, &params(3, 200), &|_| Control::Continue);
    assert_eq!(a.solution, b.solution);
    let dir = std::env::temp_dir().join(format!("gongpei-e2e-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("X-n101-k25.sol");
    write_solution(&out, &inst, &a.solution, a.report.cost).unwrap();
    let back = read_solution(&out, &inst).unwrap();
    assert_eq!(back.stated_cost, Some(a.report.cost as f64));
    assert_eq!(check(&inst, &back.solution).cost, a.report.cost);
    std::fs::remove_dir_all(&dir).unwrap();
}
