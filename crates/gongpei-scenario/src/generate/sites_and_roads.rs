//! Assembles the sites (hub, depots, bus station, township centres, villages, junctions) and the
//! road edges of a generated scenario from the source data and the layout.

use crate::model::{OpeningHours, RoadClass, SiteTier};
use geo::Point;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::calibration::Calibration;
use super::geometry::Projection;
use super::placement::Layout;
use super::roads::{bends, gabriel_pairs, local_class, road_length_m, trunk_class};
use super::source_data::SourceData;
use crate::model::{CarrierKind, RoadEdge, SiteSpec};

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
        existing_facility: None,
    }
}

/// Seven decimals (about 1 cm) keep files small and round-trips exact.
fn round7(x: f64) -> f64 {
    (x * 1e7).round() / 1e7
}

fn point(s: &SiteSpec) -> Point<f64> {
    Point::new(s.lon, s.lat)
}

/// Draws a point in a ring around `centre` (distance and bearing ranges) inside the district,
/// up to [`MAX_DRAWS`] times; the last draw pulled halfway to the centre each time otherwise.
fn draw_near(
    data: &SourceData,
    projection: &Projection,
    centre: Point<f64>,
    ring_km: [f64; 2],
    bearing_rad: [f64; 2],
    rng: &mut ChaCha8Rng,
) -> Point<f64> {
    let mut last = centre;
    for _ in 0..MAX_DRAWS {
        let p = projection.offset_km(
            centre,
            rng.random_range(ring_km[0]..ring_km[1]),
            rng.random_range(bearing_rad[0]..bearing_rad[1]),
        );
        if data.inside(p) {
            return p;
        }
        last = p;
    }
    for _ in 0..20 {
        last = Point::new((last.x() + centre.x()) / 2.0, (last.y() + centre.y()) / 2.0);
        if data.inside(last) {
            return last;
        }
    }
    centre
}

/// Attempts at drawing a point inside the boundary before falling back.
const MAX_DRAWS: usize = 2000;

/// The Latin part of a carrier name (`中国邮政 China Post` -> `China Post`), or the name.
fn latin_name(name: &str) -> &str {
    name.split_once(' ').map_or(name, |(_, latin)| latin)
}

/// Builds sites and roads for the selected townships (all when `selected` is `None`).
pub fn build(
    data: &SourceData,
    calibration: &Calibration,
    projection: &Projection,
    layout: &Layout,
    selected: Option<&[&str]>,
    rng: &mut ChaCha8Rng,
) -> Built {
    let chosen = |code: &str| selected.is_none_or(|s| s.contains(&code));
    let mut sites = Vec::new();
    let short = data.district.short_name();
    let postal = calibration
        .carriers
        .iter()
        .find(|c| c.kind == CarrierKind::Postal)
        .map_or("postal carrier", |c| latin_name(&c.name));

    let hub = sites.len();
    let mut hub_site = site(
        HUB_ID,
        &format!(
            "{}县级寄递公共配送中心 (district hub, {postal})",
            data.district.name
        ),
        SiteTier::DistrictHub,
        data.district_point,
    );
    hub_site.code = Some(data.district.code.clone());
    sites.push(hub_site);
    let mut depot_sites = Vec::new();
    for c in calibration
        .carriers
        .iter()
        .filter(|c| Some(c.id.as_str()) != super::carriers::hub_carrier(calibration))
    {
        // Express depots (分拨/网点) sit on the edge of town.
        let p = draw_near(
            data,
            projection,
            data.district_point,
            calibration.depot_ring_km,
            calibration.depot_bearing_rad,
            rng,
        );
        depot_sites.push(sites.len());
        sites.push(site(
            &format!("depot_{}", c.id),
            &format!("{} {short}分部 (depot)", c.name),
            SiteTier::DistrictHub,
            p,
        ));
    }
    let bus_station = sites.len();
    let p = projection.offset_km(
        data.district_point,
        rng.random_range(calibration.bus_station_ring_km[0]..calibration.bus_station_ring_km[1]),
        rng.random_range(
            calibration.bus_station_bearing_rad[0]..calibration.bus_station_bearing_rad[1],
        ),
    );
    sites.push(site(
        BUS_STATION_ID,
        &format!("{short}客运站 (bus station)"),
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
        for (i, j) in gabriel_pairs(projection, &pts) {
            let len = road_length_m(calibration, pts[i], pts[j], rng);
            add(
                &sites,
                nodes[i],
                nodes[j],
                len,
                local_class(calibration, pts[i], pts[j], i == 0),
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
            road_length_m(calibration, pd, ph, rng),
            RoadClass::County,
        );
        if d != bus_station {
            if let Some(&(_, nearest)) = township_sites.iter().min_by(|a, b| {
                projection
                    .dist2_km(pd, point(&sites[a.1]))
                    .total_cmp(&projection.dist2_km(pd, point(&sites[b.1])))
            }) {
                add(
                    &sites,
                    d,
                    nearest,
                    road_length_m(calibration, pd, point(&sites[nearest]), rng),
                    RoadClass::County,
                );
            }
        }
    }

    // Trunk roads: Gabriel graph over the hub and the seats, each link bent through two junctions.
    let mut trunk_nodes = vec![hub];
    trunk_nodes.extend(township_sites.iter().map(|&(_, s)| s));
    let pts: Vec<Point<f64>> = trunk_nodes.iter().map(|&s| point(&sites[s])).collect();
    for (i, j) in gabriel_pairs(projection, &pts) {
        let (a, b) = (pts[i], pts[j]);
        let class = trunk_class(calibration, a, b, i == 0);
        let total = road_length_m(calibration, a, b, rng);
        let [m1, m2] = bends(a, b, rng);
        let chain = [a, m1, m2, b];
        let straight: Vec<f64> = chain
            .windows(2)
            .map(|w| projection.dist_km(w[0], w[1]))
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
