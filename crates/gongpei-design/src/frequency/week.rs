//! The days of a weekly plan: given each village's visit pattern, the scenario of each day keeps
//! only the demand records served that day, with the volume accumulated since the previous visit
//! (in and out, kilograms and parcels, every carrier), and remembers which base record each
//! day record stands for so that a day's plan can be checked against the week.

use gongpei_scenario::model::Temperature;
use gongpei_scenario::Scenario;

use super::pattern::{VisitPattern, DAYS};

/// Villages of the base scenario with ambient demand: the ones a pattern is chosen for.
#[derive(Debug, Clone)]
pub(crate) struct Villages {
    /// Site index of each village.
    pub sites: Vec<usize>,
    /// For every demand record: the position of its village in `sites`, or `None` for a chilled
    /// record (chilled flows are served every day) or one without volume.
    pub of_record: Vec<Option<usize>>,
    /// Daily parcels (in + out) of each village's ambient records, the weight of the load
    /// balancing.
    pub daily_parcels: Vec<i64>,
    /// Township site index of each village (None when the site has none).
    pub township: Vec<Option<usize>>,
}

impl Villages {
    /// Villages with ambient volume, in scenario site order.
    pub fn of(scenario: &Scenario) -> Villages {
        let mut sites: Vec<usize> = Vec::new();
        let mut of_record = Vec::with_capacity(scenario.demand.len());
        let mut daily_parcels: Vec<i64> = Vec::new();
        let mut index = std::collections::HashMap::new();
        let mut records: Vec<(usize, usize, i64)> = Vec::new();
        for (k, d) in scenario.demand.iter().enumerate() {
            let volume = d.parcels_in + d.parcels_out + d.kg_in + d.kg_out;
            match scenario.site_index(&d.village) {
                Some(site) if d.temperature == Temperature::Ambient && volume > 0 => {
                    records.push((k, site, d.parcels_in + d.parcels_out));
                }
                _ => {}
            }
            of_record.push(None);
        }
        let mut ordered: Vec<usize> = records.iter().map(|r| r.1).collect();
        ordered.sort_unstable();
        ordered.dedup();
        for (i, &s) in ordered.iter().enumerate() {
            index.insert(s, i);
            sites.push(s);
            daily_parcels.push(0);
        }
        for (k, site, parcels) in records {
            let v = index[&site];
            of_record[k] = Some(v);
            daily_parcels[v] += parcels;
        }
        let township = sites
            .iter()
            .map(|&s| {
                scenario.sites[s]
                    .township
                    .as_deref()
                    .and_then(|t| scenario.site_index(t))
            })
            .collect();
        Villages {
            sites,
            of_record,
            daily_parcels,
            township,
        }
    }

    /// Number of villages a pattern is chosen for.
    pub fn len(&self) -> usize {
        self.sites.len()
    }
}

/// One day of the week as a routing problem.
#[derive(Debug, Clone)]
pub(crate) struct DayScenario {
    /// The day's scenario: the base scenario with only that day's records, volumes accumulated.
    pub scenario: Scenario,
    /// Base record index of each of the day's records.
    pub base_record: Vec<usize>,
    /// Days of demand each of the day's records carries.
    pub carried_days: Vec<usize>,
}

/// The scenario of `day` when village `v` has pattern `patterns[v]`.
///
/// A record of a village visited on `day` carries `g` days of volume, `g` the days since the
/// previous visit; its service time grows by `handover_s_per_parcel` for each parcel beyond
/// its daily volume (the stop's fixed part is paid once). Chilled records and records of sites
/// without ambient demand are kept every day with their daily volume.
pub(crate) fn day_scenario(
    base: &Scenario,
    villages: &Villages,
    patterns: &[VisitPattern],
    day: usize,
    handover_s_per_parcel: f64,
) -> DayScenario {
    debug_assert!(day < DAYS);
    let mut scenario = base.clone();
    scenario.demand.clear();
    let mut base_record = Vec::new();
    let mut carried_days = Vec::new();
    for (k, d) in base.demand.iter().enumerate() {
        let days = match villages.of_record[k] {
            Some(v) => patterns[v].accumulated_days(day),
            None => 1,
        };
        if days == 0 {
            continue;
        }
        let g = days as i64;
        let mut r = d.clone();
        r.parcels_in *= g;
        r.kg_in *= g;
        r.parcels_out *= g;
        r.kg_out *= g;
        let extra_parcels = (d.parcels_in + d.parcels_out) * (g - 1);
        r.service_s += (extra_parcels as f64 * handover_s_per_parcel).round() as i64;
        scenario.demand.push(r);
        base_record.push(k);
        carried_days.push(days);
    }
    DayScenario {
        scenario,
        base_record,
        carried_days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frequency::pattern::PatternFamily;

    #[test]
    fn accumulated_volumes_preserve_weekly_totals() {
        let base =
            gongpei_scenario::generate::generate(gongpei_scenario::generate::Preset::Small, 1)
                .expect("small preset");
        let villages = Villages::of(&base);
        let families = PatternFamily::ALL;
        let patterns: Vec<VisitPattern> = (0..villages.len())
            .map(|v| VisitPattern::new(families[v % families.len()], (v % 7) as u8))
            .collect();
        let mut week = vec![[0i64; 4]; base.demand.len()];
        for day in 0..DAYS {
            let d = day_scenario(&base, &villages, &patterns, day, 6.0);
            for (r, &k) in d.scenario.demand.iter().zip(&d.base_record) {
                let w = &mut week[k];
                w[0] += r.parcels_in;
                w[1] += r.kg_in;
                w[2] += r.parcels_out;
                w[3] += r.kg_out;
            }
        }
        for (k, d) in base.demand.iter().enumerate() {
            let g = 7;
            assert_eq!(
                week[k],
                [
                    d.parcels_in * g,
                    d.kg_in * g,
                    d.parcels_out * g,
                    d.kg_out * g
                ],
                "record {k}"
            );
        }
    }
}
