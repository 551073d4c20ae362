//! Checks that need travel times, so `gongpei_scenario::validate` cannot make them: every demand
//! record must be servable by at least one of its carrier's own vans within that van's shift
//! (the `separate` baseline every comparison plans). Each problem names the JSON path of the
//! field to change, so `scenario validate` finds what the planner would otherwise reject with
//! engine indices.

use gongpei_scenario::{Echelon, Problem};
use std::collections::BTreeMap;

use crate::world::World;
use crate::CoopError;

/// The shortest round trip of one demand record found over its carrier's vans.
#[derive(Clone, Copy)]
struct Shortfall {
    record: usize,
    round_trip_s: i64,
    base: usize,
}

/// Problems of shifts too short to serve a record at all: a van of type `t` based at `b` serves
/// village `v` only if `b -> v`, the service and `v -> b` fit in `t.max_shift_s`. A record
/// that no van of its carrier can serve so (refrigerated vans for chilled parcels, ambient
/// ones for the rest when the carrier has any, as `separate` plans them) is reported at
/// the `max_shift_s` of the carrier's longest-shift type, once per type, with the record that
/// needs the shortest trip as the example.
///
/// This is a necessary condition only (opening hours, capacities and the day end are checked
/// elsewhere), so whatever it reports no plan can fix.
pub fn shift_problems(world: &World<'_>) -> Result<Vec<Problem>, CoopError> {
    let scenario = world.scenario;
    let mut short: BTreeMap<usize, (usize, Shortfall)> = BTreeMap::new();
    for flow in &world.flows {
        if flow.parcels_in + flow.parcels_out + flow.kg_in + flow.kg_out == 0 {
            continue;
        }
        let carrier = &scenario.carriers[flow.carrier];
        let own = |spec: &&gongpei_scenario::VehicleTypeSpec| {
            spec.operator == carrier.id && spec.echelon == Echelon::Direct && spec.count > 0
        };
        // As `separate` plans them: chilled parcels on refrigerated vans; ambient ones on the
        // ambient vans, or on the refrigerated ones when the carrier has no other.
        let has_ambient = scenario
            .vehicle_types
            .iter()
            .filter(own)
            .any(|v| !v.refrigerated);
        let mut best: Option<Shortfall> = None;
        let mut longest: Option<usize> = None;
        let mut servable = false;
        for (i, spec) in scenario.vehicle_types.iter().enumerate() {
            let fits = if flow.chilled || !has_ambient {
                spec.refrigerated
            } else {
                !spec.refrigerated
            };
            if !(own(&spec) && fits) {
                continue;
            }
            if longest.is_none_or(|l| scenario.vehicle_types[l].max_shift_s < spec.max_shift_s) {
                longest = Some(i);
            }
            let bases: Vec<usize> = match &spec.base {
                Some(b) => vec![world.site(b, &format!("vehicle_types[{i}].base"))?],
                None => carrier
                    .depots
                    .iter()
                    .map(|d| world.site(d, &format!("carrier {}: depots", carrier.id)))
                    .collect::<Result<_, _>>()?,
            };
            for base in bases {
                let out = world.leg(spec.profile, base, flow.village)?.1;
                let back = world.leg(spec.profile, flow.village, base)?.1;
                let round_trip_s = out + flow.service_s + back;
                if round_trip_s <= spec.max_shift_s {
                    servable = true;
                }
                if best.as_ref().is_none_or(|b| round_trip_s < b.round_trip_s) {
                    best = Some(Shortfall {
                        record: flow.record,
                        round_trip_s,
                        base,
                    });
                }
            }
        }
        // No usable type at all is `validate`'s problem ("has demand but no direct vehicle
        // type"), reported there with its path.
        if let (false, Some(t), Some(b)) = (servable, longest, best) {
            let entry = short.entry(t).or_insert((0, b));
            entry.0 += 1;
            if b.round_trip_s < entry.1.round_trip_s {
                entry.1 = b;
            }
        }
    }
    Ok(short
        .into_iter()
        .map(|(t, (count, example))| {
            let spec = &scenario.vehicle_types[t];
            let demand = &scenario.demand[example.record];
            Problem {
                path: format!("vehicle_types[{t}].max_shift_s"),
                message: format!(
                    "a shift of {} s is too short: {count} demand record(s) of carrier {:?} cannot \
                     be served by any of its vans (e.g. demand[{}], village {:?}: {} s from {:?} and back, \
                     service included)",
                    spec.max_shift_s,
                    demand.carrier,
                    example.record,
                    demand.village,
                    example.round_trip_s,
                    scenario.sites[example.base].id
                ),
            }
        })
        .collect())
}

/// [`shift_problems`] as an error, for callers that stop at the first invalid scenario.
pub fn check_shifts(world: &World<'_>) -> Result<(), CoopError> {
    let problems = shift_problems(world)?;
    if problems.is_empty() {
        return Ok(());
    }
    Err(gongpei_scenario::ScenarioError::Invalid {
        origin: world.scenario.name.clone(),
        problems,
    }
    .into())
}
