//! Weekly service frequency on a slice of the small preset (one township, its first villages):
//! pattern gaps, allowed patterns per target, weekly totals, the daily target against the
//! one-day plan, the curve as the target is relaxed, determinism and input errors.

use gongpei_coop::{Effort, Mode};
use gongpei_core::Strategy;
use gongpei_design::{
    allowed_patterns, parse_modes, plan_frequency, DesignError, Evaluation, FrequencyParameters,
    PatternFamily, VisitPattern,
};
use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::Scenario;

/// The small preset with the demand of its first `villages` villages (sites, roads and fleets
/// kept), so that a day plans in a few milliseconds.
pub(crate) fn slice(villages: usize) -> Scenario {
    let mut s = generate(Preset::Small, 1).expect("the small preset generates");
    let mut kept: Vec<String> = Vec::new();
    for d in &s.demand {
        if !kept.contains(&d.village) && kept.len() < villages {
            kept.push(d.village.clone());
        }
    }
    s.demand.retain(|d| kept.contains(&d.village));
    s
}

pub(crate) fn evaluation(modes: Vec<Mode>) -> Evaluation {
    Evaluation {
        modes,
        effort: Effort {
            seed: 3,
            iterations: 0,
            clients_per_step: 0,
            strategy: Strategy::IteratedLocalSearch,
        },
        control: None,
    }
}

pub(crate) fn params(targets: &[i64], max_moves: usize) -> FrequencyParameters {
    FrequencyParameters {
        max_wait_days: targets.to_vec(),
        max_moves,
        ..FrequencyParameters::default()
    }
}

#[test]
fn every_family_has_the_longest_gap_it_promises() {
    let expected = [
        (PatternFamily::Daily, 1, 7),
        (PatternFamily::SixDays, 2, 6),
        (PatternFamily::EveryOtherDay, 2, 4),
        (PatternFamily::ThreeDays, 3, 3),
        (PatternFamily::TwoDays, 4, 2),
        (PatternFamily::Weekly, 7, 1),
    ];
    for (family, gap, visits) in expected {
        for p in family.patterns() {
            assert_eq!(p.longest_gap(), gap, "{family:?} {p}");
            assert_eq!(p.visits_per_week(), visits, "{family:?} {p}");
            let carried: usize = (0..7).map(|d| p.accumulated_days(d)).sum();
            assert_eq!(carried, 7, "{p}: a week carries 7 days of demand");
        }
    }
    // Mon-Wed-Fri: Monday carries Sat, Sun and Mon.
    let mwf = VisitPattern::new(PatternFamily::ThreeDays, 0);
    assert_eq!(
        (0..7).map(|d| mwf.accumulated_days(d)).collect::<Vec<_>>(),
        vec![3, 0, 2, 0, 2, 0, 0]
    );
}

#[test]
fn a_target_allows_exactly_the_patterns_within_it() {
    let all: Vec<VisitPattern> = PatternFamily::ALL
        .iter()
        .flat_map(|f| f.patterns())
        .collect();
    for (target, count) in [(1, 1), (2, 15), (3, 22), (4, 29), (6, 29), (7, 36)] {
        let allowed = allowed_patterns(target);
        assert_eq!(allowed.len(), count, "target {target}");
        for p in &all {
            assert_eq!(
                allowed.contains(p),
                p.longest_gap() <= target,
                "target {target}, pattern {p}"
            );
        }
        // Least frequent first: the start of the search.
        let fewest = allowed.iter().map(|p| p.visits_per_week()).min();
        assert_eq!(Some(allowed[0].visits_per_week()), fewest);
    }
    assert_eq!(allowed_patterns(1)[0].family, PatternFamily::Daily);
}

#[test]
fn the_daily_target_is_the_one_day_plan_seven_times() {
    let s = slice(8);
    let e = evaluation(vec![Mode::PostalExpress, Mode::Separate]);
    let one_day = e.run(&s).unwrap();
    let study = plan_frequency(&s, &params(&[1], 10), &e).unwrap();
    let week = &study.targets[0].modes;
    for (day, w) in one_day.iter().zip(week) {
        assert_eq!(day.mode, w.mode);
        assert!(
            (w.weekly_cost - 7.0 * day.kpis.cost).abs() < 1e-6,
            "{:?}",
            w.mode
        );
        assert!((w.vehicle_km - 7.0 * day.kpis.vehicle_km).abs() < 1e-6);
        assert_eq!(w.vehicle_days, 7 * day.kpis.vehicles);
        assert_eq!(w.patterns_used.get("daily"), Some(&8));
        assert_eq!(w.visits_per_week, 7 * 8);
        assert!(w.feasible, "{:?}", w.violations);
        assert_eq!(w.worst_wait_days, 1.0);
    }
}

#[test]
fn relaxing_the_target_never_raises_the_cost_and_every_week_is_checked_clean() {
    let s = slice(10);
    let daily_parcels: i64 = s.demand.iter().map(|d| d.parcels_in + d.parcels_out).sum();
    let study = plan_frequency(
        &s,
        &params(&[3, 1, 2], 6),
        &evaluation(vec![Mode::PostalExpress]),
    )
    .unwrap();
    let targets: Vec<usize> = study.targets.iter().map(|t| t.max_wait_days).collect();
    assert_eq!(targets, vec![1, 2, 3], "tightest first");
    let costs: Vec<f64> = study.curve.iter().map(|p| p.weekly_cost).collect();
    assert_eq!(costs.len(), 3);
    for w in costs.windows(2) {
        assert!(w[1] <= w[0] + 1e-6, "curve rises: {costs:?}");
    }
    for t in &study.targets {
        let w = &t.modes[0];
        // Every day checker-clean, every parcel on a visit day within the target, every
        // record's weekly total 7 days of demand (the week's own check).
        assert!(w.feasible, "target {}: {:?}", t.max_wait_days, w.violations);
        assert!(w.worst_wait_days <= t.max_wait_days as f64);
        assert!(w
            .villages
            .iter()
            .all(|v| v.longest_gap_days <= t.max_wait_days));
        let week_parcels: i64 = w.days.iter().map(|d| d.parcels).sum();
        assert_eq!(
            week_parcels,
            7 * daily_parcels,
            "target {}",
            t.max_wait_days
        );
    }
    // A looser target allows fewer visits.
    let w3 = &study.targets[2].modes[0];
    assert!(w3.visits_per_week < study.targets[0].modes[0].visits_per_week);
}

#[test]
fn the_same_seed_gives_the_same_week() {
    let s = slice(6);
    let e = evaluation(vec![Mode::PostalExpress]);
    let a = plan_frequency(&s, &params(&[4], 4), &e).unwrap();
    let b = plan_frequency(&s, &params(&[4], 4), &e).unwrap();
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

fn field_of(e: DesignError) -> String {
    match e {
        DesignError::Input { field, .. } => field,
        other => panic!("not an input error: {other}"),
    }
}

#[test]
fn bad_targets_and_modes_name_the_field() {
    let s = slice(2);
    let e = evaluation(vec![Mode::PostalExpress]);
    let err = plan_frequency(&s, &params(&[2, 0], 0), &e).unwrap_err();
    assert_eq!(field_of(err), "max_wait_days[1]");
    let err = plan_frequency(&s, &params(&[-3], 0), &e).unwrap_err();
    assert_eq!(field_of(err), "max_wait_days[0]");
    let err = plan_frequency(&s, &params(&[], 0), &e).unwrap_err();
    assert_eq!(field_of(err), "max_wait_days");
    let mut bad = params(&[2], 0);
    bad.handover_s_per_parcel = f64::NAN;
    assert_eq!(
        field_of(plan_frequency(&s, &bad, &e).unwrap_err()),
        "handover_s_per_parcel"
    );
    let err = plan_frequency(&s, &params(&[2], 0), &evaluation(vec![])).unwrap_err();
    assert_eq!(field_of(err), "modes");
    assert_eq!(
        field_of(parse_modes("postal_express,teleport", "modes").unwrap_err()),
        "modes"
    );
    assert_eq!(field_of(parse_modes(" , ", "modes").unwrap_err()), "modes");
}
