//! A self-contained HTML report (no external assets, works offline): titled with the district's
//! own name; mode table, cost and distance bar charts, the allocation table and chart, check
//! results, the interactive Leaflet map ([`super::map`]), a static route map per mode, and the
//! data sources credited in the footer. Every name from the scenario is escaped.

use std::fmt::Write;

use super::leaflet::TileSource;
use super::map::map_section;
use super::model::ReportModel;
use super::page::{page_end, page_start, sources_footer};
use super::svg::{bar_chart, esc, route_map};
use crate::compare::Comparison;
use crate::world::World;

/// The HTML page of a comparison; `model` is [`ReportModel::build`] of the same comparison, and
/// `tiles` an optional web-map background for the interactive map (off by default).
pub fn html(
    world: &World<'_>,
    c: &Comparison,
    model: &ReportModel,
    tiles: Option<&TileSource>,
) -> String {
    let mut h = page_start(
        &format!("{}: 共配 delivery modes compared", model.title),
        "",
    );
    let code = model
        .district_code
        .as_deref()
        .map_or(String::new(), |c| format!(" <small>({})</small>", esc(c)));
    let _ = write!(
        h,
        "<h1>{}{code}: 共配 shared delivery compared</h1><p>Scenario <code>{}</code>.</p>",
        esc(&model.title),
        esc(&c.scenario)
    );
    let _ = write!(
        h,
        "<p>{} carriers, {} demand flows. Engine effort: {} iterations per sub-problem, seed {}. Costs in CNY per day.</p>",
        c.carriers.len(),
        world.flows.len(),
        c.iterations_per_subproblem,
        c.seed
    );
    if c.hurried {
        let _ = write!(
            h,
            "<p><strong>Hurried (interrupted):</strong> {} sub-problems were solved with a shortened search (stopped at their best so far, or construction-only); the figures are not those of the full effort.</p>",
            c.subproblems_hurried
        );
    }
    h.push_str("<h2>Modes</h2><table><tr><th>mode</th><th>cost</th><th>saving</th><th>saving %</th><th>vehicle-km</th><th>vehicles</th><th>driver-h</th><th>bus parcels</th><th title=\"the commerce partners' B2B cases a day, the same in every mode\">B2B cases</th><th title=\"the commerce partners' own vans (in cost)\">partners' vans</th><th>parcels/veh-km</th><th>avg lead h</th><th>worst lead h</th><th>CO2 kg</th><th>villages</th><th>check</th></tr>");
    for (m, rec) in c.modes.iter().zip(&model.modes) {
        let k = &m.kpis;
        let check = if rec.feasible {
            "<span class=ok>feasible</span>".to_string()
        } else {
            format!(
                "<span class=bad title=\"{}\">infeasible: {} problems</span>",
                esc(&rec.problems.join("\n")),
                rec.problems.len()
            )
        };
        // No saving is claimed for or against a plan that breaks a constraint.
        let (saving, saving_pct) = match (m.saving, m.saving_pct) {
            (Some(s), Some(p)) if rec.saving_valid => (format!("{s:.0}"), format!("{p:.1}")),
            _ => ("—".to_string(), "—".to_string()),
        };
        let _ = write!(
            h,
            "<tr><td>{} {}</td><td>{:.0}</td><td>{saving}</td><td>{saving_pct}</td><td>{:.1}</td><td>{}</td><td>{:.1}</td><td>{}</td><td>{}</td><td>{:.0}</td><td>{:.2}</td><td>{:.2}</td><td>{:.2}</td><td>{:.1}</td><td>{}</td><td>{}</td></tr>",
            m.mode.name(), m.mode.chinese(), k.cost, k.vehicle_km, k.vehicles, k.driver_hours, k.bus_parcels,
            k.b2b_cases, k.commerce_own_cost, k.parcels_per_vehicle_km, k.avg_lead_time_h, k.worst_lead_time_h, k.co2_kg, k.villages_served, check
        );
    }
    h.push_str("</table>");
    h.push_str("<h2>Money per day</h2><p>Operating cost is the plan's (routes, feeders, bus fees, handling); facilities' capital is recovered over their life (finance section of the scenario, its assumptions listed below); the county pays the subsidies.</p><table><tr><th>mode</th><th>operating</th><th>capital</th><th>facilities running</th><th>total</th><th>county subsidy</th><th>operators</th><th>parcels</th><th>CNY/parcel</th><th>operators CNY/parcel</th></tr>");
    for m in &c.modes {
        let f = &m.finance;
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{:.0}</td><td>{:.0}</td><td>{:.0}</td><td>{:.0}</td><td>{:.0}{}</td><td>{:.0}</td><td>{}</td><td>{:.2}</td><td>{:.2}</td></tr>",
            m.mode.name(), f.operating_cost, f.capital_per_day, f.facilities_per_day, f.total_cost,
            f.county_subsidy, if f.budget_binding { " (budget binding)" } else { "" },
            f.operators_cost, f.parcels, f.cost_per_parcel, f.operators_cost_per_parcel
        );
    }
    h.push_str("</table>");
    h.push_str(&map_section(model, tiles));
    let labels: Vec<String> = c.modes.iter().map(|m| m.mode.name().to_string()).collect();
    let part =
        |f: fn(&crate::kpi::Kpis) -> f64| c.modes.iter().map(|m| f(&m.kpis)).collect::<Vec<f64>>();
    h.push_str(&bar_chart(
        "Daily cost by part",
        &labels,
        &[
            ("fixed", part(|k| k.fixed_cost)),
            ("distance", part(|k| k.distance_cost)),
            ("time", part(|k| k.time_cost)),
            ("bus fees", part(|k| k.bus_fees)),
            ("handling", part(|k| k.handling_cost)),
        ],
        "CNY",
    ));
    h.push_str(&bar_chart(
        "Vehicle-km",
        &labels,
        &[("km", part(|k| k.vehicle_km))],
        "km",
    ));

    if let Some(a) = &c.allocation {
        let _ = write!(
            h,
            "<h2>Allocation of the {} joint cost ({:.0} CNY)</h2>",
            a.mode.name(),
            a.joint_cost
        );
        let _ = write!(h, "<p>{} coalition costs c(S) solved (in parallel, cached). c(S) comes from a heuristic solver, so the game can break monotonicity or subadditivity even where the true optimum would not; breaches are listed below.</p>", a.coalitions_solved);
        h.push_str("<table><tr><th>carrier</th><th>stand-alone</th>");
        for (r, _) in &a.rules {
            let _ = write!(h, "<th>{}</th>", esc(&r.rule));
        }
        h.push_str("</tr>");
        for (i, name) in a.carriers.iter().enumerate() {
            let _ = write!(
                h,
                "<tr><td>{}</td><td>{:.1}</td>",
                esc(name),
                a.standalone[i]
            );
            for (r, _) in &a.rules {
                let ci = r
                    .ci95
                    .as_ref()
                    .map_or(String::new(), |c| format!(" ±{:.1}", c[i]));
                let _ = write!(h, "<td>{:.1}{ci}</td>", r.shares[i]);
            }
            h.push_str("</tr>");
        }
        let _ = write!(
            h,
            "<tr><th>sum</th><th>{:.1}</th>",
            a.standalone.iter().sum::<f64>()
        );
        for (r, _) in &a.rules {
            let _ = write!(h, "<th>{:.1}</th>", r.shares.iter().sum::<f64>());
        }
        h.push_str("</tr><tr><td>stability</td><td></td>");
        for (_, core) in &a.rules {
            let verdict = if core.in_core() {
                "<span class=ok>in core</span>".to_string()
            } else {
                format!("<span class=bad>{} blocking</span>", core.blocking.len())
            };
            let _ = write!(
                h,
                "<td>{verdict}{}</td>",
                if core.irrational_players.is_empty() {
                    ""
                } else {
                    ", not IR"
                }
            );
        }
        h.push_str("</tr></table>");
        for (r, _) in &a.rules {
            if let Some(n) = &r.note {
                let _ = write!(h, "<p>{}: {}</p>", esc(&r.rule), esc(n));
            }
        }
        if let (Some(eps), Some(empty)) = (a.least_core_epsilon, a.core_empty) {
            let _ = write!(
                h,
                "<p>Least core: &epsilon;* = {eps:.1} CNY — {}</p>",
                if empty {
                    "<span class=bad>core empty</span>: some coalition pays more than alone under every allocation"
                } else {
                    "<span class=ok>core non-empty</span>"
                }
            );
        }
        if let Some(p) = &a.properties {
            let _ = write!(
                h,
                "<p>Monotonicity breaches: {}; subadditivity breaches: {}.</p>",
                p.monotonicity_breach_count, p.subadditivity_breach_count
            );
            if !p.monotonicity_breaches.is_empty() || !p.subadditivity_breaches.is_empty() {
                h.push_str("<ul>");
                for b in p.monotonicity_breaches.iter().take(5) {
                    let _ = write!(
                        h,
                        "<li>c({}) is {:.1} CNY below c({})</li>",
                        esc(&b.second.label(&a.carriers)),
                        b.excess,
                        esc(&b.first.label(&a.carriers))
                    );
                }
                for b in p.subadditivity_breaches.iter().take(5) {
                    let _ = write!(
                        h,
                        "<li>c({} ∪ {}) exceeds the parts by {:.1} CNY</li>",
                        esc(&b.first.label(&a.carriers)),
                        esc(&b.second.label(&a.carriers)),
                        b.excess
                    );
                }
                h.push_str("</ul>");
            }
        }
        let mut series = vec![("stand-alone", a.standalone.clone())];
        if let Some((r, _)) = a.rules.first() {
            series.push(("shapley", r.shares.clone()));
        }
        // Side by side rather than stacked: one chart per series.
        for (name, values) in series {
            h.push_str(&bar_chart(
                &format!("{name} per carrier"),
                &a.carriers,
                &[(name, values)],
                "CNY",
            ));
        }
    }

    // After the interactive map and the allocation: the page opens on the modes and the map.
    h.push_str(&stakeholders_section(c));
    h.push_str(&fee_range_section(c));
    h.push_str("<h2>Route maps</h2><p>Separate fleets coloured by carrier; shared trunk red, shared last mile blue, cold chain cyan, bus loads dashed purple.</p><div class=maps>");
    for m in &c.modes {
        let _ = write!(
            h,
            "<figure><figcaption>{} {} — {:.0} CNY, {:.0} km</figcaption>{}</figure>",
            m.mode.name(),
            m.mode.chinese(),
            m.kpis.cost,
            m.kpis.vehicle_km,
            route_map(world, &m.plan, 600.0)
        );
    }
    h.push_str("</div>");
    h.push_str(&page_end(&sources_footer(&model.sources)));
    h
}

/// Each stakeholder's net cost per mode, with the system cost they add up to.
fn stakeholders_section(c: &Comparison) -> String {
    let mut h = String::new();
    let Some(first) = c.modes.first() else {
        return h;
    };
    h.push_str("<h2>Stakeholders</h2><p>Net cost per day of every party (CNY; negative: a gain). The carriers pay the bus operators' fees and the village station keepers' commission and receive the county's subsidies; these transfers cancel out, so the net costs add up to the system cost: routes, handling, facilities and the bus operators' marginal cost of carrying parcels.</p><table><tr><th>stakeholder</th>");
    for m in &c.modes {
        let _ = write!(h, "<th>{}</th>", esc(m.mode.name()));
    }
    h.push_str("</tr>");
    let rows: Vec<_> = c.modes.iter().map(|m| m.stakeholders.rows()).collect();
    for (k, r) in first.stakeholders.rows().iter().enumerate() {
        let _ = write!(h, "<tr><td>{} {}</td>", esc(r.kind), esc(&r.name));
        for mode_rows in &rows {
            let _ = write!(
                h,
                "<td>{:.0}</td>",
                mode_rows.get(k).map_or(f64::NAN, |r| r.net_cost)
            );
        }
        h.push_str("</tr>");
    }
    h.push_str("<tr><td>sum of net costs</td>");
    for m in &c.modes {
        let _ = write!(h, "<td>{:.0}</td>", m.stakeholders.net_cost_total);
    }
    h.push_str("</tr><tr><td>system cost</td>");
    for m in &c.modes {
        let _ = write!(h, "<td>{:.0}</td>", m.stakeholders.system_cost);
    }
    h.push_str("</tr></table>");
    h
}

/// Each bus line's fee range, when the comparison found them.
fn fee_range_section(c: &Comparison) -> String {
    let mut h = String::new();
    let Some(ranges) = &c.fee_ranges else {
        return h;
    };
    h.push_str("<h2>Bus fee range per line (交邮合作)</h2><p>Lowest fee per parcel: the bus operator's marginal cost of the parcels carried (handling, handover stops, fuel). Highest: the largest fee at which the re-planned 交邮合作 still puts parcels on the line. Saving: the carriers' day with the line priced out less today's.</p><table><tr><th>line</th><th>operator</th><th>fee CNY/parcel</th><th>parcels</th><th>kg</th><th>min fee</th><th>max fee</th><th>today inside</th><th>carriers' saving</th></tr>");
    let opt = |x: Option<f64>| x.map_or("—".to_string(), |v| format!("{v:.2}"));
    for r in ranges {
        let max = if r.max_bounded {
            opt(r.max_fee_per_parcel)
        } else {
            format!("&gt; {}", opt(r.max_fee_per_parcel))
        };
        let inside = r.today_inside.map_or("—", |x| if x { "yes" } else { "no" });
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{:.2}</td><td>{}</td><td>{}</td><td>{}</td><td>{max}</td><td>{inside}</td><td>{:.1}</td></tr>",
            esc(&r.line), esc(&r.operator), r.fee_per_parcel, r.parcels, r.kg,
            opt(r.min_fee_per_parcel), r.carrier_saving
        );
    }
    h.push_str("</table>");
    h
}
