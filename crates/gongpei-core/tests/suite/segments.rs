//! Property tests: evaluating a route by joining duration and load segments of arbitrary splits
//! gives exactly what a step-by-step simulation of the route computes.

use gongpei_core::eval::{DurationSegment, LoadSegment};
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Stop {
    service: i64,
    early: i64,
    late: i64,
    delivery: i64,
    pickup: i64,
}

fn stop_strategy() -> impl Strategy<Value = Stop> {
    (0i64..5, 0i64..60, 0i64..40, 0i64..20, 0i64..20).prop_map(
        |(service, early, width, delivery, pickup)| Stop {
            service,
            early,
            late: early + width,
            delivery,
            pickup,
        },
    )
}

/// Simulates the visits in order from start time `t`: waits when early, warps back to the window
/// end when late. Returns (time warp, duration = travel + service + waiting).
fn simulate(stops: &[Stop], travel: &[i64], t: i64) -> (i64, i64) {
    let mut time = t;
    let mut warp = 0;
    for (i, s) in stops.iter().enumerate() {
        let mut arrival = time + if i == 0 { 0 } else { travel[i - 1] };
        if arrival < s.early {
            arrival = s.early;
        }
        if arrival > s.late {
            warp += arrival - s.late;
            arrival = s.late;
        }
        time = arrival + s.service;
    }
    (warp, time - t + warp)
}

/// Minimal time warp over start times, then minimal duration among the starts achieving it.
fn brute_force_schedule(stops: &[Stop], travel: &[i64]) -> (i64, i64) {
    let mut best = (i64::MAX, i64::MAX);
    for t in -50..400 {
        let r = simulate(stops, travel, t);
        if r < best {
            best = r;
        }
    }
    best
}

fn brute_force_peak(stops: &[Stop]) -> i64 {
    let mut load: i64 = stops.iter().map(|s| s.delivery).sum();
    let mut peak = load;
    for s in stops {
        load += s.pickup - s.delivery;
        peak = peak.max(load);
    }
    peak
}

fn join_duration(stops: &[Stop], travel: &[i64], from: usize, to: usize) -> DurationSegment {
    let mut seg = DurationSegment::vertex(stops[from].service, stops[from].early, stops[from].late);
    for i in from + 1..to {
        let v = DurationSegment::vertex(stops[i].service, stops[i].early, stops[i].late);
        seg = seg.join(&v, travel[i - 1]);
    }
    seg
}

fn join_load(stops: &[Stop], from: usize, to: usize) -> LoadSegment {
    stops[from..to]
        .iter()
        .fold(LoadSegment::default(), |acc, s| {
            acc.join(&LoadSegment::vertex(s.delivery, s.pickup))
        })
}

fn route_strategy() -> impl Strategy<Value = (Vec<Stop>, Vec<i64>)> {
    (1usize..9).prop_flat_map(|n| {
        (
            proptest::collection::vec(stop_strategy(), n),
            proptest::collection::vec(0i64..30, n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn two_way_split_matches_simulation((stops, travel) in route_strategy(), cut in 0usize..9) {
        let n = stops.len();
        let cut = 1 + cut % n.max(1);
        let expected = brute_force_schedule(&stops, &travel);
        let whole = if cut < n {
            let a = join_duration(&stops, &travel, 0, cut);
            let b = join_duration(&stops, &travel, cut, n);
            a.join(&b, travel[cut - 1])
        } else {
            join_duration(&stops, &travel, 0, n)
        };
        prop_assert_eq!((whole.time_warp, whole.duration), expected);
        let load = if cut < n {
            join_load(&stops, 0, cut).join(&join_load(&stops, cut, n))
        } else {
            join_load(&stops, 0, n)
        };
        prop_assert_eq!(load.max_load, brute_force_peak(&stops));
        prop_assert_eq!(load.delivery, stops.iter().map(|s| s.delivery).sum::<i64>());
        prop_assert_eq!(load.pickup, stops.iter().map(|s| s.pickup).sum::<i64>());
    }

    #[test]
    fn three_way_split_matches_simulation(
        (stops, travel) in route_strategy(),
        c1 in 0usize..9,
        c2 in 0usize..9,
        max_duration in 0i64..200,
    ) {
        let n = stops.len();
        prop_assume!(n >= 3);
        let (mut a, mut b) = (1 + c1 % (n - 1), 1 + c2 % (n - 1));
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        prop_assume!(a < b);
        let s1 = join_duration(&stops, &travel, 0, a);
        let s2 = join_duration(&stops, &travel, a, b);
        let s3 = join_duration(&stops, &travel, b, n);
        // Joining is associative: (s1 s2) s3 == s1 (s2 s3).
        let left = s1.join(&s2, travel[a - 1]).join(&s3, travel[b - 1]);
        let right = s1.join(&s2.join(&s3, travel[b - 1]), travel[a - 1]);
        let (warp, duration) = brute_force_schedule(&stops, &travel);
        prop_assert_eq!((left.time_warp, left.duration), (warp, duration));
        prop_assert_eq!((right.time_warp, right.duration), (warp, duration));
        prop_assert_eq!(
            left.time_warp_with_max(max_duration),
            warp + (duration - max_duration).max(0)
        );
        let l1 = join_load(&stops, 0, a);
        let l2 = join_load(&stops, a, b);
        let l3 = join_load(&stops, b, n);
        prop_assert_eq!(l1.join(&l2).join(&l3), l1.join(&l2.join(&l3)));
        prop_assert_eq!(l1.join(&l2).join(&l3).max_load, brute_force_peak(&stops));
    }
}
