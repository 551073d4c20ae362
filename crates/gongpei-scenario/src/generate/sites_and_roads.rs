//! Assembles the sites (hub, depots, bus station, township centres, villages, junctions) and the
//! road edges of a generated scenario from the source data and the layout.

use geo::Point;
use gongpei_network::{OpeningHours, RoadClass, SiteTier};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::carriers::CARRIERS;
use super::geometry::{dist2_km, offset_km};
use super::placement::Layout;
use super::roads::{bends, gabriel_pairs, local_class, road_length_m, trunk_class};
use super::source_data::SourceData;
use crate::model::{RoadEdge, SiteSpec};

/// Id of the shared district hub (also China Post's district depot).
pub const HUB_ID: &str = "hub";
/// Id of the district bus station where the bus lines start.
pub const BUS_STATION_ID: &str = "bus_station";

/// Sites and roads of a generated scenario, plus indices the later steps need.
pub struct Built {
    /// All sites.
    pub sites: Vec<SiteSpec>,
    /// All road edges (two-way).
    pub edges: Vec<RoadEdge>,
    /// For each selected township (source index), its site index.
    pub township_sites: Vec<(usize, usize)>,
    /// For each selected village (source index), its site index.
    pub village_sites: Vec<(usize, usize)>,
    /// Site index of the bus station.
    pub bus_station: usize,
}

fn site(id: &str, name: &str, tier: SiteTier, p: Point<f64>) -> SiteSpec {
    SiteSpec {
        id: id.to_string(),
        name: name.to_string(),
        code: None,
        tier,
        lon: round7(p.x()),
        lat: round7(p.y()),
        township: None,
        opening_hours: None,
        handling_capacity_parcels: None,
        synthetic_position: true,
    }
}

/// Seven decimals (about 1 cm) keep files small and round-trips exact.
fn round7(x: f64) -> f64 {
    (x * 1e7).round() / 1e7
}

fn point(s: &SiteSpec) -> Point<f64> {
    Point::new(s.lon, s.lat)
}

/// Builds sites and roads for the selected townships (all when `selected` is `None`).
pub fn build(
    data: &SourceData,
    layout: &Layout,
    selected: Option<&[&str]>,
    rng: &mut ChaCha8Rng,
) -> Built {
    let chosen = |code: &str| selected.is_none_or(|s| s.contains(&code));
    let mut sites = Vec::new();

    let hub = sites.len();
    let mut hub_site = site(
        HUB_ID,
        "蓟州区县级寄递公共配送中心 (district hub, China Post)",
        SiteTier::DistrictHub,
        data.district_point,
    );
    hub_site.code = Some("120119".into());
    sites.push(hub_site);
    let mut depot_sites = Vec::new();
    for c in CARRIERS.iter().filter(|c| c.id != "china_post") {
        // Express depots (分拨/网点) sit on the edge of town, 1.5-4 km out, mostly south.
        let p = loop {
            let p = offset_km(
                data.district_point,
                rng.random_range(1.5..4.0),
                rng.random_range(-3.0..0.3),
            );
            if data.inside(p) {
                break p;
            }
        };
        depot_sites.push(sites.len());
        sites.push(site(
            &format!("depot_{}", c.id),
            &format!("{} 蓟州分部 (depot)", c.name),
            SiteTier::DistrictHub,
            p,
        ));
    }
    let bus_station = sites.len();
    let p = offset_km(
        data.district_point,
        rng.random_range(0.6..1.2),
        rng.random_range(3.4..4.4),
    );
    sites.push(site(
        BUS_STATION_ID,
        "蓟州客运站 (bus station)",
        SiteTier::BusStop,
        p,
    ));

    let mut township_sites = Vec::new();
    for (t, town) in data.townships.iter().enumerate() {
        if !chosen(&town.code) {
            continue;
        }
        let (p, origin) = layout.seats[t];
        let mut s = site(&town.code, &town.name, SiteTier::TownshipCentre, p);
        s.code = Some(town.code.clone());
        s.synthetic_position = origin.synthetic();
        s.opening_hours = Some(OpeningHours::hours(7, 19));
        s.handling_capacity_parcels = Some(2000);
        township_sites.push((t, sites.len()));
        sites.push(s);
    }
    let mut village_sites = Vec::new();
    for (v, village) in data.villages.iter().enumerate() {
        if !chosen(&village.township_code) {
            continue;
        }
        let (p, synthetic) = layout.villages[v];
        let mut s = site(&village.code, &village.name, SiteTier::VillageStation, p);
        s.code = Some(village.code.clone());
        s.township = Some(village.township_code.clone());
        s.synthetic_position = synthetic;
        s.opening_hours = Some(OpeningHours::hours(8, 19));
        village_sites.push((v, sites.len()));
        sites.push(s);
    }

    let mut edges = Vec::new();
    let mut add = |sites: &[SiteSpec], a: usize, b: usize, length_m: f64, class: RoadClass| {
        edges.push(RoadEdge {
            from: sites[a].id.clone(),
            to: sites[b].id.clone(),
            length_m: length_m.round(),
            class,
            one_way: false,
        });
    };

    // Village roads: a Gabriel mesh per township over its seat and villages.
    for &(t, seat_site) in &township_sites {
        let code = &data.townships[t].code;
        let mut nodes = vec![seat_site];
        nodes.extend(
            village_sites
                .iter()
                .filter(|&&(v, _)| &data.villages[v].township_code == code)
                .map(|&(_, s)| s),
        );
        let pts: Vec<Point<f64>> = nodes.iter().map(|&s| point(&sites[s])).collect();
        for (i, j) in gabriel_pairs(&pts) {
            let len = road_length_m(pts[i], pts[j], rng);
            add(
                &sites,
                nodes[i],
                nodes[j],
                len,
                local_class(pts[i], pts[j], i == 0),
            );
        }
    }

    // Depots and bus station join the hub; each depot also joins its nearest township seat.
    for &d in depot_sites.iter().chain([&bus_station]) {
        let (pd, ph) = (point(&sites[d]), point(&sites[hub]));
        add(
            &sites,
            d,
            hub,
            road_length_m(pd, ph, rng),
            RoadClass::County,
        );
        if d != bus_station {
            if let Some(&(_, nearest)) = township_sites.iter().min_by(|a, b| {
                dist2_km(pd, point(&sites[a.1])).total_cmp(&dist2_km(pd, point(&sites[b.1])))
            }) {
                add(
                    &sites,
                    d,
                    nearest,
                    road_length_m(pd, point(&sites[nearest]), rng),
                    RoadClass::County,
                );
            }
        }
    }

    // Trunk roads: Gabriel graph over the hub and the seats, each link bent through two junctions.
    let mut trunk_nodes = vec![hub];
    trunk_nodes.extend(township_sites.iter().map(|&(_, s)| s));
    let pts: Vec<Point<f64>> = trunk_nodes.iter().map(|&s| point(&sites[s])).collect();
    for (i, j) in gabriel_pairs(&pts) {
        let (a, b) = (pts[i], pts[j]);
        let class = trunk_class(a, b, i == 0);
        let total = road_length_m(a, b, rng);
        let [m1, m2] = bends(a, b, rng);
        let chain = [a, m1, m2, b];
        let straight: Vec<f64> = chain
            .windows(2)
            .map(|w| dist2_km(w[0], w[1]).sqrt())
            .collect();
        let sum: f64 = straight.iter().sum();
        let mut ids = vec![trunk_nodes[i]];
        for m in [m1, m2] {
            let n = sites.len();
            sites.push(site(
                &format!("j{n}"),
                &format!("junction {n}"),
                SiteTier::Junction,
                m,
            ));
            ids.push(n);
        }
        ids.push(trunk_nodes[j]);
        for k in 0..3 {
            add(
                &sites,
                ids[k],
                ids[k + 1],
                (total * straight[k] / sum).max(10.0),
                class,
            );
        }
    }

    Built {
        sites,
        edges,
        township_sites,
        village_sites,
        bus_station,
    }
}
