//! Validation of a problem's parts: every check names the item and field at fault.

use super::extents::{worst_extents, TypeExtent};
use super::{ModelError, ModelErrorKind as Kind, ProblemData, UNBOUNDED};

fn label(kind: &str, index: usize, name: &str) -> String {
    if name.is_empty() {
        format!("{kind} {index}")
    } else {
        format!("{kind} {index} ({name:?})")
    }
}

fn err(kind: Kind, message: String) -> ModelError {
    ModelError::new(kind, message)
}

fn check_time(value: i64, what: impl FnOnce() -> String) -> Result<(), ModelError> {
    if value < 0 {
        return Err(err(
            Kind::Negative,
            format!("{} = {value} is negative", what()),
        ));
    }
    if value > UNBOUNDED {
        return Err(err(
            Kind::NotFinite,
            format!(
                "{} = {value} exceeds the largest supported value {UNBOUNDED}",
                what()
            ),
        ));
    }
    Ok(())
}

fn check_loads(values: &[i64], what: impl Fn(usize) -> String) -> Result<(), ModelError> {
    for (k, &v) in values.iter().enumerate() {
        if v < 0 {
            return Err(err(
                Kind::Negative,
                format!("{} = {v} is negative", what(k)),
            ));
        }
        if v > UNBOUNDED {
            return Err(err(
                Kind::NotFinite,
                format!("{} = {v} is too large", what(k)),
            ));
        }
    }
    Ok(())
}

pub(super) fn normalise_and_validate(data: &mut ProblemData) -> Result<(), ModelError> {
    if data.depots.is_empty() {
        return Err(err(Kind::Missing, "the problem has no depot".into()));
    }
    if data.vehicle_types.is_empty() {
        return Err(err(Kind::Missing, "the problem has no vehicle type".into()));
    }
    let dims = data.vehicle_types[0].capacity.len();
    data.num_load_dims = dims;

    validate_matrices(data)?;
    validate_depots(data)?;
    validate_vehicle_types(data, dims)?;
    normalise_and_validate_clients(data, dims)?;
    validate_magnitudes(data)?;
    validate_servability(data)
}

/// The load weight the search can always use (`search::penalty` starts at most there, and caps
/// every weight at what keeps weight times worst excess in range): loads summed over all clients
/// times this must stay in range.
const MAX_LOAD_PENALTY: i128 = 100_000;

/// Refuses problems whose figures could overflow `i64` while a route is priced or penalised (each
/// value alone may be in range while their products are not): every sum of loads times the largest
/// load penalty, and for each vehicle type the worst route cost and the penalised worst distance
/// and time warp, bounded by every client on one route over the longest arcs.
fn validate_magnitudes(data: &ProblemData) -> Result<(), ModelError> {
    let limit = i128::from(UNBOUNDED);
    let extents = worst_extents(data);
    // A route's excess load is summed over the dimensions, so the bound is on the grand total.
    let total = extents.total_load;
    if total * MAX_LOAD_PENALTY > limit {
        return Err(err(
            Kind::NotFinite,
            format!(
                "the clients' deliveries and pickups add up to {total}, over {}, the largest \
                 total the solver can price",
                limit / MAX_LOAD_PENALTY
            ),
        ));
    }
    for (v, (vt, extent)) in data.vehicle_types.iter().zip(&extents.per_type).enumerate() {
        let TypeExtent { distance, duration } = *extent;
        let unit = i128::from(vt.unit_distance_cost.max(vt.unit_duration_cost).max(1));
        let cost = i128::from(vt.fixed_cost)
            + i128::from(vt.unit_distance_cost) * distance
            + i128::from(vt.unit_duration_cost) * duration;
        if cost > limit || unit * distance > limit || unit * duration > limit {
            let who = label("vehicle type", v, &vt.name);
            return Err(err(
                Kind::NotFinite,
                format!(
                    "{who}: a route could cost {cost} (distance up to {distance}, duration up to \
                     {duration}, unit costs {} and {}), over {UNBOUNDED}, the largest supported \
                     value: scale the costs or the matrices down",
                    vt.unit_distance_cost, vt.unit_duration_cost
                ),
            ));
        }
    }
    Ok(())
}

fn validate_matrices(data: &ProblemData) -> Result<(), ModelError> {
    let n = data.num_locations();
    if data.distances.is_empty() {
        return Err(err(
            Kind::Missing,
            "the problem has no distance matrix".into(),
        ));
    }
    if data.distances.len() != data.durations.len() {
        return Err(err(
            Kind::Dimension,
            format!(
                "{} distance matrices but {} duration matrices: give one of each per profile",
                data.distances.len(),
                data.durations.len()
            ),
        ));
    }
    for (what, list) in [("distance", &data.distances), ("duration", &data.durations)] {
        for (p, m) in list.iter().enumerate() {
            if m.size() != n {
                return Err(err(
                    Kind::Dimension,
                    format!(
                        "{what} matrix of profile {p} is {size} x {size}, expected {n} x {n} \
                         ({} depots + {} clients)",
                        data.depots.len(),
                        data.clients.len(),
                        size = m.size(),
                    ),
                ));
            }
            // A duration matrix sharing the distance matrix's storage was just checked.
            let checked = what == "duration" && m.shares_storage_with(&data.distances[p]);
            let bad = if checked {
                None
            } else {
                m.as_slice()
                    .iter()
                    .position(|&v| !(0..=UNBOUNDED).contains(&v))
            };
            if let Some(k) = bad {
                return Err(err(
                    Kind::Negative,
                    format!(
                        "{what} matrix of profile {p}: entry ({}, {}) = {} is negative or too large",
                        k / n,
                        k % n,
                        m.as_slice()[k]
                    ),
                ));
            }
        }
    }
    Ok(())
}

fn validate_depots(data: &ProblemData) -> Result<(), ModelError> {
    for (d, depot) in data.depots.iter().enumerate() {
        let who = label("depot", d, &depot.name);
        check_time(depot.tw_early, || format!("{who}: tw_early"))?;
        check_time(depot.tw_late, || format!("{who}: tw_late"))?;
        if depot.tw_early > depot.tw_late {
            return Err(err(
                Kind::EmptyWindow,
                format!(
                    "{who}: tw_early = {} is after tw_late = {}",
                    depot.tw_early, depot.tw_late
                ),
            ));
        }
    }
    Ok(())
}

fn validate_vehicle_types(data: &ProblemData, dims: usize) -> Result<(), ModelError> {
    for (v, vt) in data.vehicle_types.iter().enumerate() {
        let who = label("vehicle type", v, &vt.name);
        if vt.count == 0 {
            return Err(err(Kind::Missing, format!("{who}: count is 0")));
        }
        if vt.capacity.len() != dims {
            return Err(err(
                Kind::Dimension,
                format!(
                    "{who}: capacity has {} dimensions, but vehicle type 0 has {dims}",
                    vt.capacity.len()
                ),
            ));
        }
        check_loads(&vt.capacity, |k| format!("{who}: capacity[{k}]"))?;
        for (field, depot) in [("start_depot", vt.start_depot), ("end_depot", vt.end_depot)] {
            if depot >= data.depots.len() {
                return Err(err(
                    Kind::Reference,
                    format!(
                        "{who}: {field} = {depot} but there are only {} depots",
                        data.depots.len()
                    ),
                ));
            }
        }
        if vt.profile >= data.distances.len() {
            return Err(err(
                Kind::Reference,
                format!(
                    "{who}: profile = {} but there are only {} matrix profiles",
                    vt.profile,
                    data.distances.len()
                ),
            ));
        }
        check_time(vt.tw_early, || format!("{who}: tw_early"))?;
        check_time(vt.tw_late, || format!("{who}: tw_late"))?;
        if vt.tw_early > vt.tw_late {
            return Err(err(
                Kind::EmptyWindow,
                format!(
                    "{who}: tw_early = {} is after tw_late = {}",
                    vt.tw_early, vt.tw_late
                ),
            ));
        }
        check_time(vt.max_duration, || format!("{who}: max_duration"))?;
        check_time(vt.max_distance, || format!("{who}: max_distance"))?;
        for (field, value) in [
            ("fixed_cost", vt.fixed_cost),
            ("unit_distance_cost", vt.unit_distance_cost),
            ("unit_duration_cost", vt.unit_duration_cost),
        ] {
            check_time(value, || format!("{who}: {field}"))?;
        }
    }
    Ok(())
}

fn normalise_and_validate_clients(data: &mut ProblemData, dims: usize) -> Result<(), ModelError> {
    let types = data.vehicle_types.len();
    for (c, client) in data.clients.iter_mut().enumerate() {
        let who = label("client", c, &client.name);
        for (field, loads) in [
            ("delivery", &mut client.delivery),
            ("pickup", &mut client.pickup),
        ] {
            if loads.is_empty() {
                loads.resize(dims, 0);
            }
            if loads.len() != dims {
                return Err(err(
                    Kind::Dimension,
                    format!(
                        "{who}: {field} has {} dimensions, but vehicle capacities have {dims}",
                        loads.len()
                    ),
                ));
            }
            check_loads(loads, |k| format!("{who}: {field}[{k}]"))?;
        }
        check_time(client.service_duration, || {
            format!("{who}: service_duration")
        })?;
        check_time(client.tw_early, || format!("{who}: tw_early"))?;
        check_time(client.tw_late, || format!("{who}: tw_late"))?;
        if client.tw_early > client.tw_late {
            return Err(err(
                Kind::EmptyWindow,
                format!(
                    "{who}: tw_early = {} is after tw_late = {}",
                    client.tw_early, client.tw_late
                ),
            ));
        }
        check_time(client.prize, || format!("{who}: prize"))?;
        if let Some(&v) = client.forbidden_vehicle_types.iter().find(|&&v| v >= types) {
            return Err(err(
                Kind::Reference,
                format!(
                    "{who}: forbidden_vehicle_types names vehicle type {v} but there are only \
                     {types} vehicle types"
                ),
            ));
        }
    }
    Ok(())
}

/// Why a vehicle type cannot serve a client on a route of its own, if it cannot.
fn direct_visit_problem(data: &ProblemData, c: usize, v: usize) -> Option<String> {
    if let Some(why) = data.incompatibility(c, v) {
        return Some(why.to_string());
    }
    let client = &data.clients[c];
    let vt = &data.vehicle_types[v];
    if let Some(k) = (0..data.num_load_dims)
        .find(|&k| client.delivery[k] > vt.capacity[k] || client.pickup[k] > vt.capacity[k])
    {
        return Some(format!(
            "load dimension {k}: delivery {} / pickup {} exceed capacity {}",
            client.delivery[k], client.pickup[k], vt.capacity[k]
        ));
    }
    let loc = data.client_location(c);
    let dur = &data.durations[vt.profile];
    let start = &data.depots[vt.start_depot];
    let end = &data.depots[vt.end_depot];
    let leave = vt.tw_early.max(start.tw_early);
    let arrive = leave + dur.get(vt.start_depot, loc);
    if arrive > client.tw_late {
        return Some(format!(
            "earliest arrival {arrive} from depot {} is after tw_late = {}",
            vt.start_depot, client.tw_late
        ));
    }
    let back = arrive.max(client.tw_early) + client.service_duration + dur.get(loc, vt.end_depot);
    let latest_return = vt.tw_late.min(end.tw_late);
    if back > latest_return {
        return Some(format!(
            "earliest return {back} to depot {} is after the shift/depot end {latest_return}",
            vt.end_depot
        ));
    }
    let shortest =
        dur.get(vt.start_depot, loc) + client.service_duration + dur.get(loc, vt.end_depot);
    if shortest > vt.max_duration {
        return Some(format!(
            "a direct round trip takes {shortest}, over max_duration = {}",
            vt.max_duration
        ));
    }
    let dist = &data.distances[vt.profile];
    let round_trip = dist.get(vt.start_depot, loc) + dist.get(loc, vt.end_depot);
    if round_trip > vt.max_distance {
        return Some(format!(
            "a direct round trip is {round_trip} long, over max_distance = {}",
            vt.max_distance
        ));
    }
    None
}

fn validate_servability(data: &ProblemData) -> Result<(), ModelError> {
    for c in 0..data.clients.len() {
        if !data.clients[c].required {
            // An optional client may be unservable on load or time (it is then never visited),
            // but one that no vehicle type may carry at all is a modelling mistake.
            let all_barred = (0..data.vehicle_types.len()).all(|v| !data.can_serve(v, c));
            if all_barred {
                let who = label("client", c, &data.clients[c].name);
                let reasons: Vec<String> = (0..data.vehicle_types.len())
                    .filter_map(|v| {
                        let vt = &data.vehicle_types[v];
                        let why = data.incompatibility(c, v)?;
                        Some(format!("{}: {why}", label("vehicle type", v, &vt.name)))
                    })
                    .collect();
                return Err(err(
                    Kind::Unservable,
                    format!(
                        "{who} cannot be served by any vehicle type ({})",
                        reasons.join("; ")
                    ),
                ));
            }
            continue;
        }
        let mut reasons = Vec::new();
        for v in 0..data.vehicle_types.len() {
            match direct_visit_problem(data, c, v) {
                None => {
                    reasons.clear();
                    break;
                }
                Some(why) => {
                    let vt = &data.vehicle_types[v];
                    reasons.push(format!("{}: {why}", label("vehicle type", v, &vt.name)));
                }
            }
        }
        if !reasons.is_empty() {
            let who = label("client", c, &data.clients[c].name);
            return Err(err(
                Kind::Unservable,
                format!(
                    "{who} cannot be served by any vehicle type ({})",
                    reasons.join("; ")
                ),
            ));
        }
    }
    Ok(())
}
