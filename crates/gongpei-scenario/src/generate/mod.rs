//! Scenario generators: the `jizhou` preset (the whole district: 28 township-level units, 983
//! villages) and the `small` preset (one township, 官庄镇, with its 34 villages), both built
//! from the public data bundled in `data/jizhou/` plus synthetic parts that are deterministic
//! for the seed and listed in the scenario's metadata.
//!
//! Each synthetic part draws from its own random stream (ChaCha8, stream per part), so the
//! village layout of a seed is the same in both presets and changing one part's rules does not
//! reshuffle the others.

mod carriers;
mod geometry;
mod placement;
mod provenance;
mod roads;
mod services;
mod sites_and_roads;
pub mod source_data;

use std::collections::HashMap;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

pub use carriers::{CarrierInfo, CARRIERS, DISTRICT_PARCELS_PER_DAY, UNIVERSAL_SERVICE_MIN_ITEMS};
pub use geometry::rank_of;
pub use sites_and_roads::{BUS_STATION_ID, HUB_ID};
pub use source_data::SourceData;

use crate::error::ScenarioError;
use crate::model::{Roads, Scenario, FORMAT_VERSION};
use crate::network::network_from_parts;

/// A named scenario generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// All of Jizhou district.
    Jizhou,
    /// One township (官庄镇, 34 villages) for tests and notebooks.
    Small,
}

impl Preset {
    /// The preset's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Jizhou => "jizhou",
            Preset::Small => "small",
        }
    }
}

impl std::str::FromStr for Preset {
    type Err = ScenarioError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "jizhou" => Ok(Preset::Jizhou),
            "small" => Ok(Preset::Small),
            other => Err(ScenarioError::Generate(format!(
                "unknown preset {other:?}; available: jizhou, small"
            ))),
        }
    }
}

/// Code of the township of the small preset (官庄镇).
pub const SMALL_TOWNSHIP: &str = "120119102";

/// Random stream for one synthetic part.
fn stream(seed: u64, part: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(part);
    rng
}

/// Generates a preset from the bundled data.
///
/// ```
/// use gongpei_scenario::generate::{generate, Preset};
/// let a = generate(Preset::Small, 42).unwrap();
/// assert_eq!(a, generate(Preset::Small, 42).unwrap()); // deterministic for a seed
/// assert!(a.sites.iter().filter(|s| s.tier == gongpei_network::SiteTier::VillageStation).count() == 34);
/// ```
pub fn generate(preset: Preset, seed: u64) -> Result<Scenario, ScenarioError> {
    generate_from(&SourceData::bundled()?, preset, seed)
}

/// Generates a preset from already loaded source data.
pub fn generate_from(
    data: &SourceData,
    preset: Preset,
    seed: u64,
) -> Result<Scenario, ScenarioError> {
    let selected: Option<Vec<&str>> = match preset {
        Preset::Jizhou => None,
        Preset::Small => Some(vec![SMALL_TOWNSHIP]),
    };
    let layout = placement::layout(data, &mut stream(seed, 1));
    let built = sites_and_roads::build(data, &layout, selected.as_deref(), &mut stream(seed, 2));
    let roads = Roads {
        edges: built.edges.clone(),
        ..Roads::default()
    };
    let net = network_from_parts(&built.sites, &roads)?;

    let demand = carriers::demand(
        data,
        &built.sites,
        &built.village_sites,
        &mut stream(seed, 3),
    );
    let vehicle_types = services::vehicle_types(&demand);
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
    let max_lines = if preset == Preset::Small { 1 } else { 5 };
    let bus_lines = services::bus_lines(
        &net,
        &built.sites,
        built.bus_station,
        &townships,
        &villages_of,
        max_lines,
        &mut stream(seed, 4),
    )?;

    let rejected: Vec<(String, String, usize)> = layout
        .rejected_points
        .iter()
        .filter(|&&(v, _)| built.village_sites.iter().any(|&(sv, _)| sv == v))
        .map(|&(v, rank)| {
            (
                data.villages[v].code.clone(),
                data.villages[v].name.clone(),
                rank,
            )
        })
        .collect();
    let description = match preset {
        Preset::Jizhou => "Jizhou district (蓟州区), Tianjin: official townships and villages with synthetic roads, carriers, demand, fleets and bus lines",
        Preset::Small => "官庄镇, Jizhou district, Tianjin: one township with its 34 villages, for tests and notebooks",
    };
    Ok(Scenario {
        format_version: FORMAT_VERSION,
        name: preset.name().to_string(),
        metadata: provenance::metadata(preset.name(), seed, description, &rejected),
        sites: built.sites,
        roads,
        carriers: carriers::carriers(HUB_ID),
        demand,
        vehicle_types,
        bus_lines,
        costs: services::costs(HUB_ID),
    })
}
