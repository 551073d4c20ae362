//! The joint choice of 交邮合作's riders: which candidates ride is searched together with the
//! van routes, each rider set priced by routing, instead of taken greedily by estimated saving.
//!
//! A rider set is placed on runs by [`assign`] (every candidate of the set that fits rides) and
//! priced as the carriers' van routes without the riders, plus the station stops, plus the fees,
//! each carrier solved at a cheap effort (construction and local search, no iterations) and
//! cached by its loads, so a set met again, or a carrier whose loads a move left alone, costs
//! nothing. Up to [`EXACT_MAX`] candidates every subset is priced; above, a large-neighbourhood
//! search from the greedy riders removes, adds and swaps a few candidates for a fixed budget
//! ([`LNS_ROUNDS`] rounds of [`LNS_BATCH`] neighbours, from a ChaCha8 stream of the engine seed),
//! accepting improvements. The best set is then planned at the normal effort and kept only when
//! it beats the greedy plan, so the joint choice is never worse than the greedy one.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use super::bus::{assign, better, Candidate};
use super::separate;
use super::transport_postal::{carrier_bus, carrier_stops, with_riders};
use crate::allocation::Coalition;
use crate::plan::{BusAssignment, Plan};
use crate::planner::Planner;
use crate::subproblem::Effort;
use crate::world::World;
use crate::CoopError;

/// How 交邮合作 chooses which parcels ride the bus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BusChoice {
    /// Best estimated saving per parcel first, while the estimate beats the fee.
    Greedy,
    /// A search over rider sets priced by routing, started from the greedy one and never worse
    /// (exact up to [`EXACT_MAX`] candidates, a large-neighbourhood search above).
    #[default]
    Joint,
}

impl BusChoice {
    /// Name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            BusChoice::Greedy => "greedy",
            BusChoice::Joint => "joint",
        }
    }
}

impl std::str::FromStr for BusChoice {
    type Err = CoopError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "greedy" => Ok(BusChoice::Greedy),
            "joint" => Ok(BusChoice::Joint),
            _ => Err(CoopError::Input(format!(
                "unknown bus choice {s:?}; expected greedy or joint"
            ))),
        }
    }
}

/// Candidates up to which every subset is priced.
pub const EXACT_MAX: usize = 10;
/// Rounds of the large-neighbourhood search.
pub const LNS_ROUNDS: usize = 8;
/// Neighbours priced per round (in parallel; the best improving one is taken).
pub const LNS_BATCH: usize = 4;

/// Cost added per engine violation, so that an infeasible set never looks cheap.
const VIOLATION_PENALTY: f64 = 1e7;

/// What the search starts from.
pub(crate) struct Search<'a> {
    /// The plan without buses (separate mode's routes).
    pub base: &'a Plan,
    /// Every candidate stop of `base`.
    pub candidates: &'a [Candidate],
    /// When parcels can be at each handover station.
    pub ready: &'a HashMap<usize, i64>,
}

/// Prices rider sets, caching each carrier's cheap solve by its bus loads.
struct Pricer<'p, 'w> {
    planner: &'p Planner<'w>,
    world: &'w World<'w>,
    search: &'p Search<'p>,
    coalition: Coalition,
    carriers: Vec<usize>,
    flows: Vec<usize>,
    cheap: Effort,
    cache: Mutex<HashMap<(usize, Vec<BusKey>), f64>>,
}

/// A bus load as a cache key: line, run, direction and flows.
type BusKey = (String, usize, bool, Vec<usize>);

impl Pricer<'_, '_> {
    /// The loads of set `set` (indices into the candidates) and their price.
    fn price(&self, set: &[usize]) -> Result<(f64, Vec<BusAssignment>), CoopError> {
        let chosen: Vec<Candidate> = set
            .iter()
            .map(|&i| self.search.candidates[i].clone())
            .collect();
        let bus = assign(self.world, &chosen, self.search.ready, false);
        let costs = self
            .carriers
            .par_iter()
            .map(|&c| self.carrier_price(c, &bus))
            .collect::<Result<Vec<f64>, CoopError>>()?;
        Ok((costs.iter().sum(), bus))
    }

    /// Carrier `c`'s van routes at the cheap effort plus its fees, when `bus` rides.
    fn carrier_price(&self, c: usize, bus: &[BusAssignment]) -> Result<f64, CoopError> {
        let own_bus = carrier_bus(self.world, bus, c);
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
        let stops = carrier_stops(self.world, &self.flows, c, &riders, &own_bus);
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

/// The joint choice: searches rider sets from the greedy plan `greedy` and returns the better of
/// the best set's plan (at `effort`) and `greedy`.
pub(crate) fn improve(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
    search: &Search<'_>,
    greedy: Plan,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    // Only candidates that can ride at all when alone take part; each one's estimated value of
    // riding is its van saving minus the fee of riding alone (the search's bias).
    let (pool, value): (Vec<usize>, Vec<f64>) = search
        .candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let alone = assign(world, std::slice::from_ref(c), search.ready, false);
            (!alone.is_empty()).then(|| (i, c.saving - alone.iter().map(|b| b.fee).sum::<f64>()))
        })
        .unzip();
    if pool.is_empty() {
        return Ok(greedy);
    }
    let pricer = Pricer {
        planner,
        world,
        search,
        coalition,
        carriers: coalition
            .players()
            .filter(|&c| c < world.num_carriers())
            .collect(),
        flows: super::common::coalition_flows(world, coalition),
        cheap: Effort::construction_only(effort.seed),
        cache: Mutex::new(HashMap::new()),
    };
    // The greedy plan's riders, as members of the pool.
    let riding: HashSet<usize> = greedy
        .bus
        .iter()
        .flat_map(|b| b.flows.iter().copied())
        .collect();
    let start: Vec<bool> = pool
        .iter()
        .map(|&i| {
            search.candidates[i]
                .flows
                .iter()
                .any(|f| riding.contains(f))
        })
        .collect();
    let (best, best_price, start_price) = if pool.len() <= EXACT_MAX {
        exact(&pricer, &pool, &start)?
    } else {
        neighbourhood(&pricer, &pool, &value, &start, effort.seed)?
    };
    if best == start || best_price >= start_price - 1e-6 {
        return Ok(greedy);
    }
    let (_, bus) = pricer.price(&members(&pool, &best))?;
    let joint = with_riders(planner, pricer.coalition, effort, search.base, &bus, None)?;
    Ok(if better(&joint, &greedy) {
        joint
    } else {
        greedy
    })
}

/// Candidate indices of the pool members in `set`.
fn members(pool: &[usize], set: &[bool]) -> Vec<usize> {
    pool.iter()
        .zip(set)
        .filter(|(_, &on)| on)
        .map(|(&i, _)| i)
        .collect()
}

/// Every subset of the pool: (best set, its price, the start's price). Ties keep the start,
/// then the lower mask.
fn exact(
    pricer: &Pricer<'_, '_>,
    pool: &[usize],
    start: &[bool],
) -> Result<(Vec<bool>, f64, f64), CoopError> {
    let (start_price, _) = pricer.price(&members(pool, start))?;
    let mut best = (start.to_vec(), start_price);
    for mask in 0u64..(1u64 << pool.len()) {
        let set: Vec<bool> = (0..pool.len()).map(|k| mask >> k & 1 == 1).collect();
        let (p, _) = pricer.price(&members(pool, &set))?;
        if p < best.1 - 1e-6 {
            best = (set, p);
        }
    }
    Ok((best.0, best.1, start_price))
}

/// Large-neighbourhood search from `start` (`value`: each pool member's estimated value of
/// riding, aligned with `pool`): each round prices [`LNS_BATCH`] neighbours (remove
/// one or two riders, add one or two candidates, or swap one for one; riders of low estimated
/// value are removed and candidates of high value added more often) and moves to the best one
/// if it is cheaper.
fn neighbourhood(
    pricer: &Pricer<'_, '_>,
    pool: &[usize],
    value: &[f64],
    start: &[bool],
    seed: u64,
) -> Result<(Vec<bool>, f64, f64), CoopError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xB05_0017_u64.rotate_left(17));
    let (start_price, _) = pricer.price(&members(pool, start))?;
    let mut current = (start.to_vec(), start_price);
    for _ in 0..LNS_ROUNDS {
        let moves: Vec<Vec<bool>> = (0..LNS_BATCH)
            .map(|_| neighbour(&current.0, value, &mut rng))
            .filter(|m| *m != current.0)
            .collect();
        let priced = moves
            .par_iter()
            .map(|m| pricer.price(&members(pool, m)).map(|(p, _)| p))
            .collect::<Result<Vec<f64>, CoopError>>()?;
        if let Some((k, &p)) = priced
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1).then(a.0.cmp(&b.0)))
        {
            if p < current.1 - 1e-6 {
                current = (moves[k].clone(), p);
            }
        }
    }
    Ok((current.0, current.1, start_price))
}

/// One random neighbour of `set`.
fn neighbour(set: &[bool], value: &[f64], rng: &mut ChaCha8Rng) -> Vec<bool> {
    let mut riders: Vec<usize> = (0..set.len()).filter(|&k| set[k]).collect();
    let mut others: Vec<usize> = (0..set.len()).filter(|&k| !set[k]).collect();
    // Riders worst first, others best first: a biased pick then favours the promising moves.
    riders.sort_by(|&a, &b| value[a].total_cmp(&value[b]).then(a.cmp(&b)));
    others.sort_by(|&a, &b| value[b].total_cmp(&value[a]).then(a.cmp(&b)));
    let kind = rng.random_range(0..5u32);
    let mut pick = |list: &mut Vec<usize>| -> Option<usize> {
        if list.is_empty() {
            return None;
        }
        let u: f64 = rng.random();
        let k = ((u * u) * list.len() as f64) as usize;
        Some(list.remove(k.min(list.len() - 1)))
    };
    let mut out = set.to_vec();
    let (removals, additions) = match kind {
        0 => (1, 0),
        1 => (2, 0),
        2 => (0, 1),
        3 => (0, 2),
        _ => (1, 1),
    };
    for _ in 0..removals {
        if let Some(k) = pick(&mut riders) {
            out[k] = false;
        }
    }
    for _ in 0..additions {
        if let Some(k) = pick(&mut others) {
            out[k] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check_plan;
    use crate::modes::bus::candidates;
    use crate::modes::Mode;

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

    #[test]
    fn bus_choice_names_round_trip_and_bad_names_are_refused() {
        for c in [BusChoice::Greedy, BusChoice::Joint] {
            assert_eq!(c.name().parse::<BusChoice>().ok(), Some(c));
        }
        let err = "best".parse::<BusChoice>().unwrap_err().to_string();
        assert!(err.contains("greedy or joint"), "{err}");
    }
}
