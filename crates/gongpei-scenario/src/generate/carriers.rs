//! The six carriers of the generated scenarios and their synthetic daily demand.
//!
//! Volume shares follow the order of magnitude of China's 2023 express market (ZTO, YTO, Yunda,
//! J&T and STO each around a tenth to a fifth of parcels) with China Post's larger rural role;
//! they are planning assumptions, not measurements, and are marked synthetic in the metadata.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::geometry::hilliness;
use super::source_data::SourceData;
use crate::model::{Carrier, CarrierKind, Demand, SiteSpec, Temperature};

/// Static description of a generated carrier.
pub struct CarrierInfo {
    /// Carrier id.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Postal or express.
    pub kind: CarrierKind,
    /// Share of the district's inbound parcels.
    pub share: f64,
    /// Probability that the carrier serves a given rural village itself.
    pub coverage: f64,
    /// Whether it runs cold-chain flows.
    pub cold_chain: bool,
}

/// The six carriers, China Post first.
pub const CARRIERS: [CarrierInfo; 6] = [
    CarrierInfo {
        id: "china_post",
        name: "中国邮政 China Post",
        kind: CarrierKind::Postal,
        share: 0.20,
        coverage: 1.0,
        cold_chain: true,
    },
    CarrierInfo {
        id: "zto",
        name: "中通快递 ZTO",
        kind: CarrierKind::Express,
        share: 0.23,
        coverage: 0.92,
        cold_chain: true,
    },
    CarrierInfo {
        id: "yto",
        name: "圆通速递 YTO",
        kind: CarrierKind::Express,
        share: 0.17,
        coverage: 0.88,
        cold_chain: false,
    },
    CarrierInfo {
        id: "yunda",
        name: "韵达快递 Yunda",
        kind: CarrierKind::Express,
        share: 0.15,
        coverage: 0.85,
        cold_chain: false,
    },
    CarrierInfo {
        id: "jt",
        name: "极兔速递 J&T",
        kind: CarrierKind::Express,
        share: 0.14,
        coverage: 0.80,
        cold_chain: false,
    },
    CarrierInfo {
        id: "sto",
        name: "申通快递 STO",
        kind: CarrierKind::Express,
        share: 0.11,
        coverage: 0.78,
        cold_chain: false,
    },
];

/// Parcels into the whole district per day, before noise (a harvest-season weekday).
pub const DISTRICT_PARCELS_PER_DAY: f64 = 3200.0;

/// Items China Post delivers to every village station each day at least (its mail bag under the
/// universal service obligation), so that every village of the district is on the daily plan.
pub const UNIVERSAL_SERVICE_MIN_ITEMS: i64 = 1;

/// Carrier records; China Post's depot is the hub, the others have their own.
pub fn carriers(hub_id: &str) -> Vec<Carrier> {
    CARRIERS
        .iter()
        .map(|c| Carrier {
            id: c.id.to_string(),
            name: c.name.to_string(),
            kind: c.kind,
            depots: vec![if c.id == "china_post" {
                hub_id.to_string()
            } else {
                format!("depot_{}", c.id)
            }],
            volume_share: Some(c.share),
        })
        .collect()
}

/// Relative parcel attraction of a village by its NBS urban-rural class (population proxy).
fn weight(class: Option<u16>) -> f64 {
    match class {
        Some(111) => 3.0,
        Some(112) => 2.0,
        Some(121) => 2.5,
        Some(122) | Some(210) => 1.5,
        Some(220) => 1.0,
        _ => 2.0,
    }
}

/// Lognormal-ish multiplicative noise with median 1.
fn noise(rng: &mut ChaCha8Rng, sigma: f64) -> f64 {
    // Sum of uniforms approximates a normal well enough for planning noise.
    let z: f64 = (0..4).map(|_| rng.random_range(-1.0..1.0)).sum::<f64>() * (3.0f64 / 4.0).sqrt();
    (sigma * z).exp()
}

/// Rounds `x >= 0` up with probability equal to its fraction, so that small expected volumes
/// (a village gets a few parcels a day per carrier) keep their expected total instead of
/// vanishing under round-to-nearest.
fn stochastic_round(x: f64, rng: &mut ChaCha8Rng) -> i64 {
    let floor = x.floor();
    floor as i64 + i64::from(rng.random::<f64>() < x - floor)
}

/// Daily demand for the selected villages (`villages` = (source index, site index)).
///
/// The district total is shared by all 983 villages, so a subset carries its own part only.
pub fn demand(
    data: &SourceData,
    sites: &[SiteSpec],
    villages: &[(usize, usize)],
    rng: &mut ChaCha8Rng,
) -> Vec<Demand> {
    let all_weight: f64 = data
        .villages
        .iter()
        .map(|v| weight(v.urban_rural_class))
        .sum();
    let total = DISTRICT_PARCELS_PER_DAY * rng.random_range(0.9..1.1);
    let mut out = Vec::new();
    for &(v, s) in villages {
        let village = &data.villages[v];
        let site = &sites[s];
        let h = hilliness(geo::Point::new(site.lon, site.lat));
        let base = total * weight(village.urban_rural_class) / all_weight * noise(rng, 0.35);
        let urban = matches!(village.urban_rural_class, Some(111) | Some(112) | Some(121));
        // Harvest season in the hills: chestnuts, walnuts, hawthorn, persimmons sold online.
        let produce_parcels = if h > 0.25 {
            base * rng.random_range(0.6..2.0) * h
        } else {
            0.0
        };
        for c in &CARRIERS {
            if !urban && rng.random::<f64>() > c.coverage {
                continue;
            }
            let parcels = stochastic_round(base * c.share * noise(rng, 0.25), rng);
            // China Post's universal service (建制村直接通邮): every village station gets its
            // daily mail bag (letters, newspapers, official mail), counted as one parcel, even
            // on a day without parcels. The draw above is kept so other streams do not move.
            let parcels = if c.kind == CarrierKind::Postal {
                parcels.max(UNIVERSAL_SERVICE_MIN_ITEMS)
            } else {
                parcels
            };
            let kg_per_parcel = rng.random_range(1.1..2.2);
            let returns = stochastic_round(parcels as f64 * 0.04 * noise(rng, 0.5), rng);
            let produce = stochastic_round(produce_parcels * c.share * noise(rng, 0.3), rng);
            let ambient_out = returns + produce;
            if parcels > 0 || ambient_out > 0 {
                out.push(Demand {
                    village: site.id.clone(),
                    carrier: c.id.to_string(),
                    temperature: Temperature::Ambient,
                    parcels_in: parcels,
                    kg_in: (parcels as f64 * kg_per_parcel).round() as i64,
                    parcels_out: ambient_out,
                    kg_out: (returns as f64 * 1.0 + produce as f64 * rng.random_range(3.0..5.0))
                        .round() as i64,
                    service_s: 120 + 6 * (parcels + ambient_out),
                    time_window: None,
                });
            }
            if c.cold_chain {
                // Fresh food ordered online (in) and fresh fruit shipped chilled (out).
                let chilled_in = if urban || rng.random::<f64>() < 0.3 {
                    let share = rng.random_range(0.04..0.10);
                    stochastic_round(base * c.share * share, rng)
                } else {
                    0
                };
                let chilled_out = if h > 0.4 {
                    let share = rng.random_range(0.1..0.3);
                    stochastic_round(produce_parcels * c.share * share, rng)
                } else {
                    0
                };
                if chilled_in > 0 || chilled_out > 0 {
                    out.push(Demand {
                        village: site.id.clone(),
                        carrier: c.id.to_string(),
                        temperature: Temperature::Chilled,
                        parcels_in: chilled_in,
                        kg_in: chilled_in * 3,
                        parcels_out: chilled_out,
                        kg_out: chilled_out * 5,
                        service_s: 60 + 8 * (chilled_in + chilled_out),
                        time_window: Some(crate::model::TimeWindow {
                            start_s: 8 * 3600,
                            end_s: 17 * 3600,
                        }),
                    });
                }
            }
        }
    }
    out
}
