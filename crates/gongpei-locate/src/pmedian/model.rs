//! The MIP handed to HiGHS: the sorted-distances formulation (Elloumi 2010, after Cornuéjols,
//! Nemhauser and Wolsey 1980) restricted by the reductions.
//!
//! For demand point c with distinct weighted costs D^1 < D^2 < ... over the candidates not
//! closed, z_k in [0, 1] says "no open candidate within D^k", and the objective is
//! Σ_c (D^1 + Σ_k (D^{k+1} - D^k) z_k). Elloumi's rows `z_k + Σ_{j: d_cj <= D^k} y_j >= 1` repeat
//! every nearer candidate in every level; they are written as the equivalent chain
//! `z_1 + Σ_{level 1} y_j >= 1`, `z_k - z_{k-1} + Σ_{level k} y_j >= 0` (the least z meeting the
//! chain is max(0, 1 - Σ of the nearer y), the same value, also for fractional y), so each
//! candidate appears once per point. A point's levels stop:
//!
//! - at the level holding a candidate fixed open (z = 0 from there on, no row needed);
//! - at the level that at least m' - p + 1 of the m' candidates not closed reach (at most m' - p of
//!   them are closed, so one of these is open; the LP implies the row too);
//! - at the end of the point's list, which `Pairs::restrict` cut at the point's cap (see
//!   `reduce`): there z = 0 is imposed, the chain row kept without z, i.e. "an open candidate
//!   within the cap".

use highs::{Col, RowProblem};

use super::lagrangian::Fix;
use super::pairs::Pairs;

/// The model and what reading its solution needs.
pub(super) struct Model {
    /// The HiGHS problem (minimise).
    pub problem: RowProblem,
    /// The objective's constant part, Σ_c D^1, left out of the problem.
    pub constant: f64,
}

/// Builds the model of the (restricted) pairs under `fix`; column j < m is candidate j's y (in
/// the pairs' numbering).
pub(super) fn build(inst: &Pairs, fix: &[Fix]) -> Model {
    let mut pb = RowProblem::default();
    let y: Vec<Col> = (0..inst.m)
        .map(|j| match fix[j] {
            Fix::Free => pb.add_integer_column(0.0, 0..=1),
            Fix::Open => pb.add_integer_column(0.0, 1..=1),
            Fix::Closed => pb.add_integer_column(0.0, 0..=0),
        })
        .collect();
    pb.add_row(inst.p as f64..=inst.p as f64, y.iter().map(|&c| (c, 1.0)));
    let available = fix.iter().filter(|&&f| f != Fix::Closed).count();
    let mut constant = 0.0;
    let mut group = Vec::new();
    for c in 0..inst.clients {
        let (sites, costs) = inst.of(c);
        let mut sorted = sites
            .iter()
            .zip(costs)
            .map(|(&j, &d)| (j as usize, d))
            .filter(|&(j, _)| fix[j] != Fix::Closed)
            .peekable();
        let mut previous: Option<Col> = None;
        let mut reached = 0;
        while let Some((first, level)) = sorted.next() {
            if previous.is_none() {
                constant += level;
            }
            group.clear();
            group.push(first);
            while let Some((j, _)) = sorted.next_if(|&(_, d)| d == level) {
                group.push(j);
            }
            reached += group.len();
            if group.iter().any(|&j| fix[j] == Fix::Open) || reached + inst.p > available {
                break;
            }
            let opened = group.iter().map(|&j| (y[j], 1.0));
            let before = previous.map(|z| (z, -1.0));
            let lower = if previous.is_none() { 1.0 } else { 0.0 };
            let Some(&(_, next)) = sorted.peek() else {
                pb.add_row(lower.., opened.chain(before)); // the cap
                break;
            };
            let z = pb.add_column(next - level, 0.0..=1.0);
            pb.add_row(
                lower..,
                opened.chain(before).chain(std::iter::once((z, 1.0))),
            );
            previous = Some(z);
        }
    }
    Model {
        problem: pb,
        constant,
    }
}
