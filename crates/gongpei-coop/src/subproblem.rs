//! One engine problem of a mode (a carrier's routes, a trunk echelon, a township's last mile...):
//! built from sites, stops and vehicle types of the scenario, solved by `gongpei_core::solve`,
//! and read back as [`PlannedRoute`]s.
//!
//! Units inside the engine: metres, seconds and micro-yuan (1e-6 CNY), so that per-metre and
//! per-second prices stay integers. Loads have three dimensions: parcels, kilograms and chilled
//! parcels (ambient vehicles have no chilled capacity, which keeps chilled goods out of them).

use gongpei_core::{
    solve, Client, Control, Depot, ProblemData, SolveParams, Strategy, VehicleType, UNBOUNDED,
};
use gongpei_network::VehicleProfile;
use gongpei_scenario::VehicleTypeSpec;

use crate::plan::{Leg, Loads, PlannedRoute, Stop};
use crate::world::World;
use crate::CoopError;

const MICRO: f64 = 1e6;

/// A stop to serve: a site with what to drop and collect.
#[derive(Debug, Clone)]
pub struct StopDemand {
    /// Site index.
    pub site: usize,
    /// Loads.
    pub loads: Loads,
    /// Service time, seconds.
    pub service_s: i64,
    /// Service window.
    pub window: (i64, i64),
    /// Flows served (empty for trunk volume).
    pub flows: Vec<usize>,
}

/// Vehicles of one scenario type placed at one base.
#[derive(Debug, Clone)]
pub struct Fleet<'a> {
    /// The scenario's vehicle type.
    pub spec: &'a VehicleTypeSpec,
    /// Base left.
    pub start: usize,
    /// Base returned to.
    pub end: usize,
    /// Number of vehicles.
    pub count: usize,
    /// Earliest departure.
    pub earliest_start_s: i64,
    /// Longest route (shift limit, and the cold-chain limit for refrigerated vehicles).
    pub max_duration_s: i64,
}

impl<'a> Fleet<'a> {
    /// A fleet of `spec` based at `base`, with its own shift start and limit.
    pub fn at(spec: &'a VehicleTypeSpec, base: usize, count: usize) -> Self {
        Fleet {
            spec,
            start: base,
            end: base,
            count,
            earliest_start_s: spec.shift_start_s,
            max_duration_s: spec.max_shift_s,
        }
    }
}

/// Engine effort per sub-problem: a deterministic iteration budget, the seed and the
/// metaheuristic. The same effort on the same sub-problem always gives the same answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Effort {
    /// Seed of the engine.
    pub seed: u64,
    /// Iteration budget per sub-problem (deterministic). 0 still builds and locally optimises
    /// the starting solution(s).
    pub iterations: u64,
    /// The engine's metaheuristic. [`Strategy::IteratedLocalSearch`] starts from one solution
    /// and iterates cheaply; [`Strategy::Genetic`] first educates a population of 25, which costs
    /// as much as a few hundred ILS iterations on a township-sized problem.
    pub strategy: Strategy,
}

impl Default for Effort {
    fn default() -> Self {
        Effort {
            seed: 1,
            iterations: 2000,
            strategy: Strategy::Auto,
        }
    }
}

impl Effort {
    /// The effort `gongpei scenario compare` plans each mode with by default (see the crate
    /// README for the measurements behind it).
    pub fn modes_default(seed: u64) -> Self {
        Effort {
            seed,
            iterations: DEFAULT_MODE_ITERATIONS,
            strategy: Strategy::Genetic,
        }
    }

    /// The effort of each coalition's plan in the allocation game by default: 63 coalitions of
    /// six carriers times every township make this the bulk of the work, so each sub-problem gets
    /// one constructed and locally optimised solution plus a short search.
    pub fn coalitions_default(seed: u64) -> Self {
        Effort {
            seed,
            iterations: DEFAULT_COALITION_ITERATIONS,
            strategy: Strategy::IteratedLocalSearch,
        }
    }
}

/// Default iterations per sub-problem of the mode plans.
pub const DEFAULT_MODE_ITERATIONS: u64 = 100;

/// Default iterations per sub-problem of the coalition plans of the allocation game.
pub const DEFAULT_COALITION_ITERATIONS: u64 = 0;

/// The solved sub-problem.
#[derive(Debug, Clone)]
pub struct Solved {
    /// Routes (non-empty only).
    pub routes: Vec<PlannedRoute>,
    /// Engine violations, each prefixed with the sub-problem's label.
    pub violations: Vec<String>,
}

fn capacity(spec: &VehicleTypeSpec) -> [i64; 3] {
    [
        spec.capacity_parcels,
        spec.capacity_kg,
        if spec.refrigerated {
            spec.capacity_parcels
        } else {
            0
        },
    ]
}

/// Builds and solves one sub-problem. `label` names it in errors (e.g. `separate/zto`).
pub fn solve_stops(
    world: &World<'_>,
    label: &str,
    leg: Leg,
    stops: &[StopDemand],
    fleets: &[Fleet<'_>],
    effort: &Effort,
) -> Result<Solved, CoopError> {
    if stops.is_empty() {
        return Ok(Solved {
            routes: Vec::new(),
            violations: Vec::new(),
        });
    }
    if fleets.is_empty() {
        return Err(CoopError::Input(format!(
            "{label}: {} stops to serve but no vehicle type available",
            stops.len()
        )));
    }
    let key = cache_key(world, leg, stops, fleets, effort);
    // Cached answers keep the engine's violations unlabelled: the same sub-problem is met under
    // different labels (postal_express and combined share their first plan).
    let labelled = |mut solved: Solved| {
        for v in &mut solved.violations {
            *v = format!("{label}: {v}");
        }
        solved
    };
    if let Some(hit) = world
        .solve_cache
        .lock()
        .ok()
        .and_then(|c| c.get(&key).cloned())
    {
        return Ok(labelled(hit));
    }
    let started = std::time::Instant::now();
    let solved = solve_uncached(world, label, leg, stops, fleets, effort)?;
    if std::env::var_os("GONGPEI_DEBUG_TIMING").is_some() {
        eprintln!(
            "{label}: {} stops, {:.3} s, cost {:.1}, {} violations",
            stops.len(),
            started.elapsed().as_secs_f64(),
            solved.routes.iter().map(|r| r.cost).sum::<f64>(),
            solved.violations.len()
        );
    }
    if let Ok(mut c) = world.solve_cache.lock() {
        c.insert(key, solved.clone());
    }
    Ok(labelled(solved))
}

/// Everything that determines a sub-problem's answer, as one integer vector.
fn cache_key(
    world: &World<'_>,
    leg: Leg,
    stops: &[StopDemand],
    fleets: &[Fleet<'_>],
    effort: &Effort,
) -> Vec<i64> {
    let strategy = match effort.strategy {
        Strategy::Auto => 0,
        Strategy::Genetic => 1,
        Strategy::IteratedLocalSearch => 2,
    };
    let mut key = vec![
        leg as i64,
        effort.seed as i64,
        effort.iterations as i64,
        strategy,
        stops.len() as i64,
    ];
    for s in stops {
        let l = &s.loads;
        key.extend([
            s.site as i64,
            l.parcels_in,
            l.kg_in,
            l.parcels_out,
            l.kg_out,
            l.chilled_in,
            l.chilled_out,
        ]);
        key.extend([s.service_s, s.window.0, s.window.1, s.flows.len() as i64]);
        key.extend(s.flows.iter().map(|&f| f as i64));
    }
    for f in fleets {
        let spec = world
            .scenario
            .vehicle_types
            .iter()
            .position(|v| v.id == f.spec.id)
            .map_or(-1, |i| i as i64);
        key.extend([
            spec,
            f.start as i64,
            f.end as i64,
            f.count as i64,
            f.earliest_start_s,
            f.max_duration_s,
        ]);
    }
    key
}

fn solve_uncached(
    world: &World<'_>,
    label: &str,
    leg: Leg,
    stops: &[StopDemand],
    fleets: &[Fleet<'_>],
    effort: &Effort,
) -> Result<Solved, CoopError> {
    let mut depot_sites: Vec<usize> = Vec::new();
    for f in fleets {
        for s in [f.start, f.end] {
            if !depot_sites.contains(&s) {
                depot_sites.push(s);
            }
        }
    }
    let mut profiles: Vec<VehicleProfile> = Vec::new();
    for f in fleets {
        if !profiles.contains(&f.spec.profile) {
            profiles.push(f.spec.profile);
        }
    }
    let locations: Vec<usize> = depot_sites
        .iter()
        .copied()
        .chain(stops.iter().map(|s| s.site))
        .collect();
    let depot_pos = |site: usize| depot_sites.iter().position(|&d| d == site).unwrap_or(0);
    let mut builder = ProblemData::builder();
    for &d in &depot_sites {
        builder = builder.depot(Depot {
            name: world.site_name(d).to_string(),
            ..Depot::default()
        });
    }
    // A chilled pickup must reach the cold store within `max_chilled_duration_s`. Refrigerated
    // vehicles are back by their shift end at the latest, so collecting no earlier than that end
    // minus the limit guarantees it (a sufficient condition the engine can express as a window).
    let cold_return = fleets
        .iter()
        .filter(|f| f.spec.refrigerated)
        .map(|f| f.earliest_start_s + f.max_duration_s)
        .max();
    for s in stops {
        let l = &s.loads;
        let mut window = s.window;
        if let (true, Some(back)) = (l.chilled_out > 0, cold_return) {
            window.0 = window
                .0
                .max(back - world.scenario.costs.max_chilled_duration_s)
                .min(window.1);
        }
        builder = builder.client(Client {
            name: world.site_name(s.site).to_string(),
            delivery: vec![l.parcels_in, l.kg_in, l.chilled_in],
            pickup: vec![l.parcels_out, l.kg_out, l.chilled_out],
            service_duration: s.service_s,
            tw_early: window.0,
            tw_late: window.1,
            ..Client::default()
        });
    }
    for f in fleets {
        let spec = f.spec;
        builder = builder.vehicle_type(VehicleType {
            name: spec.id.clone(),
            count: f.count.max(1),
            capacity: capacity(spec).to_vec(),
            start_depot: depot_pos(f.start),
            end_depot: depot_pos(f.end),
            tw_early: f.earliest_start_s,
            tw_late: f.earliest_start_s + f.max_duration_s,
            max_duration: f.max_duration_s,
            max_distance: UNBOUNDED,
            fixed_cost: (spec.fixed_cost_per_day * MICRO).round() as i64,
            unit_distance_cost: (spec.cost_per_km * MICRO / 1000.0).round() as i64,
            unit_duration_cost: (spec.cost_per_hour * MICRO / 3600.0).round() as i64,
            profile: profiles
                .iter()
                .position(|&p| p == spec.profile)
                .unwrap_or(0),
        });
    }
    for &p in &profiles {
        let (d, t) = world.sub_matrices(p, &locations)?;
        builder = builder.distance_matrix(d).duration_matrix(t);
    }
    let data = builder.build().map_err(|source| CoopError::Model {
        context: label.to_string(),
        source,
    })?;
    let params = SolveParams {
        seed: effort.seed,
        threads: 1,
        max_iterations: Some(effort.iterations),
        strategy: effort.strategy,
        ..SolveParams::default()
    };
    let outcome = solve(&data, &params, &|_| Control::Continue);
    let violations = outcome
        .report
        .violations
        .iter()
        .map(|v| v.to_string())
        .collect();
    let mut routes = Vec::new();
    for (route, rep) in outcome.solution.routes.iter().zip(&outcome.report.routes) {
        if route.visits.is_empty() {
            continue;
        }
        let fleet = &fleets[route.vehicle_type];
        let planned_stops = rep
            .schedule
            .iter()
            .map(|v| {
                let s = &stops[v.client];
                Stop {
                    site: s.site,
                    arrival_s: v.arrival,
                    service_start_s: v.service_start,
                    flows: s.flows.clone(),
                    loads: s.loads.clone(),
                }
            })
            .collect();
        routes.push(PlannedRoute {
            leg,
            vehicle: fleet.spec.id.clone(),
            operator: fleet.spec.operator.clone(),
            profile: fleet.spec.profile,
            start_site: fleet.start,
            end_site: fleet.end,
            start_s: rep.start_time,
            end_s: rep.end_time,
            distance_m: rep.distance,
            duration_s: rep.duration,
            cost: rep.cost as f64 / MICRO,
            capacity: capacity(fleet.spec),
            stops: planned_stops,
        });
    }
    Ok(Solved { routes, violations })
}
