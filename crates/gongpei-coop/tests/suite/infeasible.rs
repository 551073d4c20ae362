//! A plan the independent checker rejects is marked infeasible in the comparison and gets no
//! saving; when `separate` is infeasible, no mode gets one.

use gongpei_coop::{compare, CompareOptions, Effort, Mode, World};
use gongpei_scenario::Scenario;

use crate::tiny::tiny_scenario;

fn scenario() -> Scenario {
    tiny_scenario()
}

fn options() -> CompareOptions {
    CompareOptions {
        modes: vec![Mode::Separate, Mode::PostalExpress],
        allocate: None,
        effort: Effort {
            seed: 2,
            iterations: 20,
            ..Effort::default()
        },
        ..CompareOptions::default()
    }
}

#[test]
fn feasible_modes_get_savings() {
    let s = scenario();
    let world = World::new(&s).unwrap();
    let c = compare(&world, &options()).unwrap();
    assert!(c.modes.iter().all(|m| m.feasible));
    let pe = &c.modes[1];
    let saving = pe.saving.unwrap();
    assert!((saving - (c.modes[0].kpis.cost - pe.kpis.cost)).abs() < 1e-9);
    let by = pe.saving_by.as_ref().unwrap();
    assert!((by.by_part.total - saving).abs() < 1e-6);
    let carriers: f64 = by.by_carrier.iter().map(|p| p.total).sum();
    let townships: f64 = by.by_township.iter().map(|t| t.costs.total).sum();
    assert!((carriers - saving).abs() < 1e-6 && (townships - saving).abs() < 1e-6);
    assert!(!c.assumptions.is_empty());
}

#[test]
fn an_infeasible_baseline_gives_no_saving_to_anyone() {
    let mut s = scenario();
    // Carrier b's one van carries 4 parcels but b has 5 to deliver: its own plan must overload.
    s.vehicle_types
        .iter_mut()
        .find(|v| v.id == "b_van")
        .unwrap()
        .capacity_parcels = 4;
    let world = World::new(&s).unwrap();
    let c = compare(&world, &options()).unwrap();
    let sep = &c.modes[0];
    assert!(!sep.feasible && !sep.check.is_ok());
    assert!(c
        .modes
        .iter()
        .all(|m| m.saving.is_none() && m.saving_pct.is_none()));
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(json["modes"][0]["feasible"], false);
    assert!(json["modes"][1]["saving"].is_null());
    let text = gongpei_coop::report::text(&c);
    assert!(text.contains("infeasible"), "{text}");
}

#[test]
fn a_village_no_vehicle_reaches_in_time_is_named_not_an_abort() {
    let mut s = scenario();
    // V3's window closes at 08:00:30, but every van leaves its base at 08:00 and the village is
    // kilometres away: no plan can be on time, in any mode.
    let record = s.demand.iter_mut().find(|d| d.village == "V3").unwrap();
    record.time_window = Some(gongpei_scenario::TimeWindow {
        start_s: 8 * 3600,
        end_s: 8 * 3600 + 30,
    });
    let world = World::new(&s).unwrap();
    let c = compare(&world, &options()).unwrap();
    for m in &c.modes {
        assert!(!m.feasible, "{} cannot be on time", m.mode.name());
        assert!(m.saving.is_none());
        let named = m.plan.engine_violations.iter().any(|v| {
            v.contains("Village 3") && v.contains("cannot be reached before its window closes")
        });
        assert!(named, "{:?}", m.plan.engine_violations);
    }
}
