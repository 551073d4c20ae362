//! Fuzzes the model and the evaluator together: arbitrary small problems (1-3 depots, up to 10
//! clients, 1-3 vehicle types, 0-2 load dimensions, 1-2 routing profiles, capacities, pickups,
//! time windows, service and shift limits, optional clients with prizes, required vehicle features
//! and forbidden vehicle types, values from tiny to the largest the model allows and beyond) go
//! through `ProblemData::new`, which must accept them or explain why (never panic). For an
//! accepted problem:
//! - arbitrary routes: `Solution::evaluate` must agree with gongpei-io's independent checker, a
//!   plain step-by-step simulation (same distance, same time-window verdict, same kinds of broken
//!   constraint, same cost when no window is missed);
//! - `solve` with a tiny iteration limit must return a solution whose report is its own evaluation
//!   and which the checker judges alike (accepted, or broken in exactly the listed constraints),
//!   and the same seed must give the same solution.
#![no_main]

use arbitrary::Arbitrary;
use gongpei_core::{
    solve, Client, Control, Depot, Matrix, ProblemData, Route, Solution, SolveParams, Strategy,
    VehicleType, UNBOUNDED,
};
use gongpei_fuzz::{as_instance, assert_agree};
use libfuzzer_sys::fuzz_target;

/// A quantity: mostly small (so that problems are feasible and interesting), sometimes at or past
/// the model's limits (so that validation and overflow are tested).
#[derive(Arbitrary, Debug, Clone, Copy)]
enum Amount {
    Small(u8),
    Medium(u16),
    Unbounded,
    Raw(i64),
}

impl Amount {
    fn value(self) -> i64 {
        match self {
            Amount::Small(v) => i64::from(v),
            Amount::Medium(v) => i64::from(v),
            Amount::Unbounded => UNBOUNDED,
            Amount::Raw(v) => v,
        }
    }
}

/// A time window: `early` and `early + width` (or open-ended).
#[derive(Arbitrary, Debug, Clone, Copy)]
struct Window {
    early: Option<Amount>,
    width: Option<Amount>,
}

impl Window {
    fn bounds(self) -> (i64, i64) {
        let early = self.early.map_or(0, Amount::value);
        let late = match self.width {
            None => UNBOUNDED,
            Some(w) => early.saturating_add(w.value()),
        };
        (early, late)
    }
}

#[derive(Arbitrary, Debug)]
struct DepotSpec {
    window: Window,
}

#[derive(Arbitrary, Debug)]
struct ClientSpec {
    delivery: [Amount; 2],
    pickup: Option<[Amount; 2]>,
    service: Option<Amount>,
    window: Window,
    optional_prize: Option<Amount>,
    /// Required vehicle features (low bits, so that vehicles often have them) and forbidden
    /// vehicle types (indices mostly valid, sometimes past the end).
    required_features: u8,
    forbidden_vehicle_types: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct VehicleSpec {
    count: u8,
    capacity: [Amount; 2],
    start_depot: u8,
    end_depot: u8,
    shift: Window,
    max_duration: Option<Amount>,
    max_distance: Option<Amount>,
    fixed_cost: Amount,
    unit_distance_cost: Option<u8>,
    unit_duration_cost: Option<Amount>,
    profile: u8,
    features: u8,
}

#[derive(Arbitrary, Debug)]
struct RouteSpec {
    vehicle_type: u8,
    visits: Vec<u8>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    depots: Vec<DepotSpec>,
    clients: Vec<ClientSpec>,
    vehicle_types: Vec<VehicleSpec>,
    dims: u8,
    /// Coordinates of the locations on a grid (missing ones at the origin).
    points: Vec<(u8, u8)>,
    /// Per profile: speed divisor, and extra length on some arcs (asymmetric, non-metric).
    profiles: Vec<(u8, Vec<(u8, u8, Amount)>)>,
    routes: Vec<RouteSpec>,
    solve: Option<(u64, u8, u8)>,
}

const MAX_DEPOTS: usize = 3;
const MAX_CLIENTS: usize = 10;
const MAX_TYPES: usize = 3;
const MAX_PROFILES: usize = 2;

fn build(input: &Input) -> Result<ProblemData, gongpei_core::ModelError> {
    let dims = usize::from(input.dims % 3);
    let depots: Vec<Depot> = input
        .depots
        .iter()
        .take(MAX_DEPOTS)
        .map(|d| {
            let (tw_early, tw_late) = d.window.bounds();
            Depot {
                name: String::new(),
                tw_early,
                tw_late,
            }
        })
        .collect();
    let clients: Vec<Client> = input
        .clients
        .iter()
        .take(MAX_CLIENTS)
        .map(|c| {
            let (tw_early, tw_late) = c.window.bounds();
            Client {
                name: String::new(),
                delivery: c.delivery[..dims].iter().map(|a| a.value()).collect(),
                pickup: c
                    .pickup
                    .map(|p| p[..dims].iter().map(|a| a.value()).collect())
                    .unwrap_or_default(),
                service_duration: c.service.map_or(0, Amount::value),
                tw_early,
                tw_late,
                required: c.optional_prize.is_none(),
                prize: c.optional_prize.map_or(0, Amount::value),
                required_features: u64::from(c.required_features % 4),
                forbidden_vehicle_types: c
                    .forbidden_vehicle_types
                    .iter()
                    .take(3)
                    .map(|&t| usize::from(t) % (MAX_TYPES + 1))
                    .collect(),
            }
        })
        .collect();
    let num_profiles = input.profiles.len().clamp(1, MAX_PROFILES);
    let num_depots = depots.len().max(1);
    let vehicle_types: Vec<VehicleType> = input
        .vehicle_types
        .iter()
        .take(MAX_TYPES)
        .map(|v| {
            let (tw_early, tw_late) = v.shift.bounds();
            VehicleType {
                name: String::new(),
                count: usize::from(v.count % 4),
                capacity: v.capacity[..dims].iter().map(|a| a.value()).collect(),
                start_depot: usize::from(v.start_depot) % (num_depots + 1),
                end_depot: usize::from(v.end_depot) % (num_depots + 1),
                tw_early,
                tw_late,
                max_duration: v.max_duration.map_or(UNBOUNDED, Amount::value),
                max_distance: v.max_distance.map_or(UNBOUNDED, Amount::value),
                fixed_cost: v.fixed_cost.value(),
                unit_distance_cost: v.unit_distance_cost.map_or(1, i64::from),
                unit_duration_cost: v.unit_duration_cost.map_or(0, Amount::value),
                profile: usize::from(v.profile) % (num_profiles + 1),
                features: u64::from(v.features % 4),
            }
        })
        .collect();
    let n = depots.len() + clients.len();
    let point = |i: usize| input.points.get(i).copied().unwrap_or((0, 0));
    let grid = |i: usize, j: usize| {
        let (a, b) = (point(i), point(j));
        i64::from(a.0.abs_diff(b.0)) + i64::from(a.1.abs_diff(b.1))
    };
    let mut distances = Vec::new();
    let mut durations = Vec::new();
    for p in 0..num_profiles {
        let (slowness, extras) = input
            .profiles
            .get(p)
            .map_or((0, &[][..]), |(s, e)| (*s, &e[..]));
        let mut distance = Matrix::from_fn(n, grid).as_slice().to_vec();
        for &(i, j, extra) in extras.iter().take(8) {
            let (i, j) = (usize::from(i), usize::from(j));
            if i < n && j < n && i != j {
                distance[i * n + j] = distance[i * n + j].saturating_add(extra.value());
            }
        }
        let factor = i64::from(slowness % 4) + 1;
        let duration: Vec<i64> = distance.iter().map(|d| d.saturating_mul(factor)).collect();
        distances.push(Matrix::from_row_major(n, distance)?);
        durations.push(Matrix::from_row_major(n, duration)?);
    }
    ProblemData::new(depots, clients, vehicle_types, distances, durations)
}

fuzz_target!(|input: Input| {
    let data = match build(&input) {
        Ok(data) => data,
        Err(err) => {
            assert!(!err.message().is_empty());
            return;
        }
    };
    let (clients, types) = (data.num_clients(), data.num_vehicle_types());
    let instance = as_instance(data);
    // Indices mostly valid (one past the end now and then, to test the unknown-index paths).
    let routes = Solution::new(
        input
            .routes
            .iter()
            .take(6)
            .map(|r| Route {
                vehicle_type: usize::from(r.vehicle_type) % (types + 1),
                visits: r
                    .visits
                    .iter()
                    .take(12)
                    .map(|&c| usize::from(c) % (clients + 1))
                    .collect(),
            })
            .collect(),
    );
    assert_agree(&instance, &routes);

    if let Some((seed, iterations, strategy)) = input.solve {
        let params = SolveParams {
            seed,
            threads: 1,
            max_iterations: Some(u64::from(iterations % 32)),
            strategy: match strategy % 3 {
                0 => Strategy::Auto,
                1 => Strategy::Genetic,
                _ => Strategy::IteratedLocalSearch,
            },
            ..SolveParams::default()
        };
        let outcome = solve(&instance.data, &params, &|_| Control::Continue);
        assert_eq!(outcome.report, outcome.solution.evaluate(&instance.data));
        assert_agree(&instance, &outcome.solution);
        assert!(
            outcome
                .solution
                .routes
                .iter()
                .all(|r| r.vehicle_type < types && r.visits.iter().all(|&c| c < clients)),
            "solve returned unknown indices: {:?}",
            outcome.solution
        );
        let again = solve(&instance.data, &params, &|_| Control::Continue);
        assert_eq!(
            again.solution, outcome.solution,
            "same seed, different solution"
        );
    }
});
