//! Conversion between GCJ-02 (the obfuscated datum of Chinese web maps such as Amap/Gaode)
//! and WGS84 (GPS, OpenStreetMap).
//!
//! The forward transform WGS84 -> GCJ-02 is the widely published formula (Krasovsky 1940
//! ellipsoid, a = 6378245 m, e^2 = 0.00669342162296594323, polynomial-plus-sine offsets in
//! degrees, no offset outside mainland China's bounding box). It has no closed-form inverse, so
//! [`gcj02_to_wgs84`] inverts it by fixed-point iteration: starting at the GCJ-02 point, subtract
//! the offset the forward transform produces at the current guess until the forward image of the
//! guess matches the input to about 1e-9 degrees (~0.1 mm), which takes a few iterations. The
//! single-step inverse often quoted alongside the formula leaves errors of 1-2 m; the iteration
//! removes them. The residual is then the formula's own fidelity to the real datum (metres).

use std::f64::consts::PI;

const KRASOVSKY_A: f64 = 6_378_245.0;
const KRASOVSKY_EE: f64 = 0.006_693_421_622_965_943;

/// True when the point is outside the rectangle where GCJ-02 applies an offset.
pub fn out_of_china(lon: f64, lat: f64) -> bool {
    !(72.004..=137.8347).contains(&lon) || !(0.8293..=55.8271).contains(&lat)
}

fn offset_lat(x: f64, y: f64) -> f64 {
    let mut r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (y * PI).sin() + 40.0 * (y / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (160.0 * (y / 12.0 * PI).sin() + 320.0 * (y * PI / 30.0).sin()) * 2.0 / 3.0;
    r
}

fn offset_lon(x: f64, y: f64) -> f64 {
    let mut r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    r += (20.0 * (6.0 * x * PI).sin() + 20.0 * (2.0 * x * PI).sin()) * 2.0 / 3.0;
    r += (20.0 * (x * PI).sin() + 40.0 * (x / 3.0 * PI).sin()) * 2.0 / 3.0;
    r += (150.0 * (x / 12.0 * PI).sin() + 300.0 * (x / 30.0 * PI).sin()) * 2.0 / 3.0;
    r
}

/// The GCJ-02 offset (dlon, dlat) in degrees at a WGS84 point.
fn offset(lon: f64, lat: f64) -> (f64, f64) {
    let dlat = offset_lat(lon - 105.0, lat - 35.0);
    let dlon = offset_lon(lon - 105.0, lat - 35.0);
    let rad_lat = lat / 180.0 * PI;
    let magic = 1.0 - KRASOVSKY_EE * rad_lat.sin().powi(2);
    let sqrt_magic = magic.sqrt();
    let dlat = (dlat * 180.0) / ((KRASOVSKY_A * (1.0 - KRASOVSKY_EE)) / (magic * sqrt_magic) * PI);
    let dlon = (dlon * 180.0) / (KRASOVSKY_A / sqrt_magic * rad_lat.cos() * PI);
    (dlon, dlat)
}

/// WGS84 -> GCJ-02 (the forward, published formula). Points outside China are returned as is.
///
/// ```
/// use gongpei_network::gcj02::wgs84_to_gcj02;
/// let (lon, lat) = wgs84_to_gcj02(117.4, 40.04);
/// // In Tianjin the offset is a few hundred metres, mostly eastward.
/// assert!((lon - 117.4) > 0.004 && (lon - 117.4) < 0.008);
/// assert!((lat - 40.04).abs() < 0.003);
/// ```
pub fn wgs84_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    if out_of_china(lon, lat) {
        return (lon, lat);
    }
    let (dlon, dlat) = offset(lon, lat);
    (lon + dlon, lat + dlat)
}

/// GCJ-02 -> WGS84 by iterating the forward transform to a residual below 1e-9 degrees.
///
/// ```
/// use gongpei_network::gcj02::{gcj02_to_wgs84, wgs84_to_gcj02};
/// let (lon, lat) = gcj02_to_wgs84(117.408296, 40.045851); // Jizhou district point (Amap)
/// let (back_lon, back_lat) = wgs84_to_gcj02(lon, lat);
/// assert!((back_lon - 117.408296).abs() < 1e-8 && (back_lat - 40.045851).abs() < 1e-8);
/// ```
pub fn gcj02_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    if out_of_china(lon, lat) {
        return (lon, lat);
    }
    let (mut wlon, mut wlat) = (lon, lat);
    for _ in 0..30 {
        let (glon, glat) = wgs84_to_gcj02(wlon, wlat);
        let (elon, elat) = (glon - lon, glat - lat);
        wlon -= elon;
        wlat -= elat;
        if elon.abs() < 1e-10 && elat.abs() < 1e-10 {
            break;
        }
    }
    (wlon, wlat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_is_exact_over_north_china() {
        for i in 0..50 {
            for j in 0..50 {
                let lon = 110.0 + i as f64 * 0.2;
                let lat = 35.0 + j as f64 * 0.15;
                let (glon, glat) = wgs84_to_gcj02(lon, lat);
                let (wlon, wlat) = gcj02_to_wgs84(glon, glat);
                assert!((wlon - lon).abs() < 1e-8 && (wlat - lat).abs() < 1e-8);
            }
        }
    }

    #[test]
    fn offset_in_tianjin_is_a_few_hundred_metres() {
        let (lon, lat) = gcj02_to_wgs84(117.408296, 40.045851);
        let dx = (117.408296 - lon) * 111_320.0 * (40.0f64).to_radians().cos();
        let dy = (40.045851 - lat) * 110_540.0;
        let metres = (dx * dx + dy * dy).sqrt();
        assert!((200.0..800.0).contains(&metres), "offset {metres} m");
    }

    #[test]
    fn matches_the_published_reference_value() {
        // Test vector of the widely used wandergis/coordtransform (test/app.js):
        // wgs84togcj02(116.404, 39.915) = [116.41024449916938, 39.91640428150164].
        let (lon, lat) = wgs84_to_gcj02(116.404, 39.915);
        assert!((lon - 116.410_244_499_169_38).abs() < 1e-12, "{lon}");
        assert!((lat - 39.916_404_281_501_64).abs() < 1e-12, "{lat}");
    }

    #[test]
    fn outside_china_is_unchanged() {
        assert_eq!(gcj02_to_wgs84(2.35, 48.85), (2.35, 48.85));
    }
}
