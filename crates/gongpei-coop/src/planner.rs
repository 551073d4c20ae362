//! The planner: plans modes for coalitions on one [`World`] and owns the cache of solved engine
//! sub-problems, which coalitions, coupling rounds and bus trials share.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::allocation::Coalition;
use crate::modes::{self, BusChoice, Mode};
use crate::plan::Plan;
use crate::subproblem::{Effort, Solved};
use crate::world::World;
use crate::CoopError;

/// Plans modes on one world, reusing identical sub-problems.
///
/// ```no_run
/// use gongpei_coop::{Coalition, Effort, Mode, Planner, World};
/// let scenario = gongpei_scenario::generate::generate("small".parse()?, 1)?;
/// let world = World::new(&scenario)?;
/// let planner = Planner::new(&world);
/// let plan = planner.plan(Mode::PostalExpress, Coalition::grand(world.num_carriers()), &Effort::modes_default(1))?;
/// println!("{:.1} CNY a day", plan.total_cost());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Planner<'w> {
    world: &'w World<'w>,
    /// Solved sub-problems by their full content (see `subproblem::solve_stops`).
    cache: Mutex<HashMap<Vec<i64>, Solved>>,
    /// Shared with a caller on another thread that watches progress and may ask to stop.
    control: Option<Arc<PlanControl>>,
    /// Whether 交邮合作 searches its riders jointly ([`BusChoice::Joint`]) or takes the greedy
    /// set; a setting of the planner, so every plan of a comparison uses the same.
    joint_bus: AtomicBool,
}

/// A handle to watch a planner from another thread and stop it (Ctrl-C in Python, a time limit).
///
/// A stop request makes the engine's running searches end at their next progress report and
/// every later sub-problem fail with [`CoopError::Cancelled`]; a stopped search is never cached.
///
/// ```
/// use gongpei_coop::PlanControl;
/// let control = PlanControl::default();
/// assert!(!control.stop_requested());
/// control.request_stop();
/// assert!(control.stop_requested());
/// assert_eq!(control.subproblems_solved(), 0);
/// ```
#[derive(Debug, Default)]
pub struct PlanControl {
    stop: AtomicBool,
    solved: AtomicUsize,
}

impl PlanControl {
    /// Asks the planner to stop as soon as it can.
    pub fn request_stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    /// Whether a stop was requested.
    pub fn stop_requested(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Distinct engine sub-problems solved so far (cache hits not counted).
    pub fn subproblems_solved(&self) -> usize {
        self.solved.load(Ordering::Relaxed)
    }
}

impl<'w> Planner<'w> {
    /// A planner with an empty cache.
    pub fn new(world: &'w World<'w>) -> Self {
        Planner {
            world,
            cache: Mutex::new(HashMap::new()),
            control: None,
            joint_bus: AtomicBool::new(BusChoice::default() == BusChoice::Joint),
        }
    }

    /// A planner that reports to, and can be stopped through, `control`.
    pub fn with_control(world: &'w World<'w>, control: Arc<PlanControl>) -> Self {
        Planner {
            control: Some(control),
            ..Planner::new(world)
        }
    }

    /// Whether the caller asked to stop (see [`PlanControl`]).
    pub(crate) fn stop_requested(&self) -> bool {
        self.control.as_ref().is_some_and(|c| c.stop_requested())
    }

    /// How 交邮合作 chooses its bus riders from now on.
    pub fn set_bus_choice(&self, choice: BusChoice) {
        self.joint_bus
            .store(choice == BusChoice::Joint, Ordering::Relaxed);
    }

    /// How 交邮合作 chooses its bus riders.
    pub fn bus_choice(&self) -> BusChoice {
        if self.joint_bus.load(Ordering::Relaxed) {
            BusChoice::Joint
        } else {
            BusChoice::Greedy
        }
    }

    /// The world planned on.
    pub fn world(&self) -> &'w World<'w> {
        self.world
    }

    /// Plans `mode` for the carriers in `coalition` (their demand only).
    pub fn plan(
        &self,
        mode: Mode,
        coalition: Coalition,
        effort: &Effort,
    ) -> Result<Plan, CoopError> {
        modes::plan(self, mode, coalition, effort)
    }

    /// Plans 快快合作 (`express_pool`) for the coalition with the leads given, one per pooled area:
    /// `(township centre site, lead carrier index)`, `None` for the villages without a township.
    /// Every area with pooled flows must be named once, each lead must be an express carrier of
    /// the coalition with ambient vans; otherwise a [`CoopError::Input`] names the area. The
    /// plan's `leads` records the given assignment (no search).
    ///
    /// ```no_run
    /// use gongpei_coop::{Coalition, Effort, Mode, Planner, World};
    /// let scenario = gongpei_scenario::generate::generate("small".parse()?, 1)?;
    /// let world = World::new(&scenario)?;
    /// let planner = Planner::new(&world);
    /// let grand = Coalition::grand(world.num_carriers());
    /// let effort = Effort::modes_default(1);
    /// let searched = planner.plan(Mode::ExpressPool, grand, &effort)?;
    /// let areas: Vec<(Option<usize>, usize)> = searched.leads.as_ref().unwrap().areas.iter().map(|a| (a.township, 1)).collect();
    /// let all_by_carrier_1 = planner.plan_express_pool(grand, &areas, &effort)?;
    /// assert!(searched.total_cost() <= all_by_carrier_1.total_cost() + 1e-6);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plan_express_pool(
        &self,
        coalition: Coalition,
        leads: &[(Option<usize>, usize)],
        effort: &Effort,
    ) -> Result<Plan, CoopError> {
        modes::plan_with_leads(self, coalition, leads, effort)
    }

    /// Number of distinct sub-problems solved so far (the rest came from the cache).
    pub fn subproblems_solved(&self) -> usize {
        self.cache.lock().map_or(0, |c| c.len())
    }

    pub(crate) fn cached(&self, key: &[i64]) -> Option<Solved> {
        self.cache.lock().ok().and_then(|c| c.get(key).cloned())
    }

    pub(crate) fn remember(&self, key: Vec<i64>, solved: Solved) {
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key, solved);
        }
        if let Some(control) = &self.control {
            control.solved.fetch_add(1, Ordering::Relaxed);
        }
    }
}
