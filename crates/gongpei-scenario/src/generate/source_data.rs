//! A district's public seed data (township-level units, villages, district point, boundary,
//! source credits) read from a folder laid out like `data/jizhou/` or `data/districts/pinggu/`,
//! every point converted to WGS84 from the coordinate system its row names.
//!
//! Folder layout (see `data/districts/README.md`):
//! - `district.csv`: the first data row gives `code`, `name` and optionally the district point
//!   (`lon`, `lat`, `coord_system`); further rows (other sources' points) are not read.
//! - `townships.csv`: `code`, `name`, optional `kind`, optional seat point (`lon`, `lat`,
//!   `coord_system`), optional area marker (`alt_lon`, `alt_lat`, `alt_coord_system`, used when
//!   `alt_inside_district_boundary` is `yes`, or when that column is absent and the marker lies
//!   inside the boundary).
//! - `villages.csv`: `code`, `name`, `township_code`, optional `urban_rural_class`, optional
//!   point (`lon`, `lat`, `coord_system`).
//! - optional boundary `boundary_<crs>.geojson` (`<crs>` one of `gcj02`, `wgs84`, `bd09`; a
//!   prefixed name such as `jizhou_boundary_gcj02.geojson` is accepted too), one Polygon or
//!   MultiPolygon. Without it the boundary is the convex hull of every known point widened by
//!   a margin ([`super::Calibration::hull_margin_km`]).
//! - optional `sources.csv` (`key`, `title`, `licence`, `used_for`) with the credits to print;
//!   without it, credits are derived from the `source` columns and the folder's `README.md`.
//! - optional `calibration.json` (see [`super::Calibration`]).
//!
//! The bundled Jizhou files are compiled in from `data/jizhou/`.

use std::collections::BTreeMap;
use std::path::Path;

use geo::{ConvexHull, Coord, LineString, MultiPoint, MultiPolygon, Point, Polygon};
use gongpei_network::crs::Crs;

use super::geometry::Projection;
use super::table::{error, Row, Table};
use crate::error::ScenarioError;
use crate::model::SourceCredit;

const TOWNSHIPS_CSV: &str = include_str!("../../../../data/jizhou/townships.csv");
const VILLAGES_CSV: &str = include_str!("../../../../data/jizhou/villages.csv");
const DISTRICT_CSV: &str = include_str!("../../../../data/jizhou/district.csv");
const SOURCES_CSV: &str = include_str!("../../../../data/jizhou/sources.csv");
const BOUNDARY_GEOJSON: &str =
    include_str!("../../../../data/jizhou/jizhou_boundary_gcj02.geojson");
/// The calibration of the bundled Jizhou presets (`data/jizhou/calibration.json`).
pub const BUNDLED_CALIBRATION_JSON: &str = include_str!("../../../../data/jizhou/calibration.json");

/// A township-level unit of the division list.
#[derive(Debug, Clone)]
pub struct Township {
    /// 9-digit NBS code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// 街道 / 镇 / 民族乡 / 类似乡级单位 (empty when the file has no `kind` column).
    pub kind: String,
    /// Seat point (WGS84), when the source has one.
    pub seat: Option<Point<f64>>,
    /// An area centre of the township (WGS84, not a seat), when inside the district boundary.
    pub area_marker: Option<Point<f64>>,
}

/// A village-level unit of the division list.
#[derive(Debug, Clone)]
pub struct Village {
    /// 12-digit NBS code.
    pub code: String,
    /// Official name.
    pub name: String,
    /// Code of its township.
    pub township_code: String,
    /// NBS urban-rural class (e.g. 111, 220), if known.
    pub urban_rural_class: Option<u16>,
    /// Point (WGS84), for the villages that have one.
    pub point: Option<Point<f64>>,
}

/// The district itself: official code and name, former ones, where its point came from.
#[derive(Debug, Clone)]
pub struct District {
    /// Official code (6 digits for a county-level unit).
    pub code: String,
    /// Official name, e.g. 蓟州区.
    pub name: String,
    /// Former code (e.g. 120225 for 蓟县), empty when none.
    pub former_code: String,
    /// Former name, empty when none.
    pub former_name: String,
    /// Whether `district.csv` gave the point (otherwise it is the centroid of known points).
    pub point_from_file: bool,
}

impl District {
    /// The name without its administrative suffix (区, 县, 市, 旗), as used in local names:
    /// 蓟州区 -> 蓟州, 平谷区 -> 平谷. A two-character name keeps its suffix (e.g. 城区).
    pub fn short_name(&self) -> &str {
        for suffix in ["自治县", "自治旗", "区", "县", "市", "旗"] {
            if let Some(stem) = self.name.strip_suffix(suffix) {
                if stem.chars().count() >= 2 {
                    return stem;
                }
            }
        }
        &self.name
    }
}

/// Where the boundary polygon came from.
#[derive(Debug, Clone, PartialEq)]
pub enum BoundaryOrigin {
    /// Read from this file of the folder, in this coordinate system.
    File {
        /// File name.
        file: String,
        /// Its coordinate system.
        crs: Crs,
    },
    /// The convex hull of the known points, widened by `margin_km`.
    Hull {
        /// Margin added around the hull.
        margin_km: f64,
        /// Number of points the hull was built from.
        points: usize,
    },
}

/// Everything the generators read about one district.
#[derive(Debug, Clone)]
pub struct SourceData {
    /// Code and name of the district.
    pub district: District,
    /// The township-level units in file order.
    pub townships: Vec<Township>,
    /// The villages in file order.
    pub villages: Vec<Village>,
    /// District point (WGS84): from `district.csv`, or the centroid of the known points.
    pub district_point: Point<f64>,
    /// District boundary (WGS84).
    pub boundary: MultiPolygon<f64>,
    /// Where the boundary came from.
    pub boundary_origin: BoundaryOrigin,
    /// Source credits: `sources.csv`, or derived from the `source` columns and README.
    pub credits: Vec<SourceCredit>,
    /// The folder's `calibration.json`, if it has one (JSON text).
    pub calibration_json: Option<String>,
    /// Where the data came from (`bundled data/jizhou` or the folder path), for descriptions.
    pub origin: String,
}

/// The text of one district folder's files.
struct Files<'a> {
    townships: &'a str,
    villages: &'a str,
    district: &'a str,
    boundary: Option<(&'a str, String, Crs)>,
    sources: Option<&'a str>,
    readme: Option<&'a str>,
}

impl SourceData {
    /// The Jizhou data bundled with this crate (compiled in from `data/jizhou/`).
    pub fn bundled() -> Result<Self, ScenarioError> {
        let mut data = Self::parse(
            Files {
                townships: TOWNSHIPS_CSV,
                villages: VILLAGES_CSV,
                district: DISTRICT_CSV,
                boundary: Some((
                    BOUNDARY_GEOJSON,
                    "jizhou_boundary_gcj02.geojson".into(),
                    Crs::Gcj02,
                )),
                sources: Some(SOURCES_CSV),
                readme: None,
            },
            DEFAULT_HULL_MARGIN_KM,
        )?;
        data.calibration_json = Some(BUNDLED_CALIBRATION_JSON.to_string());
        data.origin = "bundled data/jizhou".into();
        Ok(data)
    }

    /// Reads a district folder (layout in the module documentation). `hull_margin_km` widens
    /// the hull of the known points when the folder has no boundary file.
    pub fn from_dir(dir: &Path) -> Result<Self, ScenarioError> {
        Self::from_dir_with_margin(dir, DEFAULT_HULL_MARGIN_KM)
    }

    /// [`Self::from_dir`] with a chosen hull margin (km) for folders without a boundary.
    pub fn from_dir_with_margin(dir: &Path, hull_margin_km: f64) -> Result<Self, ScenarioError> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read_to_string(&path).map_err(|source| ScenarioError::Io {
                file: path.display().to_string(),
                source,
            })
        };
        let optional = |name: &str| -> Result<Option<String>, ScenarioError> {
            if dir.join(name).is_file() {
                read(name).map(Some)
            } else {
                Ok(None)
            }
        };
        let boundary = match find_boundary(dir)? {
            Some((name, crs)) => Some((read(&name)?, name, crs)),
            None => None,
        };
        let (townships, villages, district) = (
            read("townships.csv")?,
            read("villages.csv")?,
            read("district.csv")?,
        );
        let (sources, readme) = (optional("sources.csv")?, optional("README.md")?);
        let mut data = Self::parse(
            Files {
                townships: &townships,
                villages: &villages,
                district: &district,
                boundary: boundary
                    .as_ref()
                    .map(|(text, name, crs)| (text.as_str(), name.clone(), *crs)),
                sources: sources.as_deref(),
                readme: readme.as_deref(),
            },
            hull_margin_km,
        )?;
        data.calibration_json = optional("calibration.json")?;
        data.origin = dir.display().to_string();
        Ok(data)
    }

    fn parse(files: Files<'_>, hull_margin_km: f64) -> Result<Self, ScenarioError> {
        let district_table = Table::parse("district.csv", files.district, &["code", "name"])?;
        let first = district_table.rows().next().ok_or_else(|| {
            error(
                "district.csv",
                2,
                "no data row (the first row gives the district's code, name and point)".into(),
            )
        })?;
        let district = District {
            code: first.required("code")?.to_string(),
            name: first.required("name")?.to_string(),
            former_code: first.get("former_code").to_string(),
            former_name: first.get("former_name").to_string(),
            point_from_file: false,
        };
        let district_point = first.point("lon", "lat", "coord_system")?;

        let township_table = Table::parse("townships.csv", files.townships, &["code", "name"])?;
        let mut townships: Vec<(Township, Option<Point<f64>>, bool)> = Vec::new();
        for row in township_table.rows() {
            let code = row.required("code")?.to_string();
            if townships.iter().any(|(t, _, _)| t.code == code) {
                return Err(row.error("code", format!("{code} appears twice")));
            }
            let marker = row.point("alt_lon", "alt_lat", "alt_coord_system")?;
            let flag = row.get("alt_inside_district_boundary");
            let (marker, check_inside) =
                match (township_table.has("alt_inside_district_boundary"), flag) {
                    (true, "yes") => (marker, false),
                    (true, _) => (None, false),
                    (false, _) => (marker, true),
                };
            townships.push((
                Township {
                    name: row.required("name")?.to_string(),
                    kind: row.get("kind").to_string(),
                    seat: row.point("lon", "lat", "coord_system")?,
                    area_marker: None,
                    code,
                },
                marker,
                check_inside,
            ));
        }
        if townships.is_empty() {
            return Err(error("townships.csv", 2, "no township-level unit".into()));
        }

        let village_table = Table::parse(
            "villages.csv",
            files.villages,
            &["code", "name", "township_code"],
        )?;
        let mut villages: Vec<Village> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for row in village_table.rows() {
            let code = row.required("code")?.to_string();
            if !seen.insert(code.clone()) {
                return Err(row.error("code", format!("{code} appears twice")));
            }
            let township_code = row.required("township_code")?.to_string();
            if !townships.iter().any(|(t, _, _)| t.code == township_code) {
                return Err(row.error(
                    "township_code",
                    format!("{township_code} is not in townships.csv"),
                ));
            }
            let class = row.get("urban_rural_class");
            let urban_rural_class = if class.is_empty() {
                None
            } else {
                Some(class.parse::<u16>().map_err(|_| {
                    row.error("urban_rural_class", format!("{class:?} is not a number"))
                })?)
            };
            villages.push(Village {
                point: row.point("lon", "lat", "coord_system")?,
                name: row.required("name")?.to_string(),
                code,
                township_code,
                urban_rural_class,
            });
        }
        if villages.is_empty() {
            return Err(error("villages.csv", 2, "no village".into()));
        }

        // Known points: the district point, seats, markers and village points.
        let mut known: Vec<Point<f64>> = district_point.into_iter().collect();
        known.extend(townships.iter().filter_map(|(t, _, _)| t.seat));
        known.extend(townships.iter().filter_map(|(_, m, _)| *m));
        known.extend(villages.iter().filter_map(|v| v.point));
        let Some(centroid) = centroid(&known) else {
            return Err(error(
                "district.csv",
                2,
                "no point anywhere: give the district point (columns lon, lat, coord_system) or some township or village points".into(),
            ));
        };
        let (point, point_from_file) = match district_point {
            Some(p) => (p, true),
            None => (centroid, false),
        };
        let district = District {
            point_from_file,
            ..district
        };
        let (boundary, boundary_origin) = match files.boundary {
            Some((text, file, crs)) => (
                parse_boundary(text, &file, crs)?,
                BoundaryOrigin::File { file, crs },
            ),
            None => (
                hull_boundary(&known, point, hull_margin_km),
                BoundaryOrigin::Hull {
                    margin_km: hull_margin_km,
                    points: known.len(),
                },
            ),
        };
        let townships = townships
            .into_iter()
            .map(|(t, marker, check_inside)| {
                let inside = marker.is_some_and(|m| !check_inside || contains(&boundary, m));
                Township {
                    area_marker: if inside { marker } else { None },
                    ..t
                }
            })
            .collect();
        let credits = match files.sources {
            Some(text) => read_credits(text)?,
            None => derived_credits(
                &[&district_table, &township_table, &village_table],
                files.readme,
            ),
        };
        Ok(SourceData {
            district,
            townships,
            villages,
            district_point: point,
            boundary,
            boundary_origin,
            credits,
            calibration_json: None,
            origin: String::new(),
        })
    }

    /// Whether a WGS84 point lies inside the district boundary.
    pub fn inside(&self, p: Point<f64>) -> bool {
        contains(&self.boundary, p)
    }
}

/// Margin (km) around the hull of the known points when a folder has no boundary file: wide
/// enough that villages drawn around a seat on the hull's edge still fit.
pub const DEFAULT_HULL_MARGIN_KM: f64 = 5.0;

fn contains(boundary: &MultiPolygon<f64>, p: Point<f64>) -> bool {
    use geo::Contains;
    boundary.contains(&p)
}

fn centroid(points: &[Point<f64>]) -> Option<Point<f64>> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    let (x, y) = points
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p.x(), y + p.y()));
    Some(Point::new(x / n, y / n))
}

/// The boundary file of a folder: `boundary_<crs>.geojson` or `<prefix>_boundary_<crs>.geojson`
/// (exactly one).
fn find_boundary(dir: &Path) -> Result<Option<(String, Crs)>, ScenarioError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ScenarioError::Io {
        file: dir.display().to_string(),
        source,
    })?;
    let mut found: Vec<(String, Crs)> = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".geojson") else {
            continue;
        };
        let Some((_, crs)) = stem.rsplit_once("boundary_") else {
            continue;
        };
        let prefix_ok =
            stem == format!("boundary_{crs}") || stem.ends_with(&format!("_boundary_{crs}"));
        if let (true, Ok(crs)) = (prefix_ok, crs.parse::<Crs>()) {
            found.push((name, crs));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    match found.len() {
        0 => Ok(None),
        1 => Ok(found.pop()),
        _ => Err(ScenarioError::Generate(format!(
            "{}: more than one boundary file ({}); keep one",
            dir.display(),
            found
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Reads the first feature's Polygon or MultiPolygon and converts it to WGS84.
fn parse_boundary(text: &str, file: &str, crs: Crs) -> Result<MultiPolygon<f64>, ScenarioError> {
    let bad = |m: String| ScenarioError::Generate(format!("{file}: {m}"));
    let v: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| error(file, e.line() as u64, format!("column {}: {e}", e.column())))?;
    let geometry = if v["type"] == "FeatureCollection" {
        &v["features"][0]["geometry"]
    } else if v["type"] == "Feature" {
        &v["geometry"]
    } else {
        &v
    };
    let ring = |path: &str, r: &serde_json::Value| -> Result<LineString<f64>, ScenarioError> {
        let pts = r
            .as_array()
            .ok_or_else(|| bad(format!("{path} is not an array of positions")))?;
        pts.iter()
            .enumerate()
            .map(|(i, p)| {
                let lon = p[0].as_f64().filter(|x| x.abs() <= 180.0);
                let lat = p[1].as_f64().filter(|y| y.abs() <= 90.0);
                let (Some(lon), Some(lat)) = (lon, lat) else {
                    return Err(bad(format!("{path}[{i}] is not a [lon, lat] position")));
                };
                let (x, y) = crs.to_wgs84(lon, lat);
                Ok(Coord { x, y })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(LineString::new)
    };
    let polygon = |path: &str, rings: &serde_json::Value| -> Result<Polygon<f64>, ScenarioError> {
        let rings = rings
            .as_array()
            .filter(|r| !r.is_empty())
            .ok_or_else(|| bad(format!("{path} has no rings")))?;
        let exterior = ring(&format!("{path}[0]"), &rings[0])?;
        let interiors = rings[1..]
            .iter()
            .enumerate()
            .map(|(i, r)| ring(&format!("{path}[{}]", i + 1), r))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Polygon::new(exterior, interiors))
    };
    let coordinates = &geometry["coordinates"];
    match geometry["type"].as_str() {
        Some("Polygon") => Ok(MultiPolygon::new(vec![polygon(
            "coordinates",
            coordinates,
        )?])),
        Some("MultiPolygon") => coordinates
            .as_array()
            .ok_or_else(|| bad("coordinates of the MultiPolygon is not an array".into()))?
            .iter()
            .enumerate()
            .map(|(i, p)| polygon(&format!("coordinates[{i}]"), p))
            .collect::<Result<Vec<_>, _>>()
            .map(MultiPolygon::new),
        _ => Err(bad(
            "the (first feature's) geometry is not a Polygon or MultiPolygon".into(),
        )),
    }
}

/// The convex hull of `points` widened by `margin_km`: the hull of 32 points on a circle of
/// that radius around every point (the convex hull's Minkowski sum with a 32-gon).
fn hull_boundary(points: &[Point<f64>], origin: Point<f64>, margin_km: f64) -> MultiPolygon<f64> {
    let projection = Projection::at(origin);
    let widened: Vec<Point<f64>> = points
        .iter()
        .flat_map(|&p| {
            (0..32).map(move |k| {
                projection.offset_km(
                    p,
                    margin_km.max(0.1),
                    k as f64 * std::f64::consts::TAU / 32.0,
                )
            })
        })
        .collect();
    MultiPolygon::new(vec![MultiPoint::new(widened).convex_hull()])
}

/// Credits from `sources.csv` (`key`, `title`, `licence`, `used_for`).
fn read_credits(text: &str) -> Result<Vec<SourceCredit>, ScenarioError> {
    let table = Table::parse(
        "sources.csv",
        text,
        &["key", "title", "licence", "used_for"],
    )?;
    table
        .rows()
        .map(|row: Row<'_>| {
            Ok(SourceCredit {
                key: row.required("key")?.to_string(),
                title: row.required("title")?.to_string(),
                licence: row.required("licence")?.to_string(),
                used_for: row.get("used_for").to_string(),
            })
        })
        .collect()
}

/// Licence names looked for in a README when a folder has no `sources.csv`.
const LICENCE_NAMES: [&str; 9] = [
    "CC BY-SA 4.0",
    "CC BY 4.0",
    "CC BY 3.0",
    "CC0",
    "ODbL",
    "WTFPL",
    "MIT",
    "Apache-2.0",
    "public domain",
];

/// One credit per distinct value of the `source` columns (saying which files and how many
/// rows use it), plus the README's `Source` paragraph with the licences it names.
fn derived_credits(tables: &[&Table], readme: Option<&str>) -> Vec<SourceCredit> {
    let licences: Vec<&str> = readme
        .map(|text| {
            LICENCE_NAMES
                .iter()
                .copied()
                .filter(|l| text.contains(l))
                .collect()
        })
        .unwrap_or_default();
    let licence = if licences.is_empty() {
        "not stated in the folder (no README naming a licence)".to_string()
    } else {
        format!("{} (as the folder's README states)", licences.join(", "))
    };
    let mut uses: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for table in tables {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for row in table.rows() {
            let value = row.get("source");
            if !value.is_empty() {
                *counts.entry(value.to_string()).or_default() += 1;
            }
        }
        for (value, n) in counts {
            uses.entry(value)
                .or_default()
                .push(format!("{} ({n} rows)", table.file()));
        }
    }
    let mut credits: Vec<SourceCredit> = uses
        .into_iter()
        .map(|(value, files)| SourceCredit {
            key: value.clone(),
            title: format!("{value}, as named in the source column of the division files"),
            licence: licence.clone(),
            used_for: files.join(", "),
        })
        .collect();
    if let Some(paragraph) = readme.and_then(source_paragraph) {
        credits.push(SourceCredit {
            key: "readme".into(),
            title: paragraph,
            licence,
            used_for: "the division list, points and boundary of the district folder".into(),
        });
    }
    credits
}

/// The README paragraph that starts with `Source` (whitespace collapsed), if any.
fn source_paragraph(readme: &str) -> Option<String> {
    readme
        .split("\n\n")
        .map(str::trim)
        .find(|p| p.starts_with("Source"))
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
}
