//! Reading sites from CSV, the form practitioners keep station lists in.
//!
//! Columns (header required, any order): `name`, `tier`, `lon`, `lat` are required; `id`,
//! `code`, `township`, `open`, `close` are optional. `tier` is one of `district_hub`,
//! `township_centre`, `village_station`, `bus_stop`, `junction`. `township` names a township
//! centre of the same file by id or by name. `open`/`close` are `HH:MM`. Coordinates are WGS84
//! unless the caller says they are GCJ-02 (as copied from Amap or Baidu-derived tools after
//! BD-09 -> GCJ-02), in which case they are converted.

use std::collections::HashMap;
use std::io::Read;

use crate::model::{OpeningHours, SiteTier};
use gongpei_network::gcj02::gcj02_to_wgs84;

use crate::error::ScenarioError;
use crate::model::SiteSpec;

/// Coordinate system of the `lon`/`lat` columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CoordinateSystem {
    /// GPS / OpenStreetMap coordinates.
    #[default]
    Wgs84,
    /// Chinese web-map coordinates (Amap, Tencent); converted to WGS84.
    Gcj02,
}

fn hhmm(text: &str) -> Option<i64> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    ((0..=48).contains(&h) && (0..60).contains(&m)).then_some(h * 3600 + m * 60)
}

/// Reads sites from CSV text; errors name the origin, line and column.
///
/// ```
/// use gongpei_scenario::csv_sites::{read_sites_csv, CoordinateSystem};
/// let text = "name,tier,lon,lat,township\n官庄镇,township_centre,117.30,40.06,\n西井峪,village_station,117.31,40.07,官庄镇\n";
/// let sites = read_sites_csv(text.as_bytes(), "sites.csv", CoordinateSystem::Wgs84).unwrap();
/// assert_eq!(sites[1].township.as_deref(), Some(sites[0].id.as_str()));
/// let bad = "name,tier,lon,lat\nA,village,117.3,40.0\n";
/// let err = read_sites_csv(bad.as_bytes(), "sites.csv", CoordinateSystem::Wgs84).unwrap_err();
/// assert!(err.to_string().starts_with("sites.csv, line 2: column tier"));
/// ```
pub fn read_sites_csv(
    input: impl Read,
    origin: &str,
    crs: CoordinateSystem,
) -> Result<Vec<SiteSpec>, ScenarioError> {
    let err = |line: u64, message: String| ScenarioError::Csv {
        origin: origin.to_string(),
        line,
        message,
    };
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(input);
    let headers = reader.headers().map_err(|e| err(1, e.to_string()))?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let known = [
        "id", "name", "code", "tier", "lon", "lat", "township", "open", "close",
    ];
    if let Some(unknown) = headers.iter().find(|h| !known.contains(h)) {
        return Err(err(
            1,
            format!(
                "unknown column {unknown:?}; expected some of {}",
                known.join(", ")
            ),
        ));
    }
    let required =
        |name: &str| column(name).ok_or_else(|| err(1, format!("missing column {name:?}")));
    let (c_name, c_tier, c_lon, c_lat) = (
        required("name")?,
        required("tier")?,
        required("lon")?,
        required("lat")?,
    );
    let (c_id, c_code, c_town, c_open, c_close) = (
        column("id"),
        column("code"),
        column("township"),
        column("open"),
        column("close"),
    );

    let mut sites = Vec::new();
    let mut townships = Vec::new();
    for (k, record) in reader.records().enumerate() {
        let line = k as u64 + 2;
        let record = record.map_err(|e| err(line, e.to_string()))?;
        let get = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").to_string();
        let name = get(Some(c_name));
        if name.is_empty() {
            return Err(err(line, "column name: empty".into()));
        }
        let tier: SiteTier = get(Some(c_tier))
            .parse()
            .map_err(|e: String| err(line, format!("column tier: {e}")))?;
        let number = |c: usize, what: &str| {
            let text = get(Some(c));
            text.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or_else(|| err(line, format!("column {what}: {text:?} is not a number")))
        };
        let (mut lon, mut lat) = (number(c_lon, "lon")?, number(c_lat, "lat")?);
        if !((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat)) {
            return Err(err(line, format!("lon/lat ({lon}, {lat}) are not degrees")));
        }
        if crs == CoordinateSystem::Gcj02 {
            (lon, lat) = gcj02_to_wgs84(lon, lat);
        }
        let time = |c: Option<usize>, what: &str| -> Result<Option<i64>, ScenarioError> {
            let text = get(c);
            if text.is_empty() {
                return Ok(None);
            }
            hhmm(&text)
                .map(Some)
                .ok_or_else(|| err(line, format!("column {what}: {text:?} is not HH:MM")))
        };
        let opening_hours = match (time(c_open, "open")?, time(c_close, "close")?) {
            (None, None) => None,
            (Some(open_s), Some(close_s)) if open_s <= close_s => {
                Some(OpeningHours { open_s, close_s })
            }
            _ => {
                return Err(err(
                    line,
                    "columns open/close: give both, open before close".into(),
                ))
            }
        };
        let id = match get(c_id) {
            id if id.is_empty() => format!("site{}", k + 1),
            id => id,
        };
        let code = Some(get(c_code)).filter(|c| !c.is_empty());
        townships.push((line, get(c_town)));
        sites.push(SiteSpec {
            id,
            name,
            code,
            tier,
            lon,
            lat,
            township: None,
            opening_hours,
            handling_capacity_parcels: None,
            synthetic_position: false,
            existing_facility: None,
        });
    }
    let mut centres: HashMap<&str, usize> = HashMap::new();
    for (i, s) in sites
        .iter()
        .enumerate()
        .filter(|(_, s)| s.tier == SiteTier::TownshipCentre)
    {
        centres.insert(s.id.as_str(), i);
        centres.entry(s.name.as_str()).or_insert(i);
    }
    let resolved: Vec<Option<String>> = townships
        .iter()
        .map(|(line, t)| {
            if t.is_empty() {
                return Ok(None);
            }
            centres
                .get(t.as_str())
                .map(|&i| Some(sites[i].id.clone()))
                .ok_or_else(|| err(*line, format!("column township: no township_centre with id or name {t:?} in this file")))
        })
        .collect::<Result<_, _>>()?;
    for (s, t) in sites.iter_mut().zip(resolved) {
        s.township = t;
    }
    let mut seen = HashMap::new();
    for (k, s) in sites.iter().enumerate() {
        if let Some(first) = seen.insert(s.id.clone(), k) {
            return Err(err(
                k as u64 + 2,
                format!("column id: {:?} already used on line {}", s.id, first + 2),
            ));
        }
    }
    Ok(sites)
}
