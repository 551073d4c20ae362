//! Granular neighbourhoods: for each client, the `k` clients most worth testing moves with, by a
//! proximity that adds to the travel distance the waiting and lateness that visiting one right
//! after the other would cause (Vidal et al. 2013), minus optional prizes.

use super::data::SearchData;

/// Weight of the waiting time a pair would induce.
const WAIT_WEIGHT: f64 = 0.2;
/// Weight of the time warp a pair would induce.
const WARP_WEIGHT: f64 = 1.0;

/// `neighbours[c]`: up to `k` other clients, closest first. Ties break on the client index so
/// the lists are deterministic.
pub(crate) fn granular_neighbours(sd: &SearchData, k: usize) -> Vec<Vec<usize>> {
    let n = sd.num_clients;
    let data = sd.data;
    // Proximity uses the first profile's matrices; profiles usually differ by speed only.
    let dist = sd.dist(0);
    let dur = sd.dur(0);
    let mut result = Vec::with_capacity(n);
    let mut scored: Vec<(f64, usize)> = Vec::with_capacity(n);
    for i in 0..n {
        let ci = data.client(i);
        let li = sd.loc(i);
        scored.clear();
        for j in 0..n {
            if i == j {
                continue;
            }
            let cj = data.client(j);
            let lj = sd.loc(j);
            let travel = dur.get(li, lj) as f64;
            let wait =
                (cj.tw_early as f64 - travel - ci.service_duration as f64 - ci.tw_late as f64)
                    .max(0.0);
            let warp = (ci.tw_early as f64 + ci.service_duration as f64 + travel
                - cj.tw_late as f64)
                .max(0.0);
            let prize = if cj.required { 0.0 } else { cj.prize as f64 };
            let score = dist.get(li, lj) as f64 + WAIT_WEIGHT * wait + WARP_WEIGHT * warp - prize;
            scored.push((score, j));
        }
        let keep = k.min(scored.len());
        if keep > 0 && keep < scored.len() {
            scored.select_nth_unstable_by(keep - 1, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        }
        scored.truncate(keep);
        scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        result.push(scored.iter().map(|&(_, j)| j).collect());
    }
    result
}
