//! `separate`: each carrier serves its own villages with its own vans from its own depots (the
//! baseline every cooperation is measured against).

use gongpei_scenario::Echelon;
use rayon::prelude::*;

use super::common::{
    apply_cold_rules, coalition_flows, require_cold, require_fits, specs, stop_per_flow,
};
use crate::allocation::Coalition;
use crate::plan::{Leg, Plan};
use crate::planner::Planner;
use crate::subproblem::{solve_stops, Effort, Fleet, Solved, StopDemand};
use crate::world::World;
use crate::CoopError;

/// The fleets of carrier `c` in `separate` mode: each direct vehicle type at each of its depots.
pub(crate) fn carrier_fleets<'a>(
    world: &'a World<'_>,
    c: usize,
) -> Result<Vec<Fleet<'a>>, CoopError> {
    let carrier = &world.scenario.carriers[c];
    let mut fleets = Vec::new();
    for spec in specs(world, &carrier.id, Echelon::Direct) {
        let bases: Vec<usize> = match &spec.base {
            Some(b) => vec![world.site(b, &format!("vehicle type {}: base", spec.id))?],
            None => carrier
                .depots
                .iter()
                .map(|d| world.site(d, &format!("carrier {}: depots", carrier.id)))
                .collect::<Result<_, _>>()?,
        };
        for base in bases {
            let mut f = Fleet::at(spec, base, spec.count as usize);
            apply_cold_rules(world, &mut f);
            fleets.push(f);
        }
    }
    Ok(fleets)
}

/// Solves one carrier's own problem on the given stops.
///
/// Chilled stops are planned on the carrier's refrigerated fleet and ambient stops on its ambient
/// fleet, as two engine problems: a cold-chain operation runs its own routes (ending at the cold
/// store), and one joint problem lets the engine park chilled stops on ambient vans, whose zero
/// chilled capacity its local search cannot repair when the few cold routes lie outside a chilled
/// stop's nearest neighbours (measured on the Jizhou preset: 8-9 ambient china_post and zto
/// routes kept chilled parcels even after 1,000 iterations).
pub(crate) fn solve_carrier(
    planner: &Planner<'_>,
    c: usize,
    stops: &[StopDemand],
    effort: &Effort,
) -> Result<Solved, CoopError> {
    let world = planner.world();
    let fleets = carrier_fleets(world, c)?;
    let id = &world.scenario.carriers[c].id;
    require_cold(&fleets, stops, &format!("carrier {id}"))?;
    let (chilled, ambient): (Vec<StopDemand>, Vec<StopDemand>) = stops
        .iter()
        .cloned()
        .partition(|s| s.loads.chilled_in + s.loads.chilled_out > 0);
    let (cold_fleets, ambient_fleets): (Vec<Fleet<'_>>, Vec<Fleet<'_>>) =
        fleets.into_iter().partition(|f| f.spec.refrigerated);
    // A carrier with refrigerated vans only still serves its ambient stops with them.
    let ambient_fleets = if ambient_fleets.is_empty() {
        cold_fleets.clone()
    } else {
        ambient_fleets
    };
    let own: Vec<usize> = stops.iter().flat_map(|s| s.flows.iter().copied()).collect();
    let (chilled_flows, ambient_flows): (Vec<usize>, Vec<usize>) =
        own.iter().partition(|&&k| world.flows[k].chilled);
    require_fits(
        world,
        &ambient_flows,
        &ambient_fleets,
        &format!("carrier {id}"),
    )?;
    require_fits(
        world,
        &chilled_flows,
        &cold_fleets,
        &format!("carrier {id} (refrigerated)"),
    )?;
    let mut solved = solve_stops(
        planner,
        &format!("separate/{id}"),
        Leg::Direct,
        &ambient,
        &ambient_fleets,
        effort,
    )?;
    let cold = solve_stops(
        planner,
        &format!("separate/{id}/cold"),
        Leg::Cold,
        &chilled,
        &cold_fleets,
        effort,
    )?;
    solved.routes.extend(cold.routes);
    solved.violations.extend(cold.violations);
    Ok(solved)
}

/// Plans `separate` for the coalition's carriers (each on its own; carriers solved in parallel).
pub(crate) fn plan(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    let world: &World<'_> = planner.world();
    let flows = coalition_flows(world, coalition);
    let carriers: Vec<usize> = coalition
        .players()
        .filter(|&c| c < world.num_carriers())
        .collect();
    let solved = carriers
        .par_iter()
        .map(|&c| {
            let own: Vec<usize> = flows
                .iter()
                .copied()
                .filter(|&k| world.flows[k].carrier == c)
                .collect();
            solve_carrier(planner, c, &stop_per_flow(world, &own), effort)
        })
        .collect::<Result<Vec<Solved>, CoopError>>()?;
    let mut plan = Plan {
        mode: "separate".into(),
        carriers,
        flows,
        routes: Vec::new(),
        bus: Vec::new(),
        townships: Vec::new(),
        handling_cost: 0.0,
        hub_sorted_s: None,
        engine_violations: Vec::new(),
        hurried: false,
        replenishment: Vec::new(),
        pickup_at_shops: false,
        leads: None,
    };
    for s in solved {
        plan.routes.extend(s.routes);
        plan.engine_violations.extend(s.violations);
    }
    Ok(plan)
}
