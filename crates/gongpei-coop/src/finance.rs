//! What a mode costs beyond its routes, and who pays: the daily capital charge and running cost
//! of the facilities the mode needs (`finance.facilities`), the county's subsidies
//! (`finance.subsidies`, capped by `finance.county_budget_per_day`), the operators' net cost and
//! the cost per parcel. With no `finance` section every extra is zero and the operators pay the
//! plan's cost.

use gongpei_scenario::model::{Finance, SubsidyBasis};
use gongpei_scenario::Scenario;
use serde::Serialize;

use crate::kpi::Kpis;
use crate::Mode;

/// One subsidy as paid to a mode, yuan/day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubsidyPaid {
    /// The subsidy's name in the scenario.
    pub name: String,
    /// What its basis gives before the county budget, yuan/day.
    pub claimed: f64,
    /// What the county pays after the budget, yuan/day.
    pub paid: f64,
}

/// A mode's daily money figures, yuan/day unless said otherwise.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FinanceFigures {
    /// The plan's cost: routes, feeders, bus fees and handling (`Kpis::cost`).
    pub operating_cost: f64,
    /// Capital charge of the mode's facilities (capital recovery over their life).
    pub capital_per_day: f64,
    /// Running cost of the mode's facilities.
    pub facilities_per_day: f64,
    /// Everything the delivery system costs per day: the three above.
    pub total_cost: f64,
    /// What the county pays (after its budget).
    pub county_subsidy: f64,
    /// What the operators pay: `total_cost - county_subsidy`.
    pub operators_cost: f64,
    /// Parcels moved per day (in + out).
    pub parcels: i64,
    /// `total_cost` per parcel, yuan.
    pub cost_per_parcel: f64,
    /// `operators_cost` per parcel, yuan.
    pub operators_cost_per_parcel: f64,
    /// `county_subsidy` per parcel, yuan.
    pub subsidy_per_parcel: f64,
    /// Whether the county budget cut the subsidies (each scaled in proportion).
    pub budget_binding: bool,
    /// Each subsidy the mode receives.
    pub subsidies: Vec<SubsidyPaid>,
}

/// The money figures of `mode` with the plan figures `kpis` under `scenario.finance`.
///
/// ```
/// use gongpei_coop::finance::finance_figures;
/// use gongpei_coop::{kpi::Kpis, Mode};
/// use gongpei_scenario::generate::{generate, Preset};
/// let mut scenario = generate(Preset::Small, 1).unwrap();
/// let kpis = Kpis { cost: 1200.0, parcels: 600, ..Kpis::default() };
/// // The generated finance section's assumed facilities and subsidies:
/// let f = finance_figures(&scenario, Mode::PostalExpress, &kpis);
/// assert!(f.capital_per_day > 0.0 && f.county_subsidy > 0.0);
/// assert!((f.operators_cost - (f.total_cost - f.county_subsidy)).abs() < 1e-9);
/// // Without a finance section the plan's cost is the whole cost:
/// scenario.finance = Default::default();
/// let f = finance_figures(&scenario, Mode::PostalExpress, &kpis);
/// assert_eq!(f.total_cost, 1200.0);
/// assert_eq!(f.cost_per_parcel, 2.0);
/// ```
pub fn finance_figures(scenario: &Scenario, mode: Mode, kpis: &Kpis) -> FinanceFigures {
    let f = &scenario.finance;
    let name = mode.name();
    let facilities: Vec<_> = f
        .facilities
        .iter()
        .filter(|x| x.modes.includes(name))
        .collect();
    let capital: f64 = facilities.iter().map(|x| f.daily_capital(x)).sum();
    let running: f64 = facilities.iter().map(|x| Finance::daily_operating(x)).sum();
    let units: f64 = facilities.iter().map(|x| f64::from(x.units)).sum();
    let mut subsidies: Vec<SubsidyPaid> = f
        .subsidies
        .iter()
        .filter(|s| s.modes.includes(name))
        .map(|s| {
            let claimed = s.amount
                * match s.basis {
                    SubsidyBasis::PerParcel => kpis.parcels as f64,
                    SubsidyBasis::PerVillageServed => kpis.villages_served as f64,
                    SubsidyBasis::PerFacility => units,
                    SubsidyBasis::CapitalShare => capital,
                };
            SubsidyPaid {
                name: s.name.clone(),
                claimed,
                paid: claimed,
            }
        })
        .collect();
    let claimed: f64 = subsidies.iter().map(|s| s.claimed).sum();
    let budget_binding = f.county_budget_per_day.is_some_and(|b| claimed > b);
    if let (true, Some(budget)) = (budget_binding, f.county_budget_per_day) {
        let scale = budget / claimed;
        for s in &mut subsidies {
            s.paid = s.claimed * scale;
        }
    }
    let county_subsidy: f64 = subsidies.iter().map(|s| s.paid).sum();
    let total_cost = kpis.cost + capital + running;
    let operators_cost = total_cost - county_subsidy;
    let per = |x: f64| {
        if kpis.parcels > 0 {
            x / kpis.parcels as f64
        } else {
            0.0
        }
    };
    FinanceFigures {
        operating_cost: kpis.cost,
        capital_per_day: capital,
        facilities_per_day: running,
        total_cost,
        county_subsidy,
        operators_cost,
        parcels: kpis.parcels,
        cost_per_parcel: per(total_cost),
        operators_cost_per_parcel: per(operators_cost),
        subsidy_per_parcel: per(county_subsidy),
        budget_binding,
        subsidies,
    }
}

/// What a coalition pays in `mode` in the allocation game beyond the plan's cost: the capital
/// and running cost of the facilities `mode` needs that the baseline does not (facilities every
/// mode needs are paid whatever the carriers do, so they are outside the game), less the
/// subsidies `mode` earns on the coalition's plan. The baseline's own subsidies enter through
/// [`standalone_adjustment`].
pub fn coalition_adjustment(scenario: &Scenario, mode: Mode, kpis: &Kpis) -> f64 {
    let f = &scenario.finance;
    let mine = finance_figures(scenario, mode, kpis);
    let common: f64 = f
        .facilities
        .iter()
        .filter(|x| x.modes.includes(mode.name()) && x.modes.includes(Mode::Separate.name()))
        .map(|x| f.daily_capital(x) + Finance::daily_operating(x))
        .sum();
    mine.capital_per_day + mine.facilities_per_day - common - mine.county_subsidy
}

/// What a carrier going alone pays beyond its separate plan's cost: minus the subsidies the
/// baseline earns on its own figures (its facilities are common to every mode).
pub fn standalone_adjustment(scenario: &Scenario, kpis: &Kpis) -> f64 {
    -finance_figures(scenario, Mode::Separate, kpis).county_subsidy
}
