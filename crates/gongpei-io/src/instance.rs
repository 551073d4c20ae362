//! The result of reading an instance: the validated problem plus what is needed to talk about it in
//! the file's own terms (name, cost unit, node numbering).

use gongpei_core::{Cost, ProblemData};
use std::collections::HashMap;

/// Scale used by every "unrounded" convention: Euclidean distances (and times) are multiplied by
/// 10,000 and rounded to integers, so a cost of `c` in the model means `c / 10_000` file units.
/// The per-arc rounding error (at most 0.00005) is far below the two decimals BKS are quoted to.
pub const EXACT_SCALE: i64 = 10_000;

/// The file formats [`crate::read_instance`] recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TSPLIB-style VRPLIB/CVRPLIB `.vrp` (also LKH-3 `.vrpspd` files, which use the same layout).
    Vrplib,
    /// Solomon / Gehring-Homberger VRPTW `.txt`.
    Solomon,
    /// Cordeau's MDVRP format (`type m n t` header).
    Cordeau,
}

impl Format {
    /// A short lower-case name (`vrplib`, `solomon`, `cordeau`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Vrplib => "vrplib",
            Self::Solomon => "solomon",
            Self::Cordeau => "cordeau",
        }
    }
}

/// How real-valued distances become the model's integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// TSPLIB `EUC_2D`: `nint(sqrt(dx^2 + dy^2))`, cost scale 1 (CVRPLIB A, B, E, P, X).
    Nearest,
    /// DIMACS / CVRPLIB VRPTW: every distance and travel time truncated to one decimal, i.e.
    /// `floor(10 * d)`; times and service durations are also multiplied by 10. Cost scale 10.
    TruncatedOneDecimal,
    /// Unrounded Euclidean distances, represented as `round(d * EXACT_SCALE)`. Cost scale
    /// [`EXACT_SCALE`] (Cordeau, Montane-Galvao, Solomon hierarchical convention).
    Exact,
    /// Distances given explicitly in the file, used as they are (possibly with a known scale).
    Explicit,
}

/// Options for [`crate::read_instance_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Rounding for Solomon-format files: [`Rounding::TruncatedOneDecimal`] (default, the
    /// distance-only DIMACS convention of `bks_dist_only`) or [`Rounding::Exact`] (the unrounded
    /// convention of the hierarchical BKS and the SINTEF solutions).
    pub solomon_rounding: Rounding,
    /// Read VRPLIB files with backhauls (`TYPE : VRPB`, `BACKHAUL_SECTION`) as the **mixed
    /// relaxation**: backhaul demands become pickups that may be collected anywhere on a route.
    /// Classic VRPB requires every linehaul (delivery) client to precede every backhaul client on
    /// its route, which the engine does not model, so its optimum can lie below the benchmark's
    /// best-known values. `false` (the default) refuses such files with an error saying so.
    pub vrpb_mixed: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            solomon_rounding: Rounding::TruncatedOneDecimal,
            vrpb_mixed: false,
        }
    }
}

/// A benchmark instance: the problem and its bookkeeping.
///
/// Client `c` of [`Instance::data`] is written as `solution_ids[c]` in `.sol` files (for VRPLIB
/// that is node id minus one, for Solomon and Cordeau the customer number of the file).
#[derive(Debug, Clone)]
pub struct Instance {
    /// Instance name (the `NAME` field, the first line, or the file stem).
    pub name: String,
    /// The format it was read from.
    pub format: Format,
    /// How distances were made integers.
    pub rounding: Rounding,
    /// The validated problem.
    pub data: ProblemData,
    /// Integer cost divided by this is the cost in the file's unit.
    pub cost_scale: i64,
    /// Number of each client in solution files.
    pub solution_ids: Vec<u64>,
    /// Node id in the instance file of each client.
    pub node_ids: Vec<u64>,
    /// Node id in the instance file of each depot.
    pub depot_node_ids: Vec<u64>,
    /// For files that list their vehicles one by one (PyVRP's VRPLIB dialect: `VEHICLES` with
    /// `CAPACITY_SECTION` or `VEHICLES_*_SECTION`), the vehicle type of each listed vehicle in file
    /// order. Consecutive identical vehicles form one type, so each type's vehicles are a run of
    /// consecutive entries. `.sol` files of such instances number routes by vehicle: `Route #k` is
    /// driven by vehicle `k` (empty routes may be listed). Empty for every other file.
    pub listed_vehicle_types: Vec<usize>,
    /// The unit of the integer `Cost` lines PyVRP writes into this set's `.sol` files, as a scale
    /// like [`Instance::cost_scale`]: its model's integer cost (`round_func` `dimacs`, x 10, for
    /// PCVRPTW; `exact`, x 1000, times the files' x 100 costs, so 10^5, for HFVRP).
    /// [`crate::compare_stated_cost`] accepts an integer stated cost in this unit too. `None` for
    /// sets whose `.sol` costs are in the file's unit only.
    pub integer_cost_scale: Option<i64>,
}

impl Instance {
    /// Cost in the file's unit.
    ///
    /// ```
    /// # let inst = gongpei_io::read_instance_str("C1.txt", "C1\nVEHICLE\nNUMBER CAPACITY\n 2 10\nCUSTOMER\nCUST NO. XCOORD. YCOORD. DEMAND READY TIME DUE DATE SERVICE TIME\n0 0 0 0 0 100 0\n1 3 4 1 0 100 0\n").unwrap();
    /// assert_eq!(inst.cost_scale, 10);
    /// assert_eq!(inst.unscaled(103), 10.3);
    /// ```
    pub fn unscaled(&self, cost: Cost) -> f64 {
        cost as f64 / self.cost_scale as f64
    }

    /// The client numbered `id` in solution files, if any.
    pub fn client_of_solution_id(&self) -> HashMap<u64, usize> {
        self.solution_ids
            .iter()
            .enumerate()
            .map(|(c, &id)| (id, c))
            .collect()
    }
}

/// Euclidean distance of two points.
pub(crate) fn euclid(a: (f64, f64), b: (f64, f64)) -> f64 {
    (a.0 - b.0).hypot(a.1 - b.1)
}

/// Integer square root (floor) of a non-negative integer, exact for every `u128` input.
pub(crate) fn isqrt(n: u128) -> u128 {
    if n < 2 {
        return n;
    }
    let mut x = (n as f64).sqrt() as u128;
    while x * x > n {
        x -= 1;
    }
    while (x + 1) * (x + 1) <= n {
        x += 1;
    }
    x
}

/// `floor(10 * d)` for the distance between two points, exact when coordinates are integers.
pub(crate) fn truncated_tenths(a: (f64, f64), b: (f64, f64)) -> i64 {
    let (dx, dy) = (a.0 - b.0, a.1 - b.1);
    if dx.fract() == 0.0 && dy.fract() == 0.0 && dx.abs() < 1e9 && dy.abs() < 1e9 {
        let sq = (dx as i128 * dx as i128 + dy as i128 * dy as i128) as u128;
        isqrt(100 * sq) as i64
    } else {
        (10.0 * euclid(a, b)).floor() as i64
    }
}

/// Builds the distance for a pair of points under `rounding` (not `Explicit`).
pub(crate) fn coordinate_distance(rounding: Rounding, a: (f64, f64), b: (f64, f64)) -> i64 {
    match rounding {
        Rounding::Nearest => (euclid(a, b) + 0.5).floor() as i64,
        Rounding::TruncatedOneDecimal => truncated_tenths(a, b),
        Rounding::Exact | Rounding::Explicit => (euclid(a, b) * EXACT_SCALE as f64).round() as i64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_square_root_is_exact() {
        for n in 0u128..2000 {
            let r = isqrt(n);
            assert!(r * r <= n && (r + 1) * (r + 1) > n, "{n}");
        }
        let big = (1u128 << 60) - 1;
        let r = isqrt(big);
        assert!(r * r <= big && (r + 1) * (r + 1) > big);
    }

    #[test]
    fn truncation_is_exact_on_perfect_squares() {
        // 3-4-5 triangle: 10 * 5 = 50 exactly, no floating error may turn it into 49.
        assert_eq!(truncated_tenths((0.0, 0.0), (3.0, 4.0)), 50);
        // sqrt(2) = 1.414.. -> 14
        assert_eq!(truncated_tenths((0.0, 0.0), (1.0, 1.0)), 14);
    }

    #[test]
    fn nearest_rounds_halves_up() {
        assert_eq!(
            coordinate_distance(Rounding::Nearest, (0.0, 0.0), (0.0, 2.5)),
            3
        );
        assert_eq!(
            coordinate_distance(Rounding::Nearest, (0.0, 0.0), (1.0, 1.0)),
            1
        );
    }
}
