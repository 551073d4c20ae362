//! Synthetic road network: trunk roads between the hub and township seats, village roads inside
//! each township. Both follow a Gabriel graph (keep the straight link a-b when no third point
//! lies inside the circle with diameter a-b), which connects neighbours without long bridges and
//! resembles real rural road meshes better than a tree. Roads are longer than the straight line
//! by a sinuosity factor, and longer and slower where the calibration's relief makes it hilly.

use crate::model::RoadClass;
use geo::{Distance, Haversine, Point};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::calibration::Calibration;
use super::geometry::Projection;

/// Pairs (i, j), i < j, of the Gabriel graph of `points`.
pub fn gabriel_pairs(projection: &Projection, points: &[Point<f64>]) -> Vec<(usize, usize)> {
    let dist2_km = |a, b| projection.dist2_km(a, b);
    let mut out = Vec::new();
    for i in 0..points.len() {
        for j in i + 1..points.len() {
            let dij = dist2_km(points[i], points[j]);
            let blocked = (0..points.len()).any(|k| {
                k != i
                    && k != j
                    && dist2_km(points[i], points[k]) + dist2_km(points[j], points[k]) < dij
            });
            if !blocked {
                out.push((i, j));
            }
        }
    }
    out
}

/// Road length for a straight link: 1.12 on the plain up to 1.50 in the mountains, +-4 % noise.
pub fn road_length_m(
    calibration: &Calibration,
    a: Point<f64>,
    b: Point<f64>,
    rng: &mut ChaCha8Rng,
) -> f64 {
    let mid = Point::new((a.x() + b.x()) / 2.0, (a.y() + b.y()) / 2.0);
    let sinuosity = 1.12 + 0.38 * calibration.hilliness(mid) + rng.random_range(-0.04..0.04);
    (Haversine.distance(a, b) * sinuosity).max(50.0)
}

/// Class of a village road (or a seat's link to its villages when `to_seat`).
pub fn local_class(
    calibration: &Calibration,
    a: Point<f64>,
    b: Point<f64>,
    to_seat: bool,
) -> RoadClass {
    let mid = Point::new((a.x() + b.x()) / 2.0, (a.y() + b.y()) / 2.0);
    match (calibration.hilliness(mid) > 0.5, to_seat) {
        (true, _) => RoadClass::Mountain,
        (false, true) => RoadClass::County,
        (false, false) => RoadClass::Village,
    }
}

/// Class of a trunk road between seats; `from_hub` when one end is the district hub.
pub fn trunk_class(
    calibration: &Calibration,
    a: Point<f64>,
    b: Point<f64>,
    from_hub: bool,
) -> RoadClass {
    let mid = Point::new((a.x() + b.x()) / 2.0, (a.y() + b.y()) / 2.0);
    let h = calibration.hilliness(mid);
    if h > 0.7 {
        RoadClass::Mountain
    } else if from_hub || (h < 0.3 && Haversine.distance(a, b) > 9_000.0) {
        RoadClass::NationalProvincial
    } else {
        RoadClass::County
    }
}

/// Two bend points splitting a straight link into three segments, offset sideways by 3-8 % of
/// its length so drawn roads do not look ruled.
pub fn bends(a: Point<f64>, b: Point<f64>, rng: &mut ChaCha8Rng) -> [Point<f64>; 2] {
    let (dx, dy) = (b.x() - a.x(), b.y() - a.y());
    let mut at = |t: f64| {
        let side = rng.random_range(0.03..0.08) * if rng.random::<bool>() { 1.0 } else { -1.0 };
        Point::new(a.x() + t * dx - side * dy, a.y() + t * dy + side * dx)
    };
    [at(1.0 / 3.0), at(2.0 / 3.0)]
}
