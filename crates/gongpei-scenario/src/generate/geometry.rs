//! Small planar helpers for generation: a local equirectangular projection around the district
//! point, offsets and nearest-seat ranks. Over a county (50-100 km) the approximation errs by
//! well under 1 %, plenty for placing synthetic points and ranking nearest seats.

use geo::Point;

/// Kilometres per degree of latitude used by the projection (the meridian degree near the
/// equator; within 0.5 % of the true value at any latitude, and the same for every district).
const KM_PER_DEG_LAT: f64 = 110.57;
/// WGS84 semi-major axis (km) and first eccentricity squared, for the parallel's degree length.
const WGS84_A_KM: f64 = 6378.137;
const WGS84_E2: f64 = 0.006_694_379_990_14;

/// A local metric projection: degrees to kilometres around a reference latitude.
///
/// The reference latitude is the district point's, rounded to a whole degree, and the length
/// of a degree of longitude there (WGS84 ellipsoid) is rounded to 10 m, so that nearby points
/// of one district always get the same projection (at 40 N: 85.39 km per degree).
///
/// ```
/// use gongpei_scenario::generate::Projection;
/// let p = Projection::at(geo::Point::new(117.4, 40.05));
/// assert_eq!(p.km_per_deg_lon(), 85.39);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    km_per_deg_lon: f64,
    reference_lat_deg: f64,
}

impl Projection {
    /// The projection for a district whose point is `origin` (WGS84).
    pub fn at(origin: Point<f64>) -> Self {
        let lat = origin.y().round().clamp(-89.0, 89.0);
        let phi = lat.to_radians();
        let parallel_km = std::f64::consts::PI / 180.0 * WGS84_A_KM * phi.cos()
            / (1.0 - WGS84_E2 * phi.sin().powi(2)).sqrt();
        Projection {
            km_per_deg_lon: (parallel_km * 100.0).round() / 100.0,
            reference_lat_deg: lat,
        }
    }

    /// Kilometres per degree of longitude.
    pub fn km_per_deg_lon(&self) -> f64 {
        self.km_per_deg_lon
    }

    /// Ratio of an east-west degree to a north-south one on a map (cosine of the reference
    /// latitude, three decimals), for bearings.
    pub fn aspect(&self) -> f64 {
        (self.reference_lat_deg.to_radians().cos() * 1000.0).round() / 1000.0
    }

    /// Squared planar distance in km^2 (cheap nearest-neighbour ranking).
    pub fn dist2_km(&self, a: Point<f64>, b: Point<f64>) -> f64 {
        let dx = (a.x() - b.x()) * self.km_per_deg_lon;
        let dy = (a.y() - b.y()) * KM_PER_DEG_LAT;
        dx * dx + dy * dy
    }

    /// Planar distance in km.
    pub fn dist_km(&self, a: Point<f64>, b: Point<f64>) -> f64 {
        self.dist2_km(a, b).sqrt()
    }

    /// The point `km` kilometres from `p` at `bearing` radians (0 = east, counter-clockwise).
    pub fn offset_km(&self, p: Point<f64>, km: f64, bearing: f64) -> Point<f64> {
        Point::new(
            p.x() + km * bearing.cos() / self.km_per_deg_lon,
            p.y() + km * bearing.sin() / KM_PER_DEG_LAT,
        )
    }

    /// The rank (0 = nearest) of seat `own` among `seats` as seen from `p`.
    pub fn rank_of(&self, p: Point<f64>, seats: &[Point<f64>], own: usize) -> usize {
        let d_own = self.dist2_km(p, seats[own]);
        seats
            .iter()
            .filter(|&&s| self.dist2_km(p, s) < d_own)
            .count()
    }
}
