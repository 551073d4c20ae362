//! The best solutions one search has seen: the best feasible one, and while there is none the
//! best infeasible one by penalised cost (so even a search that never reaches feasibility
//! returns its least broken answer).

use super::cost::CostEvaluator;
use super::individual::Individual;

#[derive(Debug, Default)]
pub(crate) struct Incumbent {
    pub feasible: Option<Individual>,
    any: Option<Individual>,
}

impl Incumbent {
    /// The best feasible solution, else the best infeasible one.
    pub fn best(&self) -> Option<&Individual> {
        self.feasible.as_ref().or(self.any.as_ref())
    }

    /// Whether `ind` would be a new best feasible solution.
    pub fn improves_feasible(&self, ind: &Individual) -> bool {
        ind.is_feasible()
            && self
                .feasible
                .as_ref()
                .is_none_or(|b| ind.objective < b.objective)
    }

    /// Keeps `ind` if it is better; true when it is a new best feasible solution.
    pub fn offer(&mut self, ind: &Individual, pen: &CostEvaluator) -> bool {
        if self.improves_feasible(ind) {
            self.feasible = Some(ind.clone());
            return true;
        }
        let better_infeasible = !ind.is_feasible()
            && self.feasible.is_none()
            && self
                .any
                .as_ref()
                .is_none_or(|b| ind.penalised_cost(pen) < b.penalised_cost(pen));
        if better_infeasible {
            self.any = Some(ind.clone());
        }
        false
    }
}
