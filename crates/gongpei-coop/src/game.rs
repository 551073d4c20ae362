//! The allocation game of one cooperative mode, split so that its coalition costs can be computed
//! anywhere: [`GameSetup`] holds everything c(S) needs besides planning S (each carrier's
//! stand-alone cost, c(N) from the mode plan, the effort calibration factor, the volumes of the
//! proportional rule), [`GameSetup::coalition_cost`] plans one coalition, and
//! [`allocation_result`] applies every rule to the finished game. `compare` runs the three in
//! one process; a sweep runs the middle one as one task per batch of coalitions (so an exact
//! Shapley value over 2^n coalitions can be a cluster job) and the last from the gathered table.

use serde::{Deserialize, Serialize};

use crate::allocation::{
    check_core, equal_profit, game_properties, least_core, nucleolus, proportional_standalone,
    proportional_to, shapley, shapley_from_table, Allocation, Coalition, CoalitionCosts,
    CoreReport, EQUAL_PROFIT_MAX_PLAYERS, LEAST_CORE_MAX_PLAYERS, NUCLEOLUS_MAX_PLAYERS,
};
use crate::breakdown::commerce_share;
use crate::compare::{AllocationResult, CompareOptions, ModeResult};
use crate::finance::{coalition_adjustment, standalone_adjustment};
use crate::kpi::{carrier_kpis, plan_kpis};
use crate::modes::Mode;
use crate::planner::Planner;
use crate::subproblem::Effort;
use crate::CoopError;

/// What the coalition costs of `mode`'s game rest on, computed once from the comparison's plans
/// (plain data: it travels to the workers that plan the coalitions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GameSetup {
    /// Mode whose joint cost is allocated (its name, as on the command line).
    pub mode: String,
    /// Carrier ids (player order).
    pub carriers: Vec<String>,
    /// Each carrier's cost going `separate`, with its subsidies: a coalition never pays more
    /// than the sum of its members' (c(S) = min(mode, separate)).
    pub separate: Vec<f64>,
    /// c(N) planned at the mode plans' effort (the comparison's own plan), when known.
    pub grand_cost: Option<f64>,
    /// Factor bringing coalition plans (made with the cheaper coalition effort) to the mode
    /// plans' level: c(N) at the mode effort over c(N) at the coalition effort.
    pub calibration: f64,
    /// Parcels in and out per carrier (weights of the volume-proportional rule).
    pub volumes: Vec<f64>,
    /// What the county pays towards c(N)'s plan (outside the game).
    pub county_subsidy: f64,
    /// Engine effort of each coalition's plan.
    pub coalition_seed: u64,
    /// Iterations per sub-problem of each coalition's plan.
    pub coalition_iterations: u64,
    /// Clients per budget step of each coalition's plan.
    pub coalition_clients_per_step: u64,
    /// Metaheuristic of each coalition's plan (`hgs`, `ils` or `auto`).
    pub coalition_strategy: String,
    /// Permutations of sampled Shapley (above 10 carriers).
    pub permutations: usize,
    /// Seed of sampled Shapley.
    pub seed: u64,
}

/// The engine strategy's name in a [`GameSetup`].
pub(crate) fn strategy_name(strategy: gongpei_core::Strategy) -> &'static str {
    match strategy {
        gongpei_core::Strategy::Genetic => "hgs",
        gongpei_core::Strategy::IteratedLocalSearch => "ils",
        _ => "auto",
    }
}

/// The engine strategy named `name` (`hgs`, `ils`, `auto`).
pub(crate) fn parse_strategy(name: &str) -> Result<gongpei_core::Strategy, String> {
    match name {
        "hgs" => Ok(gongpei_core::Strategy::Genetic),
        "ils" => Ok(gongpei_core::Strategy::IteratedLocalSearch),
        "auto" => Ok(gongpei_core::Strategy::Auto),
        other => Err(format!(
            "unknown strategy {other:?}; expected hgs, ils or auto"
        )),
    }
}

impl GameSetup {
    /// Prepares `mode`'s game from the comparison's mode results `done` (planning `separate`
    /// and the grand coalition at the coalition effort when needed).
    pub fn prepare(
        planner: &Planner<'_>,
        mode: Mode,
        options: &CompareOptions,
        done: &[ModeResult],
    ) -> Result<GameSetup, CoopError> {
        let world = planner.world();
        let scenario = world.scenario;
        let n = world.num_carriers();
        let grand = Coalition::grand(n);
        let mine = done.iter().find(|r| r.mode == mode);
        // The game is over what the carriers pay: each coalition's plan plus the facilities
        // only the mode needs, less the county's subsidies (the county is a payer outside it).
        // The commerce partners pay for their goods (their own vans in a plan of every carrier;
        // in 快商合作 their cases' share of any coalition's shared vans), outside the game.
        let grand_cost = mine.map(|r| {
            r.kpis.cost - commerce_share(world, &r.plan)
                + coalition_adjustment(scenario, mode, &r.kpis)
        });
        let separate: Vec<f64> = match done.iter().find(|r| r.mode == Mode::Separate) {
            Some(r) => r
                .carriers
                .iter()
                .map(|k| k.cost + standalone_adjustment(scenario, k))
                .collect(),
            None => {
                let p = planner.plan(Mode::Separate, grand, &options.effort)?;
                (0..n)
                    .map(|c| {
                        let k = carrier_kpis(world, &p, c);
                        k.cost + standalone_adjustment(scenario, &k)
                    })
                    .collect()
            }
        };
        // Coalitions are planned with a cheaper effort than the mode plan that gives c(N).
        // Their costs are put on the mode plan's level by the ratio of the grand coalition's
        // two costs, so that the game does not credit the grand coalition with the effort
        // difference (which showed as monotonicity breaches of 300-900 CNY).
        let calibration = match mine.map(|r| r.kpis.cost - commerce_share(world, &r.plan)) {
            Some(c) if mode != Mode::Separate && options.coalition_effort != options.effort => {
                let plan = planner.plan(mode, grand, &options.coalition_effort)?;
                let low = plan_kpis(world, &plan).cost - commerce_share(world, &plan);
                if low > 0.0 {
                    c / low
                } else {
                    1.0
                }
            }
            _ => 1.0,
        };
        let volumes = (0..n)
            .map(|c| {
                world
                    .flows
                    .iter()
                    .filter(|f| f.carrier == c)
                    .map(|f| (f.parcels_in + f.parcels_out) as f64)
                    .sum()
            })
            .collect();
        let effort = &options.coalition_effort;
        Ok(GameSetup {
            mode: mode.name().to_string(),
            carriers: world.carrier_names(),
            separate,
            grand_cost,
            calibration,
            volumes,
            county_subsidy: mine.map_or(0.0, |r| r.finance.county_subsidy),
            coalition_seed: effort.seed,
            coalition_iterations: effort.iterations,
            coalition_clients_per_step: effort.clients_per_step,
            coalition_strategy: strategy_name(effort.strategy).to_string(),
            permutations: options.permutations,
            seed: options.effort.seed,
        })
    }

    /// Number of players.
    pub fn players(&self) -> usize {
        self.carriers.len()
    }

    /// The mode of the game.
    pub fn mode(&self) -> Result<Mode, CoopError> {
        self.mode.parse()
    }

    /// The effort each coalition is planned with.
    pub fn coalition_effort(&self) -> Result<Effort, CoopError> {
        Ok(Effort {
            seed: self.coalition_seed,
            iterations: self.coalition_iterations,
            clients_per_step: self.coalition_clients_per_step,
            strategy: parse_strategy(&self.coalition_strategy).map_err(CoopError::Input)?,
        })
    }

    /// c(S): the cheaper of `mode` planned for S's demand alone (calibrated, with its finance
    /// adjustment) and S's members each going `separate`; c(N) is the comparison's own plan.
    pub fn coalition_cost(&self, planner: &Planner<'_>, s: Coalition) -> Result<f64, CoopError> {
        let n = self.players();
        if s.0 & !Coalition::grand(n).0 != 0 {
            return Err(CoopError::Input(format!(
                "coalition {:#b} names players beyond the {n} carriers of the game",
                s.0
            )));
        }
        let alone: f64 = s.players().map(|i| self.separate[i]).sum();
        let mode = self.mode()?;
        if s == Coalition::grand(n) {
            if let Some(c) = self.grand_cost {
                return Ok(c.min(alone));
            }
        }
        if mode == Mode::Separate || s.is_empty() {
            return Ok(alone);
        }
        let world = planner.world();
        let plan = planner.plan(mode, s, &self.coalition_effort()?)?;
        let mut k = plan_kpis(world, &plan);
        k.cost = (k.cost - commerce_share(world, &plan)) * self.calibration;
        Ok((k.cost + coalition_adjustment(world.scenario, mode, &k)).min(alone))
    }
}

/// Applies every allocation rule to `game` (whose costs come from `setup`) and checks each
/// against the core: the allocation part of a comparison.
pub fn allocation_result(
    game: &CoalitionCosts<'_>,
    setup: &GameSetup,
) -> Result<AllocationResult, CoopError> {
    let value = shapley(game, setup.permutations, setup.seed)?;
    allocation_with(game, setup, value)
}

/// [`allocation_result`] with the Shapley value given (exact from a full table, whatever the
/// number of players).
fn allocation_with(
    game: &CoalitionCosts<'_>,
    setup: &GameSetup,
    shapley_value: Allocation,
) -> Result<AllocationResult, CoopError> {
    let n = game.players();
    let grand = game.grand();
    let small = n <= EQUAL_PROFIT_MAX_PLAYERS;
    let mut allocations = vec![
        shapley_value,
        proportional_to(game, &setup.volumes, "volume")?,
        proportional_standalone(game)?,
    ];
    if small {
        allocations.push(equal_profit(game)?);
    }
    if n <= NUCLEOLUS_MAX_PLAYERS {
        allocations.push(nucleolus(game)?);
    }
    let least = if (2..=LEAST_CORE_MAX_PLAYERS).contains(&n) {
        let lc = least_core(game)?;
        allocations.push(lc.allocation.clone());
        Some(lc)
    } else {
        None
    };
    let standalone = (0..n)
        .map(|i| game.cost(Coalition::single(i)))
        .collect::<Result<Vec<_>, _>>()?;
    let mut rules: Vec<(Allocation, CoreReport)> = Vec::new();
    for a in allocations {
        let core = if small {
            check_core(game, &a.shares, 0.01)?
        } else {
            // Large games: individual rationality only (the core has 2^n constraints).
            CoreReport {
                efficiency_gap: a.shares.iter().sum::<f64>() - game.cost(grand)?,
                irrational_players: (0..n)
                    .filter(|&i| a.shares[i] > standalone[i] + 0.01)
                    .collect(),
                blocking: Vec::new(),
            }
        };
        rules.push((a, core));
    }
    let properties = if small {
        Some(game_properties(game, 0.01)?)
    } else {
        None
    };
    let mut coalition_costs = Vec::new();
    if small {
        for s in Coalition::all_nonempty(n) {
            coalition_costs.push((s.0, game.cost(s)?));
        }
    }
    Ok(AllocationResult {
        mode: setup.mode()?,
        carriers: setup.carriers.clone(),
        standalone,
        joint_cost: game.cost(grand)?,
        county_subsidy: setup.county_subsidy,
        rules,
        properties,
        effort_calibration: setup.calibration,
        least_core_epsilon: least.as_ref().map(|l| l.epsilon),
        core_empty: least.as_ref().map(|l| l.core_empty),
        coalitions_solved: game.solves(),
        coalition_costs,
    })
}

/// The allocation of a game whose every coalition cost was computed elsewhere: `table` lists
/// (bitmask, c(S)) for every non-empty coalition of `setup`'s players (each once). The Shapley
/// value is exact at any size up to 20 carriers (the table is all it needs).
///
/// ```
/// use gongpei_coop::game::{allocate_table, GameSetup};
/// // Two carriers: each 10 alone, 16 together.
/// let setup = GameSetup {
///     mode: "postal_express".into(),
///     carriers: vec!["a".into(), "b".into()],
///     separate: vec![10.0, 10.0],
///     grand_cost: Some(16.0),
///     calibration: 1.0,
///     volumes: vec![1.0, 3.0],
///     county_subsidy: 0.0,
///     coalition_seed: 1,
///     coalition_iterations: 0,
///     coalition_clients_per_step: 0,
///     coalition_strategy: "ils".into(),
///     permutations: 100,
///     seed: 1,
/// };
/// let result = allocate_table(&setup, &[(1, 10.0), (2, 10.0), (3, 16.0)]).unwrap();
/// let (shapley, _) = &result.rules[0];
/// assert_eq!(shapley.rule, "shapley");
/// assert_eq!(shapley.shares, vec![8.0, 8.0]);
/// ```
pub fn allocate_table(
    setup: &GameSetup,
    table: &[(u64, f64)],
) -> Result<AllocationResult, CoopError> {
    let n = setup.players();
    if n == 0 || n > 20 {
        return Err(CoopError::Input(format!(
            "a coalition table is for 1 to 20 carriers, the game has {n}"
        )));
    }
    let mut costs = vec![f64::NAN; 1usize << n];
    costs[0] = 0.0;
    for &(mask, cost) in table {
        let slot = costs
            .get_mut(mask as usize)
            .filter(|_| mask != 0)
            .ok_or_else(|| {
                CoopError::Input(format!(
                    "coalition table: mask {mask:#b} is not a non-empty coalition of {n} carriers"
                ))
            })?;
        *slot = cost;
    }
    if let Some(missing) = costs.iter().position(|c| c.is_nan()) {
        return Err(CoopError::Input(format!(
            "coalition table: no cost for coalition {} (mask {missing:#b}); every one of the {} is needed",
            Coalition(missing as u64).label(&setup.carriers),
            (1usize << n) - 1
        )));
    }
    let value = shapley_from_table(n, &costs);
    let lookup = move |s: Coalition| Ok(costs[s.0 as usize]);
    let game = CoalitionCosts::new(n, &lookup)?;
    allocation_with(&game, setup, value)
}
