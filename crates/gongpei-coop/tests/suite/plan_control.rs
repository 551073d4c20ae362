//! The planner's stop hook (`PlanControl`): a stop request ends a comparison promptly with
//! `CoopError::Cancelled`, progress is counted, and a planner without a stop request plans as
//! `compare` does.

use std::sync::Arc;
use std::time::{Duration, Instant};

use gongpei_coop::{compare, compare_with, CompareOptions, CoopError, Effort, Mode, PlanControl};
use gongpei_coop::{Planner, World};
use gongpei_scenario::Scenario;

fn scenario() -> Scenario {
    gongpei_scenario::from_json_str(include_str!("../data/tiny.json"), "tiny.json").unwrap()
}

fn options(iterations: u64) -> CompareOptions {
    CompareOptions {
        modes: vec![Mode::Separate, Mode::PostalExpress],
        allocate: None,
        effort: Effort {
            seed: 2,
            iterations,
            ..Effort::default()
        },
        ..CompareOptions::default()
    }
}

#[test]
fn an_unstopped_controlled_planner_plans_like_compare() {
    let s = scenario();
    let world = World::new(&s).unwrap();
    let control = Arc::new(PlanControl::default());
    let planner = Planner::with_control(&world, Arc::clone(&control));
    let watched = compare_with(&planner, &options(20)).unwrap();
    let plain = compare(&world, &options(20)).unwrap();
    let costs =
        |c: &gongpei_coop::Comparison| c.modes.iter().map(|m| m.kpis.cost).collect::<Vec<_>>();
    assert_eq!(costs(&watched), costs(&plain));
    assert_eq!(control.subproblems_solved(), watched.subproblems_solved);
    assert!(control.subproblems_solved() > 0);
}

#[test]
fn a_stop_request_ends_the_comparison_with_cancelled() {
    let s = scenario();
    let world = World::new(&s).unwrap();
    let control = Arc::new(PlanControl::default());
    control.request_stop();
    let planner = Planner::with_control(&world, Arc::clone(&control));
    assert!(matches!(
        compare_with(&planner, &options(20)),
        Err(CoopError::Cancelled)
    ));
    assert_eq!(control.subproblems_solved(), 0);
}

#[test]
fn a_stop_request_from_another_thread_interrupts_a_long_search() {
    let s = scenario();
    let world = World::new(&s).unwrap();
    let control = Arc::new(PlanControl::default());
    let planner = Planner::with_control(&world, Arc::clone(&control));
    let started = Instant::now();
    let outcome = std::thread::scope(|scope| {
        scope.spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            control.request_stop();
        });
        // Far more iterations than 300 ms allow on this machine.
        compare_with(&planner, &options(50_000_000))
    });
    assert!(matches!(outcome, Err(CoopError::Cancelled)), "{outcome:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
}
