//! Bad input gives a typed error naming what is wrong, never a panic or a silent answer; a time
//! limit returns a feasible choice with its gap or says that none was found.

use std::time::Duration;

use gongpei_locate::{
    CostMatrix, FacilityLocation, LocateError, MaximalCovering, PMedian, SetCovering, SolveOptions,
};

fn line(xs: &[f64]) -> CostMatrix {
    CostMatrix::new(
        xs.iter()
            .map(|&a| xs.iter().map(|&b| (a - b).abs()).collect())
            .collect(),
    )
    .unwrap()
}

#[test]
fn empty_or_ragged_matrices_are_rejected() {
    assert_eq!(CostMatrix::new(vec![]), Err(LocateError::NoDemand));
    assert_eq!(CostMatrix::new(vec![vec![]]), Err(LocateError::NoCandidate));
    let e = CostMatrix::new(vec![vec![1.0, 2.0], vec![1.0]]).unwrap_err();
    assert!(e.to_string().contains("demand point #1"), "{e}");
}

#[test]
fn negative_and_nan_costs_name_the_pair() {
    let e = CostMatrix::new(vec![vec![1.0, 2.0], vec![-3.0, 0.0]]).unwrap_err();
    assert!(
        e.to_string().contains("demand point #1 -> candidate #0"),
        "{e}"
    );
    assert!(e.to_string().contains("-3"), "{e}");
    let e = CostMatrix::new(vec![vec![f64::NAN]]).unwrap_err();
    assert!(matches!(e, LocateError::BadNumber { .. }), "{e}");
}

#[test]
fn p_out_of_range_is_rejected() {
    let costs = line(&[0.0, 1.0, 2.0]);
    for p in [0, 4] {
        let e = PMedian::new(&costs, p)
            .solve(&SolveOptions::default())
            .unwrap_err();
        assert_eq!(e, LocateError::BadFacilityCount { p, candidates: 3 });
    }
    let e = MaximalCovering::new(&costs, 1.0, 9)
        .solve(&SolveOptions::default())
        .unwrap_err();
    assert!(matches!(e, LocateError::BadFacilityCount { p: 9, .. }));
}

#[test]
fn negative_weights_and_fixed_costs_name_the_item() {
    let costs = line(&[0.0, 1.0])
        .with_demand_labels(vec!["Yangjiazhuang".into(), "Xiaying".into()])
        .unwrap();
    let e = PMedian::new(&costs, 1)
        .with_weights(vec![1.0, -2.0])
        .solve(&SolveOptions::default())
        .unwrap_err();
    assert!(e.to_string().contains("Xiaying"), "{e}");
    let costs = costs
        .with_candidate_labels(vec!["A".into(), "B".into()])
        .unwrap();
    let e = FacilityLocation::new(&costs, vec![1.0, 1.0], vec![f64::NAN, 1.0])
        .solve(&SolveOptions::default())
        .unwrap_err();
    assert!(e.to_string().contains("fixed cost of candidate A"), "{e}");
    let e = FacilityLocation::new(&costs, vec![1.0], vec![1.0, 1.0])
        .solve(&SolveOptions::default())
        .unwrap_err();
    assert_eq!(
        e,
        LocateError::WrongLength {
            field: "demand",
            found: 1,
            expected: 2
        }
    );
}

#[test]
fn uncoverable_demand_point_is_named() {
    let costs = line(&[0.0, 1.0, 9.0])
        .with_demand_labels(vec!["a".into(), "b".into(), "far village".into()])
        .unwrap();
    // Candidates are columns 0 and 1 only: the third village is 8 from the nearest.
    let two = CostMatrix::new((0..3).map(|i| costs.row(i)[..2].to_vec()).collect())
        .unwrap()
        .with_demand_labels(vec!["a".into(), "b".into(), "far village".into()])
        .unwrap();
    let e = SetCovering::new(&two, 3.0)
        .solve(&SolveOptions::default())
        .unwrap_err();
    assert_eq!(
        e,
        LocateError::Uncoverable {
            demand: "far village".into(),
            radius: 3.0,
            nearest: 8.0
        }
    );
    assert!(e.to_string().contains("far village"));
    // Maximal covering just leaves it uncovered.
    let s = MaximalCovering::new(&two, 3.0, 1)
        .solve(&SolveOptions::default())
        .unwrap();
    assert_eq!(s.objective, 2.0);
    assert_eq!(s.assignment[2], None);
    let e = SetCovering::new(&costs, f64::NAN)
        .solve(&SolveOptions::default())
        .unwrap_err();
    assert!(e.to_string().contains("radius"), "{e}");
}

#[test]
fn capacities_too_small_are_rejected() {
    let costs = line(&[0.0, 1.0, 2.0])
        .with_demand_labels(vec!["x".into(), "y".into(), "z".into()])
        .unwrap();
    let model = FacilityLocation::new(&costs, vec![2.0, 2.0, 2.0], vec![1.0; 3]);
    let e = model
        .clone()
        .with_capacities(vec![1.0, 2.0, 2.0])
        .solve(&SolveOptions::default())
        .unwrap_err();
    assert_eq!(
        e,
        LocateError::CapacityTooSmall {
            capacity: 5.0,
            demand: 6.0
        }
    );
    let heavy = FacilityLocation::new(&costs, vec![1.0, 5.0, 1.0], vec![1.0; 3])
        .with_capacities(vec![4.0; 3]);
    let e = heavy.solve(&SolveOptions::default()).unwrap_err();
    assert!(e.to_string().contains("demand point y"), "{e}");
    // Enough in total but not packable with single sourcing: HiGHS proves it.
    let e = FacilityLocation::new(&costs, vec![3.0, 3.0, 3.0], vec![1.0; 3])
        .with_capacities(vec![5.0, 5.0, 0.0])
        .solve(&SolveOptions::default());
    assert!(matches!(e, Err(LocateError::Infeasible(_))), "{e:?}");
    let s = FacilityLocation::new(&costs, vec![3.0, 3.0, 3.0], vec![1.0; 3])
        .with_capacities(vec![5.0, 5.0, 5.0])
        .solve(&SolveOptions::default())
        .unwrap();
    assert_eq!(s.open.len(), 3);
}

#[test]
fn time_limit_reports_gap_or_no_solution() {
    // 60 points on a line, p = 7: solvable quickly; a near-zero limit must not panic and must
    // either be proven optimal, stopped with a feasible choice and gap, or say no solution.
    let xs: Vec<f64> = (0..60).map(|k| ((k * 37) % 101) as f64).collect();
    let costs = line(&xs);
    let options = SolveOptions {
        time_limit: Some(Duration::from_micros(1)),
        ..SolveOptions::default()
    };
    match PMedian::new(&costs, 7).solve(&options) {
        Ok(s) => assert_eq!(s.open.len(), 7),
        Err(e) => assert!(matches!(e, LocateError::NoSolution { .. }), "{e}"),
    }
}
