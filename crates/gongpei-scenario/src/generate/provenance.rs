//! Metadata of generated scenarios: the district, the sources with their licences (from the
//! district folder), and every synthetic part with the calibration values that made it.

use super::calibration::{Calibration, Direction};
use super::placement::{Layout, SeatOrigin};
use super::sites_and_roads::Built;
use super::source_data::{BoundaryOrigin, SourceData};
use crate::model::{Demand, Metadata, SyntheticPart};

/// What the metadata describes.
pub struct Context<'a> {
    /// The district's data.
    pub data: &'a SourceData,
    /// The calibration used.
    pub calibration: &'a Calibration,
    /// Seats and village positions.
    pub layout: &'a Layout,
    /// Sites and roads.
    pub built: &'a Built,
    /// Township codes selected (all when `None`).
    pub selected: Option<&'a [&'a str]>,
    /// The generated demand.
    pub demand: &'a [Demand],
}

fn part(name: &str, method: String) -> SyntheticPart {
    SyntheticPart {
        part: name.into(),
        method,
    }
}

fn percent(x: f64) -> String {
    format!("{}", (x * 100.0).round())
}

fn range(r: [f64; 2]) -> String {
    format!("{}-{}", r[0], r[1])
}

/// The default description: the district, and the selection when only part of it is built.
pub fn description(ctx: &Context<'_>) -> String {
    let d = &ctx.data.district;
    match ctx.selected {
        None => format!(
            "{} ({}): the official township-level units and villages of its division list, with synthetic roads, carriers, demand, fleets and bus lines",
            d.name, d.code
        ),
        Some(_) => {
            let names: Vec<&str> = ctx
                .built
                .township_sites
                .iter()
                .map(|&(t, _)| ctx.data.townships[t].name.as_str())
                .collect();
            format!(
                "{}, {} ({}): {} township-level unit(s) with their {} villages, for tests and notebooks",
                names.join(", "),
                d.name,
                d.code,
                names.len(),
                ctx.built.village_sites.len()
            )
        }
    }
}

/// Metadata for a generated scenario; `label` names the preset or division.
pub fn metadata(ctx: &Context<'_>, label: &str, seed: u64, description: String) -> Metadata {
    Metadata {
        description,
        coordinate_system: "WGS84".into(),
        district: None,
        generator: Some(format!(
            "gongpei-scenario {} {label}",
            env!("CARGO_PKG_VERSION")
        )),
        seed: Some(seed),
        sources: ctx.data.credits.clone(),
        synthetic: synthetic_parts(ctx),
    }
}

fn seat_text(ctx: &Context<'_>) -> String {
    let c = ctx.calibration;
    let mut groups: Vec<(SeatOrigin, Vec<&str>)> = Vec::new();
    for &(t, _) in &ctx.built.township_sites {
        let origin = ctx.layout.seats[t].1;
        if origin == SeatOrigin::Source {
            continue;
        }
        let name = ctx.data.townships[t].name.as_str();
        match groups.iter_mut().find(|(o, _)| *o == origin) {
            Some((_, names)) => names.push(name),
            None => groups.push((origin, vec![name])),
        }
    }
    if groups.is_empty() {
        return "every township seat is the source's point".into();
    }
    let mut parts: Vec<String> = groups
        .iter()
        .map(|(origin, names)| {
            let how = match origin {
                SeatOrigin::Source => unreachable!("skipped above"),
                SeatOrigin::EponymousVillage => {
                    "the point of the village named like the township".to_string()
                }
                SeatOrigin::AreaMarker => {
                    "the source's area centre of the township (not a seat)".to_string()
                }
                SeatOrigin::VillageMedian => {
                    "the coordinate-wise median of the township's own village points".to_string()
                }
                SeatOrigin::NearDistrictSeat => format!(
                    "random point {} km from the district point (bearings {} rad)",
                    range(c.seatless_ring_km),
                    range(c.seatless_bearing_rad)
                ),
                SeatOrigin::DistrictPoint => {
                    "the district point (no drawn point near it lay inside the boundary)"
                        .to_string()
                }
            };
            format!("{}: {how}", names.join(", "))
        })
        .collect();
    parts.push("Marked synthetic_position on the sites".into());
    parts.join("; ")
}

fn relief_text(c: &Calibration) -> String {
    if c.relief.is_empty() {
        return "flat district (the calibration has no relief band)".into();
    }
    c.relief
        .iter()
        .map(|b| {
            let (axis, dir) = match b.towards {
                Direction::North => ("N", "north"),
                Direction::South => ("N", "south"),
                Direction::East => ("E", "east"),
                Direction::West => ("E", "west"),
            };
            let to = match b.towards {
                Direction::North | Direction::East => b.from_deg + b.span_deg,
                Direction::South | Direction::West => b.from_deg - b.span_deg,
            };
            format!(
                "hilliness rises towards the {dir} from {} {axis} to {} {axis}",
                b.from_deg,
                (to * 1e6).round() / 1e6
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn synthetic_parts(ctx: &Context<'_>) -> Vec<SyntheticPart> {
    let (data, c) = (ctx.data, ctx.calibration);
    let synthetic_villages = ctx
        .built
        .village_sites
        .iter()
        .filter(|&&(v, _)| ctx.layout.villages[v].1)
        .count();
    let carriers: Vec<&str> = c
        .carriers
        .iter()
        .map(|x| x.name.split_once(' ').map_or(x.name.as_str(), |(_, l)| l))
        .collect();
    let shares: Vec<String> = c.carriers.iter().map(|x| percent(x.share)).collect();
    let coverage: Vec<String> = c.carriers.iter().map(|x| percent(x.coverage)).collect();
    let cold: Vec<&str> = c
        .carriers
        .iter()
        .filter(|x| x.cold_chain)
        .map(|x| x.id.as_str())
        .collect();
    let total = super::carriers::district_parcels_per_day(data, c);
    let volume_rule = match c.parcels_per_day {
        Some(_) => "the calibration's parcels_per_day".to_string(),
        None => format!(
            "{} parcels per unit of village attraction weight",
            c.parcels_per_weight_per_day
        ),
    };
    let parcels_in: i64 = ctx.demand.iter().map(|d| d.parcels_in).sum();
    let mut parts = vec![
        part("coordinates", "every position is WGS84, converted from the coordinate system each source row names (column coord_system: GCJ-02 with the published WGS84->GCJ-02 formula inverted by fixed-point iteration, BD-09 through GCJ-02)".into()),
        part("township_seats", seat_text(ctx)),
        part("village_positions", format!("{synthetic_villages} villages without a usable source point: drawn around their own township seat (radius 1.5-9 km by NBS urban-rural class and seat spacing), kept inside the district boundary and inside the township's Voronoi cell of seats. Marked synthetic_position on the sites")),
    ];
    if let BoundaryOrigin::Hull { margin_km, points } = &data.boundary_origin {
        parts.push(part("boundary", format!("the folder has no boundary file: the district is taken as the convex hull of its {points} known points (district, seat, marker and village points) widened by {margin_km} km")));
    }
    if !data.district.point_from_file {
        parts.push(part("district_point", "district.csv gives no point: the district point (hub) is the centroid of the known points".into()));
    }
    if !ctx.layout.rejected_points.is_empty() {
        let list: Vec<String> = ctx
            .layout
            .rejected_points
            .iter()
            .filter(|&&(v, _)| ctx.built.village_sites.iter().any(|&(sv, _)| sv == v))
            .map(|&(v, rank)| {
                let village = &data.villages[v];
                format!(
                    "{} ({}): {rank} other township seats are nearer than its own",
                    village.name, village.code
                )
            })
            .collect();
        if !list.is_empty() {
            parts.push(part("rejected_source_points", format!("source village points that lie among other townships (probably a namesake geocoded elsewhere) were replaced by synthetic positions: {}", list.join("; "))));
        }
    }
    parts.extend([
        part("hub_depots_bus_station", format!(
            "district hub (also the postal carrier's depot) at the district point; {} express depots {} km from it; bus station {} km from it",
            c.carriers.len().saturating_sub(1),
            range(c.depot_ring_km),
            range(c.bus_station_ring_km)
        )),
        part("roads", format!("Gabriel graph over hub and township seats (trunk, bent through two junctions each) and per township over seat and villages (village roads); length = great-circle x sinuosity 1.12 on the plain to 1.50 in the hills, mountain road class in the hills; {}", relief_text(c))),
        part("carriers", format!(
            "{} carriers ({}) with assumed volume shares {} % and village coverage {} %",
            c.carriers.len(),
            carriers.join(", "),
            shares.join("/"),
            coverage.join("/")
        )),
        part("demand", format!(
            "about {} parcels/day into the district (+-10 %; {volume_rule}), {parcels_in} in this scenario, spread over villages by NBS urban-rural class weight with lognormal noise and stochastic rounding (small expected volumes keep their totals); 1.1-2.2 kg per parcel; returns about {} %; harvest-season produce pickups ({} x a village's inbound volume x hilliness, 3-5 kg per parcel) in villages of hilliness above {}; chilled flows for {} ({} % extra on inbound in urban and {} % of rural villages, {} % of produce where hilliness exceeds {}), 08:00-17:00 windows; every village station gets at least the postal carrier's daily mail bag (counted as one parcel) under the universal service obligation (建制村直接通邮), so every village is on the daily plan",
            total.round(),
            percent(c.returns_share),
            range(c.produce_factor),
            c.produce_min_hilliness,
            cold.join(", "),
            range([c.chilled_inbound_share[0] * 100.0, c.chilled_inbound_share[1] * 100.0]),
            percent(c.rural_chilled_probability),
            range([c.chilled_produce_share[0] * 100.0, c.chilled_produce_share[1] * 100.0]),
            c.chilled_produce_min_hilliness
        )),
        part("fleets_and_costs", format!(
            "vehicle types, capacities, costs (yuan), shifts, handling costs and times, CO2 factors are planning values, not measurements; fleets are availabilities sized for peaks (vans: {} times the parcel volume in van loads or one per {} village stops, plus {}, at most {}; refrigerated vans: one per {} chilled stops, per {} chilled pickups or per 80 / {} chilled parcels, whichever is more, plus one; shared trunk trucks: one per {} township-level units of the district or enough for the pooled volume {} times over plus one; shared last-mile vans: {} per township centre or enough for the busiest township's parcels in one trip each), unused vehicles cost nothing",
            c.van_volume_headroom,
            c.village_stops_per_van,
            c.spare_vans,
            c.max_vans_per_carrier,
            c.cold_stops_per_van,
            c.cold_pickups_per_van,
            c.van_volume_headroom,
            c.townships_per_trunk_truck,
            c.van_volume_headroom,
            c.last_mile_vans_per_township
        )),
        part("bus_lines", format!(
            "up to {} bus lines (both directions) from the bus station to far township seats in distinct directions along the synthetic roads, continuing into up to {} villages of the end township; timetables, spare capacity and fee are assumptions (no stop lists were available)",
            c.bus_lines, c.villages_per_bus_line
        )),
        part("commerce", super::commerce::COMMERCE_METHOD.into()),
        part("finance", "investment (sorting centre 12 M yuan over 20 years, township centre upgrades 150,000 yuan each over 10 years, village stations 15,000 yuan each over 8 years, 4 % interest, running costs) and subsidies (0.10 yuan per pooled parcel, 1 yuan per station-day, 30 % of the pooled modes' capital charge) are planning assumptions, not the county's budget; replace them with the county's figures".into()),
        part("calibration", format!(
            "generator calibration used (JSON): {}",
            serde_json::to_string(c).expect("a calibration always serialises")
        )),
    ]);
    parts
}
