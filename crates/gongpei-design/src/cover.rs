//! Station coverage (村级寄递物流综合服务站全面覆盖): which villages host a service station so that
//! every village is within D km by road (set covering, least build + operating cost), or most
//! parcels are within D km of at most K stations (maximal covering); villages without a station
//! are served at their station (residents collect there), which merges their demand into the
//! station's stops, and the merged scenario is evaluated by routing.

use std::collections::HashMap;

use gongpei_coop::World;
use gongpei_locate::{CostMatrix, MaximalCovering, MipStatus, SetCovering, SolveOptions};
use gongpei_scenario::model::{ExistingFacility, SiteTier, VehicleProfile};
use gongpei_scenario::Scenario;
use serde::Serialize;

use crate::params::check_cost;
use crate::{DesignError, Evaluation, ModeFigures};

/// Build and operating costs of a village service station.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StationCosts {
    /// Capital cost of a new station (room, shelves, terminal, sign), yuan. Default 50 000.
    pub build_capital: f64,
    /// Capital cost of upgrading an existing 村委会 / 供销社 / shop site, yuan. Default 12 000.
    pub upgrade_capital: f64,
    /// Operating cost of a new station (staff, rent, power), yuan/day. Default 60.
    pub build_operating_per_day: f64,
    /// Operating cost of an upgraded site, whose staff and premises are shared, yuan/day.
    /// Default 30.
    pub upgrade_operating_per_day: f64,
    /// Years over which capital is amortised (capital / (years x 365) per day). Default 8.
    pub amortisation_years: f64,
}

impl CoverDesign {
    /// The design's short name in tables, maps and DataFrames: `D=3km` for set covering,
    /// `D=3km,K=60` for maximal covering.
    ///
    /// ```
    /// let mut design = gongpei_design::CoverDesign {
    ///     radius_km: 3.0,
    ///     max_stations: None,
    ///     stations: vec![],
    ///     assignment: vec![],
    ///     over_capacity: vec![],
    ///     station_cost_per_day: 0.0,
    ///     capital: 0.0,
    ///     covered_parcels: 0,
    ///     total_parcels: 0,
    ///     avg_resident_km: 0.0,
    ///     worst_resident_km: 0.0,
    ///     status: gongpei_locate::MipStatus::Optimal,
    /// };
    /// assert_eq!(design.label(), "D=3km");
    /// design.max_stations = Some(60);
    /// assert_eq!(design.label(), "D=3km,K=60");
    /// ```
    pub fn label(&self) -> String {
        match self.max_stations {
            Some(k) => format!("D={}km,K={k}", self.radius_km),
            None => format!("D={}km", self.radius_km),
        }
    }
}

impl Default for StationCosts {
    fn default() -> Self {
        StationCosts {
            build_capital: 50_000.0,
            upgrade_capital: 12_000.0,
            build_operating_per_day: 60.0,
            upgrade_operating_per_day: 30.0,
            amortisation_years: 8.0,
        }
    }
}

impl StationCosts {
    /// Errors name the field: costs finite and >= 0, amortisation years > 0.
    ///
    /// ```
    /// let mut c = gongpei_design::StationCosts::default();
    /// c.upgrade_capital = -5.0;
    /// assert!(c.validate().unwrap_err().to_string().starts_with("station_costs.upgrade_capital"));
    /// ```
    pub fn validate(&self) -> Result<(), DesignError> {
        check_cost("station_costs.build_capital", self.build_capital)?;
        check_cost("station_costs.upgrade_capital", self.upgrade_capital)?;
        check_cost(
            "station_costs.build_operating_per_day",
            self.build_operating_per_day,
        )?;
        check_cost(
            "station_costs.upgrade_operating_per_day",
            self.upgrade_operating_per_day,
        )?;
        check_cost("station_costs.amortisation_years", self.amortisation_years)?;
        if self.amortisation_years == 0.0 {
            return Err(DesignError::input(
                "station_costs.amortisation_years",
                "must be above 0",
            ));
        }
        Ok(())
    }

    /// Capital cost of a station at a site with (or without) an existing facility, yuan.
    pub fn capital(&self, existing: Option<ExistingFacility>) -> f64 {
        match existing {
            Some(_) => self.upgrade_capital,
            None => self.build_capital,
        }
    }

    /// Amortised capital plus operating cost per day, yuan/day.
    ///
    /// ```
    /// let c = gongpei_design::StationCosts::default();
    /// assert!((c.per_day(None) - (50_000.0 / (8.0 * 365.0) + 60.0)).abs() < 1e-9);
    /// ```
    pub fn per_day(&self, existing: Option<ExistingFacility>) -> f64 {
        let operating = match existing {
            Some(_) => self.upgrade_operating_per_day,
            None => self.build_operating_per_day,
        };
        self.capital(existing) / (self.amortisation_years * 365.0) + operating
    }
}

/// One station of a design.
#[derive(Debug, Clone, Serialize)]
pub struct Station {
    /// Site id of the village hosting it.
    pub site: String,
    /// Its name.
    pub name: String,
    /// The facility upgraded, or `None` for a new build.
    pub upgrades: Option<ExistingFacility>,
    /// Amortised capital + operating cost, yuan/day.
    pub cost_per_day: f64,
    /// Villages served there (itself included).
    pub villages: usize,
}

/// A coverage design from the location model.
#[derive(Debug, Clone, Serialize)]
pub struct CoverDesign {
    /// Radius D, km by road.
    pub radius_km: f64,
    /// K of the maximal covering model, `None` for set covering (every village covered).
    pub max_stations: Option<usize>,
    /// The stations.
    pub stations: Vec<Station>,
    /// Village id -> the station it is served at (its nearest station within D whose merged
    /// records still fit the largest vehicle), or `None` when served at home as today (outside
    /// every station's radius, or listed in `over_capacity`).
    pub assignment: Vec<(String, Option<String>)>,
    /// Villages within D of a station that stay served at home because merging their records
    /// into any station within D would exceed the largest vehicle that carries them (the
    /// planner cannot split a record).
    pub over_capacity: Vec<String>,
    /// Stations' amortised capital + operating cost, yuan/day.
    pub station_cost_per_day: f64,
    /// Stations' capital cost, yuan.
    pub capital: f64,
    /// Parcels a day (in + out) of the villages served at a station.
    pub covered_parcels: i64,
    /// Parcels a day of all villages.
    pub total_parcels: i64,
    /// Average road distance from a village served at a station to its station, km (villages counted once).
    pub avg_resident_km: f64,
    /// Largest such distance, km.
    pub worst_resident_km: f64,
    /// MIP status.
    pub status: MipStatus,
}

/// A coverage design planned by routing.
#[derive(Debug, Clone, Serialize)]
pub struct CoverEvaluation {
    /// The design.
    pub design: CoverDesign,
    /// One entry per evaluated mode (routed on the merged demand).
    pub modes: Vec<ModeFigures>,
    /// Why the planner could not route the design (e.g. a station's merged demand exceeds the
    /// largest van), with `modes` empty; `None` when routed or not asked to be.
    pub routing_error: Option<String>,
    /// Shared last-mile vans the design needed beyond the scenario's fleet, per vehicle type
    /// (`id: from -> to`); empty when the scenario's fleet sufficed.
    pub fleet_added: Vec<String>,
}

/// How many times the shared last-mile fleet is enlarged (by half, each time) when a design's
/// merged stops do not pack into the scenario's vans.
const FLEET_ROUNDS: u32 = 3;

/// Everything a coverage sweep found.
#[derive(Debug, Clone, Serialize)]
pub struct CoverResult {
    /// Routed figures of today's scenario (a stop at every village), for comparison.
    pub baseline: Vec<ModeFigures>,
    /// Set covering, one per radius.
    pub by_radius: Vec<CoverEvaluation>,
    /// Maximal covering, one per K (at the sweep's K radius).
    pub by_stations: Vec<CoverEvaluation>,
    /// The costs used.
    pub costs: StationCosts,
    /// Modelling assumptions behind the figures.
    pub assumptions: Vec<String>,
    /// Whether a hurry request (a signal to the CLI) shortened the run: the figures marked
    /// [`ModeFigures::hurried`] come from hurried plans (searches stopped at their best so far,
    /// later sub-problems construction-only); every part of the answer is still there.
    pub hurried: bool,
}

/// A coverage question: costs, candidate station villages and solver options.
#[derive(Debug, Clone, Default)]
pub struct Coverage {
    /// Station costs.
    pub costs: StationCosts,
    /// Candidate station village ids; `None`: every village station.
    pub candidates: Option<Vec<String>>,
    /// HiGHS options.
    pub solve: SolveOptions,
}

/// Villages, candidates and road distances of one scenario, computed once per sweep.
pub struct CoverModel<'s> {
    scenario: &'s Scenario,
    villages: Vec<usize>,
    candidates: Vec<usize>,
    /// villages x candidates, km by van from the village to the candidate.
    km: CostMatrix,
    parcels: Vec<i64>,
    /// Each village's demand records.
    records: Vec<Vec<gongpei_scenario::model::Demand>>,
    /// The village index of each candidate.
    village_of_candidate: Vec<Option<usize>>,
}

impl<'s> CoverModel<'s> {
    /// Road distances (van profile) from every village station to every candidate.
    pub fn new(scenario: &'s Scenario, candidates: Option<&[String]>) -> Result<Self, DesignError> {
        let world = World::new(scenario)?;
        let villages: Vec<usize> = (0..scenario.sites.len())
            .filter(|&i| scenario.sites[i].tier == SiteTier::VillageStation)
            .collect();
        if villages.is_empty() {
            return Err(DesignError::input("sites", "no village station to cover"));
        }
        let candidates: Vec<usize> = match candidates {
            None => villages.clone(),
            Some([]) => {
                return Err(DesignError::input(
                    "candidates",
                    "no candidate station given",
                ))
            }
            Some(ids) => ids
                .iter()
                .map(|id| match scenario.site_index(id) {
                    Some(i) if scenario.sites[i].tier == SiteTier::VillageStation => Ok(i),
                    Some(i) => Err(DesignError::input(
                        "candidates",
                        format!(
                            "site {id:?} is a {}, a station candidate must be a village station",
                            scenario.sites[i].tier.as_str()
                        ),
                    )),
                    None => Err(DesignError::input(
                        "candidates",
                        format!("unknown site {id:?}"),
                    )),
                })
                .collect::<Result<_, _>>()?,
        };
        let mut km = Vec::with_capacity(villages.len() * candidates.len());
        for &v in &villages {
            for &c in &candidates {
                km.push(world.leg(VehicleProfile::Van, v, c)?.0 as f64 / 1000.0);
            }
        }
        let id = |i: &usize| scenario.sites[*i].id.clone();
        let km = CostMatrix::from_flat(villages.len(), candidates.len(), km)?
            .with_demand_labels(villages.iter().map(id).collect())?
            .with_candidate_labels(candidates.iter().map(id).collect())?;
        let mut by_site: HashMap<&str, i64> = HashMap::new();
        for d in &scenario.demand {
            *by_site.entry(d.village.as_str()).or_default() += d.parcels_in + d.parcels_out;
        }
        let parcels = villages
            .iter()
            .map(|&v| {
                by_site
                    .get(scenario.sites[v].id.as_str())
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        let position: HashMap<usize, usize> =
            villages.iter().enumerate().map(|(i, &v)| (v, i)).collect();
        let mut records = vec![Vec::new(); villages.len()];
        for d in &scenario.demand {
            if let Some(&i) = scenario
                .site_index(&d.village)
                .and_then(|v| position.get(&v))
            {
                records[i].push(d.clone());
            }
        }
        let village_of_candidate = candidates
            .iter()
            .map(|c| position.get(c).copied())
            .collect();
        Ok(CoverModel {
            scenario,
            villages,
            candidates,
            km,
            parcels,
            records,
            village_of_candidate,
        })
    }

    /// Road distance in km from village `i` to candidate `j` (model indices).
    pub fn km(&self, i: usize, j: usize) -> f64 {
        self.km.cost(i, j)
    }

    fn check_radius(&self, radius_km: f64) -> Result<(), DesignError> {
        if !(radius_km.is_finite() && radius_km >= 0.0) {
            return Err(DesignError::input(
                "radius_km",
                format!("must be a finite distance >= 0, found {radius_km}"),
            ));
        }
        Ok(())
    }

    /// Every village must have a candidate within the radius, else the error names the first
    /// that has none and its nearest candidate.
    fn check_coverable(&self, radius_km: f64) -> Result<(), DesignError> {
        for i in 0..self.villages.len() {
            let (j, d) = (0..self.candidates.len())
                .map(|j| (j, self.km(i, j)))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                .unwrap_or((0, f64::INFINITY));
            if d > radius_km {
                let v = &self.scenario.sites[self.villages[i]];
                let c = &self.scenario.sites[self.candidates[j]];
                return Err(DesignError::input(
                    "radius_km",
                    format!(
                        "{radius_km} km leaves village {} ({}) uncovered: its nearest candidate {} ({}) is {d:.2} km away by road",
                        v.id, v.name, c.id, c.name
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl Coverage {
    /// Set covering: every village within `radius_km` of a station, least station cost per day.
    pub fn set_cover(
        &self,
        model: &CoverModel<'_>,
        radius_km: f64,
    ) -> Result<CoverDesign, DesignError> {
        self.costs.validate()?;
        model.check_radius(radius_km)?;
        model.check_coverable(radius_km)?;
        let site_costs = model
            .candidates
            .iter()
            .map(|&c| {
                self.costs
                    .per_day(model.scenario.sites[c].existing_facility)
            })
            .collect();
        let s = SetCovering::new(&model.km, radius_km)
            .with_site_costs(site_costs)
            .solve(&self.solve)?;
        Ok(self.design(model, radius_km, None, s.open, s.status))
    }

    /// Maximal covering: at most `k` stations, most parcels within `radius_km`.
    pub fn max_cover(
        &self,
        model: &CoverModel<'_>,
        radius_km: f64,
        k: usize,
    ) -> Result<CoverDesign, DesignError> {
        self.costs.validate()?;
        model.check_radius(radius_km)?;
        if k == 0 || k > model.candidates.len() {
            return Err(DesignError::input(
                "max_stations",
                format!(
                    "{k}: must be between 1 and the {} candidates",
                    model.candidates.len()
                ),
            ));
        }
        let weights = model.parcels.iter().map(|&p| p as f64).collect();
        let s = MaximalCovering::new(&model.km, radius_km, k)
            .with_weights(weights)
            .solve(&self.solve)?;
        let open = self.without_redundant(model, radius_km, s.open);
        Ok(self.design(model, radius_km, Some(k), open, s.status))
    }

    /// Maximal covering counts covered parcels only, so when K is more than the coverage needs
    /// it may open stations that cover nothing another open station does not: those are closed
    /// (dearest first, ties by index), which keeps every covered village covered.
    fn without_redundant(
        &self,
        model: &CoverModel<'_>,
        radius_km: f64,
        mut open: Vec<usize>,
    ) -> Vec<usize> {
        let cost = |j: usize| {
            self.costs
                .per_day(model.scenario.sites[model.candidates[j]].existing_facility)
        };
        let mut order = open.clone();
        order.sort_by(|&a, &b| cost(b).total_cmp(&cost(a)).then(a.cmp(&b)));
        for j in order {
            let others: Vec<usize> = open.iter().copied().filter(|&o| o != j).collect();
            let redundant = (0..model.villages.len())
                .filter(|&i| model.km(i, j) <= radius_km)
                .all(|i| others.iter().any(|&o| model.km(i, o) <= radius_km));
            if redundant && !others.is_empty() {
                open = others;
            }
        }
        open
    }

    fn design(
        &self,
        model: &CoverModel<'_>,
        radius_km: f64,
        max_stations: Option<usize>,
        open: Vec<usize>,
        status: MipStatus,
    ) -> CoverDesign {
        let sites = &model.scenario.sites;
        let limits = record_limits(model.scenario);
        let mut loads: HashMap<(usize, String, bool), [i64; 4]> = HashMap::new();
        let mut station_of: Vec<Option<usize>> = vec![None; model.villages.len()];
        let fits = |loads: &HashMap<(usize, String, bool), [i64; 4]>, j: usize, i: usize| {
            model.records[i].iter().all(|d| {
                let chilled = d.temperature == gongpei_scenario::Temperature::Chilled;
                let now = loads
                    .get(&(j, d.carrier.clone(), chilled))
                    .copied()
                    .unwrap_or([0; 4]);
                let (p, kg) = limits(d.carrier.as_str(), chilled);
                (now[0] + d.parcels_in).max(now[1] + d.parcels_out) <= p
                    && (now[2] + d.kg_in).max(now[3] + d.kg_out) <= kg
            })
        };
        let add = |loads: &mut HashMap<(usize, String, bool), [i64; 4]>, j: usize, i: usize| {
            for d in &model.records[i] {
                let chilled = d.temperature == gongpei_scenario::Temperature::Chilled;
                let e = loads
                    .entry((j, d.carrier.clone(), chilled))
                    .or_insert([0; 4]);
                e[0] += d.parcels_in;
                e[1] += d.parcels_out;
                e[2] += d.kg_in;
                e[3] += d.kg_out;
            }
        };
        // A station's own village is served there; the others join their nearest station within
        // the radius whose merged records still fit the largest vehicle (closest villages first).
        for &j in &open {
            if let Some(i) = model.village_of_candidate[j] {
                station_of[i] = Some(j);
                add(&mut loads, j, i);
            }
        }
        let mut others: Vec<(f64, usize)> = (0..model.villages.len())
            .filter(|&i| station_of[i].is_none())
            .filter_map(|i| {
                open.iter()
                    .map(|&j| model.km(i, j))
                    .filter(|&d| d <= radius_km)
                    .min_by(f64::total_cmp)
                    .map(|d| (d, i))
            })
            .collect();
        others.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut over_capacity = Vec::new();
        for (_, i) in others {
            let mut near: Vec<usize> = open
                .iter()
                .copied()
                .filter(|&j| model.km(i, j) <= radius_km)
                .collect();
            near.sort_by(|&a, &b| model.km(i, a).total_cmp(&model.km(i, b)).then(a.cmp(&b)));
            match near.into_iter().find(|&j| fits(&loads, j, i)) {
                Some(j) => {
                    station_of[i] = Some(j);
                    add(&mut loads, j, i);
                }
                None => over_capacity.push(sites[model.villages[i]].id.clone()),
            }
        }
        let mut served = vec![0usize; model.candidates.len()];
        let mut assignment = Vec::with_capacity(model.villages.len());
        let (mut covered_parcels, mut total_parcels) = (0, 0);
        let (mut sum_km, mut worst_km, mut covered) = (0.0, 0.0f64, 0usize);
        for (i, &v) in model.villages.iter().enumerate() {
            total_parcels += model.parcels[i];
            if let Some(j) = station_of[i] {
                served[j] += 1;
                covered_parcels += model.parcels[i];
                covered += 1;
                sum_km += model.km(i, j);
                worst_km = worst_km.max(model.km(i, j));
            }
            assignment.push((
                sites[v].id.clone(),
                station_of[i].map(|j| sites[model.candidates[j]].id.clone()),
            ));
        }
        let stations: Vec<Station> = open
            .iter()
            .map(|&j| {
                let s = &sites[model.candidates[j]];
                Station {
                    site: s.id.clone(),
                    name: s.name.clone(),
                    upgrades: s.existing_facility,
                    cost_per_day: self.costs.per_day(s.existing_facility),
                    villages: served[j],
                }
            })
            .collect();
        CoverDesign {
            radius_km,
            max_stations,
            station_cost_per_day: stations.iter().map(|s| s.cost_per_day).sum(),
            capital: stations
                .iter()
                .map(|s| self.costs.capital(s.upgrades))
                .sum(),
            stations,
            assignment,
            over_capacity,
            covered_parcels,
            total_parcels,
            avg_resident_km: if covered == 0 {
                0.0
            } else {
                sum_km / covered as f64
            },
            worst_resident_km: worst_km,
            status,
        }
    }

    /// Plans `design` by routing: the demand merged at the stations, then `evaluation`.
    pub fn evaluate(
        &self,
        scenario: &Scenario,
        design: CoverDesign,
        evaluation: &Evaluation,
    ) -> Result<CoverEvaluation, DesignError> {
        let mut merged = merge_demand(scenario, &design.assignment)?;
        let route = |s: &Scenario| -> Result<(Vec<ModeFigures>, Option<String>), DesignError> {
            Ok(match evaluation.run_or_reason(s)? {
                Ok(modes) => (modes, None),
                Err(reason) => (Vec::new(), Some(reason)),
            })
        };
        let (mut modes, mut routing_error) = route(&merged)?;
        let mut fleet_added = Vec::new();
        // Fewer, bigger stops can need more vans than today's: a design is a question of
        // stations, so the shared last-mile fleet grows (by half, a few times) until the plans
        // pass the checker; only vans used cost anything, and what was added is reported.
        let all_ok =
            |m: &[ModeFigures], e: &Option<String>| e.is_none() && m.iter().all(|f| f.feasible);
        let mut round = 0;
        while !all_ok(&modes, &routing_error) && round < FLEET_ROUNDS {
            round += 1;
            let mut added = Vec::new();
            for v in merged.vehicle_types.iter_mut().filter(|v| {
                v.operator == gongpei_scenario::model::SHARED_OPERATOR
                    && v.echelon == gongpei_scenario::model::Echelon::LastMile
            }) {
                let original = scenario
                    .vehicle_types
                    .iter()
                    .find(|o| o.id == v.id)
                    .map_or(v.count, |o| o.count);
                v.count = v.count + v.count.div_ceil(2);
                added.push(format!("{}: {} -> {}", v.id, original, v.count));
            }
            if added.is_empty() {
                break;
            }
            let (m, e) = route(&merged)?;
            if all_ok(&m, &e) {
                modes = m;
                routing_error = e;
                fleet_added = added;
                break;
            }
        }
        Ok(CoverEvaluation {
            modes,
            routing_error,
            fleet_added,
            design,
        })
    }

    /// Set covering at each of `radii_km`, and maximal covering at `k_radius_km` for each of
    /// `max_stations`, every design evaluated by routing (`None`: the models only, no mode
    /// figures and no baseline); `progress` is told each step.
    pub fn sweep(
        &self,
        scenario: &Scenario,
        radii_km: &[f64],
        k_radius_km: f64,
        max_stations: &[usize],
        evaluation: Option<&Evaluation>,
        mut progress: impl FnMut(&str),
    ) -> Result<CoverResult, DesignError> {
        self.costs.validate()?;
        if radii_km.is_empty() && max_stations.is_empty() {
            return Err(DesignError::input(
                "radius_km",
                "no radius and no station count to sweep",
            ));
        }
        progress("road distances");
        let model = CoverModel::new(scenario, self.candidates.as_deref())?;
        // Check every input before the long routing runs.
        for &d in radii_km {
            model.check_radius(d)?;
            model.check_coverable(d)?;
        }
        let baseline = match evaluation {
            Some(e) => {
                progress("baseline (a stop at every village)");
                e.run(scenario)?
            }
            None => Vec::new(),
        };
        let routed = |design: CoverDesign| match evaluation {
            Some(e) => self.evaluate(scenario, design, e),
            None => Ok(CoverEvaluation {
                design,
                modes: Vec::new(),
                routing_error: None,
                fleet_added: Vec::new(),
            }),
        };
        let mut by_radius = Vec::new();
        for &d in radii_km {
            progress(&format!("set covering D = {d} km"));
            let design = self.set_cover(&model, d)?;
            by_radius.push(routed(design)?);
        }
        let mut by_stations = Vec::new();
        for &k in max_stations {
            progress(&format!("maximal covering D = {k_radius_km} km, K = {k}"));
            let design = self.max_cover(&model, k_radius_km, k)?;
            by_stations.push(routed(design)?);
        }
        // A hurry does not end the sweep: the later designs are planned construction-only, so
        // every radius and K asked for keeps its routed figures, each hurried one marked.
        let hurried = baseline
            .iter()
            .chain(by_radius.iter().chain(&by_stations).flat_map(|e| &e.modes))
            .any(|m| m.hurried);
        Ok(CoverResult {
            hurried,
            baseline,
            by_radius,
            by_stations,
            costs: self.costs.clone(),
            assumptions: assumptions(&self.costs),
        })
    }
}

/// The largest record (parcels, kg, each direction) every fleet that may carry a carrier's
/// ambient or chilled records can take: for each fleet (the shared last-mile vans or shared
/// refrigerated vans, the carrier's own vans or refrigerated vans) its largest vehicle, and the
/// smallest of those over the fleets, since the planner cannot split a record.
fn record_limits(scenario: &Scenario) -> impl Fn(&str, bool) -> (i64, i64) + '_ {
    move |carrier: &str, chilled: bool| {
        let largest = |pick: &dyn Fn(&gongpei_scenario::model::VehicleTypeSpec) -> bool| {
            scenario.vehicle_types.iter().filter(|v| pick(v)).fold(
                None,
                |acc: Option<(i64, i64)>, v| {
                    let (p, kg) = acc.unwrap_or((0, 0));
                    Some((p.max(v.capacity_parcels), kg.max(v.capacity_kg)))
                },
            )
        };
        use gongpei_scenario::model::{Echelon, SHARED_OPERATOR};
        let shared = largest(&|v| {
            v.operator == SHARED_OPERATOR
                && if chilled {
                    v.refrigerated
                } else {
                    v.echelon == Echelon::LastMile
                }
        });
        let own = largest(&|v| v.operator == carrier && v.refrigerated == chilled);
        [shared, own]
            .into_iter()
            .flatten()
            .fold((i64::MAX, i64::MAX), |a, b| (a.0.min(b.0), a.1.min(b.1)))
    }
}

/// `scenario` with the demand of every village assigned to another station moved there: the
/// records move to the station village (their own time window dropped: the station's opening
/// hours apply) and merge with the station's records of the same carrier and temperature
/// (quantities and service times added). Unassigned villages keep their demand.
pub fn merge_demand(
    scenario: &Scenario,
    assignment: &[(String, Option<String>)],
) -> Result<Scenario, DesignError> {
    let mut station_of: HashMap<&str, &str> = HashMap::new();
    for (village, station) in assignment {
        if let Some(s) = station {
            if scenario.site_index(s).is_none() {
                return Err(DesignError::input(
                    "assignment",
                    format!("village {village} is assigned to unknown station {s:?}"),
                ));
            }
            station_of.insert(village.as_str(), s.as_str());
        }
    }
    let mut merged = scenario.clone();
    merged.demand.clear();
    let mut at: HashMap<(String, String, gongpei_scenario::Temperature), usize> = HashMap::new();
    for d in &scenario.demand {
        let mut d = d.clone();
        match station_of.get(d.village.as_str()) {
            Some(&s) if s != d.village => {
                d.village = s.to_string();
                d.time_window = None;
            }
            _ => {}
        }
        let key = (d.village.clone(), d.carrier.clone(), d.temperature);
        match at.get(&key) {
            Some(&k) => {
                let e = &mut merged.demand[k];
                e.parcels_in += d.parcels_in;
                e.kg_in += d.kg_in;
                e.parcels_out += d.parcels_out;
                e.kg_out += d.kg_out;
                e.service_s += d.service_s;
                if e.time_window.is_none() {
                    e.time_window = d.time_window;
                }
            }
            None => {
                at.insert(key, merged.demand.len());
                merged.demand.push(d);
            }
        }
    }
    Ok(merged)
}

fn assumptions(costs: &StationCosts) -> Vec<String> {
    vec![
        "distances: road distance by the van profile from the village to the station (residents' trip)".into(),
        "candidates: every village station can host a station unless candidates are given; a site with existing_facility is an upgrade, any other a new build".into(),
        format!(
            "station cost per day: capital / ({} years x 365) + operating; new build {} yuan + {} yuan/day, upgrade {} yuan + {} yuan/day",
            costs.amortisation_years,
            costs.build_capital,
            costs.build_operating_per_day,
            costs.upgrade_capital,
            costs.upgrade_operating_per_day
        ),
        "residents of a village without station collect at their nearest station within D; carriers deliver and collect there, so the village's demand records move to the station and merge (quantities and service times add up, the station's opening hours apply)".into(),
        "maximal covering: villages outside every station's radius keep their own stop as today".into(),
        "a village joins its nearest station within D whose merged records (per carrier and temperature) still fit the largest vehicle of every fleet that carries them, else the next nearest; when none fits it keeps its own stop (listed as over capacity)".into(),
        "the residents' own travel to the station is reported as distance, not costed".into(),
        format!("when a design's merged stops do not pack into the scenario's shared last-mile vans, that fleet grows by half (up to {FLEET_ROUNDS} times) until every plan passes the checker; the vans added are listed (fleet_added) and only vans used cost anything"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upgrades_are_cheaper_per_day_with_the_defaults() {
        let c = StationCosts::default();
        assert!(c.per_day(Some(ExistingFacility::Shop)) < c.per_day(None));
        let zero_years = StationCosts {
            amortisation_years: 0.0,
            ..c
        };
        let e = zero_years.validate().unwrap_err().to_string();
        assert!(e.starts_with("station_costs.amortisation_years"), "{e}");
    }
}
