//! Criterion bench of the matrix hot loop: 200 sites on a 60 x 60 perturbed grid (about 14,000
//! directed edges), one and two threads. The full-size comparison with scipy is
//! `benches/network/bench_matrices.py` at the workspace root.

use criterion::{criterion_group, criterion_main, Criterion};
use gongpei_network::{RoadClass, RoadNetwork, Site, SiteTier, VehicleProfile};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

fn grid(side: usize, seed: u64) -> RoadNetwork {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let sites = (0..side * side)
        .map(|i| {
            let (r, c) = ((i / side) as f64, (i % side) as f64);
            Site::new(
                &i.to_string(),
                "n",
                SiteTier::Junction,
                117.0 + c * 0.006,
                39.7 + r * 0.0045,
            )
        })
        .collect();
    let mut net = RoadNetwork::new(sites).unwrap();
    for r in 0..side {
        for c in 0..side {
            let v = r * side + c;
            let mut link = |w: usize, rng: &mut ChaCha8Rng| {
                let class = RoadClass::ALL[rng.random_range(0..5)];
                net.add_road(
                    v,
                    w,
                    rng.random_range(250.0..900.0),
                    class,
                    rng.random::<f64>() < 0.15,
                )
                .unwrap();
            };
            if c + 1 < side {
                link(v + 1, &mut rng);
            }
            if r + 1 < side {
                link(v + side, &mut rng);
            }
        }
    }
    net
}

fn bench(c: &mut Criterion) {
    let side = 60;
    let net = grid(side, 7);
    // One-way links may cut a corner node off; use only the strongly connected bulk.
    let candidates: Vec<usize> = (0..side * side).step_by(17).collect();
    let router = net.router(VehicleProfile::Van);
    let sites: Vec<usize> = match router.matrices(&candidates) {
        Ok(_) => candidates,
        Err(gongpei_network::NetworkError::Unreachable { sites, .. }) => {
            let bad: Vec<usize> = sites.iter().map(|s| s.index).collect();
            candidates
                .into_iter()
                .filter(|s| !bad.contains(s))
                .collect()
        }
        Err(e) => panic!("{e}"),
    };
    let mut group = c.benchmark_group("matrices_200_sites_60x60_grid");
    group.sample_size(10);
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        group.bench_function(format!("{threads}_threads"), |b| {
            b.iter(|| pool.install(|| router.matrices(&sites).unwrap()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
