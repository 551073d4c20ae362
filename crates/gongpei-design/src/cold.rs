//! Cold storage at field markets (田头市场预冷, 冷藏仓储): which candidate markets get a pre-cooling
//! store so that every village's chilled produce can reach one within the pre-cooling limit, at
//! the least daily cost of the stores (set covering on drive times of the refrigerated profile,
//! solved exactly), then each store's chilled collection planned by routing with its routes ending
//! there, every plan checked (the checker holds each pickup to the limit). The status quo, all
//! produce collected to the scenario's one cold store under the same limit, is planned beside it.

use gongpei_coop::{Mode, World};
use gongpei_locate::{CostMatrix, MipStatus, SetCovering, SolveOptions};
use gongpei_scenario::model::{Demand, SiteTier, Temperature, VehicleProfile};
use gongpei_scenario::Scenario;
use serde::Serialize;

use crate::{DesignError, Evaluation, ModeFigures};

/// What one pre-cooling store costs. Defaults are an assumption for a small prefabricated
/// cold room with pre-cooler at a village market (about 15 m², 2 t/day): 200,000 yuan over 10
/// years, 120 yuan a day for power and an attendant; replace them with the county's quotes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColdStoreCosts {
    /// Investment per store, yuan.
    pub capital_yuan: f64,
    /// Economic life, years (> 0).
    pub life_years: f64,
    /// Running cost per store and day, yuan.
    pub operating_per_day: f64,
}

impl Default for ColdStoreCosts {
    fn default() -> Self {
        ColdStoreCosts {
            capital_yuan: 200_000.0,
            life_years: 10.0,
            operating_per_day: 120.0,
        }
    }
}

impl ColdStoreCosts {
    /// Daily cost of one store: straight-line capital over its life (365 days a year) plus
    /// running cost.
    ///
    /// ```
    /// let c = gongpei_design::ColdStoreCosts::default();
    /// assert!((c.daily() - (200_000.0 / 3650.0 + 120.0)).abs() < 1e-9);
    /// ```
    pub fn daily(&self) -> f64 {
        self.capital_yuan / (self.life_years * 365.0) + self.operating_per_day
    }

    fn validate(&self) -> Result<(), DesignError> {
        let money = |field: &str, v: f64| {
            if v.is_finite() && v >= 0.0 {
                Ok(())
            } else {
                Err(DesignError::input(
                    format!("cold_store_costs.{field}"),
                    format!("must be a finite number >= 0, found {v}"),
                ))
            }
        };
        money("capital_yuan", self.capital_yuan)?;
        money("operating_per_day", self.operating_per_day)?;
        if !(self.life_years.is_finite() && self.life_years > 0.0) {
            return Err(DesignError::input(
                "cold_store_costs.life_years",
                format!("must be > 0, found {}", self.life_years),
            ));
        }
        Ok(())
    }
}

/// The question asked.
#[derive(Debug, Clone, Default)]
pub struct ColdOptions {
    /// Candidate market sites (ids); `None`: every village with chilled pickups, every township
    /// centre and the current cold store.
    pub candidates: Option<Vec<String>>,
    /// Longest time from a chilled pickup to its pre-cooling store, seconds; `None`: the
    /// scenario's `costs.max_chilled_duration_s`.
    pub max_precooling_s: Option<i64>,
    /// Cost of each store.
    pub costs: ColdStoreCosts,
    /// Time limit and gap of the covering model.
    pub solve: SolveOptions,
}

/// One chosen pre-cooling store.
#[derive(Debug, Clone, Serialize)]
pub struct PrecoolingStore {
    /// Site id.
    pub site: String,
    /// Site name.
    pub name: String,
    /// Villages whose chilled produce it takes.
    pub villages: Vec<String>,
    /// Chilled parcels collected per day.
    pub parcels_per_day: i64,
    /// Longest drive from one of its villages, seconds (at most half the limit).
    pub farthest_drive_s: i64,
    /// Its collection routes, planned with the store as the cold store.
    pub collection: ModeFigures,
}

/// The status quo: all chilled produce collected to the scenario's cold store under the limit.
#[derive(Debug, Clone, Serialize)]
pub struct ColdBaseline {
    /// The scenario's cold store.
    pub site: String,
    /// Villages whose round trip from it is beyond the limit: the covering would not give them
    /// to it. A plan may still collect them in time (picked up last, on the way back), which
    /// `collection.feasible` says.
    pub villages_beyond_round_trip: Vec<String>,
    /// The collection planned to it (infeasible, with the checker's reasons, when any village is
    /// out of reach).
    pub collection: ModeFigures,
}

/// The answer.
#[derive(Debug, Clone, Serialize)]
pub struct ColdDesign {
    /// The pre-cooling limit applied, seconds.
    pub max_precooling_s: i64,
    /// Vehicle profile whose drive times the covering used.
    pub profile: VehicleProfile,
    /// Candidates considered (site ids).
    pub candidates: Vec<String>,
    /// Villages with chilled pickups.
    pub villages: usize,
    /// Chosen stores with their villages and collection plans.
    pub stores: Vec<PrecoolingStore>,
    /// Daily cost of the stores (capital and running), yuan.
    pub stores_cost_per_day: f64,
    /// Daily cost of the chilled collection routes to them, yuan.
    pub collection_cost_per_day: f64,
    /// Whether every collection plan passed the checker.
    pub feasible: bool,
    /// Proven optimal covering, or stopped with a gap.
    pub status: MipStatus,
    /// The status quo, planned beside it.
    pub baseline: ColdBaseline,
    /// The cheaper of the two when both are feasible (the stores' daily cost included), else
    /// the feasible one: `stores`, `status_quo` or `neither`.
    pub recommendation: String,
    /// What the figures assume.
    pub assumptions: Vec<String>,
    /// Whether a hurry request (a signal to the CLI) shortened the run: the figures marked
    /// [`ModeFigures::hurried`] come from hurried plans (searches stopped at their best so far,
    /// later sub-problems construction-only); every part of the answer is still there.
    pub hurried: bool,
}

/// The refrigerated profile: of the shared cooperation fleet's refrigerated vehicles if any,
/// else of any refrigerated vehicle.
fn cold_profile(scenario: &Scenario) -> Result<VehicleProfile, DesignError> {
    let cold = |shared: bool| {
        scenario
            .vehicle_types
            .iter()
            .filter(|v| v.refrigerated)
            .find(|v| !shared || v.operator == gongpei_scenario::model::SHARED_OPERATOR)
            .map(|v| v.profile)
    };
    cold(true).or_else(|| cold(false)).ok_or_else(|| {
        DesignError::input(
            "vehicle_types",
            "no refrigerated vehicle type: chilled produce cannot be collected",
        )
    })
}

/// Whether a demand record has chilled produce to collect.
fn collects(d: &Demand) -> bool {
    d.temperature == Temperature::Chilled && (d.parcels_out > 0 || d.kg_out > 0)
}

/// The scenario of one store's collection: only the chilled pickups of `villages`, the store as
/// the cold store, the limit as the chilled duration.
fn collection_scenario(
    scenario: &Scenario,
    store: &str,
    villages: &[String],
    limit_s: i64,
) -> Scenario {
    let mut s = scenario.clone();
    s.demand = scenario
        .demand
        .iter()
        .filter(|d| collects(d) && villages.contains(&d.village))
        .map(|d| Demand {
            parcels_in: 0,
            kg_in: 0,
            ..d.clone()
        })
        .collect();
    s.costs.cold_store = store.to_string();
    s.costs.max_chilled_duration_s = limit_s;
    // The collection fleet is sized by the plan: enough shared refrigerated vans for a van per
    // village if need be (each one used pays its fixed cost).
    let villages_n = u32::try_from(villages.len()).unwrap_or(u32::MAX);
    for v in s.vehicle_types.iter_mut() {
        if v.refrigerated && v.operator == gongpei_scenario::model::SHARED_OPERATOR {
            v.count = v.count.max(villages_n);
        }
    }
    s
}

/// Chooses pre-cooling stores and plans their collection (see the module documentation).
/// `evaluation.modes` is ignored: collection is planned as 邮快合作's shared refrigerated fleet
/// (`postal_express`), the mode in which chilled produce is pooled.
///
/// Errors name the field: no chilled pickups (`demand`), no refrigerated vehicle
/// (`vehicle_types`), an unknown or empty candidate list (`candidates`), a limit <= 0
/// (`max_precooling_s`), a village no candidate can reach in time (the location model's error
/// naming the village and its nearest candidate's drive time), bad store costs.
pub fn design_cold(
    scenario: &Scenario,
    options: &ColdOptions,
    evaluation: &Evaluation,
) -> Result<ColdDesign, DesignError> {
    options.costs.validate()?;
    let limit = options
        .max_precooling_s
        .unwrap_or(scenario.costs.max_chilled_duration_s);
    if limit <= 0 {
        return Err(DesignError::input(
            "max_precooling_s",
            format!("must be > 0 seconds, found {limit}"),
        ));
    }
    let profile = cold_profile(scenario)?;
    let mut villages: Vec<String> = Vec::new();
    for d in scenario.demand.iter().filter(|d| collects(d)) {
        if !villages.contains(&d.village) {
            villages.push(d.village.clone());
        }
    }
    if villages.is_empty() {
        return Err(DesignError::input(
            "demand",
            "no chilled pickups (temperature chilled with parcels_out or kg_out > 0): nothing to pre-cool",
        ));
    }
    let candidates = candidate_sites(scenario, options.candidates.as_deref(), &villages)?;
    let world = World::new(scenario)?;
    let index = |id: &str| world.site(id, "site");
    let mut rows = Vec::with_capacity(villages.len());
    for v in &villages {
        let from = index(v)?;
        let row = candidates
            .iter()
            .map(|c| Ok(world.leg(profile, from, index(c)?)?.1 as f64))
            .collect::<Result<Vec<f64>, DesignError>>()?;
        rows.push(row);
    }
    let times = CostMatrix::new(rows)?
        .with_demand_labels(villages.clone())?
        .with_candidate_labels(candidates.clone())?;
    let daily = options.costs.daily();
    // A van leaving the store must reach the village and bring the produce back within the limit
    // (the engine holds refrigerated routes to the limit from their start), so a store covers
    // the villages whose round trip from it fits.
    let radius = limit as f64 / 2.0;
    let cover = SetCovering::new(&times, radius)
        .with_site_costs(vec![daily; candidates.len()])
        .solve(&options.solve)?;
    let collection_eval = Evaluation {
        modes: vec![Mode::PostalExpress],
        ..evaluation.clone()
    };
    let mut stores = Vec::new();
    for &j in &cover.open {
        let mine: Vec<String> = (0..villages.len())
            .filter(|&i| cover.assignment[i] == Some(j))
            .map(|i| villages[i].clone())
            .collect();
        if mine.is_empty() {
            continue;
        }
        let site = &candidates[j];
        let sub = collection_scenario(scenario, site, &mine, limit);
        let collection = collect(&collection_eval, &sub)?;
        let farthest = (0..villages.len())
            .filter(|&i| cover.assignment[i] == Some(j))
            .map(|i| times.cost(i, j) as i64)
            .max()
            .unwrap_or(0);
        stores.push(PrecoolingStore {
            site: site.clone(),
            name: world.site_name(index(site)?).to_string(),
            parcels_per_day: sub.demand.iter().map(|d| d.parcels_out).sum(),
            villages: mine,
            farthest_drive_s: farthest,
            collection,
        });
    }
    let current = scenario.costs.cold_store.clone();
    let to_current = index(&current)?;
    let mut out_of_reach = Vec::new();
    for v in &villages {
        if 2 * world.leg(profile, index(v)?, to_current)?.1 > limit {
            out_of_reach.push(v.clone());
        }
    }
    let baseline = ColdBaseline {
        collection: collect(
            &collection_eval,
            &collection_scenario(scenario, &current, &villages, limit),
        )?,
        site: current,
        villages_beyond_round_trip: out_of_reach,
    };
    let stores_cost_per_day = daily * stores.len() as f64;
    let collection_cost_per_day: f64 = stores.iter().map(|s| s.collection.kpis.cost).sum();
    let feasible = stores.iter().all(|s| s.collection.feasible);
    let recommendation = match (feasible, baseline.collection.feasible) {
        (true, true)
            if stores_cost_per_day + collection_cost_per_day < baseline.collection.kpis.cost =>
        {
            "stores"
        }
        (true, true) | (false, true) => "status_quo",
        (true, false) => "stores",
        (false, false) => "neither",
    }
    .to_string();
    // A hurry does not end the design: the later stores and the status quo are planned
    // construction-only, so the recommendation still weighs both, each hurried figure marked.
    let hurried = baseline.collection.hurried || stores.iter().any(|s| s.collection.hurried);
    Ok(ColdDesign {
        hurried,
        max_precooling_s: limit,
        profile,
        villages: villages.len(),
        feasible,
        recommendation,
        stores,
        stores_cost_per_day,
        collection_cost_per_day,
        status: cover.status,
        baseline,
        assumptions: vec![
            format!("Pre-cooling limit {limit} s from a chilled pickup to its store; a store can take a village whose drive ({profile:?} profile) is within half the limit, so that a van from the store reaches it and brings the produce back in time; routes visiting several villages are held to the limit by the engine and the plan checker."),
            "The collection fleet is sized by the plan (up to a shared refrigerated van per village; each van used pays its fixed cost).".into(),
            format!("Each store costs {:.1} yuan a day ({:.0} yuan over {} years, straight line, plus {:.0} a day running); every store costs the same, so the covering opens the fewest stores.", daily, options.costs.capital_yuan, options.costs.life_years, options.costs.operating_per_day),
            "Collection is planned as 邮快合作's shared refrigerated fleet (mode postal_express) on the chilled pickups alone, each store as its fleet's cold store; chilled deliveries into villages and ambient parcels are planned by the modes as before and are not in these figures.".into(),
            "Produce is assumed to leave a store for the market by the buyers' own transport (not priced here).".into(),
        ],
        candidates,
    })
}

/// The collection plan of one store; one the planner cannot route (no van can make a village
/// in time within its shift) is an infeasible figure with the planner's reason, so that a sweep
/// over limits goes on.
fn collect(evaluation: &Evaluation, scenario: &Scenario) -> Result<ModeFigures, DesignError> {
    match evaluation.run_or_reason(scenario)? {
        Ok(mut figures) => figures.pop().ok_or_else(|| {
            DesignError::input("modes", "the collection evaluation planned no mode")
        }),
        Err(reason) => Ok(ModeFigures {
            mode: Mode::PostalExpress,
            kpis: Default::default(),
            feasible: false,
            violations: vec![format!("not routable: {reason}")],
            hurried: false,
        }),
    }
}

/// The candidate sites: the given ids (each known and not a junction), or the default set.
fn candidate_sites(
    scenario: &Scenario,
    given: Option<&[String]>,
    villages: &[String],
) -> Result<Vec<String>, DesignError> {
    match given {
        Some([]) => Err(DesignError::input(
            "candidates",
            "the list is empty: name at least one market site",
        )),
        Some(ids) => {
            let mut out: Vec<String> = Vec::new();
            for (k, id) in ids.iter().enumerate() {
                let Some(i) = scenario.site_index(id) else {
                    return Err(DesignError::input(
                        format!("candidates[{k}]"),
                        format!("unknown site {id:?}"),
                    ));
                };
                if scenario.sites[i].tier == SiteTier::Junction {
                    return Err(DesignError::input(
                        format!("candidates[{k}]"),
                        format!("site {id:?} is a road junction, not a place to build on"),
                    ));
                }
                if !out.contains(id) {
                    out.push(id.clone());
                }
            }
            Ok(out)
        }
        None => {
            let mut out: Vec<String> = villages.to_vec();
            for s in &scenario.sites {
                if s.tier == SiteTier::TownshipCentre && !out.contains(&s.id) {
                    out.push(s.id.clone());
                }
            }
            if !out.contains(&scenario.costs.cold_store) {
                out.push(scenario.costs.cold_store.clone());
            }
            Ok(out)
        }
    }
}
