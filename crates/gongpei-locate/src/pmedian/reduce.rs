//! Reductions from a Lagrangian bound and the cutoff: candidates fixed open or closed, and per
//! demand point the dearest cost at which a choice of interest can still serve it.
//!
//! Why they are valid. For any fixed λ, L(λ) computed with an extra constraint is a lower bound
//! on every choice meeting that constraint (adding a constraint to the original problem adds it
//! to the relaxation too). The relaxed problem under "j open" or "c served by j" is solved in
//! closed form from the unconstrained one:
//!
//! - j free and not chosen, forced open: j replaces the worst chosen free candidate,
//!   L + ρ_j - `last_in` (impossible, so +inf, when every slot is fixed open);
//! - j free and chosen, forced closed: the best free candidate left out takes its slot,
//!   L - ρ_j + `first_out` (+inf when there is none);
//! - c served by j (x_cj = 1, hence y_j = 1): c's term for j becomes the reduced cost itself
//!   instead of min(0, it), so L rises by max(0, w_c d_cj - λ_c), plus the price of opening j
//!   as above when j is not chosen.
//!
//! When such a bound reaches the [`Cutoff`], no choice of interest meets the constraint: the
//! candidate is fixed the other way, or no choice of interest serves c from j. A choice serves
//! each point from its nearest open candidate, so in every choice of interest c's nearest open
//! candidate is one of the pairs that survive, and its cost is at most the dearest of them (the
//! "cap"). The model may therefore require an open candidate within c's cap, and drop c's cost
//! levels above it, without losing any choice of interest; and if no pair of c survives, no
//! choice of interest exists at all: the incumbent is optimal.

use super::cutoff::Cutoff;
use super::lagrangian::{Dual, Fix};
use super::pairs::Pairs;

/// Fixes the free candidates whose other state the bound of `dual` rules out; returns how many.
pub(super) fn fix_candidates(dual: &Dual, fix: &mut [Fix], cutoff: Cutoff) -> usize {
    let mut fixed = 0;
    for (j, state) in fix.iter_mut().enumerate() {
        if *state != Fix::Free {
            continue;
        }
        let (forced, other) = if dual.chosen[j] {
            let closed = dual
                .first_out
                .map_or(f64::INFINITY, |r| dual.bound - dual.rho[j] + r);
            (closed, Fix::Open)
        } else {
            let opened = dual
                .last_in
                .map_or(f64::INFINITY, |r| dual.bound + dual.rho[j] - r);
            (opened, Fix::Closed)
        };
        if cutoff.excludes(forced) {
            *state = other;
            fixed += 1;
        }
    }
    fixed
}

/// The extra bound of forcing candidate j open (0 if the relaxed problem opens it).
fn opening_price(dual: &Dual, j: usize) -> f64 {
    if dual.chosen[j] {
        0.0
    } else {
        dual.last_in.map_or(f64::INFINITY, |r| dual.rho[j] - r)
    }
}

/// Per kept demand point, the largest weighted cost of a pair (point, candidate not closed) that a
/// choice of interest may use; `None` when some point keeps no pair (no choice of interest exists).
pub(super) fn service_caps(
    inst: &Pairs,
    dual: &Dual,
    fix: &[Fix],
    cutoff: Cutoff,
) -> Option<Vec<f64>> {
    let price: Vec<f64> = (0..inst.m).map(|j| opening_price(dual, j)).collect();
    (0..inst.clients)
        .map(|c| {
            let (sites, costs) = inst.of(c);
            let l = dual.lambda[c];
            sites
                .iter()
                .zip(costs)
                .rev()
                .map(|(&j, &d)| (j as usize, d))
                .filter(|&(j, _)| fix[j] != Fix::Closed)
                .find(|&(j, d)| !cutoff.excludes(dual.bound + (d - l).max(0.0) + price[j]))
                .map(|(_, d)| d)
        })
        .collect()
}
