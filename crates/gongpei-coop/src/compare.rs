//! The comparison behind `gongpei scenario compare`: every mode for all carriers, its KPIs and
//! savings against `separate`, an independent check of each plan, and the allocation of the
//! chosen cooperative mode's joint cost among carriers (coalition costs solved in parallel and
//! cached).

use serde::Serialize;

use crate::allocation::{Allocation, Coalition, CoalitionCosts, CoreReport, GameProperties};
use crate::breakdown::{breakdown, CostBreakdown};
use crate::check::{check_plan, CheckReport};
use crate::fee_range::{fee_ranges, LineFeeRange};
use crate::finance::{finance_figures, FinanceFigures};
use crate::game::{allocation_result, GameSetup};
use crate::kpi::{carrier_kpis, plan_kpis, Kpis};
use crate::modes::{BusChoice, Mode};
use crate::plan::Plan;
use crate::planner::Planner;
use crate::stakeholders::{stakeholders, Stakeholders};
use crate::subproblem::Effort;
use crate::world::World;
use crate::CoopError;

/// What to compare and how hard to try.
#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// Modes to plan (`separate` is always included as the baseline).
    pub modes: Vec<Mode>,
    /// Mode whose joint cost is allocated among carriers (`None`: no allocation).
    pub allocate: Option<Mode>,
    /// Engine effort per sub-problem of the mode plans (all carriers together).
    pub effort: Effort,
    /// Engine effort per sub-problem of the coalitions' plans in the allocation game. The grand
    /// coalition's cost is the mode plan itself (planned with `effort`).
    pub coalition_effort: Effort,
    /// Permutations for sampled Shapley (more than 10 carriers).
    pub permutations: usize,
    /// How 交邮合作 and `combined` choose which parcels ride the bus (set on the planner for
    /// every plan).
    pub bus_choice: BusChoice,
    /// Whether to find each bus line's fee range ([`crate::fee_range`]; needs 交邮合作 among
    /// `modes`): about a dozen more 交邮合作 plans per line.
    pub fee_range: bool,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            modes: Mode::ALL.to_vec(),
            allocate: Some(Mode::PostalExpress),
            effort: Effort::modes_default(1),
            coalition_effort: Effort::coalitions_default(1),
            permutations: 2000,
            bus_choice: BusChoice::default(),
            fee_range: false,
        }
    }
}

/// One mode's result.
#[derive(Debug, Clone, Serialize)]
pub struct ModeResult {
    /// The mode.
    pub mode: Mode,
    /// Its plan.
    pub plan: Plan,
    /// Mode-level figures.
    pub kpis: Kpis,
    /// Per-carrier figures (carrier order).
    pub carriers: Vec<Kpis>,
    /// Whether the independent check accepted the plan. An infeasible plan gets no saving, and
    /// when `separate` is infeasible no mode gets one.
    pub feasible: bool,
    /// Savings against `separate`, yuan (None when this plan or `separate`'s is infeasible).
    pub saving: Option<f64>,
    /// Savings against `separate`, percent (None likewise).
    pub saving_pct: Option<f64>,
    /// The plan's cost by part, carrier and township (shared costs attributed by parcels).
    pub costs: CostBreakdown,
    /// `separate`'s breakdown minus this one: where the saving comes from (None likewise).
    pub saving_by: Option<CostBreakdown>,
    /// Investment, subsidies, operators' net cost and cost per parcel (the scenario's `finance`
    /// section; all extras zero without one).
    pub finance: FinanceFigures,
    /// Each stakeholder's account (carriers, bus operators, station keepers, county), adding up
    /// to the system cost.
    pub stakeholders: Stakeholders,
    /// Independent check.
    pub check: CheckReport,
}

/// The allocation part.
#[derive(Debug, Clone, Serialize)]
pub struct AllocationResult {
    /// Mode whose costs are allocated.
    pub mode: Mode,
    /// Carrier ids (player order).
    pub carriers: Vec<String>,
    /// Stand-alone cost c({i}) per carrier: the cheaper of the mode alone and `separate`.
    pub standalone: Vec<f64>,
    /// c(N): what the carriers pay together (the plan's cost, plus the facilities only this mode
    /// needs, less the county's subsidies of this mode).
    pub joint_cost: f64,
    /// What the county pays towards c(N)'s plan (a payer beside the carriers; 0 without
    /// subsidies): carriers' shares plus this are the mode's cost with its extra facilities.
    pub county_subsidy: f64,
    /// Each rule's allocation with its core check.
    pub rules: Vec<(Allocation, CoreReport)>,
    /// Monotonicity and subadditivity of the (heuristic) game.
    pub properties: Option<GameProperties>,
    /// Factor applied to the coalitions' planned costs to bring them to the mode plan's effort
    /// level: c(N) at the mode effort over c(N) at the coalition effort (1 when they are equal).
    pub effort_calibration: f64,
    /// ε* of the least core in yuan: the most any coalition must pay beyond its stand-alone cost
    /// under the most stable allocation (None above `LEAST_CORE_MAX_PLAYERS` carriers or with one).
    pub least_core_epsilon: Option<f64>,
    /// Whether the core is empty (ε* > 0; None when the least core was not computed).
    pub core_empty: Option<bool>,
    /// Number of coalitions solved.
    pub coalitions_solved: usize,
    /// Every coalition cost computed (bitmask, cost), ascending mask.
    pub coalition_costs: Vec<(u64, f64)>,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Scenario name.
    pub scenario: String,
    /// Carrier ids.
    pub carriers: Vec<String>,
    /// One entry per mode, `separate` first.
    pub modes: Vec<ModeResult>,
    /// Cost allocation, if asked.
    pub allocation: Option<AllocationResult>,
    /// Each bus line's fee range in 交邮合作, if asked ([`CompareOptions::fee_range`]).
    pub fee_ranges: Option<Vec<LineFeeRange>>,
    /// Engine effort used for the mode plans.
    pub iterations_per_subproblem: u64,
    /// Engine effort used for the coalitions of the allocation game.
    pub coalition_iterations_per_subproblem: u64,
    /// Village stations in the scenario (each should be served).
    pub villages_total: usize,
    /// Seed used.
    pub seed: u64,
    /// How the bus riders of 交邮合作 and `combined` were chosen (`joint` or `greedy`).
    pub bus_choice: BusChoice,
    /// Distinct engine sub-problems solved (the rest came from the planner's cache).
    pub subproblems_solved: usize,
    /// What the costs and savings rest on.
    pub assumptions: Vec<String>,
    /// Whether a hurry request ([`crate::PlanControl::request_hurry`], a signal to the CLI)
    /// shortened the comparison: the plans marked [`Plan::hurried`] (and the allocation's
    /// coalition costs planned after it) come from searches stopped at their best so far or
    /// construction-only solutions. Every mode and the allocation are still there and checked.
    pub hurried: bool,
    /// Sub-problems solved hurried (never cached; 0 unless `hurried`).
    pub subproblems_hurried: usize,
}

/// Runs the comparison.
pub fn compare(world: &World<'_>, options: &CompareOptions) -> Result<Comparison, CoopError> {
    compare_with(&Planner::new(world), options)
}

/// Runs the comparison on a given planner (e.g. one made with [`Planner::with_control`], so
/// that another thread can watch and stop it).
pub fn compare_with(
    planner: &Planner<'_>,
    options: &CompareOptions,
) -> Result<Comparison, CoopError> {
    let world = planner.world();
    // A shift no van can serve a village in is the scenario's mistake: say which field, before
    // the engine rejects a sub-problem in its own indices.
    crate::reach::check_shifts(world)?;
    planner.set_bus_choice(options.bus_choice);
    let n = world.num_carriers();
    let grand = Coalition::grand(n);
    let mut modes = vec![Mode::Separate];
    modes.extend(
        options
            .modes
            .iter()
            .copied()
            .filter(|&m| m != Mode::Separate),
    );
    let plans: Vec<(Mode, Plan)> = modes
        .iter()
        .map(|&m| planner.plan(m, grand, &options.effort).map(|p| (m, p)))
        .collect::<Result<_, _>>()?;
    let mut results: Vec<ModeResult> = Vec::new();
    for (mode, p) in plans {
        let kpis = plan_kpis(world, &p);
        let carriers = (0..n).map(|c| carrier_kpis(world, &p, c)).collect();
        let check = check_plan(world.scenario, &p);
        let costs = breakdown(world, &p);
        let finance = finance_figures(world.scenario, mode, &kpis);
        let stakeholders = stakeholders(world, &p, &costs, &finance);
        results.push(ModeResult {
            finance,
            stakeholders,
            mode,
            feasible: check.is_ok(),
            check,
            saving: None,
            saving_pct: None,
            costs,
            saving_by: None,
            kpis,
            carriers,
            plan: p,
        });
    }
    if let Some(base) = results.first().filter(|r| r.feasible).cloned() {
        for r in results.iter_mut().filter(|r| r.feasible) {
            let saving = base.kpis.cost - r.kpis.cost;
            r.saving = Some(saving);
            r.saving_pct = (base.kpis.cost > 0.0).then(|| 100.0 * saving / base.kpis.cost);
            r.saving_by = Some(base.costs.minus(&r.costs));
        }
    }
    let allocation = match options.allocate {
        Some(mode) => Some(allocate(planner, mode, options, &results)?),
        None => None,
    };
    let fee_ranges = match results
        .iter()
        .find(|r| r.mode == Mode::TransportPostal)
        .filter(|_| options.fee_range)
    {
        Some(r) => Some(fee_ranges(planner, &options.effort, &r.plan)?),
        None => None,
    };
    Ok(Comparison {
        scenario: world.scenario.name.clone(),
        carriers: world.carrier_names(),
        modes: results,
        allocation,
        fee_ranges,
        iterations_per_subproblem: options.effort.iterations,
        coalition_iterations_per_subproblem: options.coalition_effort.iterations,
        villages_total: world
            .scenario
            .sites
            .iter()
            .filter(|s| s.tier == gongpei_scenario::model::SiteTier::VillageStation)
            .count(),
        seed: options.effort.seed,
        bus_choice: options.bus_choice,
        subproblems_solved: planner.subproblems_solved(),
        assumptions: crate::breakdown::assumptions(world, options),
        hurried: planner.subproblems_hurried() > 0,
        subproblems_hurried: planner.subproblems_hurried(),
    })
}

/// Builds the game of `mode` and applies every rule. c(S) is the cheaper of `mode` planned for
/// S's demand alone and S's members each going `separate` (a coalition can always opt out);
/// c(N) is the plan of the comparison itself. The pieces are in [`crate::game`], so that a
/// sweep can plan the coalitions as separate tasks.
pub fn allocate(
    planner: &Planner<'_>,
    mode: Mode,
    options: &CompareOptions,
    done: &[ModeResult],
) -> Result<AllocationResult, CoopError> {
    let setup = GameSetup::prepare(planner, mode, options, done)?;
    let cost_fn = |s: Coalition| setup.coalition_cost(planner, s);
    let game = CoalitionCosts::new(planner.world().num_carriers(), &cost_fn)?;
    allocation_result(&game, &setup)
}
