//! The hand-made scenario of the design tests (`tests/data/two_towns.json`) and the small search
//! budget they plan with.

use gongpei_coop::{Effort, Mode};
use gongpei_design::Evaluation;
use gongpei_scenario::Scenario;

/// Hub, depot_b (carrier b), T1 10 km west of the hub, T2 20 km east (depot_b 8 km beyond it),
/// villages V1 (T1), V2 and V3 (T2, V3 has a shop); trunk trucks cost 2 yuan/km and nothing else.
pub fn scenario() -> Scenario {
    gongpei_scenario::from_json_str(include_str!("../data/two_towns.json"), "two_towns.json")
        .unwrap()
}

/// `postal_express` and `combined` at a small fixed budget.
pub fn evaluation() -> Evaluation {
    let mut e = Evaluation::new(vec![Mode::PostalExpress, Mode::Combined], 3);
    e.effort = Effort {
        seed: 3,
        iterations: 30,
        ..Effort::default()
    };
    e
}
