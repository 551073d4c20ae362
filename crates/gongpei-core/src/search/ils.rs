//! Iterated local search with late-acceptance hill climbing (Burke & Bykov 2017): each iteration
//! ruins and recreates a small region of the current solution and re-optimises only the routes
//! it touched, so an iteration costs about the same on 1,000 clients as on 100. The genetic
//! search educates whole offspring instead, which large instances cannot afford often enough.
//!
//! One [`Ils`] is one independent search with the same driving interface as the genetic search.

use super::cost::{CostEvaluator, Excess};
use super::data::SearchData;
use super::incumbent::Incumbent;
use super::individual::Individual;
use super::initial;
use super::local_search::LocalSearch;
use super::penalty::PenaltyManager;
use super::rng::Rng;
use super::strategy::Start;
use crate::solver::construct::savings_solution;

/// Above this many clients the search starts from the savings construction: at 10,000 clients
/// the nearest-neighbour start needs about 15 s of local search before its first solution, the
/// savings start is feasible at once and still ahead after 300 s (benches/scale/README.md); at
/// 800-1,000 clients the nearest-neighbour start did as well or better (HISTORY.md section 7).
const SAVINGS_START_ABOVE: usize = 1000;

/// Tuning of the iterated local search.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IlsParams {
    /// Length of the late-acceptance history.
    pub history: usize,
    /// Largest number of clients one perturbation removes and reinserts.
    pub max_perturbation: usize,
    /// Iterations without a new best before the search returns to its best solution.
    pub restart_after: u64,
    /// Target share of feasible candidates for the penalty control.
    pub target_feasible: f64,
    /// Number of candidates between penalty updates.
    pub penalty_window: usize,
}

impl Default for IlsParams {
    fn default() -> Self {
        Self {
            history: 300,
            max_perturbation: 20,
            restart_after: 100_000,
            target_feasible: 0.5,
            penalty_window: 100,
        }
    }
}

/// The figures that price a solution under any penalties.
#[derive(Debug, Clone, Copy)]
struct Costs {
    objective: i64,
    excess: Excess,
}

impl Costs {
    fn of(ind: &Individual) -> Self {
        Self {
            objective: ind.objective,
            excess: ind.excess,
        }
    }

    fn penalised(&self, pen: &CostEvaluator) -> i64 {
        pen.penalised(self.objective, &self.excess)
    }
}

/// One iterated local search.
pub(crate) struct Ils<'s, 'a> {
    sd: &'s SearchData<'a>,
    neighbours: &'s [Vec<usize>],
    params: IlsParams,
    ls: LocalSearch<'s, 'a>,
    penalties: PenaltyManager,
    rng: Rng,
    current: Option<Individual>,
    /// Whether the local search still holds `current` (no reload needed).
    loaded_current: bool,
    history: Vec<Costs>,
    history_at: usize,
    incumbent: Incumbent,
    since_improvement: u64,
    pub iterations: u64,
    /// A warm start, the starting solution instead of a construction (taken when used).
    pub start: Option<Start>,
}

impl<'s, 'a> Ils<'s, 'a> {
    pub fn new(
        sd: &'s SearchData<'a>,
        neighbours: &'s [Vec<usize>],
        params: IlsParams,
        initial_penalties: CostEvaluator,
        seed: u64,
    ) -> Self {
        Self {
            sd,
            neighbours,
            params,
            ls: LocalSearch::new(sd, neighbours),
            penalties: PenaltyManager::new(
                initial_penalties,
                CostEvaluator::caps(sd),
                params.penalty_window,
                params.target_feasible,
            ),
            rng: Rng::new(seed),
            current: None,
            loaded_current: false,
            history: Vec::with_capacity(params.history),
            history_at: 0,
            incumbent: Incumbent::default(),
            since_improvement: 0,
            iterations: 0,
            start: None,
        }
    }

    /// The best feasible solution found, else the best infeasible one by penalised cost.
    pub fn best(&self) -> Option<&Individual> {
        self.incumbent.best()
    }

    pub fn best_feasible(&self) -> Option<&Individual> {
        self.incumbent.feasible.as_ref()
    }

    /// Builds the starting solution, offers it as the first incumbent (so a feasible answer
    /// exists before any search), then improves it by a complete local search. The start is a
    /// nearest-neighbour construction, or the savings construction above
    /// [`SAVINGS_START_ABOVE`] clients, or the warm start when one was given (offered as the
    /// first incumbent only when it visits every required client).
    pub fn initialise_reporting(
        &mut self,
        stop: &dyn Fn() -> bool,
        report: &dyn Fn(Option<&Individual>),
    ) {
        let warm = self.start.is_some();
        let (routes, mut complete) = match self.start.take() {
            Some(start) => (start.routes, start.complete),
            None if self.sd.num_clients > SAVINGS_START_ABOVE => (
                self.sd.without_pinned(
                    savings_solution(self.sd, self.neighbours, 0.0, &mut self.rng).routes,
                ),
                !self.sd.has_pins,
            ),
            None => (
                self.sd.without_pinned(initial::nearest_neighbour_solution(
                    self.sd,
                    self.neighbours,
                    &mut self.rng,
                )),
                !self.sd.has_pins,
            ),
        };
        if complete && self.sd.has_restrictions {
            complete = self.sd.covers_required(&routes);
        }
        let pen = self.penalties.penalties;
        self.ls.load(&routes, None, &pen);
        if complete {
            let constructed = self.ls.export();
            self.consider_best(&constructed);
            report(self.best());
        }
        self.ls.run(&mut self.rng, stop);
        let mut ind = self.ls.export();
        if warm && !ind.is_feasible() {
            // A given solution may be far from feasible (yesterday's routes on today's demand):
            // one more search under ten-fold penalties repairs it, as the genetic search repairs
            // its offspring. Constructions are left as they were.
            let raised = pen.scaled(10, &self.penalties.caps);
            self.ls.load(&ind.routes, None, &raised);
            self.ls.run(&mut self.rng, stop);
            let repaired = self.ls.export();
            if repaired.is_feasible() {
                ind = repaired;
            }
            self.ls.load_settled(&ind.routes, &pen);
        }
        self.consider_best(&ind);
        self.current = Some(ind);
        self.loaded_current = true;
        report(self.best());
    }

    /// Takes an outside solution (another search's best) as the current one if it beats this
    /// search's best.
    pub fn inject(&mut self, ind: &Individual) {
        if self.incumbent.improves_feasible(ind) {
            self.consider_best(ind);
            self.current = Some(ind.clone());
            self.loaded_current = false;
        }
    }

    /// One iteration: perturb the current solution, re-optimise what changed, accept by late
    /// acceptance, and return to the best solution after a long stagnation.
    pub fn iterate(&mut self, stop: &dyn Fn() -> bool) {
        self.iterations += 1;
        self.since_improvement += 1;
        let Some(current) = self.current.take() else {
            self.initialise_reporting(stop, &|_| {});
            return;
        };
        let pen = self.penalties.penalties;
        if !self.loaded_current {
            self.ls.load_settled(&current.routes, &pen);
        }
        let limit = self.params.max_perturbation.min(self.sd.num_clients).max(1);
        let count = 1 + self.rng.below(limit);
        self.ls.perturb(&mut self.rng, count);
        self.ls.run(&mut self.rng, stop);
        let mut candidate = self.ls.export();
        self.penalties.register(&candidate.excess);
        if self.incumbent.improves_feasible(&candidate) {
            // A new best earns a complete search around it.
            self.ls.load(&candidate.routes, None, &pen);
            self.ls.run(&mut self.rng, stop);
            let polished = self.ls.export();
            if polished.is_feasible() || !candidate.is_feasible() {
                candidate = polished;
            } else {
                self.ls.load_settled(&candidate.routes, &pen);
            }
            self.consider_best(&candidate);
        }
        let cand = Costs::of(&candidate);
        let curr = Costs::of(&current);
        let late = self.history.get(self.history_at).copied().unwrap_or(curr);
        let accepted = cand.penalised(&pen) < late.penalised(&pen)
            || cand.penalised(&pen) < curr.penalised(&pen);
        let (next, next_costs) = if accepted {
            self.loaded_current = true;
            (candidate, cand)
        } else {
            self.loaded_current = false;
            (current, curr)
        };
        self.record_history(next_costs, late, &pen);
        self.current = Some(next);
        if self.since_improvement > self.params.restart_after {
            self.since_improvement = 0;
            self.history.clear();
            self.history_at = 0;
            if let Some(best) = self.incumbent.feasible.clone() {
                self.current = Some(best);
                self.loaded_current = false;
            }
        }
    }

    /// Late-acceptance history: the current cost enters the slot only when it beats the one
    /// stored there (or the history is still filling).
    fn record_history(&mut self, costs: Costs, late: Costs, pen: &CostEvaluator) {
        if self.history.len() < self.params.history {
            self.history.push(costs);
        } else if costs.penalised(pen) < late.penalised(pen) {
            self.history[self.history_at] = costs;
        }
        self.history_at = (self.history_at + 1) % self.params.history.max(1);
    }

    fn consider_best(&mut self, ind: &Individual) {
        if self.incumbent.offer(ind, &self.penalties.penalties) {
            self.since_improvement = 0;
        }
    }
}
