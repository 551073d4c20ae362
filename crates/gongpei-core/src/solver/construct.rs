//! Construction heuristics: cheapest feasible insertion, one client at a time (O(n^2) route
//! evaluations, for small problems), and Clarke-Wright savings over granular neighbour pairs
//! ([`savings_solution`], for any size).

mod savings;

pub(crate) use savings::savings_solution;

use crate::{ProblemData, Route, Solution};

/// Inserts clients one by one at their cheapest position that keeps the solution feasible,
/// opening a new route of the cheapest available vehicle type when none does. Clients that fit
/// nowhere go on the cheapest position regardless (the report then lists what is broken).
pub(crate) fn greedy_insertion(data: &ProblemData) -> Solution {
    let mut routes: Vec<Route> = Vec::new();
    let mut used = vec![0usize; data.num_vehicle_types()];
    for c in 0..data.num_clients() {
        let mut best: Option<(i64, usize, usize)> = None;
        let mut best_any: Option<(i64, usize, usize)> = None;
        for (r, route) in routes.iter().enumerate() {
            let before = Solution::new(vec![route.clone()]).evaluate_route_only(data);
            for pos in 0..=route.visits.len() {
                let mut candidate = route.clone();
                candidate.visits.insert(pos, c);
                let (cost, ok) = Solution::new(vec![candidate]).evaluate_route_only(data);
                let delta = cost - before.0;
                if ok && best.is_none_or(|b| delta < b.0) {
                    best = Some((delta, r, pos));
                }
                if best_any.is_none_or(|b| delta < b.0) {
                    best_any = Some((delta, r, pos));
                }
            }
        }
        let new_route = (0..data.num_vehicle_types())
            .filter(|&v| used[v] < data.vehicle_type(v).count)
            .map(|v| {
                let (cost, ok) = Solution::new(vec![Route {
                    vehicle_type: v,
                    visits: vec![c],
                }])
                .evaluate_route_only(data);
                (cost, ok, v)
            })
            .filter(|&(_, ok, _)| ok)
            .min_by_key(|&(cost, _, _)| cost);
        let use_existing = match (best, new_route) {
            (Some((delta, _, _)), Some((cost, _, _))) => delta <= cost,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if use_existing {
            let (_, r, pos) = best.expect("checked above");
            routes[r].visits.insert(pos, c);
        } else if let Some((_, _, v)) = new_route {
            used[v] += 1;
            routes.push(Route {
                vehicle_type: v,
                visits: vec![c],
            });
        } else if let Some((_, r, pos)) = best_any {
            routes[r].visits.insert(pos, c);
        } else {
            used[0] += 1;
            routes.push(Route {
                vehicle_type: 0,
                visits: vec![c],
            });
        }
    }
    Solution::new(routes)
}

impl Solution {
    /// Cost and capacity/time feasibility of the routes alone (fleet and coverage ignored).
    fn evaluate_route_only(&self, data: &ProblemData) -> (i64, bool) {
        let report = self.evaluate(data);
        let ok = report.violations.iter().all(|v| {
            matches!(
                v,
                crate::Violation::MissingClient { .. } | crate::Violation::FleetSize { .. }
            )
        });
        (report.cost - report.uncollected_prizes, ok)
    }
}
