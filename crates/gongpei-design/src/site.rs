//! Sorting-centre siting (推动快递物流分拨中心选址): the daily cost of running the district hub at
//! each candidate site from a location model (trunk trips to the township centres, feeder trips
//! from the carriers' depots, handling, a fixed cost per site, a capacity), solved with
//! gongpei-locate for one hub and for 2-3 hubs; the best candidates for one hub are then
//! evaluated by routing `postal_express` and `combined` with the hub moved there.

use gongpei_coop::{Mode, World};
use gongpei_locate::{CostMatrix, MipStatus, PMedian, SolveOptions};
use gongpei_scenario::model::SiteTier;
use gongpei_scenario::Scenario;
use serde::Serialize;

use crate::hub_costs::{HubCostModel, HubDemandKind};
use crate::params::check_cost;
use crate::{DesignError, Evaluation, ModeFigures};

/// Costs of a hub site. Every candidate gets the same values.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SitingCosts {
    /// Fixed cost of running a sorting centre per day (rent or amortised building, staff on
    /// duty, utilities), yuan/day. Default 3000.
    pub fixed_per_day: f64,
    /// Parcels per day (in + out) one site can sort. Default 10 000.
    pub capacity_parcels: f64,
    /// Handling per parcel at the hub, yuan/parcel; `None` takes the scenario's
    /// `costs.hub_handling_per_parcel` (what the routing charges).
    pub handling_per_parcel: Option<f64>,
}

impl Default for SitingCosts {
    fn default() -> Self {
        SitingCosts {
            fixed_per_day: 3000.0,
            capacity_parcels: 10_000.0,
            handling_per_parcel: None,
        }
    }
}

impl SitingCosts {
    /// Errors name the field: every value must be a finite number >= 0.
    ///
    /// ```
    /// let mut c = gongpei_design::SitingCosts::default();
    /// c.fixed_per_day = -1.0;
    /// assert!(c.validate().unwrap_err().to_string().starts_with("siting_costs.fixed_per_day"));
    /// ```
    pub fn validate(&self) -> Result<(), DesignError> {
        check_cost("siting_costs.fixed_per_day", self.fixed_per_day)?;
        check_cost("siting_costs.capacity_parcels", self.capacity_parcels)?;
        if let Some(h) = self.handling_per_parcel {
            check_cost("siting_costs.handling_per_parcel", h)?;
        }
        Ok(())
    }
}

/// A siting question.
#[derive(Debug, Clone)]
pub struct Siting {
    /// Candidate site ids; `None`: every township centre and the scenario's current hub.
    pub candidates: Option<Vec<String>>,
    /// Costs of a site.
    pub costs: SitingCosts,
    /// How many of the best single-hub candidates are evaluated by routing (k).
    pub shortlist: usize,
    /// Hub counts solved by the model only (e.g. 2 and 3 for a large district).
    pub hub_counts: Vec<usize>,
    /// HiGHS options of the location models.
    pub solve: SolveOptions,
}

impl Default for Siting {
    fn default() -> Self {
        Siting {
            candidates: None,
            costs: SitingCosts::default(),
            shortlist: 5,
            hub_counts: vec![2, 3],
            solve: SolveOptions::default(),
        }
    }
}

/// The model's daily cost of one candidate as the single hub.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateCost {
    /// Site id.
    pub site: String,
    /// Site name.
    pub name: String,
    /// Rank by model cost (1 = cheapest).
    pub rank: usize,
    /// Trunk round trips to township centres (and van trips to villages without township) a day.
    pub trunk_trips: i64,
    /// Their kilometres a day.
    pub trunk_km: f64,
    /// Feeder round trips from carrier depots a day.
    pub feeder_trips: i64,
    /// Their kilometres a day.
    pub feeder_km: f64,
    /// Trunk and feeder trip cost (distance, time, share of the vehicle's fixed day), yuan/day.
    pub transport_cost: f64,
    /// Hub handling, yuan/day.
    pub handling_cost: f64,
    /// The site's fixed cost, yuan/day.
    pub fixed_cost: f64,
    /// Transport + handling + fixed, yuan/day.
    pub daily_cost: f64,
    /// Parcels sorted a day, against the site's capacity.
    pub sorted_parcels: i64,
    /// Whether the sorted parcels fit the capacity.
    pub within_capacity: bool,
}

/// A shortlisted candidate planned by routing with the hub moved there.
#[derive(Debug, Clone, Serialize)]
pub struct SiteEvaluation {
    /// The candidate's model figures.
    pub model: CandidateCost,
    /// One entry per evaluated mode.
    pub modes: Vec<ModeFigures>,
    /// Why the planner could not route the scenario with the hub there (e.g. a township no
    /// truck reaches within its shift), with `modes` empty; `None` when routed.
    pub routing_error: Option<String>,
}

/// The model's best choice of several hubs.
#[derive(Debug, Clone, Serialize)]
pub struct MultiHub {
    /// Number of hubs.
    pub hubs: usize,
    /// Chosen site ids.
    pub sites: Vec<String>,
    /// Demand points (township centres, depots, hub-direct villages) by site id -> hub site id.
    pub assignment: Vec<(String, String)>,
    /// Trip cost + handling + fixed cost of every hub, yuan/day.
    pub daily_cost: f64,
    /// Trunk and feeder kilometres a day.
    pub km: f64,
    /// MIP status (optimal or stopped with a gap).
    pub status: MipStatus,
    /// Hubs whose sorted parcels exceed the capacity (empty when within).
    pub capacity_violations: Vec<String>,
}

/// Everything a siting run found.
#[derive(Debug, Clone, Serialize)]
pub struct SitingResult {
    /// Every candidate's model cost as the single hub, cheapest first.
    pub candidates: Vec<CandidateCost>,
    /// The single-hub location model's choice (it is the cheapest candidate).
    pub model_choice: String,
    /// Its MIP status.
    pub model_status: MipStatus,
    /// The shortlisted candidates evaluated by routing, in model order.
    pub evaluated: Vec<SiteEvaluation>,
    /// Several hubs, from the model only.
    pub multi_hub: Vec<MultiHub>,
    /// The costs used.
    pub costs: SitingCosts,
    /// Modelling assumptions behind the figures.
    pub assumptions: Vec<String>,
    /// Whether a hurry request (a signal to the CLI) shortened the run: the figures marked
    /// [`crate::ModeFigures::hurried`] come from hurried plans (searches stopped at their best so far,
    /// later sub-problems construction-only); every part of the answer is still there.
    pub hurried: bool,
}

/// `scenario` with its shared hub moved to site `id` (the cold store stays where it is).
///
/// ```no_run
/// # let scenario: gongpei_scenario::Scenario = unimplemented!();
/// let moved = gongpei_design::with_hub(&scenario, "120119001").unwrap();
/// assert_eq!(moved.costs.shared_hub, "120119001");
/// ```
pub fn with_hub(scenario: &Scenario, id: &str) -> Result<Scenario, DesignError> {
    let Some(i) = scenario.site_index(id) else {
        return Err(DesignError::input(
            "candidates",
            format!("unknown site {id:?}"),
        ));
    };
    if scenario.sites[i].tier == SiteTier::Junction {
        return Err(DesignError::input(
            "candidates",
            format!("site {id:?} is a road junction, not a place a hub can be built"),
        ));
    }
    let mut moved = scenario.clone();
    moved.costs.shared_hub = id.to_string();
    Ok(moved)
}

/// The candidate sites: the given ids (checked), or every township centre and the current hub.
fn candidate_sites(
    scenario: &Scenario,
    given: Option<&[String]>,
) -> Result<Vec<usize>, DesignError> {
    let ids: Vec<String> = match given {
        Some(ids) => ids.to_vec(),
        None => {
            let mut ids = vec![scenario.costs.shared_hub.clone()];
            ids.extend(
                scenario
                    .sites
                    .iter()
                    .filter(|s| s.tier == SiteTier::TownshipCentre)
                    .map(|s| s.id.clone()),
            );
            ids
        }
    };
    if ids.is_empty() {
        return Err(DesignError::input("candidates", "no candidate site given"));
    }
    let mut sites = Vec::new();
    for id in &ids {
        with_hub(scenario, id)?;
        let i = scenario.site_index(id).unwrap_or_default();
        if !sites.contains(&i) {
            sites.push(i);
        }
    }
    Ok(sites)
}

impl Siting {
    fn validate(&self) -> Result<(), DesignError> {
        self.costs.validate()?;
        if let Some(&p) = self.hub_counts.iter().find(|&&p| p < 2) {
            return Err(DesignError::input(
                "hub_counts",
                format!("{p}: several-hub models need at least 2 hubs (one hub is the shortlist)"),
            ));
        }
        Ok(())
    }

    /// The model costs only (no routing): every candidate ranked, the single-hub MIP choice and
    /// the several-hub choices. The returned result has no `evaluated` entries.
    pub fn model(&self, scenario: &Scenario) -> Result<SitingResult, DesignError> {
        self.validate()?;
        let world = World::new(scenario)?;
        let sites = candidate_sites(scenario, self.candidates.as_deref())?;
        let model = HubCostModel::new(&world, &sites)?;
        let handling_rate = self
            .costs
            .handling_per_parcel
            .unwrap_or(scenario.costs.hub_handling_per_parcel);
        let parcels: i64 = world
            .flows
            .iter()
            .map(|f| f.parcels_in + f.parcels_out)
            .sum();
        let handling_cost = handling_rate * parcels as f64;
        let sorted = model.sorted_parcels();
        let mut candidates: Vec<CandidateCost> = (0..sites.len())
            .map(|j| self.candidate_cost(&world, &model, j, handling_cost, sorted))
            .collect();
        candidates.sort_by(|a, b| {
            a.daily_cost
                .total_cmp(&b.daily_cost)
                .then(a.site.cmp(&b.site))
        });
        for (r, c) in candidates.iter_mut().enumerate() {
            c.rank = r + 1;
        }
        let matrix = cost_matrix(&world, &model)?;
        let single = PMedian::new(&matrix, 1).solve(&self.solve)?;
        let model_choice = scenario.sites[sites[single.open[0]]].id.clone();
        let mut multi_hub = Vec::new();
        for &p in &self.hub_counts {
            if p > sites.len() {
                return Err(DesignError::input(
                    "hub_counts",
                    format!("{p} hubs but only {} candidates", sites.len()),
                ));
            }
            multi_hub.push(self.multi(&world, &model, &matrix, p, handling_cost)?);
        }
        Ok(SitingResult {
            candidates,
            model_choice,
            model_status: single.status,
            evaluated: Vec::new(),
            multi_hub,
            costs: self.costs.clone(),
            assumptions: assumptions(&self.costs),
            hurried: false,
        })
    }

    /// The model, then the `shortlist` cheapest candidates planned by `evaluation` with the hub
    /// moved there. `progress` is told each candidate before it is planned.
    pub fn run(
        &self,
        scenario: &Scenario,
        evaluation: &Evaluation,
        mut progress: impl FnMut(usize, &CandidateCost),
    ) -> Result<SitingResult, DesignError> {
        if self.shortlist == 0 {
            return Err(DesignError::input("shortlist", "must be at least 1"));
        }
        let mut result = self.model(scenario)?;
        for (k, c) in result.candidates.iter().take(self.shortlist).enumerate() {
            progress(k, c);
            let moved = with_hub(scenario, &c.site)?;
            let (modes, routing_error) = match evaluation.run_or_reason(&moved)? {
                Ok(modes) => (modes, None),
                Err(reason) => (Vec::new(), Some(reason)),
            };
            result.evaluated.push(SiteEvaluation {
                model: c.clone(),
                modes,
                routing_error,
            });
        }
        // A hurry does not end the shortlist: the later candidates are planned construction-only
        // (quick), so the routed ranking stays complete, each hurried figure marked.
        result.hurried = result
            .evaluated
            .iter()
            .any(|e| e.modes.iter().any(|m| m.hurried));
        Ok(result)
    }

    fn candidate_cost(
        &self,
        world: &World<'_>,
        model: &HubCostModel,
        j: usize,
        handling_cost: f64,
        sorted: i64,
    ) -> CandidateCost {
        let mut c = CandidateCost {
            site: world.scenario.sites[model.candidates[j]].id.clone(),
            name: world.site_name(model.candidates[j]).to_string(),
            rank: 0,
            trunk_trips: 0,
            trunk_km: 0.0,
            feeder_trips: 0,
            feeder_km: 0.0,
            transport_cost: 0.0,
            handling_cost,
            fixed_cost: self.costs.fixed_per_day,
            daily_cost: 0.0,
            sorted_parcels: sorted,
            within_capacity: sorted as f64 <= self.costs.capacity_parcels,
        };
        let m = model.candidates.len();
        for (i, p) in model.points.iter().enumerate() {
            let (trips, km) = (model.trips[i * m + j], model.km[i * m + j]);
            if p.kind == HubDemandKind::Depot {
                c.feeder_trips += trips;
                c.feeder_km += km;
            } else {
                c.trunk_trips += trips;
                c.trunk_km += km;
            }
            c.transport_cost += model.cost[i * m + j];
        }
        c.daily_cost = c.transport_cost + c.handling_cost + c.fixed_cost;
        c
    }

    fn multi(
        &self,
        world: &World<'_>,
        model: &HubCostModel,
        matrix: &CostMatrix,
        p: usize,
        handling_cost: f64,
    ) -> Result<MultiHub, DesignError> {
        let s = PMedian::new(matrix, p).solve(&self.solve)?;
        let id = |site: usize| world.scenario.sites[site].id.clone();
        let m = model.candidates.len();
        let mut load = vec![0i64; m];
        let mut km = 0.0;
        let mut assignment = Vec::new();
        for (i, j) in s.assignment.iter().enumerate() {
            let Some(j) = *j else { continue };
            load[j] += model.points[i].sorted_parcels();
            km += model.km[i * m + j];
            assignment.push((id(model.points[i].site), id(model.candidates[j])));
        }
        let capacity_violations = s
            .open
            .iter()
            .filter(|&&j| load[j] as f64 > self.costs.capacity_parcels)
            .map(|&j| {
                format!(
                    "hub {} sorts {} parcels/day, above the capacity {}",
                    id(model.candidates[j]),
                    load[j],
                    self.costs.capacity_parcels
                )
            })
            .collect();
        Ok(MultiHub {
            hubs: p,
            sites: s.open.iter().map(|&j| id(model.candidates[j])).collect(),
            assignment,
            daily_cost: s.objective + handling_cost + p as f64 * self.costs.fixed_per_day,
            km,
            status: s.status,
            capacity_violations,
        })
    }
}

/// The model's trip costs as a labelled location matrix.
fn cost_matrix(world: &World<'_>, model: &HubCostModel) -> Result<CostMatrix, DesignError> {
    let id = |site: usize| world.scenario.sites[site].id.clone();
    Ok(CostMatrix::from_flat(
        model.points.len(),
        model.candidates.len(),
        model.cost.clone(),
    )?
    .with_demand_labels(model.points.iter().map(|p| id(p.site)).collect())?
    .with_candidate_labels(model.candidates.iter().map(|&c| id(c)).collect())?)
}

fn assumptions(costs: &SitingCosts) -> Vec<String> {
    vec![
        "model: each township centre gets round trips from the hub by the smallest shared trunk truck, as many as its largest direction (parcels or kg, in or out) needs; the routing pools several townships per truck, so the model's trunk km are an upper bound".into(),
        "model: each carrier depot away from the hub sends its ambient parcels to the hub by round trips of the same truck (the feeders); a carrier without depots hands over at the hub itself".into(),
        "model: a trip costs the truck's distance and time cost (with a 600 s handover stop) plus its fixed day cost in proportion to the shift time it uses".into(),
        "model: chilled flows go from the cold store, which stays where it is when the hub moves, so they do not depend on the hub site".into(),
        "model: township handling capacities are not modelled (the routing may serve the largest villages of an over-full township from the hub)".into(),
        format!(
            "sites: fixed {} yuan/day and a capacity of {} sorted parcels/day at every candidate; handling at the hub is per parcel in or out",
            costs.fixed_per_day, costs.capacity_parcels
        ),
        "several hubs: each township and depot is served by its cheapest open hub (p-median on the trip costs); transfers between hubs are not costed and capacity is checked after the choice".into(),
        "routing: the scenario's costs.shared_hub is moved to the candidate and postal_express/combined are planned for all carriers with the plan checker run on every plan".into(),
    ]
}

/// Modes the siting evaluates by default.
pub const SITING_MODES: [Mode; 2] = [Mode::PostalExpress, Mode::Combined];
