//! PyVRP's VRPLIB dialect for the variant sets: prize collecting VRPTW (`PRIZE_SECTION`,
//! `SERVICE_TIME`), heterogeneous fleets listed vehicle by vehicle (`CAPACITY_SECTION`,
//! `VEHICLES_*_SECTION`, `.sol` route k = vehicle k) and backhauls (`BACKHAUL_SECTION`, refused
//! unless read as the mixed relaxation). Every best-known `.sol` must pass the independent checker
//! at its stated cost: the bundled copies always, the shared folders when present.

use crate::common::{bundled, instance_files, shared_data};
use gongpei_io::{
    check, compare_stated_cost, read_bks, read_instance, read_instance_with, read_solution,
    read_solution_str, solution_to_string, Instance, ReadOptions, Rounding, EXACT_SCALE,
};
use std::path::Path;

fn mixed() -> ReadOptions {
    ReadOptions {
        vrpb_mixed: true,
        ..ReadOptions::default()
    }
}

/// Checks `sol` for `instance`: feasible, the `Cost` line accepted, and the recomputed cost equal
/// to the `bks` of the folder's `bks.csv` (to the two decimals it is quoted with). Returns the
/// number of routes.
fn assert_bks_solution(path: &Path, instance: &Instance) -> usize {
    let sol = path.with_extension("sol");
    let file = read_solution(&sol, instance).unwrap_or_else(|e| panic!("{e}"));
    let report = check(instance, &file.solution);
    assert!(
        report.is_feasible(),
        "{}: {:?}",
        sol.display(),
        report.problems
    );
    let stated = file.stated_cost.expect("a Cost line");
    assert_eq!(
        compare_stated_cost(instance, &report, stated),
        None,
        "{}",
        sol.display()
    );
    let bks = read_bks(path, instance)
        .unwrap()
        .expect("listed in bks.csv");
    assert!(
        (report.cost_in_file_unit - bks).abs() <= 0.006,
        "{}: recomputed {} against bks {bks}",
        sol.display(),
        report.cost_in_file_unit
    );
    report.num_routes
}

#[test]
fn pcvrptw_reads_prizes_service_time_and_the_dimacs_convention() {
    let inst = read_instance(bundled().join("C1_10_1.vrp")).unwrap();
    assert_eq!(inst.rounding, Rounding::TruncatedOneDecimal);
    assert_eq!(inst.cost_scale, 10);
    let data = &inst.data;
    assert_eq!(data.num_clients(), 1000);
    // Node 2: prize 21, window 200-270, the file-wide SERVICE_TIME 90; all times in tenths.
    let first = data.client(0);
    assert!(!first.required);
    assert_eq!(first.prize, 210);
    assert_eq!((first.tw_early, first.tw_late), (2000, 2700));
    assert_eq!(first.service_duration, 900);
    assert!(data.clients().iter().all(|c| !c.required && c.prize >= 10));
    assert!(data.clients().iter().all(|c| c.service_duration == 900));
    assert_eq!(data.depot(0).tw_late, 18240);
    let vt = data.vehicle_type(0);
    assert_eq!((vt.count, vt.capacity.clone()), (100, vec![200]));
    // Node 1 (250, 250) to node 2 (387, 297): 144.84.. -> 1448 tenths.
    assert_eq!(data.distance_matrix(0).get(0, 1), 1448);
    // The BKS visits 145 of the 1000 clients on 15 routes, paying the others' prizes.
    assert_eq!(
        assert_bks_solution(&bundled().join("C1_10_1.vrp"), &inst),
        15
    );
}

#[test]
fn a_prize_of_zero_keeps_a_client_required() {
    let text = "NAME : p\nTYPE : PCVRPTW\nDIMENSION : 3\nCAPACITY : 5\nEDGE_WEIGHT_TYPE : EUC_2D\n\
                NODE_COORD_SECTION\n1 0 0\n2 1 1\n3 2 2\nDEMAND_SECTION\n1 0\n2 1\n3 1\n\
                PRIZE_SECTION\n1 0\n2 0\n3 4.5\nDEPOT_SECTION\n1\n-1\nEOF\n";
    let inst = gongpei_io::read_instance_str("p.vrp", text).unwrap();
    assert!(inst.data.client(0).required);
    assert!(!inst.data.client(1).required);
    assert_eq!(inst.data.client(1).prize, 45);
}

#[test]
fn hfvrp_groups_consecutive_identical_vehicles_into_types() {
    let path = bundled().join("X110-HD.vrp");
    let inst = read_instance(&path).unwrap();
    assert_eq!(inst.rounding, Rounding::Exact);
    assert_eq!(inst.cost_scale, EXACT_SCALE * 100);
    let types = inst.data.vehicle_types();
    let counts: Vec<usize> = types.iter().map(|t| t.count).collect();
    let capacities: Vec<i64> = types.iter().map(|t| t.capacity[0]).collect();
    let units: Vec<i64> = types.iter().map(|t| t.unit_distance_cost).collect();
    assert_eq!(counts, vec![2, 1, 1, 1, 1, 2, 2, 2, 1]);
    assert_eq!(capacities, vec![30, 36, 42, 50, 60, 71, 85, 101, 120]);
    assert_eq!(units, vec![59, 67, 77, 88, 100, 113, 129, 146, 166]);
    assert!(types.iter().all(|t| t.fixed_cost == 0)); // HD: no fixed cost section
    assert_eq!(types[0].name, "vehicles 1-2");
    assert_eq!(
        inst.listed_vehicle_types,
        vec![0, 0, 1, 2, 3, 4, 5, 5, 6, 6, 7, 7, 8]
    );
    assert_eq!(assert_bks_solution(&path, &inst), 12); // Route #5 is empty

    // Fixed costs are x 100 in the file and scaled like distances; the Cost line is in 1e-5.
    let path = bundled().join("X148-HVRP.vrp");
    let inst = read_instance(&path).unwrap();
    assert!(inst.data.vehicle_types().iter().all(|t| t.fixed_cost > 0));
    let stated = read_solution(&path.with_extension("sol"), &inst)
        .unwrap()
        .stated_cost
        .unwrap();
    assert_eq!(stated, 8_028_527_330.0);
    assert_bks_solution(&path, &inst);
}

#[test]
fn hfvrp_routes_are_numbered_by_vehicle_both_ways() {
    let path = bundled().join("X110-HD.vrp");
    let inst = read_instance(&path).unwrap();
    let file = read_solution(&path.with_extension("sol"), &inst).unwrap();
    // Route #13 (the last line) is driven by vehicle 13, the only one of type 8.
    let last = file.solution.routes.last().unwrap();
    assert_eq!(last.vehicle_type, 8);
    let report = check(&inst, &file.solution);
    let text = solution_to_string(&inst, &file.solution, report.cost);
    // Vehicle 5 is unused, so its route is written empty, and no VehicleTypes line is needed.
    assert!(text.contains("\nRoute #5:\nRoute #6:"), "{text}");
    assert!(!text.contains("VehicleTypes"), "{text}");
    let back = read_solution_str(Path::new("mem.sol"), &text, &inst).unwrap();
    let mut expected = file.solution.routes.clone();
    let mut got = back.solution.routes.clone();
    expected.sort_by(|a, b| a.visits.cmp(&b.visits));
    got.sort_by(|a, b| a.visits.cmp(&b.visits));
    assert_eq!(got, expected);
    assert_eq!(check(&inst, &back.solution).cost, report.cost);
}

#[test]
fn hfvrp_solution_files_must_respect_the_listed_fleet() {
    let inst = read_instance(bundled().join("X110-HD.vrp")).unwrap();
    let read = |text: &str| {
        read_solution_str(Path::new("s.sol"), text, &inst)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        read("Route #14: 1 2\n"),
        "s.sol:1: Route #14: instance X110-HD lists 13 vehicles and route k is driven by vehicle k"
    );
    assert_eq!(
        read("Route #2: 1\nRoute #2: 3\n"),
        "s.sol:2: Route #2: vehicle 2 already drives the route of line 1"
    );
    assert_eq!(
        read("Route #3: 1\nVehicleTypes 0\n"),
        "s.sol:2: VehicleTypes gives route 1 type 0, but its vehicle is of type 1"
    );
    // More routes of a type than it has vehicles: the writer numbers them past the fleet, and
    // the reader then refuses the file rather than checking a different fleet.
    let two_on_type_one = gongpei_core::Solution::new(vec![
        gongpei_core::Route {
            vehicle_type: 1,
            visits: vec![0],
        },
        gongpei_core::Route {
            vehicle_type: 1,
            visits: vec![1],
        },
    ]);
    let text = solution_to_string(&inst, &two_on_type_one, 0);
    assert!(
        text.contains("Route #3: 1\n") && text.contains("Route #14: 2\n"),
        "{text}"
    );
    assert!(read(&text).contains("lists 13 vehicles"));
}

#[test]
fn vrpb_is_refused_unless_read_as_the_mixed_relaxation() {
    let path = bundled().join("X-n524-50-k125.vrp");
    let e = read_instance(&path).unwrap_err().to_string();
    assert!(
        e.starts_with(&format!("{}:3: VRP with backhauls", path.display())),
        "{e}"
    );
    assert!(
        e.contains("does not model") && e.contains("--vrpb-mixed"),
        "{e}"
    );
    let inst = read_instance_with(&path, &mixed()).unwrap();
    assert_eq!(inst.rounding, Rounding::Nearest);
    let data = &inst.data;
    let backhauls = data.clients().iter().filter(|c| c.pickup[0] > 0).count();
    let linehauls = data.clients().iter().filter(|c| c.delivery[0] > 0).count();
    assert_eq!((linehauls, backhauls), (262, 261));
    assert!(data
        .clients()
        .iter()
        .all(|c| (c.pickup[0] == 0) != (c.delivery[0] == 0)));
    // The BKS keeps linehauls first, so it is feasible for the relaxation at its cost too.
    assert_eq!(assert_bks_solution(&path, &inst), 155);
}

#[test]
fn every_shared_variant_bks_passes_the_checker() {
    let Some(root) = shared_data() else {
        eprintln!("shared data folder absent; skipped");
        return;
    };
    let mut checked = 0;
    for (set, options, expected) in [
        ("pcvrptw", ReadOptions::default(), 30),
        ("hfvrp", ReadOptions::default(), 25),
        ("vrpb", mixed(), 27),
    ] {
        let files = instance_files(&root.join(set));
        if files.is_empty() {
            eprintln!("shared folder {set} absent; skipped");
            continue;
        }
        assert_eq!(files.len(), expected, "{set}");
        for path in files {
            let inst = read_instance_with(&path, &options).unwrap_or_else(|e| panic!("{e}"));
            assert_bks_solution(&path, &inst);
            checked += 1;
        }
    }
    eprintln!("{checked} shared variant solutions checked");
}
