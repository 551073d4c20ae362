//! A plan's daily cost split by part (fixed vehicle, distance, time, handling, bus fees,
//! feeder), by carrier and by township, and the assumptions the savings rest on.
//!
//! Attribution: a carrier's own route is split over the (carrier, township) of the flows it
//! serves; a shared route over the same cells by parcels (in + out) it moves for them: at
//! village stops the flows' own parcels, at a township centre (trunk) the composition of that
//! centre's last mile, at a depot (feeder) the composition of the pooled flows passing through it;
//! stops without a known composition fall back to the plan's. Handling is split by parcels, bus
//! fees by the parcels riding. This is a bookkeeping of where costs arise, not the allocation
//! game (which prices what each carrier brings to a coalition).
//!
//! The commerce partners (快商合作) are a payer beside the carriers: the routes of their own vans
//! (their replenishment runs, their shuttles to the hub) are theirs whole, and on shared vehicles
//! their B2B cases weigh like parcels (a case takes one parcel place) at the stops that deliver
//! them, in the composition of a township centre's last mile and in the hub and centre handling.

use std::collections::HashMap;

use serde::Serialize;

use crate::compare::CompareOptions;
use crate::modes::Mode;
use crate::plan::{Leg, Plan};
use crate::world::World;

/// Daily cost by part, yuan.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PartCosts {
    /// Fixed cost per vehicle-day (feeders excluded).
    pub fixed: f64,
    /// Distance cost (feeders excluded).
    pub distance: f64,
    /// Time cost (feeders excluded).
    pub time: f64,
    /// Hub and township handling.
    pub handling: f64,
    /// Bus fees.
    pub bus_fees: f64,
    /// Feeder routes, carrier depots <-> hub (fixed + distance + time).
    pub feeder: f64,
    /// Sum of the parts.
    pub total: f64,
}

impl PartCosts {
    fn add_scaled(&mut self, o: &PartCosts, w: f64) {
        self.fixed += o.fixed * w;
        self.distance += o.distance * w;
        self.time += o.time * w;
        self.handling += o.handling * w;
        self.bus_fees += o.bus_fees * w;
        self.feeder += o.feeder * w;
        self.total += o.total * w;
    }

    fn minus(&self, o: &PartCosts) -> PartCosts {
        PartCosts {
            fixed: self.fixed - o.fixed,
            distance: self.distance - o.distance,
            time: self.time - o.time,
            handling: self.handling - o.handling,
            bus_fees: self.bus_fees - o.bus_fees,
            feeder: self.feeder - o.feeder,
            total: self.total - o.total,
        }
    }
}

/// Costs of one township (its village flows), or of villages without a township.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TownshipCosts {
    /// Township centre site id (None: villages without a township).
    pub township: Option<String>,
    /// Its display name.
    pub name: String,
    /// The costs.
    pub costs: PartCosts,
}

/// A plan's cost by part, carrier and township.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CostBreakdown {
    /// The whole plan.
    pub by_part: PartCosts,
    /// Per carrier, in scenario order (shared costs attributed by parcels).
    pub by_carrier: Vec<PartCosts>,
    /// The commerce partners' B2B goods: their own vans, and their share of shared vehicles
    /// and handling by cases (all zero without commerce partners).
    pub commerce: PartCosts,
    /// Per township, in scenario site order, then villages without a township.
    pub by_township: Vec<TownshipCosts>,
}

impl CostBreakdown {
    /// `self - other`, cell by cell (both of the same world): a saving when `self` is the
    /// baseline.
    pub fn minus(&self, other: &CostBreakdown) -> CostBreakdown {
        CostBreakdown {
            by_part: self.by_part.minus(&other.by_part),
            by_carrier: self
                .by_carrier
                .iter()
                .zip(&other.by_carrier)
                .map(|(a, b)| a.minus(b))
                .collect(),
            commerce: self.commerce.minus(&other.commerce),
            by_township: self
                .by_township
                .iter()
                .zip(&other.by_township)
                .map(|(a, b)| TownshipCosts {
                    township: a.township.clone(),
                    name: a.name.clone(),
                    costs: a.costs.minus(&b.costs),
                })
                .collect(),
        }
    }
}

/// (carrier, township) cell of a flow.
type Cell = (usize, Option<usize>);

fn weight_of(world: &World<'_>, k: usize) -> f64 {
    let f = &world.flows[k];
    ((f.parcels_in + f.parcels_out) as f64).max(1.0)
}

/// The carrier index that stands for the commerce partners in a [`Cell`] (one past the last
/// carrier, so that it never lands in `by_carrier`).
fn commerce_payer(world: &World<'_>) -> usize {
    world.scenario.carriers.len()
}

/// The commerce partners' cell and weight for replenishment record `j` (its cases, at least 1).
fn b2b_weight(world: &World<'_>, j: usize) -> Option<(Cell, f64)> {
    let d = world.replenishment.get(j)?;
    Some((
        (commerce_payer(world), d.township),
        (d.cases as f64).max(1.0),
    ))
}

/// Adds the weights of what a stop delivers (its flows and B2B records) to `w`; false when the
/// stop moves volume rather than known flows (trunk, feeder and cold-store stops).
fn add_stop_weights(
    world: &World<'_>,
    stop: &crate::plan::Stop,
    w: &mut HashMap<Cell, f64>,
) -> bool {
    for &k in &stop.flows {
        let f = &world.flows[k];
        *w.entry((f.carrier, f.township)).or_default() += weight_of(world, k);
    }
    for &j in &stop.replenishment {
        if let Some((cell, x)) = b2b_weight(world, j) {
            *w.entry(cell).or_default() += x;
        }
    }
    !(stop.flows.is_empty() && stop.replenishment.is_empty())
}

fn normalised(mut w: HashMap<Cell, f64>) -> Vec<(Cell, f64)> {
    let total: f64 = w.values().sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let mut out: Vec<(Cell, f64)> = w.drain().map(|(c, x)| (c, x / total)).collect();
    out.sort_by_key(|a| a.0);
    out
}

/// The breakdown of `plan`.
pub fn breakdown(world: &World<'_>, plan: &Plan) -> CostBreakdown {
    let sc = world.scenario;
    let mut overall: HashMap<Cell, f64> = HashMap::new();
    let mut by_depot: HashMap<usize, HashMap<Cell, f64>> = HashMap::new();
    for &k in &plan.flows {
        let f = &world.flows[k];
        let cell = (f.carrier, f.township);
        *overall.entry(cell).or_default() += weight_of(world, k);
        *by_depot
            .entry(f.depot)
            .or_default()
            .entry(cell)
            .or_default() += weight_of(world, k);
    }
    // B2B goods on the shared last mile went through the hub and a centre like parcels.
    let mut by_centre: HashMap<usize, HashMap<Cell, f64>> = HashMap::new();
    for r in plan.routes.iter().filter(|r| r.leg == Leg::LastMile) {
        for s in &r.stops {
            add_stop_weights(world, s, by_centre.entry(r.start_site).or_default());
            for &j in &s.replenishment {
                if let Some((cell, x)) = b2b_weight(world, j) {
                    *overall.entry(cell).or_default() += x;
                }
            }
        }
    }
    let commerce_operators: std::collections::BTreeSet<&str> = world
        .replenishment
        .iter()
        .map(|d| d.supplier_operator.as_str())
        .collect();
    let overall_n = normalised(overall.clone());
    let mut cells: HashMap<Cell, PartCosts> = HashMap::new();
    let mut put = |shares: &[(Cell, f64)], part: &PartCosts| {
        let shares = if shares.is_empty() {
            &overall_n[..]
        } else {
            shares
        };
        for (cell, w) in shares {
            cells.entry(*cell).or_default().add_scaled(part, *w);
        }
    };
    for r in &plan.routes {
        let Some(spec) = sc.vehicle_types.iter().find(|v| v.id == r.vehicle) else {
            continue;
        };
        let km = r.distance_m as f64 / 1000.0;
        let h = r.duration_s as f64 / 3600.0;
        let (fixed, distance, time) = (
            spec.fixed_cost_per_day,
            km * spec.cost_per_km,
            h * spec.cost_per_hour,
        );
        let part = if r.leg == Leg::Feeder {
            PartCosts {
                feeder: fixed + distance + time,
                total: fixed + distance + time,
                ..PartCosts::default()
            }
        } else {
            PartCosts {
                fixed,
                distance,
                time,
                total: fixed + distance + time,
                ..PartCosts::default()
            }
        };
        let mut w: HashMap<Cell, f64> = HashMap::new();
        if commerce_operators.contains(spec.operator.as_str()) {
            // A commerce partner's own van (replenishment run or shuttle to the hub).
            for s in &r.stops {
                add_stop_weights(world, s, &mut w);
            }
            if w.is_empty() {
                w.insert((commerce_payer(world), None), 1.0);
            }
            put(&normalised(w), &part);
            continue;
        }
        for s in &r.stops {
            if add_stop_weights(world, s, &mut w) {
                continue;
            }
            let moved = (s.loads.parcels_in + s.loads.parcels_out) as f64;
            let comp = if r.leg == Leg::Feeder {
                by_depot.get(&s.site)
            } else {
                by_centre.get(&s.site)
            };
            let comp = comp.map(|c| normalised(c.clone())).unwrap_or_default();
            let comp = if comp.is_empty() {
                overall_n.clone()
            } else {
                comp
            };
            for (cell, x) in comp {
                *w.entry(cell).or_default() += x * moved;
            }
        }
        put(&normalised(w), &part);
    }
    put(
        &overall_n,
        &PartCosts {
            handling: plan.handling_cost,
            total: plan.handling_cost,
            ..PartCosts::default()
        },
    );
    for b in &plan.bus {
        let part = PartCosts {
            bus_fees: b.fee,
            total: b.fee,
            ..PartCosts::default()
        };
        let mut w: HashMap<Cell, f64> = HashMap::new();
        for &k in &b.flows {
            let f = &world.flows[k];
            *w.entry((f.carrier, f.township)).or_default() += weight_of(world, k);
        }
        let shares = if w.is_empty() {
            by_centre
                .get(&b.alight_site)
                .or_else(|| by_centre.get(&b.board_site))
                .map(|c| normalised(c.clone()))
                .unwrap_or_default()
        } else {
            normalised(w)
        };
        put(&shares, &part);
    }
    let mut out = CostBreakdown {
        by_carrier: vec![PartCosts::default(); sc.carriers.len()],
        ..CostBreakdown::default()
    };
    let townships: Vec<usize> = (0..sc.sites.len())
        .filter(|&i| sc.sites[i].tier == gongpei_scenario::model::SiteTier::TownshipCentre)
        .collect();
    let mut by_t: Vec<PartCosts> = vec![PartCosts::default(); townships.len() + 1];
    for ((c, t), costs) in &cells {
        out.by_part.add_scaled(costs, 1.0);
        match out.by_carrier.get_mut(*c) {
            Some(x) => x.add_scaled(costs, 1.0),
            None => out.commerce.add_scaled(costs, 1.0),
        }
        let i = t
            .and_then(|t| townships.iter().position(|&x| x == t))
            .unwrap_or(townships.len());
        by_t[i].add_scaled(costs, 1.0);
    }
    out.by_township = townships
        .iter()
        .map(|&t| Some(t))
        .chain(std::iter::once(None))
        .zip(by_t)
        .map(|(t, costs)| TownshipCosts {
            township: t.map(|t| sc.sites[t].id.clone()),
            name: t.map_or("(no township)".to_string(), |t| sc.sites[t].name.clone()),
            costs,
        })
        .collect();
    out
}

/// What the commerce partners pay of `plan`'s cost (its [`Plan::total_cost`] scale): the
/// breakdown's share of their goods, so that they and the carriers together pay exactly the plan
/// (0 without commerce partners, or for a coalition's plan that carries none of their goods).
pub fn commerce_share(world: &World<'_>, plan: &Plan) -> f64 {
    if world.replenishment.is_empty() {
        return 0.0;
    }
    commerce_share_of(&breakdown(world, plan), plan)
}

/// [`commerce_share`] from a breakdown already made of `plan`.
pub(crate) fn commerce_share_of(costs: &CostBreakdown, plan: &Plan) -> f64 {
    let attributed: f64 =
        costs.by_carrier.iter().map(|p| p.total).sum::<f64>() + costs.commerce.total;
    if attributed.abs() > 1e-9 {
        plan.total_cost() * costs.commerce.total / attributed
    } else {
        0.0
    }
}

/// The assumptions behind the costs and savings of a comparison, in plain words.
pub fn assumptions(world: &World<'_>, options: &CompareOptions) -> Vec<String> {
    let c = &world.scenario.costs;
    let e = &options.effort;
    let mut out = vec![
        "Each route is one vehicle-day: it pays its type's full fixed cost per day, so a carrier is assumed to shed (or redeploy) every vehicle it no longer needs in a pooled mode.".into(),
        "Distance and time are priced per km and per hour of duty of the vehicle type; drivers are paid for the route duration only.".into(),
        format!("Pooled modes: the carriers' parcels reach the hub on feeder routes of the shared trunk trucks (chilled ones on shared refrigerated vans, to the cold store); the hub sorts for {} s after the last feeder returns; produce goes back to the depots on the next feeders (steady daily cycle). Feeder tours are vehicle-days of their own (a truck could also drive a trunk route afterwards, so this is conservative).", c.hub_sorting_s),
        format!("Handling: {:.2} CNY per parcel at the hub and {:.2} at a township centre (pooled modes only); separate has no handling cost.", c.hub_handling_per_parcel, c.township_handling_per_parcel),
        "Township-centre produce rides the next day's trunk back to the hub (steady cycle), so it is priced as trunk pickup volume.".into(),
        "Refrigerated vans unload at the cold store, then return to their base; chilled produce reaches the cold store within max_chilled_duration_s of its pickup.".into(),
        format!("Search effort: {} iterations per sub-problem{} ({:?}, seed {}); plans are heuristic, so every cost is an upper bound on the optimum, and savings are differences of two heuristic plans.", e.iterations, if e.clients_per_step > 0 { format!(" per {} clients, stopping after half as many without improvement", e.clients_per_step) } else { String::new() }, e.strategy, e.seed),
        "A mode whose plan the independent checker rejects is marked infeasible and gets no saving.".into(),
    ];
    if options
        .modes
        .iter()
        .any(|m| matches!(m, Mode::ExpressPool | Mode::ExpressPoolSingleLead))
    {
        out.push(format!("快快合作 (express_pool): China Post keeps its own day as in separate; in each township (and among the villages without one) one express carrier leads: its ambient vans, from its first depot, serve every express carrier's ambient parcels there, one stop per village. The others' parcels are collected at their depots by the lead's vans before its rounds (transfer tours, vehicle-days of their own, which also bring back yesterday's produce), cross-docked at the lead's outlet for {} s at {:.2} CNY per parcel in + out (the coalition pays it; the allocation game decides who); chilled parcels stay on each carrier's own refrigerated vans. A lead uses only the vans it owns at that depot: an assignment its vans cannot carry is infeasible and the search moves areas to other leads. Leads are chosen by a search priced by re-planning the changed leads (start: the best of each area's biggest carrier and every single lead; then one area's lead changed at a time, best move per area, until no move improves or {} assignments are priced); express_pool_single takes the best single lead for the whole district.", c.township_handling_s, c.township_handling_per_parcel, crate::modes::LEAD_SEARCH_MAX_EVALUATIONS));
    }
    if !world.replenishment.is_empty() {
        let cases: i64 = world.replenishment.iter().map(|d| d.cases).sum();
        out.push(format!("Commerce partners (快商合作): every mode carries the same B2B replenishment of {} shops, {cases} cases a day (each record's cases per delivery day x days per week / 7, rounded up; a case takes one parcel place). Outside commerce the suppliers' own vans deliver it (their cost is in every mode's total; the commerce partners pay it, so it is outside the carriers' allocation game, as is their share of the shared network in commerce); in commerce it rides the shared trunk and last mile with the parcels and is handled at hub and centre like a parcel, a supplier away from the hub shuttles its goods there the day before on its own vans, and at the {} villages with a pick-up point shop each carrier's ambient parcels are handed over in {} s instead of door to door (residents collect them; chilled parcels still go door to door). The cost breakdown puts the suppliers' own vans and shuttles, and the B2B share of shared vehicles and handling (a case weighs as a parcel), on the commerce partners, not on the carriers.", world.replenishment.len(), world.pickup_villages.len(), world.scenario.commerce.pickup_handover_s));
    }
    let f = &world.scenario.finance;
    if !f.is_empty() {
        out.push(format!("Facilities: capital recovered at {:.1} % a year over each facility's life, spread over {} operating days a year, plus its running cost; a facility counts in the modes its `modes` scope names. Savings are of the plan's cost; the money table adds facilities and subsidies.", 100.0 * f.interest_rate, f.operating_days_per_year));
        out.push(format!("Subsidies are paid by the county on each mode's own figures (parcels moved, villages served, facility units, capital charge){}; the allocation game is over what the carriers pay: a coalition's plan plus the facilities only the mode needs, less that mode's subsidies (facilities every mode needs are outside the game; a carrier alone keeps separate's subsidies, its budget share not capped on its own).", f.county_budget_per_day.map_or(String::new(), |b| format!(", {b:.0} CNY a day at most in total, scaled down in proportion beyond that"))));
    }
    out
}

/// The savings split by part, carrier and township, and the assumptions, as text tables (part
/// of the terminal report).
pub fn text(c: &crate::compare::Comparison) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let row = |s: &mut String, label: &str, p: &PartCosts| {
        let _ = writeln!(
            s,
            "  {label:<28} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>10.1}",
            p.fixed, p.distance, p.time, p.handling, p.bus_fees, p.feeder, p.total
        );
    };
    let header = |s: &mut String, what: &str| {
        let _ = writeln!(
            s,
            "  {what:<28} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10}",
            "fixed", "distance", "time", "handling", "bus fees", "feeder", "total"
        );
    };
    let _ = writeln!(s, "\nSaving against separate by cost part, carrier and township (CNY/day; shared costs attributed by parcels):");
    for m in &c.modes {
        let Some(by) = &m.saving_by else {
            if !m.feasible {
                let _ = writeln!(
                    s,
                    "{}: infeasible ({} checker problems), no saving",
                    m.mode.name(),
                    m.check.errors.len()
                );
            }
            continue;
        };
        if m.mode == Mode::Separate {
            continue;
        }
        let _ = writeln!(s, "{}:", m.mode.name());
        header(&mut s, "part");
        row(&mut s, "all", &by.by_part);
        for (id, p) in c.carriers.iter().zip(&by.by_carrier) {
            row(&mut s, &format!("carrier {id}"), p);
        }
        let mut towns: Vec<&TownshipCosts> = by.by_township.iter().collect();
        towns.sort_by(|a, b| b.costs.total.total_cmp(&a.costs.total));
        for t in towns.iter().take(5) {
            row(&mut s, &format!("township {}", t.name), &t.costs);
        }
        if towns.len() > 5 {
            let _ = writeln!(s, "  ({} more townships in compare.json)", towns.len() - 5);
        }
    }
    let _ = writeln!(s, "\nAssumptions:");
    for a in &c.assumptions {
        let _ = writeln!(s, "- {a}");
    }
    s
}
