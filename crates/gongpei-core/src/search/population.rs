//! The genetic population: a feasible and an infeasible subpopulation ranked by biased fitness
//! (cost rank plus diversity rank by broken-pairs distance, Vidal et al. 2012), binary tournament
//! selection and survivor selection that removes clones first.

use super::cost::CostEvaluator;
use super::individual::Individual;
use super::rng::Rng;

/// Population sizing and fitness weights.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PopulationParams {
    /// Minimum subpopulation size kept by survivor selection.
    pub min_size: usize,
    /// Number of offspring added before survivor selection runs.
    pub generation_size: usize,
    /// Number of elite individuals protected by the fitness weighting.
    pub num_elite: usize,
    /// Number of closest individuals averaged for the diversity contribution.
    pub num_close: usize,
}

impl Default for PopulationParams {
    fn default() -> Self {
        Self {
            min_size: 25,
            generation_size: 40,
            num_elite: 4,
            num_close: 5,
        }
    }
}

struct Member {
    ind: Individual,
    /// Broken-pairs distances to the other members of the subpopulation, closest first.
    close: Vec<(f64, u64)>,
    id: u64,
    fitness: f64,
}

#[derive(Default)]
struct SubPopulation {
    members: Vec<Member>,
}

impl SubPopulation {
    fn add(&mut self, ind: Individual, id: u64) {
        let mut close = Vec::with_capacity(self.members.len());
        for m in &mut self.members {
            let d = ind.broken_pairs_distance(&m.ind);
            close.push((d, m.id));
            let at = m.close.partition_point(|&(x, _)| x < d);
            m.close.insert(at, (d, id));
        }
        close.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        self.members.push(Member {
            ind,
            close,
            id,
            fitness: 0.0,
        });
    }

    fn remove(&mut self, index: usize) {
        let gone = self.members.swap_remove(index);
        for m in &mut self.members {
            if let Some(k) = m.close.iter().position(|&(_, id)| id == gone.id) {
                m.close.remove(k);
            }
        }
    }

    fn update_fitness(&mut self, params: &PopulationParams, pen: &CostEvaluator) {
        let n = self.members.len();
        if n == 0 {
            return;
        }
        if n == 1 {
            self.members[0].fitness = 0.0;
            return;
        }
        let mut by_cost: Vec<(i64, u64, usize)> = self
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.ind.penalised_cost(pen), m.id, i))
            .collect();
        by_cost.sort();
        let diversity: Vec<f64> = self
            .members
            .iter()
            .map(|m| {
                let k = params.num_close.min(m.close.len()).max(1);
                m.close.iter().take(k).map(|x| x.0).sum::<f64>() / k as f64
            })
            .collect();
        let mut by_div: Vec<(f64, u64, usize)> = self
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| (-diversity[i], m.id, i))
            .collect();
        by_div.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut div_rank = vec![0.0; n];
        for (rank, &(_, _, i)) in by_div.iter().enumerate() {
            div_rank[i] = rank as f64 / (n - 1) as f64;
        }
        let elite_weight = 1.0 - (params.num_elite as f64 / n as f64).min(1.0);
        for (rank, &(_, _, i)) in by_cost.iter().enumerate() {
            let cost_rank = rank as f64 / (n - 1) as f64;
            self.members[i].fitness = cost_rank + elite_weight * div_rank[i];
        }
    }

    /// Removes members until `min_size` remain: clones first, then the worst fitness.
    fn survivors(&mut self, params: &PopulationParams, pen: &CostEvaluator) {
        while self.members.len() > params.min_size {
            self.update_fitness(params, pen);
            let clone = self
                .members
                .iter()
                .position(|m| m.close.first().is_some_and(|&(d, _)| d <= 0.0));
            let worst = clone.unwrap_or_else(|| {
                let mut w = 0;
                for i in 1..self.members.len() {
                    let (a, b) = (&self.members[i], &self.members[w]);
                    if a.fitness > b.fitness || (a.fitness == b.fitness && a.id > b.id) {
                        w = i;
                    }
                }
                w
            });
            self.remove(worst);
        }
    }
}

/// Both subpopulations.
pub(crate) struct Population {
    feasible: SubPopulation,
    infeasible: SubPopulation,
    params: PopulationParams,
    next_id: u64,
}

impl Population {
    pub fn new(params: PopulationParams) -> Self {
        Self {
            feasible: SubPopulation::default(),
            infeasible: SubPopulation::default(),
            params,
            next_id: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.feasible.members.len() + self.infeasible.members.len()
    }

    pub fn clear(&mut self) {
        self.feasible.members.clear();
        self.infeasible.members.clear();
    }

    /// Adds an educated individual; runs survivor selection when its subpopulation is full.
    pub fn add(&mut self, ind: Individual, pen: &CostEvaluator) {
        let id = self.next_id;
        self.next_id += 1;
        let sub = if ind.is_feasible() {
            &mut self.feasible
        } else {
            &mut self.infeasible
        };
        sub.add(ind, id);
        if sub.members.len() > self.params.min_size + self.params.generation_size {
            sub.survivors(&self.params, pen);
        }
    }

    /// Refreshes the biased fitness of every member (after additions or penalty changes).
    pub fn update_fitness(&mut self, pen: &CostEvaluator) {
        self.feasible.update_fitness(&self.params, pen);
        self.infeasible.update_fitness(&self.params, pen);
    }

    /// Binary tournament on biased fitness over both subpopulations.
    pub fn select(&self, rng: &mut Rng) -> &Individual {
        let n = self.len();
        let get = |i: usize| -> &Member {
            if i < self.feasible.members.len() {
                &self.feasible.members[i]
            } else {
                &self.infeasible.members[i - self.feasible.members.len()]
            }
        };
        let a = get(rng.below(n));
        let b = get(rng.below(n));
        if a.fitness <= b.fitness {
            &a.ind
        } else {
            &b.ind
        }
    }

    /// Two parents, distinct when the population allows (a few retries).
    pub fn select_pair(&self, rng: &mut Rng) -> (&Individual, &Individual) {
        let a = self.select(rng);
        let mut b = self.select(rng);
        for _ in 0..10 {
            if !std::ptr::eq(a, b) && !a.same_as(b) {
                break;
            }
            b = self.select(rng);
        }
        (a, b)
    }
}
