//! 交邮合作's joint rider choice: [`super::bus_joint::search_riders`] with every rider set priced
//! by re-solving the carriers' vans without the riders at a cheap effort, each carrier's solve
//! cached by its bus loads (a set met again, or a carrier whose loads a move left alone, costs
//! nothing); the best set is planned at the normal effort and kept only when it beats the
//! greedy plan.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use rayon::prelude::*;

use super::bus::{better, Candidate};
use super::bus_joint::{search_riders, RiderSearch, VIOLATION_PENALTY};
use super::common::coalition_flows;
use super::separate;
use super::transport_postal::{carrier_bus, carrier_stops, with_riders};
use crate::allocation::Coalition;
use crate::plan::{BusAssignment, Plan};
use crate::planner::Planner;
use crate::subproblem::Effort;
use crate::CoopError;

/// A bus load as a cache key: line, run, direction and flows.
type BusKey = (String, usize, bool, Vec<usize>);

/// Prices rider sets for 交邮合作, caching each carrier's cheap solve by its bus loads.
struct Pricer<'p, 'w> {
    planner: &'p Planner<'w>,
    carriers: Vec<usize>,
    flows: Vec<usize>,
    cheap: Effort,
    cache: Mutex<HashMap<(usize, Vec<BusKey>), f64>>,
}

impl Pricer<'_, '_> {
    /// The carriers' van routes at the cheap effort plus their fees, when `bus` rides.
    fn price(&self, bus: &[BusAssignment]) -> Result<f64, CoopError> {
        let costs = self
            .carriers
            .par_iter()
            .map(|&c| self.carrier_price(c, bus))
            .collect::<Result<Vec<f64>, CoopError>>()?;
        Ok(costs.iter().sum())
    }

    /// Carrier `c`'s van routes at the cheap effort plus its fees, when `bus` rides.
    fn carrier_price(&self, c: usize, bus: &[BusAssignment]) -> Result<f64, CoopError> {
        let world = self.planner.world();
        let own_bus = carrier_bus(world, bus, c);
        let key: Vec<BusKey> = own_bus
            .iter()
            .map(|b| (b.line.clone(), b.run, b.inbound, b.flows.clone()))
            .collect();
        if let Some(p) = self
            .cache
            .lock()
            .ok()
            .and_then(|m| m.get(&(c, key.clone())).copied())
        {
            return Ok(p);
        }
        let riders: HashSet<usize> = own_bus
            .iter()
            .flat_map(|b| b.flows.iter().copied())
            .collect();
        let stops = carrier_stops(world, &self.flows, c, &riders, &own_bus);
        let solved = separate::solve_carrier(self.planner, c, &stops, &self.cheap)?;
        let price = solved.routes.iter().map(|r| r.cost).sum::<f64>()
            + own_bus.iter().map(|b| b.fee).sum::<f64>()
            + solved.violations.len() as f64 * VIOLATION_PENALTY;
        if let Ok(mut m) = self.cache.lock() {
            m.insert((c, key), price);
        }
        Ok(price)
    }
}

/// The joint choice for 交邮合作: searches rider sets from the greedy plan `greedy` (`base`: the
/// plan without buses, `candidates` its candidate stops, `ready` the stations' ready times) and
/// returns the better of the best set's plan (at `effort`) and `greedy`.
pub(crate) fn improve(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
    base: &Plan,
    candidates: &[Candidate],
    ready: &HashMap<usize, i64>,
    greedy: Plan,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    let pricer = Pricer {
        planner,
        carriers: coalition
            .players()
            .filter(|&c| c < world.num_carriers())
            .collect(),
        flows: coalition_flows(world, coalition),
        cheap: Effort::construction_only(effort.seed),
        cache: Mutex::new(HashMap::new()),
    };
    let greedy_riders: HashSet<usize> = greedy
        .bus
        .iter()
        .flat_map(|b| b.flows.iter().copied())
        .collect();
    let search = RiderSearch {
        candidates,
        ready,
        greedy_riders: &greedy_riders,
        seed: effort.seed,
    };
    let Some(bus) = search_riders(world, &search, &|bus: &[BusAssignment]| pricer.price(bus))?
    else {
        return Ok(greedy);
    };
    let joint = with_riders(planner, coalition, effort, base, &bus, None)?;
    Ok(if better(&joint, &greedy) {
        joint
    } else {
        greedy
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_plan;
    use crate::modes::bus::{assign, candidates};
    use crate::modes::{BusChoice, Mode};
    use crate::world::World;

    /// The hand-made scenario of the integration tests with its bus line extended to all three
    /// villages, room for everyone and a small fee: four candidates (V1 and V2 of carrier a, V2
    /// and V3 of carrier b), so every rider set can be planned.
    fn scenario() -> gongpei_scenario::Scenario {
        let mut s = gongpei_scenario::from_json_str(
            include_str!("../../tests/data/tiny.json"),
            "tiny.json",
        )
        .unwrap();
        let out = &mut s.bus_lines[0];
        out.stops = ["bus_station", "T", "V1", "V2", "V3"]
            .map(String::from)
            .to_vec();
        out.stop_offsets_s = vec![0, 1800, 2100, 2400, 2700];
        out.spare_parcels_per_run = 50;
        out.spare_kg_per_run = 500;
        out.fee_per_parcel = 0.2;
        out.fee_per_kg = 0.05;
        s.bus_lines.truncate(1);
        s
    }

    /// The engine effort both the search's pricing and its plans use here, so that the price of
    /// a set is the cost of its plan.
    fn effort() -> Effort {
        Effort::construction_only(3)
    }

    #[test]
    fn exact_search_finds_the_brute_force_optimum_and_never_loses_to_greedy() {
        let s = scenario();
        let world = World::new(&s).unwrap();
        let grand = Coalition::grand(2);
        let planner = Planner::new(&world);
        let base = separate::plan(&planner, grand, &effort()).unwrap();
        let cands = candidates(&world, &base).unwrap();
        assert_eq!(cands.len(), 4, "{cands:?}");
        let station = s.site_index("bus_station").unwrap();
        let ready = HashMap::from([(station, 7 * 3600)]);
        // Brute force: every subset planned at the search's own effort.
        let mut optimum = base.total_cost();
        for mask in 0u32..16 {
            let set: Vec<Candidate> = (0..4)
                .filter(|k| mask >> k & 1 == 1)
                .map(|k| cands[k].clone())
                .collect();
            let bus = assign(&world, &set, &ready, false);
            let plan = with_riders(&planner, grand, &effort(), &base, &bus, None).unwrap();
            assert!(
                check_plan(&s, &plan).is_ok(),
                "{:?}",
                check_plan(&s, &plan).errors
            );
            optimum = optimum.min(plan.total_cost());
        }
        planner.set_bus_choice(BusChoice::Greedy);
        let greedy = planner
            .plan(Mode::TransportPostal, grand, &effort())
            .unwrap();
        planner.set_bus_choice(BusChoice::Joint);
        let joint = planner
            .plan(Mode::TransportPostal, grand, &effort())
            .unwrap();
        assert!(
            check_plan(&s, &joint).is_ok(),
            "{:?}",
            check_plan(&s, &joint).errors
        );
        assert!(joint.total_cost() <= greedy.total_cost() + 1e-9);
        assert!(
            (joint.total_cost() - optimum).abs() < 1e-6,
            "joint {} vs brute force {optimum} (greedy {})",
            joint.total_cost(),
            greedy.total_cost()
        );
        // The optimum rides the bus here (the van saves more than the small fee).
        assert!(!joint.bus.is_empty());
        assert!(optimum < base.total_cost() - 1e-6);
    }
}
