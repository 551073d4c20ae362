//! The bundled presets: `jizhou` (all of the bundled Jizhou division list) and `small` (one of
//! its townships), both with the bundled `data/jizhou/calibration.json`. A preset is only a
//! choice of data, calibration, township selection and name; generation is
//! [`super::generate_district`].

use super::{folder_calibration, generate_district, Calibration, DistrictOptions, SourceData};
use crate::error::ScenarioError;
use crate::model::Scenario;

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
                "unknown preset {other:?}; available: jizhou, small (or --division DIR for any district)"
            ))),
        }
    }
}

/// Code of the township of the small preset (官庄镇 of the bundled Jizhou list).
pub const SMALL_TOWNSHIP: &str = "120119102";

/// Generates a preset from the bundled data.
///
/// ```
/// use gongpei_scenario::generate::{generate, Preset};
/// let a = generate(Preset::Small, 42).unwrap();
/// assert_eq!(a, generate(Preset::Small, 42).unwrap()); // deterministic for a seed
/// assert!(a.sites.iter().filter(|s| s.tier == gongpei_scenario::model::SiteTier::VillageStation).count() == 34);
/// ```
pub fn generate(preset: Preset, seed: u64) -> Result<Scenario, ScenarioError> {
    generate_from(&SourceData::bundled()?, preset, seed)
}

impl Preset {
    /// The calibration and options of this preset on `data` (normally
    /// [`SourceData::bundled`]): the data's calibration, one bus line for `small`, the preset's
    /// name and township selection. Callers may change the calibration before generating.
    pub fn setup(self, data: &SourceData) -> Result<(Calibration, DistrictOptions), ScenarioError> {
        let mut calibration = folder_calibration(data)?;
        let townships = match self {
            Preset::Jizhou => None,
            Preset::Small => {
                calibration.bus_lines = 1;
                Some(vec![SMALL_TOWNSHIP.to_string()])
            }
        };
        let options = DistrictOptions {
            name: Some(self.name().to_string()),
            townships,
            generator_label: Some(format!("preset {}", self.name())),
            description: None,
        };
        Ok((calibration, options))
    }
}

/// Generates a preset from already loaded source data (normally [`SourceData::bundled`]),
/// with the data's calibration; `small` also keeps one bus line.
pub fn generate_from(
    data: &SourceData,
    preset: Preset,
    seed: u64,
) -> Result<Scenario, ScenarioError> {
    let (calibration, options) = preset.setup(data)?;
    generate_district(data, &calibration, &options, seed)
}
