//! The calibration of the district generator: every planning value that is not in the division
//! list (volumes, carrier shares, cold-chain and produce shares, relief, fleet sizing, bus lines,
//! placement of the hub's neighbours) with documented defaults.
//!
//! A calibration is plain JSON (`calibration.json` in a district folder, `--calibration FILE`
//! on the command line, a dict in Python); a missing field takes its default, an unknown field
//! is an error naming it. The bundled Jizhou presets use `data/jizhou/calibration.json`.

use geo::Point;
use serde::{Deserialize, Serialize};

use crate::error::ScenarioError;
use crate::model::CarrierKind;

/// One carrier of the generated district.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CarrierCalibration {
    /// Carrier id (the postal carrier's depot is the district hub).
    pub id: String,
    /// Display name.
    pub name: String,
    /// `postal` or `express`; the first postal carrier runs the hub.
    pub kind: CarrierKind,
    /// Share of the district's inbound parcels.
    pub share: f64,
    /// Probability that the carrier serves a given rural village itself (urban ones always).
    pub coverage: f64,
    /// Whether it runs cold-chain flows (chilled parcels, refrigerated vans).
    pub cold_chain: bool,
}

/// A band over which the land rises from plain (hilliness 0) to mountains (1), along one
/// compass direction: hilliness = smoothstep((coordinate - `from_deg`) / `span_deg`), the
/// coordinate being latitude for `north`/`south` and longitude for `east`/`west`, counted in
/// the band's direction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReliefBand {
    /// `north`, `south`, `east` or `west`: where the mountains are.
    pub towards: Direction,
    /// Latitude or longitude (degrees) where the rise starts.
    pub from_deg: f64,
    /// Degrees over which it reaches full hilliness (positive).
    pub span_deg: f64,
}

/// A compass direction of a [`ReliefBand`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Mountains to the north (rising latitude).
    North,
    /// Mountains to the south.
    South,
    /// Mountains to the east (rising longitude).
    East,
    /// Mountains to the west.
    West,
}

/// Every planning value of the generator. `Calibration::default()` is the documented default;
/// see the crate README's calibration table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Calibration {
    /// Parcels into the whole district per day before the +-10 % day noise; `None` derives it
    /// as `parcels_per_weight_per_day` x the villages' summed attraction weight.
    pub parcels_per_day: Option<f64>,
    /// Parcels per day per unit of village attraction weight (an NBS urban-rural class proxy
    /// of residents: 3 for a city-centre 居委会 down to 1 for a village; 2 when unknown).
    /// Default 2.37: Jizhou's assumed 3,200 parcels/day over its 983 villages' weight 1,351.5.
    pub parcels_per_weight_per_day: f64,
    /// The carriers, their shares, coverage and cold chain (default: China Post and five
    /// express companies with assumed 2023-like shares).
    pub carriers: Vec<CarrierCalibration>,
    /// Returned parcels as a share of inbound ones (before noise).
    pub returns_share: f64,
    /// Chilled inbound parcels as a share range of a cold-chain carrier's ambient inbound.
    pub chilled_inbound_share: [f64; 2],
    /// Probability that a rural (non-urban) village has chilled inbound parcels at all.
    pub rural_chilled_probability: f64,
    /// Hilliness above which villages ship farm produce.
    pub produce_min_hilliness: f64,
    /// Produce pickups as a range of multiples of the village's inbound volume, times hilliness.
    pub produce_factor: [f64; 2],
    /// Hilliness above which part of the produce ships chilled.
    pub chilled_produce_min_hilliness: f64,
    /// Share range of the produce that ships chilled (cold-chain carriers only).
    pub chilled_produce_share: [f64; 2],
    /// Where the land is hilly (slower, longer roads, produce); empty = flat district.
    pub relief: Vec<ReliefBand>,
    /// Vans of a carrier: this many times its parcel volume in van loads, at least.
    pub van_volume_headroom: f64,
    /// Village stops one ambient van covers in a shift.
    pub village_stops_per_van: u32,
    /// Spare vans per carrier on top.
    pub spare_vans: u32,
    /// Upper bound of a carrier's vans.
    pub max_vans_per_carrier: u32,
    /// Chilled village stops one refrigerated van covers in a shift.
    pub cold_stops_per_van: u32,
    /// Chilled pickups one refrigerated van collects within the cold-chain limit.
    pub cold_pickups_per_van: u32,
    /// Number of bus lines (each in both directions) from the bus station to far townships.
    pub bus_lines: usize,
    /// Villages of its end township a bus line continues through.
    pub villages_per_bus_line: usize,
    /// Operator of the bus lines; `None`: "{district short name}公交 (assumed operator)".
    pub bus_operator: Option<String>,
    /// Distance range (km) of the express depots from the district point.
    pub depot_ring_km: [f64; 2],
    /// Bearing range (radians, 0 = east, counter-clockwise) of the express depots.
    pub depot_bearing_rad: [f64; 2],
    /// Distance range (km) of the bus station from the district point.
    pub bus_station_ring_km: [f64; 2],
    /// Bearing range (radians) of the bus station.
    pub bus_station_bearing_rad: [f64; 2],
    /// Distance range (km) from the district point of a township seat that has no point and
    /// no village points (e.g. a development zone).
    pub seatless_ring_km: [f64; 2],
    /// Bearing range (radians) of such seats.
    pub seatless_bearing_rad: [f64; 2],
    /// Margin (km) around the hull of the known points when the folder has no boundary.
    pub hull_margin_km: f64,
}

impl Default for Calibration {
    fn default() -> Self {
        let circle = [-std::f64::consts::PI, std::f64::consts::PI];
        Calibration {
            parcels_per_day: None,
            parcels_per_weight_per_day: 2.37,
            carriers: default_carriers(),
            returns_share: 0.04,
            chilled_inbound_share: [0.04, 0.10],
            rural_chilled_probability: 0.3,
            produce_min_hilliness: 0.25,
            produce_factor: [0.6, 2.0],
            chilled_produce_min_hilliness: 0.4,
            chilled_produce_share: [0.1, 0.3],
            relief: Vec::new(),
            van_volume_headroom: 2.0,
            village_stops_per_van: 60,
            spare_vans: 2,
            max_vans_per_carrier: 60,
            cold_stops_per_van: 10,
            cold_pickups_per_van: 5,
            bus_lines: 5,
            villages_per_bus_line: 12,
            bus_operator: None,
            depot_ring_km: [1.5, 4.0],
            depot_bearing_rad: circle,
            bus_station_ring_km: [0.6, 1.2],
            bus_station_bearing_rad: circle,
            seatless_ring_km: [2.0, 4.0],
            seatless_bearing_rad: circle,
            hull_margin_km: super::source_data::DEFAULT_HULL_MARGIN_KM,
        }
    }
}

fn carrier(
    id: &str,
    name: &str,
    kind: CarrierKind,
    share: f64,
    coverage: f64,
    cold_chain: bool,
) -> CarrierCalibration {
    CarrierCalibration {
        id: id.into(),
        name: name.into(),
        kind,
        share,
        coverage,
        cold_chain,
    }
}

/// China Post and the five big express companies, shares in the order of magnitude of China's
/// 2023 express market with China Post's larger rural role (assumptions, not measurements).
pub fn default_carriers() -> Vec<CarrierCalibration> {
    use CarrierKind::{Express, Postal};
    vec![
        carrier("china_post", "中国邮政 China Post", Postal, 0.20, 1.0, true),
        carrier("zto", "中通快递 ZTO", Express, 0.23, 0.92, true),
        carrier("yto", "圆通速递 YTO", Express, 0.17, 0.88, false),
        carrier("yunda", "韵达快递 Yunda", Express, 0.15, 0.85, false),
        carrier("jt", "极兔速递 J&T", Express, 0.14, 0.80, false),
        carrier("sto", "申通快递 STO", Express, 0.11, 0.78, false),
    ]
}

impl Calibration {
    /// Parses a calibration from JSON text (`origin` names it in errors); missing fields take
    /// their defaults, and the result is checked with [`Calibration::check`].
    ///
    /// ```
    /// use gongpei_scenario::generate::Calibration;
    /// let c = Calibration::from_json_str(r#"{"parcels_per_day": 900}"#, "c.json").unwrap();
    /// assert_eq!(c.parcels_per_day, Some(900.0));
    /// assert!(Calibration::from_json_str(r#"{"parcels": 9}"#, "c.json").is_err());
    /// ```
    pub fn from_json_str(text: &str, origin: &str) -> Result<Self, ScenarioError> {
        let mut de = serde_json::Deserializer::from_str(text);
        let calibration: Calibration =
            serde_path_to_error::deserialize(&mut de).map_err(|err| {
                let path = err.path().to_string();
                let inner = err.into_inner();
                ScenarioError::Parse {
                    origin: origin.to_string(),
                    path: if path.is_empty() { ".".into() } else { path },
                    line: inner.line(),
                    column: inner.column(),
                    message: inner.to_string(),
                }
            })?;
        calibration.check(origin)?;
        Ok(calibration)
    }

    /// This calibration with the fields present in the JSON object `text` replaced (`origin`
    /// names it in errors; an unknown field or a wrong type is an error with its path).
    ///
    /// ```
    /// use gongpei_scenario::generate::Calibration;
    /// let base = Calibration { bus_lines: 2, ..Calibration::default() };
    /// let c = base.overlay_json(r#"{"spare_vans": 4}"#, "flags").unwrap();
    /// assert_eq!((c.bus_lines, c.spare_vans), (2, 4));
    /// ```
    pub fn overlay_json(&self, text: &str, origin: &str) -> Result<Self, ScenarioError> {
        // Parse strictly first, for errors with line and column.
        Self::from_json_str(text, origin)?;
        let overlay: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| ScenarioError::Generate(format!("{origin}: {e}")))?;
        let serde_json::Value::Object(fields) = overlay else {
            return Err(ScenarioError::Generate(format!(
                "{origin}: a calibration must be a JSON object"
            )));
        };
        let mut merged = serde_json::to_value(self).expect("a calibration always serialises");
        for (key, value) in fields {
            merged[key] = value;
        }
        Self::from_json_str(&merged.to_string(), origin)
    }

    /// This calibration with one field set from `FIELD=JSON` (e.g. `bus_lines=3`,
    /// `relief=[{"towards":"north","from_deg":40.2,"span_deg":0.1}]`); a bare word that is not
    /// JSON is taken as a string.
    pub fn with_assignment(&self, assignment: &str) -> Result<Self, ScenarioError> {
        let Some((field, value)) = assignment.split_once('=') else {
            return Err(ScenarioError::Generate(format!(
                "calibration setting {assignment:?} is not FIELD=VALUE"
            )));
        };
        let value: serde_json::Value = serde_json::from_str(value.trim())
            .unwrap_or_else(|_| serde_json::Value::String(value.trim().to_string()));
        let text = serde_json::json!({ field.trim(): value }).to_string();
        self.overlay_json(&text, &format!("calibration setting {assignment:?}"))
    }

    /// Reads a calibration file.
    pub fn from_json_file(path: &std::path::Path) -> Result<Self, ScenarioError> {
        let text = std::fs::read_to_string(path).map_err(|source| ScenarioError::Io {
            file: path.display().to_string(),
            source,
        })?;
        Self::from_json_str(&text, &path.display().to_string())
    }

    /// The calibration as pretty JSON (every field, defaults included).
    pub fn to_json_string(&self) -> String {
        serde_json::to_string_pretty(self).expect("a calibration always serialises")
    }

    /// Checks ranges and signs; every problem is listed with its field.
    pub fn check(&self, origin: &str) -> Result<(), ScenarioError> {
        let mut problems = Vec::new();
        let mut need = |ok: bool, field: &str, what: &str| {
            if !ok {
                problems.push(crate::Problem {
                    path: field.to_string(),
                    message: what.to_string(),
                });
            }
        };
        let share = |x: f64| (0.0..=1.0).contains(&x);
        let range = |r: [f64; 2]| r[0].is_finite() && r[1].is_finite() && r[0] < r[1];
        need(
            self.parcels_per_day
                .is_none_or(|p| p.is_finite() && p > 0.0),
            "parcels_per_day",
            "must be positive",
        );
        need(
            self.parcels_per_weight_per_day.is_finite() && self.parcels_per_weight_per_day > 0.0,
            "parcels_per_weight_per_day",
            "must be positive",
        );
        need(
            !self.carriers.is_empty(),
            "carriers",
            "needs at least one carrier",
        );
        need(
            self.carriers.iter().any(|c| c.kind == CarrierKind::Postal),
            "carriers",
            "needs a postal carrier (it runs the district hub)",
        );
        for (i, c) in self.carriers.iter().enumerate() {
            need(
                c.share > 0.0 && share(c.share),
                &format!("carriers[{i}].share"),
                "must lie in (0, 1]",
            );
            need(
                share(c.coverage),
                &format!("carriers[{i}].coverage"),
                "must lie in [0, 1]",
            );
            need(
                !c.id.is_empty() && self.carriers.iter().filter(|d| d.id == c.id).count() == 1,
                &format!("carriers[{i}].id"),
                "must be non-empty and unique",
            );
        }
        need(
            share(self.returns_share),
            "returns_share",
            "must lie in [0, 1]",
        );
        for (field, r) in [
            ("chilled_inbound_share", self.chilled_inbound_share),
            ("chilled_produce_share", self.chilled_produce_share),
        ] {
            need(
                range(r) && share(r[0]) && share(r[1]),
                field,
                "must be [low, high] within [0, 1], low < high",
            );
        }
        for (field, r) in [
            ("produce_factor", self.produce_factor),
            ("depot_ring_km", self.depot_ring_km),
            ("bus_station_ring_km", self.bus_station_ring_km),
            ("seatless_ring_km", self.seatless_ring_km),
        ] {
            need(
                range(r) && r[0] >= 0.0,
                field,
                "must be [low, high], 0 <= low < high",
            );
        }
        for (field, r) in [
            ("depot_bearing_rad", self.depot_bearing_rad),
            ("bus_station_bearing_rad", self.bus_station_bearing_rad),
            ("seatless_bearing_rad", self.seatless_bearing_rad),
        ] {
            need(range(r), field, "must be [low, high] radians, low < high");
        }
        need(
            share(self.rural_chilled_probability),
            "rural_chilled_probability",
            "must lie in [0, 1]",
        );
        for (i, band) in self.relief.iter().enumerate() {
            need(
                band.span_deg.is_finite() && band.span_deg > 0.0 && band.from_deg.is_finite(),
                &format!("relief[{i}]"),
                "span_deg must be positive and from_deg finite",
            );
        }
        need(
            self.van_volume_headroom.is_finite() && self.van_volume_headroom > 0.0,
            "van_volume_headroom",
            "must be positive",
        );
        for (field, x) in [
            ("village_stops_per_van", self.village_stops_per_van),
            ("max_vans_per_carrier", self.max_vans_per_carrier),
            ("cold_stops_per_van", self.cold_stops_per_van),
            ("cold_pickups_per_van", self.cold_pickups_per_van),
        ] {
            need(x > 0, field, "must be positive");
        }
        need(
            self.hull_margin_km.is_finite() && self.hull_margin_km > 0.0,
            "hull_margin_km",
            "must be positive",
        );
        if problems.is_empty() {
            Ok(())
        } else {
            Err(ScenarioError::Invalid {
                origin: origin.to_string(),
                problems,
            })
        }
    }

    /// Hilliness in [0, 1] of a WGS84 point: the highest of the relief bands (0 when flat).
    pub fn hilliness(&self, p: Point<f64>) -> f64 {
        self.relief
            .iter()
            .map(|band| {
                let rise = match band.towards {
                    Direction::North => p.y() - band.from_deg,
                    Direction::South => band.from_deg - p.y(),
                    Direction::East => p.x() - band.from_deg,
                    Direction::West => band.from_deg - p.x(),
                };
                let t = (rise / band.span_deg).clamp(0.0, 1.0);
                t * t * (3.0 - 2.0 * t)
            })
            .fold(0.0, f64::max)
    }
}
