//! The stakeholder accounts and the bus fee range: every mode's net costs add up to its system
//! cost (on the hand-made scenario, with facilities, subsidies, a county budget and a bus line
//! that carries parcels, and on the small preset), and each line's fee range is ordered and
//! really bounds what the carriers pay (re-planned above the highest fee, nothing rides).

use gongpei_coop::fee_range::LineFeeRange;
use gongpei_coop::{compare, Coalition, CompareOptions, Comparison, Effort, Mode, Planner, World};
use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::model::{Finance, ModeScope, Subsidy, SubsidyBasis};
use gongpei_scenario::Scenario;

use crate::tiny::{effort, tiny_scenario};

/// The hand-made scenario with its outbound line extended to every village, room for all and a
/// small fee (so that parcels ride), a subsidy whose claim the county budget cuts, and a
/// commission of 0.4 CNY a parcel.
fn tiny_with_bus() -> Scenario {
    let mut s = tiny_scenario();
    let out = &mut s.bus_lines[0];
    out.stops = ["bus_station", "T", "V1", "V2", "V3"]
        .map(String::from)
        .to_vec();
    out.stop_offsets_s = vec![0, 1800, 2100, 2400, 2700];
    out.spare_parcels_per_run = 50;
    out.spare_kg_per_run = 500;
    out.fee_per_parcel = 0.2;
    out.fee_per_kg = 0.05;
    s.costs.village_station_commission_per_parcel = 0.4;
    s.finance = Finance {
        county_budget_per_day: Some(5.0),
        subsidies: vec![Subsidy {
            name: "per parcel".into(),
            basis: SubsidyBasis::PerParcel,
            amount: 0.5,
            modes: ModeScope::All,
        }],
        ..Finance::default()
    };
    s
}

fn options(effort: &Effort, fee_range: bool) -> CompareOptions {
    CompareOptions {
        effort: effort.clone(),
        coalition_effort: effort.clone(),
        allocate: None,
        fee_range,
        ..CompareOptions::default()
    }
}

/// Every mode's stakeholders add up to its system cost, counted from the plan's resources.
fn assert_identity(c: &Comparison) {
    for m in &c.modes {
        let s = &m.stakeholders;
        let resources = m.plan.route_cost()
            + m.plan.handling_cost
            + m.finance.capital_per_day
            + m.finance.facilities_per_day
            + s.bus_operators.iter().map(|o| o.marginal_cost).sum::<f64>();
        assert!(
            (s.system_cost - resources).abs() < 1e-6,
            "{}: system cost {} vs resources {resources}",
            m.mode.name(),
            s.system_cost
        );
        let by_rows: f64 = s.rows().iter().map(|r| r.net_cost).sum();
        assert!(
            (by_rows - s.system_cost).abs() < 1e-6 * s.system_cost.max(1.0),
            "{}: stakeholders sum to {by_rows}, system cost {}",
            m.mode.name(),
            s.system_cost
        );
        assert!((s.net_cost_total - by_rows).abs() < 1e-9);
        for r in s.rows() {
            assert!((r.cost - r.income - r.net_cost).abs() < 1e-9, "{r:?}");
        }
        // The transfers: what the carriers pay in fees is the operators' revenue.
        let fees: f64 = s.bus_operators.iter().map(|o| o.fee_revenue).sum();
        assert!((fees - m.plan.bus_fees()).abs() < 1e-9);
        let paid: f64 = s.carriers.iter().map(|c| c.commission_paid).sum();
        assert!((paid - s.station_keepers.commission_income).abs() < 1e-9);
        let subsidy: f64 = s.carriers.iter().map(|c| c.subsidy_received).sum();
        assert!((subsidy - s.county.subsidy_outlay).abs() < 1e-9);
    }
}

#[test]
fn stakeholders_add_up_to_the_system_cost_in_every_mode_of_the_tiny_scenario() {
    let s = tiny_with_bus();
    let world = World::new(&s).unwrap();
    let c = compare(&world, &options(&effort(), false)).unwrap();
    assert_identity(&c);
    let tp = c
        .modes
        .iter()
        .find(|m| m.mode == Mode::TransportPostal)
        .unwrap();
    assert!(
        !tp.plan.bus.is_empty(),
        "parcels should ride the cheap line"
    );
    let op = &tp.stakeholders.bus_operators[0];
    assert_eq!(op.operator, "bus co");
    assert!(op.fee_revenue > 0.0 && op.marginal_cost > 0.0);
    // Handling per parcel, fuel per kg and one handover per (run, stop) with the defaults.
    let line = &op.lines[0];
    let expected =
        line.parcels as f64 * 0.1 + line.kg as f64 * 0.01 + line.handover_stops as f64 * 2.0;
    assert!((line.marginal_cost - expected).abs() < 1e-9);
    // The budget caps the subsidy: 0.5 CNY a parcel claimed, 5 CNY paid.
    let county = &tp.stakeholders.county;
    assert!(county.budget_binding);
    assert!((county.subsidy_outlay - 5.0).abs() < 1e-9);
    assert!(county.subsidy_claimed > 5.0);
    assert_eq!(county.budget_left, Some(0.0));
    let keepers = &tp.stakeholders.station_keepers;
    assert!((keepers.commission_income - 0.4 * keepers.parcels as f64).abs() < 1e-9);
    // Reports show the section.
    let text = gongpei_coop::report::text(&c);
    assert!(text.contains("Stakeholders' net cost"), "{text}");
    assert!(text.contains("bus_operator bus co"), "{text}");
    let json = serde_json::to_value(&c).unwrap();
    assert!(json["modes"][0]["stakeholders"]["system_cost"].is_number());
}

#[test]
fn stakeholders_add_up_on_the_small_preset() {
    let s = generate(Preset::Small, 1).unwrap();
    let world = World::new(&s).unwrap();
    let quick = Effort {
        seed: 1,
        iterations: 0,
        ..Effort::default()
    };
    let c = compare(&world, &options(&quick, false)).unwrap();
    assert_identity(&c);
    assert!(c.fee_ranges.is_none());
}

/// 交邮合作 for all carriers with line `li`'s fee per parcel at `fee`.
fn parcels_on_line_at(world: &World<'_>, effort: &Effort, li: usize, fee: f64) -> i64 {
    let mut variant = world.scenario.clone();
    variant.bus_lines[li].fee_per_parcel = fee;
    let variant_world = world.with_scenario(&variant).unwrap();
    let planner = Planner::new(&variant_world);
    let plan = planner
        .plan(
            Mode::TransportPostal,
            Coalition::grand(world.num_carriers()),
            effort,
        )
        .unwrap();
    let id = &world.scenario.bus_lines[li].id;
    plan.bus
        .iter()
        .filter(|b| &b.line == id)
        .map(|b| b.parcels)
        .sum()
}

/// Checks the ranges of a comparison made with `fee_range`: ordered where a line carries
/// parcels, and nothing rides a line re-planned above its highest fee.
fn assert_ranges(world: &World<'_>, effort: &Effort, ranges: &[LineFeeRange]) -> usize {
    let mut carrying = 0;
    for (li, r) in ranges.iter().enumerate() {
        assert_eq!(r.line, world.scenario.bus_lines[li].id);
        if r.parcels > 0 {
            carrying += 1;
            let (min, max) = (r.min_fee_per_parcel.unwrap(), r.max_fee_per_parcel.unwrap());
            assert!(min <= max, "{r:?}");
            assert!(r.carrier_saving >= -1e-6, "{r:?}");
            assert_eq!(
                r.today_inside,
                Some(min <= r.fee_per_parcel && r.fee_per_parcel <= max)
            );
            // Today's fee carries parcels, so the highest is at least today's.
            assert!(max >= r.fee_per_parcel, "{r:?}");
        }
        if let (Some(max), true) = (r.max_fee_per_parcel, r.max_bounded) {
            let above = max + 2.0 * gongpei_coop::fee_range::FEE_TOLERANCE;
            assert_eq!(parcels_on_line_at(world, effort, li, above), 0, "{r:?}");
            assert!(parcels_on_line_at(world, effort, li, max) > 0, "{r:?}");
        }
    }
    carrying
}

#[test]
fn the_fee_range_of_the_tiny_line_brackets_what_the_carriers_pay() {
    let s = tiny_with_bus();
    let world = World::new(&s).unwrap();
    let c = compare(&world, &options(&effort(), true)).unwrap();
    let ranges = c.fee_ranges.as_ref().expect("asked for");
    assert_eq!(ranges.len(), 2);
    let r = &ranges[0];
    assert!(r.parcels > 0 && r.max_bounded, "{r:?}");
    // Lowest fee: the marginal cost of today's loads less the per-kg fee, per parcel.
    let tp = c
        .modes
        .iter()
        .find(|m| m.mode == Mode::TransportPostal)
        .unwrap();
    let line = &tp.stakeholders.bus_operators[0].lines[0];
    let min = ((line.marginal_cost - line.kg as f64 * 0.05) / line.parcels as f64).max(0.0);
    assert!((r.min_fee_per_parcel.unwrap() - min).abs() < 1e-9);
    assert!(r.carrier_saving > 0.0, "{r:?}");
    assert_eq!(assert_ranges(&world, &effort(), ranges), 1);
    let text = gongpei_coop::report::text(&c);
    assert!(text.contains("Bus fee range per line"), "{text}");
}

#[test]
fn the_fee_ranges_of_the_small_preset_are_ordered_and_bound_the_riders() {
    let s = generate(Preset::Small, 1).unwrap();
    let world = World::new(&s).unwrap();
    let quick = Effort {
        seed: 1,
        iterations: 0,
        ..Effort::default()
    };
    let c = compare(
        &world,
        &CompareOptions {
            modes: vec![Mode::TransportPostal],
            ..options(&quick, true)
        },
    )
    .unwrap();
    let ranges = c.fee_ranges.as_ref().expect("asked for");
    assert_eq!(ranges.len(), s.bus_lines.len());
    assert_ranges(&world, &quick, ranges);
}

#[test]
fn a_world_is_reused_only_for_a_variant_with_the_same_demand() {
    let s = tiny_scenario();
    let world = World::new(&s).unwrap();
    let mut other = s.clone();
    other.demand[0].parcels_in += 1;
    let err = world.with_scenario(&other).err().unwrap().to_string();
    assert!(err.contains("same sites, demand"), "{err}");
    let mut bad_fee = s.clone();
    bad_fee.bus_lines[0].handover_cost_per_stop = -1.0;
    let err = world.with_scenario(&bad_fee).err().unwrap().to_string();
    assert!(err.contains("bus_lines[0].handover_cost_per_stop"), "{err}");
}
