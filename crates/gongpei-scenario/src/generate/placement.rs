//! Positions: township seats (real where the source has one, inferred otherwise) and villages
//! (source points where the division list has them, synthetic for the rest). A synthetic
//! village is drawn near its own seat, inside the district boundary and inside its township's
//! Voronoi cell of seats, so it is never nearer another township's seat than its own.

use std::f64::consts::TAU;

use geo::Point;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::calibration::Calibration;
use super::geometry::Projection;
use super::source_data::SourceData;

/// How a seat position was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatOrigin {
    /// The source's township point.
    Source,
    /// The point of the village named like the township (the seat's usual location).
    EponymousVillage,
    /// The source's area centre of the township (inside the boundary; not a seat).
    AreaMarker,
    /// The coordinate-wise median of the township's own village points.
    VillageMedian,
    /// Drawn near the district seat (a unit without any point, e.g. a development zone).
    NearDistrictSeat,
    /// The district point itself (no drawn point near it lay inside the boundary).
    DistrictPoint,
}

impl SeatOrigin {
    /// Whether the position is synthetic (not a source's township point).
    pub fn synthetic(self) -> bool {
        self != SeatOrigin::Source
    }
}

/// Seats and village positions, parallel to the source lists.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Seat per township, with its origin.
    pub seats: Vec<(Point<f64>, SeatOrigin)>,
    /// Position per village and whether it is synthetic.
    pub villages: Vec<(Point<f64>, bool)>,
    /// Source village points not used because they lie among other townships (village index,
    /// number of seats nearer than its own): most likely a namesake village geocoded elsewhere.
    pub rejected_points: Vec<(usize, usize)>,
}

/// A source village point with more than this many other seats nearer than its own township's
/// is treated as a geocoding error (of Jizhou's 78 points, 77 have at most 4; one has 16).
pub const MAX_PLAUSIBLE_SEAT_RANK: usize = 6;

/// The name stem shared by a township and its seat village: 礼明庄镇 -> 礼明庄,
/// 峪口地区办事处 -> 峪口.
fn stem(township_name: &str) -> &str {
    for suffix in [
        "地区办事处",
        "街道办事处",
        "办事处",
        "民族乡",
        "满族乡",
        "回族乡",
        "蒙古族乡",
        "街道",
        "镇",
        "乡",
    ] {
        if let Some(s) = township_name.strip_suffix(suffix) {
            return s;
        }
    }
    township_name
}

/// The village's name without its committee suffix: 礼明庄村委会 -> 礼明庄.
fn village_stem(name: &str) -> &str {
    for suffix in [
        "社区居民委员会",
        "社区居委会",
        "村民委员会",
        "居委会",
        "村委会",
    ] {
        if let Some(s) = name.strip_suffix(suffix) {
            return s.trim_end_matches('村');
        }
    }
    name.trim_end_matches('村')
}

/// Coordinate-wise median (robust to one stray point).
fn median_point(points: &[Point<f64>]) -> Option<Point<f64>> {
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let n = v.len();
        if n % 2 == 1 {
            v[n / 2]
        } else {
            (v[n / 2 - 1] + v[n / 2]) / 2.0
        }
    };
    if points.is_empty() {
        return None;
    }
    Some(Point::new(
        median(points.iter().map(|p| p.x()).collect()),
        median(points.iter().map(|p| p.y()).collect()),
    ))
}

/// Attempts at drawing a point inside the boundary before falling back.
const MAX_DRAWS: usize = 2000;

fn seats(
    data: &SourceData,
    calibration: &Calibration,
    projection: &Projection,
    rng: &mut ChaCha8Rng,
) -> Vec<(Point<f64>, SeatOrigin)> {
    data.townships
        .iter()
        .map(|t| {
            if let Some(p) = t.seat {
                return (p, SeatOrigin::Source);
            }
            let eponymous = data.villages.iter().find(|v| {
                v.township_code == t.code
                    && v.point.is_some()
                    && village_stem(&v.name) == stem(&t.name)
            });
            if let Some(v) = eponymous {
                return (v.point.expect("filtered"), SeatOrigin::EponymousVillage);
            }
            if let Some(m) = t.area_marker {
                return (m, SeatOrigin::AreaMarker);
            }
            let own: Vec<Point<f64>> = data
                .villages
                .iter()
                .filter(|v| v.township_code == t.code)
                .filter_map(|v| v.point)
                .collect();
            if let Some(p) = median_point(&own).filter(|&p| data.inside(p)) {
                return (p, SeatOrigin::VillageMedian);
            }
            // A unit without any point (e.g. a development zone, 类似乡级单位): near the
            // district seat, in the ring and bearings of the calibration.
            let [near, far] = calibration.seatless_ring_km;
            let [from, to] = calibration.seatless_bearing_rad;
            for _ in 0..MAX_DRAWS {
                let p = projection.offset_km(
                    data.district_point,
                    rng.random_range(near..far),
                    rng.random_range(from..to),
                );
                if data.inside(p) {
                    return (p, SeatOrigin::NearDistrictSeat);
                }
            }
            (data.district_point, SeatOrigin::DistrictPoint)
        })
        .collect()
}

/// Typical radius (km) around the seat where a township's villages lie, by NBS urban-rural class.
fn spread_km(class: Option<u16>, cell_km: f64) -> f64 {
    match class {
        Some(111) => 1.5,
        Some(112) | Some(121) => 2.5,
        None => 2.0,
        _ => cell_km,
    }
}

/// Computes the layout; deterministic for the rng state.
pub fn layout(
    data: &SourceData,
    calibration: &Calibration,
    projection: &Projection,
    rng: &mut ChaCha8Rng,
) -> Layout {
    let seats = seats(data, calibration, projection, rng);
    let seat_points: Vec<Point<f64>> = seats.iter().map(|s| s.0).collect();
    // A township's reach: 0.9 x the distance to the nearest other seat, 3 to 9 km.
    let cell_km: Vec<f64> = seat_points
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let nearest = seat_points
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .map(|(_, &q)| projection.dist_km(p, q))
                .fold(f64::INFINITY, f64::min);
            (0.9 * nearest).clamp(3.0, 9.0)
        })
        .collect();
    let mut rejected_points = Vec::new();
    let villages = data
        .villages
        .iter()
        .enumerate()
        .map(|(index, v)| {
            let t = data
                .townships
                .iter()
                .position(|t| t.code == v.township_code)
                .expect("checked when parsing");
            if let Some(p) = v.point {
                let rank = projection.rank_of(p, &seat_points, t);
                if rank <= MAX_PLAUSIBLE_SEAT_RANK {
                    return (p, false);
                }
                rejected_points.push((index, rank));
            }
            let mut radius = spread_km(v.urban_rural_class, cell_km[t]);
            for _ in 0..40 {
                for _ in 0..200 {
                    let r = radius * rng.random::<f64>().sqrt().max(0.08);
                    let p = projection.offset_km(seat_points[t], r, rng.random_range(0.0..TAU));
                    if data.inside(p) && projection.rank_of(p, &seat_points, t) == 0 {
                        return (p, true);
                    }
                }
                // The cell is narrow here: look closer to the seat.
                radius *= 0.7;
            }
            // Only reached when the seat's own neighbourhood is outside the boundary; the
            // acceptance tests would flag such a village.
            (seat_points[t], true)
        })
        .collect();
    Layout {
        seats,
        villages,
        rejected_points,
    }
}
