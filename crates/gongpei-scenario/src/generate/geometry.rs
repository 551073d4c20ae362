//! Small planar helpers for generation: a local metric projection around Jizhou and offsets.
//! At 40 degrees N over a 60 km district the equirectangular approximation errs by well under
//! 1 %, plenty for placing synthetic points and ranking nearest seats.

use geo::Point;

const KM_PER_DEG_LAT: f64 = 110.57;
const KM_PER_DEG_LON_AT_40N: f64 = 85.39;

/// Squared planar distance in km^2 (cheap nearest-neighbour ranking).
pub fn dist2_km(a: Point<f64>, b: Point<f64>) -> f64 {
    let dx = (a.x() - b.x()) * KM_PER_DEG_LON_AT_40N;
    let dy = (a.y() - b.y()) * KM_PER_DEG_LAT;
    dx * dx + dy * dy
}

/// Planar distance in km.
pub fn dist_km(a: Point<f64>, b: Point<f64>) -> f64 {
    dist2_km(a, b).sqrt()
}

/// The point `km` kilometres from `p` at `bearing` radians (0 = east, counter-clockwise).
pub fn offset_km(p: Point<f64>, km: f64, bearing: f64) -> Point<f64> {
    Point::new(
        p.x() + km * bearing.cos() / KM_PER_DEG_LON_AT_40N,
        p.y() + km * bearing.sin() / KM_PER_DEG_LAT,
    )
}

/// Hilliness in [0, 1]: 0 on the plain south of the district seat, 1 in the Yanshan
/// mountains of the north (Jizhou's relief rises steeply north of about 40.05 N).
pub fn hilliness(p: Point<f64>) -> f64 {
    let t = ((p.y() - 40.03) / 0.12).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// Index of the nearest of `seats` to `p`, and the rank (0 = nearest) of seat `own`.
pub fn rank_of(p: Point<f64>, seats: &[Point<f64>], own: usize) -> usize {
    let d_own = dist2_km(p, seats[own]);
    seats.iter().filter(|&&s| dist2_km(p, s) < d_own).count()
}
