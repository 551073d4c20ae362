//! Solver behaviour beyond optimality: reproducibility for a fixed seed, thread count and
//! iteration limit; prompt stops by the observer and the time limit; feasible answers with
//! several threads on time-windowed and pickup-delivery instances.

use gongpei_core::{
    solve, Client, Control, Depot, Matrix, ProblemData, SolveParams, Strategy, VehicleType,
};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: i64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as i64
    }
}

/// A random instance: `n` clients around one depot, optional time windows and pickups.
fn instance(n: usize, seed: u64, windows: bool, pickups: bool) -> ProblemData {
    let mut rng = Lcg(seed);
    let pts: Vec<(i64, i64)> = (0..=n).map(|_| (rng.next(1000), rng.next(1000))).collect();
    let m = Matrix::from_fn(n + 1, |i, j| {
        let (dx, dy) = (pts[i].0 - pts[j].0, pts[i].1 - pts[j].1);
        ((dx * dx + dy * dy) as f64).sqrt().round() as i64
    });
    let clients: Vec<Client> = (1..=n)
        .map(|i| {
            let mut c = Client::with_delivery(vec![1 + rng.next(20)]);
            if pickups {
                c.pickup = vec![rng.next(20)];
            }
            if windows {
                let reach = m.get(0, i);
                let early = reach + rng.next(3000);
                c.tw_early = early;
                c.tw_late = early + 300 + rng.next(600);
                c.service_duration = 20;
            }
            c
        })
        .collect();
    ProblemData::builder()
        .depot(Depot::default())
        .clients(clients)
        .vehicle_type(VehicleType::with_capacity(n, vec![100]))
        .distance_matrix(m.clone())
        .duration_matrix(m)
        .build()
        .unwrap()
}

#[test]
fn same_seed_threads_and_iterations_give_the_same_solution() {
    let data = instance(60, 11, true, false);
    for threads in [1, 2] {
        let params = SolveParams {
            seed: 9,
            threads,
            max_iterations: Some(60),
            ..SolveParams::default()
        };
        let a = solve(&data, &params, &|_| Control::Continue);
        let b = solve(&data, &params, &|_| Control::Continue);
        assert_eq!(a.solution, b.solution, "threads = {threads}");
        assert_eq!(a.iterations, b.iterations);
        assert!(a.report.is_feasible());
    }
}

#[test]
fn observer_stop_is_honoured_quickly() {
    let data = instance(400, 3, false, false);
    let calls = AtomicUsize::new(0);
    let started = Instant::now();
    let outcome = solve(&data, &SolveParams::default(), &|_| {
        calls.fetch_add(1, Ordering::Relaxed);
        Control::Stop
    });
    let elapsed = started.elapsed();
    assert!(calls.load(Ordering::Relaxed) >= 1);
    // Debug builds are slow; the observer is polled every 100 ms of search.
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    assert_eq!(outcome.report, outcome.solution.evaluate(&data));
}

#[test]
fn time_limit_is_respected_and_progress_reported() {
    let data = instance(40, 5, true, true);
    let calls = AtomicUsize::new(0);
    let params = SolveParams {
        time_limit: Some(Duration::from_millis(700)),
        ..SolveParams::default()
    };
    let started = Instant::now();
    let outcome = solve(&data, &params, &|p| {
        assert!(p.elapsed < Duration::from_secs(5));
        calls.fetch_add(1, Ordering::Relaxed);
        Control::Continue
    });
    assert!(started.elapsed() < Duration::from_millis(2500));
    assert!(calls.load(Ordering::Relaxed) >= 2);
    assert!(
        outcome.report.is_feasible(),
        "{:?}",
        outcome.report.violations
    );
}

#[test]
fn two_threads_give_feasible_answers() {
    for (windows, pickups) in [(true, false), (false, true)] {
        let data = instance(50, 17, windows, pickups);
        let params = SolveParams {
            seed: 2,
            threads: 2,
            max_iterations: Some(100),
            ..SolveParams::default()
        };
        let outcome = solve(&data, &params, &|_| Control::Continue);
        assert!(
            outcome.report.is_feasible(),
            "{:?}",
            outcome.report.violations
        );
        assert_eq!(outcome.report, outcome.solution.evaluate(&data));
        assert!(outcome.iterations >= 100);
    }
}

#[test]
fn more_search_does_not_do_worse_than_less() {
    let data = instance(50, 23, false, false);
    let short = SolveParams {
        seed: 1,
        max_iterations: Some(1),
        ..SolveParams::default()
    };
    let long = SolveParams {
        max_iterations: Some(300),
        ..short.clone()
    };
    let a = solve(&data, &short, &|_| Control::Continue);
    let b = solve(&data, &long, &|_| Control::Continue);
    assert!(b.report.cost <= a.report.cost);
}

#[test]
fn edge_cases_no_clients_and_unprofitable_optional_clients() {
    let m = Matrix::from_fn(3, |i, j| if i == j { 0 } else { 100 });
    let empty = ProblemData::builder()
        .depot(Depot::default())
        .vehicle_type(VehicleType::with_capacity(1, vec![10]))
        .distance_matrix(Matrix::zeros(1))
        .duration_matrix(Matrix::zeros(1))
        .build()
        .unwrap();
    let params = SolveParams {
        max_iterations: Some(20),
        ..SolveParams::default()
    };
    let outcome = solve(&empty, &params, &|_| Control::Continue);
    assert!(outcome.report.is_feasible());
    assert_eq!(outcome.report.cost, 0);

    // Visiting either optional client costs 200 in travel but earns only 50: skip both.
    let optional = ProblemData::builder()
        .depot(Depot::default())
        .clients((0..2).map(|_| Client {
            required: false,
            prize: 50,
            ..Client::with_delivery(vec![1])
        }))
        .vehicle_type(VehicleType::with_capacity(1, vec![10]))
        .distance_matrix(m.clone())
        .duration_matrix(m)
        .build()
        .unwrap();
    let outcome = solve(&optional, &params, &|_| Control::Continue);
    assert!(outcome.report.is_feasible());
    assert_eq!(outcome.report.num_routes, 0);
    assert_eq!(outcome.report.cost, 100);
}

#[test]
fn an_expired_time_limit_still_returns_a_constructed_solution() {
    let data = instance(300, 17, false, false);
    let params = SolveParams {
        time_limit: Some(Duration::ZERO),
        ..SolveParams::default()
    };
    let outcome = solve(&data, &params, &|_| Control::Continue);
    let mut seen = vec![0; data.num_clients()];
    for route in &outcome.solution.routes {
        for &c in &route.visits {
            seen[c] += 1;
        }
    }
    assert!(
        seen.iter().all(|&k| k == 1),
        "every client routed exactly once"
    );
    // The construction is not guaranteed feasible; whatever it breaks must be reported.
    assert_eq!(outcome.report, outcome.solution.evaluate(&data));
}

#[test]
fn iterated_local_search_is_reproducible_feasible_and_improves() {
    for (n, windows, pickups, threads) in [
        (120, false, false, 1),
        (60, true, false, 2),
        (50, false, true, 1),
    ] {
        let data = instance(n, 31, windows, pickups);
        let params = |iterations| SolveParams {
            seed: 4,
            threads,
            max_iterations: Some(iterations),
            strategy: Strategy::IteratedLocalSearch,
            ..SolveParams::default()
        };
        let first = solve(&data, &params(1), &|_| Control::Continue);
        let a = solve(&data, &params(800), &|_| Control::Continue);
        let b = solve(&data, &params(800), &|_| Control::Continue);
        assert_eq!(a.solution, b.solution, "n = {n}");
        assert!(a.report.is_feasible(), "{:?}", a.report.violations);
        assert_eq!(a.report, a.solution.evaluate(&data));
        assert!(a.report.cost <= first.report.cost);
        if !windows && !pickups {
            assert!(
                a.report.cost < first.report.cost,
                "800 iterations found nothing better"
            );
        }
    }
}

#[test]
fn large_instances_start_from_a_feasible_construction() {
    // The iterated local search (savings start above 1,000 clients) offers its construction,
    // feasible with an unlimited fleet, before any local search: even an expired time limit
    // returns a feasible answer.
    let data = instance(1_100, 41, false, false);
    let expired = SolveParams {
        seed: 3,
        time_limit: Some(Duration::ZERO),
        ..SolveParams::default()
    };
    let outcome = solve(&data, &expired, &|_| Control::Continue);
    assert!(
        outcome.report.is_feasible(),
        "{:?}",
        outcome.report.violations
    );
    assert_eq!(outcome.report, outcome.solution.evaluate(&data));
    let searched = SolveParams {
        time_limit: None,
        max_iterations: Some(3),
        ..expired
    };
    let a = solve(&data, &searched, &|_| Control::Continue);
    let b = solve(&data, &searched, &|_| Control::Continue);
    assert_eq!(a.solution, b.solution);
    assert!(a.report.is_feasible() && a.report.cost <= outcome.report.cost);
}

#[test]
fn clients_only_a_refrigerated_vehicle_can_carry_end_up_on_one() {
    // Two load dimensions (parcels, chilled parcels); ambient vans carry no chilled parcels.
    let mut rng = Lcg(77);
    let n = 80;
    let pts: Vec<(i64, i64)> = (0..=n).map(|_| (rng.next(1000), rng.next(1000))).collect();
    let m = Matrix::from_fn(n + 1, |i, j| {
        let (dx, dy) = (pts[i].0 - pts[j].0, pts[i].1 - pts[j].1);
        ((dx * dx + dy * dy) as f64).sqrt().round() as i64
    });
    let clients: Vec<Client> = (0..n)
        .map(|i| {
            let chilled = i64::from(i % 3 == 0);
            Client::with_delivery(vec![1 + rng.next(5), chilled * (1 + rng.next(3))])
        })
        .collect();
    let data = ProblemData::builder()
        .depot(Depot::default())
        .clients(clients)
        .vehicle_type(VehicleType::with_capacity(12, vec![40, 0]))
        .vehicle_type(VehicleType::with_capacity(6, vec![40, 20]))
        .distance_matrix(m.clone())
        .duration_matrix(m)
        .build()
        .unwrap();
    for strategy in [Strategy::Genetic, Strategy::IteratedLocalSearch] {
        let params = SolveParams {
            seed: 5,
            max_iterations: Some(0),
            strategy,
            ..SolveParams::default()
        };
        let outcome = solve(&data, &params, &|_| Control::Continue);
        assert!(
            outcome.report.is_feasible(),
            "{strategy:?}: {:?}",
            outcome.report.violations
        );
    }
}

/// Many light clients, a costly vehicle and a fleet with a few vehicles to spare: under the
/// starting penalties the education of every initial solution trades capacity for vehicles, so
/// without the savings fall-back a search without iterations answered an overloaded plan (as the
/// commerce partners' replenishment of 344 Jizhou shops did). The savings construction is
/// feasible here, so even zero iterations must answer a feasible plan.
#[test]
fn a_search_without_iterations_answers_feasibly_when_a_construction_is_feasible() {
    let n = 400;
    let mut rng = Lcg(17);
    let pts: Vec<(i64, i64)> = (0..=n).map(|_| (rng.next(200), rng.next(200))).collect();
    let m = Matrix::from_fn(n + 1, |i, j| {
        let (dx, dy) = (pts[i].0 - pts[j].0, pts[i].1 - pts[j].1);
        ((dx * dx + dy * dy) as f64).sqrt().round() as i64
    });
    let data = ProblemData::builder()
        .depot(Depot::default())
        .clients((0..n).map(|_| Client::with_delivery(vec![1 + rng.next(4), 10 + rng.next(40)])))
        .vehicle_type(VehicleType {
            fixed_cost: 200_000,
            ..VehicleType::with_capacity(40, vec![120, 1200])
        })
        .distance_matrix(m.clone())
        .duration_matrix(m)
        .build()
        .unwrap();
    for seed in [1, 2] {
        let params = SolveParams {
            seed,
            max_iterations: Some(0),
            strategy: Strategy::Genetic,
            ..SolveParams::default()
        };
        let outcome = solve(&data, &params, &|_| Control::Continue);
        assert!(
            outcome.report.is_feasible(),
            "seed {seed}: {:?}",
            outcome.report.violations
        );
    }
}
