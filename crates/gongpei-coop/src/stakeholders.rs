//! Who gains and who pays in a mode (收益分配的参与方): the carriers, the bus operators, the
//! village station keepers, the commerce partners (快商合作's suppliers) and the county, each with
//! a daily account whose net costs add up to the system cost.
//!
//! Money moves between them as transfers: the carriers pay the bus operators their fees
//! (`bus_lines[].fee_per_parcel`, `fee_per_kg`) and the station keepers a commission per parcel
//! (`costs.village_station_commission_per_parcel`), and the county pays the carriers its
//! subsidies (`finance`). What the system really spends is the plan's routes and handling, the
//! mode's facilities, and the bus operators' marginal cost of carrying parcels (their handling
//! per parcel, a longer dwell at every stop where a run loads or unloads, extra fuel per
//! kilogram: `bus_lines[].handling_cost_per_parcel`, `handover_cost_per_stop`,
//! `fuel_cost_per_kg`). Each transfer is a cost to one stakeholder and an income to another, so
//! the net costs add up to that system cost exactly; the station keepers' own costs are not in
//! the scenario, so their net is minus their commission.
//!
//! A carrier's account is its share of the plan's cost as [`crate::breakdown`] attributes it
//! (shared vehicles by the parcels they move for it; scaled to the plan's cost, which keeps the
//! engine's rounding of each route), plus its share of the mode's facilities
//! and less its share of the subsidies, both by its parcels (the county pays the mode, not a
//! carrier), plus the commission on its parcels. The commerce partners pay what the breakdown
//! puts on their goods: their own vans, and in 快商合作 their cases' share of the shared vehicles
//! and handling (they get no subsidy and pay no facility: both are the parcel network's).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use gongpei_scenario::BusLine;
use serde::Serialize;

use crate::breakdown::CostBreakdown;
use crate::finance::FinanceFigures;
use crate::plan::{BusAssignment, Plan};
use crate::world::World;

/// One carrier's day in a mode, yuan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CarrierAccount {
    /// Carrier id.
    pub carrier: String,
    /// Parcels of the carrier in the plan (in + out).
    pub parcels: i64,
    /// Its share of the plan's cost (routes, bus fees, handling; shared costs by parcels): the
    /// [`crate::breakdown`] attribution, scaled to the plan's cost.
    pub plan_cost: f64,
    /// Its share of the mode's facilities (capital charge and running cost), by parcels.
    pub facilities: f64,
    /// Its share of the county's subsidies, by parcels.
    pub subsidy_received: f64,
    /// Commission it pays the village station keepers.
    pub commission_paid: f64,
    /// `plan_cost + facilities - subsidy_received + commission_paid`.
    pub net_cost: f64,
}

/// What a mode's parcels mean to one bus line: its loads, fees and marginal cost, yuan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineUse {
    /// Bus line id.
    pub line: String,
    /// Its operator.
    pub operator: String,
    /// Parcels carried (both directions).
    pub parcels: i64,
    /// Kilograms carried.
    pub kg: i64,
    /// Stops of runs at which parcels are loaded or unloaded (each (run, stop) once).
    pub handover_stops: usize,
    /// Fees the carriers pay for these loads.
    pub fee_revenue: f64,
    /// The operator's cost of carrying them: handling per parcel, handover per stop, fuel per kg.
    pub marginal_cost: f64,
}

/// One bus operator's day in a mode, yuan: fee revenue against its marginal cost of carrying
/// the parcels (its runs are driven anyway).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BusOperatorAccount {
    /// Operator (`bus_lines[].operator`).
    pub operator: String,
    /// Its lines, in scenario order, each with what it carries.
    pub lines: Vec<LineUse>,
    /// Parcels carried on its lines.
    pub parcels: i64,
    /// Fees received.
    pub fee_revenue: f64,
    /// Marginal cost of carrying the parcels.
    pub marginal_cost: f64,
    /// `marginal_cost - fee_revenue` (negative: the parcels earn the operator money).
    pub net_cost: f64,
}

/// The village station keepers together, yuan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StationKeepersAccount {
    /// Village stations with parcels in the plan.
    pub stations: usize,
    /// Parcels handed over at them (in + out).
    pub parcels: i64,
    /// Commission per parcel (`costs.village_station_commission_per_parcel`).
    pub commission_per_parcel: f64,
    /// Commission received.
    pub commission_income: f64,
    /// `-commission_income` (their own costs are not in the scenario).
    pub net_cost: f64,
}

/// The commerce partners together (the suppliers of B2B replenishment), yuan a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommerceAccount {
    /// Operators of the suppliers, by name.
    pub suppliers: Vec<String>,
    /// B2B cases delivered on an average day.
    pub cases: i64,
    /// Whether the goods ride the shared network (快商合作) rather than the suppliers' own vans.
    pub on_shared_network: bool,
    /// What the plan's cost puts on their goods (see [`crate::breakdown::CostBreakdown::commerce`]).
    pub plan_cost: f64,
    /// `plan_cost`.
    pub net_cost: f64,
}

/// The county's day in a mode, yuan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountyAccount {
    /// Subsidies paid (after the budget).
    pub subsidy_outlay: f64,
    /// Subsidies the mode's figures claim before the budget.
    pub subsidy_claimed: f64,
    /// `finance.county_budget_per_day` (None: unlimited).
    pub budget_per_day: Option<f64>,
    /// Budget left after the outlay (None without a budget).
    pub budget_left: Option<f64>,
    /// Whether the budget cut the subsidies.
    pub budget_binding: bool,
    /// `subsidy_outlay`.
    pub net_cost: f64,
}

/// Every stakeholder's account of one mode.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stakeholders {
    /// Carriers, in scenario order.
    pub carriers: Vec<CarrierAccount>,
    /// Bus operators with a line in the scenario, by name.
    pub bus_operators: Vec<BusOperatorAccount>,
    /// Village station keepers.
    pub station_keepers: StationKeepersAccount,
    /// The commerce partners (None without B2B replenishment in the scenario).
    pub commerce: Option<CommerceAccount>,
    /// The county.
    pub county: CountyAccount,
    /// What the system spends: the plan's routes and handling, the mode's facilities and the bus
    /// operators' marginal cost (fees, commissions and subsidies are transfers).
    pub system_cost: f64,
    /// Sum of every stakeholder's net cost (equals `system_cost`).
    pub net_cost_total: f64,
}

/// One stakeholder's account as a uniform row (reports and tables): `cost - income = net_cost`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountRow {
    /// `carrier`, `bus_operator`, `station_keepers`, `commerce_partners` or `county`.
    pub kind: &'static str,
    /// Carrier id, operator name, `village stations`, `commerce partners` or `county`.
    pub name: String,
    /// Parcels it deals with (None for the county).
    pub parcels: Option<i64>,
    /// What it spends: a carrier's plan share, facilities and commission; an operator's
    /// marginal cost; the county's subsidies.
    pub cost: f64,
    /// What it receives: a carrier's subsidy, an operator's fees, the keepers' commission.
    pub income: f64,
    /// `cost - income`.
    pub net_cost: f64,
}

impl Stakeholders {
    /// Every account as a row: carriers, bus operators, station keepers, commerce partners,
    /// county.
    pub fn rows(&self) -> Vec<AccountRow> {
        let mut out: Vec<AccountRow> = self
            .carriers
            .iter()
            .map(|c| AccountRow {
                kind: "carrier",
                name: c.carrier.clone(),
                parcels: Some(c.parcels),
                cost: c.plan_cost + c.facilities + c.commission_paid,
                income: c.subsidy_received,
                net_cost: c.net_cost,
            })
            .collect();
        out.extend(self.bus_operators.iter().map(|o| AccountRow {
            kind: "bus_operator",
            name: o.operator.clone(),
            parcels: Some(o.parcels),
            cost: o.marginal_cost,
            income: o.fee_revenue,
            net_cost: o.net_cost,
        }));
        let k = &self.station_keepers;
        out.push(AccountRow {
            kind: "station_keepers",
            name: "village stations".into(),
            parcels: Some(k.parcels),
            cost: 0.0,
            income: k.commission_income,
            net_cost: k.net_cost,
        });
        if let Some(m) = &self.commerce {
            out.push(AccountRow {
                kind: "commerce_partners",
                name: "commerce partners".into(),
                parcels: Some(m.cases),
                cost: m.plan_cost,
                income: 0.0,
                net_cost: m.net_cost,
            });
        }
        out.push(AccountRow {
            kind: "county",
            name: "county".into(),
            parcels: None,
            cost: self.county.subsidy_outlay,
            income: 0.0,
            net_cost: self.county.net_cost,
        });
        out
    }
}

/// The operator's marginal cost of the loads `bus` of line `line`: handling per parcel, fuel per
/// kilogram and one handover per (run, stop) at which a load boards or alights.
pub(crate) fn line_use(line: &BusLine, bus: &[BusAssignment]) -> LineUse {
    let mine: Vec<&BusAssignment> = bus.iter().filter(|b| b.line == line.id).collect();
    let parcels: i64 = mine.iter().map(|b| b.parcels).sum();
    let kg: i64 = mine.iter().map(|b| b.kg).sum();
    let stops: BTreeSet<(usize, usize)> = mine
        .iter()
        .flat_map(|b| [(b.run, b.board_site), (b.run, b.alight_site)])
        .collect();
    LineUse {
        line: line.id.clone(),
        operator: line.operator.clone(),
        parcels,
        kg,
        handover_stops: stops.len(),
        fee_revenue: mine.iter().map(|b| b.fee).sum(),
        marginal_cost: parcels as f64 * line.handling_cost_per_parcel
            + kg as f64 * line.fuel_cost_per_kg
            + stops.len() as f64 * line.handover_cost_per_stop,
    }
}

/// The accounts of a mode from its plan, its cost breakdown and its money figures.
pub fn stakeholders(
    world: &World<'_>,
    plan: &Plan,
    costs: &CostBreakdown,
    finance: &FinanceFigures,
) -> Stakeholders {
    let scenario = world.scenario;
    let commission = scenario.costs.village_station_commission_per_parcel;
    let mut parcels_of = vec![0i64; world.num_carriers()];
    let mut stations: BTreeSet<usize> = BTreeSet::new();
    for &k in &plan.flows {
        let f = &world.flows[k];
        let moved = f.parcels_in + f.parcels_out;
        parcels_of[f.carrier] += moved;
        if moved > 0 {
            stations.insert(f.village);
        }
    }
    let parcels: i64 = parcels_of.iter().sum();
    let facilities = finance.capital_per_day + finance.facilities_per_day;
    // Facilities and subsidies belong to the mode; they are shared by parcels. Without parcels
    // (an empty plan) every carrier gets an equal share so that nothing is lost.
    let n = world.num_carriers().max(1) as f64;
    let share = |c: usize| {
        if parcels > 0 {
            parcels_of[c] as f64 / parcels as f64
        } else {
            1.0 / n
        }
    };
    // The breakdown prices routes from their kilometres and hours, the plan keeps the engine's
    // cost of each route (rounded to micro-yuan per arc): a few fen apart on a district. Its
    // attribution is scaled to the plan's cost, so that the carriers pay exactly the plan.
    let attributed: f64 =
        costs.by_carrier.iter().map(|p| p.total).sum::<f64>() + costs.commerce.total;
    let plan_share = |c: usize| {
        if attributed.abs() > 1e-9 {
            costs.by_carrier.get(c).map_or(0.0, |p| p.total) / attributed
        } else {
            share(c)
        }
    };
    let commerce = (!world.replenishment.is_empty()).then(|| {
        let plan_cost = crate::breakdown::commerce_share_of(costs, plan);
        let suppliers: BTreeSet<&str> = world
            .replenishment
            .iter()
            .map(|d| d.supplier_operator.as_str())
            .collect();
        CommerceAccount {
            suppliers: suppliers.into_iter().map(str::to_string).collect(),
            cases: plan
                .replenishment
                .iter()
                .filter_map(|&j| world.replenishment.get(j))
                .map(|d| d.cases)
                .sum(),
            on_shared_network: plan.routes.iter().any(|r| {
                r.leg == crate::plan::Leg::LastMile
                    && r.stops.iter().any(|s| !s.replenishment.is_empty())
            }),
            plan_cost,
            net_cost: plan_cost,
        }
    });
    let carriers: Vec<CarrierAccount> = (0..world.num_carriers())
        .map(|c| {
            let plan_cost = plan.total_cost() * plan_share(c);
            let facilities = facilities * share(c);
            let subsidy_received = finance.county_subsidy * share(c);
            let commission_paid = parcels_of[c] as f64 * commission;
            CarrierAccount {
                carrier: scenario.carriers[c].id.clone(),
                parcels: parcels_of[c],
                plan_cost,
                facilities,
                subsidy_received,
                commission_paid,
                net_cost: plan_cost + facilities - subsidy_received + commission_paid,
            }
        })
        .collect();
    let mut by_operator: BTreeMap<&str, Vec<LineUse>> = BTreeMap::new();
    for line in &scenario.bus_lines {
        by_operator
            .entry(line.operator.as_str())
            .or_default()
            .push(line_use(line, &plan.bus));
    }
    let bus_operators: Vec<BusOperatorAccount> = by_operator
        .into_iter()
        .map(|(operator, lines)| {
            let fee_revenue: f64 = lines.iter().map(|l| l.fee_revenue).sum();
            let marginal_cost: f64 = lines.iter().map(|l| l.marginal_cost).sum();
            BusOperatorAccount {
                operator: operator.to_string(),
                parcels: lines.iter().map(|l| l.parcels).sum(),
                lines,
                fee_revenue,
                marginal_cost,
                net_cost: marginal_cost - fee_revenue,
            }
        })
        .collect();
    let commission_income = parcels as f64 * commission;
    let station_keepers = StationKeepersAccount {
        stations: stations.len(),
        parcels,
        commission_per_parcel: commission,
        commission_income,
        net_cost: -commission_income,
    };
    let budget = scenario.finance.county_budget_per_day;
    let county = CountyAccount {
        subsidy_outlay: finance.county_subsidy,
        subsidy_claimed: finance.subsidies.iter().map(|s| s.claimed).sum(),
        budget_per_day: budget,
        budget_left: budget.map(|b| b - finance.county_subsidy),
        budget_binding: finance.budget_binding,
        net_cost: finance.county_subsidy,
    };
    // Counted from the resources, not from the accounts, so that the identity below is a check.
    let bus_marginal: f64 = bus_operators.iter().map(|o| o.marginal_cost).sum();
    let system_cost = plan.route_cost() + plan.handling_cost + facilities + bus_marginal;
    let net_cost_total = carriers.iter().map(|c| c.net_cost).sum::<f64>()
        + bus_operators.iter().map(|o| o.net_cost).sum::<f64>()
        + station_keepers.net_cost
        + commerce.as_ref().map_or(0.0, |m| m.net_cost)
        + county.net_cost;
    Stakeholders {
        carriers,
        bus_operators,
        station_keepers,
        commerce,
        county,
        system_cost,
        net_cost_total,
    }
}

/// Loads per line id of a plan (parcels), for quick look-ups.
pub(crate) fn parcels_by_line(plan: &Plan) -> HashMap<&str, i64> {
    let mut out: HashMap<&str, i64> = HashMap::new();
    for b in &plan.bus {
        *out.entry(b.line.as_str()).or_default() += b.parcels;
    }
    out
}
