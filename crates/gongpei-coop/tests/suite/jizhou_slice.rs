//! The district preset yields checker-clean plans in every mode. The whole district takes about a
//! minute in release mode (`make demo`), too slow for a debug test suite, so this runs on a slice
//! of it: the Jizhou preset (seed 1, every site, road, fleet and bus line) with the demand of three
//! townships only — the end township of the first bus line (bus riders), and the two townships
//! with the most chilled records (cold fleets).

use std::collections::{BTreeMap, HashSet};

use crate::common::checked_mode_kpis;
use gongpei_coop::world::World;
use gongpei_coop::Effort;
use gongpei_core::Strategy;
use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::{Scenario, Temperature};

fn township_of<'a>(s: &'a Scenario, site: &str) -> Option<&'a str> {
    s.sites
        .iter()
        .find(|x| x.id == site)
        .and_then(|x| x.township.as_deref())
}

fn slice() -> Scenario {
    let mut s = generate(Preset::Jizhou, 1).unwrap();
    let bus_end = s.bus_lines[0].stops.last().cloned().unwrap();
    let mut keep: HashSet<String> = HashSet::new();
    keep.insert(township_of(&s, &bus_end).unwrap().to_string());
    let mut chilled: BTreeMap<String, usize> = BTreeMap::new();
    for d in s
        .demand
        .iter()
        .filter(|d| d.temperature == Temperature::Chilled)
    {
        *chilled
            .entry(township_of(&s, &d.village).unwrap().to_string())
            .or_default() += 1;
    }
    let mut by_count: Vec<(usize, String)> = chilled.into_iter().map(|(t, n)| (n, t)).collect();
    by_count.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    keep.extend(by_count.into_iter().take(2).map(|(_, t)| t));
    let demand = s
        .demand
        .iter()
        .filter(|d| keep.contains(township_of(&s, &d.village).unwrap()))
        .cloned()
        .collect();
    s.demand = demand;
    s
}

#[test]
fn every_mode_is_checker_clean_on_a_slice_of_the_district() {
    let scenario = slice();
    assert!(scenario
        .demand
        .iter()
        .any(|d| d.temperature == Temperature::Chilled));
    let world = World::new(&scenario).unwrap();
    let effort = Effort {
        seed: 1,
        iterations: 0,
        clients_per_step: 0,
        strategy: Strategy::IteratedLocalSearch,
    };
    let costs: Vec<f64> = checked_mode_kpis(&world, &effort)
        .into_iter()
        .map(|(_, k)| k.cost)
        .collect();
    // Pooling through the township centres pays on the district's demand.
    assert!(costs[1] < costs[0], "postal_express {costs:?}");
    // The bus modes keep a bus plan only when it makes the day cheaper.
    assert!(costs[2] <= costs[0] + 1e-6, "transport_postal {costs:?}");
    assert!(costs[3] <= costs[1] + 1e-6, "combined {costs:?}");
}
