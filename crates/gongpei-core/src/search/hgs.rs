//! Hybrid Genetic Search (Vidal et al. 2012, Vidal 2022): parents chosen by binary tournament
//! on biased fitness, route-exchange crossover, education by local search, repair of infeasible
//! offspring under raised penalties, adaptive penalties and restarts on stagnation.
//!
//! One [`Hgs`] is one independent search; the solver runs several in parallel and lets them
//! exchange their best solutions between epochs.

use super::cost::CostEvaluator;
use super::crossover::route_exchange;
use super::data::SearchData;
use super::incumbent::Incumbent;
use super::individual::Individual;
use super::initial;
use super::local_search::LocalSearch;
use super::penalty::PenaltyManager;
use super::population::{Population, PopulationParams};
use super::rng::Rng;
use super::strategy::Start;
use crate::solver::construct::savings_solution;
use crate::Route;

/// Tuning of the genetic search.
#[derive(Debug, Clone, Copy)]
pub(crate) struct HgsParams {
    pub population: PopulationParams,
    /// Random individuals created at start and at each restart, as a multiple of `min_size`.
    pub initial_factor: usize,
    /// Iterations without improving this search's best before the population restarts.
    pub restart_after: u64,
    /// Probability of repairing an infeasible offspring under raised penalties.
    pub repair_probability: f64,
    /// Target share of feasible educated solutions for the penalty control.
    pub target_feasible: f64,
    /// Number of educated solutions between penalty updates.
    pub penalty_window: usize,
    /// Skip re-testing moves between offspring routes inherited whole from a parent.
    pub trust_parents: bool,
    /// Share of initial solutions built by randomised nearest neighbour (the rest are random).
    pub nearest_share: f64,
    /// Above this many clients every initial solution is built by nearest neighbour: educating
    /// random solutions would take most of a short time budget.
    pub all_nearest_above: usize,
}

impl Default for HgsParams {
    fn default() -> Self {
        Self {
            population: PopulationParams::default(),
            initial_factor: 1,
            restart_after: 20_000,
            repair_probability: 0.5,
            target_feasible: 0.2,
            penalty_window: 100,
            trust_parents: true,
            nearest_share: 0.5,
            all_nearest_above: 400,
        }
    }
}

/// One genetic search.
pub(crate) struct Hgs<'s, 'a> {
    sd: &'s SearchData<'a>,
    neighbours: &'s [Vec<usize>],
    params: HgsParams,
    ls: LocalSearch<'s, 'a>,
    population: Population,
    penalties: PenaltyManager,
    rng: Rng,
    incumbent: Incumbent,
    since_improvement: u64,
    /// Initial individuals educated so far in the current (re)start.
    initial_made: usize,
    pub iterations: u64,
    /// A warm start, educated as the first initial solution (taken when used).
    pub start: Option<Start>,
}

impl<'s, 'a> Hgs<'s, 'a> {
    pub fn new(
        sd: &'s SearchData<'a>,
        neighbours: &'s [Vec<usize>],
        params: HgsParams,
        seed: u64,
    ) -> Self {
        let initial = CostEvaluator::initial(sd);
        Self {
            sd,
            neighbours,
            params,
            ls: LocalSearch::new(sd, neighbours),
            population: Population::new(params.population),
            penalties: PenaltyManager::new(
                initial,
                CostEvaluator::caps(sd),
                params.penalty_window,
                params.target_feasible,
            ),
            rng: Rng::new(seed),
            incumbent: Incumbent::default(),
            since_improvement: 0,
            initial_made: 0,
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

    /// Fills the population with educated random solutions (stops early if `stop()`).
    pub fn initialise(&mut self, stop: &dyn Fn() -> bool) {
        self.initial_made = 0;
        self.initialise_reporting(stop, &|_| {}, &|| false);
    }

    /// As [`Self::initialise`] (continuing where an earlier call paused), calling `report` with
    /// the best solution after each one is educated (so progress is visible while large
    /// instances set up). Returns after an educated solution when `pause()` says so, and then
    /// returns `false`: a later call goes on with the same random stream, so pausing never
    /// changes the population. Returns `true` once the population is complete or stopped.
    pub fn initialise_reporting(
        &mut self,
        stop: &dyn Fn() -> bool,
        report: &dyn Fn(Option<&Individual>),
        pause: &dyn Fn() -> bool,
    ) -> bool {
        let count = self.params.population.min_size * self.params.initial_factor;
        while self.initial_made < count {
            // However short the time limit, the caller gets at least one constructed solution.
            if stop() && self.population.len() > 0 {
                break;
            }
            if let Some(start) = self.start.take() {
                self.seed_with(&start, stop);
                self.initial_made += 1;
                report(self.best());
                if self.initial_made < count && pause() {
                    return false;
                }
                continue;
            }
            let share = if self.sd.num_clients > self.params.all_nearest_above {
                1.0
            } else {
                self.params.nearest_share
            };
            let routes = if self.rng.unit() < share {
                initial::nearest_neighbour_solution(self.sd, self.neighbours, &mut self.rng)
            } else {
                initial::random_solution(self.sd, &mut self.rng)
            };
            let routes = self.sd.without_pinned(routes);
            self.educate_and_add(&routes, None, stop);
            self.initial_made += 1;
            if self.initial_made == count {
                self.fall_back_to_savings();
            }
            report(self.best());
            if self.initial_made < count && pause() {
                return false;
            }
        }
        true
    }

    /// When no educated initial solution is feasible, offers the savings construction (feasible
    /// whenever the fleet suffices), as built and educated under penalties raised to their caps.
    /// Under weak starting penalties the education of random starts can trade capacity for fewer
    /// vehicles on every start (a costly vehicle, many light clients), and a short search would
    /// then return an overloaded plan although a feasible one is a construction away. It draws
    /// from a copy of the search's random stream, which goes on the same whether or not this runs.
    fn fall_back_to_savings(&mut self) {
        if self.incumbent.feasible.is_some() {
            return;
        }
        let mut rng = self.rng.clone();
        let routes = self
            .sd
            .without_pinned(savings_solution(self.sd, self.neighbours, 0.0, &mut rng).routes);
        let pen = self.penalties.penalties;
        // With pins the construction lacks the pinned clients until the local search puts them
        // back by group: only its educated form is a whole solution.
        if !self.sd.has_pins && (!self.sd.has_restrictions || self.sd.covers_required(&routes)) {
            self.ls.load(&routes, None, &pen);
            let constructed = self.ls.export();
            self.consider_best(&constructed);
        }
        self.ls.load(&routes, None, &self.penalties.caps);
        self.ls.run(&mut rng, &|| false);
        let educated = self.ls.export();
        self.consider_best(&educated);
        if educated.is_feasible() {
            self.population.add(educated, &pen);
        }
    }

    /// The warm start: offered as the incumbent as given (when complete, so the answer is never
    /// worse than a feasible start), then educated into the population like any initial one.
    fn seed_with(&mut self, start: &Start, stop: &dyn Fn() -> bool) {
        if start.complete {
            let pen = self.penalties.penalties;
            self.ls.load(&start.routes, None, &pen);
            let given = self.ls.export();
            self.consider_best(&given);
        }
        self.educate_and_add(&start.routes, None, stop);
    }

    /// Adds an outside solution (another search's best) to the population.
    pub fn inject(&mut self, ind: &Individual) {
        let pen = self.penalties.penalties;
        self.consider_best(ind);
        self.population.add(ind.clone(), &pen);
    }

    /// One generation step: select, cross, educate, maybe repair, and restart on stagnation.
    pub fn iterate(&mut self, stop: &dyn Fn() -> bool) {
        self.iterations += 1;
        self.since_improvement += 1;
        if self.population.len() < 2 {
            let routes = self
                .sd
                .without_pinned(initial::random_solution(self.sd, &mut self.rng));
            self.educate_and_add(&routes, None, stop);
            return;
        }
        let pen = self.penalties.penalties;
        self.population.update_fitness(&pen);
        let (a, b) = self.population.select_pair(&mut self.rng);
        let (child, fresh) =
            route_exchange(a, b, self.neighbours, self.sd.num_clients, &mut self.rng);
        let fresh = if self.params.trust_parents {
            Some(fresh.as_slice())
        } else {
            None
        };
        self.educate_and_add(&child, fresh, stop);
        if self.since_improvement > self.params.restart_after {
            self.restart(stop);
        }
    }

    fn restart(&mut self, stop: &dyn Fn() -> bool) {
        self.population.clear();
        self.since_improvement = 0;
        if let Some(best) = self.incumbent.feasible.clone() {
            let pen = self.penalties.penalties;
            self.population.add(best, &pen);
        }
        self.initialise(stop);
    }

    fn educate_and_add(
        &mut self,
        routes: &[Route],
        fresh: Option<&[bool]>,
        stop: &dyn Fn() -> bool,
    ) {
        let pen = self.penalties.penalties;
        self.ls.load(routes, fresh, &pen);
        self.ls.run(&mut self.rng, stop);
        let ind = self.ls.export();
        self.penalties.register(&ind.excess);
        let feasible = ind.is_feasible();
        self.consider_best(&ind);
        let repair = !feasible && self.rng.unit() < self.params.repair_probability;
        let educated = if repair {
            Some(ind.routes.clone())
        } else {
            None
        };
        self.population.add(ind, &pen);
        if let Some(educated) = educated {
            self.ls
                .load(&educated, None, &pen.scaled(10, &self.penalties.caps));
            self.ls.run(&mut self.rng, stop);
            let repaired = self.ls.export();
            if repaired.is_feasible() {
                self.consider_best(&repaired);
                self.population.add(repaired, &pen);
            }
        }
    }

    fn consider_best(&mut self, ind: &Individual) {
        if self.incumbent.offer(ind, &self.penalties.penalties) {
            self.since_improvement = 0;
        }
    }
}
