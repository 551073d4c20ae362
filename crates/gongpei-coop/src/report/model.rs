//! The one place the report reads a [`Comparison`], its plans and the [`World`]: it flattens them
//! into plain records (routes with their road geometry, stops, bus loads, townships, carriers,
//! sites) that the GeoJSON, the tables and the interactive map are made from. Everything here
//! uses only public fields of the plan and comparison types, so changes to the planner touch
//! this file alone.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use gongpei_scenario::model::{SiteTier, VehicleProfile};
use gongpei_scenario::SourceCredit;
use rayon::prelude::*;
use serde::Serialize;

use crate::compare::{Comparison, ModeResult};
use crate::kpi::Kpis;
use crate::plan::{Leg, PlannedRoute};
use crate::world::World;
use crate::CoopError;

/// How a route's line was drawn.
pub const GEOMETRY_ROADS: &str = "roads";
/// Drawn as straight legs because the scenario has no roads (travel is haversine x detour).
pub const GEOMETRY_STRAIGHT: &str = "straight_lines_no_roads";

/// Everything the outputs need, flattened.
#[derive(Debug, Clone, Serialize)]
pub struct ReportModel {
    /// Report title: the district's official name, or the scenario name.
    pub title: String,
    /// Official division code of the district, when the scenario names it.
    pub district_code: Option<String>,
    /// Scenario name.
    pub scenario: String,
    /// Data sources to credit.
    pub sources: Vec<SourceCredit>,
    /// [`GEOMETRY_ROADS`] or [`GEOMETRY_STRAIGHT`].
    pub geometry: &'static str,
    /// Carrier ids, in scenario order.
    pub carriers: Vec<String>,
    /// One summary per mode, in comparison order.
    pub modes: Vec<ModeRecord>,
    /// Every route of every mode.
    pub routes: Vec<RouteRecord>,
    /// Every stop of every route.
    pub stops: Vec<StopRecord>,
    /// Every bus load of every mode.
    pub bus: Vec<BusRecord>,
    /// Per mode and township centre.
    pub townships: Vec<TownshipRecord>,
    /// Per mode and carrier.
    pub carrier_rows: Vec<CarrierRecord>,
    /// Hub, depots, township centres, village stations and bus stops (no junctions).
    pub sites: Vec<SiteRecord>,
    /// The allocation of the joint cost, if the comparison made one.
    pub allocation: Option<AllocationRecord>,
    /// Each bus line's fee range in 交邮合作, when the comparison found them.
    pub fee_ranges: Option<Vec<crate::fee_range::LineFeeRange>>,
}

/// Each carrier's share of one mode's joint cost under every rule.
#[derive(Debug, Clone, Serialize)]
pub struct AllocationRecord {
    /// Mode whose cost is allocated.
    pub mode: String,
    /// Joint cost c(N), yuan.
    pub joint_cost: f64,
    /// Rule names, in column order.
    pub rules: Vec<String>,
    /// Per carrier: id, stand-alone cost, share under each rule (yuan).
    pub rows: Vec<(String, f64, Vec<f64>)>,
}

/// A mode's headline figures.
#[derive(Debug, Clone, Serialize)]
pub struct ModeRecord {
    /// Mode name.
    pub mode: String,
    /// Chinese name.
    pub chinese: String,
    /// Whether the independent checker and the engine found nothing wrong.
    pub feasible: bool,
    /// Problems found (checker, then engine).
    pub problems: Vec<String>,
    /// Saving against `separate`, yuan (none when this plan or the baseline is infeasible).
    pub saving: Option<f64>,
    /// Saving against `separate`, percent.
    pub saving_pct: Option<f64>,
    /// Whether the saving may be shown: this plan and the `separate` baseline are both
    /// feasible (no saving is claimed for or against a plan that breaks a constraint).
    pub saving_valid: bool,
    /// Mode-level KPIs.
    pub kpis: Kpis,
    /// Investment, subsidies, operators' cost and cost per parcel.
    pub finance: crate::finance::FinanceFigures,
    /// Each stakeholder's account.
    pub stakeholders: crate::stakeholders::Stakeholders,
}

/// One vehicle route.
#[derive(Debug, Clone, Serialize)]
pub struct RouteRecord {
    /// Unique id, `<mode>-<n>` (n from 1 in plan order).
    pub id: String,
    /// Mode name.
    pub mode: String,
    /// Leg (`direct`, `trunk`, `last_mile`, `cold`).
    pub leg: String,
    /// Operator: carrier id or `shared`.
    pub operator: String,
    /// Fleet the map groups it under: the operator, with the leg for shared and cold fleets.
    pub fleet: String,
    /// Vehicle type id.
    pub vehicle: String,
    /// Routing profile.
    pub profile: String,
    /// Carriers whose parcels it moves (sorted ids).
    pub carriers: Vec<String>,
    /// Start base (site index, id and name).
    pub start_site: usize,
    /// Start base id.
    pub start_id: String,
    /// Start base name.
    pub start_name: String,
    /// End base name.
    pub end_name: String,
    /// Departure, seconds after midnight.
    pub start_s: i64,
    /// Return, seconds after midnight.
    pub end_s: i64,
    /// Kilometres driven.
    pub distance_km: f64,
    /// Hours on duty.
    pub duration_h: f64,
    /// Cost, yuan.
    pub cost_cny: f64,
    /// Number of stops.
    pub stops: usize,
    /// Parcels dropped / collected, kilograms dropped / collected, chilled dropped / collected.
    pub parcels_in: i64,
    /// Parcels collected.
    pub parcels_out: i64,
    /// Kilograms dropped.
    pub kg_in: i64,
    /// Kilograms collected.
    pub kg_out: i64,
    /// Chilled parcels dropped.
    pub chilled_in: i64,
    /// Capacity: parcels, kg, chilled parcels.
    pub capacity: [i64; 3],
    /// Most parcels on board at once (deliveries leave, pickups join along the route).
    pub peak_parcels: i64,
    /// Most kilograms on board at once.
    pub peak_kg: i64,
    /// Peak load over capacity, the larger of parcels and kilograms, percent.
    pub load_pct: f64,
    /// Line along the roads (or straight legs, see [`ReportModel::geometry`]), WGS84 lon/lat.
    pub line: Vec<[f64; 2]>,
}

/// One stop of a route.
#[derive(Debug, Clone, Serialize)]
pub struct StopRecord {
    /// Mode name.
    pub mode: String,
    /// Route id.
    pub route: String,
    /// Position in the route, from 1.
    pub seq: usize,
    /// Site index.
    pub site: usize,
    /// Arrival, seconds after midnight.
    pub arrival_s: i64,
    /// Start of service, seconds after midnight.
    pub service_start_s: i64,
    /// Loads moved.
    pub parcels_in: i64,
    /// Parcels collected.
    pub parcels_out: i64,
    /// Kilograms dropped.
    pub kg_in: i64,
    /// Kilograms collected.
    pub kg_out: i64,
    /// Chilled parcels dropped.
    pub chilled_in: i64,
    /// Chilled parcels collected.
    pub chilled_out: i64,
    /// Carriers of the flows served here (sorted ids).
    pub carriers: Vec<String>,
}

/// Parcels on one bus run.
#[derive(Debug, Clone, Serialize)]
pub struct BusRecord {
    /// Mode name.
    pub mode: String,
    /// Bus line id.
    pub line: String,
    /// Run index in the timetable.
    pub run: usize,
    /// Loading site index.
    pub board_site: usize,
    /// Unloading site index.
    pub alight_site: usize,
    /// Run departure, seconds after midnight.
    pub departure_s: i64,
    /// Arrival at the unloading site.
    pub arrival_s: i64,
    /// To the village (true) or produce back (false).
    pub inbound: bool,
    /// Parcels.
    pub parcels: i64,
    /// Kilograms.
    pub kg: i64,
    /// Fee, yuan.
    pub fee_cny: f64,
    /// Carriers of the flows carried.
    pub carriers: Vec<String>,
}

/// One township under one mode.
#[derive(Debug, Clone, Serialize)]
pub struct TownshipRecord {
    /// Mode name.
    pub mode: String,
    /// Township centre site index.
    pub site: usize,
    /// Village stations of the township.
    pub villages: usize,
    /// Villages where this mode serves at least one flow (route stop or bus).
    pub villages_served: usize,
    /// Demand of the township's villages in this mode's plan.
    pub parcels_in: i64,
    /// Parcels out.
    pub parcels_out: i64,
    /// Kilograms in.
    pub kg_in: i64,
    /// Kilograms out.
    pub kg_out: i64,
    /// Chilled parcels in.
    pub chilled_in: i64,
    /// Parcels of its villages riding buses.
    pub bus_parcels: i64,
    /// Route stops at its villages.
    pub village_stops: usize,
    /// Distinct routes stopping at its villages.
    pub routes: usize,
    /// Route cost split among townships by the parcels each route moves there, yuan.
    pub route_cost_share_cny: f64,
    /// Route kilometres split the same way.
    pub route_km_share: f64,
    /// Last trunk arrival at the centre (two-echelon modes).
    pub trunk_arrival_s: Option<i64>,
    /// Earliest last-mile departure.
    pub release_s: Option<i64>,
    /// Parcels handled at the centre.
    pub handled_parcels: Option<i64>,
}

/// One carrier under one mode (its own fleet, its flows).
#[derive(Debug, Clone, Serialize)]
pub struct CarrierRecord {
    /// Mode name.
    pub mode: String,
    /// Carrier id.
    pub carrier: String,
    /// KPIs of its own fleet and flows.
    pub kpis: Kpis,
    /// Shapley share of the allocated mode's joint cost, when this is that mode.
    pub shapley_cny: Option<f64>,
}

/// A site with what the map's popup says about it.
#[derive(Debug, Clone, Serialize)]
pub struct SiteRecord {
    /// Site index.
    pub index: usize,
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Tier (`district_hub`, `village_station`, ...).
    pub tier: String,
    /// Township centre name, for villages.
    pub township: Option<String>,
    /// WGS84 longitude.
    pub lon: f64,
    /// WGS84 latitude.
    pub lat: f64,
    /// Demand per carrier: (carrier, parcels in, parcels out).
    pub demand: Vec<(String, i64, i64)>,
    /// Per mode: the routes stopping here and the bus lines serving it.
    pub served_by: Vec<(String, Vec<String>)>,
}

/// Seconds after midnight as `HH:MM` (hours past 24 for the next day).
///
/// ```
/// assert_eq!(gongpei_coop::report::model::clock(8 * 3600 + 5 * 60 + 59), "08:05");
/// ```
pub fn clock(s: i64) -> String {
    let m = s.div_euclid(60);
    format!("{:02}:{:02}", m.div_euclid(60), m.rem_euclid(60))
}

fn leg_name(leg: Leg) -> &'static str {
    match leg {
        Leg::Direct => "direct",
        Leg::Trunk => "trunk",
        Leg::LastMile => "last_mile",
        Leg::Cold => "cold",
        Leg::Feeder => "feeder",
    }
}

fn profile_name(p: VehicleProfile) -> &'static str {
    match p {
        VehicleProfile::Van => "van",
        VehicleProfile::Truck => "truck",
        VehicleProfile::Bus => "bus",
        VehicleProfile::ColdVan => "cold_van",
    }
}

fn fleet_name(r: &PlannedRoute, carriers: &[String]) -> String {
    if carriers.contains(&r.operator) {
        if r.leg == Leg::Cold {
            format!("{} cold", r.operator)
        } else {
            r.operator.clone()
        }
    } else {
        format!("{} {}", r.operator, leg_name(r.leg).replace('_', " "))
    }
}

/// Peak parcels and kilograms on board: everything to deliver is loaded at the start, each stop
/// unloads its deliveries and loads its pickups.
fn peak_load(r: &PlannedRoute) -> (i64, i64) {
    let mut parcels: i64 = r.stops.iter().map(|s| s.loads.parcels_in).sum();
    let mut kg: i64 = r.stops.iter().map(|s| s.loads.kg_in).sum();
    let (mut peak_p, mut peak_kg) = (parcels, kg);
    for s in &r.stops {
        parcels += s.loads.parcels_out - s.loads.parcels_in;
        kg += s.loads.kg_out - s.loads.kg_in;
        peak_p = peak_p.max(parcels);
        peak_kg = peak_kg.max(kg);
    }
    (peak_p, peak_kg)
}

fn carriers_of(world: &World<'_>, flows: &[usize]) -> Vec<String> {
    let set: BTreeSet<&str> = flows
        .iter()
        .filter_map(|&f| world.flows.get(f))
        .map(|f| world.scenario.carriers[f.carrier].id.as_str())
        .collect();
    set.into_iter().map(str::to_string).collect()
}

/// Lines of every route of every mode, computed in parallel with one router per profile.
fn route_lines(world: &World<'_>, c: &Comparison) -> Result<Vec<Vec<[f64; 2]>>, CoopError> {
    let profiles: BTreeSet<VehicleProfile> = c
        .modes
        .iter()
        .flat_map(|m| m.plan.routes.iter().map(|r| r.profile))
        .collect();
    let routers: HashMap<VehicleProfile, gongpei_network::Router<'_>> = profiles
        .into_iter()
        .map(|p| (p, world.network.router(p.into())))
        .collect();
    let all: Vec<&PlannedRoute> = c.modes.iter().flat_map(|m| m.plan.routes.iter()).collect();
    all.par_iter()
        .map(|r| {
            let router = &routers[&r.profile];
            let points = router.route_geometry(&r.site_path())?;
            Ok(points.iter().map(|p| [p.x(), p.y()]).collect())
        })
        .collect::<Result<Vec<_>, gongpei_network::NetworkError>>()
        .map_err(CoopError::from)
}

impl ReportModel {
    /// Flattens `comparison` (planned on `world`) into report records, drawing every route
    /// along the roads.
    pub fn build(world: &World<'_>, comparison: &Comparison) -> Result<Self, CoopError> {
        let scenario = world.scenario;
        let carriers = world.carrier_names();
        let mut lines = route_lines(world, comparison)?.into_iter();
        let mut model = ReportModel {
            title: scenario
                .metadata
                .district
                .as_ref()
                .map_or_else(|| scenario.name.clone(), |d| d.name.clone()),
            district_code: scenario.metadata.district.as_ref().map(|d| d.code.clone()),
            scenario: scenario.name.clone(),
            sources: scenario.metadata.sources.clone(),
            geometry: if world.network.uses_fallback() {
                GEOMETRY_STRAIGHT
            } else {
                GEOMETRY_ROADS
            },
            carriers: carriers.clone(),
            modes: Vec::new(),
            routes: Vec::new(),
            stops: Vec::new(),
            bus: Vec::new(),
            townships: Vec::new(),
            carrier_rows: Vec::new(),
            sites: Vec::new(),
            fee_ranges: comparison.fee_ranges.clone(),
            allocation: comparison.allocation.as_ref().map(|a| AllocationRecord {
                mode: a.mode.name().to_string(),
                joint_cost: a.joint_cost,
                rules: a.rules.iter().map(|(r, _)| r.rule.clone()).collect(),
                rows: a
                    .carriers
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let shares = a
                            .rules
                            .iter()
                            .map(|(r, _)| r.shares.get(i).copied().unwrap_or(f64::NAN))
                            .collect();
                        (
                            c.clone(),
                            a.standalone.get(i).copied().unwrap_or(f64::NAN),
                            shares,
                        )
                    })
                    .collect(),
            }),
        };
        let mut served: HashMap<usize, Vec<(String, Vec<String>)>> = HashMap::new();
        for m in &comparison.modes {
            let mode = m.mode.name().to_string();
            let mut problems = m.check.errors.clone();
            problems.extend(m.plan.engine_violations.iter().cloned());
            model.modes.push(ModeRecord {
                mode: mode.clone(),
                chinese: m.mode.chinese().to_string(),
                feasible: problems.is_empty(),
                problems,
                saving: m.saving,
                saving_pct: m.saving_pct,
                saving_valid: false,
                kpis: m.kpis.clone(),
                finance: m.finance.clone(),
                stakeholders: m.stakeholders.clone(),
            });
            let first_route = model.routes.len();
            for (k, r) in m.plan.routes.iter().enumerate() {
                let id = format!("{mode}-{}", k + 1);
                let flows: Vec<usize> = r
                    .stops
                    .iter()
                    .flat_map(|s| s.flows.iter().copied())
                    .collect();
                let mut route_carriers = if r.leg == Leg::Trunk {
                    trunk_carriers(world, m, r)
                } else if r.leg == Leg::Feeder {
                    feeder_carriers(world, r)
                } else {
                    carriers_of(world, &flows)
                };
                // Whose goods a route carries: the commerce partners' B2B goods are named by
                // their supplier's operator (a replenishment run, or a shuttle to the hub).
                if world.scenario.commerce.is_operator(&r.operator)
                    || r.stops.iter().any(|s| !s.replenishment.is_empty())
                {
                    let suppliers: BTreeSet<String> = r
                        .stops
                        .iter()
                        .flat_map(|s| &s.replenishment)
                        .filter_map(|&j| world.replenishment.get(j))
                        .map(|d| d.supplier_operator.clone())
                        .chain(
                            world
                                .scenario
                                .commerce
                                .is_operator(&r.operator)
                                .then(|| r.operator.clone()),
                        )
                        .collect();
                    route_carriers.extend(suppliers.into_iter().map(|op| format!("{op} (B2B)")));
                }
                let (peak_parcels, peak_kg) = peak_load(r);
                let share = |load: i64, cap: i64| {
                    if cap > 0 {
                        100.0 * load as f64 / cap as f64
                    } else {
                        0.0
                    }
                };
                let sum =
                    |f: fn(&crate::plan::Loads) -> i64| r.stops.iter().map(|s| f(&s.loads)).sum();
                model.routes.push(RouteRecord {
                    id: id.clone(),
                    mode: mode.clone(),
                    leg: leg_name(r.leg).into(),
                    operator: r.operator.clone(),
                    fleet: fleet_name(r, &carriers),
                    vehicle: r.vehicle.clone(),
                    profile: profile_name(r.profile).into(),
                    carriers: route_carriers,
                    start_site: r.start_site,
                    start_id: scenario.sites[r.start_site].id.clone(),
                    start_name: scenario.sites[r.start_site].name.clone(),
                    end_name: scenario.sites[r.end_site].name.clone(),
                    start_s: r.start_s,
                    end_s: r.end_s,
                    distance_km: r.distance_m as f64 / 1000.0,
                    duration_h: r.duration_s as f64 / 3600.0,
                    cost_cny: r.cost,
                    stops: r.stops.len(),
                    parcels_in: sum(|l| l.parcels_in),
                    parcels_out: sum(|l| l.parcels_out),
                    kg_in: sum(|l| l.kg_in),
                    kg_out: sum(|l| l.kg_out),
                    chilled_in: sum(|l| l.chilled_in),
                    capacity: r.capacity,
                    peak_parcels,
                    peak_kg,
                    load_pct: share(peak_parcels, r.capacity[0]).max(share(peak_kg, r.capacity[1])),
                    line: lines.next().unwrap_or_default(),
                });
                for (seq, s) in r.stops.iter().enumerate() {
                    model.stops.push(StopRecord {
                        mode: mode.clone(),
                        route: id.clone(),
                        seq: seq + 1,
                        site: s.site,
                        arrival_s: s.arrival_s,
                        service_start_s: s.service_start_s,
                        parcels_in: s.loads.parcels_in,
                        parcels_out: s.loads.parcels_out,
                        kg_in: s.loads.kg_in,
                        kg_out: s.loads.kg_out,
                        chilled_in: s.loads.chilled_in,
                        chilled_out: s.loads.chilled_out,
                        carriers: carriers_of(world, &s.flows),
                    });
                }
            }
            for b in &m.plan.bus {
                model.bus.push(BusRecord {
                    mode: mode.clone(),
                    line: b.line.clone(),
                    run: b.run,
                    board_site: b.board_site,
                    alight_site: b.alight_site,
                    departure_s: b.departure_s,
                    arrival_s: b.arrival_s,
                    inbound: b.inbound,
                    parcels: b.parcels,
                    kg: b.kg,
                    fee_cny: b.fee,
                    carriers: carriers_of(world, &b.flows),
                });
            }
            // Which routes and bus lines serve each site in this mode (for the village popups).
            let mut by_site: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
            for (r, rec) in m.plan.routes.iter().zip(&model.routes[first_route..]) {
                for s in &r.stops {
                    by_site.entry(s.site).or_default().insert(rec.id.clone());
                }
            }
            for b in &m.plan.bus {
                let village = if b.inbound {
                    b.alight_site
                } else {
                    b.board_site
                };
                by_site
                    .entry(village)
                    .or_default()
                    .insert(format!("bus {}", b.line));
            }
            for (site, ids) in by_site {
                served
                    .entry(site)
                    .or_default()
                    .push((mode.clone(), ids.into_iter().collect()));
            }
            model
                .townships
                .extend(township_records(world, m, &model.routes[first_route..]));
            let shapley = comparison
                .allocation
                .as_ref()
                .filter(|a| a.mode == m.mode)
                .and_then(|a| {
                    a.rules
                        .iter()
                        .find(|(r, _)| r.rule.starts_with("shapley"))
                        .map(|(r, _)| r.shares.clone())
                });
            for (i, k) in m.carriers.iter().enumerate() {
                model.carrier_rows.push(CarrierRecord {
                    mode: mode.clone(),
                    carrier: carriers[i].clone(),
                    kpis: k.clone(),
                    shapley_cny: shapley.as_ref().and_then(|s| s.get(i).copied()),
                });
            }
        }
        let baseline_ok = model.modes.first().is_some_and(|m| m.feasible);
        for m in &mut model.modes {
            m.saving_valid = m.feasible && baseline_ok && m.saving.is_some();
        }
        model.sites = site_records(world, &mut served);
        Ok(model)
    }

    /// The site record of site index `index` (None for junctions and out-of-range indices).
    pub fn site(&self, index: usize) -> Option<&SiteRecord> {
        self.sites
            .binary_search_by_key(&index, |s| s.index)
            .ok()
            .map(|k| &self.sites[k])
    }

    /// Name of site `index`, or `#index` when it is not a listed site.
    pub fn site_name(&self, index: usize) -> String {
        self.site(index)
            .map_or_else(|| format!("#{index}"), |s| s.name.clone())
    }
}

/// Carriers whose parcels a feeder route moves: those whose depots it stops at (feeder stops
/// carry a depot's whole volume, not individual flows).
fn feeder_carriers(world: &World<'_>, r: &PlannedRoute) -> Vec<String> {
    let depots: BTreeSet<&str> = r
        .stops
        .iter()
        .filter_map(|s| world.scenario.sites.get(s.site))
        .map(|site| site.id.as_str())
        .collect();
    world
        .scenario
        .carriers
        .iter()
        .filter(|c| c.depots.iter().any(|d| depots.contains(d.as_str())))
        .map(|c| c.id.clone())
        .collect()
}

/// Carriers whose parcels a trunk route moves: those with flows of the plan in the townships it
/// stops at (trunk stops carry township volume, not individual flows).
fn trunk_carriers(world: &World<'_>, m: &ModeResult, r: &PlannedRoute) -> Vec<String> {
    let towns: BTreeSet<usize> = r.stops.iter().map(|s| s.site).collect();
    let flows: Vec<usize> = m
        .plan
        .flows
        .iter()
        .copied()
        .filter(|&f| {
            world
                .flows
                .get(f)
                .and_then(|x| x.township)
                .is_some_and(|t| towns.contains(&t))
        })
        .collect();
    carriers_of(world, &flows)
}

fn township_records(
    world: &World<'_>,
    m: &ModeResult,
    routes: &[RouteRecord],
) -> Vec<TownshipRecord> {
    let scenario = world.scenario;
    let mode = m.mode.name().to_string();
    let township_of = |site: usize| -> Option<usize> {
        let s = scenario.sites.get(site)?;
        if s.tier == SiteTier::TownshipCentre {
            return Some(site);
        }
        s.township.as_deref().and_then(|t| scenario.site_index(t))
    };
    let mut rows: BTreeMap<usize, TownshipRecord> = BTreeMap::new();
    let centres =
        (0..scenario.sites.len()).filter(|&i| scenario.sites[i].tier == SiteTier::TownshipCentre);
    for c in centres {
        let release = m.plan.townships.iter().find(|t| t.township == c);
        rows.insert(
            c,
            TownshipRecord {
                mode: mode.clone(),
                site: c,
                villages: 0,
                villages_served: 0,
                parcels_in: 0,
                parcels_out: 0,
                kg_in: 0,
                kg_out: 0,
                chilled_in: 0,
                bus_parcels: 0,
                village_stops: 0,
                routes: 0,
                route_cost_share_cny: 0.0,
                route_km_share: 0.0,
                trunk_arrival_s: release.and_then(|t| t.trunk_arrival_s),
                release_s: release.map(|t| t.release_s),
                handled_parcels: release.map(|t| t.handled_parcels),
            },
        );
    }
    for (i, s) in scenario.sites.iter().enumerate() {
        if s.tier == SiteTier::VillageStation {
            if let Some(row) = township_of(i).and_then(|t| rows.get_mut(&t)) {
                row.villages += 1;
            }
        }
    }
    for &f in &m.plan.flows {
        let Some(flow) = world.flows.get(f) else {
            continue;
        };
        let Some(row) = flow.township.and_then(|t| rows.get_mut(&t)) else {
            continue;
        };
        row.parcels_in += flow.parcels_in;
        row.parcels_out += flow.parcels_out;
        row.kg_in += flow.kg_in;
        row.kg_out += flow.kg_out;
        if flow.chilled {
            row.chilled_in += flow.parcels_in;
        }
    }
    let mut served: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (r, rec) in m.plan.routes.iter().zip(routes) {
        let moved: i64 = r
            .stops
            .iter()
            .map(|s| s.loads.parcels_in + s.loads.parcels_out)
            .sum();
        let mut touched = BTreeSet::new();
        for s in &r.stops {
            let is_village = scenario
                .sites
                .get(s.site)
                .is_some_and(|x| x.tier == SiteTier::VillageStation);
            let Some(t) = township_of(s.site) else {
                continue;
            };
            let Some(row) = rows.get_mut(&t) else {
                continue;
            };
            if is_village {
                row.village_stops += 1;
                touched.insert(t);
                if !s.flows.is_empty() {
                    served.entry(t).or_default().insert(s.site);
                }
            }
            if moved > 0 {
                let part = (s.loads.parcels_in + s.loads.parcels_out) as f64 / moved as f64;
                row.route_cost_share_cny += rec.cost_cny * part;
                row.route_km_share += rec.distance_km * part;
            }
        }
        for t in touched {
            if let Some(row) = rows.get_mut(&t) {
                row.routes += 1;
            }
        }
    }
    for b in &m.plan.bus {
        let village = if b.inbound {
            b.alight_site
        } else {
            b.board_site
        };
        if let Some(t) = township_of(village) {
            if let Some(row) = rows.get_mut(&t) {
                row.bus_parcels += b.parcels;
            }
            if !b.flows.is_empty() {
                served.entry(t).or_default().insert(village);
            }
        }
    }
    for (t, set) in served {
        if let Some(row) = rows.get_mut(&t) {
            row.villages_served = set.len();
        }
    }
    rows.into_values().collect()
}

fn site_records(
    world: &World<'_>,
    served: &mut HashMap<usize, Vec<(String, Vec<String>)>>,
) -> Vec<SiteRecord> {
    let scenario = world.scenario;
    let mut demand: HashMap<usize, BTreeMap<String, (i64, i64)>> = HashMap::new();
    for f in &world.flows {
        let e = demand
            .entry(f.village)
            .or_default()
            .entry(scenario.carriers[f.carrier].id.clone())
            .or_default();
        e.0 += f.parcels_in;
        e.1 += f.parcels_out;
    }
    scenario
        .sites
        .iter()
        .enumerate()
        .filter(|(_, s)| s.tier != SiteTier::Junction)
        .map(|(i, s)| SiteRecord {
            index: i,
            id: s.id.clone(),
            name: s.name.clone(),
            tier: s.tier.as_str().to_string(),
            township: s
                .township
                .as_deref()
                .and_then(|t| scenario.site_index(t))
                .map(|t| scenario.sites[t].name.clone()),
            lon: s.lon,
            lat: s.lat,
            demand: demand
                .remove(&i)
                .unwrap_or_default()
                .into_iter()
                .map(|(c, (a, b))| (c, a, b))
                .collect(),
            served_by: served.remove(&i).unwrap_or_default(),
        })
        .collect()
}
