//! Criterion benches of the routing engine's hot loop on a CVRP (X-n101-k25) and a VRPTW (Solomon
//! R101) instance, all driving the engine's own code through `gongpei_core::bench_support`:
//!
//! - `segments`: one `DurationSegment::join` and one `LoadSegment::join`;
//! - `move_pricing`: each move type (Exchange N-M relocations and swaps, 2-opt*, intra-route 2-opt)
//!   priced by the local search's pricer on its route caches, over every granular (client,
//!   neighbour) pair of the best-known solution where the move applies; throughput is moves/s;
//! - `route_caches`: rebuilding every route's cumulative distance and prefix/suffix segments;
//! - `local_search`: one education of a savings solution to a local optimum;
//! - `setup`: the search's tables and granular neighbourhoods;
//! - `construction`: Clarke-Wright savings, cheapest insertion, and the HGS initial population;
//! - `generation`: one HGS generation (crossover plus local-search education) on a warm population;
//! - `matrix_build`: a 2,001-location Euclidean matrix built entry by entry or once per pair.
//!
//! `make bench` runs them all; `cargo bench --bench hot_loop -- move_pricing` runs one group.

mod common;

use common::instances::{r101, x_n101, Bench};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gongpei::core::bench_support::{SearchSetup, MOVES, SOLVER_NEIGHBOURS};
use gongpei::core::eval::{DurationSegment, LoadSegment};
use gongpei::core::Matrix;
use std::hint::black_box;
use std::time::Duration;

/// Penalty per unit of excess load, time warp and excess distance while pricing and educating
/// (any positive value does for timing; the best-known solutions are feasible).
const PENALTY: i64 = 100;

fn instances() -> Vec<(&'static str, Bench)> {
    vec![("cvrp_x_n101", x_n101()), ("vrptw_r101", r101())]
}

fn segments(c: &mut Criterion) {
    let mut group = c.benchmark_group("segments");
    let a = DurationSegment::vertex(90, 160, 1000);
    let b = DurationSegment::vertex(90, 400, 1200);
    group.bench_function("duration_join", |bench| {
        bench.iter(|| black_box(&a).join(black_box(&b), black_box(35)))
    });
    let la = LoadSegment::vertex(12, 3);
    let lb = LoadSegment::vertex(7, 9);
    group.bench_function("load_join", |bench| {
        bench.iter(|| black_box(&la).join(black_box(&lb)))
    });
    group.finish();
}

fn move_pricing(c: &mut Criterion) {
    let mut group = c.benchmark_group("move_pricing");
    for (name, bench) in instances() {
        let setup = SearchSetup::new(&bench.instance.data, SOLVER_NEIGHBOURS);
        let mut caches = setup.route_caches(&bench.best_known, PENALTY);
        let pairs = setup.neighbour_pairs();
        for (move_name, mv) in MOVES {
            let applicable: Vec<(usize, usize)> = pairs
                .iter()
                .copied()
                .filter(|&(u, v)| caches.price(mv, u, v).is_some())
                .collect();
            if applicable.is_empty() {
                continue;
            }
            group.throughput(Throughput::Elements(applicable.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(move_name, name),
                &applicable,
                |b, applicable| {
                    b.iter(|| {
                        let mut best = i64::MAX;
                        for &(u, v) in applicable {
                            let delta = caches.price(mv, black_box(u), black_box(v));
                            best = best.min(delta.unwrap_or(i64::MAX));
                        }
                        best
                    })
                },
            );
        }
    }
    group.finish();
}

/// Rebuilding every route's caches of the best-known solution: the prefix and suffix segment
/// concatenations the local search redoes for each route a move changes.
fn route_caches(c: &mut Criterion) {
    let mut group = c.benchmark_group("route_caches");
    for (name, bench) in instances() {
        let setup = SearchSetup::new(&bench.instance.data, SOLVER_NEIGHBOURS);
        let mut caches = setup.route_caches(&bench.best_known, PENALTY);
        let clients = bench.instance.data.num_clients() as u64;
        group.throughput(Throughput::Elements(clients));
        group.bench_function(BenchmarkId::new("rebuild_all", name), |b| {
            b.iter(|| {
                caches.rebuild();
                caches.penalised_cost()
            })
        });
    }
    group.finish();
}

/// One education: a noisy savings solution improved by the local search to a local optimum (all
/// move types, SWAP* included), with the search's structures reused as in the solver.
fn local_search(c: &mut Criterion) {
    let mut group = c.benchmark_group("local_search");
    group.sample_size(20);
    for (name, bench) in instances() {
        let setup = SearchSetup::new(&bench.instance.data, SOLVER_NEIGHBOURS);
        let start = setup.savings(0.5, 1);
        let mut ls = setup.local_search(PENALTY);
        group.bench_function(BenchmarkId::new("educate_savings", name), |b| {
            b.iter(|| ls.educate(black_box(&start), 1))
        });
    }
    group.finish();
}

fn setup(c: &mut Criterion) {
    let mut group = c.benchmark_group("setup");
    for (name, bench) in instances() {
        let data = &bench.instance.data;
        group.bench_function(name, |b| {
            b.iter(|| SearchSetup::new(black_box(data), SOLVER_NEIGHBOURS).neighbour_count())
        });
    }
    group.finish();
}

fn construction(c: &mut Criterion) {
    let mut group = c.benchmark_group("construction");
    group.sample_size(10);
    for (name, bench) in instances() {
        let setup = SearchSetup::new(&bench.instance.data, SOLVER_NEIGHBOURS);
        group.bench_function(BenchmarkId::new("savings", name), |b| {
            b.iter(|| setup.savings(black_box(0.0), 1))
        });
        group.bench_function(BenchmarkId::new("greedy_insertion", name), |b| {
            b.iter(|| setup.greedy_insertion())
        });
        group.bench_function(BenchmarkId::new("initial_population", name), |b| {
            b.iter(|| {
                let mut search = setup.genetic_search(black_box(1));
                search.initialise();
                search.best()
            })
        });
    }
    group.finish();
}

fn generation(c: &mut Criterion) {
    let mut group = c.benchmark_group("generation");
    for (name, bench) in instances() {
        let setup = SearchSetup::new(&bench.instance.data, SOLVER_NEIGHBOURS);
        let mut search = setup.genetic_search(1);
        search.initialise();
        group.bench_function(name, |b| {
            b.iter(|| {
                search.iterate();
                search.iterations()
            })
        });
    }
    group.finish();
}

/// Building a 2,001-location rounded-Euclidean matrix (the VRPLIB EUC_2D reader's work) entry by
/// entry, and once per unordered pair mirrored (`Matrix::from_symmetric_fn`, what the reader uses).
fn matrix_build(c: &mut Criterion) {
    let mut group = c.benchmark_group("matrix_build");
    group.sample_size(10);
    let n = 2001;
    let mut state = 1u64;
    let mut coordinate = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % 1001) as f64
    };
    let points: Vec<(f64, f64)> = (0..n).map(|_| (coordinate(), coordinate())).collect();
    let distance = |a: usize, b: usize| {
        let (p, q) = (points[a], points[b]);
        ((p.0 - q.0).hypot(p.1 - q.1) + 0.5).floor() as i64
    };
    group.throughput(Throughput::Elements((n * n) as u64));
    group.bench_function("from_fn_2001", |b| {
        b.iter(|| Matrix::from_fn(black_box(n), distance))
    });
    group.bench_function("from_symmetric_fn_2001", |b| {
        b.iter(|| Matrix::from_symmetric_fn(black_box(n), distance))
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30)
}

criterion_group! {
    name = benches;
    config = config();
    targets = segments, move_pricing, route_caches, local_search, setup, construction, generation, matrix_build
}
criterion_main!(benches);
