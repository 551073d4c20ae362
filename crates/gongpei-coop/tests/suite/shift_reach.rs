//! Shifts too short to serve a village (found by hostile probing: 60 s shifts passed
//! validation, then the engine rejected "client 0" of a sub-problem) are reported with the JSON
//! path of the shift, by `reach::shift_problems` and by `compare` before any planning.

use gongpei_coop::{compare, reach, CompareOptions, World};
use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::ScenarioError;

#[test]
fn the_bundled_preset_has_no_shift_problem() {
    let s = generate(Preset::Small, 1).unwrap();
    let world = World::new(&s).unwrap();
    assert!(reach::shift_problems(&world).unwrap().is_empty());
}

#[test]
fn a_sixty_second_shift_is_named_by_its_path() {
    let mut s = generate(Preset::Small, 1).unwrap();
    s.vehicle_types[0].max_shift_s = 60;
    let carrier = s.vehicle_types[0].operator.clone();
    let world = World::new(&s).unwrap();
    let problems = reach::shift_problems(&world).unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, "vehicle_types[0].max_shift_s");
    assert!(
        problems[0].message.contains("a shift of 60 s is too short"),
        "{problems:?}"
    );
    assert!(
        problems[0].message.contains(&format!("{carrier:?}")),
        "{problems:?}"
    );

    let err = compare(&world, &CompareOptions::default()).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("vehicle_types[0].max_shift_s"), "{text}");
    assert!(!text.contains("client 0"), "{text}");
}

#[test]
fn every_short_shift_is_listed_once() {
    let mut s = generate(Preset::Small, 1).unwrap();
    for v in &mut s.vehicle_types {
        v.max_shift_s = 60;
    }
    let world = World::new(&s).unwrap();
    let err = reach::check_shifts(&world).unwrap_err();
    let gongpei_coop::CoopError::Scenario(ScenarioError::Invalid { problems, .. }) = &err else {
        panic!("unexpected {err}");
    };
    let carriers_with_demand = s
        .carriers
        .iter()
        .filter(|c| s.demand.iter().any(|d| d.carrier == c.id))
        .count();
    assert!(problems.len() >= carriers_with_demand, "{problems:?}");
    let mut paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    paths.dedup();
    assert_eq!(paths.len(), problems.len());
    assert!(paths.iter().all(|p| p.ends_with(".max_shift_s")));
}
