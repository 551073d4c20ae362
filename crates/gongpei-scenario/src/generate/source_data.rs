//! The public Jizhou seed data (townships, villages, district point, boundary) parsed and
//! converted from GCJ-02 to WGS84. The files are bundled from `data/jizhou/` at compile time,
//! and can also be read from another folder with the same layout.

use std::path::Path;

use geo::{Contains, Coord, LineString, Point, Polygon};
use gongpei_network::gcj02::gcj02_to_wgs84;
use serde::Deserialize;

use crate::error::ScenarioError;

const TOWNSHIPS_CSV: &str = include_str!("../../../../data/jizhou/townships.csv");
const VILLAGES_CSV: &str = include_str!("../../../../data/jizhou/villages.csv");
const DISTRICT_CSV: &str = include_str!("../../../../data/jizhou/district.csv");
const BOUNDARY_GEOJSON: &str =
    include_str!("../../../../data/jizhou/jizhou_boundary_gcj02.geojson");

/// A township-level unit of the 2023 division list.
#[derive(Debug, Clone)]
pub struct Township {
    /// 9-digit NBS code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// 街道 / 镇 / 民族乡 / 类似乡级单位.
    pub kind: String,
    /// Seat point from Vonng/adcode (WGS84), when the source has one.
    pub seat: Option<Point<f64>>,
    /// Amap 2023 area centre (WGS84), when inside the district boundary.
    pub area_marker: Option<Point<f64>>,
}

/// A village-level unit of the 2023 division list.
#[derive(Debug, Clone)]
pub struct Village {
    /// 12-digit NBS code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Code of its township.
    pub township_code: String,
    /// NBS urban-rural class as of 2016 (e.g. 111, 220), if known.
    pub urban_rural_class: Option<u16>,
    /// Point from Vonng/adcode (WGS84), for the 78 villages that have one.
    pub point: Option<Point<f64>>,
}

/// Everything the Jizhou generators read.
#[derive(Debug, Clone)]
pub struct SourceData {
    /// The 28 township-level units in file order.
    pub townships: Vec<Township>,
    /// The 983 villages in file order.
    pub villages: Vec<Village>,
    /// District point (Vonng/adcode, WGS84).
    pub district_point: Point<f64>,
    /// District boundary (WGS84).
    pub boundary: Polygon<f64>,
}

#[derive(Deserialize)]
struct TownshipRow {
    code: String,
    name: String,
    kind: String,
    lon: String,
    lat: String,
    coord_system: String,
    alt_lon: String,
    alt_lat: String,
    alt_inside_district_boundary: String,
}

#[derive(Deserialize)]
struct VillageRow {
    code: String,
    name: String,
    township_code: String,
    urban_rural_class: String,
    lon: String,
    lat: String,
    coord_system: String,
}

#[derive(Deserialize)]
struct DistrictRow {
    lon: f64,
    lat: f64,
    coord_system: String,
    source: String,
}

fn parse_err(file: &str, line: u64, message: impl Into<String>) -> ScenarioError {
    ScenarioError::Csv {
        origin: file.to_string(),
        line,
        message: message.into(),
    }
}

/// Parses an optional GCJ-02 lon/lat pair and converts it to WGS84.
fn gcj_point(
    file: &str,
    line: u64,
    lon: &str,
    lat: &str,
    crs: &str,
) -> Result<Option<Point<f64>>, ScenarioError> {
    if lon.trim().is_empty() && lat.trim().is_empty() {
        return Ok(None);
    }
    if crs != "GCJ-02" {
        return Err(parse_err(
            file,
            line,
            format!("coordinate system {crs:?} is not GCJ-02"),
        ));
    }
    let parse = |s: &str, what: &str| {
        s.trim()
            .parse::<f64>()
            .map_err(|_| parse_err(file, line, format!("{what} {s:?} is not a number")))
    };
    let (x, y) = gcj02_to_wgs84(parse(lon, "lon")?, parse(lat, "lat")?);
    Ok(Some(Point::new(x, y)))
}

fn rows<T: for<'de> Deserialize<'de>>(
    file: &str,
    text: &str,
) -> Result<Vec<(u64, T)>, ScenarioError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for record in reader.deserialize::<T>() {
        match record {
            Ok(row) => out.push((out.len() as u64 + 2, row)),
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(parse_err(file, line, e.to_string()));
            }
        }
    }
    Ok(out)
}

impl SourceData {
    /// The data bundled with this crate (copied from `data/jizhou/`).
    pub fn bundled() -> Result<Self, ScenarioError> {
        Self::parse(TOWNSHIPS_CSV, VILLAGES_CSV, DISTRICT_CSV, BOUNDARY_GEOJSON)
    }

    /// Reads a folder laid out like `data/jizhou/`.
    pub fn from_dir(dir: &Path) -> Result<Self, ScenarioError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| ScenarioError::Io {
                file: path.display().to_string(),
                source,
            })
        };
        Self::parse(
            &read("townships.csv")?,
            &read("villages.csv")?,
            &read("district.csv")?,
            &read("jizhou_boundary_gcj02.geojson")?,
        )
    }

    fn parse(
        townships: &str,
        villages: &str,
        district: &str,
        boundary: &str,
    ) -> Result<Self, ScenarioError> {
        let boundary = parse_boundary(boundary)?;
        let mut ts = Vec::new();
        for (line, r) in rows::<TownshipRow>("townships.csv", townships)? {
            let seat = gcj_point("townships.csv", line, &r.lon, &r.lat, &r.coord_system)?;
            let marker = if r.alt_inside_district_boundary == "yes" {
                gcj_point("townships.csv", line, &r.alt_lon, &r.alt_lat, "GCJ-02")?
            } else {
                None
            };
            ts.push(Township {
                code: r.code,
                name: r.name,
                kind: r.kind,
                seat,
                area_marker: marker,
            });
        }
        let mut vs = Vec::new();
        for (line, r) in rows::<VillageRow>("villages.csv", villages)? {
            if !ts.iter().any(|t| t.code == r.township_code) {
                return Err(parse_err(
                    "villages.csv",
                    line,
                    format!("township_code {} is not in townships.csv", r.township_code),
                ));
            }
            let class = if r.urban_rural_class.trim().is_empty() {
                None
            } else {
                Some(r.urban_rural_class.trim().parse::<u16>().map_err(|_| {
                    parse_err(
                        "villages.csv",
                        line,
                        format!(
                            "urban_rural_class {:?} is not a number",
                            r.urban_rural_class
                        ),
                    )
                })?)
            };
            vs.push(Village {
                point: gcj_point("villages.csv", line, &r.lon, &r.lat, &r.coord_system)?,
                code: r.code,
                name: r.name,
                township_code: r.township_code,
                urban_rural_class: class,
            });
        }
        let district_rows = rows::<DistrictRow>("district.csv", district)?;
        let (_, d) = district_rows
            .into_iter()
            .find(|(_, r)| r.coord_system == "GCJ-02" && r.source.starts_with("Vonng"))
            .ok_or_else(|| {
                parse_err(
                    "district.csv",
                    0,
                    "no GCJ-02 district point from Vonng/adcode",
                )
            })?;
        let (x, y) = gcj02_to_wgs84(d.lon, d.lat);
        Ok(SourceData {
            townships: ts,
            villages: vs,
            district_point: Point::new(x, y),
            boundary,
        })
    }

    /// Whether a WGS84 point lies inside the district boundary.
    pub fn inside(&self, p: Point<f64>) -> bool {
        self.boundary.contains(&p)
    }
}

/// Reads the single GCJ-02 polygon of the boundary file and converts it to WGS84.
fn parse_boundary(text: &str) -> Result<Polygon<f64>, ScenarioError> {
    let bad = |m: &str| parse_err("jizhou_boundary_gcj02.geojson", 0, m);
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| bad(&e.to_string()))?;
    let geometry = &v["features"][0]["geometry"];
    if geometry["type"] != "Polygon" {
        return Err(bad("features[0].geometry is not a Polygon"));
    }
    let rings = geometry["coordinates"]
        .as_array()
        .ok_or_else(|| bad("no coordinates"))?;
    let ring = |r: &serde_json::Value| -> Result<LineString<f64>, ScenarioError> {
        let pts = r.as_array().ok_or_else(|| bad("a ring is not an array"))?;
        pts.iter()
            .map(|p| {
                let lon = p[0]
                    .as_f64()
                    .ok_or_else(|| bad("a vertex has no longitude"))?;
                let lat = p[1]
                    .as_f64()
                    .ok_or_else(|| bad("a vertex has no latitude"))?;
                let (x, y) = gcj02_to_wgs84(lon, lat);
                Ok(Coord { x, y })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(LineString::new)
    };
    let exterior = ring(rings.first().ok_or_else(|| bad("polygon has no rings"))?)?;
    let interiors = rings[1..].iter().map(ring).collect::<Result<Vec<_>, _>>()?;
    Ok(Polygon::new(exterior, interiors))
}
