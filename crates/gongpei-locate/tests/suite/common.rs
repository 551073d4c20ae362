//! Shared helpers of the gongpei-locate tests: seeded random instances and exhaustive enumeration
//! of site subsets, the brute force every model is checked against.

use gongpei_locate::CostMatrix;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A seeded generator, so that a failing case can be replayed from its seed.
pub fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// Demand points and candidates at random integer points of a 20 x 20 square; costs are the
/// rounded Euclidean distances (integers, so ties occur and objectives compare exactly).
pub fn random_costs(rng: &mut ChaCha8Rng, demands: usize, candidates: usize) -> CostMatrix {
    let point = |rng: &mut ChaCha8Rng| {
        (
            rng.random_range(0..20) as f64,
            rng.random_range(0..20) as f64,
        )
    };
    let d: Vec<_> = (0..demands).map(|_| point(rng)).collect();
    let c: Vec<_> = (0..candidates).map(|_| point(rng)).collect();
    let rows = d
        .iter()
        .map(|a| {
            c.iter()
                .map(|b| ((a.0 - b.0).hypot(a.1 - b.1)).round())
                .collect()
        })
        .collect();
    CostMatrix::new(rows).expect("random costs are finite and non-negative")
}

/// Random integer values in `lo..hi`, as floats.
pub fn random_values(rng: &mut ChaCha8Rng, len: usize, lo: i64, hi: i64) -> Vec<f64> {
    (0..len).map(|_| rng.random_range(lo..hi) as f64).collect()
}

/// Every non-empty subset of `0..m`, as index lists.
pub fn subsets(m: usize) -> impl Iterator<Item = Vec<usize>> {
    (1u32..(1 << m)).map(move |mask| (0..m).filter(|j| mask & (1 << j) != 0).collect())
}

/// The cost of demand point `i` to its cheapest site in `open`.
pub fn nearest(costs: &CostMatrix, i: usize, open: &[usize]) -> f64 {
    open.iter()
        .map(|&j| costs.cost(i, j))
        .fold(f64::INFINITY, f64::min)
}

/// Checks that a solution's assignment only uses open sites.
pub fn assert_assigned_to_open(open: &[usize], assignment: &[Option<usize>]) {
    for j in assignment.iter().flatten() {
        assert!(open.contains(j), "demand assigned to closed site {j}");
    }
}
