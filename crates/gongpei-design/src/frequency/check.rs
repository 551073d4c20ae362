//! The week's own check, beside each day's plan checker: every parcel of the week is delivered
//! (or collected) on a visit day of its village within the lead-time target, on a plan that
//! serves it, and each record's volumes summed over the week are seven days of demand.

use std::collections::HashSet;

use gongpei_scenario::Scenario;

use super::days::PlannedDay;
use super::pattern::{mask_text, VisitPattern, DAYS};
use super::week::Villages;

/// Day records (indices into that day's demand) served by the day's plan: at a route stop or
/// on a bus run.
pub(crate) fn served_records(day: &PlannedDay) -> HashSet<usize> {
    let mut served: HashSet<usize> = HashSet::new();
    for r in &day.plan.routes {
        for s in &r.stops {
            served.extend(s.flows.iter().copied());
        }
    }
    for b in &day.plan.bus {
        served.extend(b.flows.iter().copied());
    }
    served
}

/// What the week breaks, one line each (empty: every parcel within target, totals preserved,
/// every day checker-clean).
pub(crate) fn check_week(
    base: &Scenario,
    villages: &Villages,
    patterns: &[VisitPattern],
    max_wait_days: usize,
    days: &[PlannedDay],
) -> Vec<String> {
    let mut problems = Vec::new();
    for (v, p) in patterns.iter().enumerate() {
        if p.longest_gap() > max_wait_days {
            problems.push(format!(
                "village {}: pattern {} waits up to {} days, over the target of {max_wait_days}",
                base.sites[villages.sites[v]].id,
                p,
                p.longest_gap()
            ));
        }
    }
    let n = base.demand.len();
    let mut week = vec![[0i64; 4]; n];
    let mut served_days = vec![0u8; n];
    for (d, day) in days.iter().enumerate() {
        for line in &day.figures.violations {
            problems.push(format!("day {d}: {line}"));
        }
        let served = served_records(day);
        for (i, r) in day.day.scenario.demand.iter().enumerate() {
            let k = day.day.base_record[i];
            let w = &mut week[k];
            w[0] += r.parcels_in;
            w[1] += r.kg_in;
            w[2] += r.parcels_out;
            w[3] += r.kg_out;
            let volume = r.parcels_in + r.parcels_out + r.kg_in + r.kg_out;
            if volume > 0 && !served.contains(&i) {
                problems.push(format!(
                    "day {d}: demand[{k}] (village {}, carrier {}) is not served",
                    r.village, r.carrier
                ));
            }
            served_days[k] |= 1 << d;
        }
    }
    for (k, r) in base.demand.iter().enumerate() {
        let g = DAYS as i64;
        let expected = [
            r.parcels_in * g,
            r.kg_in * g,
            r.parcels_out * g,
            r.kg_out * g,
        ];
        if week[k] != expected {
            problems.push(format!(
                "demand[{k}] (village {}, carrier {}): the week carries {:?} (parcels in, kg in, parcels out, kg out), not 7 days of demand {:?}",
                r.village, r.carrier, week[k], expected
            ));
        }
        let wanted = match villages.of_record[k] {
            Some(v) => patterns[v].mask,
            None => (1u8 << DAYS) - 1,
        };
        if served_days[k] != wanted {
            problems.push(format!(
                "demand[{k}] (village {}): in the day scenarios of days {} (day 0 first), its pattern is {}",
                r.village,
                mask_text(served_days[k]),
                mask_text(wanted)
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frequency::days::DayPlanner;
    use crate::frequency::pattern::PatternFamily;
    use crate::Evaluation;
    use gongpei_coop::{Effort, Mode};
    use gongpei_scenario::generate::{generate, Preset};
    use std::sync::Arc;

    /// The small preset with its first four villages' demand, planned as a three-day week.
    fn planned_week() -> (Scenario, Villages, Vec<VisitPattern>, Vec<PlannedDay>) {
        let mut s = generate(Preset::Small, 1).unwrap();
        let mut kept: Vec<String> = Vec::new();
        for d in &s.demand {
            if !kept.contains(&d.village) && kept.len() < 4 {
                kept.push(d.village.clone());
            }
        }
        s.demand.retain(|d| kept.contains(&d.village));
        let villages = Villages::of(&s);
        let patterns: Vec<VisitPattern> = (0..villages.len())
            .map(|v| VisitPattern::new(PatternFamily::ThreeDays, v as u8))
            .collect();
        let evaluation = Evaluation {
            modes: vec![Mode::PostalExpress],
            effort: Effort {
                seed: 1,
                iterations: 0,
                clients_per_step: 0,
                strategy: gongpei_core::Strategy::IteratedLocalSearch,
            },
            control: None,
        };
        let days = {
            let mut planner = DayPlanner::new(&s, &villages, &evaluation, Mode::PostalExpress, 6.0);
            planner.plan_week(&patterns).unwrap()
        };
        (s, villages, patterns, days)
    }

    #[test]
    fn a_clean_week_passes_and_each_broken_promise_is_named() {
        let (s, villages, patterns, days) = planned_week();
        assert_eq!(
            check_week(&s, &villages, &patterns, 3, &days),
            Vec::<String>::new()
        );
        // Three days a week waits up to 3 days: over a 2-day target.
        let over = check_week(&s, &villages, &patterns, 2, &days);
        assert_eq!(over.len(), villages.len(), "{over:?}");
        assert!(over[0].contains("over the target of 2"), "{over:?}");
        // A day that carries one parcel too many breaks the week's totals.
        let mut tampered = days.clone();
        let (d, i) = (0..7)
            .find_map(|d| {
                let demand = &tampered[d].day.scenario.demand;
                (!demand.is_empty()).then_some((d, 0))
            })
            .unwrap();
        let mut day = (*tampered[d].day).clone();
        day.scenario.demand[i].parcels_in += 1;
        tampered[d].day = Arc::new(day);
        let broken = check_week(&s, &villages, &patterns, 3, &tampered);
        assert!(
            broken.iter().any(|l| l.contains("not 7 days of demand")),
            "{broken:?}"
        );
        // A day plan that lost its routes leaves that day's records unserved.
        let mut lost = days.clone();
        let mut plan = (*lost[0].plan).clone();
        plan.routes.clear();
        plan.bus.clear();
        lost[0].plan = Arc::new(plan);
        let unserved = check_week(&s, &villages, &patterns, 3, &lost);
        assert!(
            unserved
                .iter()
                .any(|l| l.starts_with("day 0:") && l.contains("is not served")),
            "{unserved:?}"
        );
    }
}
