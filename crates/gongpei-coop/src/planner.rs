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
    /// Solved sub-problems by their full content (see `subproblem::solve_stops`); shared with
    /// the planners made by [`Planner::sharing_cache`].
    cache: Arc<Mutex<HashMap<Vec<i64>, Solved>>>,
    /// Shared with a caller on another thread that watches progress and may ask to stop.
    control: Option<Arc<PlanControl>>,
    /// Sub-problems this planner solved hurried (see [`PlanControl::request_hurry`]); a plan
    /// is marked hurried when this count grew while it was planned.
    hurried: AtomicUsize,
    /// Whether 交邮合作 and `combined` search their riders jointly ([`BusChoice::Joint`]) or take
    /// the greedy set; a setting of the planner, so every plan of a comparison uses the same.
    joint_bus: AtomicBool,
}

/// A handle to watch a planner from another thread and stop or hurry it (Ctrl-C in Python, a
/// signal to the CLI, a time limit).
///
/// Two requests, for two wishes of the caller:
/// - **stop** (nothing is wanted any more): the engine's running searches end at their next
///   progress report and every later sub-problem fails with [`CoopError::Cancelled`]; a stopped
///   search is never cached.
/// - **hurry** (the answer is wanted now, even a rougher one): the running searches end at
///   their next progress report with their best solution so far, every later sub-problem is
///   solved construction-only (one started and locally optimised solution, no search
///   iterations), and planning goes on to the end, so a comparison or a design still returns
///   complete, checked plans. A hurried sub-problem's answer is not the answer of its effort:
///   it is never cached, and each plan that used one says so ([`Plan::hurried`]; the
///   comparison's `hurried`). A stop overrides a hurry.
///
/// ```
/// use gongpei_coop::PlanControl;
/// let control = PlanControl::default();
/// assert!(!control.stop_requested());
/// control.request_stop();
/// assert!(control.stop_requested());
/// assert_eq!(control.subproblems_solved(), 0);
/// let hurried = PlanControl::default();
/// hurried.request_hurry();
/// assert!(hurried.hurry_requested() && !hurried.stop_requested());
/// assert_eq!(hurried.subproblems_hurried(), 0);
/// ```
///
/// [`Plan::hurried`]: crate::Plan::hurried
#[derive(Debug, Default)]
pub struct PlanControl {
    stop: AtomicBool,
    hurry: AtomicBool,
    solved: AtomicUsize,
    hurried: AtomicUsize,
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

    /// Asks the planner to finish quickly with what it has (see the type's documentation).
    pub fn request_hurry(&self) {
        self.hurry.store(true, Ordering::Relaxed);
    }

    /// Whether a hurry was requested.
    pub fn hurry_requested(&self) -> bool {
        self.hurry.load(Ordering::Relaxed)
    }

    /// Sub-problems solved hurried so far, by every planner on this control (cut-short
    /// searches and construction-only solves; never cached).
    pub fn subproblems_hurried(&self) -> usize {
        self.hurried.load(Ordering::Relaxed)
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
            cache: Arc::new(Mutex::new(HashMap::new())),
            control: None,
            hurried: AtomicUsize::new(0),
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

    /// A planner on `world` (a variant of `other`'s world made by [`World::with_scenario`])
    /// that shares `other`'s cache of solved sub-problems, its control and its bus choice. A
    /// sub-problem is cached by its full content (stops, vehicles, matrices, effort), which a
    /// bus fee never enters, so the variant's van routes are reused wherever they are the same.
    pub fn sharing_cache(world: &'w World<'w>, other: &Planner<'_>) -> Self {
        let planner = Planner {
            world,
            cache: Arc::clone(&other.cache),
            control: other.control.clone(),
            hurried: AtomicUsize::new(0),
            joint_bus: AtomicBool::new(false),
        };
        planner.set_bus_choice(other.bus_choice());
        planner
    }

    /// Whether the caller asked to stop (see [`PlanControl`]).
    pub(crate) fn stop_requested(&self) -> bool {
        self.control.as_ref().is_some_and(|c| c.stop_requested())
    }

    /// Whether the caller asked to hurry (see [`PlanControl`]).
    pub(crate) fn hurry_requested(&self) -> bool {
        self.control.as_ref().is_some_and(|c| c.hurry_requested())
    }

    /// Sub-problems this planner solved hurried (none unless its control asked to hurry).
    pub fn subproblems_hurried(&self) -> usize {
        self.hurried.load(Ordering::Relaxed)
    }

    /// Counts one sub-problem solved hurried (it is not cached).
    pub(crate) fn note_hurried(&self) {
        self.hurried.fetch_add(1, Ordering::Relaxed);
        if let Some(control) = &self.control {
            control.hurried.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// How 交邮合作 and `combined` choose their bus riders from now on.
    pub fn set_bus_choice(&self, choice: BusChoice) {
        self.joint_bus
            .store(choice == BusChoice::Joint, Ordering::Relaxed);
    }

    /// How 交邮合作 and `combined` choose their bus riders.
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

    /// Plans `mode` for the carriers in `coalition` (their demand only). The plan is marked
    /// [`Plan::hurried`] when a sub-problem was solved hurried while it was planned (plans made
    /// side by side on one planner may then all be marked: the mark errs towards caution).
    pub fn plan(
        &self,
        mode: Mode,
        coalition: Coalition,
        effort: &Effort,
    ) -> Result<Plan, CoopError> {
        self.marked(|| modes::plan(self, mode, coalition, effort))
    }

    /// Runs `plan` and marks its plan hurried when this planner solved a sub-problem hurried
    /// meanwhile.
    fn marked(&self, plan: impl FnOnce() -> Result<Plan, CoopError>) -> Result<Plan, CoopError> {
        let before = self.subproblems_hurried();
        let mut plan = plan()?;
        plan.hurried |= self.subproblems_hurried() > before;
        Ok(plan)
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
        self.marked(|| {
            let mut plan = modes::plan_with_leads(self, coalition, leads, effort)?;
            modes::add_commerce_own_delivery(self, &mut plan, coalition, effort)?;
            Ok(plan)
        })
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

#[cfg(test)]
mod tests {
    //! Hurry requests (the CLI's first signal): the comparison still comes back complete and
    //! checked, marked hurried, and no hurried answer is left in the planner's cache, where a
    //! later plan of the same effort would take it for the real one.

    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use super::{PlanControl, Planner};
    use crate::compare::{compare, compare_with, CompareOptions, Comparison};
    use crate::modes::Mode;
    use crate::subproblem::Effort;
    use crate::world::World;

    fn scenario() -> gongpei_scenario::Scenario {
        gongpei_scenario::from_json_str(include_str!("../tests/data/tiny.json"), "tiny.json")
            .unwrap()
    }

    /// Every mode and the allocation, at `iterations` per sub-problem.
    fn options(iterations: u64) -> CompareOptions {
        CompareOptions {
            modes: Mode::ALL.to_vec(),
            allocate: Some(Mode::PostalExpress),
            effort: Effort {
                seed: 3,
                iterations,
                ..Effort::default()
            },
            coalition_effort: Effort {
                seed: 3,
                iterations,
                ..Effort::default()
            },
            ..CompareOptions::default()
        }
    }

    fn hurried_in_cache(planner: &Planner<'_>) -> usize {
        planner
            .cache
            .lock()
            .unwrap()
            .values()
            .filter(|s| s.hurried)
            .count()
    }

    fn assert_complete_and_checked(c: &Comparison) {
        assert_eq!(c.modes.len(), Mode::ALL.len());
        for m in &c.modes {
            assert!(m.feasible, "{}: {:?}", m.mode.name(), m.check.errors);
        }
        assert!(c.allocation.is_some());
    }

    #[test]
    fn a_hurry_from_the_start_plans_everything_construction_only_and_caches_nothing() {
        let s = scenario();
        let world = World::new(&s).unwrap();
        let control = Arc::new(PlanControl::default());
        control.request_hurry();
        let planner = Planner::with_control(&world, Arc::clone(&control));
        let hurried = compare_with(&planner, &options(2000)).unwrap();
        assert_complete_and_checked(&hurried);
        assert!(hurried.hurried);
        assert!(hurried.modes.iter().all(|m| m.plan.hurried));
        assert!(hurried.subproblems_hurried > 0);
        assert_eq!(control.subproblems_hurried(), hurried.subproblems_hurried);
        assert_eq!(
            planner.subproblems_solved(),
            0,
            "a hurried answer was cached"
        );
        assert_eq!(hurried_in_cache(&planner), 0);
        // Construction-only is exactly what the engine gives at 0 iterations of the iterated
        // local search.
        let only = Effort::construction_only(3);
        let plain = compare(
            &world,
            &CompareOptions {
                effort: only.clone(),
                coalition_effort: only,
                ..options(0)
            },
        )
        .unwrap();
        assert!(!plain.hurried);
        assert_eq!(plain.subproblems_hurried, 0);
        let costs = |c: &Comparison| c.modes.iter().map(|m| m.kpis.cost).collect::<Vec<_>>();
        assert_eq!(costs(&hurried), costs(&plain));
    }

    #[test]
    fn a_hurry_during_a_long_search_returns_its_best_so_far_quickly() {
        let s = scenario();
        let world = World::new(&s).unwrap();
        let control = Arc::new(PlanControl::default());
        let planner = Planner::with_control(&world, Arc::clone(&control));
        let started = Instant::now();
        let outcome = std::thread::scope(|scope| {
            scope.spawn(|| {
                std::thread::sleep(Duration::from_millis(300));
                control.request_hurry();
            });
            // Far more iterations than 300 ms allow: only a hurry ends this.
            compare_with(&planner, &options(50_000_000))
        });
        let took = started.elapsed();
        let c = outcome.unwrap();
        assert!(took < Duration::from_secs(5), "{took:?}");
        assert_complete_and_checked(&c);
        assert!(c.hurried && c.subproblems_hurried > 0);
        // The first sub-problem was still searching at the hurry: every plan is marked.
        assert!(c.modes.iter().all(|m| m.plan.hurried));
        assert_eq!(hurried_in_cache(&planner), 0);
        assert!(!control.stop_requested());
    }

    #[test]
    fn a_stop_still_overrides_a_hurry() {
        let s = scenario();
        let world = World::new(&s).unwrap();
        let control = Arc::new(PlanControl::default());
        control.request_hurry();
        control.request_stop();
        let planner = Planner::with_control(&world, Arc::clone(&control));
        assert!(matches!(
            compare_with(&planner, &options(20)),
            Err(crate::CoopError::Cancelled)
        ));
        assert_eq!(hurried_in_cache(&planner), 0);
    }
}
