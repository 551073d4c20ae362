//! The comparison as tables (column names carry their units): `modes`, `carriers`, `townships`,
//! `routes`, `stops`, `bus_loads` and, with an allocation, `allocation`. Written as CSV files and
//! one `.xlsx` workbook, and handed to Python as DataFrames.

use super::model::{clock, ReportModel};
use super::table::{Cell, Table};
use crate::kpi::Kpis;

const KPI_COLUMNS: [&str; 18] = [
    "cost_cny",
    "fixed_cost_cny",
    "distance_cost_cny",
    "time_cost_cny",
    "bus_fees_cny",
    "handling_cost_cny",
    "vehicle_km",
    "vehicles",
    "driver_hours",
    "parcels",
    "parcels_per_vehicle_km",
    "villages_served",
    "avg_lead_time_h",
    "worst_lead_time_h",
    "co2_kg",
    "bus_parcels",
    "b2b_cases",
    "commerce_own_cost_cny",
];

fn kpi_cells(k: &Kpis) -> Vec<Cell> {
    vec![
        k.cost.into(),
        k.fixed_cost.into(),
        k.distance_cost.into(),
        k.time_cost.into(),
        k.bus_fees.into(),
        k.handling_cost.into(),
        k.vehicle_km.into(),
        k.vehicles.into(),
        k.driver_hours.into(),
        k.parcels.into(),
        k.parcels_per_vehicle_km.into(),
        k.villages_served.into(),
        k.avg_lead_time_h.into(),
        k.worst_lead_time_h.into(),
        k.co2_kg.into(),
        k.bus_parcels.into(),
        k.b2b_cases.into(),
        k.commerce_own_cost.into(),
    ]
}

fn with_kpis(first: &[&'static str], last: &[&'static str]) -> Vec<&'static str> {
    first
        .iter()
        .chain(KPI_COLUMNS.iter())
        .chain(last.iter())
        .copied()
        .collect()
}

/// Every table of the report model, in a fixed order.
pub fn tables(model: &ReportModel) -> Vec<Table> {
    let mut out = vec![
        modes_table(model),
        carriers_table(model),
        townships_table(model),
        routes_table(model),
        stops_table(model),
        bus_table(model),
        stakeholders_table(model),
    ];
    if let Some(a) = allocation_table(model) {
        out.push(a);
    }
    if let Some(f) = fee_range_table(model) {
        out.push(f);
    }
    out
}

fn modes_table(model: &ReportModel) -> Table {
    let cols = with_kpis(
        &["mode", "mode_zh", "feasible"],
        &[
            "saving_cny",
            "saving_pct",
            "problem_count",
            "capital_cny_per_day",
            "facilities_running_cny_per_day",
            "total_cost_cny",
            "county_subsidy_cny",
            "operators_cost_cny",
            "cost_per_parcel_cny",
            "operators_cost_per_parcel_cny",
        ],
    );
    let mut t = Table::new("modes", &cols);
    for m in &model.modes {
        let mut row: Vec<Cell> = vec![
            m.mode.clone().into(),
            m.chinese.clone().into(),
            if m.feasible { "yes" } else { "no" }.into(),
        ];
        row.extend(kpi_cells(&m.kpis));
        // No saving is claimed for or against a plan that breaks a constraint.
        match (m.saving, m.saving_pct) {
            (Some(saving), Some(pct)) if m.saving_valid => row.extend([saving.into(), pct.into()]),
            _ => row.extend([Cell::Empty, Cell::Empty]),
        }
        row.push(m.problems.len().into());
        let f = &m.finance;
        row.extend([
            f.capital_per_day.into(),
            f.facilities_per_day.into(),
            f.total_cost.into(),
            f.county_subsidy.into(),
            f.operators_cost.into(),
            f.cost_per_parcel.into(),
            f.operators_cost_per_parcel.into(),
        ]);
        t.push(row);
    }
    t
}

fn carriers_table(model: &ReportModel) -> Table {
    let mut t = Table::new(
        "carriers",
        &with_kpis(&["mode", "carrier"], &["shapley_share_cny"]),
    );
    for c in &model.carrier_rows {
        let mut row: Vec<Cell> = vec![c.mode.clone().into(), c.carrier.clone().into()];
        row.extend(kpi_cells(&c.kpis));
        row.push(c.shapley_cny.into());
        t.push(row);
    }
    t
}

fn townships_table(model: &ReportModel) -> Table {
    let mut t = Table::new(
        "townships",
        &[
            "mode",
            "township_id",
            "township",
            "villages",
            "villages_served",
            "parcels_in",
            "parcels_out",
            "kg_in",
            "kg_out",
            "chilled_parcels_in",
            "bus_parcels",
            "village_stops",
            "routes",
            "route_cost_share_cny",
            "route_distance_share_km",
            "trunk_arrival_hhmm",
            "release_hhmm",
            "handled_parcels",
        ],
    );
    for r in &model.townships {
        let site = model.site(r.site);
        t.push(vec![
            r.mode.clone().into(),
            site.map(|s| s.id.clone()).into(),
            model.site_name(r.site).into(),
            r.villages.into(),
            r.villages_served.into(),
            r.parcels_in.into(),
            r.parcels_out.into(),
            r.kg_in.into(),
            r.kg_out.into(),
            r.chilled_in.into(),
            r.bus_parcels.into(),
            r.village_stops.into(),
            r.routes.into(),
            r.route_cost_share_cny.into(),
            r.route_km_share.into(),
            r.trunk_arrival_s.map(clock).into(),
            r.release_s.map(clock).into(),
            r.handled_parcels.into(),
        ]);
    }
    t
}

fn routes_table(model: &ReportModel) -> Table {
    let mut t = Table::new(
        "routes",
        &[
            "route",
            "mode",
            "leg",
            "fleet",
            "operator",
            "vehicle_type",
            "profile",
            "carriers",
            "start_site",
            "start_hhmm",
            "end_hhmm",
            "distance_km",
            "duration_h",
            "cost_cny",
            "stops",
            "parcels_in",
            "parcels_out",
            "kg_in",
            "kg_out",
            "chilled_parcels_in",
            "capacity_parcels",
            "capacity_kg",
            "peak_load_parcels",
            "peak_load_kg",
            "load_pct",
        ],
    );
    for r in &model.routes {
        t.push(vec![
            r.id.clone().into(),
            r.mode.clone().into(),
            r.leg.clone().into(),
            r.fleet.clone().into(),
            r.operator.clone().into(),
            r.vehicle.clone().into(),
            r.profile.clone().into(),
            r.carriers.join(";").into(),
            r.start_name.clone().into(),
            clock(r.start_s).into(),
            clock(r.end_s).into(),
            r.distance_km.into(),
            r.duration_h.into(),
            r.cost_cny.into(),
            r.stops.into(),
            r.parcels_in.into(),
            r.parcels_out.into(),
            r.kg_in.into(),
            r.kg_out.into(),
            r.chilled_in.into(),
            r.capacity[0].into(),
            r.capacity[1].into(),
            r.peak_parcels.into(),
            r.peak_kg.into(),
            r.load_pct.into(),
        ]);
    }
    t
}

fn stops_table(model: &ReportModel) -> Table {
    let mut t = Table::new(
        "stops",
        &[
            "mode",
            "route",
            "seq",
            "site_id",
            "site",
            "tier",
            "township",
            "arrival_hhmm",
            "service_start_hhmm",
            "wait_min",
            "parcels_in",
            "parcels_out",
            "kg_in",
            "kg_out",
            "chilled_parcels_in",
            "chilled_parcels_out",
            "carriers",
        ],
    );
    for s in &model.stops {
        let site = model.site(s.site);
        t.push(vec![
            s.mode.clone().into(),
            s.route.clone().into(),
            s.seq.into(),
            site.map(|x| x.id.clone()).into(),
            model.site_name(s.site).into(),
            site.map(|x| x.tier.clone()).into(),
            site.and_then(|x| x.township.clone()).into(),
            clock(s.arrival_s).into(),
            clock(s.service_start_s).into(),
            ((s.service_start_s - s.arrival_s) as f64 / 60.0).into(),
            s.parcels_in.into(),
            s.parcels_out.into(),
            s.kg_in.into(),
            s.kg_out.into(),
            s.chilled_in.into(),
            s.chilled_out.into(),
            s.carriers.join(";").into(),
        ]);
    }
    t
}

fn bus_table(model: &ReportModel) -> Table {
    let mut t = Table::new(
        "bus_loads",
        &[
            "mode",
            "line",
            "run",
            "board_site",
            "alight_site",
            "departure_hhmm",
            "arrival_hhmm",
            "direction",
            "parcels",
            "kg",
            "fee_cny",
            "carriers",
        ],
    );
    for b in &model.bus {
        t.push(vec![
            b.mode.clone().into(),
            b.line.clone().into(),
            b.run.into(),
            model.site_name(b.board_site).into(),
            model.site_name(b.alight_site).into(),
            clock(b.departure_s).into(),
            clock(b.arrival_s).into(),
            if b.inbound {
                "to_village"
            } else {
                "produce_back"
            }
            .into(),
            b.parcels.into(),
            b.kg.into(),
            b.fee_cny.into(),
            b.carriers.join(";").into(),
        ]);
    }
    t
}

fn allocation_table(model: &ReportModel) -> Option<Table> {
    let a = model.allocation.as_ref()?;
    let mut cols: Vec<String> = vec!["mode".into(), "carrier".into(), "standalone_cny".into()];
    cols.extend(a.rules.iter().map(|r| format!("{r}_cny")));
    let mut t = Table {
        name: "allocation".into(),
        columns: cols,
        rows: Vec::new(),
    };
    for (carrier, alone, shares) in &a.rows {
        let mut row: Vec<Cell> = vec![
            a.mode.clone().into(),
            carrier.clone().into(),
            (*alone).into(),
        ];
        row.extend(shares.iter().map(|&s| Cell::from(s)));
        t.push(row);
    }
    Some(t)
}

/// Every mode's stakeholder accounts, one row per stakeholder (`cost - income = net_cost`).
fn stakeholders_table(model: &ReportModel) -> Table {
    let mut t = Table::new(
        "stakeholders",
        &[
            "mode",
            "kind",
            "stakeholder",
            "parcels",
            "cost_cny",
            "income_cny",
            "net_cost_cny",
        ],
    );
    for m in &model.modes {
        for r in m.stakeholders.rows() {
            t.push(vec![
                m.mode.clone().into(),
                r.kind.into(),
                r.name.into(),
                r.parcels.map_or(Cell::Empty, Cell::from),
                r.cost.into(),
                r.income.into(),
                r.net_cost.into(),
            ]);
        }
    }
    t
}

/// Each bus line's fee range, when the comparison found them.
fn fee_range_table(model: &ReportModel) -> Option<Table> {
    let ranges = model.fee_ranges.as_ref()?;
    let mut t = Table::new(
        "fee_ranges",
        &[
            "line",
            "operator",
            "fee_per_parcel_cny",
            "fee_per_kg_cny",
            "parcels",
            "kg",
            "min_fee_per_parcel_cny",
            "max_fee_per_parcel_cny",
            "max_bounded",
            "today_inside",
            "carrier_saving_cny",
            "plans",
        ],
    );
    for r in ranges {
        t.push(vec![
            r.line.clone().into(),
            r.operator.clone().into(),
            r.fee_per_parcel.into(),
            r.fee_per_kg.into(),
            r.parcels.into(),
            r.kg.into(),
            r.min_fee_per_parcel.map_or(Cell::Empty, Cell::from),
            r.max_fee_per_parcel.map_or(Cell::Empty, Cell::from),
            if r.max_bounded { "yes" } else { "no" }.into(),
            r.today_inside
                .map_or(Cell::Empty, |x| if x { "yes" } else { "no" }.into()),
            r.carrier_saving.into(),
            r.plans.into(),
        ]);
    }
    Some(t)
}
