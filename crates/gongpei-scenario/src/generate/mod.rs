//! Scenario generators: any district from its division folder ([`generate_district`]), and
//! the bundled presets `jizhou` (the whole of Jizhou district: 28 township-level units, 983
//! villages) and `small` (one township of it, 官庄镇, with its 34 villages), built from
//! `data/jizhou/` with its `calibration.json`.
//!
//! Everything that is not in the division list comes from a [`Calibration`] (volumes, shares,
//! relief, fleet sizing, bus lines) and is synthetic, deterministic for the seed and listed in
//! the scenario's metadata. Each synthetic part draws from its own random stream (ChaCha8,
//! stream per part), so the village layout of a seed is the same in both presets and changing
//! one part's rules does not reshuffle the others.

mod calibration;
mod carriers;
mod commerce;
mod geometry;
mod placement;
mod presets;
mod provenance;
mod roads;
mod services;
mod sites_and_roads;
pub mod source_data;
mod table;

use std::collections::HashMap;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub use calibration::{default_carriers, Calibration, CarrierCalibration, Direction, ReliefBand};
pub use carriers::{district_parcels_per_day, UNIVERSAL_SERVICE_MIN_ITEMS};
pub use commerce::{COOP_ID, COOP_OPERATOR};
pub use geometry::Projection;
pub use presets::{generate, generate_from, Preset, SMALL_TOWNSHIP};
pub use sites_and_roads::{BUS_STATION_ID, HUB_ID};
pub use source_data::{BoundaryOrigin, SourceData};

use crate::error::ScenarioError;
use crate::model::{DistrictIdentity, Roads, Scenario, FORMAT_VERSION};
use crate::network::network_from_parts;

/// What to generate from a district's data besides the calibration.
#[derive(Debug, Clone, Default)]
pub struct DistrictOptions {
    /// Scenario name; `None`: derived from the district, `{code}-{name}` (e.g. `110117-平谷区`).
    pub name: Option<String>,
    /// Codes of the township-level units to include (all when `None`); the district's volume
    /// is shared by all its villages, so a part carries its own share only.
    pub townships: Option<Vec<String>>,
    /// How the generator is named in `metadata.generator` (default `division {code}`).
    pub generator_label: Option<String>,
    /// Scenario description; `None`: derived from the district and the selection.
    pub description: Option<String>,
}

/// Random stream for one synthetic part.
fn stream(seed: u64, part: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(part);
    rng
}

/// The calibration a district folder asks for: its `calibration.json`, or the defaults.
pub fn folder_calibration(data: &SourceData) -> Result<Calibration, ScenarioError> {
    match &data.calibration_json {
        Some(text) => {
            Calibration::from_json_str(text, &format!("{}/calibration.json", data.origin))
        }
        None => Ok(Calibration::default()),
    }
}

/// The default scenario name of a district: `{code}-{name}`.
pub fn district_scenario_name(data: &SourceData) -> String {
    format!("{}-{}", data.district.code, data.district.name)
}

/// Generates a scenario for any district from its division data.
///
/// ```
/// use gongpei_scenario::generate::{generate_district, Calibration, DistrictOptions, SourceData};
/// let data = SourceData::bundled().unwrap();
/// let options = DistrictOptions {
///     townships: Some(vec!["120119102".into()]),
///     ..Default::default()
/// };
/// let s = generate_district(&data, &Calibration::default(), &options, 1).unwrap();
/// assert_eq!(s.name, "120119-蓟州区");
/// assert_eq!(s.metadata.district.as_ref().unwrap().name, "蓟州区");
/// ```
pub fn generate_district(
    data: &SourceData,
    calibration: &Calibration,
    options: &DistrictOptions,
    seed: u64,
) -> Result<Scenario, ScenarioError> {
    calibration.check("calibration")?;
    check_consistent(data)?;
    let selected: Option<Vec<&str>> = match &options.townships {
        None => None,
        Some(codes) => {
            if let Some(unknown) = codes
                .iter()
                .find(|c| !data.townships.iter().any(|t| &t.code == *c))
            {
                return Err(ScenarioError::Generate(format!(
                    "township {unknown} is not in the division list of {} ({})",
                    data.district.name, data.district.code
                )));
            }
            Some(codes.iter().map(String::as_str).collect())
        }
    };
    let projection = Projection::at(data.district_point);
    let layout = placement::layout(data, calibration, &projection, &mut stream(seed, 1));
    let built = sites_and_roads::build(
        data,
        calibration,
        &projection,
        &layout,
        selected.as_deref(),
        &mut stream(seed, 2),
    );
    let roads = Roads {
        edges: built.edges.clone(),
        ..Roads::default()
    };
    let net = network_from_parts(&built.sites, &roads)?;

    let demand = carriers::demand(
        data,
        calibration,
        &built.sites,
        &built.village_sites,
        &mut stream(seed, 3),
    );
    let township_of: HashMap<&str, &str> = built
        .sites
        .iter()
        .filter_map(|s| Some((s.id.as_str(), s.township.as_deref()?)))
        .collect();
    let mut township_parcels: HashMap<&str, (i64, i64)> = HashMap::new();
    for d in &demand {
        if let Some(&t) = township_of.get(d.village.as_str()) {
            let entry = township_parcels.entry(t).or_default();
            entry.0 += d.parcels_in;
            entry.1 += d.parcels_out;
        }
    }
    let township_parcels: Vec<i64> = township_parcels.values().map(|&(i, o)| i.max(o)).collect();
    let vehicle_types = services::vehicle_types(
        calibration,
        &demand,
        data.townships.len(),
        &township_parcels,
    );
    let townships: Vec<usize> = built.township_sites.iter().map(|&(_, s)| s).collect();
    let mut villages_by_township: HashMap<&str, Vec<usize>> = HashMap::new();
    for &(_, s) in &built.village_sites {
        if let Some(t) = &built.sites[s].township {
            villages_by_township.entry(t.as_str()).or_default().push(s);
        }
    }
    let villages_of = |t: usize| {
        villages_by_township
            .get(built.sites[t].id.as_str())
            .cloned()
            .unwrap_or_default()
    };
    let bus_lines = services::bus_lines(
        &services::BusNetwork {
            net: &net,
            sites: &built.sites,
            bus_station: built.bus_station,
            townships: &townships,
            villages_of: &villages_of,
        },
        calibration,
        &projection,
        data.district.short_name(),
        &mut stream(seed, 4),
    )?;

    let (commerce, coop_vans) = commerce::commerce(&built.sites, HUB_ID, &mut stream(seed, 5));
    let mut vehicle_types = vehicle_types;
    vehicle_types.extend(coop_vans);
    commerce::size_shared_fleet(&mut vehicle_types, &built.sites, &demand, &commerce);

    let context = provenance::Context {
        data,
        calibration,
        layout: &layout,
        built: &built,
        selected: selected.as_deref(),
        demand: &demand,
    };
    let description = options
        .description
        .clone()
        .unwrap_or_else(|| provenance::description(&context));
    let label = options
        .generator_label
        .clone()
        .unwrap_or_else(|| format!("division {}", data.district.code));
    let mut metadata = provenance::metadata(&context, &label, seed, description);
    metadata.district = Some(DistrictIdentity {
        code: data.district.code.clone(),
        name: data.district.name.clone(),
    });
    Ok(Scenario {
        format_version: FORMAT_VERSION,
        name: options
            .name
            .clone()
            .unwrap_or_else(|| district_scenario_name(data)),
        metadata,
        sites: built.sites,
        roads,
        carriers: carriers::carriers(calibration, HUB_ID),
        demand,
        vehicle_types,
        bus_lines,
        costs: services::costs(HUB_ID),
        finance: services::finance(HUB_ID, townships.len(), built.village_sites.len()),
        commerce,
    })
}

/// Checks what the placement relies on when [`SourceData`] was built by hand: every village
/// names a township of the list.
fn check_consistent(data: &SourceData) -> Result<(), ScenarioError> {
    for v in &data.villages {
        if !data.townships.iter().any(|t| t.code == v.township_code) {
            return Err(ScenarioError::Generate(format!(
                "village {} ({}) names township {} which is not in the township list",
                v.name, v.code, v.township_code
            )));
        }
    }
    if data.townships.is_empty() || data.villages.is_empty() {
        return Err(ScenarioError::Generate(
            "the division list needs at least one township and one village".into(),
        ));
    }
    Ok(())
}
