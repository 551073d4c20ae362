//! The lexicographic max-min of coalition excesses `c(S) − x(S)` over efficient allocations, by
//! the Maschler–Peleg–Shapley / Kopelowitz sequence of LPs (`microlp`). Shared by the nucleolus
//! (every proper coalition a target) and the least-core point (singletons within the least core).
//!
//! Stage k maximises the smallest excess `t` of the targets not yet fixed, subject to
//! `x(N) = c(N)`, the caps `x(S) ≤ b_S` and the excesses fixed at earlier stages. A target is
//! fixed at `t_k` only when a check LP shows its excess cannot exceed `t_k` on the optimal face
//! (correctness over speed: no dual values, so degenerate LPs cannot mislead). Targets whose
//! characteristic vector is spanned by the fixed ones have a constant excess on what is left and
//! are dropped (a value shared by every remaining candidate does not change the lexicographic
//! order). The sequence ends when the fixed vectors span R^n; the point is then the solution of
//! those equalities, solved directly for precision.

use microlp::{ComparisonOp, OptimizationDirection, Problem, Variable};

use super::Coalition;
use crate::CoopError;

/// A coalition's excess counts as tight when it is within this of the stage level (costs scaled
/// so that the largest |c(S)| is 1; i.e. 1e-7 of the largest coalition cost).
pub(super) const TIGHT_TOLERANCE: f64 = 1e-7;

/// Check LPs fix the level this much below the optimum, so that rounding in the stage LP never
/// makes them infeasible (scaled units, far below [`TIGHT_TOLERANCE`]).
const LEVEL_RELAXATION: f64 = 1e-9;

/// Largest game the exact rank test is valid for (see [`Span`]).
pub(super) const LEXICOGRAPHIC_MAX_PLAYERS: usize = 12;

/// The lexicographic optimum and how it was reached.
#[derive(Debug, Clone)]
pub(super) struct LexOutcome {
    /// The unique allocation (scaled units).
    pub x: Vec<f64>,
    /// The level `t_k` of each stage (scaled units), ascending.
    pub levels: Vec<f64>,
    /// LPs solved (stage and check LPs).
    pub lps: usize,
}

/// The polytope of allocations `x(N) = c(N)`, `x(S) ≤ b_S` and the coalitions whose excess is
/// compared, all in scaled units.
pub(super) struct LexProblem<'a> {
    /// Players.
    pub n: usize,
    /// Scaled coalition costs indexed by bitmask (`table[0] = 0`).
    pub table: &'a [f64],
    /// Coalitions whose excesses `table[S] − x(S)` are maximised lexicographically.
    pub targets: Vec<Coalition>,
    /// Extra constraints `x(S) ≤ b`.
    pub caps: Vec<(Coalition, f64)>,
}

impl LexProblem<'_> {
    /// One max-min stage: `max t` with the free targets' excesses `≥ t` and the fixed ones equal
    /// to their levels. Returns `(t, x)`.
    pub fn max_min(
        &self,
        free: &[Coalition],
        fixed: &[(Coalition, f64)],
    ) -> Result<(f64, Vec<f64>), CoopError> {
        let (mut lp, x) = self.base(fixed);
        let t = lp.add_var(1.0, (f64::NEG_INFINITY, f64::INFINITY));
        for &s in free {
            let mut terms = coalition_terms(&x, s);
            terms.push((t, 1.0));
            lp.add_constraint(terms, ComparisonOp::Le, self.table[s.0 as usize]);
        }
        let solution = lp.solve().map_err(|e| lp_error("stage", e))?;
        Ok((solution[t], x.iter().map(|&v| solution[v]).collect()))
    }

    /// The largest excess target `s` can reach while every free target keeps an excess of at
    /// least `level` (and the fixed ones theirs). Returns the point reaching it.
    fn max_excess(
        &self,
        s: Coalition,
        level: f64,
        free: &[Coalition],
        fixed: &[(Coalition, f64)],
    ) -> Result<Vec<f64>, CoopError> {
        let (mut lp, x) = self.base(fixed);
        for &f in free {
            lp.add_constraint(
                coalition_terms(&x, f),
                ComparisonOp::Le,
                self.table[f.0 as usize] - level + LEVEL_RELAXATION,
            );
        }
        // max c(S) − x(S)  ⇔  min x(S).
        solve_with_objective(lp, &x, &coalition_terms(&x, s))
    }

    /// The LP with the allocation variables, efficiency, caps and fixed excesses.
    fn base(&self, fixed: &[(Coalition, f64)]) -> (Problem, Vec<Variable>) {
        let mut lp = Problem::new(OptimizationDirection::Maximize);
        let x: Vec<Variable> = (0..self.n)
            .map(|_| lp.add_var(0.0, (f64::NEG_INFINITY, f64::INFINITY)))
            .collect();
        let grand = Coalition::grand(self.n);
        lp.add_constraint(
            coalition_terms(&x, grand),
            ComparisonOp::Eq,
            self.table[grand.0 as usize],
        );
        for &(s, b) in &self.caps {
            lp.add_constraint(coalition_terms(&x, s), ComparisonOp::Le, b);
        }
        for &(s, level) in fixed {
            lp.add_constraint(
                coalition_terms(&x, s),
                ComparisonOp::Eq,
                self.table[s.0 as usize] - level,
            );
        }
        (lp, x)
    }

    fn excess(&self, s: Coalition, x: &[f64]) -> f64 {
        self.table[s.0 as usize] - s.players().map(|i| x[i]).sum::<f64>()
    }

    /// Runs the whole sequence.
    pub fn solve(&self) -> Result<LexOutcome, CoopError> {
        let n = self.n;
        let grand = Coalition::grand(n);
        let mut span = Span::new(n);
        span.insert(grand);
        // Independent equalities fixing x: efficiency, then one per fixed target.
        let mut equalities: Vec<(Coalition, f64)> = vec![(grand, self.table[grand.0 as usize])];
        let mut fixed: Vec<(Coalition, f64)> = Vec::new();
        let mut free: Vec<Coalition> = self
            .targets
            .iter()
            .copied()
            .filter(|&s| !span.contains(s))
            .collect();
        let mut levels = Vec::new();
        let mut lps = 0;
        while span.rank() < n {
            if free.is_empty() {
                return Err(CoopError::Input(format!(
                    "lexicographic allocation: the {} target coalitions do not determine a unique \
                     allocation of {n} players",
                    self.targets.len()
                )));
            }
            let (level, x_star) = self.max_min(&free, &fixed)?;
            lps += 1;
            levels.push(level);
            // Only targets tight at this optimum can be tight at every optimum.
            let mut undecided: Vec<Coalition> = free
                .iter()
                .copied()
                .filter(|&s| self.excess(s, &x_star) - level <= TIGHT_TOLERANCE)
                .collect();
            let mut newly_fixed = Vec::new();
            while let Some(s) = undecided.first().copied() {
                let point = self.max_excess(s, level, &free, &fixed)?;
                lps += 1;
                if self.excess(s, &point) - level <= TIGHT_TOLERANCE {
                    newly_fixed.push(s);
                    undecided.remove(0);
                } else {
                    // Every candidate with room at this point is not tight in every optimum.
                    undecided.retain(|&u| self.excess(u, &point) - level <= TIGHT_TOLERANCE);
                    undecided.retain(|&u| u != s);
                }
            }
            if newly_fixed.is_empty() {
                return Err(CoopError::Input(format!(
                    "lexicographic allocation: no coalition is tight at stage {} (level {level:e}); \
                     the LPs are numerically unreliable for this game",
                    levels.len()
                )));
            }
            for s in newly_fixed {
                // Dependent equalities are implied; adding them would only invite rounding
                // inconsistencies.
                if span.insert(s) {
                    fixed.push((s, level));
                    equalities.push((s, self.table[s.0 as usize] - level));
                }
            }
            free.retain(|&s| !span.contains(s));
        }
        let x = solve_equalities(n, &equalities).ok_or_else(|| {
            CoopError::Input("lexicographic allocation: the fixed coalitions are singular".into())
        })?;
        Ok(LexOutcome { x, levels, lps })
    }
}

fn coalition_terms(x: &[Variable], s: Coalition) -> Vec<(Variable, f64)> {
    s.players().map(|i| (x[i], 1.0)).collect()
}

fn lp_error(which: &str, e: microlp::Error) -> CoopError {
    CoopError::Input(format!("lexicographic allocation: {which} LP failed ({e})"))
}

/// Re-states `lp` (built for maximisation with zero objective) as `min objective`: microlp fixes
/// objectives when variables are added, so the check LP is rebuilt with the objective folded in
/// by an extra variable `z = objective`, minimised.
fn solve_with_objective(
    mut lp: Problem,
    x: &[Variable],
    objective: &[(Variable, f64)],
) -> Result<Vec<f64>, CoopError> {
    // Maximise −z with z = objective: the same as minimising the objective.
    let z = lp.add_var(-1.0, (f64::NEG_INFINITY, f64::INFINITY));
    let mut terms = objective.to_vec();
    terms.push((z, -1.0));
    lp.add_constraint(terms, ComparisonOp::Eq, 0.0);
    let solution = lp.solve().map_err(|e| lp_error("check", e))?;
    Ok(x.iter().map(|&v| solution[v]).collect())
}

/// Solves the `n` independent equalities `x(S) = b` (Gaussian elimination, partial pivoting).
fn solve_equalities(n: usize, rows: &[(Coalition, f64)]) -> Option<Vec<f64>> {
    if rows.len() != n {
        return None;
    }
    let mut a: Vec<Vec<f64>> = rows
        .iter()
        .map(|&(s, b)| {
            let mut row: Vec<f64> = (0..n).map(|i| f64::from(u8::from(s.contains(i)))).collect();
            row.push(b);
            row
        })
        .collect();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        let pivot_row = a[col].clone();
        for (r, row) in a.iter_mut().enumerate() {
            if r != col {
                let f = row[col] / pivot_row[col];
                if f != 0.0 {
                    for (v, p) in row[col..].iter_mut().zip(&pivot_row[col..]) {
                        *v -= f * p;
                    }
                }
            }
        }
    }
    Some((0..n).map(|i| a[i][n] / a[i][i]).collect())
}

/// Linear span of coalitions' characteristic vectors, kept as an echelon basis modulo the prime
/// p = 2^61 − 1. A 0/1 matrix of order k ≤ 12 has minors of at most 13^6.5 / 2^12 < 5,000 in
/// absolute value (Hadamard), so a set is independent over Q exactly when it is modulo p: the
/// rank test is exact for [`LEXICOGRAPHIC_MAX_PLAYERS`] players.
struct Span {
    n: usize,
    /// Reduced rows, each with its pivot column.
    rows: Vec<(usize, Vec<u64>)>,
}

const P: u64 = (1 << 61) - 1;

fn mul_mod(a: u64, b: u64) -> u64 {
    ((u128::from(a) * u128::from(b)) % u128::from(P)) as u64
}

fn inv_mod(a: u64) -> u64 {
    // Fermat: a^(p−2).
    let (mut base, mut exp, mut acc) = (a, P - 2, 1u64);
    while exp > 0 {
        if exp & 1 == 1 {
            acc = mul_mod(acc, base);
        }
        base = mul_mod(base, base);
        exp >>= 1;
    }
    acc
}

impl Span {
    fn new(n: usize) -> Self {
        Span {
            n,
            rows: Vec::new(),
        }
    }

    fn rank(&self) -> usize {
        self.rows.len()
    }

    fn reduce(&self, s: Coalition) -> Vec<u64> {
        let mut v: Vec<u64> = (0..self.n).map(|i| u64::from(s.contains(i))).collect();
        for (pivot, row) in &self.rows {
            let f = v[*pivot];
            if f != 0 {
                for (vi, ri) in v.iter_mut().zip(row) {
                    *vi = (*vi + P - mul_mod(f, *ri)) % P;
                }
            }
        }
        v
    }

    fn contains(&self, s: Coalition) -> bool {
        self.reduce(s).iter().all(|&c| c == 0)
    }

    /// Adds `s`; false when it was already spanned.
    fn insert(&mut self, s: Coalition) -> bool {
        let mut v = self.reduce(s);
        let Some(pivot) = v.iter().position(|&c| c != 0) else {
            return false;
        };
        let inv = inv_mod(v[pivot]);
        for c in v.iter_mut() {
            *c = mul_mod(*c, inv);
        }
        // Keep the basis reduced: clear the new pivot column from the older rows.
        for (_, row) in self.rows.iter_mut() {
            let f = row[pivot];
            if f != 0 {
                for (ri, vi) in row.iter_mut().zip(&v) {
                    *ri = (*ri + P - mul_mod(f, *vi)) % P;
                }
            }
        }
        self.rows.push((pivot, v));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_rank_of_coalitions() {
        let mut span = Span::new(3);
        assert!(span.insert(Coalition(0b111)));
        assert!(span.insert(Coalition(0b011)));
        assert!(span.contains(Coalition(0b100)));
        assert!(!span.contains(Coalition(0b001)));
        assert!(!span.insert(Coalition(0b100)));
        assert!(span.insert(Coalition(0b101)));
        assert_eq!(span.rank(), 3);
    }

    #[test]
    fn equalities_are_solved() {
        let rows = [
            (Coalition(0b111), 6.0),
            (Coalition(0b011), 3.0),
            (Coalition(0b001), 1.0),
        ];
        let x = solve_equalities(3, &rows).unwrap();
        for (a, b) in x.iter().zip([1.0, 2.0, 3.0]) {
            assert!((a - b).abs() < 1e-12);
        }
    }
}
