//! Readers on every bundled format: sizes, conventions, numbering and known distances.

use crate::common::bundled;
use gongpei_io::{read_instance, read_instance_with, Format, ReadOptions, Rounding, EXACT_SCALE};

#[test]
fn cvrplib_euclidean_is_rounded_to_nearest() {
    let inst = read_instance(bundled().join("A-n32-k5.vrp")).unwrap();
    assert_eq!(inst.name, "A-n32-k5");
    assert_eq!(inst.format, Format::Vrplib);
    assert_eq!(inst.cost_scale, 1);
    assert_eq!(inst.data.num_clients(), 31);
    assert_eq!(inst.data.num_depots(), 1);
    // Classic set: fleet fixed at k = 5.
    assert_eq!(inst.data.vehicle_type(0).count, 5);
    assert_eq!(inst.data.vehicle_type(0).capacity, vec![100]);
    // Depot (82,76) to node 2 (96,44): sqrt(14^2 + 32^2) = 34.93 -> 35.
    assert_eq!(inst.data.distance_matrix(0).get(0, 1), 35);
    assert_eq!(inst.solution_ids[0], 1);
    assert_eq!(inst.node_ids[0], 2);
    assert_eq!(inst.data.client(0).delivery, vec![19]);
}

#[test]
fn x_set_has_unlimited_fleet() {
    let inst = read_instance(bundled().join("X-n101-k25.vrp")).unwrap();
    assert_eq!(inst.data.num_clients(), 100);
    assert_eq!(inst.data.vehicle_type(0).count, 100);
}

#[test]
fn explicit_lower_row_matrix_is_symmetric_and_placed() {
    let inst = read_instance(bundled().join("E-n13-k4.vrp")).unwrap();
    let m = inst.data.distance_matrix(0);
    assert_eq!(inst.rounding, Rounding::Explicit);
    // First entries of LOWER_ROW: d(2,1) = 9, d(3,1) = 14, d(3,2) = 21.
    assert_eq!(m.get(1, 0), 9);
    assert_eq!(m.get(0, 1), 9);
    assert_eq!(m.get(2, 0), 14);
    assert_eq!(m.get(2, 1), 21);
    assert_eq!(m.get(1, 2), 21);
    for i in 0..13 {
        assert_eq!(m.get(i, i), 0);
    }
}

#[test]
fn solomon_default_truncates_to_one_decimal_and_scales_times() {
    let inst = read_instance(bundled().join("C101.txt")).unwrap();
    assert_eq!(inst.format, Format::Solomon);
    assert_eq!(inst.cost_scale, 10);
    assert_eq!(inst.data.num_clients(), 100);
    assert_eq!(inst.data.vehicle_type(0).count, 25);
    assert_eq!(inst.data.vehicle_type(0).capacity, vec![200]);
    // Depot (40,50) to customer 1 (45,68): sqrt(25 + 324) = 18.681 -> 186.
    assert_eq!(inst.data.distance_matrix(0).get(0, 1), 186);
    assert_eq!(inst.data.duration_matrix(0).get(0, 1), 186);
    let c1 = inst.data.client(0);
    assert_eq!(
        (c1.tw_early, c1.tw_late, c1.service_duration),
        (9120, 9670, 900)
    );
    assert_eq!(inst.data.depot(0).tw_late, 12360);
    assert_eq!(inst.solution_ids[0], 1);
}

#[test]
fn solomon_exact_convention_uses_the_fine_scale() {
    let options = ReadOptions {
        solomon_rounding: Rounding::Exact,
        ..ReadOptions::default()
    };
    let inst = read_instance_with(bundled().join("C101.txt"), &options).unwrap();
    assert_eq!(inst.cost_scale, EXACT_SCALE);
    assert_eq!(inst.data.distance_matrix(0).get(0, 1), 186_815); // 18.68154...
    assert_eq!(inst.data.client(0).service_duration, 900_000);
}

#[test]
fn dethloff_reads_pickups_deliveries_and_the_hidden_scale() {
    let inst = read_instance(bundled().join("CON3-0.vrpspd")).unwrap();
    assert_eq!(inst.cost_scale, 10_000);
    assert_eq!(inst.data.num_clients(), 50);
    assert_eq!(inst.data.vehicle_type(0).count, 4);
    // Node 2: `2 0 0 10000000 0 1015547 109447` -> pickup 1015547, delivery 109447.
    let c = inst.data.client(0);
    assert_eq!(c.pickup, vec![1_015_547]);
    assert_eq!(c.delivery, vec![109_447]);
    assert_eq!(c.tw_late, gongpei_core::UNBOUNDED);
    assert_eq!(inst.data.distance_matrix(0).get(0, 1), 174_413);
}

#[test]
fn montane_galvao_computes_exact_distances() {
    let inst = read_instance(bundled().join("r101.vrpspd")).unwrap();
    assert_eq!(inst.cost_scale, EXACT_SCALE);
    assert_eq!(inst.data.num_clients(), 100);
    // (35,35) to (41,49): sqrt(36 + 196) = 15.2315...
    assert_eq!(inst.data.distance_matrix(0).get(0, 1), 152_315);
    assert_eq!(inst.data.client(0).pickup, vec![41]);
    assert_eq!(inst.data.client(0).delivery, vec![10]);
}

#[test]
fn cordeau_has_one_vehicle_type_per_depot() {
    let inst = read_instance(bundled().join("p01.txt")).unwrap();
    assert_eq!(inst.format, Format::Cordeau);
    assert_eq!(inst.data.num_depots(), 4);
    assert_eq!(inst.data.num_clients(), 50);
    assert_eq!(inst.data.num_vehicle_types(), 4);
    for (k, vt) in inst.data.vehicle_types().iter().enumerate() {
        assert_eq!((vt.start_depot, vt.end_depot, vt.count), (k, k, 4));
        assert_eq!(vt.capacity, vec![80]);
    }
    assert_eq!(inst.depot_node_ids, vec![51, 52, 53, 54]);
    assert_eq!(inst.data.client(0).delivery, vec![7]);
}

#[test]
fn every_bundled_instance_reads() {
    let files = crate::common::instance_files(&bundled());
    assert!(files.len() >= 12, "{files:?}");
    // The bundled VRPB file is refused by default (its precedence rule is not modelled; see
    // variants.rs), so it reads here as the mixed relaxation.
    let options = ReadOptions {
        vrpb_mixed: true,
        ..ReadOptions::default()
    };
    for f in files {
        let inst = read_instance_with(&f, &options).unwrap_or_else(|e| panic!("{e}"));
        assert!(inst.data.num_clients() > 0);
        assert!(
            gongpei_io::read_bks(&f, &inst).unwrap().is_some(),
            "{} has no BKS",
            f.display()
        );
    }
}

#[test]
fn every_shared_instance_reads() {
    let Some(root) = crate::common::shared_data() else {
        eprintln!("shared data folder absent; skipped");
        return;
    };
    let mut n = 0;
    for set in [
        "cvrp/A",
        "cvrp/B",
        "cvrp/E",
        "cvrp/P",
        "cvrp/X",
        "vrptw/solomon",
        "vrptw/homberger",
        "vrpspd/dethloff",
        "vrpspd/montane_galvao",
        "mdvrp/cordeau",
    ] {
        for f in crate::common::instance_files(&root.join(set)) {
            let inst = read_instance(&f).unwrap_or_else(|e| panic!("{e}"));
            let bks = gongpei_io::read_bks(&f, &inst).unwrap();
            assert!(bks.is_some(), "{} has no BKS", f.display());
            n += 1;
        }
    }
    assert!(n > 150, "only {n} instances found");
}
