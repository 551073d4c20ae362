//! Plain-text tables for the terminal: modes, carriers, allocation, checks.

use std::fmt::Write;

use crate::compare::Comparison;

fn hours(h: f64) -> String {
    format!("{:.1} h", h)
}

/// Distinct sites where a route stop or a bus load serves demand flows.
fn villages_visited(plan: &crate::plan::Plan) -> usize {
    let mut sites = std::collections::BTreeSet::new();
    for r in &plan.routes {
        sites.extend(
            r.stops
                .iter()
                .filter(|st| !st.flows.is_empty())
                .map(|st| st.site),
        );
    }
    for b in plan.bus.iter().filter(|b| !b.flows.is_empty()) {
        sites.insert(if b.inbound {
            b.alight_site
        } else {
            b.board_site
        });
    }
    sites.len()
}

/// Who pays what per day, and per parcel: the plan, the facilities' capital and running cost,
/// the county's subsidies (finance section of the scenario).
fn money(c: &Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Money per day (CNY; capital amortised over each facility's life; subsidies from finance.subsidies):"
    );
    let _ = writeln!(
        s,
        "{:<17} {:>10} {:>9} {:>9} {:>10} {:>9} {:>10} {:>8} {:>9} {:>9}",
        "mode",
        "operating",
        "capital",
        "running",
        "total",
        "county",
        "operators",
        "parcels",
        "CNY/parc",
        "oper/parc"
    );
    for m in &c.modes {
        let f = &m.finance;
        let _ = writeln!(
            s,
            "{:<17} {:>10.1} {:>9.1} {:>9.1} {:>10.1} {:>9.1} {:>10.1} {:>8} {:>9.3} {:>9.3}{}",
            m.mode.name(),
            f.operating_cost,
            f.capital_per_day,
            f.facilities_per_day,
            f.total_cost,
            f.county_subsidy,
            f.operators_cost,
            f.parcels,
            f.cost_per_parcel,
            f.operators_cost_per_parcel,
            if f.budget_binding {
                "  (county budget binding: subsidies scaled down)"
            } else {
                ""
            }
        );
    }
    s
}

/// Each stakeholder's net cost per mode (a row per stakeholder, a column per mode), with the
/// system cost they add up to.
fn stakeholders(c: &Comparison) -> String {
    let mut s = String::new();
    let Some(first) = c.modes.first() else {
        return s;
    };
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Stakeholders' net cost per day (CNY; negative: a gain; fees, commissions and subsidies are transfers between them):"
    );
    let _ = write!(s, "{:<34}", "stakeholder");
    for m in &c.modes {
        let _ = write!(s, " {:>12}", truncated(m.mode.name(), 12));
    }
    let _ = writeln!(s);
    let rows: Vec<Vec<crate::stakeholders::AccountRow>> =
        c.modes.iter().map(|m| m.stakeholders.rows()).collect();
    for (k, r) in first.stakeholders.rows().iter().enumerate() {
        let label = format!("{} {}", r.kind, r.name);
        let _ = write!(s, "{:<34}", truncated(&label, 34));
        for mode_rows in &rows {
            let _ = write!(
                s,
                " {:>12.1}",
                mode_rows.get(k).map_or(f64::NAN, |r| r.net_cost)
            );
        }
        let _ = writeln!(s);
    }
    for (label, value) in [
        (
            "sum of net costs",
            (|m: &crate::compare::ModeResult| m.stakeholders.net_cost_total)
                as fn(&crate::compare::ModeResult) -> f64,
        ),
        ("system cost", |m| m.stakeholders.system_cost),
    ] {
        let _ = write!(s, "{label:<34}");
        for m in &c.modes {
            let _ = write!(s, " {:>12.1}", value(m));
        }
        let _ = writeln!(s);
    }
    let k = &first.stakeholders.station_keepers;
    let _ = writeln!(
        s,
        "(system cost: routes (the commerce partners' own vans included), handling, facilities and the bus operators' marginal cost; station commission {:.2} CNY/parcel)",
        k.commission_per_parcel
    );
    s
}

/// Each bus line's fee range, when the comparison found them.
fn fee_ranges(c: &Comparison) -> String {
    let mut s = String::new();
    let Some(ranges) = &c.fee_ranges else {
        return s;
    };
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "Bus fee range per line (交邮合作; min covers the operator's marginal cost, max is the highest fee at which the carriers still ride; CNY/parcel):"
    );
    let _ = writeln!(
        s,
        "{:<14} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>10} {:>6}",
        "line", "fee", "parcels", "kg", "min", "max", "inside", "saving", "plans"
    );
    let opt = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.2}"));
    for r in ranges {
        let max = if r.max_bounded {
            opt(r.max_fee_per_parcel)
        } else {
            format!(">{}", opt(r.max_fee_per_parcel))
        };
        let min = if r.min_from_today || r.min_fee_per_parcel.is_none() {
            opt(r.min_fee_per_parcel)
        } else {
            format!("{}*", opt(r.min_fee_per_parcel))
        };
        let inside = r.today_inside.map_or("-", |x| if x { "yes" } else { "no" });
        let _ = writeln!(
            s,
            "{:<14} {:>8.2} {:>8} {:>8} {:>8} {:>8} {:>7} {:>10.1} {:>6}",
            truncated(&r.line, 14),
            r.fee_per_parcel,
            r.parcels,
            r.kg,
            min,
            max,
            inside,
            r.carrier_saving,
            r.plans
        );
    }
    let _ = writeln!(
        s,
        "(saving: the carriers' day with the line priced out less today's; * min from the loads when free; >: still ridden at the largest fee tried)"
    );
    s
}

/// `text` cut to at most `width` characters (names are free text of the scenario).
fn truncated(text: &str, width: usize) -> String {
    text.chars().take(width).collect()
}

/// The comparison as aligned text tables.
pub fn text(c: &Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Scenario {}: {} carriers, engine {} iterations per sub-problem, seed {}",
        c.scenario,
        c.carriers.len(),
        c.iterations_per_subproblem,
        c.seed
    );
    if c.hurried {
        let _ = writeln!(
            s,
            "HURRIED (interrupted): {} sub-problems were solved with a shortened search (stopped at their best so far, or construction-only); the figures are not those of the full effort",
            c.subproblems_hurried
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<17} {:>11} {:>10} {:>6} {:>9} {:>8} {:>9} {:>8} {:>8} {:>9} {:>8} {:>9} {:>8}",
        "mode",
        "cost CNY",
        "veh-km",
        "veh",
        "drv-h",
        "bus pcl",
        "pcl/km",
        "lead avg",
        "lead max",
        "CO2 kg",
        "villages",
        "saving",
        "saving%"
    );
    for m in &c.modes {
        let k = &m.kpis;
        let _ = writeln!(
            s,
            "{:<17} {:>11.1} {:>10.1} {:>6} {:>9.1} {:>8} {:>9.2} {:>8} {:>8} {:>9.1} {:>8} {:>9} {:>8}",
            m.mode.name(),
            k.cost,
            k.vehicle_km,
            k.vehicles,
            k.driver_hours,
            k.bus_parcels,
            k.parcels_per_vehicle_km,
            hours(k.avg_lead_time_h),
            hours(k.worst_lead_time_h),
            k.co2_kg,
            k.villages_served,
            m.saving.map_or("infeasible".into(), |x| format!("{x:.1}")),
            m.saving_pct.map_or("-".into(), |x| format!("{x:.1}%"))
        );
    }
    let _ = writeln!(s);
    for m in &c.modes {
        let parts = &m.kpis;
        // The commerce partners' B2B goods, the same in every mode, and what their own vans cost.
        let b2b = if parts.b2b_cases > 0 {
            format!(
                "; B2B {} cases (partners' own vans {:.1})",
                parts.b2b_cases, parts.commerce_own_cost
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "{:<17} cost parts: fixed {:.1}, distance {:.1}, time {:.1}, bus fees {:.1}, handling {:.1}{b2b}; check: {}",
            m.mode.name(),
            parts.fixed_cost,
            parts.distance_cost,
            parts.time_cost,
            parts.bus_fees,
            parts.handling_cost,
            if m.check.is_ok() { "feasible (independent checker)".to_string() } else { format!("{} problems, first: {}", m.check.errors.len(), m.check.errors[0]) }
        );
    }
    s.push_str(&money(c));
    s.push_str(&stakeholders(c));
    s.push_str(&fee_ranges(c));
    s.push_str(&crate::breakdown::text(c));
    let coverage: Vec<String> = c
        .modes
        .iter()
        .map(|m| {
            format!(
                "{} {}/{}",
                m.mode.name(),
                villages_visited(&m.plan),
                c.villages_total
            )
        })
        .collect();
    let _ = writeln!(
        s,
        "villages served (visited by a route or a bus with their flows): {}",
        coverage.join(", ")
    );
    if let Some(base) = c.modes.first() {
        let _ = writeln!(s);
        let _ = writeln!(s, "Per carrier, separate mode (own fleet):");
        let _ = writeln!(
            s,
            "{:<12} {:>10} {:>9} {:>5} {:>8} {:>9} {:>9}",
            "carrier", "cost CNY", "veh-km", "veh", "parcels", "villages", "lead avg"
        );
        for (i, k) in base.carriers.iter().enumerate() {
            let _ = writeln!(
                s,
                "{:<12} {:>10.1} {:>9.1} {:>5} {:>8} {:>9} {:>9}",
                c.carriers[i],
                k.cost,
                k.vehicle_km,
                k.vehicles,
                k.parcels,
                k.villages_served,
                hours(k.avg_lead_time_h)
            );
        }
    }
    if let Some(a) = &c.allocation {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "Allocation of the {} joint cost {:.1} CNY ({} coalitions solved at {} iterations, costs x {:.4} to the mode plan's effort):",
            a.mode.name(),
            a.joint_cost,
            a.coalitions_solved,
            c.coalition_iterations_per_subproblem,
            a.effort_calibration
        );
        let _ = write!(s, "{:<12} {:>11}", "carrier", "stand-alone");
        for (r, _) in &a.rules {
            let _ = write!(s, " {:>20}", r.rule);
        }
        let _ = writeln!(s);
        for (i, name) in a.carriers.iter().enumerate() {
            let _ = write!(s, "{:<12} {:>11.1}", name, a.standalone[i]);
            for (r, _) in &a.rules {
                let ci = r
                    .ci95
                    .as_ref()
                    .map_or(String::new(), |c| format!("±{:.1}", c[i]));
                let _ = write!(s, " {:>20}", format!("{:.1}{ci}", r.shares[i]));
            }
            let _ = writeln!(s);
        }
        let _ = write!(
            s,
            "{:<12} {:>11.1}",
            "sum",
            a.standalone.iter().sum::<f64>()
        );
        for (r, _) in &a.rules {
            let _ = write!(s, " {:>20.1}", r.shares.iter().sum::<f64>());
        }
        let _ = writeln!(s);
        if a.county_subsidy > 0.0 {
            let _ = writeln!(
                s,
                "{:<12} {:>11} county pays {:.1} CNY/day beside the carriers' shares (finance.subsidies)",
                "county", "", a.county_subsidy
            );
        }
        for (r, core) in &a.rules {
            let verdict = if core.in_core() {
                "in the core".to_string()
            } else {
                let names: Vec<String> = core
                    .blocking
                    .iter()
                    .take(3)
                    .map(|b| b.coalition.label(&a.carriers))
                    .collect();
                format!(
                    "NOT in the core: {} blocking coalitions (e.g. {})",
                    core.blocking.len(),
                    names.join(", ")
                )
            };
            let ir = if core.irrational_players.is_empty() {
                "individually rational".to_string()
            } else {
                format!(
                    "not individually rational for {:?}",
                    core.irrational_players
                )
            };
            let note = r
                .note
                .as_deref()
                .map_or(String::new(), |n| format!(" [{n}]"));
            let _ = writeln!(s, "  {:<20} {verdict}; {ir}{note}", r.rule);
        }
        if let (Some(eps), Some(empty)) = (a.least_core_epsilon, a.core_empty) {
            let _ = writeln!(
                s,
                "  least core: epsilon* = {eps:.1} CNY ({})",
                if empty {
                    "core EMPTY: no allocation keeps every coalition at or below its stand-alone cost"
                } else {
                    "core non-empty: every coalition can be kept at or below its stand-alone cost"
                }
            );
        }
        if let Some(p) = &a.properties {
            let _ = writeln!(
                s,
                "  game (heuristic c(S), so these can fail even when the true game has them): {} monotonicity breaches, {} subadditivity breaches",
                p.monotonicity_breach_count, p.subadditivity_breach_count
            );
            for b in p.monotonicity_breaches.iter().take(3) {
                let _ = writeln!(
                    s,
                    "    c({}) is {:.1} CNY below c({})",
                    b.second.label(&a.carriers),
                    b.excess,
                    b.first.label(&a.carriers)
                );
            }
            for b in p.subadditivity_breaches.iter().take(3) {
                let _ = writeln!(
                    s,
                    "    c({} ∪ {}) exceeds the parts by {:.1} CNY",
                    b.first.label(&a.carriers),
                    b.second.label(&a.carriers),
                    b.excess
                );
            }
        }
    }
    s
}
