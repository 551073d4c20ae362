//! Problems whose values are each in range but whose products overflow `i64` are refused by
//! `ProblemData::new` (found by fuzz/model_eval: the solver's penalty set-up and route pricing
//! multiplied them, a panic with overflow checks and a wrong cost without).

use gongpei_core::{
    Client, Depot, Matrix, ModelErrorKind, ProblemData, Route, Solution, VehicleType, Violation,
    UNBOUNDED,
};

fn problem(
    unit_distance_cost: i64,
    arc: i64,
    delivery: i64,
    tw_early: i64,
) -> Result<ProblemData, gongpei_core::ModelError> {
    let d = Matrix::from_fn(3, |i, j| if i == j { 0 } else { arc });
    ProblemData::builder()
        .depot(Depot::default())
        .clients((0..2).map(|_| Client {
            tw_early,
            ..Client::with_delivery(vec![delivery])
        }))
        .vehicle_type(VehicleType {
            unit_distance_cost,
            ..VehicleType::with_capacity(2, vec![UNBOUNDED])
        })
        .distance_matrix(d.clone())
        .duration_matrix(d)
        .build()
}

#[test]
fn products_beyond_the_range_are_refused() {
    let cost = problem(UNBOUNDED / 2, 10, 1, 0).unwrap_err();
    assert_eq!(cost.kind(), ModelErrorKind::NotFinite);
    assert!(
        cost.message()
            .contains("vehicle type 0: a route could cost"),
        "{}",
        cost.message()
    );
    let loads = problem(1, 10, UNBOUNDED / 2, 0).unwrap_err();
    assert!(
        loads.message().contains("deliveries and pickups add up to"),
        "{}",
        loads.message()
    );
    let waiting = problem(1, 10, 1, UNBOUNDED).unwrap_err();
    assert_eq!(waiting.kind(), ModelErrorKind::NotFinite);
}

#[test]
fn ordinary_magnitudes_pass() {
    // Costs in cents per metre over 500 km arcs, a day in seconds, tonnes in grams.
    assert!(problem(1_000, 500_000, 20_000_000, 86_400).is_ok());
}

/// Found by the model_eval fuzz smoke (`fuzz/corpus/model_eval/regression-revisit-overflow`): a
/// solution that visits a client again and again, between windows a horizon apart, adds a wait
/// and a time warp of about the horizon each time. Validation bounds routes that visit each
/// client once, not these, so the evaluator saturates instead of overflowing (a panic with
/// overflow checks, negative durations and costs without).
#[test]
fn a_route_revisiting_clients_is_evaluated_without_overflow() {
    let d = Matrix::from_fn(3, |i, j| if i == j { 0 } else { 1 });
    let late = Client {
        tw_early: UNBOUNDED - 10,
        ..Client::with_delivery(vec![1])
    };
    let early = Client {
        tw_late: 5,
        ..Client::with_delivery(vec![1])
    };
    let data = ProblemData::builder()
        .depot(Depot::default())
        .client(late)
        .client(early)
        .vehicle_type(VehicleType {
            unit_duration_cost: 1,
            ..VehicleType::with_capacity(1, vec![100])
        })
        .distance_matrix(d.clone())
        .duration_matrix(d)
        .build()
        .unwrap();
    let route = Route {
        vehicle_type: 0,
        visits: [0, 1].repeat(6),
    };
    let report = Solution::new(vec![route]).evaluate(&data);
    let r = &report.routes[0];
    assert!(r.duration >= UNBOUNDED && r.time_warp >= UNBOUNDED, "{r:?}");
    assert!(r.cost >= UNBOUNDED && report.cost >= r.cost, "{report:?}");
    assert!(report
        .violations
        .iter()
        .any(|v| matches!(v, Violation::DuplicateVisit { times: 6, .. })));
}
