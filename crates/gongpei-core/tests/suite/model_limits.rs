//! Problems whose values are each in range but whose products overflow `i64` are refused by
//! `ProblemData::new` (found by fuzz/model_eval: the solver's penalty set-up and route pricing
//! multiplied them, a panic with overflow checks and a wrong cost without).

use gongpei_core::{Client, Depot, Matrix, ModelErrorKind, ProblemData, VehicleType, UNBOUNDED};

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
