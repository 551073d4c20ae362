//! The Andorra extract (`data/osm/`, ODbL, (c) OpenStreetMap contributors): import counts,
//! one-way roads, the strongly connected filter, snapping, and matrices between its 68 named
//! places against an independent Dijkstra written here.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use geo::{Distance, Haversine, Point};
use gongpei_network::{RoadNetwork, Site, SiteTier, VehicleProfile};
use gongpei_osm::{OsmError, RoadGraph, SnapOptions};
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/osm")
        .join(name)
}

fn roads() -> &'static RoadGraph {
    static ROADS: OnceLock<RoadGraph> = OnceLock::new();
    ROADS.get_or_init(|| {
        RoadGraph::from_pbf(&data("andorra-20230502.osm.pbf")).expect("the extract imports")
    })
}

/// The named places of the extract (`andorra_places.csv`: id,"name",lon,lat,place).
fn places() -> Vec<Site> {
    let text = std::fs::read_to_string(data("andorra_places.csv")).expect("places CSV");
    text.lines()
        .skip(1)
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let n = f.len();
            let (lon, lat) = (f[n - 3].parse().unwrap(), f[n - 2].parse().unwrap());
            let name = f[1..n - 3].join(",").trim_matches('"').to_string();
            Site::new(f[0], &name, SiteTier::VillageStation, lon, lat)
        })
        .collect()
}

#[test]
fn import_has_plausible_counts() {
    let r = roads().report();
    assert_eq!(
        r.ways.ways_read, 18_909,
        "the data README counts 18,909 ways"
    );
    assert!(r.ways.highway_ways > 6_000, "{r}");
    // About 3,700 ways of vehicle classes (README counts), minus private and rough ones.
    assert!((3_000..4_000).contains(&r.ways.ways_kept), "{r}");
    assert!(r.ways.dropped.values().sum::<usize>() + r.ways.ways_kept == r.ways.highway_ways);
    assert!(r.ways.maxspeed_parsed > 100, "{r}");
    assert!((3_000..8_000).contains(&r.nodes), "{r}");
    assert!(r.pieces >= r.nodes, "{r}");
    assert!(
        r.directed_edges > r.pieces && r.directed_edges < 2 * r.pieces,
        "{r}"
    );
    assert!((400.0..1_500.0).contains(&r.road_km), "{r}");
    assert_eq!(r.nodes + r.scc.nodes_dropped, r.nodes_before_scc);
    assert_eq!(r.pieces + r.scc.pieces_dropped, r.pieces_before_scc);
    // Every graph node is a way end or shared: far fewer nodes than the ways' points.
    let points: usize = roads().pieces().iter().map(|p| p.geometry.len() - 1).sum();
    assert!(points > 3 * r.nodes, "{points} points, {} nodes", r.nodes);
    let text = r.to_string();
    assert!(
        text.contains("dropped") && text.contains("maxspeed"),
        "{text}"
    );
}

#[test]
fn one_way_pieces_have_no_reverse_edge() {
    let g = roads();
    let one_way: Vec<_> = g.pieces().iter().filter(|p| p.one_way).collect();
    assert!(one_way.len() > 100, "{} one-way pieces", one_way.len());
    let snapped = g
        .snap_sites(places(), &SnapOptions::default())
        .expect("places snap");
    let k = snapped.num_sites;
    let net = &snapped.network;
    let has_edge = |a: usize, b: usize| net.roads_from(a).any(|(t, _)| t == b);
    let pairs: HashSet<(u32, u32)> = g.pieces().iter().map(|p| (p.a, p.b)).collect();
    let two_way: HashSet<(u32, u32)> = g
        .pieces()
        .iter()
        .filter(|p| !p.one_way)
        .flat_map(|p| [(p.a, p.b), (p.b, p.a)])
        .collect();
    let mut checked = 0;
    for p in one_way {
        let (a, b) = (k + p.a as usize, k + p.b as usize);
        if !has_edge(a, b) {
            continue; // split by a snapped site: its halves are checked through the split node
        }
        checked += 1;
        // The reverse exists only if another piece drives that way.
        let reverse_by_other = pairs.contains(&(p.b, p.a)) || two_way.contains(&(p.b, p.a));
        assert_eq!(
            has_edge(b, a),
            reverse_by_other,
            "one-way piece of way {} from {a} to {b}",
            p.way_id
        );
    }
    assert!(checked > 100);
}

#[test]
fn only_the_largest_strongly_connected_part_is_kept() {
    let g = roads();
    let r = g.report();
    assert!(r.scc.components > 1 && r.scc.nodes_dropped > 0, "{r}");
    let mut graph: DiGraph<(), ()> = DiGraph::new();
    for _ in g.nodes() {
        graph.add_node(());
    }
    for p in g.pieces() {
        let (a, b) = (NodeIndex::new(p.a as usize), NodeIndex::new(p.b as usize));
        graph.add_edge(a, b, ());
        if !p.one_way {
            graph.add_edge(b, a, ());
        }
    }
    assert_eq!(
        kosaraju_scc(&graph).len(),
        1,
        "the kept graph is one component"
    );
    // The dropped parts were all smaller than the kept one.
    assert!(r.scc.nodes_dropped < r.nodes);
}

#[test]
fn snaps_report_connector_lengths_and_join_sites_to_roads() {
    let sites = places();
    let snapped = roads()
        .snap_sites(sites.clone(), &SnapOptions::default())
        .unwrap();
    assert_eq!(snapped.snaps.len(), sites.len());
    for (s, snap) in snapped.snaps.iter().enumerate() {
        assert_eq!(snap.id, sites[s].id);
        let expected = Haversine.distance(sites[s].point, Point::from(snap.road_point));
        assert!((snap.connector_m - expected).abs() < 1e-6);
        assert!(snap.connector_m <= 2_000.0);
        // The site's only roads are its connector(s), of the reported length.
        let out: Vec<_> = snapped.network.roads_from(s).collect();
        assert_eq!(out.len(), 1, "site {}", snap.id);
        assert!((out[0].1.length_m - snap.connector_m.max(0.01)).abs() < 1e-9);
    }
    let median = {
        let mut d: Vec<f64> = snapped.snaps.iter().map(|s| s.connector_m).collect();
        d.sort_by(f64::total_cmp);
        d[d.len() / 2]
    };
    assert!(
        median < 100.0,
        "villages lie on their roads: median {median} m"
    );
}

#[test]
fn a_site_beyond_the_limit_is_an_error_naming_it() {
    let mut sites = places();
    sites.push(Site::new(
        "far-away",
        "Toulouse",
        SiteTier::VillageStation,
        1.444,
        43.604,
    ));
    let err = roads()
        .snap_sites(sites, &SnapOptions::default())
        .unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, OsmError::TooFar { ref sites, .. } if sites.len() == 1),
        "{text}"
    );
    assert!(
        text.contains("far-away") && text.contains("Toulouse"),
        "{text}"
    );
    // A tighter limit names every site beyond it.
    let err = roads()
        .snap_sites(places(), &SnapOptions { max_snap_m: 500.0 })
        .unwrap_err();
    let OsmError::TooFar { sites, .. } = &err else {
        panic!("{err}")
    };
    assert!(!sites.is_empty() && sites.iter().all(|s| s.distance_m > 500.0));
    let bad = Site::new("nan", "Nowhere", SiteTier::VillageStation, f64::NAN, 42.5);
    let err = roads()
        .snap_sites(vec![bad], &SnapOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("nan"), "{err}");
}

/// Plain Dijkstra with a binary heap over the exported edges, minimising (time ms, length cm).
fn reference_row(adj: &[Vec<(usize, u64, u64)>], source: usize) -> Vec<Option<(u64, u64)>> {
    let mut best: Vec<Option<(u64, u64)>> = vec![None; adj.len()];
    let mut heap = BinaryHeap::new();
    best[source] = Some((0, 0));
    heap.push(Reverse((0u64, 0u64, source)));
    while let Some(Reverse((t, l, v))) = heap.pop() {
        if best[v] != Some((t, l)) {
            continue;
        }
        for &(w, dt, dl) in &adj[v] {
            let cand = (t + dt, l + dl);
            if best[w].is_none_or(|b| cand < b) {
                best[w] = Some(cand);
                heap.push(Reverse((cand.0, cand.1, w)));
            }
        }
    }
    best
}

fn exported_adjacency(net: &RoadNetwork, profile: VehicleProfile) -> Vec<Vec<(usize, u64, u64)>> {
    let speeds = net.speeds();
    (0..net.sites().len())
        .map(|v| {
            net.roads_from(v)
                .map(|(w, road)| {
                    let mut kmh = speeds.kmh(profile, road.class);
                    if let Some(limit) = road.max_kmh {
                        kmh = kmh.min(limit);
                    }
                    let ms = ((road.length_m * 3600.0 / kmh).round() as u64).max(1);
                    (w, ms, (road.length_m * 100.0).round() as u64)
                })
                .collect()
        })
        .collect()
}

#[test]
fn matrices_between_68_places_equal_a_reference_dijkstra() {
    let sites = places();
    assert!(sites.len() >= 50);
    let snapped = roads().snap_sites(sites, &SnapOptions::default()).unwrap();
    let k = snapped.num_sites;
    let all: Vec<usize> = (0..k).collect();
    for profile in [VehicleProfile::Van, VehicleProfile::Truck] {
        let m = snapped.network.router(profile).matrices(&all).unwrap();
        let adj = exported_adjacency(&snapped.network, profile);
        for i in 0..k {
            let row = reference_row(&adj, i);
            for (j, label) in row.iter().take(k).enumerate() {
                let (ms, cm) = label.expect("all places are mutually reachable");
                assert_eq!(m.duration.get(i, j), ((ms + 500) / 1000) as i64, "{i}->{j}");
                assert_eq!(m.distance.get(i, j), ((cm + 50) / 100) as i64, "{i}->{j}");
            }
        }
        // Roads are real: the fastest van trip across the country takes tens of minutes.
        assert!(m.duration.get(0, 1) > 300, "{profile:?}");
    }
}

#[test]
fn drawn_paths_follow_the_roads_with_the_matrix_length() {
    let snapped = roads()
        .snap_sites(places(), &SnapOptions::default())
        .unwrap();
    let router = snapped.network.router(VehicleProfile::Van);
    for (from, to) in [(0, 1), (1, 0), (2, 40), (10, 60)] {
        let path = router.path(from, to).unwrap();
        let line = snapped.path_polyline(&path);
        assert!(line.len() > path.sites.len(), "the road shape adds points");
        assert_eq!(line[0], snapped.network.sites()[from].point);
        assert_eq!(*line.last().unwrap(), snapped.network.sites()[to].point);
        let drawn: f64 = line
            .windows(2)
            .map(|w| Haversine.distance(w[0], w[1]))
            .sum();
        let routed = path.distance_m as f64;
        assert!(
            (drawn - routed).abs() <= 1.0 + 1e-3 * routed,
            "{from}->{to}: drawn {drawn} m, routed {routed} m"
        );
    }
}

#[test]
fn imports_are_deterministic() {
    let again = RoadGraph::from_pbf(&data("andorra-20230502.osm.pbf")).unwrap();
    assert_eq!(again.report(), roads().report());
    assert_eq!(again.pieces(), roads().pieces());
}

#[test]
fn a_missing_or_broken_file_is_an_error_naming_it() {
    let err = RoadGraph::from_pbf(&data("no-such-file.osm.pbf")).unwrap_err();
    assert!(err.to_string().contains("no-such-file.osm.pbf"), "{err}");
    let broken = std::env::temp_dir().join("gongpei-osm-broken.osm.pbf");
    std::fs::write(&broken, b"\x00\x00\x00\x0dthis is not a pbf file at all").unwrap();
    let err = RoadGraph::from_pbf(&broken).unwrap_err();
    assert!(err.to_string().contains("gongpei-osm-broken"), "{err}");
}

#[test]
fn every_node_of_the_kept_ways_is_found() {
    // The node pass decodes the blocks itself (node_coords.rs); on a sound extract it must
    // find every node osmpbf's way pass refers to.
    assert_eq!(roads().report().compact.missing_node_refs, 0);
}

/// Found by the osm_pbf fuzz target: a dense-node block whose granularity times a stored
/// offset overflows `i64` panicked inside osmpbf's coordinate accessor in builds with overflow
/// checks. The node is now dropped in every build and its way sees a missing reference.
#[test]
fn a_block_whose_scaling_overflows_is_read_without_a_panic() {
    let bytes = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../fuzz/corpus/osm_pbf/regression-dense-scale-overflow"),
    )
    .expect("the committed fuzz regression input");
    match RoadGraph::from_pbf_bytes("damaged.osm.pbf", &bytes) {
        Ok(roads) => assert!(roads.report().compact.missing_node_refs > 0),
        Err(err) => assert!(err.to_string().starts_with("damaged.osm.pbf: "), "{err}"),
    }
}
