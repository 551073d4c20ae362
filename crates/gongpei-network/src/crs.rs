//! Coordinate reference systems met in Chinese district data, and conversion to WGS84.
//!
//! Files from Chinese web maps carry GCJ-02 (Amap/Gaode, Tencent) or BD-09 (Baidu, which adds a
//! second obfuscation on top of GCJ-02); GPS, OpenStreetMap and every gongpei scenario use WGS84.
//! BD-09 -> GCJ-02 is the published closed form (a rotation and radius change around a
//! (0.0065, 0.006) degree shift); its forward direction is inverted here by fixed-point iteration,
//! like [`crate::gcj02::gcj02_to_wgs84`], so a round trip returns the point to about 1e-9 degrees.

use std::f64::consts::PI;
use std::fmt;
use std::str::FromStr;

use crate::gcj02::{gcj02_to_wgs84, wgs84_to_gcj02};

/// A coordinate reference system of longitude/latitude in degrees.
///
/// ```
/// use gongpei_network::crs::Crs;
/// let crs: Crs = "gcj02".parse().unwrap();
/// let (lon, lat) = crs.to_wgs84(117.408296, 40.045851);
/// let (back_lon, back_lat) = crs.from_wgs84(lon, lat);
/// assert!((back_lon - 117.408296).abs() < 1e-8 && (back_lat - 40.045851).abs() < 1e-8);
/// assert!("utm".parse::<Crs>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Crs {
    /// GPS / OpenStreetMap datum; no conversion.
    #[default]
    Wgs84,
    /// China's obfuscated datum (Amap/Gaode, Tencent maps).
    Gcj02,
    /// Baidu maps' datum (GCJ-02 obfuscated once more).
    Bd09,
}

/// Names accepted by [`Crs::from_str`] (case-insensitive; `-` and `_` ignored).
pub const CRS_NAMES: [&str; 3] = ["wgs84", "gcj02", "bd09"];

impl Crs {
    /// Canonical lower-case name (`wgs84`, `gcj02`, `bd09`).
    pub fn as_str(self) -> &'static str {
        match self {
            Crs::Wgs84 => "wgs84",
            Crs::Gcj02 => "gcj02",
            Crs::Bd09 => "bd09",
        }
    }

    /// Converts a point given in this system to WGS84.
    pub fn to_wgs84(self, lon: f64, lat: f64) -> (f64, f64) {
        match self {
            Crs::Wgs84 => (lon, lat),
            Crs::Gcj02 => gcj02_to_wgs84(lon, lat),
            Crs::Bd09 => {
                let (glon, glat) = bd09_to_gcj02(lon, lat);
                gcj02_to_wgs84(glon, glat)
            }
        }
    }

    /// Converts a WGS84 point to this system.
    pub fn from_wgs84(self, lon: f64, lat: f64) -> (f64, f64) {
        match self {
            Crs::Wgs84 => (lon, lat),
            Crs::Gcj02 => wgs84_to_gcj02(lon, lat),
            Crs::Bd09 => {
                let (glon, glat) = wgs84_to_gcj02(lon, lat);
                gcj02_to_bd09(glon, glat)
            }
        }
    }
}

impl fmt::Display for Crs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error of [`Crs::from_str`]: the text that is not a known system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCrs(pub String);

impl fmt::Display for UnknownCrs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown coordinate system {:?}; expected one of {}",
            self.0,
            CRS_NAMES.join(", ")
        )
    }
}

impl std::error::Error for UnknownCrs {}

impl FromStr for Crs {
    type Err = UnknownCrs;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key: String = s
            .trim()
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "wgs84" | "epsg4326" => Ok(Crs::Wgs84),
            "gcj02" => Ok(Crs::Gcj02),
            "bd09" | "bd09ll" => Ok(Crs::Bd09),
            _ => Err(UnknownCrs(s.to_string())),
        }
    }
}

const BD_X_PI: f64 = PI * 3000.0 / 180.0;

/// GCJ-02 -> BD-09 (Baidu's published forward formula).
pub fn gcj02_to_bd09(lon: f64, lat: f64) -> (f64, f64) {
    let z = (lon * lon + lat * lat).sqrt() + 0.00002 * (lat * BD_X_PI).sin();
    let theta = lat.atan2(lon) + 0.000003 * (lon * BD_X_PI).cos();
    (z * theta.cos() + 0.0065, z * theta.sin() + 0.006)
}

/// BD-09 -> GCJ-02, inverting [`gcj02_to_bd09`] by fixed-point iteration to about 1e-10 degrees.
pub fn bd09_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    let (mut glon, mut glat) = (lon - 0.0065, lat - 0.006);
    for _ in 0..30 {
        let (flon, flat) = gcj02_to_bd09(glon, glat);
        let (dlon, dlat) = (flon - lon, flat - lat);
        glon -= dlon;
        glat -= dlat;
        if dlon.abs() < 1e-11 && dlat.abs() < 1e-11 {
            break;
        }
    }
    (glon, glat)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bd09_round_trip_is_exact_to_sub_millimetre() {
        for &(lon, lat) in &[
            (117.4, 40.05),
            (116.39, 39.9),
            (121.47, 31.23),
            (87.6, 43.8),
        ] {
            let (blon, blat) = Crs::Bd09.from_wgs84(lon, lat);
            let (wlon, wlat) = Crs::Bd09.to_wgs84(blon, blat);
            assert!(
                (wlon - lon).abs() < 1e-8 && (wlat - lat).abs() < 1e-8,
                "{lon},{lat}"
            );
        }
    }

    #[test]
    fn bd09_offset_from_gcj02_is_a_few_hundred_metres() {
        // Baidu points sit roughly 0.0065 deg east and 0.006 deg north of the GCJ-02 point.
        let (blon, blat) = gcj02_to_bd09(117.408296, 40.045851);
        assert!((blon - 117.408296 - 0.0065).abs() < 0.002, "{blon}");
        assert!((blat - 40.045851 - 0.006).abs() < 0.002, "{blat}");
    }

    #[test]
    fn names_parse_case_insensitively_and_unknowns_are_named() {
        assert_eq!("WGS-84".parse::<Crs>(), Ok(Crs::Wgs84));
        assert_eq!("GCJ_02".parse::<Crs>(), Ok(Crs::Gcj02));
        assert_eq!("bd09".parse::<Crs>(), Ok(Crs::Bd09));
        let err = "mercator".parse::<Crs>().unwrap_err().to_string();
        assert!(err.contains("mercator") && err.contains("bd09"), "{err}");
    }
}
