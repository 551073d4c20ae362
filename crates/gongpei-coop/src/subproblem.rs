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
use gongpei_scenario::model::VehicleProfile;
use gongpei_scenario::VehicleTypeSpec;

use crate::plan::{Leg, Loads, PlannedRoute, Stop};
use crate::planner::Planner;
use crate::world::World;
use crate::CoopError;

const MICRO: f64 = 1e6;

/// A stop to serve: a site with what to drop and collect.
#[derive(Debug, Clone)]
pub(crate) struct StopDemand {
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
    /// B2B replenishment records delivered (see [`crate::commerce`]).
    pub replenishment: Vec<usize>,
}

/// Vehicles of one scenario type placed at one base.
#[derive(Debug, Clone)]
pub(crate) struct Fleet<'a> {
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
    /// Longest route (the shift limit).
    pub max_duration_s: i64,
    /// Whether routes unload at the cold store before returning to `end` (refrigerated vans
    /// whose base is not the cold store).
    pub via_cold_store: bool,
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
            via_cold_store: false,
        }
    }
}

/// Engine effort per sub-problem: a deterministic iteration budget, the seed and the
/// metaheuristic. The same effort on the same sub-problem always gives the same answer.
///
/// With `clients_per_step > 0` the budget grows with the sub-problem: a problem of `n` clients
/// gets `iterations * ceil(n / clients_per_step)` iterations, and stops early after half of
/// that many iterations without improvement. A big per-carrier problem then is searched about as
/// far from its start as a township-sized one (see the crate README for the measured sweep).
#[derive(Debug, Clone, PartialEq)]
pub struct Effort {
    /// Seed of the engine.
    pub seed: u64,
    /// Iteration budget per sub-problem (deterministic), per `clients_per_step` clients when
    /// that is set. 0 still builds and locally optimises the starting solution(s).
    pub iterations: u64,
    /// Clients per budget step (0: the same budget for every sub-problem).
    pub clients_per_step: u64,
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
            clients_per_step: 0,
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
            clients_per_step: DEFAULT_CLIENTS_PER_STEP,
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
            clients_per_step: 0,
            strategy: Strategy::IteratedLocalSearch,
        }
    }

    /// What a hurried plan solves its later sub-problems with: one constructed and locally
    /// optimised solution by the iterated local search, no search iterations.
    pub fn construction_only(seed: u64) -> Self {
        Effort {
            seed,
            iterations: 0,
            clients_per_step: 0,
            strategy: Strategy::IteratedLocalSearch,
        }
    }

    /// Iteration budget and no-improvement limit for a sub-problem of `clients` clients.
    pub fn budget(&self, clients: usize) -> (u64, Option<u64>) {
        if self.clients_per_step == 0 {
            return (self.iterations, None);
        }
        let steps = (clients as u64).div_ceil(self.clients_per_step).max(1);
        let budget = self.iterations * steps;
        (budget, (budget >= 2).then_some(budget / 2))
    }
}

/// Default clients per budget step of the mode plans (see [`Effort::budget`]).
pub const DEFAULT_CLIENTS_PER_STEP: u64 = 100;

/// Default iterations per sub-problem of the mode plans.
pub const DEFAULT_MODE_ITERATIONS: u64 = 100;

/// Default iterations per sub-problem of the coalition plans of the allocation game.
pub const DEFAULT_COALITION_ITERATIONS: u64 = 0;

/// The solved sub-problem.
#[derive(Debug, Clone)]
pub(crate) struct Solved {
    /// Routes (non-empty only).
    pub routes: Vec<PlannedRoute>,
    /// Engine violations, each prefixed with the sub-problem's label.
    pub violations: Vec<String>,
    /// Solved under a hurry request (cut short or construction-only): never cached.
    pub hurried: bool,
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
pub(crate) fn solve_stops(
    planner: &Planner<'_>,
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
            hurried: false,
        });
    }
    if fleets.is_empty() {
        return Err(CoopError::Input(format!(
            "{label}: {} stops to serve but no vehicle type available",
            stops.len()
        )));
    }
    // Chilled pickups must reach the cold store within `max_chilled_duration_s`. The engine
    // cannot bound that time directly, so two sufficient rules are tried and the better plan
    // (fewer violations, then cheaper) kept: collect late enough before the vans' latest return,
    // or keep the whole route within the limit.
    let chilled_pickups = leg != Leg::Feeder
        && stops.iter().any(|s| s.loads.chilled_out > 0)
        && fleets.iter().any(|f| f.spec.refrigerated);
    if chilled_pickups {
        let rule = |r| solve_rule(planner, label, leg, stops, fleets, effort, r);
        // Either rule alone can make a village unservable: the duration rule when its round
        // trip is longer than the limit, the window rule when a short limit pushes the pickup
        // so late that the van cannot be back within its shift. Then the other rule applies;
        // when both fail, the window rule's reason is reported.
        let (a, b) = match (
            rule(ChilledRule::PickupWindow),
            rule(ChilledRule::RouteDuration),
        ) {
            (Ok(a), Ok(b)) => (a, b),
            (Ok(a), Err(CoopError::Model { .. })) => return Ok(a),
            (Err(CoopError::Model { .. }), Ok(b)) => return Ok(b),
            (Err(e), _) | (_, Err(e)) => return Err(e),
        };
        let cost = |s: &Solved| s.routes.iter().map(|r| r.cost).sum::<f64>();
        let pick_b = (b.violations.len(), cost(&b)) < (a.violations.len(), cost(&a));
        return Ok(if pick_b { b } else { a });
    }
    solve_rule(
        planner,
        label,
        leg,
        stops,
        fleets,
        effort,
        ChilledRule::PickupWindow,
    )
}

/// How the cold-chain limit is imposed on a sub-problem with chilled pickups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ChilledRule {
    /// Chilled pickups no earlier than the vans' latest return to the cold store minus the limit.
    PickupWindow,
    /// Refrigerated routes last no longer than the limit up to the cold store.
    RouteDuration,
}

fn solve_rule(
    planner: &Planner<'_>,
    label: &str,
    leg: Leg,
    stops: &[StopDemand],
    fleets: &[Fleet<'_>],
    effort: &Effort,
    rule: ChilledRule,
) -> Result<Solved, CoopError> {
    let world = planner.world();
    let mut key = cache_key(world, leg, stops, fleets, effort);
    key.push(rule as i64);
    // Cached answers keep the engine's violations unlabelled: the same sub-problem is met under
    // different labels (postal_express and combined share their first plan).
    let labelled = |mut solved: Solved| {
        for v in &mut solved.violations {
            *v = format!("{label}: {v}");
        }
        solved
    };
    if let Some(hit) = planner.cached(&key) {
        return Ok(labelled(hit));
    }
    if planner.stop_requested() {
        return Err(CoopError::Cancelled);
    }
    // Hurried before it starts: construction-only. Hurried while it runs: the search stops at
    // its best so far (the same observer as a stop), and the answer is kept but not cached.
    let construction_only = Effort::construction_only(effort.seed);
    let effort = if planner.hurry_requested() {
        &construction_only
    } else {
        effort
    };
    let cut = || planner.stop_requested() || planner.hurry_requested();
    let mut solved = solve_uncached(world, label, leg, stops, fleets, effort, rule, &cut)?;
    // A search cut short is not the answer of this effort: never cache it, and a stopped one
    // is not returned at all.
    if planner.stop_requested() {
        return Err(CoopError::Cancelled);
    }
    if planner.hurry_requested() {
        solved.hurried = true;
        planner.note_hurried();
        return Ok(labelled(solved));
    }
    planner.remember(key, solved.clone());
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
        effort.clients_per_step as i64,
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
        key.push(s.replenishment.len() as i64);
        key.extend(s.replenishment.iter().map(|&r| r as i64));
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
            i64::from(f.via_cold_store),
        ]);
    }
    key
}

#[allow(clippy::too_many_arguments)]
fn solve_uncached(
    world: &World<'_>,
    label: &str,
    leg: Leg,
    stops: &[StopDemand],
    fleets: &[Fleet<'_>],
    effort: &Effort,
    rule: ChilledRule,
    cut: &(dyn Fn() -> bool + Sync),
) -> Result<Solved, CoopError> {
    let limit = world.scenario.costs.max_chilled_duration_s;
    let cold_store = world.cold_store;
    // The engine's end of a route: the cold store for vans unloading there on the way home.
    let engine_end = |f: &Fleet<'_>| if f.via_cold_store { cold_store } else { f.end };
    // Time and distance of the drive home from the cold store, added after solving.
    let home_leg = |f: &Fleet<'_>| -> Result<(i64, i64), CoopError> {
        if f.via_cold_store {
            world.leg(f.spec.profile, cold_store, f.end)
        } else {
            Ok((0, 0))
        }
    };
    let mut depot_sites: Vec<usize> = Vec::new();
    for f in fleets {
        for s in [f.start, engine_end(f)] {
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
    // vehicles are back at the cold store by their shift end (less the drive home) at the latest,
    // so collecting no earlier than that minus the limit guarantees it (a sufficient condition
    // the engine can express as a window). Feeders collect at carrier depots in the morning and
    // go straight to the cold store, far within the limit (the checker verifies it).
    let mut cold_return: Option<i64> = None;
    for f in fleets.iter().filter(|f| f.spec.refrigerated) {
        let back = f.earliest_start_s + f.max_duration_s - home_leg(f)?.1;
        cold_return = Some(cold_return.map_or(back, |b: i64| b.max(back)));
    }
    use crate::report::model::clock;
    // A stop that no vehicle can reach before its window closes (e.g. a township released late
    // by the trunk) is posed with its window stretched to the earliest possible arrival, so the
    // plan is still built, and is reported as a violation naming the stop: the two-echelon
    // coupling then asks the trunk to arrive earlier, and a plan that stays late is marked
    // infeasible instead of aborting the whole comparison.
    let mut unreachable_in_time = Vec::new();
    for s in stops {
        let l = &s.loads;
        let mut window = s.window;
        let mut earliest: Option<i64> = None;
        for f in fleets {
            let (_, t) = world.leg(f.spec.profile, f.start, s.site)?;
            let at = f.earliest_start_s + t;
            earliest = Some(earliest.map_or(at, |e: i64| e.min(at)));
        }
        if let Some(at) = earliest.filter(|&at| at > window.1) {
            unreachable_in_time.push(format!(
                "{} cannot be reached before its window closes at {} (earliest arrival {}); served late",
                world.site_name(s.site),
                clock(window.1),
                clock(at)
            ));
            window = (window.0.min(at), at);
        }
        let by_window = rule == ChilledRule::PickupWindow && leg != Leg::Feeder;
        if let (true, Some(back)) = (l.chilled_out > 0 && by_window, cold_return) {
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
        let home = home_leg(f)?.1;
        // Route-duration rule: start to cold store within the limit.
        let max_duration = if rule == ChilledRule::RouteDuration && spec.refrigerated {
            (f.max_duration_s - home).min(limit)
        } else {
            f.max_duration_s - home
        };
        builder = builder.vehicle_type(VehicleType {
            name: spec.id.clone(),
            count: f.count.max(1),
            capacity: capacity(spec).to_vec(),
            start_depot: depot_pos(f.start),
            end_depot: depot_pos(engine_end(f)),
            tw_early: f.earliest_start_s,
            tw_late: f.earliest_start_s + f.max_duration_s - home,
            max_duration,
            max_distance: UNBOUNDED,
            fixed_cost: (spec.fixed_cost_per_day * MICRO).round() as i64,
            unit_distance_cost: (spec.cost_per_km * MICRO / 1000.0).round() as i64,
            unit_duration_cost: (spec.cost_per_hour * MICRO / 3600.0).round() as i64,
            profile: profiles
                .iter()
                .position(|&p| p == spec.profile)
                .unwrap_or(0),
            features: 0,
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
    let (iterations, no_improvement) = effort.budget(stops.len());
    let params = SolveParams {
        seed: effort.seed,
        threads: 1,
        max_iterations: Some(iterations),
        max_no_improvement: no_improvement,
        strategy: effort.strategy,
        ..SolveParams::default()
    };
    let outcome = solve(&data, &params, &|_| {
        if cut() {
            Control::Stop
        } else {
            Control::Continue
        }
    });
    let violations = unreachable_in_time
        .into_iter()
        .chain(outcome.report.violations.iter().map(|v| v.to_string()))
        .collect();
    let mut routes = Vec::new();
    for (route, rep) in outcome.solution.routes.iter().zip(&outcome.report.routes) {
        if route.visits.is_empty() {
            continue;
        }
        let fleet = &fleets[route.vehicle_type];
        let mut planned_stops: Vec<Stop> = rep
            .schedule
            .iter()
            .map(|v| {
                let s = &stops[v.client];
                Stop {
                    site: s.site,
                    arrival_s: v.arrival,
                    service_start_s: v.service_start,
                    departure_s: v.service_start + s.service_s,
                    flows: s.flows.clone(),
                    replenishment: s.replenishment.clone(),
                    loads: s.loads.clone(),
                }
            })
            .collect();
        let (mut end_s, mut distance, mut duration) = (rep.end_time, rep.distance, rep.duration);
        let mut cost = rep.cost as f64 / MICRO;
        if fleet.via_cold_store {
            // Unload at the cold store (the engine's route end), then drive home.
            let (d, t) = home_leg(fleet)?;
            planned_stops.push(Stop {
                site: cold_store,
                arrival_s: end_s,
                service_start_s: end_s,
                departure_s: end_s,
                flows: Vec::new(),
                replenishment: Vec::new(),
                loads: Loads::default(),
            });
            end_s += t;
            distance += d;
            duration += t;
            cost += d as f64 / 1000.0 * fleet.spec.cost_per_km
                + t as f64 / 3600.0 * fleet.spec.cost_per_hour;
        }
        routes.push(PlannedRoute {
            leg,
            vehicle: fleet.spec.id.clone(),
            operator: fleet.spec.operator.clone(),
            profile: fleet.spec.profile,
            start_site: fleet.start,
            end_site: fleet.end,
            start_s: rep.start_time,
            end_s,
            distance_m: distance,
            duration_s: duration,
            cost,
            capacity: capacity(fleet.spec),
            stops: planned_stops,
        });
    }
    Ok(Solved {
        routes,
        violations,
        hurried: false,
    })
}
