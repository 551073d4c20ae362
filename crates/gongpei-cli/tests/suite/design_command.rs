//! `gongpei design site|cover|cold` end to end on the design crate's hand-made two-township
//! scenario (site, cover) and the bundled small example (cold): JSON fields, tables, the GeoJSON map,
//! the HTML page (offline, the JSON's figures) and errors naming the field with exit 1.

use std::path::PathBuf;

use super::common::{gongpei, scratch_dir, small_example};

fn two_towns() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../gongpei-design/tests/data/two_towns.json")
        .to_string_lossy()
        .into_owned()
}

/// A design page fetches nothing: no web address as a source, link or CSS address (Leaflet's
/// credit link aside), no script file.
pub fn offline_page(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    for needle in [
        "src=\"http",
        "url(http",
        "url(\"http",
        "<link",
        "@import",
        "<script src",
    ] {
        assert!(!html.contains(needle), "{needle}");
    }
    for (at, _) in html.match_indices("href=\"http") {
        assert!(html[at..].starts_with("href=\"https://leafletjs.com\""));
    }
    assert!(html.contains("id=\"gongpei-map-data\"") && html.contains("L.map("));
}

fn json(args: &[&str]) -> serde_json::Value {
    let out = gongpei(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn site_ranks_candidates_routes_the_shortlist_and_writes_a_map() {
    let dir = scratch_dir("design_command", "site");
    let (map, page) = (dir.join("site.geojson"), dir.join("site.html"));
    let file = two_towns();
    let v = json(&[
        "design",
        "site",
        &file,
        "--fixed-per-day",
        "100",
        "--hubs",
        "2",
        "--shortlist",
        "2",
        "--iterations",
        "10",
        "--quiet",
        "--json",
        "--geojson",
        map.to_str().unwrap(),
        "--html",
        page.to_str().unwrap(),
    ]);
    assert_eq!(v["model_choice"], "T2");
    assert_eq!(v["candidates"][0]["site"], "T2");
    assert_eq!(v["evaluated"].as_array().unwrap().len(), 2);
    for e in v["evaluated"].as_array().unwrap() {
        for m in e["modes"].as_array().unwrap() {
            assert_eq!(m["feasible"], true, "{m}");
        }
    }
    assert_eq!(v["multi_hub"][0]["hubs"], 2);
    let geo: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&map).unwrap()).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    assert!(geo["features"].as_array().unwrap().len() >= 3);
    // The page: one offline file with every candidate and the JSON's figures, the same GeoJSON.
    let html = std::fs::read_to_string(&page).unwrap();
    offline_page(&html);
    for c in v["candidates"].as_array().unwrap() {
        assert!(html.contains(&format!("<td>{}</td>", c["site"].as_str().unwrap())));
        let daily = c["daily_cost"].as_f64().unwrap();
        assert!(html.contains(&format!("<td>{daily:.0}</td>")), "{daily}");
    }
    for e in v["evaluated"].as_array().unwrap() {
        for m in e["modes"].as_array().unwrap() {
            let cost = m["kpis"]["cost"].as_f64().unwrap();
            assert!(html.contains(&format!("<td>{cost:.0}</td>")), "{cost}");
        }
    }
    assert!(html.contains(&format!(
        "id=\"gongpei-geojson\">{}</script>",
        std::fs::read_to_string(&map).unwrap().trim_end()
    )));
    let text = gongpei(&[
        "design",
        "site",
        &file,
        "--shortlist",
        "1",
        "--iterations",
        "5",
        "--quiet",
    ]);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("Shortlist planned by routing"));
}

#[test]
fn cover_sweeps_radius_and_station_count() {
    let file = two_towns();
    let v = json(&[
        "design",
        "cover",
        &file,
        "--radius-km",
        "1,2",
        "--max-stations",
        "1",
        "--k-radius-km",
        "2",
        "--iterations",
        "10",
        "--quiet",
        "--json",
    ]);
    assert_eq!(v["by_radius"].as_array().unwrap().len(), 2);
    assert_eq!(
        v["by_radius"][1]["design"]["stations"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(v["by_stations"][0]["design"]["covered_parcels"], 65);
    let models = json(&[
        "design",
        "cover",
        &file,
        "--radius-km",
        "2",
        "--model-only",
        "--json",
    ]);
    assert!(models["baseline"].as_array().unwrap().is_empty());
}

#[test]
fn bad_input_is_named_with_exit_1() {
    let file = two_towns();
    for (args, wanted) in [
        (
            vec!["design", "site", &file, "--candidates", "T1,nowhere"],
            "candidates: unknown site \"nowhere\"",
        ),
        (
            vec!["design", "site", &file, "--candidates", ""],
            "candidates: no candidate",
        ),
        (
            vec!["design", "site", &file, "--fixed-per-day", "-5"],
            "siting_costs.fixed_per_day",
        ),
        (
            vec![
                "design",
                "cover",
                &file,
                "--radius-km",
                "0.5",
                "--candidates",
                "V3",
            ],
            "village V1",
        ),
        (
            vec!["design", "cover", &file, "--build-capital", "-1"],
            "station_costs.build_capital",
        ),
    ] {
        let out = gongpei(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(wanted), "{args:?}: {err}");
    }
    // The page never overwrites the scenario (refused before any planning: a usage error).
    for command in ["site", "cover", "cold"] {
        let out = gongpei(&["design", command, &file, "--html", &file]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(err.contains("is the input file"), "{command}: {err}");
    }
}

#[test]
fn cold_sweeps_limits_and_each_store_plan_is_checked() {
    let file = small_example().to_string_lossy().into_owned();
    let v = json(&[
        "design",
        "cold",
        &file,
        "--max-hours",
        "4,0.25",
        "--iterations",
        "10",
        "--json",
        "--quiet",
    ]);
    let designs = v["designs"].as_array().unwrap();
    assert_eq!(designs.len(), 2);
    assert_eq!(designs[0]["max_precooling_s"], 14400);
    assert_eq!(designs[1]["max_precooling_s"], 900);
    for d in designs {
        let stores = d["stores"].as_array().unwrap();
        assert!(!stores.is_empty());
        let villages: usize = stores
            .iter()
            .map(|s| s["villages"].as_array().unwrap().len())
            .sum();
        assert_eq!(villages as u64, d["villages"].as_u64().unwrap());
        for s in stores {
            assert!(
                2 * s["farthest_drive_s"].as_i64().unwrap()
                    <= d["max_precooling_s"].as_i64().unwrap()
            );
            assert_eq!(s["collection"]["feasible"], true, "{s}");
        }
        assert!(
            ["stores", "status_quo", "neither"].contains(&d["recommendation"].as_str().unwrap())
        );
    }
    let text = gongpei(&["design", "cold", &file, "--iterations", "10", "--quiet"]);
    assert!(text.status.success());
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Pre-cooling stores against the limit"),
        "{text}"
    );
    assert!(text.contains("status quo"), "{text}");
}

#[test]
fn cold_errors_name_the_flag_or_field() {
    let file = small_example().to_string_lossy().into_owned();
    let out = gongpei(&["design", "cold", &file, "--max-hours", "0"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-hours"));
    let out = gongpei(&[
        "design",
        "cold",
        &file,
        "--candidates",
        "nowhere",
        "--quiet",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("candidates[0]") && err.contains("nowhere"),
        "{err}"
    );
    let out = gongpei(&["design", "cold", &file, "--store-capital", "-5", "--quiet"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cold_store_costs.capital_yuan"));
}
