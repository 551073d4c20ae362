//! The Lagrangian lower bound: relax "each demand point is served once" with one multiplier per
//! point; the relaxed problem opens the p candidates of most negative reduced cost, O(pairs) per
//! evaluation; subgradient optimisation of the multipliers approaches the LP bound of the
//! formulation (the relaxed problem has the integrality property).
//!
//! With multipliers λ_c, serving c from j has reduced cost w_c d_cj - λ_c; candidate j's value is
//! ρ_j = Σ_c min(0, w_c d_cj - λ_c), and L(λ) = Σ_c λ_c + (sum of the chosen ρ_j), the chosen
//! being the candidates fixed open plus the most negative free ones up to p. Every L(λ) is a lower
//! bound on the optimum under the same fixings.

use std::time::Instant;

use super::cutoff::Cutoff;
use super::pairs::Pairs;

/// What is known about a candidate: free, or fixed by a proof that no choice of interest (see
/// [`Cutoff`]) has it otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fix {
    /// Open or closed.
    Free,
    /// Open in every choice of interest.
    Open,
    /// Closed in every choice of interest.
    Closed,
}

/// The relaxed problem solved at one set of multipliers.
#[derive(Debug, Clone)]
pub(super) struct Dual {
    /// The multipliers, one per kept demand point.
    pub lambda: Vec<f64>,
    /// L(λ), a lower bound (`+inf` when the fixings leave no choice of p candidates).
    pub bound: f64,
    /// ρ_j per candidate (0 for closed ones).
    pub rho: Vec<f64>,
    /// The candidates the relaxed problem opens (fixed open ones included).
    pub chosen: Vec<bool>,
    /// The largest ρ among the chosen free candidates (`None` if every slot is fixed open).
    pub last_in: Option<f64>,
    /// The smallest ρ among the free candidates left closed (`None` if there is none).
    pub first_out: Option<f64>,
}

impl Dual {
    /// The open candidates of the relaxed problem, ascending.
    pub fn chosen_set(&self) -> Vec<usize> {
        (0..self.chosen.len()).filter(|&j| self.chosen[j]).collect()
    }
}

/// Solves the relaxed problem at `lambda`; also returns the subgradient (1 minus the number of
/// chosen candidates serving each point at negative reduced cost).
pub(super) fn evaluate(inst: &Pairs, fix: &[Fix], lambda: Vec<f64>) -> (Dual, Vec<f64>) {
    let mut rho = vec![0.0f64; inst.m];
    for (c, &l) in lambda.iter().enumerate() {
        let (sites, costs) = inst.of(c);
        for (&j, &d) in sites.iter().zip(costs) {
            if d >= l {
                break;
            }
            rho[j as usize] += d - l;
        }
    }
    for j in 0..inst.m {
        if fix[j] == Fix::Closed {
            rho[j] = 0.0;
        }
    }
    let mut chosen: Vec<bool> = fix.iter().map(|&f| f == Fix::Open).collect();
    let fixed_open = chosen.iter().filter(|&&o| o).count();
    let mut free: Vec<usize> = (0..inst.m).filter(|&j| fix[j] == Fix::Free).collect();
    free.sort_by(|&a, &b| rho[a].total_cmp(&rho[b]).then(a.cmp(&b)));
    let feasible = fixed_open <= inst.p && fixed_open + free.len() >= inst.p;
    let slots = inst.p.saturating_sub(fixed_open).min(free.len());
    for &j in &free[..slots] {
        chosen[j] = true;
    }
    let last_in = slots.checked_sub(1).map(|k| rho[free[k]]);
    let first_out = free.get(slots).map(|&j| rho[j]);
    let bound = if feasible {
        lambda.iter().sum::<f64>()
            + (0..inst.m)
                .filter(|&j| chosen[j])
                .map(|j| rho[j])
                .sum::<f64>()
    } else {
        f64::INFINITY
    };
    let mut gradient = vec![1.0; inst.clients];
    for (c, g) in gradient.iter_mut().enumerate() {
        let (sites, costs) = inst.of(c);
        let l = lambda[c];
        for (&j, &d) in sites.iter().zip(costs) {
            if d >= l {
                break;
            }
            if chosen[j as usize] {
                *g -= 1.0;
            }
        }
    }
    let dual = Dual {
        lambda,
        bound,
        rho,
        chosen,
        last_in,
        first_out,
    };
    (dual, gradient)
}

/// How long the subgradient optimisation runs.
#[derive(Debug, Clone, Copy)]
pub(super) struct Schedule {
    /// The first step factor (2 from scratch, smaller from a parent's multipliers).
    pub factor: f64,
    /// Iterations without a better bound before the factor is halved.
    pub patience: usize,
    /// The factor below which the optimisation stops.
    pub smallest_factor: f64,
    /// At most this many iterations.
    pub iterations: usize,
}

impl Schedule {
    /// From scratch, run to convergence: the root of the search.
    pub const ROOT: Schedule = Schedule {
        factor: 2.0,
        patience: 30,
        smallest_factor: 1e-6,
        iterations: 20_000,
    };
    /// From the parent's multipliers, shorter: a node of the branch and bound.
    pub const NODE: Schedule = Schedule {
        factor: 0.5,
        patience: 8,
        smallest_factor: 1e-3,
        iterations: 400,
    };
}

/// Subgradient optimisation (Held, Wolfe and Crowder's step towards the incumbent's objective
/// `upper`, the step factor halved after a run of iterations without a better bound) from
/// `start`; returns the best relaxed problem met. Stops when the bound reaches `cutoff`, the
/// schedule is spent or `deadline` passes.
pub(super) fn ascend(
    inst: &Pairs,
    fix: &[Fix],
    start: Vec<f64>,
    upper: f64,
    cutoff: Cutoff,
    schedule: Schedule,
    deadline: Option<Instant>,
) -> Dual {
    let (mut best, mut gradient) = evaluate(inst, fix, start);
    let mut current = best.clone();
    let mut factor = schedule.factor;
    let mut stale = 0;
    for _ in 0..schedule.iterations {
        if cutoff.excludes(best.bound) || factor < schedule.smallest_factor {
            break;
        }
        if deadline.is_some_and(|d| Instant::now() >= d) {
            break;
        }
        let norm: f64 = gradient.iter().map(|g| g * g).sum();
        if norm == 0.0 {
            break; // the relaxed choice serves every point once: the bound is its objective
        }
        let step = factor * (upper - current.bound).max(1e-9 * upper.abs().max(1.0)) / norm;
        let mut lambda = std::mem::take(&mut current.lambda);
        for (l, g) in lambda.iter_mut().zip(&gradient) {
            *l += step * g;
        }
        let (next, next_gradient) = evaluate(inst, fix, lambda);
        current = next;
        gradient = next_gradient;
        if current.bound > best.bound {
            best = current.clone();
            stale = 0;
        } else {
            stale += 1;
            if stale >= schedule.patience {
                factor /= 2.0;
                stale = 0;
            }
        }
    }
    best
}
