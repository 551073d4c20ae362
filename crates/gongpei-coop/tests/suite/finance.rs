//! Investment and subsidies in the comparison: each mode's money figures follow the scenario's
//! `finance` section exactly, the allocation game is over what the carriers pay (the county is a
//! payer beside them), and a scenario without the section allocates the plan's cost as before.

use gongpei_coop::{compare, CompareOptions, Mode, World};
use gongpei_scenario::model::{Facility, Finance, ModeScope, Subsidy, SubsidyBasis};

use crate::tiny::{effort, tiny_scenario};

fn options() -> CompareOptions {
    CompareOptions {
        effort: effort(),
        coalition_effort: effort(),
        ..CompareOptions::default()
    }
}

fn finance() -> Finance {
    Finance {
        interest_rate: 0.0,
        operating_days_per_year: 365.0,
        county_budget_per_day: None,
        facilities: vec![
            Facility {
                name: "sorting centre".into(),
                site: Some("hub".into()),
                modes: ModeScope::Pooled,
                units: 1,
                capital_yuan: 365_000.0,
                life_years: 10.0,
                operating_per_day: 40.0,
            },
            Facility {
                name: "village stations".into(),
                site: None,
                modes: ModeScope::All,
                units: 4,
                capital_yuan: 36_500.0,
                life_years: 5.0,
                operating_per_day: 2.0,
            },
        ],
        subsidies: vec![
            Subsidy {
                name: "shared delivery per parcel".into(),
                basis: SubsidyBasis::PerParcel,
                amount: 0.1,
                modes: ModeScope::Pooled,
            },
            Subsidy {
                name: "station upkeep".into(),
                basis: SubsidyBasis::PerFacility,
                amount: 1.0,
                modes: ModeScope::All,
            },
        ],
    }
}

#[test]
fn money_figures_follow_the_finance_section() {
    let mut s = tiny_scenario();
    s.finance = finance();
    let world = World::new(&s).unwrap();
    let c = compare(&world, &options()).unwrap();
    // Stations: 4 x 36,500 / 5 / 365 = 80 a day, running 4 x 2; the centre 100 + 40 (pooled).
    for m in &c.modes {
        let f = &m.finance;
        let pooled = matches!(
            m.mode,
            Mode::PostalExpress | Mode::Combined | Mode::Commerce
        );
        let (capital, running) = if pooled { (180.0, 48.0) } else { (80.0, 8.0) };
        assert!((f.capital_per_day - capital).abs() < 1e-9, "{:?}", m.mode);
        assert!(
            (f.facilities_per_day - running).abs() < 1e-9,
            "{:?}",
            m.mode
        );
        let parcels = m.kpis.parcels as f64;
        // Per facility unit of the mode: 4 stations, plus the centre in pooled modes.
        let subsidy = if pooled { 5.0 + 0.1 * parcels } else { 4.0 };
        assert!((f.county_subsidy - subsidy).abs() < 1e-9, "{:?}", m.mode);
        assert!((f.total_cost - (m.kpis.cost + capital + running)).abs() < 1e-9);
        assert!((f.operators_cost - (f.total_cost - subsidy)).abs() < 1e-9);
        assert!((f.cost_per_parcel - f.total_cost / parcels).abs() < 1e-9);
        assert!(!f.budget_binding);
    }
}

#[test]
fn a_county_budget_scales_every_subsidy_in_proportion() {
    let mut s = tiny_scenario();
    s.finance = finance();
    s.finance.county_budget_per_day = Some(2.0);
    let world = World::new(&s).unwrap();
    let c = compare(&world, &options()).unwrap();
    for m in &c.modes {
        let f = &m.finance;
        assert!(f.budget_binding, "{:?}", m.mode);
        assert!((f.county_subsidy - 2.0).abs() < 1e-9);
        let claimed: f64 = f.subsidies.iter().map(|x| x.claimed).sum();
        for x in &f.subsidies {
            assert!((x.paid - x.claimed * 2.0 / claimed).abs() < 1e-9);
        }
    }
}

#[test]
fn the_game_is_over_what_the_carriers_pay_with_the_county_beside_them() {
    let plain = tiny_scenario();
    let mut funded = plain.clone();
    funded.finance = finance();
    let (w0, w1) = (World::new(&plain).unwrap(), World::new(&funded).unwrap());
    let (c0, c1) = (
        compare(&w0, &options()).unwrap(),
        compare(&w1, &options()).unwrap(),
    );
    let (a0, a1) = (c0.allocation.unwrap(), c1.allocation.unwrap());
    let pooled = c0
        .modes
        .iter()
        .find(|m| m.mode == Mode::PostalExpress)
        .unwrap();
    // Without a finance section the game is over the plan's cost, and the county pays nothing.
    assert_eq!(a0.county_subsidy, 0.0);
    assert!((a0.joint_cost - pooled.kpis.cost.min(a0.standalone.iter().sum())).abs() < 1e-9);
    // With it: c(N) = plan + the centre (only pooled modes need it: 140/day) - the pooled mode's
    // subsidies; the stations every mode needs stay outside; a carrier alone keeps separate's
    // station subsidy. Routing is unchanged (same seed), so the difference is exactly that.
    let f = &c1
        .modes
        .iter()
        .find(|m| m.mode == Mode::PostalExpress)
        .unwrap()
        .finance;
    let want = pooled.kpis.cost + 140.0 - f.county_subsidy;
    let alone: f64 = a1.standalone.iter().sum();
    assert!(
        (a1.joint_cost - want.min(alone)).abs() < 1e-6,
        "{} vs {want}",
        a1.joint_cost
    );
    assert!((a1.county_subsidy - f.county_subsidy).abs() < 1e-9);
    for (rule, _) in &a1.rules {
        let sum: f64 = rule.shares.iter().sum();
        assert!((sum - a1.joint_cost).abs() < 1e-6, "{}", rule.rule);
    }
}
