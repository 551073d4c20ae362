//! `commerce` (快商合作): 邮快合作's shared network carries the commerce partners' B2B
//! replenishment too. The shops' cases ride the trunk to their township centre and the shared
//! last-mile van round with the village's parcels (one stop where one van carries both), instead
//! of the supplier's own delivery runs; and at villages with a pick-up point shop the carriers'
//! ambient parcels are left at the shop, taking `commerce.pickup_handover_s` per demand record
//! instead of their door-to-door service time.
//!
//! A supplier whose site is not the hub brings its goods there with its own vans (a shuttle); a
//! supplier at the hub needs none. B2B orders are known a day ahead, so the shuttle is assumed
//! to run the afternoon before and the goods wait at the hub overnight: it has no deadline on
//! the delivery day (its cost is the same either way). Without a commerce
//! section the mode equals `postal_express`.

use std::collections::BTreeMap;

use gongpei_scenario::Echelon;

use super::common::{require_replenishment_fits, specs, split_loads};
use super::postal_express::{self, LastMileMemo, TRUNK_STOP_S};
use crate::allocation::Coalition;
use crate::plan::{Leg, Loads, Plan};
use crate::planner::Planner;
use crate::subproblem::{solve_stops, Effort, Fleet, Solved};
use crate::world::World;
use crate::CoopError;

/// What rides 邮快合作's shared vans besides the coalition's parcels.
#[derive(Debug, Clone, Default)]
pub(crate) struct LastMileExtras {
    /// B2B replenishment records carried (indices into `World::replenishment`).
    pub replenishment: Vec<usize>,
    /// Whether ambient parcels of pick-up point villages are left at the shop.
    pub pickup_at_shops: bool,
}

/// Replenishment records that move anything on an average day.
pub(crate) fn moving_replenishment(world: &World<'_>) -> Vec<usize> {
    (0..world.replenishment.len())
        .filter(|&j| world.replenishment[j].moves())
        .collect()
}

/// Plans 快商合作 for the coalition's carriers, carrying every shop's replenishment.
pub(crate) fn plan(
    planner: &Planner<'_>,
    coalition: Coalition,
    effort: &Effort,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    let extras = LastMileExtras {
        replenishment: moving_replenishment(world),
        pickup_at_shops: true,
    };
    let mut plan = postal_express::plan_with_memo(
        planner,
        coalition,
        effort,
        &Default::default(),
        "commerce",
        &extras,
        &mut LastMileMemo::default(),
    )?;
    let shuttles = supplier_shuttles(planner, &extras.replenishment, effort)?;
    plan.routes.extend(shuttles.routes);
    plan.engine_violations.extend(shuttles.violations);
    Ok(plan)
}

/// The suppliers' own vans bringing their B2B goods from their sites to the hub (any time of
/// their shift: see the module documentation). One problem per supplier site and operator.
fn supplier_shuttles(
    planner: &Planner<'_>,
    records: &[usize],
    effort: &Effort,
) -> Result<Solved, CoopError> {
    let world = planner.world();
    let mut by_supplier: BTreeMap<(usize, &str), Loads> = BTreeMap::new();
    let mut members: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for &j in records {
        let d = &world.replenishment[j];
        if d.supplier_site == world.hub {
            continue;
        }
        let key = (d.supplier_site, d.supplier_operator.as_str());
        by_supplier.entry(key).or_default().add(&d.loads());
        members.entry(key).or_default().push(j);
    }
    let mut out = Solved {
        routes: Vec::new(),
        violations: Vec::new(),
        hurried: false,
    };
    for ((site, operator), loads) in &by_supplier {
        let fleets = supplier_fleets(world, operator, *site);
        let label = format!("commerce/shuttle/{}", world.site_name(*site));
        if fleets.is_empty() {
            return Err(CoopError::Input(format!(
                "{label}: operator {operator:?} has no direct van to bring its goods to the hub"
            )));
        }
        require_replenishment_fits(world, &members[&(*site, *operator)], &fleets, &label)?;
        let max = super::common::largest_vehicle(&fleets);
        let day = (0, world.scenario.costs.day_end_s);
        let stops = split_loads(world.hub, loads, max, day, TRUNK_STOP_S);
        let solved = solve_stops(planner, &label, Leg::Direct, &stops, &fleets, effort)?;
        out.routes.extend(solved.routes);
        out.violations.extend(solved.violations);
    }
    Ok(out)
}

/// The ambient direct vans of a commerce `operator`, each type at its own `base` or at `site`.
pub(crate) fn supplier_fleets<'a>(
    world: &'a World<'_>,
    operator: &str,
    site: usize,
) -> Vec<Fleet<'a>> {
    specs(world, operator, Echelon::Direct)
        .into_iter()
        .filter(|spec| !spec.refrigerated && spec.count > 0)
        .map(|spec| {
            let base = spec
                .base
                .as_deref()
                .and_then(|b| world.scenario.site_index(b))
                .unwrap_or(site);
            Fleet::at(spec, base, spec.count as usize)
        })
        .collect()
}
