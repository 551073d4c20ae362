//! Acceptance properties of the generated presets: all official units present under their
//! codes and names, villages inside the boundary and near their own seat, determinism,
//! JSON round trip, routable road network.

use std::collections::HashMap;

use geo::Point;
use gongpei_scenario::generate::{generate, generate_from, Preset, Projection, SourceData};
use gongpei_scenario::model::{SiteTier, VehicleProfile};
use gongpei_scenario::{from_json_str, network::build_network, to_json_string, Scenario};

fn jizhou() -> &'static Scenario {
    static CELL: std::sync::OnceLock<Scenario> = std::sync::OnceLock::new();
    CELL.get_or_init(|| generate(Preset::Jizhou, 2024).expect("jizhou preset generates"))
}

#[test]
fn all_official_units_are_present_with_codes_and_names() {
    let data = SourceData::bundled().unwrap();
    assert_eq!(data.townships.len(), 28);
    assert_eq!(data.villages.len(), 983);
    let s = jizhou();
    let by_id: HashMap<&str, _> = s.sites.iter().map(|x| (x.id.as_str(), x)).collect();
    for t in &data.townships {
        let site = by_id[t.code.as_str()];
        assert_eq!(site.tier, SiteTier::TownshipCentre);
        assert_eq!(site.name, t.name);
        assert_eq!(site.code.as_deref(), Some(t.code.as_str()));
    }
    for v in &data.villages {
        let site = by_id[v.code.as_str()];
        assert_eq!(site.tier, SiteTier::VillageStation);
        assert_eq!(site.name, v.name);
        assert_eq!(site.township.as_deref(), Some(v.township_code.as_str()));
    }
    assert_eq!(
        s.sites
            .iter()
            .filter(|x| x.tier == SiteTier::TownshipCentre)
            .count(),
        28
    );
    assert_eq!(
        s.sites
            .iter()
            .filter(|x| x.tier == SiteTier::VillageStation)
            .count(),
        983
    );
}

#[test]
fn villages_lie_inside_the_boundary_and_near_their_own_seat() {
    let data = SourceData::bundled().unwrap();
    let s = jizhou();
    let seats: Vec<Point<f64>> = data
        .townships
        .iter()
        .map(|t| {
            let site = s.sites.iter().find(|x| x.id == t.code).unwrap();
            Point::new(site.lon, site.lat)
        })
        .collect();
    let mut worst = 0;
    for site in s
        .sites
        .iter()
        .filter(|x| x.tier == SiteTier::VillageStation)
    {
        let p = Point::new(site.lon, site.lat);
        assert!(
            data.inside(p),
            "{} {} lies outside the district",
            site.id,
            site.name
        );
        let own = data
            .townships
            .iter()
            .position(|t| Some(&t.code) == site.township.as_ref())
            .unwrap();
        let rank = Projection::at(data.district_point).rank_of(p, &seats, own);
        worst = worst.max(rank);
        // "Nearer its own township seat than most others": fewer than half of the seats closer.
        assert!(
            rank < 14,
            "{} {}: {rank} seats are nearer than its own",
            site.id,
            site.name
        );
        if site.synthetic_position {
            assert_eq!(
                rank, 0,
                "synthetic {} is in another township's cell",
                site.id
            );
        }
    }
    assert!(worst < 14);
}

#[test]
fn generation_is_deterministic_and_seed_dependent() {
    let data = SourceData::bundled().unwrap();
    let a = generate_from(&data, Preset::Jizhou, 2024).unwrap();
    assert_eq!(&a, jizhou());
    let b = generate_from(&data, Preset::Jizhou, 2025).unwrap();
    assert_ne!(a.demand, b.demand);
    // Real village points do not depend on the seed; synthetic ones do.
    let real_a: Vec<_> = a
        .sites
        .iter()
        .filter(|x| x.tier == SiteTier::VillageStation && !x.synthetic_position)
        .collect();
    let real_b: Vec<_> = b
        .sites
        .iter()
        .filter(|x| x.tier == SiteTier::VillageStation && !x.synthetic_position)
        .collect();
    assert_eq!(real_a, real_b);
    // 78 source points, one of which (张庄村委会, 马伸桥镇) lies by the district seat 17 km
    // from its township and is replaced, as the metadata says.
    assert_eq!(real_a.len(), 77);
    assert!(a
        .metadata
        .synthetic
        .iter()
        .any(|p| p.part == "rejected_source_points" && p.method.contains("张庄村委会")));
}

#[test]
fn generated_scenarios_round_trip_through_json() {
    for s in [jizhou().clone(), generate(Preset::Small, 9).unwrap()] {
        let text = to_json_string(&s);
        let back = from_json_str(&text, "roundtrip.json").unwrap();
        assert_eq!(back, s);
    }
}

#[test]
fn district_volume_and_flows_are_plausible() {
    let s = jizhou();
    let parcels_in = s.total_parcels_in();
    assert!(
        (2_000..6_000).contains(&parcels_in),
        "{parcels_in} parcels/day"
    );
    let out: i64 = s.demand.iter().map(|d| d.parcels_out).sum();
    assert!(out > 0 && out < parcels_in);
    assert!(s
        .demand
        .iter()
        .any(|d| d.temperature == gongpei_scenario::Temperature::Chilled));
    assert_eq!(s.carriers.len(), 6);
    for c in &s.carriers {
        let share = s
            .demand
            .iter()
            .filter(|d| d.carrier == c.id)
            .map(|d| d.parcels_in)
            .sum::<i64>() as f64
            / parcels_in as f64;
        assert!((0.05..0.35).contains(&share), "{} has {share}", c.id);
    }
    assert!((6..=10).contains(&s.bus_lines.len()));
    assert!(s
        .metadata
        .synthetic
        .iter()
        .any(|p| p.part == "village_positions"));
    assert!(s.metadata.sources.iter().any(|c| c.licence == "CC BY 4.0"));
}

#[test]
fn the_road_network_connects_every_site() {
    let s = jizhou();
    let net = build_network(s).unwrap();
    let targets: Vec<usize> = (0..s.sites.len())
        .filter(|&i| s.sites[i].tier != SiteTier::Junction)
        .collect();
    let m = net
        .router(VehicleProfile::Van.into())
        .matrices(&targets)
        .unwrap();
    assert_eq!(m.distance.size(), targets.len());
    // Roads are never shorter than the straight line.
    for (a, &i) in targets.iter().enumerate().step_by(37) {
        for (b, &j) in targets.iter().enumerate().step_by(41) {
            assert!(m.distance.get(a, b) as f64 >= net.haversine_m(i, j) - 1.0);
        }
    }
}

#[test]
fn the_small_preset_is_one_township_laid_out_like_the_district() {
    let small = generate(Preset::Small, 2024).unwrap();
    let towns: Vec<_> = small
        .sites
        .iter()
        .filter(|x| x.tier == SiteTier::TownshipCentre)
        .collect();
    assert_eq!(towns.len(), 1);
    assert_eq!(towns[0].name, "官庄镇");
    for v in small
        .sites
        .iter()
        .filter(|x| x.tier == SiteTier::VillageStation)
    {
        let same = jizhou().sites.iter().find(|x| x.id == v.id).unwrap();
        assert_eq!((v.lon, v.lat), (same.lon, same.lat));
    }
    assert_eq!(small.bus_lines.len(), 2);
    let net = build_network(&small).unwrap();
    let all: Vec<usize> = (0..small.sites.len()).collect();
    assert!(net
        .router(VehicleProfile::Truck.into())
        .matrices(&all)
        .is_ok());
}
