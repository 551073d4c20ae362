//! Positions: township seats (real where the source has one, inferred otherwise) and villages
//! (real Vonng/adcode points for 78, synthetic for the rest). A synthetic village is drawn near
//! its own seat, inside the district boundary and inside its township's Voronoi cell of seats,
//! so it is never nearer another township's seat than its own.

use std::f64::consts::TAU;

use geo::Point;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::geometry::{dist_km, offset_km, rank_of};
use super::source_data::SourceData;

/// How a seat position was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatOrigin {
    /// The Vonng/adcode township point.
    Source,
    /// The point of the village named like the township (the seat's usual location).
    EponymousVillage,
    /// Amap's 2023 area centre of the township (inside the boundary).
    AreaMarker,
    /// Drawn near the district seat (development zone without any point).
    NearDistrictSeat,
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
/// is treated as a geocoding error (of the 78 points, 77 have at most 4; one has 16).
pub const MAX_PLAUSIBLE_SEAT_RANK: usize = 6;

/// The name stem shared by a township and its seat village: 礼明庄镇 -> 礼明庄.
fn stem(township_name: &str) -> &str {
    for suffix in ["满族乡", "街道", "镇", "乡"] {
        if let Some(s) = township_name.strip_suffix(suffix) {
            return s;
        }
    }
    township_name
}

fn seats(data: &SourceData, rng: &mut ChaCha8Rng) -> Vec<(Point<f64>, SeatOrigin)> {
    data.townships
        .iter()
        .map(|t| {
            if let Some(p) = t.seat {
                return (p, SeatOrigin::Source);
            }
            let eponymous = data.villages.iter().find(|v| {
                v.township_code == t.code
                    && v.point.is_some()
                    && v.name.trim_end_matches("村委会").trim_end_matches('村') == stem(&t.name)
            });
            if let Some(v) = eponymous {
                return (v.point.expect("filtered"), SeatOrigin::EponymousVillage);
            }
            if let Some(m) = t.area_marker {
                return (m, SeatOrigin::AreaMarker);
            }
            // The development zone (类似乡级单位) has no point at all: put it 2-4 km from the
            // district seat, in the plain to the south where Jizhou's industrial parks lie.
            loop {
                let p = offset_km(
                    data.district_point,
                    rng.random_range(2.0..4.0),
                    rng.random_range(-2.6..-0.6),
                );
                if data.inside(p) {
                    return (p, SeatOrigin::NearDistrictSeat);
                }
            }
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
pub fn layout(data: &SourceData, rng: &mut ChaCha8Rng) -> Layout {
    let seats = seats(data, rng);
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
                .map(|(_, &q)| dist_km(p, q))
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
                let rank = rank_of(p, &seat_points, t);
                if rank <= MAX_PLAUSIBLE_SEAT_RANK {
                    return (p, false);
                }
                rejected_points.push((index, rank));
            }
            let mut radius = spread_km(v.urban_rural_class, cell_km[t]);
            for _ in 0..40 {
                for _ in 0..200 {
                    let r = radius * rng.random::<f64>().sqrt().max(0.08);
                    let p = offset_km(seat_points[t], r, rng.random_range(0.0..TAU));
                    if data.inside(p) && rank_of(p, &seat_points, t) == 0 {
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
