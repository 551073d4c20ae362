//! Criterion benches of the routing engine's hot loop on a CVRP (X-n101-k25) and a VRPTW (Solomon
//! R101) instance:
//!
//! - `segments`: one `DurationSegment::join` and one `LoadSegment::join`;
//! - `move_pricing`: the segment-concatenation price of each move type (Exchange N-M relocations
//!   and swaps, 2-opt*, intra-route 2-opt) over every granular (client, neighbour) pair of the
//!   best-known solution's routes; throughput is moves per second;
//! - `setup`: the search's tables and granular neighbourhoods;
//! - `construction`: the solver's initial population (random solutions, each educated by a full
//!   local search to a local optimum);
//! - `generation`: one HGS generation (crossover plus local-search education) on a warm population.
//!
//! `make bench` runs them all; `cargo bench --bench hot_loop -- move_pricing` runs one group.

mod common;

use common::instances::{r101, x_n101, Bench};
use common::route_caches::Caches;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use gongpei::core::bench_support::{SearchSetup, SOLVER_NEIGHBOURS};
use gongpei::core::eval::{DurationSegment, LoadSegment};
use std::hint::black_box;
use std::time::Duration;

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

/// A move between client `u` and its neighbour `v`, priced on the caches; `None` when the move
/// does not apply to this pair (same route for inter-route moves, and the reverse).
type Pricing = fn(&Caches, usize, usize) -> Option<i64>;

fn inter(caches: &Caches, u: usize, v: usize) -> Option<((usize, usize), (usize, usize))> {
    let (pu, pv) = (caches.place[u], caches.place[v]);
    (pu.0 != pv.0).then_some((pu, pv))
}

const MOVES: [(&str, Pricing); 8] = [
    ("relocate_1", |c, u, v| {
        inter(c, u, v).map(|((ru, pu), (rv, pv))| c.exchange(1, 0, ru, pu, rv, pv))
    }),
    ("relocate_2", |c, u, v| {
        inter(c, u, v).map(|((ru, pu), (rv, pv))| c.exchange(2, 0, ru, pu, rv, pv))
    }),
    ("relocate_3", |c, u, v| {
        inter(c, u, v).map(|((ru, pu), (rv, pv))| c.exchange(3, 0, ru, pu, rv, pv))
    }),
    ("swap_1_1", |c, u, v| {
        inter(c, u, v).map(|((ru, pu), (rv, pv))| c.exchange(1, 1, ru, pu, rv, pv))
    }),
    ("swap_2_1", |c, u, v| {
        inter(c, u, v).map(|((ru, pu), (rv, pv))| c.exchange(2, 1, ru, pu, rv, pv))
    }),
    ("swap_2_2", |c, u, v| {
        inter(c, u, v).map(|((ru, pu), (rv, pv))| c.exchange(2, 2, ru, pu, rv, pv))
    }),
    ("two_opt_star", |c, u, v| {
        inter(c, u, v).map(|((ru, pu), (rv, pv))| c.swap_tails(ru, pu, rv, pv))
    }),
    ("two_opt", |c, u, v| {
        let ((ru, pu), (rv, pv)) = (c.place[u], c.place[v]);
        let (a, b) = (pu.min(pv), pu.max(pv));
        (ru == rv && b > a).then(|| c.two_opt(ru, a, b))
    }),
];

fn move_pricing(c: &mut Criterion) {
    let mut group = c.benchmark_group("move_pricing");
    for (name, bench) in instances() {
        let caches = Caches::new(&bench.instance.data, &bench.best_known);
        let pairs = caches.neighbour_pairs(SOLVER_NEIGHBOURS);
        for (move_name, price) in MOVES {
            let applicable: Vec<(usize, usize)> = pairs
                .iter()
                .copied()
                .filter(|&(u, v)| price(&caches, u, v).is_some_and(|d| d != i64::MAX))
                .collect();
            if applicable.is_empty() {
                continue;
            }
            group.throughput(Throughput::Elements(applicable.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(move_name, name),
                &applicable,
                |bench, applicable| {
                    bench.iter(|| {
                        let mut best = i64::MAX;
                        for &(u, v) in applicable {
                            let delta = price(&caches, black_box(u), black_box(v));
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
        group.bench_function(name, |b| {
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

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30)
}

criterion_group! {
    name = benches;
    config = config();
    targets = segments, move_pricing, setup, construction, generation
}
criterion_main!(benches);
