//! The commerce partners' own delivery: outside 快商合作, each supplier's vans replenish its
//! shops from its site on their own, in every mode (so that every mode carries the same B2B
//! demand and the comparison with `commerce` is on the same goods). Added to the plans of all
//! carriers; the allocation game's smaller coalitions plan parcels only, and the commerce
//! partners pay these routes (`breakdown::commerce_share`), not the carriers.

use std::collections::BTreeMap;

use super::commerce::{moving_replenishment, supplier_fleets};
use super::common::{replenishment_stops, require_replenishment_fits};
use crate::plan::{Leg, Plan};
use crate::planner::Planner;
use crate::subproblem::{solve_stops, Effort};
use crate::CoopError;

/// Adds the suppliers' own replenishment routes to `plan` (nothing without commerce partners).
pub(crate) fn add_own_delivery(
    planner: &Planner<'_>,
    plan: &mut Plan,
    effort: &Effort,
) -> Result<(), CoopError> {
    let world = planner.world();
    let records = moving_replenishment(world);
    let mut by_supplier: BTreeMap<(usize, &str), Vec<usize>> = BTreeMap::new();
    for &j in &records {
        let d = &world.replenishment[j];
        by_supplier
            .entry((d.supplier_site, d.supplier_operator.as_str()))
            .or_default()
            .push(j);
    }
    for ((site, operator), mine) in &by_supplier {
        let fleets = supplier_fleets(world, operator, *site);
        let label = format!("commerce_own/{operator}/{}", world.site_name(*site));
        if fleets.is_empty() {
            return Err(CoopError::Input(format!(
                "{label}: operator {operator:?} has no direct van for its replenishment"
            )));
        }
        require_replenishment_fits(world, mine, &fleets, &label)?;
        let solved = solve_stops(
            planner,
            &label,
            Leg::Direct,
            &replenishment_stops(world, mine),
            &fleets,
            effort,
        )?;
        plan.routes.extend(solved.routes);
        plan.engine_violations.extend(solved.violations);
    }
    plan.replenishment = records;
    Ok(())
}
