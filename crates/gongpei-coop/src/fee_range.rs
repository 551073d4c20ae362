//! The fee range of each bus line in 交邮合作: the lowest fee per parcel that covers the bus
//! operator's marginal cost of carrying the parcels, and the highest the carriers would still
//! pay, found by re-planning 交邮合作 at other fees of that line.
//!
//! - **Lowest**: the fee per parcel at which the line's fee revenue equals the operator's
//!   marginal cost of today's loads ([`crate::stakeholders`]: handling per parcel, handover per
//!   stop, fuel per kg), the per-kilogram fee kept: `(marginal - kg x fee_per_kg) / parcels`, at
//!   least 0. When the line carries nothing at today's fee, the loads it carries when free.
//! - **Highest**: the carriers put parcels on a line only while riding saves them money (the mode
//!   keeps a bus plan only when the day got cheaper, [`crate::modes`]), so their saving from the
//!   line falls to zero at the highest fee at which the re-planned 交邮合作 still uses it. Found
//!   by bisection over that line's fee per parcel (other lines at their own fees), each fee
//!   planned for all carriers with the comparison's effort and bus choice on a planner sharing the
//!   comparison's cache, so only the van days a fee changes are solved again.
//!
//! The carriers' saving from the line at today's fee is the plan with the line priced out (its
//! fee at the scenario's money ceiling, so nothing rides it) less today's plan.

use gongpei_scenario::Scenario;
use rayon::prelude::*;
use serde::Serialize;

use crate::allocation::Coalition;
use crate::plan::Plan;
use crate::planner::Planner;
use crate::stakeholders::{line_use, parcels_by_line};
use crate::subproblem::Effort;
use crate::{CoopError, Mode};

/// Bisection stops when the carrying and the refusing fee are this close, yuan per parcel.
pub const FEE_TOLERANCE: f64 = 0.02;
/// Most doublings of the upper fee while the line still carries parcels; the highest fee is
/// then reported as unbounded at that fee.
pub const MAX_DOUBLINGS: usize = 6;
/// A fee per parcel no rider pays (the scenario's money ceiling): the line priced out.
pub const PRICED_OUT_FEE: f64 = 1_000_000.0;

/// The fee range of one bus line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineFeeRange {
    /// Bus line id.
    pub line: String,
    /// Its operator.
    pub operator: String,
    /// Today's fee per parcel (the scenario's), yuan.
    pub fee_per_parcel: f64,
    /// Today's fee per kilogram (kept in every trial), yuan.
    pub fee_per_kg: f64,
    /// Parcels the line carries at today's fee.
    pub parcels: i64,
    /// Kilograms it carries at today's fee.
    pub kg: i64,
    /// Whether the lowest fee rests on today's loads (false: on the loads when free).
    pub min_from_today: bool,
    /// Lowest fee per parcel covering the operator's marginal cost, yuan (None: the line carries
    /// nothing even when free).
    pub min_fee_per_parcel: Option<f64>,
    /// Highest fee per parcel at which the carriers still put parcels on the line, yuan (None:
    /// nothing rides it even when free).
    pub max_fee_per_parcel: Option<f64>,
    /// Whether the highest fee was bracketed (false: the line still carried parcels at the
    /// largest fee tried, which `max_fee_per_parcel` then is).
    pub max_bounded: bool,
    /// Whether today's fee lies in [min, max] (None when either is unknown).
    pub today_inside: Option<bool>,
    /// The carriers' saving from the line at today's fee: the day with the line priced out less
    /// today's day, yuan.
    pub carrier_saving: f64,
    /// Plans made for this line's range.
    pub plans: usize,
}

/// The fee range of every bus line of the planner's scenario, from `today` (the comparison's
/// 交邮合作 plan for all carriers, planned with `effort` on `planner`).
pub fn fee_ranges(
    planner: &Planner<'_>,
    effort: &Effort,
    today: &Plan,
) -> Result<Vec<LineFeeRange>, CoopError> {
    let lines = planner.world().scenario.bus_lines.len();
    (0..lines)
        .into_par_iter()
        .map(|li| line_fee_range(planner, effort, today, li))
        .collect()
}

/// 交邮合作 for all carriers with line `li`'s fee per parcel set to `fee`.
fn plan_at_fee(
    planner: &Planner<'_>,
    effort: &Effort,
    li: usize,
    fee: f64,
) -> Result<Plan, CoopError> {
    let world = planner.world();
    let mut variant: Scenario = world.scenario.clone();
    variant.bus_lines[li].fee_per_parcel = fee;
    let variant_world = world.with_scenario(&variant)?;
    let variant_planner = Planner::sharing_cache(&variant_world, planner);
    variant_planner.plan(
        Mode::TransportPostal,
        Coalition::grand(world.num_carriers()),
        effort,
    )
}

/// One line's range (see the module documentation).
fn line_fee_range(
    planner: &Planner<'_>,
    effort: &Effort,
    today: &Plan,
    li: usize,
) -> Result<LineFeeRange, CoopError> {
    let line = &planner.world().scenario.bus_lines[li];
    let mut plans = 0usize;
    let mut carries = |fee: f64| -> Result<(bool, Plan), CoopError> {
        plans += 1;
        let plan = plan_at_fee(planner, effort, li, fee)?;
        let on_line = parcels_by_line(&plan).get(line.id.as_str()).copied();
        Ok((on_line.unwrap_or(0) > 0, plan))
    };
    let today_use = line_use(line, &today.bus);
    let (_, priced_out) = carries(PRICED_OUT_FEE)?;
    let carrier_saving = priced_out.total_cost() - today.total_cost();
    let (min_source, lo) = if today_use.parcels > 0 {
        (Some((true, today_use.clone())), Some(line.fee_per_parcel))
    } else {
        let (free_carries, free) = carries(0.0)?;
        (
            free_carries.then(|| (false, line_use(line, &free.bus))),
            free_carries.then_some(0.0),
        )
    };
    let min_fee = min_source.as_ref().map(|(_, u)| {
        ((u.marginal_cost - u.kg as f64 * line.fee_per_kg) / u.parcels.max(1) as f64).max(0.0)
    });
    let (max_fee, max_bounded) = match lo {
        None => (None, true),
        Some(mut lo) => {
            let mut hi = 2.0 * lo.max(min_fee.unwrap_or(0.0)).max(0.5);
            let mut bounded = false;
            for _ in 0..MAX_DOUBLINGS {
                if !carries(hi)?.0 {
                    bounded = true;
                    break;
                }
                lo = hi;
                hi *= 2.0;
            }
            if bounded {
                while hi - lo > FEE_TOLERANCE {
                    let mid = 0.5 * (lo + hi);
                    if carries(mid)?.0 {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
            }
            (Some(lo), bounded)
        }
    };
    let today_inside = match (min_fee, max_fee) {
        (Some(a), Some(b)) => Some(a <= line.fee_per_parcel && line.fee_per_parcel <= b),
        _ => None,
    };
    Ok(LineFeeRange {
        line: line.id.clone(),
        operator: line.operator.clone(),
        fee_per_parcel: line.fee_per_parcel,
        fee_per_kg: line.fee_per_kg,
        parcels: today_use.parcels,
        kg: today_use.kg,
        min_from_today: min_source.as_ref().is_some_and(|(t, _)| *t),
        min_fee_per_parcel: min_fee,
        max_fee_per_parcel: max_fee,
        max_bounded,
        today_inside,
        carrier_saving,
        plans,
    })
}
