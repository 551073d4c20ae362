//! Travel matrices against brute force, reachability errors, one-way roads and the fallback.
#![allow(clippy::needless_range_loop)]

use gongpei_network::{
    NetworkError, RoadClass, RoadNetwork, Site, SiteTier, SpeedTable, VehicleProfile,
};
use proptest::prelude::*;

fn sites(n: usize) -> Vec<Site> {
    (0..n)
        .map(|i| {
            let (lon, lat) = (117.3 + 0.01 * (i % 7) as f64, 39.9 + 0.01 * (i / 7) as f64);
            Site::new(
                &format!("s{i}"),
                &format!("site {i}"),
                SiteTier::VillageStation,
                lon,
                lat,
            )
        })
        .collect()
}

/// (from, to, metres, class index, one_way)
type EdgeSpec = (usize, usize, u32, usize, bool);

/// (time ms, length cm) of one arc: time rounded to ms and at least 1 ms, as documented.
fn arc_weight(e: &EdgeSpec, profile: VehicleProfile) -> (u64, u64) {
    let kmh = SpeedTable::default().kmh(profile, RoadClass::ALL[e.3]);
    let w = ((f64::from(e.2) * 3600.0 / kmh).round() as u64).max(1);
    (w, u64::from(e.2) * 100)
}

/// Floyd-Warshall on lexicographic (time ms, length cm) pairs: an independent reference.
fn floyd_warshall(
    n: usize,
    edges: &[EdgeSpec],
    profile: VehicleProfile,
) -> Vec<Vec<Option<(u64, u64)>>> {
    let mut d = vec![vec![None; n]; n];
    for (i, row) in d.iter_mut().enumerate() {
        row[i] = Some((0, 0));
    }
    for &(a, b, m, c, one_way) in edges {
        let (w, cm) = arc_weight(&(a, b, m, c, one_way), profile);
        let mut relax = |x: usize, y: usize| {
            if x != y && d[x][y].is_none_or(|cur| (w, cm) < cur) {
                d[x][y] = Some((w, cm));
            }
        };
        relax(a, b);
        if !one_way {
            relax(b, a);
        }
    }
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                if let (Some(a), Some(b)) = (d[i][k], d[k][j]) {
                    let via = (a.0 + b.0, a.1 + b.1);
                    if d[i][j].is_none_or(|cur| via < cur) {
                        d[i][j] = Some(via);
                    }
                }
            }
        }
    }
    d
}

fn build(n: usize, edges: &[EdgeSpec]) -> RoadNetwork {
    let mut net = RoadNetwork::new(sites(n)).unwrap();
    for &(a, b, m, c, one_way) in edges {
        net.add_road(a, b, f64::from(m), RoadClass::ALL[c], one_way)
            .unwrap();
    }
    net
}

fn edges_strategy() -> impl Strategy<Value = (usize, Vec<EdgeSpec>)> {
    (2usize..12).prop_flat_map(|n| {
        let edge = (0..n, 0..n, 1u32..5000, 0usize..5, any::<bool>());
        (Just(n), prop::collection::vec(edge, 0..40))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn matrices_equal_floyd_warshall((n, raw) in edges_strategy(), profile in 0usize..4) {
        let edges: Vec<EdgeSpec> = raw.into_iter().filter(|e| e.0 != e.1).collect();
        // A two-way ring through all sites keeps every pair reachable; random edges add shortcuts.
        let mut all: Vec<EdgeSpec> = (0..n).map(|i| (i, (i + 1) % n, 20_000, 4, false)).collect();
        all.extend(edges);
        let profile = VehicleProfile::ALL[profile];
        let net = build(n, &all);
        let targets: Vec<usize> = (0..n).collect();
        let m = net.router(profile).matrices(&targets).unwrap();
        let reference = floyd_warshall(n, &all, profile);
        for i in 0..n {
            for j in 0..n {
                let (ms, cm) = reference[i][j].unwrap();
                prop_assert_eq!(m.duration.get(i, j), ((ms + 500) / 1000) as i64);
                prop_assert_eq!(m.distance.get(i, j), ((cm + 50) / 100) as i64);
            }
        }
    }

    #[test]
    fn paths_have_the_matrix_length((n, raw) in edges_strategy()) {
        let edges: Vec<EdgeSpec> = raw.into_iter().filter(|e| e.0 != e.1).collect();
        let mut all: Vec<EdgeSpec> = (0..n).map(|i| (i, (i + 1) % n, 20_000, 4, true)).collect();
        all.extend(edges);
        let net = build(n, &all);
        let router = net.router(VehicleProfile::Van);
        let targets: Vec<usize> = (0..n).collect();
        let m = router.matrices(&targets).unwrap();
        for i in 0..n {
            for j in 0..n {
                let p = router.path(i, j).unwrap();
                prop_assert_eq!(p.sites.first(), Some(&i));
                prop_assert_eq!(p.sites.last(), Some(&j));
                prop_assert_eq!(p.distance_m, m.distance.get(i, j));
                // Re-adding the best arc of each leg gives the matrix entries back exactly.
                let (mut ms, mut cm) = (0u64, 0u64);
                for leg in p.sites.windows(2) {
                    let best = all.iter()
                        .filter(|e| (e.0 == leg[0] && e.1 == leg[1]) || (!e.4 && e.1 == leg[0] && e.0 == leg[1]))
                        .map(|e| arc_weight(e, VehicleProfile::Van))
                        .min();
                    prop_assert!(best.is_some(), "path uses a non-existent road {:?}", leg);
                    let (w, c) = best.unwrap();
                    ms += w;
                    cm += c;
                }
                prop_assert_eq!(((cm + 50) / 100) as i64, m.distance.get(i, j));
                prop_assert_eq!(((ms + 500) / 1000) as i64, m.duration.get(i, j));
            }
        }
    }

    #[test]
    fn matrices_do_not_depend_on_thread_count((n, raw) in edges_strategy()) {
        let mut all: Vec<EdgeSpec> = (0..n).map(|i| (i, (i + 1) % n, 7_000, 2, false)).collect();
        all.extend(raw.into_iter().filter(|e| e.0 != e.1));
        let net = build(n, &all);
        let targets: Vec<usize> = (0..n).rev().collect();
        let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap()
            .install(|| net.router(VehicleProfile::Truck).matrices(&targets).unwrap());
        let two = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap()
            .install(|| net.router(VehicleProfile::Truck).matrices(&targets).unwrap());
        prop_assert_eq!(one, two);
    }
}

#[test]
fn unreachable_sites_are_all_listed() {
    // 0-1-2-3 two-way; 4 only reachable from 3 (one way in); 5 isolated; 6 is a junction that
    // is not a target and may be isolated.
    let mut net = RoadNetwork::new(sites(7)).unwrap();
    for (a, b) in [(0, 1), (1, 2), (2, 3)] {
        net.add_road(a, b, 1000.0, RoadClass::County, false)
            .unwrap();
    }
    net.add_road(3, 4, 1000.0, RoadClass::County, true).unwrap();
    let err = net
        .router(VehicleProfile::Van)
        .matrices(&[0, 1, 2, 3, 4, 5])
        .unwrap_err();
    match &err {
        NetworkError::Unreachable {
            sites,
            main_component,
        } => {
            let ids: Vec<&str> = sites.iter().map(|s| s.id.as_str()).collect();
            assert_eq!(ids, ["s4", "s5"]);
            assert_eq!(*main_component, 4);
        }
        other => panic!("unexpected error {other}"),
    }
    assert!(err.to_string().contains("s4 (site 4, #4)"));
    // Without the unreachable sites the matrices exist.
    assert!(net
        .router(VehicleProfile::Van)
        .matrices(&[0, 1, 2, 3])
        .is_ok());
}

#[test]
fn one_way_roads_make_asymmetric_matrices() {
    let mut net = RoadNetwork::new(sites(3)).unwrap();
    net.add_road(0, 1, 1000.0, RoadClass::County, true).unwrap();
    net.add_road(1, 2, 1000.0, RoadClass::County, true).unwrap();
    net.add_road(2, 0, 5000.0, RoadClass::County, true).unwrap();
    let m = net
        .router(VehicleProfile::Van)
        .matrices(&[0, 1, 2])
        .unwrap();
    assert_eq!(m.distance.get(0, 2), 2000);
    assert_eq!(m.distance.get(2, 0), 5000);
    assert_eq!(m.distance.get(1, 0), 6000);
    assert_eq!(m.duration.get(0, 1), 80); // 1 km at 45 km/h
}

#[test]
fn no_roads_falls_back_to_haversine_with_detour() {
    let two = vec![
        Site::new("a", "A", SiteTier::DistrictHub, 117.0, 40.0),
        Site::new("b", "B", SiteTier::VillageStation, 117.0, 40.1),
    ];
    let mut net = RoadNetwork::new(two).unwrap();
    net.set_fallback(1.5, RoadClass::County).unwrap();
    let m = net.router(VehicleProfile::Van).matrices(&[0, 1]).unwrap();
    let straight = net.haversine_m(0, 1);
    assert!((11_100.0..11_150.0).contains(&straight));
    assert_eq!(m.distance.get(0, 1), (straight * 1.5).round() as i64);
    assert_eq!(
        m.duration.get(1, 0),
        (straight * 1.5 * 3.6 / 45.0).round() as i64
    );
    assert!(net.set_fallback(0.9, RoadClass::County).is_err());
}

#[test]
fn bad_input_is_rejected_with_the_culprit_named() {
    let mut net = RoadNetwork::new(sites(2)).unwrap();
    assert!(matches!(
        net.add_road(0, 9, 10.0, RoadClass::County, false),
        Err(NetworkError::UnknownSite { site: 9, .. })
    ));
    assert!(matches!(
        net.add_road(0, 1, -1.0, RoadClass::County, false),
        Err(NetworkError::BadLength { .. })
    ));
    let mut orphan = sites(2);
    orphan[1].township = Some(0); // site 0 is a village station, not a township centre
    let err = RoadNetwork::new(orphan).unwrap_err();
    assert!(err.to_string().contains("site 1 (s1): township 0"), "{err}");
    let bad = vec![Site::new("x", "X", SiteTier::Junction, f64::NAN, 40.0)];
    let err = RoadNetwork::new(bad).unwrap_err();
    assert!(err.to_string().contains("site 0 (x)"));
    assert!(net.router(VehicleProfile::Van).matrices(&[0, 5]).is_err());
}

#[test]
fn paths_report_unreachable_targets_and_fallback_paths_are_straight() {
    let mut net = RoadNetwork::new(sites(3)).unwrap();
    net.add_road(0, 1, 1000.0, RoadClass::County, true).unwrap();
    let router = net.router(VehicleProfile::Van);
    assert_eq!(router.path(0, 1).unwrap().sites, [0, 1]);
    assert!(matches!(
        router.path(1, 0),
        Err(NetworkError::Unreachable { .. })
    ));
    assert!(matches!(
        router.path(0, 2),
        Err(NetworkError::Unreachable { .. })
    ));
    let plain = RoadNetwork::new(sites(3)).unwrap();
    let p = plain.router(VehicleProfile::Bus).path(0, 2).unwrap();
    assert_eq!(p.sites, [0, 2]);
    assert!(p.distance_m > 0 && p.duration_s > 0);
}

#[test]
fn out_of_range_travel_times_are_errors_not_wrong_values() {
    // 9,000 km at 0.01 km/h does not fit a 32-bit millisecond count.
    let mut net = RoadNetwork::new(sites(2)).unwrap();
    net.add_road(0, 1, 9.0e6, RoadClass::Mountain, false)
        .unwrap();
    let mut slow = SpeedTable::default();
    slow.van[4] = 0.01;
    net.set_speeds(slow).unwrap();
    let err = net
        .router(VehicleProfile::Van)
        .matrices(&[0, 1])
        .unwrap_err();
    assert!(
        err.to_string().contains("site 0 (s0) to site 1 (s1)"),
        "{err}"
    );
    // Each arc fits (600 h at 15 km/h) but the 1,800 h path does not: labels are dropped.
    let mut chain = RoadNetwork::new(sites(4)).unwrap();
    for i in 0..3 {
        chain
            .add_road(i, i + 1, 9.0e6, RoadClass::Mountain, false)
            .unwrap();
    }
    let mut slowish = SpeedTable::default();
    slowish.van[4] = 15.0;
    chain.set_speeds(slowish).unwrap();
    let err = chain
        .router(VehicleProfile::Van)
        .matrices(&[0, 3])
        .unwrap_err();
    assert!(err.to_string().contains("exceed 2^32 ms"), "{err}");
}

#[test]
fn route_geometry_follows_the_roads() {
    let mut net = RoadNetwork::new(sites(4)).unwrap();
    net.add_road(0, 1, 1000.0, RoadClass::County, false)
        .unwrap();
    net.add_road(1, 2, 1000.0, RoadClass::County, false)
        .unwrap();
    net.add_road(2, 3, 1000.0, RoadClass::County, false)
        .unwrap();
    let line = net
        .router(VehicleProfile::Van)
        .route_geometry(&[0, 3, 1])
        .unwrap();
    let expected: Vec<_> = [0, 1, 2, 3, 2, 1]
        .iter()
        .map(|&i| net.sites()[i].point)
        .collect();
    assert_eq!(line, expected);
    let fc = gongpei_network::geojson::line_feature(&line, Default::default());
    assert_eq!(fc["geometry"]["coordinates"].as_array().unwrap().len(), 6);
}
