//! The joint choice of the bus riders (交邮合作 and `combined`): which candidates ride is searched
//! together with the van routes, each rider set priced by routing, instead of taken greedily by
//! estimated saving.
//!
//! One search, [`search_riders`], serves both modes; each prices a rider set its own way (a
//! closure from the set's bus loads to a cost): 交邮合作 re-solves the carriers' vans
//! (`transport_postal_joint.rs`), `combined` both echelons of the two-echelon system
//! (`combined.rs`), each at a cheap effort (construction and local search, no iterations). A
//! rider set is placed on runs by [`assign`] (every candidate of the set that fits rides). Up to
//! [`EXACT_MAX`] candidates every subset is priced; above, a large-neighbourhood search from the
//! greedy riders removes, adds and swaps a few candidates for a fixed budget ([`LNS_ROUNDS`]
//! rounds of [`LNS_BATCH`] neighbours, from a ChaCha8 stream of the engine seed), accepting
//! improvements. The caller plans the best set at the normal effort and keeps it only when it
//! beats its greedy plan, so the joint choice is never worse than the greedy one.

use std::collections::{HashMap, HashSet};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

use super::bus::{assign, Candidate};
use crate::plan::BusAssignment;
use crate::world::World;
use crate::CoopError;

/// How 交邮合作 and `combined` choose which parcels ride the bus.
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

/// Cost a pricing adds per engine violation, so that an infeasible set never looks cheap.
pub(crate) const VIOLATION_PENALTY: f64 = 1e7;

/// What the rider search starts from.
pub(crate) struct RiderSearch<'a> {
    /// Every candidate stop of the plan without buses.
    pub candidates: &'a [Candidate],
    /// When parcels can be at each handover station (stations without an entry are not used).
    pub ready: &'a HashMap<usize, i64>,
    /// The flows riding in the greedy plan: the search starts from the candidates holding them.
    pub greedy_riders: &'a HashSet<usize>,
    /// Engine seed (the large-neighbourhood search's random stream).
    pub seed: u64,
}

/// Searches rider sets from the greedy one, pricing each set's bus loads (as placed by
/// [`assign`]) with `price`. Returns the loads of the cheapest set found when it is priced
/// strictly below the greedy set, else `None` (keep the greedy plan). `price` is called from
/// several threads at once; it must give the same answer for the same loads whatever the order
/// of calls, so that the search is deterministic.
pub(crate) fn search_riders<P>(
    world: &World<'_>,
    search: &RiderSearch<'_>,
    price: &P,
) -> Result<Option<Vec<BusAssignment>>, CoopError>
where
    P: Fn(&[BusAssignment]) -> Result<f64, CoopError> + Sync,
{
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
        return Ok(None);
    }
    let loads = |set: &[bool]| -> Vec<BusAssignment> {
        let chosen: Vec<Candidate> = pool
            .iter()
            .zip(set)
            .filter(|(_, &on)| on)
            .map(|(&i, _)| search.candidates[i].clone())
            .collect();
        assign(world, &chosen, search.ready, false)
    };
    let price_set = |set: &[bool]| price(&loads(set));
    let start: Vec<bool> = pool
        .iter()
        .map(|&i| {
            search.candidates[i]
                .flows
                .iter()
                .any(|f| search.greedy_riders.contains(f))
        })
        .collect();
    let (best, best_price, start_price) = if pool.len() <= EXACT_MAX {
        exact(&price_set, pool.len(), &start)?
    } else {
        neighbourhood(&price_set, &value, &start, search.seed)?
    };
    if best == start || best_price >= start_price - 1e-6 {
        return Ok(None);
    }
    Ok(Some(loads(&best)))
}

/// Every subset of a pool of `n`: (best set, its price, the start's price). Ties keep the start,
/// then the lower mask.
fn exact<P>(price: &P, n: usize, start: &[bool]) -> Result<(Vec<bool>, f64, f64), CoopError>
where
    P: Fn(&[bool]) -> Result<f64, CoopError> + Sync,
{
    let start_price = price(start)?;
    let mut best = (start.to_vec(), start_price);
    for mask in 0u64..(1u64 << n) {
        let set: Vec<bool> = (0..n).map(|k| mask >> k & 1 == 1).collect();
        let p = price(&set)?;
        if p < best.1 - 1e-6 {
            best = (set, p);
        }
    }
    Ok((best.0, best.1, start_price))
}

/// Large-neighbourhood search from `start` (`value`: each pool member's estimated value of
/// riding): each round prices [`LNS_BATCH`] neighbours (remove one or two riders, add one or two
/// candidates, or swap one for one; riders of low estimated value are removed and candidates of
/// high value added more often) and moves to the best one if it is cheaper.
fn neighbourhood<P>(
    price: &P,
    value: &[f64],
    start: &[bool],
    seed: u64,
) -> Result<(Vec<bool>, f64, f64), CoopError>
where
    P: Fn(&[bool]) -> Result<f64, CoopError> + Sync,
{
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0xB05_0017_u64.rotate_left(17));
    let start_price = price(start)?;
    let mut current = (start.to_vec(), start_price);
    for _ in 0..LNS_ROUNDS {
        let moves: Vec<Vec<bool>> = (0..LNS_BATCH)
            .map(|_| neighbour(&current.0, value, &mut rng))
            .filter(|m| *m != current.0)
            .collect();
        let priced = moves
            .par_iter()
            .map(|m| price(m))
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

    #[test]
    fn bus_choice_names_round_trip_and_bad_names_are_refused() {
        for c in [BusChoice::Greedy, BusChoice::Joint] {
            assert_eq!(c.name().parse::<BusChoice>().ok(), Some(c));
        }
        let err = "best".parse::<BusChoice>().unwrap_err().to_string();
        assert!(err.contains("greedy or joint"), "{err}");
    }
}
