//! Shared by the mode tests: plan every mode for the grand coalition and require the independent
//! checker to accept each plan.

use gongpei_coop::allocation::Coalition;
use gongpei_coop::check::check_plan;
use gongpei_coop::kpi::{plan_kpis, Kpis};
use gongpei_coop::world::World;
use gongpei_coop::Effort;
use gongpei_coop::{Mode, Planner};

/// KPIs of every mode's grand-coalition plan, in `Mode::ALL` order; panics naming the mode and
/// the first checker errors when a plan is not feasible.
pub fn checked_mode_kpis(world: &World<'_>, effort: &Effort) -> Vec<(Mode, Kpis)> {
    let grand = Coalition::grand(world.num_carriers());
    Mode::ALL
        .into_iter()
        .map(|mode| {
            let p = Planner::new(world).plan(mode, grand, effort).unwrap();
            let report = check_plan(world.scenario, &p);
            assert!(
                report.is_ok(),
                "{}: {:#?}",
                mode.name(),
                &report.errors[..report.errors.len().min(10)]
            );
            (mode, plan_kpis(world, &p))
        })
        .collect()
}
