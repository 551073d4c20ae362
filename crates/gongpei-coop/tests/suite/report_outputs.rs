//! The files `gongpei scenario compare` writes, on the small preset: GeoJSON routes drawn along
//! the roads (and straight only without roads, saying so), CSV and `.xlsx` tables that add up to
//! the plans, and an HTML page in which hostile site names stay inert text.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::report_support::{hostile, out_dir, quick_compare, small, HOSTILE};
use calamine::{open_workbook, Data, Reader, Xlsx};
use gongpei_coop::report::{routes_geojson, tables, write_outputs, ReportModel};
use gongpei_coop::world::World;
use serde_json::Value;

fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| x.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn col(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("column {name} missing from {header:?}"))
}

#[test]
fn geojson_routes_follow_the_roads_and_carry_their_figures() {
    let scenario = small();
    let world = World::new(&scenario).unwrap();
    let c = quick_compare(&world);
    let model = ReportModel::build(&world, &c).unwrap();
    let fc = routes_geojson(&model);
    assert_eq!(fc["type"], "FeatureCollection");
    assert_eq!(fc["geometry"], "roads");
    let index: HashMap<&str, usize> = scenario
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let roads: HashSet<(usize, usize)> = scenario
        .roads
        .edges
        .iter()
        .flat_map(|e| {
            let (a, b) = (index[e.from.as_str()], index[e.to.as_str()]);
            [(a, b), (b, a)]
        })
        .collect();
    let at: HashMap<(u64, u64), usize> = scenario
        .sites
        .iter()
        .enumerate()
        .map(|(i, s)| ((s.lon.to_bits(), s.lat.to_bits()), i))
        .collect();
    let routes: Vec<&Value> = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["kind"] == "route")
        .collect();
    let planned: Vec<_> = c
        .modes
        .iter()
        .flat_map(|m| m.plan.routes.iter().map(move |r| (m, r)))
        .collect();
    assert_eq!(routes.len(), planned.len());
    assert!(planned.len() > 4);
    for (f, (m, r)) in routes.iter().zip(&planned) {
        let p = &f["properties"];
        assert_eq!(p["mode"], m.mode.name());
        assert_eq!(p["operator"], r.operator.as_str());
        assert_eq!(p["vehicle_type"], r.vehicle.as_str());
        assert_eq!(p["stops"], r.stops.len());
        assert!((p["cost_cny"].as_f64().unwrap() - r.cost).abs() < 1e-9);
        assert!((p["distance_km"].as_f64().unwrap() - r.distance_m as f64 / 1000.0).abs() < 1e-9);
        let parcels: i64 = r.stops.iter().map(|s| s.loads.parcels_in).sum();
        assert_eq!(p["parcels_in"], parcels);
        assert!(!p["carriers"].as_str().unwrap().is_empty(), "{p}");
        assert!(p["load_pct"].as_f64().unwrap() <= 100.0 + 1e-9, "{p}");
        // Every vertex is a site and every segment a road of the scenario: drawn along roads.
        let coords = f["geometry"]["coordinates"].as_array().unwrap();
        let nodes: Vec<usize> = coords
            .iter()
            .map(|c| {
                at[&(
                    c[0].as_f64().unwrap().to_bits(),
                    c[1].as_f64().unwrap().to_bits(),
                )]
            })
            .collect();
        assert_eq!(nodes.first(), Some(&r.start_site));
        assert_eq!(nodes.last(), Some(&r.end_site));
        assert!(nodes.len() >= r.site_path().len() - 1);
        for w in nodes.windows(2) {
            assert!(
                roads.contains(&(w[0], w[1])),
                "{}: segment {w:?} is no road",
                p["route"]
            );
        }
        // The stops appear on the line in their order.
        let mut rest = nodes.iter();
        for s in &r.stops {
            assert!(
                rest.any(|&n| n == s.site),
                "{}: stop {} not on the line",
                p["route"],
                s.site
            );
        }
    }
    let villages = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["tier"] == "village_station")
        .count();
    assert_eq!(villages, c.villages_total);
}

#[test]
fn without_roads_routes_are_straight_and_say_so() {
    let mut scenario = small();
    scenario.roads.edges.clear();
    let world = World::new(&scenario).unwrap();
    let c = quick_compare(&world);
    let model = ReportModel::build(&world, &c).unwrap();
    let fc = routes_geojson(&model);
    assert_eq!(fc["geometry"], "straight_lines_no_roads");
    let planned: Vec<_> = c.modes.iter().flat_map(|m| m.plan.routes.iter()).collect();
    let routes: Vec<&Value> = fc["features"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["properties"]["kind"] == "route")
        .collect();
    for (f, r) in routes.iter().zip(planned) {
        assert_eq!(f["properties"]["geometry"], "straight_lines_no_roads");
        let mut path = r.site_path();
        path.dedup();
        assert_eq!(
            f["geometry"]["coordinates"].as_array().unwrap().len(),
            path.len()
        );
    }
}

#[test]
fn csv_and_xlsx_tables_add_up_to_the_plans() {
    let scenario = small();
    let world = World::new(&scenario).unwrap();
    let c = quick_compare(&world);
    let dir = out_dir("tables");
    write_outputs(&world, &c, &dir).unwrap();
    for f in [
        "compare.json",
        "routes.geojson",
        "tables.xlsx",
        "compare.html",
    ] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    // Routes: one row per route, costs and km per mode equal the plan's.
    let (h, rows) = read_csv(&dir.join("tables/routes.csv"));
    let total: usize = c.modes.iter().map(|m| m.plan.routes.len()).sum();
    assert_eq!(rows.len(), total);
    for m in &c.modes {
        let mine: Vec<&Vec<String>> = rows
            .iter()
            .filter(|r| r[col(&h, "mode")] == m.mode.name())
            .collect();
        let cost: f64 = mine
            .iter()
            .map(|r| r[col(&h, "cost_cny")].parse::<f64>().unwrap())
            .sum();
        assert!(
            (cost - m.plan.route_cost()).abs() < 0.001 * mine.len() as f64 + 1e-6,
            "{}",
            m.mode.name()
        );
        let km: f64 = mine
            .iter()
            .map(|r| r[col(&h, "distance_km")].parse::<f64>().unwrap())
            .sum();
        assert!((km - m.kpis.vehicle_km).abs() < 0.01, "{}", m.mode.name());
    }
    // Stops: one row per stop; parcels per mode equal the plan's.
    let (h, rows) = read_csv(&dir.join("tables/stops.csv"));
    let stops: usize = c
        .modes
        .iter()
        .flat_map(|m| &m.plan.routes)
        .map(|r| r.stops.len())
        .sum();
    assert_eq!(rows.len(), stops);
    assert!(rows.iter().all(|r| r[col(&h, "arrival_hhmm")].len() == 5));
    // Townships: the demand of the plan's flows, by township.
    let (h, rows) = read_csv(&dir.join("tables/townships.csv"));
    for m in &c.modes {
        let parcels: i64 = rows
            .iter()
            .filter(|r| r[col(&h, "mode")] == m.mode.name())
            .map(|r| r[col(&h, "parcels_in")].parse::<i64>().unwrap())
            .sum();
        let expected: i64 = m
            .plan
            .flows
            .iter()
            .map(|&f| world.flows[f].parcels_in)
            .sum();
        assert_eq!(parcels, expected, "{}", m.mode.name());
        let share: f64 = rows
            .iter()
            .filter(|r| r[col(&h, "mode")] == m.mode.name())
            .map(|r| r[col(&h, "route_cost_share_cny")].parse::<f64>().unwrap())
            .sum();
        // Route costs split by parcels; trunk stops at centres count for their township too.
        assert!(share <= m.plan.route_cost() + 0.01, "{}", m.mode.name());
    }
    // Carriers: each row matches the comparison's per-carrier figures.
    let (h, rows) = read_csv(&dir.join("tables/carriers.csv"));
    assert_eq!(rows.len(), c.modes.len() * c.carriers.len());
    for (r, (m, k)) in rows.iter().zip(
        c.modes
            .iter()
            .flat_map(|m| m.carriers.iter().map(move |k| (m, k))),
    ) {
        assert_eq!(r[col(&h, "mode")], m.mode.name());
        assert!((r[col(&h, "cost_cny")].parse::<f64>().unwrap() - k.cost).abs() < 0.001);
        assert_eq!(r[col(&h, "parcels")].parse::<i64>().unwrap(), k.parcels);
    }
    let (h, rows) = read_csv(&dir.join("tables/allocation.csv"));
    assert_eq!(rows.len(), c.carriers.len());
    for rule in ["shapley", "nucleolus", "least_core"] {
        let total: f64 = rows
            .iter()
            .map(|r| r[col(&h, &format!("{rule}_cny"))].parse::<f64>().unwrap())
            .sum();
        assert!(
            (total - c.allocation.as_ref().unwrap().joint_cost).abs() < 0.01,
            "{rule}"
        );
    }
    let a = c.allocation.as_ref().unwrap();
    let (eps, empty) = (a.least_core_epsilon.unwrap(), a.core_empty.unwrap());
    // Empty means above the tolerance (1e-7 of the largest coalition cost), not just above 0.
    assert_eq!(
        empty,
        eps > 1e-7 * a.joint_cost.max(a.standalone.iter().sum()),
        "{eps}"
    );
    let text = gongpei_coop::report::text(&c);
    assert!(
        text.contains(&format!("least core: epsilon* = {eps:.1} CNY")),
        "{text}"
    );
    // The workbook holds the same tables, numbers as numbers.
    let expected = tables(&ReportModel::build(&world, &c).unwrap());
    let mut book: Xlsx<_> = open_workbook(dir.join("tables.xlsx")).unwrap();
    let names: Vec<String> = expected.iter().map(|t| t.name.clone()).collect();
    assert_eq!(book.sheet_names(), names);
    for t in &expected {
        let range = book.worksheet_range(&t.name).unwrap();
        assert_eq!(range.height(), t.rows.len() + 1, "sheet {}", t.name);
        let header: Vec<String> = range
            .rows()
            .next()
            .unwrap()
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(header, t.columns);
        if let Some(k) = t.column("cost_cny") {
            assert!(
                matches!(range.get((1, k)), Some(Data::Float(_))),
                "sheet {}",
                t.name
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn hostile_names_are_escaped_in_html_json_and_attributes() {
    let scenario = hostile();
    let world = World::new(&scenario).unwrap();
    let c = quick_compare(&world);
    let dir = out_dir("hostile");
    write_outputs(&world, &c, &dir).unwrap();
    let html = std::fs::read_to_string(dir.join("compare.html")).unwrap();
    assert!(!html.contains(HOSTILE));
    assert!(!html.contains("<img src=x"));
    assert!(
        !html.contains("<script>document.body"),
        "an executable copy of the name is in the page"
    );
    // Exactly the report's own three scripts (data, Leaflet, map) open and close.
    assert_eq!(html.matches("<script").count(), 3);
    assert_eq!(html.matches("</script>").count(), 3);
    assert!(html.contains("<title>district &quot;&#39;&gt;&lt;/title&gt;"));
    assert!(html.contains("source &quot;&#39;&gt;&lt;/title&gt;&lt;/script&gt;"));
    // The map data is JSON that still holds the names exactly.
    let start = html.find("id=\"gongpei-map-data\">").unwrap() + "id=\"gongpei-map-data\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    let data: Value = serde_json::from_str(&html[start..end]).unwrap();
    let titles: Vec<&str> = data["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&format!("village {HOSTILE}").as_str()));
    // CSV keeps the name as data, the GeoJSON too.
    let csv = std::fs::read_to_string(dir.join("tables/stops.csv")).unwrap();
    assert!(csv.contains("village \"\"'>"));
    let fc: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("routes.geojson")).unwrap())
            .unwrap();
    assert_eq!(fc["title"], format!("district {HOSTILE}"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn report_is_titled_with_the_district_and_credits_the_sources() {
    let mut scenario = small();
    scenario.metadata.district = Some(gongpei_scenario::DistrictIdentity {
        code: "110117".into(),
        name: "平谷区".into(),
    });
    let world = World::new(&scenario).unwrap();
    let c = quick_compare(&world);
    let dir = out_dir("title");
    write_outputs(&world, &c, &dir).unwrap();
    let html = std::fs::read_to_string(dir.join("compare.html")).unwrap();
    assert!(html.contains("<title>平谷区:"));
    assert!(html.contains("<h1>平谷区 <small>(110117)</small>"));
    let footer = &html[html.find("<footer>").unwrap()..];
    assert!(!scenario.metadata.sources.is_empty());
    for s in &scenario.metadata.sources {
        assert!(
            footer.contains(&gongpei_coop::report::escape::html_text(&s.title)),
            "{}",
            s.key
        );
    }
    // No web resource is loaded: the page works offline (Leaflet's credit links to its site).
    for needle in ["src=\"http", "url(http", "url(\"http", "<link", "@import"] {
        assert!(!html.contains(needle), "{needle}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
