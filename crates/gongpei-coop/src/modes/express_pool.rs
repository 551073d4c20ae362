//! `express_pool` (快快合作): the express carriers pool their last leg without China Post. Each
//! pooled area (a township with its villages; the villages without a township form one more
//! area) has one **lead** carrier whose ambient vans, from its outlet (its first depot), serve
//! every pooled carrier's ambient parcels there, one stop per village. The other carriers take
//! their parcels for the lead's areas to its outlet on their own vans within
//! [`TRANSFER_WINDOW_S`] of the lead's shift start (transfer tours, [`Leg::Feeder`], which also
//! bring back yesterday's produce); they are cross-docked there for `costs.township_handling_s`
//! at `costs.township_handling_per_parcel` (in + out); the postal carriers (China Post) and every carrier's
//! chilled flows stay as in `separate`.
//!
//! Who leads where is chosen in [`super::lead_search`]; this file prices one lead's part of an
//! assignment and assembles the plan.

use std::collections::BTreeMap;

use gongpei_scenario::CarrierKind;
use rayon::prelude::*;

use super::common::{coalition_flows, largest_vehicle, pooled_stops, split_loads, stop_per_flow};
use super::feeder::FEEDER_STOP_S;
use super::lead_search::{search_leads, SearchKind};
use super::separate::{carrier_fleets, solve_carrier};
use crate::allocation::Coalition;
use crate::plan::{AreaLead, Leg, Loads, Plan};
use crate::planner::Planner;
use crate::subproblem::{solve_stops, Effort, Fleet, Solved};
use crate::world::World;
use crate::CoopError;

/// The pooled part of a coalition: its areas, their ambient express flows and who may lead.
#[derive(Debug, Clone)]
pub(crate) struct Pool {
    /// Township centre of each area (None: villages without a township), in site order.
    pub areas: Vec<Option<usize>>,
    /// Ambient flows of the pooled (express) carriers, per area.
    pub flows_by_area: Vec<Vec<usize>>,
    /// Carriers that may lead: the coalition's express carriers with ambient direct vans.
    pub candidates: Vec<usize>,
    /// Carriers with a part in an assignment: the candidates and every carrier with pooled flows.
    pub carriers: Vec<usize>,
}

impl Pool {
    /// The pool of `flows` (a coalition's flows).
    pub fn new(
        world: &World<'_>,
        coalition: Coalition,
        flows: &[usize],
    ) -> Result<Self, CoopError> {
        let mut by_area: BTreeMap<(bool, usize), Vec<usize>> = BTreeMap::new();
        for &k in flows.iter().filter(|&&k| is_pooled(world, k)) {
            let f = &world.flows[k];
            let key = match f.township {
                Some(t) => (false, t),
                None => (true, 0),
            };
            by_area.entry(key).or_default().push(k);
        }
        let mut candidates = Vec::new();
        for c in coalition.players().filter(|&c| c < world.num_carriers()) {
            if world.scenario.carriers[c].kind == CarrierKind::Express
                && carrier_fleets(world, c)?
                    .iter()
                    .any(|f| !f.spec.refrigerated)
            {
                candidates.push(c);
            }
        }
        if !by_area.is_empty() && candidates.is_empty() {
            return Err(CoopError::Input(
                "express_pool: no express carrier of the coalition has an ambient direct vehicle type to lead with".into(),
            ));
        }
        let mut carriers = candidates.clone();
        carriers.extend(by_area.values().flatten().map(|&k| world.flows[k].carrier));
        carriers.sort_unstable();
        carriers.dedup();
        Ok(Pool {
            carriers,
            areas: by_area
                .keys()
                .map(|&(none, t)| (!none).then_some(t))
                .collect(),
            flows_by_area: by_area.into_values().collect(),
            candidates,
        })
    }

    /// Ambient parcels (in + out) of carrier `c` in area `a`.
    pub fn parcels_of(&self, world: &World<'_>, a: usize, c: usize) -> i64 {
        self.flows_by_area[a]
            .iter()
            .map(|&k| &world.flows[k])
            .filter(|f| f.carrier == c)
            .map(|f| f.parcels_in + f.parcels_out)
            .sum()
    }

    /// Each area led by its candidate with most parcels there (ties: scenario order).
    pub fn majority(&self, world: &World<'_>) -> Vec<usize> {
        (0..self.areas.len())
            .map(|a| {
                let mut best = self.candidates[0];
                for &c in &self.candidates {
                    if self.parcels_of(world, a, c) > self.parcels_of(world, a, best) {
                        best = c;
                    }
                }
                best
            })
            .collect()
    }
}

/// Whether flow `k` is pooled: an express carrier's ambient flow.
fn is_pooled(world: &World<'_>, k: usize) -> bool {
    let f = &world.flows[k];
    !f.chilled && world.scenario.carriers[f.carrier].kind == CarrierKind::Express
}

/// One lead's part of an assignment: its transfer tours and its rounds of its areas.
#[derive(Debug, Clone)]
pub(crate) struct LeadPart {
    /// Routes and engine violations.
    pub solved: Solved,
    /// Cross-docking of this carrier's transferred parcels at the leads' outlets, yuan.
    pub handling_cost: f64,
    /// Parcels plus kilograms its rounds hold beyond what its vans left can carry.
    pub shortfall: i64,
}

impl LeadPart {
    /// Routes plus handling, yuan.
    pub fn cost(&self) -> f64 {
        self.solved.routes.iter().map(|r| r.cost).sum::<f64>() + self.handling_cost
    }
}

/// Time from a lead's shift start by which the other carriers' transfer tours must have dropped
/// their parcels at its outlet, seconds; its rounds leave `township_handling_s` after that.
pub(crate) const TRANSFER_WINDOW_S: i64 = 3600;

/// The key of carrier `c`'s part under `assignment`: the lead of every area where `c` has
/// pooled flows or leads, None elsewhere (other areas do not change its part).
pub(crate) fn part_key(
    world: &World<'_>,
    pool: &Pool,
    c: usize,
    assignment: &[usize],
) -> Vec<Option<usize>> {
    (0..pool.areas.len())
        .map(|a| {
            let relevant = assignment[a] == c
                || pool.flows_by_area[a]
                    .iter()
                    .any(|&k| world.flows[k].carrier == c);
            relevant.then_some(assignment[a])
        })
        .collect()
}

/// Carrier `c`'s ambient vans at its outlet (its first base with ambient direct vans).
fn outlet_fleets<'a>(world: &'a World<'_>, c: usize) -> Result<Vec<Fleet<'a>>, CoopError> {
    let mut fleets: Vec<Fleet<'_>> = carrier_fleets(world, c)?
        .into_iter()
        .filter(|f| !f.spec.refrigerated)
        .collect();
    if let Some(outlet) = fleets.first().map(|f| f.start) {
        fleets.retain(|f| f.start == outlet);
    }
    Ok(fleets)
}

/// When carrier `c`'s transferred parcels must be at a lead's outlet, and when its rounds leave.
fn transfer_deadline(fleets: &[Fleet<'_>]) -> i64 {
    fleets.iter().map(|f| f.earliest_start_s).min().unwrap_or(0) + TRANSFER_WINDOW_S
}

/// Plans carrier `c`'s part under `leads` (the lead of each area, see [`part_key`]): first its
/// transfer tours, on its own ambient vans, taking its pooled parcels of the areas others lead
/// to their outlets (and bringing back yesterday's produce from there), then, on the vans left,
/// its rounds of the areas it leads, leaving after the others' transfers are cross-docked. When
/// the vans cannot carry the rounds' parcels the rounds are not solved and the part carries one
/// violation per missing van (so the search moves areas away from it).
pub(crate) fn plan_part(
    planner: &Planner<'_>,
    pool: &Pool,
    c: usize,
    leads: &[Option<usize>],
    effort: &Effort,
) -> Result<LeadPart, CoopError> {
    let world = planner.world();
    let costs = &world.scenario.costs;
    let id = &world.scenario.carriers[c].id;
    let mut fleets = outlet_fleets(world, c)?;
    let mut solved = Solved {
        routes: Vec::new(),
        violations: Vec::new(),
        hurried: false,
    };
    let mut handling_cost = 0.0;
    // Transfers: c's parcels of the areas another carrier leads, to that carrier's outlet.
    let mut to_outlet: BTreeMap<usize, (Loads, i64)> = BTreeMap::new();
    for (a, lead) in leads.iter().enumerate() {
        let Some(lead) = lead.filter(|&l| l != c) else {
            continue;
        };
        let lead_fleets = outlet_fleets(world, lead)?;
        let Some(outlet) = lead_fleets.first().map(|f| f.start) else {
            continue;
        };
        let deadline = transfer_deadline(&lead_fleets);
        for &k in pool.flows_by_area[a]
            .iter()
            .filter(|&&k| world.flows[k].carrier == c)
        {
            let f = &world.flows[k];
            handling_cost +=
                (f.parcels_in + f.parcels_out) as f64 * costs.township_handling_per_parcel;
            let e = to_outlet
                .entry(outlet)
                .or_insert((Loads::default(), deadline));
            e.0.parcels_in += f.parcels_in;
            e.0.kg_in += f.kg_in;
            e.0.parcels_out += f.parcels_out;
            e.0.kg_out += f.kg_out;
        }
    }
    let base = fleets.first().map(|f| f.start);
    if !to_outlet.is_empty() {
        if fleets.is_empty() {
            return Err(CoopError::Input(format!(
                "express_pool: carrier {id} must take its parcels to the leads but has no ambient direct vehicle type"
            )));
        }
        let max = largest_vehicle(&fleets);
        let stops: Vec<_> = to_outlet
            .iter()
            .filter(|(&o, _)| Some(o) != base)
            .flat_map(|(&o, (l, deadline))| split_loads(o, l, max, (0, *deadline), FEEDER_STOP_S))
            .collect();
        let transfers = solve_stops(
            planner,
            &format!("express_pool/transfer/{id}"),
            Leg::Feeder,
            &stops,
            &fleets,
            effort,
        )?;
        for f in &mut fleets {
            let used = transfers
                .routes
                .iter()
                .filter(|r| r.vehicle == f.spec.id)
                .count();
            f.count = f.count.saturating_sub(used);
        }
        solved.routes.extend(transfers.routes);
        solved.violations.extend(transfers.violations);
        solved.hurried |= transfers.hurried;
    }
    // Rounds of the areas c leads.
    let flows: Vec<usize> = (0..leads.len())
        .filter(|&a| leads[a] == Some(c))
        .flat_map(|a| pool.flows_by_area[a].iter().copied())
        .collect();
    if flows.is_empty() {
        return Ok(LeadPart {
            solved,
            handling_cost,
            shortfall: 0,
        });
    }
    let crossing = flows.iter().any(|&k| world.flows[k].carrier != c);
    let ready_s = transfer_deadline(&fleets) + costs.township_handling_s;
    for f in &mut fleets {
        if crossing {
            f.earliest_start_s = f.earliest_start_s.max(ready_s);
        }
    }
    fleets.retain(|f| f.count > 0);
    let label = format!("express_pool/lead/{id}");
    let (parcels, kg) = flows.iter().fold((0, 0), |(p, kg), &k| {
        let f = &world.flows[k];
        (p + f.parcels_in, kg + f.kg_in)
    });
    let room = fleets.iter().fold((0, 0), |(p, kg), f| {
        let n = f.count as i64;
        (p + n * f.spec.capacity_parcels, kg + n * f.spec.capacity_kg)
    });
    let (big_p, big_kg) = largest_vehicle(&fleets);
    let too_big = flows.iter().any(|&k| {
        let f = &world.flows[k];
        f.parcels_in.max(f.parcels_out) > big_p || f.kg_in.max(f.kg_out) > big_kg
    });
    // Each van drives one round a day and leaves loaded with all it delivers, so the vans left
    // after the transfers must hold the day's deliveries: otherwise the lead lacks vehicles.
    if parcels > room.0 || kg > room.1 || too_big {
        let per = outlet_fleets(world, c)?.iter().fold((1, 1), |(p, kg), f| {
            (p.max(f.spec.capacity_parcels), kg.max(f.spec.capacity_kg))
        });
        let missing = |need: i64, have: i64, per: i64| ((need - have).max(0) + per - 1) / per;
        let vans = missing(parcels, room.0, per.0)
            .max(missing(kg, room.1, per.1))
            .max(1);
        for n in 0..vans {
            solved.violations.push(format!(
                "{label}: {parcels} parcels / {kg} kg to deliver, but the vans left at its outlet after its transfer tours carry {} / {} (or a record is bigger than its largest van): the lead lacks vehicles (missing van {} of {vans})",
                room.0,
                room.1,
                n + 1
            ));
        }
        return Ok(LeadPart {
            solved,
            handling_cost,
            shortfall: (parcels - room.0).max(0) + (kg - room.1).max(0) + i64::from(too_big),
        });
    }
    let rounds = solve_stops(
        planner,
        &label,
        Leg::Direct,
        &pooled_stops(world, &flows, (big_p, big_kg)),
        &fleets,
        effort,
    )?;
    solved.routes.extend(rounds.routes);
    solved.violations.extend(rounds.violations);
    solved.hurried |= rounds.hurried;
    Ok(LeadPart {
        solved,
        handling_cost,
        shortfall: 0,
    })
}

/// The parts every assignment shares: the postal carriers' whole day and the express carriers'
/// chilled flows, each carrier on its own fleet as in `separate`.
pub(crate) fn unpooled(
    planner: &Planner<'_>,
    coalition: Coalition,
    flows: &[usize],
    effort: &Effort,
) -> Result<Solved, CoopError> {
    let world = planner.world();
    let carriers: Vec<usize> = coalition
        .players()
        .filter(|&c| c < world.num_carriers())
        .collect();
    let parts = carriers
        .par_iter()
        .map(|&c| {
            let own: Vec<usize> = flows
                .iter()
                .copied()
                .filter(|&k| world.flows[k].carrier == c && !is_pooled(world, k))
                .collect();
            solve_carrier(planner, c, &stop_per_flow(world, &own), effort)
        })
        .collect::<Result<Vec<Solved>, CoopError>>()?;
    let mut all = Solved {
        routes: Vec::new(),
        violations: Vec::new(),
        hurried: false,
    };
    for s in parts {
        all.routes.extend(s.routes);
        all.violations.extend(s.violations);
        all.hurried |= s.hurried;
    }
    Ok(all)
}

/// Plans the express pool for the coalition: `Search` chooses the leads by the lead search,
/// `SingleLead` takes the best single lead for every area.
pub(crate) fn plan(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
    kind: SearchKind,
    mode: &str,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    let flows = coalition_flows(world, coalition);
    let pool = Pool::new(world, coalition, &flows)?;
    let fixed = unpooled(planner, coalition, &flows, effort)?;
    let found = search_leads(planner, &pool, &fixed, effort, kind)?;
    Ok(assemble(
        world,
        coalition,
        flows,
        mode,
        fixed,
        found.parts,
        found.choice,
    ))
}

/// Plans the express pool with the leads given per area (township centre site, or None for
/// the villages without a township); every area with pooled flows must be named once.
pub(crate) fn plan_with_leads(
    planner: &Planner<'_>,
    coalition: Coalition,
    leads: &[(Option<usize>, usize)],
    effort: &Effort,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    let flows = coalition_flows(world, coalition);
    let pool = Pool::new(world, coalition, &flows)?;
    let mut assignment = Vec::new();
    for (a, &area) in pool.areas.iter().enumerate() {
        let named: Vec<usize> = leads
            .iter()
            .filter(|(t, _)| *t == area)
            .map(|&(_, c)| c)
            .collect();
        let name = area.map_or("(no township)", |t| world.scenario.sites[t].id.as_str());
        match named.as_slice() {
            [c] if pool.candidates.contains(c) => assignment.push(*c),
            [c] => {
                return Err(CoopError::Input(format!(
                    "leads: carrier {c} cannot lead area {name} (not an express carrier of the coalition with ambient vans)"
                )))
            }
            _ => {
                return Err(CoopError::Input(format!(
                    "leads: area {name} (pooled flows {}) must be given exactly one lead, got {}",
                    pool.flows_by_area[a].len(),
                    named.len()
                )))
            }
        }
    }
    if let Some((t, _)) = leads.iter().find(|(t, _)| !pool.areas.contains(t)) {
        return Err(CoopError::Input(format!(
            "leads: {t:?} is not a pooled area of the coalition"
        )));
    }
    let fixed = unpooled(planner, coalition, &flows, effort)?;
    let found = super::lead_search::price_fixed(planner, &pool, &fixed, effort, &assignment)?;
    Ok(assemble(
        world,
        coalition,
        flows,
        Mode::ExpressPool.name(),
        fixed,
        found.parts,
        found.choice,
    ))
}

use super::Mode;

fn assemble(
    world: &World<'_>,
    coalition: Coalition,
    flows: Vec<usize>,
    mode: &str,
    fixed: Solved,
    parts: Vec<LeadPart>,
    choice: crate::plan::LeadChoice,
) -> Plan {
    let mut plan = Plan {
        mode: mode.to_string(),
        carriers: coalition
            .players()
            .filter(|&c| c < world.num_carriers())
            .collect(),
        flows,
        routes: fixed.routes,
        bus: Vec::new(),
        townships: Vec::new(),
        handling_cost: 0.0,
        hub_sorted_s: None,
        engine_violations: fixed.violations,
        hurried: false,
        replenishment: Vec::new(),
        pickup_at_shops: false,
        leads: Some(choice),
    };
    for p in parts {
        plan.handling_cost += p.handling_cost;
        plan.routes.extend(p.solved.routes);
        plan.engine_violations.extend(p.solved.violations);
    }
    plan
}

/// The areas with their leads, for [`crate::plan::LeadChoice`].
pub(crate) fn area_leads(world: &World<'_>, pool: &Pool, assignment: &[usize]) -> Vec<AreaLead> {
    pool.areas
        .iter()
        .enumerate()
        .map(|(a, &township)| AreaLead {
            township,
            lead: assignment[a],
            parcels: pool.flows_by_area[a]
                .iter()
                .map(|&k| world.flows[k].parcels_in + world.flows[k].parcels_out)
                .sum(),
        })
        .collect()
}
