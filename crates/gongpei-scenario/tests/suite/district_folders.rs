//! The generator on district folders other than the bundled presets: Pinggu (a real district
//! nobody tuned for), a hand-made one without a boundary file, the Jizhou folder read like any
//! other, broken folders (errors name file, line and column), and calibration overrides.

use std::path::{Path, PathBuf};

use gongpei_scenario::generate::{
    generate, generate_district, generate_from, BoundaryOrigin, Calibration, DistrictOptions,
    Preset, SourceData,
};
use gongpei_scenario::model::SiteTier;
use gongpei_scenario::{from_json_str, network::build_network, to_json_string, Scenario};

fn repo_data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data")
        .join(rel)
}

fn generate_folder(dir: &Path, seed: u64) -> Scenario {
    let data = SourceData::from_dir(dir).expect("folder reads");
    let calibration = gongpei_scenario::generate::folder_calibration(&data).unwrap();
    generate_district(&data, &calibration, &DistrictOptions::default(), seed)
        .expect("district generates")
}

fn pinggu() -> &'static Scenario {
    static CELL: std::sync::OnceLock<Scenario> = std::sync::OnceLock::new();
    CELL.get_or_init(|| generate_folder(&repo_data("districts/pinggu"), 1))
}

fn count(s: &Scenario, tier: SiteTier) -> usize {
    s.sites.iter().filter(|x| x.tier == tier).count()
}

#[test]
fn pinggu_generates_every_unit_named_after_pinggu() {
    let s = pinggu();
    assert_eq!(count(s, SiteTier::VillageStation), 309);
    assert_eq!(count(s, SiteTier::TownshipCentre), 18);
    let district = s.metadata.district.as_ref().expect("district identity");
    assert_eq!(
        (district.code.as_str(), district.name.as_str()),
        ("110117", "平谷区")
    );
    assert_eq!(s.name, "110117-平谷区");
    let hub = s.sites.iter().find(|x| x.id == "hub").unwrap();
    assert!(
        hub.name.starts_with("平谷区县级寄递公共配送中心"),
        "{}",
        hub.name
    );
    assert_eq!(hub.code.as_deref(), Some("110117"));
    assert!(s
        .sites
        .iter()
        .filter(|x| x.id.starts_with("depot_"))
        .all(|x| x.name.contains("平谷分部")));
    assert!(s.bus_lines.iter().all(|l| l.name.starts_with("平谷 - ")));
    assert!(s.metadata.description.contains("平谷区"));
    // Credits come from the folder: its README names Vonng/adcode under CC BY 4.0.
    let credits = serde_json::to_string(&s.metadata.sources).unwrap();
    assert!(credits.contains("Vonng/adcode"), "{credits}");
    assert!(credits.contains("CC BY 4.0"), "{credits}");
    // Valid, routable, and the text round-trips.
    let text = to_json_string(s);
    assert_eq!(&from_json_str(&text, "pinggu").unwrap(), s);
    build_network(s).unwrap();
}

#[test]
fn no_jizhou_name_or_code_appears_in_pinggu() {
    let text = to_json_string(pinggu());
    let lower = text.to_lowercase();
    let jizhou = SourceData::bundled().unwrap();
    let mut forbidden: Vec<String> = ["蓟州", "蓟县", "jizhou", "120119", "120225", "天津"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    forbidden.extend(jizhou.townships.iter().map(|t| t.name.clone()));
    for word in &forbidden {
        assert!(
            !lower.contains(&word.to_lowercase()),
            "Pinggu's scenario mentions {word:?}"
        );
    }
}

#[test]
fn pinggu_villages_lie_inside_the_boundary() {
    let data = SourceData::from_dir(&repo_data("districts/pinggu")).unwrap();
    assert!(matches!(data.boundary_origin, BoundaryOrigin::File { .. }));
    for site in &pinggu().sites {
        if site.tier == SiteTier::VillageStation {
            assert!(
                data.inside(geo::Point::new(site.lon, site.lat)),
                "{} lies outside",
                site.name
            );
        }
    }
}

#[test]
fn handmade_district_generates_with_the_hull_fallback() {
    let dir = repo_data("districts/handmade");
    let data = SourceData::from_dir(&dir).unwrap();
    assert!(matches!(data.boundary_origin, BoundaryOrigin::Hull { .. }));
    assert_eq!((data.townships.len(), data.villages.len()), (3, 15));
    let s = generate_folder(&dir, 3);
    assert_eq!(count(&s, SiteTier::VillageStation), 15);
    assert_eq!(count(&s, SiteTier::TownshipCentre), 3);
    assert_eq!(s.name, "990101-样例县");
    assert!(s.metadata.synthetic.iter().any(|p| p.part == "boundary"));
    for site in &s.sites {
        if site.tier == SiteTier::VillageStation || site.tier == SiteTier::TownshipCentre {
            assert!(
                data.inside(geo::Point::new(site.lon, site.lat)),
                "{}",
                site.name
            );
        }
    }
    // 西河乡 has no seat point: its seat is the median of its village points.
    let seat = s.sites.iter().find(|x| x.id == "990101201").unwrap();
    assert!(seat.synthetic_position);
    // Credits are derived from the source column and the README.
    assert!(s.metadata.sources.iter().any(|c| c.key == "handmade"));
    assert!(s.metadata.sources.iter().any(|c| c.licence.contains("CC0")));
    build_network(&s).unwrap();
    assert_eq!(s, generate_folder(&dir, 3), "deterministic for a seed");
}

#[test]
fn the_jizhou_folder_reads_like_the_bundled_data() {
    let data = SourceData::from_dir(&repo_data("jizhou")).unwrap();
    assert!(matches!(
        &data.boundary_origin,
        BoundaryOrigin::File { file, .. } if file == "jizhou_boundary_gcj02.geojson"
    ));
    assert_eq!(
        generate_from(&data, Preset::Small, 5).unwrap(),
        generate(Preset::Small, 5).unwrap()
    );
}

#[test]
fn calibration_changes_volume_and_is_recorded() {
    let data = SourceData::from_dir(&repo_data("districts/handmade")).unwrap();
    let base = Calibration::default();
    let big = base.with_assignment("parcels_per_day=5000").unwrap();
    let options = DistrictOptions::default();
    let a = generate_district(&data, &base, &options, 1).unwrap();
    let b = generate_district(&data, &big, &options, 1).unwrap();
    assert!(b.total_parcels_in() > 10 * a.total_parcels_in());
    let recorded = b
        .metadata
        .synthetic
        .iter()
        .find(|p| p.part == "calibration")
        .unwrap();
    assert!(recorded.method.contains("\"parcels_per_day\":5000"));
    let err = base.with_assignment("parcels=3").unwrap_err().to_string();
    assert!(err.contains("parcels"), "{err}");
    let err = base
        .with_assignment("bus_lines=\"two\"")
        .unwrap_err()
        .to_string();
    assert!(err.contains("bus_lines"), "{err}");
    let err = base
        .with_assignment("returns_share=2")
        .unwrap_err()
        .to_string();
    assert!(err.contains("returns_share"), "{err}");
}

/// A copy of the hand-made folder in a fresh temporary directory, changed by `edit`.
fn broken(name: &str, edit: impl FnOnce(&Path)) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongpei-district-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(repo_data("districts/handmade")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    edit(&dir);
    dir
}

fn replace_in(dir: &Path, file: &str, from: &str, to: &str) {
    let path = dir.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in {file}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

fn error_of(name: &str, edit: impl FnOnce(&Path)) -> String {
    let dir = broken(name, edit);
    let err = SourceData::from_dir(&dir)
        .map(|_| ())
        .expect_err("broken folder must not read")
        .to_string();
    std::fs::remove_dir_all(&dir).unwrap();
    err
}

#[test]
fn broken_folders_name_file_line_and_column() {
    let cases: Vec<(&str, String, &[&str])> = vec![
        (
            "missing_file",
            error_of("missing_file", |d| {
                std::fs::remove_file(d.join("villages.csv")).unwrap()
            }),
            &["villages.csv", "No such file"],
        ),
        (
            "missing_column",
            error_of("missing_column", |d| {
                replace_in(d, "villages.csv", "township_code,", "township,")
            }),
            &["villages.csv", "line 1", "township_code"],
        ),
        (
            "unknown_township",
            error_of("unknown_township", |d| {
                replace_in(
                    d,
                    "villages.csv",
                    "990101201,220,113.4000",
                    "990101999,220,113.4000",
                )
            }),
            &[
                "villages.csv",
                "line 12",
                "column township_code",
                "990101999",
            ],
        ),
        (
            "bad_number",
            error_of("bad_number", |d| {
                replace_in(d, "villages.csv", "35.5060", "35.5O60")
            }),
            &["villages.csv", "line 2", "column lat", "35.5O60"],
        ),
        (
            "out_of_range",
            error_of("out_of_range", |d| {
                replace_in(d, "townships.csv", "113.5900", "413.59")
            }),
            &["townships.csv", "line 3", "column lon", "413.59"],
        ),
        (
            "half_a_point",
            error_of("half_a_point", |d| {
                replace_in(d, "villages.csv", "113.4980,35.4950", "113.4980,")
            }),
            &["villages.csv", "line 4", "column lat", "empty"],
        ),
        (
            "unknown_crs",
            error_of("unknown_crs", |d| {
                replace_in(d, "villages.csv", "GCJ-02", "UTM50")
            }),
            &["villages.csv", "line 6", "column coord_system", "UTM50"],
        ),
        (
            "no_crs",
            error_of("no_crs", |d| replace_in(d, "district.csv", "WGS84", "")),
            &["district.csv", "line 2", "column coord_system"],
        ),
        (
            "duplicate_code",
            error_of("duplicate_code", |d| {
                replace_in(d, "villages.csv", "990101001002", "990101001001")
            }),
            &["villages.csv", "line 3", "column code", "twice"],
        ),
        (
            "bad_class",
            error_of("bad_class", |d| {
                replace_in(d, "villages.csv", ",111,", ",city,")
            }),
            &["villages.csv", "line 2", "column urban_rural_class"],
        ),
        (
            "empty_name",
            error_of("empty_name", |d| {
                replace_in(d, "townships.csv", "东岭镇", "")
            }),
            &["townships.csv", "line 3", "column name", "empty"],
        ),
        (
            "bad_boundary",
            error_of("bad_boundary", |d| {
                std::fs::write(
                    d.join("boundary_gcj02.geojson"),
                    "{\"type\": \"Feature\",\n \"geometry\": [}",
                )
                .unwrap()
            }),
            &["boundary_gcj02.geojson", "line 2"],
        ),
        (
            "boundary_not_polygon",
            error_of("boundary_not_polygon", |d| {
                std::fs::write(
                    d.join("boundary_wgs84.geojson"),
                    r#"{"type": "Point", "coordinates": [113.5, 35.5]}"#,
                )
                .unwrap()
            }),
            &["boundary_wgs84.geojson", "Polygon"],
        ),
        (
            "two_boundaries",
            error_of("two_boundaries", |d| {
                let square =
                    r#"{"type":"Polygon","coordinates":[[[113,35],[114,35],[114,36],[113,35]]]}"#;
                std::fs::write(d.join("boundary_wgs84.geojson"), square).unwrap();
                std::fs::write(d.join("x_boundary_gcj02.geojson"), square).unwrap();
            }),
            &["more than one boundary file"],
        ),
        (
            "bad_calibration",
            {
                let dir = broken("bad_calibration", |d| {
                    std::fs::write(d.join("calibration.json"), "{\n  \"bus_lines\": -1\n}").unwrap()
                });
                let data = SourceData::from_dir(&dir).unwrap();
                let err = gongpei_scenario::generate::folder_calibration(&data)
                    .unwrap_err()
                    .to_string();
                std::fs::remove_dir_all(&dir).unwrap();
                err
            },
            &["calibration.json", "bus_lines", "line 2"],
        ),
    ];
    for (name, message, expected) in cases {
        for part in expected {
            assert!(
                message.contains(part),
                "case {name}: {message:?} should mention {part:?}"
            );
        }
    }
}
