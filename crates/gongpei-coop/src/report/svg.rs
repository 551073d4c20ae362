//! Inline SVG drawings: a map of one plan's routes (along the roads) and simple bar charts.

use std::fmt::Write;

use gongpei_scenario::model::SiteTier;

use crate::plan::{Leg, Plan};
use crate::world::World;

const PALETTE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

/// Escapes text for XML and HTML (element text and attribute values).
pub fn esc(s: &str) -> String {
    super::escape::html_text(s)
}

struct Projection {
    lon0: f64,
    lat1: f64,
    scale: f64,
    kx: f64,
}

impl Projection {
    fn new(world: &World<'_>, size: f64) -> Self {
        let sites = &world.scenario.sites;
        let (mut lo0, mut lo1, mut la0, mut la1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
        for s in sites {
            lo0 = lo0.min(s.lon);
            lo1 = lo1.max(s.lon);
            la0 = la0.min(s.lat);
            la1 = la1.max(s.lat);
        }
        let kx = ((la0 + la1) / 2.0).to_radians().cos();
        let span = ((lo1 - lo0) * kx).max(la1 - la0).max(1e-6);
        Projection {
            lon0: lo0,
            lat1: la1,
            scale: (size - 20.0) / span,
            kx,
        }
    }

    fn xy(&self, lon: f64, lat: f64) -> (f64, f64) {
        (
            10.0 + (lon - self.lon0) * self.kx * self.scale,
            10.0 + (self.lat1 - lat) * self.scale,
        )
    }
}

/// A map of the plan's routes drawn along the roads, coloured by carrier (separate fleets) or
/// by leg (shared fleets), with bus loads as dashed lines.
pub fn route_map(world: &World<'_>, plan: &Plan, size: f64) -> String {
    let proj = Projection::new(world, size);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" style="background:#fbfbf8;border:1px solid #ccc">"#
    );
    let carriers = world.carrier_names();
    for r in &plan.routes {
        let colour = match (r.leg, carriers.iter().position(|c| c == &r.operator)) {
            (Leg::Direct, Some(i)) => PALETTE[i % PALETTE.len()],
            (Leg::Trunk, _) => "#b2182b",
            (Leg::Cold, _) => "#00a6c8",
            _ => "#2166ac",
        };
        let mut stops = vec![r.start_site];
        stops.extend(r.stops.iter().map(|x| x.site));
        stops.push(r.end_site);
        let points = world
            .network
            .router(r.profile.into())
            .route_geometry(&stops)
            .unwrap_or_else(|_| {
                stops
                    .iter()
                    .map(|&i| {
                        geo::Point::new(world.scenario.sites[i].lon, world.scenario.sites[i].lat)
                    })
                    .collect()
            });
        let mut path = String::new();
        for p in points {
            let (x, y) = proj.xy(p.x(), p.y());
            let _ = write!(path, "{x:.1},{y:.1} ");
        }
        let width = if r.leg == Leg::Trunk { 2.2 } else { 1.2 };
        let _ = write!(
            s,
            r#"<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-opacity="0.75"><title>{} ({}) {:.1} km</title></polyline>"#,
            esc(&r.vehicle),
            esc(&r.operator),
            r.distance_m as f64 / 1000.0
        );
    }
    for b in &plan.bus {
        let a = &world.scenario.sites[b.board_site];
        let z = &world.scenario.sites[b.alight_site];
        let (x1, y1) = proj.xy(a.lon, a.lat);
        let (x2, y2) = proj.xy(z.lon, z.lat);
        let _ = write!(
            s,
            r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#7b3294" stroke-width="1.5" stroke-dasharray="4 3"><title>bus {} run {}: {} parcels</title></line>"##,
            esc(&b.line),
            b.run,
            b.parcels
        );
    }
    for site in &world.scenario.sites {
        let (x, y) = proj.xy(site.lon, site.lat);
        match site.tier {
            SiteTier::VillageStation => {
                let _ = write!(
                    s,
                    r##"<circle cx="{x:.1}" cy="{y:.1}" r="1.3" fill="#555"><title>{}</title></circle>"##,
                    esc(&site.name)
                );
            }
            SiteTier::TownshipCentre => {
                let _ = write!(
                    s,
                    r##"<rect x="{:.1}" y="{:.1}" width="5" height="5" fill="#333"><title>{}</title></rect>"##,
                    x - 2.5,
                    y - 2.5,
                    esc(&site.name)
                );
            }
            SiteTier::DistrictHub => {
                let _ = write!(
                    s,
                    r##"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="#000"><title>{}</title></circle>"##,
                    esc(&site.name)
                );
            }
            _ => {}
        }
    }
    s.push_str("</svg>");
    s
}

/// A horizontal bar chart of labelled values (optionally stacked parts with a legend).
pub fn bar_chart(
    title: &str,
    labels: &[String],
    series: &[(&str, Vec<f64>)],
    unit: &str,
) -> String {
    let row = 22.0;
    let left = 150.0;
    let width = 700.0;
    let height = 40.0 + row * labels.len() as f64 + 20.0;
    let totals: Vec<f64> = (0..labels.len())
        .map(|i| series.iter().map(|(_, v)| v[i].max(0.0)).sum())
        .collect();
    let max = totals.iter().copied().fold(0.0, f64::max).max(1e-9);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = write!(
        s,
        r#"<text x="4" y="16" font-weight="bold">{}</text>"#,
        esc(title)
    );
    for (i, label) in labels.iter().enumerate() {
        let y = 30.0 + row * i as f64;
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            left - 6.0,
            y + 14.0,
            esc(label)
        );
        let mut x = left;
        for (k, (name, values)) in series.iter().enumerate() {
            let w = values[i].max(0.0) / max * (width - left - 90.0);
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="16" fill="{}"><title>{}: {:.1} {}</title></rect>"#,
                PALETTE[k % PALETTE.len()],
                esc(name),
                values[i],
                esc(unit)
            );
            x += w;
        }
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}">{:.0} {}</text>"#,
            x + 4.0,
            y + 13.0,
            totals[i],
            esc(unit)
        );
    }
    if series.len() > 1 {
        let y = 30.0 + row * labels.len() as f64 + 4.0;
        let mut x = left;
        for (k, (name, _)) in series.iter().enumerate() {
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{y:.1}" width="10" height="10" fill="{}"/><text x="{:.1}" y="{:.1}">{}</text>"#,
                PALETTE[k % PALETTE.len()],
                x + 13.0,
                y + 9.0,
                esc(name)
            );
            x += 20.0 + 7.0 * name.chars().count() as f64;
        }
    }
    s.push_str("</svg>");
    s
}
