//! Estimated change in a day's cost when a village is taken off, or put on, that day's planned
//! routes: the removal saving of its stops (detour, service time and, for a route left empty,
//! the vehicle's fixed cost) and the cheapest insertion into a route of the same kind, from the
//! world's travel matrices. Only an estimate to rank pattern moves: every move is judged by
//! re-planning the days it touches.

use gongpei_coop::plan::{Leg, PlannedRoute};
use gongpei_coop::{Plan, World};

/// The kind of route a village's ambient parcels ride: same leg, operator, vehicle and base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RouteKind {
    leg: Leg,
    operator: String,
    vehicle: String,
    base: usize,
}

impl RouteKind {
    fn of(r: &PlannedRoute) -> RouteKind {
        RouteKind {
            leg: r.leg,
            operator: r.operator.clone(),
            vehicle: r.vehicle.clone(),
            base: r.start_site,
        }
    }
}

/// Routes whose stops carry ambient village flows (cold routes stay daily, trunks and feeders
/// move volume between hubs).
fn carries_villages(r: &PlannedRoute) -> bool {
    matches!(r.leg, Leg::Direct | Leg::LastMile)
}

/// Cost of driving `a -> b` on route `r`, yuan.
fn leg_cost(world: &World<'_>, r: &PlannedRoute, a: usize, b: usize) -> f64 {
    let (per_km, per_h) = world.unit_costs(&r.vehicle);
    match world.leg(r.profile, a, b) {
        Ok((m, s)) => m as f64 / 1000.0 * per_km + s as f64 / 3600.0 * per_h,
        Err(_) => f64::INFINITY,
    }
}

fn fixed_cost(world: &World<'_>, vehicle: &str) -> f64 {
    world
        .scenario
        .vehicle_types
        .iter()
        .find(|v| v.id == vehicle)
        .map_or(0.0, |v| v.fixed_cost_per_day)
}

/// What a village's stops cost on one day's plan, and the kinds of route serving it.
#[derive(Debug, Clone, Default)]
pub(crate) struct StopCosts {
    /// Saving of removing every ambient stop at the site that day, yuan.
    pub removal_saving: f64,
    /// Route kinds with a stop at the site, with the stop's service time (s).
    pub kinds: Vec<(RouteKind, i64)>,
}

/// Removal saving of `site`'s stops on `plan` and the kinds of route that serve it.
pub(crate) fn stop_costs(world: &World<'_>, plan: &Plan, site: usize) -> StopCosts {
    let mut out = StopCosts::default();
    for r in plan.routes.iter().filter(|r| carries_villages(r)) {
        let path = r.site_path();
        let at: Vec<usize> = (1..path.len() - 1).filter(|&i| path[i] == site).collect();
        if at.is_empty() {
            continue;
        }
        let (_, per_h) = world.unit_costs(&r.vehicle);
        let mut service = 0;
        for &i in &at {
            let stop = &r.stops[i - 1];
            service += stop.departure_s - stop.service_start_s;
        }
        if at.len() == r.stops.len() {
            out.removal_saving += r.cost;
        } else {
            let kept: Vec<usize> = path
                .iter()
                .enumerate()
                .filter(|(i, _)| !at.contains(i))
                .map(|(_, &s)| s)
                .collect();
            let before: f64 = path
                .windows(2)
                .map(|w| leg_cost(world, r, w[0], w[1]))
                .sum();
            let after: f64 = kept
                .windows(2)
                .map(|w| leg_cost(world, r, w[0], w[1]))
                .sum();
            out.removal_saving += before - after + service as f64 / 3600.0 * per_h;
        }
        out.kinds.push((RouteKind::of(r), service));
    }
    out
}

/// Cheapest cost of inserting a stop at `site` of each listed kind into `plan`'s routes of that
/// kind (a new out-and-back route with its fixed cost when the day has none), yuan.
pub(crate) fn insertion_cost(
    world: &World<'_>,
    plan: &Plan,
    site: usize,
    kinds: &[(RouteKind, i64)],
) -> f64 {
    let mut total = 0.0;
    for (kind, service_s) in kinds {
        let mut best = f64::INFINITY;
        let mut unit = (0.0, 0.0);
        for r in plan
            .routes
            .iter()
            .filter(|r| carries_villages(r) && RouteKind::of(r) == *kind)
        {
            unit = world.unit_costs(&r.vehicle);
            let path = r.site_path();
            for w in path.windows(2) {
                let delta = leg_cost(world, r, w[0], site) + leg_cost(world, r, site, w[1])
                    - leg_cost(world, r, w[0], w[1]);
                best = best.min(delta);
            }
        }
        if best.is_finite() {
            total += best + *service_s as f64 / 3600.0 * unit.1;
            continue;
        }
        // No route of this kind that day: a vehicle of the kind goes out and back.
        let Some(spec) = world
            .scenario
            .vehicle_types
            .iter()
            .find(|v| v.id == kind.vehicle)
        else {
            return f64::INFINITY;
        };
        let out_back = |a: usize, b: usize| match world.leg(spec.profile, a, b) {
            Ok((m, s)) => {
                m as f64 / 1000.0 * spec.cost_per_km + s as f64 / 3600.0 * spec.cost_per_hour
            }
            Err(_) => f64::INFINITY,
        };
        total += fixed_cost(world, &kind.vehicle)
            + out_back(kind.base, site)
            + out_back(site, kind.base)
            + *service_s as f64 / 3600.0 * spec.cost_per_hour;
    }
    total
}
