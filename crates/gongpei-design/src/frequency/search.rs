//! Choosing patterns and daily routes together, a periodic-VRP heuristic in the spirit of
//! Cordeau, Gendreau & Laporte (1997): start from the least frequent allowed pattern of every
//! village with offsets spread so that each township's (and the district's) daily load is even,
//! then move single villages to another allowed pattern or offset when the estimated saving on
//! the planned routes (removal and cheapest-insertion deltas) is positive. Every move re-plans
//! the days it touches and is kept only when the re-planned week is cheaper (and breaks no more
//! days); estimates are refreshed after each accepted move. Deterministic: ties are broken by
//! village and pattern order, and the engine's effort fixes the seed.

use std::collections::HashMap;

use gongpei_coop::World;

use super::days::{broken_days, week_cost, DayPlanner, PlannedDay};
use super::estimate::{insertion_cost, stop_costs};
use super::pattern::{allowed_patterns, VisitPattern, DAYS};
use super::week::Villages;
use crate::DesignError;

/// Least frequent allowed family for every village, offsets chosen greedily (largest village
/// first) to even out the load per township and day, then per day over the district.
pub(crate) fn balanced_start(villages: &Villages, max_wait_days: usize) -> Vec<VisitPattern> {
    let allowed = allowed_patterns(max_wait_days);
    let family = allowed[0].family;
    let options: Vec<VisitPattern> = allowed
        .iter()
        .copied()
        .filter(|p| p.family == family)
        .collect();
    let mut order: Vec<usize> = (0..villages.len()).collect();
    order.sort_by_key(|&v| (std::cmp::Reverse(villages.daily_parcels[v]), v));
    let mut township_load: HashMap<Option<usize>, [i64; DAYS]> = HashMap::new();
    let mut district_load = [0i64; DAYS];
    let mut chosen = vec![options[0]; villages.len()];
    for v in order {
        let w = villages.daily_parcels[v].max(1);
        let town = township_load
            .entry(villages.township[v])
            .or_insert([0; DAYS]);
        let score = |p: &VisitPattern| {
            let add = |d: usize| w * p.accumulated_days(d) as i64;
            let t: i64 = (0..DAYS).map(|d| (town[d] + add(d)).pow(2)).sum();
            let all: i64 = (0..DAYS).map(|d| (district_load[d] + add(d)).pow(2)).sum();
            (t, all)
        };
        let best = *options
            .iter()
            .min_by_key(|p| (score(p), p.offset))
            .expect("a family has at least one pattern");
        for d in 0..DAYS {
            let add = w * best.accumulated_days(d) as i64;
            town[d] += add;
            district_load[d] += add;
        }
        chosen[v] = best;
    }
    chosen
}

/// A candidate move with its estimated saving, yuan.
struct Move {
    village: usize,
    to: VisitPattern,
    saving: f64,
}

/// Estimated savings of moving each village to each other allowed pattern, best first.
fn ranked_moves(
    world: &World<'_>,
    villages: &Villages,
    patterns: &[VisitPattern],
    allowed: &[VisitPattern],
    days: &[PlannedDay],
) -> Vec<Move> {
    let mut moves = Vec::new();
    for (v, (&site, &current)) in villages.sites.iter().zip(patterns).enumerate() {
        let per_day: Vec<_> = days
            .iter()
            .map(|d| stop_costs(world, &d.plan, site))
            .collect();
        // The kinds of route that serve the village on a visit day (any will do).
        let kinds = per_day
            .iter()
            .find(|c| !c.kinds.is_empty())
            .map(|c| c.kinds.clone())
            .unwrap_or_default();
        if kinds.is_empty() {
            continue; // served by bus only, or not at all: nothing to estimate
        }
        for &to in allowed.iter().filter(|p| **p != current) {
            let mut saving = 0.0;
            for d in 0..DAYS {
                match (current.visits(d), to.visits(d)) {
                    (true, false) => saving += per_day[d].removal_saving,
                    (false, true) => saving -= insertion_cost(world, &days[d].plan, site, &kinds),
                    _ => {}
                }
            }
            if saving > 1e-6 {
                moves.push(Move {
                    village: v,
                    to,
                    saving,
                });
            }
        }
    }
    moves.sort_by(|a, b| {
        b.saving
            .total_cmp(&a.saving)
            .then(a.village.cmp(&b.village))
            .then(a.to.cmp(&b.to))
    });
    moves
}

/// Result of improving one week.
pub(crate) struct Improved {
    pub patterns: Vec<VisitPattern>,
    pub days: Vec<PlannedDay>,
    pub tried: usize,
    pub accepted: usize,
}

/// Improves `patterns` (planned as `days`) by single-village moves within `max_wait_days`,
/// trying at most `max_moves` moves.
pub(crate) fn improve(
    world: &World<'_>,
    villages: &Villages,
    planner: &mut DayPlanner<'_>,
    max_wait_days: usize,
    max_moves: usize,
    mut patterns: Vec<VisitPattern>,
    mut days: Vec<PlannedDay>,
) -> Result<Improved, DesignError> {
    let allowed = allowed_patterns(max_wait_days);
    let (mut tried, mut accepted) = (0, 0);
    'rounds: while tried < max_moves {
        let moves = ranked_moves(world, villages, &patterns, &allowed, &days);
        if moves.is_empty() {
            break;
        }
        for m in moves {
            if tried >= max_moves || planner.stop_requested() || planner.hurry_requested() {
                break 'rounds;
            }
            tried += 1;
            let mut trial = patterns.clone();
            trial[m.village] = m.to;
            let touched: Vec<usize> = (0..DAYS)
                .filter(|&d| patterns[m.village].accumulated_days(d) != m.to.accumulated_days(d))
                .collect();
            let mut trial_days = days.clone();
            for &d in &touched {
                match planner.plan_day(&trial, d) {
                    Ok(p) => trial_days[d] = p,
                    Err(DesignError::Coop(gongpei_coop::CoopError::Cancelled)) => break 'rounds,
                    Err(e) => return Err(e),
                }
            }
            // A trial planned (partly) hurried is not comparable with the week planned at the
            // full effort: the moves end with the week as it was.
            if planner.hurry_requested() {
                break 'rounds;
            }
            let better = broken_days(&trial_days) < broken_days(&days)
                || (broken_days(&trial_days) == broken_days(&days)
                    && week_cost(&trial_days) < week_cost(&days) - 1e-6);
            if better {
                patterns = trial;
                days = trial_days;
                accepted += 1;
                // The estimates of the touched days are stale: rank again.
                continue 'rounds;
            }
        }
        // No move of this ranking lowered the week: a local optimum for these moves.
        break;
    }
    Ok(Improved {
        patterns,
        days,
        tried,
        accepted,
    })
}
