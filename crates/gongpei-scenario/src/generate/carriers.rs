//! The carriers of a generated scenario and their synthetic daily demand, from the
//! calibration's carrier list, volume and shares (see [`super::Calibration`]).

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::calibration::Calibration;
use super::source_data::SourceData;
use crate::model::{Carrier, CarrierKind, Demand, SiteSpec, Temperature};

/// Items the postal carrier delivers to every village station each day at least (its mail bag
/// under the universal service obligation), so that every village of the district is on the
/// daily plan.
pub const UNIVERSAL_SERVICE_MIN_ITEMS: i64 = 1;

/// Id of the carrier whose depot is the district hub: the first postal carrier.
pub fn hub_carrier(calibration: &Calibration) -> Option<&str> {
    calibration
        .carriers
        .iter()
        .find(|c| c.kind == CarrierKind::Postal)
        .map(|c| c.id.as_str())
}

/// Carrier records; the postal carrier's depot is the hub, the others have their own.
pub fn carriers(calibration: &Calibration, hub_id: &str) -> Vec<Carrier> {
    let hub_carrier = hub_carrier(calibration);
    calibration
        .carriers
        .iter()
        .map(|c| Carrier {
            id: c.id.clone(),
            name: c.name.clone(),
            kind: c.kind,
            depots: vec![if Some(c.id.as_str()) == hub_carrier {
                hub_id.to_string()
            } else {
                format!("depot_{}", c.id)
            }],
            volume_share: Some(c.share),
        })
        .collect()
}

/// The district's inbound parcels per day before the day noise: the calibration's total, or its
/// rate per attraction weight times the weight of all villages of the division list.
pub fn district_parcels_per_day(data: &SourceData, calibration: &Calibration) -> f64 {
    calibration.parcels_per_day.unwrap_or_else(|| {
        calibration.parcels_per_weight_per_day
            * data
                .villages
                .iter()
                .map(|v| weight(v.urban_rural_class))
                .sum::<f64>()
    })
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
/// The district total is shared by all villages of the division list, so a subset carries its
/// own part only.
pub fn demand(
    data: &SourceData,
    calibration: &Calibration,
    sites: &[SiteSpec],
    villages: &[(usize, usize)],
    rng: &mut ChaCha8Rng,
) -> Vec<Demand> {
    let all_weight: f64 = data
        .villages
        .iter()
        .map(|v| weight(v.urban_rural_class))
        .sum();
    let total = district_parcels_per_day(data, calibration) * rng.random_range(0.9..1.1);
    let mut out = Vec::new();
    for &(v, s) in villages {
        let village = &data.villages[v];
        let site = &sites[s];
        let h = calibration.hilliness(geo::Point::new(site.lon, site.lat));
        let base = total * weight(village.urban_rural_class) / all_weight * noise(rng, 0.35);
        let urban = matches!(village.urban_rural_class, Some(111) | Some(112) | Some(121));
        // Harvest season in the hills: chestnuts, walnuts, hawthorn, persimmons sold online.
        let [low, high] = calibration.produce_factor;
        let produce_parcels = if h > calibration.produce_min_hilliness {
            base * rng.random_range(low..high) * h
        } else {
            0.0
        };
        for c in &calibration.carriers {
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
            let returns = stochastic_round(
                parcels as f64 * calibration.returns_share * noise(rng, 0.5),
                rng,
            );
            let produce = stochastic_round(produce_parcels * c.share * noise(rng, 0.3), rng);
            let ambient_out = returns + produce;
            if parcels > 0 || ambient_out > 0 {
                out.push(Demand {
                    village: site.id.clone(),
                    carrier: c.id.clone(),
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
                let chilled_in =
                    if urban || rng.random::<f64>() < calibration.rural_chilled_probability {
                        let [low, high] = calibration.chilled_inbound_share;
                        let share = rng.random_range(low..high);
                        stochastic_round(base * c.share * share, rng)
                    } else {
                        0
                    };
                let chilled_out = if h > calibration.chilled_produce_min_hilliness {
                    let [low, high] = calibration.chilled_produce_share;
                    let share = rng.random_range(low..high);
                    stochastic_round(produce_parcels * c.share * share, rng)
                } else {
                    0
                };
                if chilled_in > 0 || chilled_out > 0 {
                    out.push(Demand {
                        village: site.id.clone(),
                        carrier: c.id.clone(),
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
