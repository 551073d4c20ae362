//! Feeder legs of the pooled modes: the carriers' parcels travel from their own depots to the
//! shared hub (chilled ones to the cold store) before the hub sorts, and their produce travels
//! back from the hub to their depots (a steady daily cycle, like the trunk's return loads).
//!
//! Feeders run on the shared fleet: ambient volume on the trunk trucks, which collect at the
//! depots from their shift start and return to the hub; chilled volume on the shared
//! refrigerated vans, which return to the cold store. Each depot's volume is one stop, split
//! into vehicle-sized stops when bigger than a vehicle, and the collection tours are solved as
//! engine sub-problems (for one depot and loads within one vehicle this is the exact round trip).
//! A depot at the hub (at the cold store, for chilled goods) needs no feeder.

use std::collections::{BTreeMap, HashMap};

use gongpei_scenario::{Echelon, SHARED_OPERATOR};

use super::common::{largest_vehicle, shared_cold_fleets, specs, split_loads};
use crate::plan::{Leg, Loads};
use crate::planner::Planner;
use crate::subproblem::{solve_stops, Effort, Fleet, Solved};
use crate::CoopError;

/// Loading (or unloading) time of a feeder at a carrier depot, seconds.
pub(crate) const FEEDER_STOP_S: i64 = 600;

/// The feeder tours of one pooled plan.
#[derive(Debug, Clone)]
pub(crate) struct Feeders {
    /// Routes (leg [`Leg::Feeder`]) and engine violations.
    pub solved: Solved,
    /// When the last feeder is back at the hub or cold store (None without feeders).
    pub last_return_s: Option<i64>,
    /// Vehicles of each shared type the feeders use (not available to the trunk or cold routes).
    pub used: HashMap<String, usize>,
}

/// Plans the feeders of the pooled `flows` (indices into the world's flows).
pub(crate) fn plan_feeders(
    planner: &Planner<'_>,
    flows: &[usize],
    effort: &Effort,
    mode: &str,
) -> Result<Feeders, CoopError> {
    let world = planner.world();
    let day_end = world.scenario.costs.day_end_s;
    let mut ambient: BTreeMap<usize, Loads> = BTreeMap::new();
    let mut chilled: BTreeMap<usize, Loads> = BTreeMap::new();
    for &k in flows {
        let f = &world.flows[k];
        if f.chilled {
            if f.depot != world.cold_store && f.parcels_in + f.kg_in > 0 {
                // Chilled parcels go to the cold store; chilled produce ends there (no way back).
                let l = chilled.entry(f.depot).or_default();
                l.parcels_out += f.parcels_in;
                l.kg_out += f.kg_in;
                l.chilled_out += f.parcels_in;
            }
        } else if f.depot != world.hub {
            // Collected at the depot: the parcels to deliver; dropped there: yesterday's produce.
            let l = ambient.entry(f.depot).or_default();
            l.parcels_out += f.parcels_in;
            l.kg_out += f.kg_in;
            l.parcels_in += f.parcels_out;
            l.kg_in += f.kg_out;
        }
    }
    let mut solved = Solved {
        routes: Vec::new(),
        violations: Vec::new(),
        hurried: false,
    };
    if !ambient.is_empty() {
        let trucks: Vec<Fleet<'_>> = specs(world, SHARED_OPERATOR, Echelon::Trunk)
            .into_iter()
            .map(|s| Fleet::at(s, world.hub, s.count as usize))
            .collect();
        if trucks.is_empty() {
            return Err(CoopError::Input(format!(
                "{mode}: the carriers' depots must be linked to the hub, but there is no shared vehicle type with echelon `trunk`"
            )));
        }
        let max = largest_vehicle(&trucks);
        let stops: Vec<_> = ambient
            .iter()
            .flat_map(|(&d, l)| split_loads(d, l, max, (0, day_end), FEEDER_STOP_S))
            .collect();
        let s = solve_stops(
            planner,
            &format!("{mode}/feeder"),
            Leg::Feeder,
            &stops,
            &trucks,
            effort,
        )?;
        solved.routes.extend(s.routes);
        solved.violations.extend(s.violations);
        solved.hurried |= s.hurried;
    }
    if !chilled.is_empty() {
        let vans = shared_cold_fleets(world);
        if vans.is_empty() {
            return Err(CoopError::Input(format!(
                "{mode}: chilled parcels at the carriers' depots must reach the cold store, but there is no shared refrigerated vehicle type"
            )));
        }
        let max = largest_vehicle(&vans);
        let stops: Vec<_> = chilled
            .iter()
            .flat_map(|(&d, l)| split_loads(d, l, max, (0, day_end), FEEDER_STOP_S))
            .collect();
        let s = solve_stops(
            planner,
            &format!("{mode}/feeder/cold"),
            Leg::Feeder,
            &stops,
            &vans,
            effort,
        )?;
        solved.routes.extend(s.routes);
        solved.violations.extend(s.violations);
        solved.hurried |= s.hurried;
    }
    let last_return_s = solved.routes.iter().map(|r| r.end_s).max();
    let mut used: HashMap<String, usize> = HashMap::new();
    for r in &solved.routes {
        *used.entry(r.vehicle.clone()).or_default() += 1;
    }
    Ok(Feeders {
        solved,
        last_return_s,
        used,
    })
}
