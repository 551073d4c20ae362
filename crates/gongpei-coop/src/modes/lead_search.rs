//! The lead-assignment search of 快快合作 (`express_pool`): which express carrier leads each
//! pooled area, priced by routing.
//!
//! An assignment's price is the plan's cost: every lead's transfer tours, rounds and
//! cross-docking (`express_pool::plan_part`: per carrier its transfer tours to the leads and,
//! when it leads, its rounds) plus the
//! parts no lead changes. Assignments compare by engine violations first (a lead lacking vans
//! makes its part infeasible: its van shortfall in parcels + kg counts first), then cost. The search prices each area led by its carrier with
//! most parcels (the majority start) and every single lead for the whole district, starts from
//! the best of these, and then, area by area in site order, tries every other candidate as the
//! area's lead (the moves of one area in parallel; a move re-plans only the two leads it
//! changes) and takes the best strictly improving one; it stops after a pass over all areas
//! without improvement, or when [`MAX_EVALUATIONS`] assignments have been priced. Lead parts
//! are memoised by (lead, areas) and the engine's sub-problems by content, so the answer is
//! fixed by the effort's seed whatever the thread count.
//!
//! Assignments are priced at the screening effort ([`screening`]: constructed and locally
//! optimised plans, as the allocation game's coalitions are), since a search prices hundreds of
//! them; the chosen assignment is then planned at the mode's effort. The scores in
//! [`LeadChoice`] are screening prices.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::express_pool::{area_leads, part_key, plan_part, LeadPart, Pool};
use crate::plan::{AssignmentScore, LeadChoice};
use crate::planner::Planner;
use crate::subproblem::{Effort, Solved};
use crate::CoopError;

/// Most lead assignments one search prices (its effort limit).
pub const MAX_EVALUATIONS: usize = 400;

/// Whether to search the leads or take the best single lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SearchKind {
    /// The majority start and every single lead, then area moves.
    Search,
    /// Only the single leads: the best one carrier for the whole district.
    SingleLead,
}

/// The chosen assignment: its parts (one per pooled carrier) and the record.
pub(crate) struct Found {
    pub parts: Vec<LeadPart>,
    pub choice: LeadChoice,
}

type PartKey = (usize, Vec<Option<usize>>);

/// Prices assignments, memoising each lead's part.
struct Pricer<'p, 'w> {
    planner: &'p Planner<'w>,
    pool: &'p Pool,
    effort: &'p Effort,
    base: AssignmentScore,
    parts: Mutex<HashMap<PartKey, Arc<LeadPart>>>,
}

impl<'p, 'w> Pricer<'p, 'w> {
    /// A pricer with an empty memo; `fixed` are the parts no lead changes.
    fn new(planner: &'p Planner<'w>, pool: &'p Pool, effort: &'p Effort, fixed: &Solved) -> Self {
        Pricer {
            planner,
            pool,
            effort,
            base: base_score(fixed),
            parts: Mutex::new(HashMap::new()),
        }
    }

    fn part(&self, c: usize, assignment: &[usize]) -> Result<Arc<LeadPart>, CoopError> {
        let key = (c, part_key(self.planner.world(), self.pool, c, assignment));
        if let Some(p) = self.parts.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(p);
        }
        let part = Arc::new(plan_part(self.planner, self.pool, c, &key.1, self.effort)?);
        if let Ok(mut m) = self.parts.lock() {
            m.insert(key, part.clone());
        }
        Ok(part)
    }

    /// The parts of `assignment`, one per pooled carrier (candidates first, then the others).
    fn parts_of(&self, assignment: &[usize]) -> Result<Vec<Arc<LeadPart>>, CoopError> {
        self.pool
            .carriers
            .iter()
            .map(|&c| self.part(c, assignment))
            .collect()
    }

    fn score(&self, assignment: &[usize]) -> Result<AssignmentScore, CoopError> {
        let mut s = self.base;
        for p in self.parts_of(assignment)? {
            s.cost += p.cost();
            s.violations += p.solved.violations.len();
            s.shortfall += p.shortfall;
        }
        Ok(s)
    }
}

/// Whether `a` is strictly better than `b` (less van shortfall, then fewer violations, then
/// cheaper by more than 1e-6).
fn better(a: &AssignmentScore, b: &AssignmentScore) -> bool {
    (a.shortfall, a.violations, a.cost + 1e-6) < (b.shortfall, b.violations, b.cost)
}

fn base_score(fixed: &Solved) -> AssignmentScore {
    AssignmentScore {
        cost: fixed.routes.iter().map(|r| r.cost).sum(),
        violations: fixed.violations.len(),
        shortfall: 0,
    }
}

/// Chooses the leads of `pool` (see the module doc); `fixed` are the parts no lead changes.
pub(crate) fn search_leads(
    planner: &Planner<'_>,
    pool: &Pool,
    fixed: &Solved,
    effort: &Effort,
    kind: SearchKind,
) -> Result<Found, CoopError> {
    let world = planner.world();
    // Assignments are priced construction-only, at the mode's seed.
    let screen = Effort::construction_only(effort.seed);
    let pricer = Pricer::new(planner, pool, &screen, fixed);
    let areas = pool.areas.len();
    if areas == 0 {
        return finish(&pricer, effort, Vec::new(), None, 0, 0, false);
    }
    let majority = pool.majority(world);
    let singles: Vec<Vec<usize>> = pool.candidates.iter().map(|&c| vec![c; areas]).collect();
    let starts: Vec<&Vec<usize>> = match kind {
        SearchKind::Search => std::iter::once(&majority).chain(&singles).collect(),
        SearchKind::SingleLead => singles.iter().collect(),
    };
    let scored: Vec<AssignmentScore> = starts
        .par_iter()
        .map(|a| pricer.score(a))
        .collect::<Result<_, _>>()?;
    let mut evaluations = scored.len();
    let single_offset = usize::from(kind == SearchKind::Search);
    let mut best_single = single_offset;
    for i in single_offset..scored.len() {
        if better(&scored[i], &scored[best_single]) {
            best_single = i;
        }
    }
    let mut pick = 0;
    for i in 0..scored.len() {
        if better(&scored[i], &scored[pick]) {
            pick = i;
        }
    }
    let mut assignment = starts[pick].clone();
    let mut current = scored[pick];
    let single = (
        pool.candidates[best_single - single_offset],
        scored[best_single],
    );
    let mut moves = 0;
    let mut at_limit = false;
    if kind == SearchKind::Search {
        'passes: loop {
            let mut improved = false;
            for a in 0..areas {
                let tries: Vec<Vec<usize>> = pool
                    .candidates
                    .iter()
                    .filter(|&&c| c != assignment[a])
                    .map(|&c| {
                        let mut next = assignment.clone();
                        next[a] = c;
                        next
                    })
                    .collect();
                if evaluations + tries.len() > MAX_EVALUATIONS {
                    at_limit = true;
                    break 'passes;
                }
                let priced: Vec<AssignmentScore> = tries
                    .par_iter()
                    .map(|t| pricer.score(t))
                    .collect::<Result<_, _>>()?;
                evaluations += priced.len();
                let mut best: Option<usize> = None;
                for (i, s) in priced.iter().enumerate() {
                    if better(s, best.map_or(&current, |b| &priced[b])) {
                        best = Some(i);
                    }
                }
                if let Some(i) = best {
                    assignment = tries[i].clone();
                    current = priced[i];
                    moves += 1;
                    improved = true;
                }
            }
            if !improved {
                break;
            }
        }
    }
    let majority_score = if kind == SearchKind::Search {
        scored[0]
    } else {
        pricer.score(&majority)?
    };
    let mut found = finish(
        &pricer,
        effort,
        assignment,
        Some(single),
        evaluations,
        moves,
        at_limit,
    )?;
    found.choice.majority = majority_score;
    Ok(found)
}

/// Prices one given assignment (no search): the record's starts are left as that assignment.
pub(crate) fn price_fixed(
    planner: &Planner<'_>,
    pool: &Pool,
    fixed: &Solved,
    effort: &Effort,
    assignment: &[usize],
) -> Result<Found, CoopError> {
    let screen = Effort::construction_only(effort.seed);
    let pricer = Pricer::new(planner, pool, &screen, fixed);
    let mut found = finish(&pricer, effort, assignment.to_vec(), None, 1, 0, false)?;
    found.choice.majority = found.choice.chosen;
    found.choice.single = found.choice.chosen;
    Ok(found)
}

/// The record of the search and the chosen assignment's parts planned at the mode's `effort`.
fn finish(
    pricer: &Pricer<'_, '_>,
    effort: &Effort,
    assignment: Vec<usize>,
    single: Option<(usize, AssignmentScore)>,
    evaluations: usize,
    moves: usize,
    stopped_at_limit: bool,
) -> Result<Found, CoopError> {
    let chosen = pricer.score(&assignment)?;
    let planned = Pricer {
        effort,
        parts: Mutex::new(HashMap::new()),
        ..*pricer
    };
    let parts = planned
        .parts_of(&assignment)?
        .into_iter()
        .map(|p| (*p).clone())
        .collect();
    Ok(Found {
        parts,
        choice: LeadChoice {
            areas: area_leads(pricer.planner.world(), pricer.pool, &assignment),
            majority: chosen,
            single_lead: single.map(|s| s.0),
            single: single.map_or(chosen, |s| s.1),
            chosen,
            evaluations,
            moves,
            stopped_at_limit,
        },
    })
}
