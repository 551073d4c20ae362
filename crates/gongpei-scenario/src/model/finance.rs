//! Investment and subsidies (投资与补贴): what the network's facilities cost to build and run, and
//! what the county pays towards the delivery system, as inputs to every mode's figures.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::SiteId;

/// Capital, running cost and subsidies of the delivery network. Empty (the default) means routing
/// and handling are the whole cost and the county pays nothing.
///
/// ```
/// use gongpei_scenario::model::{Finance, Facility, ModeScope};
/// let f = Finance {
///     facilities: vec![Facility {
///         name: "sorting centre".into(),
///         site: None,
///         modes: ModeScope::Pooled,
///         units: 1,
///         capital_yuan: 3_650_000.0,
///         life_years: 10.0,
///         operating_per_day: 500.0,
///     }],
///     ..Finance::default()
/// };
/// // Straight-line amortisation at 0 % interest: 3.65 M over 10 years of 365 days.
/// assert!((f.daily_capital(&f.facilities[0]) - 1000.0).abs() < 1e-9);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finance {
    /// Yearly interest rate turning capital into an equal daily charge (capital recovery factor);
    /// 0 amortises in a straight line.
    #[serde(default)]
    pub interest_rate: f64,
    /// Operating days per year over which a year's capital charge is spread.
    #[serde(default = "default_operating_days")]
    pub operating_days_per_year: f64,
    /// Most the county pays per day over all subsidies together, yuan; unlimited if absent.
    /// When the subsidies add up to more, each is scaled down in proportion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county_budget_per_day: Option<f64>,
    /// Facilities whose capital and running cost the modes that need them carry.
    #[serde(default)]
    pub facilities: Vec<Facility>,
    /// What the county pays, and on what basis.
    #[serde(default)]
    pub subsidies: Vec<Subsidy>,
}

fn one_unit() -> u32 {
    1
}

fn default_operating_days() -> f64 {
    365.0
}

impl Default for Finance {
    fn default() -> Self {
        Finance {
            interest_rate: 0.0,
            operating_days_per_year: default_operating_days(),
            county_budget_per_day: None,
            facilities: Vec::new(),
            subsidies: Vec::new(),
        }
    }
}

impl Finance {
    /// Whether the section says nothing (then it is left out of a written file).
    pub fn is_empty(&self) -> bool {
        *self == Finance::default()
    }

    /// The daily capital charge of `facility` (all its units): capital x capital recovery factor
    /// over its life, spread over the operating days of a year.
    pub fn daily_capital(&self, facility: &Facility) -> f64 {
        let n = facility.life_years;
        let r = self.interest_rate;
        let per_year = if r > 0.0 {
            facility.capital_yuan * r / (1.0 - (1.0 + r).powf(-n))
        } else {
            facility.capital_yuan / n
        };
        per_year * f64::from(facility.units) / self.operating_days_per_year
    }

    /// The daily running cost of `facility` (all its units).
    pub fn daily_operating(facility: &Facility) -> f64 {
        facility.operating_per_day * f64::from(facility.units)
    }
}

/// A facility of the network: the sorting centre, a township centre's upgrade, village stations,
/// a pre-cooling store, a depot's equipment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// What it is, e.g. `sorting centre` or `village stations (upgrade of 村委会)`.
    pub name: String,
    /// Site where it stands, if it is one site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<SiteId>,
    /// Modes that need it (and so carry its cost).
    pub modes: ModeScope,
    /// How many of it there are (e.g. 949 village stations); capital and running cost are per unit.
    #[serde(default = "one_unit")]
    pub units: u32,
    /// Investment per unit, yuan.
    pub capital_yuan: f64,
    /// Economic life over which the investment is recovered, years (> 0).
    pub life_years: f64,
    /// Running cost per unit (staff, energy, rent), yuan per operating day.
    #[serde(default)]
    pub operating_per_day: f64,
}

/// What a subsidy is paid on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SubsidyBasis {
    /// `amount` yuan per parcel moved (in and out) in the mode.
    PerParcel,
    /// `amount` yuan per day per village the mode serves.
    PerVillageServed,
    /// `amount` yuan per day per facility unit of the mode (e.g. per station).
    PerFacility,
    /// `amount` (a fraction 0..1) of the daily capital charge of the mode's facilities.
    CapitalShare,
}

/// One subsidy the county pays (补贴资金由区财政局落实).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Subsidy {
    /// What it is, e.g. `邮快合作 per-parcel subsidy`.
    pub name: String,
    /// What it is paid on.
    pub basis: SubsidyBasis,
    /// Yuan per unit of the basis, or a fraction for `capital_share`.
    pub amount: f64,
    /// Modes that receive it.
    pub modes: ModeScope,
}

/// The cooperation modes a facility or subsidy belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ModeScope {
    /// Every mode, the baseline included.
    All,
    /// Only carriers delivering on their own.
    Separate,
    /// Only 邮快合作.
    PostalExpress,
    /// Only 交邮合作.
    TransportPostal,
    /// Only both cooperations together.
    Combined,
    /// The modes with a shared hub and last mile: 邮快合作, combined and 快商合作 (`commerce`).
    Pooled,
    /// The modes using buses: 交邮合作 and combined.
    Bus,
    /// Every mode but the baseline.
    Cooperative,
}

impl ModeScope {
    /// Whether the mode called `mode` (`separate`, `postal_express`, `transport_postal`,
    /// `combined`, `commerce`, ...) is in the scope.
    ///
    /// ```
    /// use gongpei_scenario::model::ModeScope;
    /// assert!(ModeScope::Pooled.includes("combined"));
    /// assert!(!ModeScope::Pooled.includes("transport_postal"));
    /// ```
    pub fn includes(self, mode: &str) -> bool {
        match self {
            ModeScope::All => true,
            ModeScope::Separate => mode == "separate",
            ModeScope::PostalExpress => mode == "postal_express",
            ModeScope::TransportPostal => mode == "transport_postal",
            ModeScope::Combined => mode == "combined",
            ModeScope::Pooled => matches!(mode, "postal_express" | "combined" | "commerce"),
            ModeScope::Bus => mode == "transport_postal" || mode == "combined",
            ModeScope::Cooperative => mode != "separate",
        }
    }

    /// The serde names of every scope, for tables and errors.
    pub fn names() -> Vec<String> {
        [
            "all",
            "separate",
            "postal_express",
            "transport_postal",
            "combined",
            "pooled",
            "bus",
            "cooperative",
        ]
        .map(String::from)
        .to_vec()
    }
}

impl SubsidyBasis {
    /// The serde names of every basis, for tables and errors.
    pub fn names() -> Vec<String> {
        [
            "per_parcel",
            "per_village_served",
            "per_facility",
            "capital_share",
        ]
        .map(String::from)
        .to_vec()
    }
}
