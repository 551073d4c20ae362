//! Travel resolution: a scenario on OpenStreetMap roads (the Andorra extract of `data/osm/`,
//! ODbL, (c) OpenStreetMap contributors), and external matrices from CSV and `.npy` files with
//! their errors (missing pair, negative, NaN, unknown id, wrong size), each naming the place.

use std::path::{Path, PathBuf};

use gongpei_scenario::generate::{generate, Preset};
use gongpei_scenario::model::{SiteTier, VehicleProfile};
use gongpei_scenario::travel::{resolve, resolve_in};
use gongpei_scenario::{
    from_json_file, to_json_file, validate, ExternalMatrix, OsmRoads, Scenario, ScenarioError,
};

fn osm_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/osm")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongpei-travel-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn small() -> Scenario {
    generate(Preset::Small, 1).unwrap()
}

fn stations(s: &Scenario) -> Vec<usize> {
    (0..s.sites.len())
        .filter(|&i| s.sites[i].tier != SiteTier::Junction)
        .collect()
}

/// The small preset moved to Andorra: junctions and JSON roads dropped, every other site put
/// near one of the extract's named places (a few tens of metres off, in turn).
fn andorra_scenario() -> Scenario {
    let mut s = small();
    let text = std::fs::read_to_string(osm_dir().join("andorra_places.csv")).unwrap();
    let places: Vec<(f64, f64)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let n = f.len();
            (f[n - 3].parse().unwrap(), f[n - 2].parse().unwrap())
        })
        .collect();
    let used: std::collections::HashSet<String> = s
        .bus_lines
        .iter()
        .flat_map(|b| b.stops.iter().cloned())
        .collect();
    s.sites
        .retain(|x| x.tier != SiteTier::Junction || used.contains(&x.id));
    for (k, site) in s.sites.iter_mut().enumerate() {
        let (lon, lat) = places[k % places.len()];
        let shift = 0.0002 * (k / places.len()) as f64;
        (site.lon, site.lat) = (lon + shift, lat + shift);
    }
    s.roads.edges.clear();
    s.roads.osm = Some(OsmRoads {
        file: "andorra-20230502.osm.pbf".into(),
        max_snap_m: 2000.0,
    });
    s.roads.base_dir = Some(osm_dir());
    validate(&s).expect("the moved scenario is valid");
    s
}

#[test]
fn a_scenario_on_osm_roads_routes_between_its_sites() {
    let s = andorra_scenario();
    let travel = resolve(&s).unwrap();
    let osm = travel.osm.as_ref().expect("roads from OpenStreetMap");
    assert_eq!(osm.snaps.len(), s.sites.len());
    assert!(osm.snaps.iter().all(|x| x.connector_m <= 2000.0));
    assert!(travel.network.sites().len() > s.sites.len() + 4000);
    for (i, site) in s.sites.iter().enumerate() {
        assert_eq!(travel.network.sites()[i].id, site.id, "site {i} first");
    }
    let sites = stations(&s);
    let (distance, duration) = travel.matrices(VehicleProfile::Van, &sites).unwrap();
    assert_eq!(distance.size(), sites.len());
    let router = travel.network.router(VehicleProfile::Van.into());
    let m = router.matrices(&sites).unwrap();
    assert_eq!(distance, m.distance);
    assert_eq!(duration, m.duration);
    // A relative path without the base folder is not found, and the error names the file.
    let err = resolve_in(&s, Some(Path::new("/nonexistent"))).unwrap_err();
    assert!(
        err.to_string().contains("andorra-20230502.osm.pbf"),
        "{err}"
    );
    // A site far from every road is an error naming it.
    let mut far = s.clone();
    far.sites[3].lon += 1.0;
    let err = resolve(&far).unwrap_err();
    assert!(matches!(err, ScenarioError::Osm(_)));
    assert!(err.to_string().contains(&far.sites[3].id), "{err}");
}

#[test]
fn osm_and_matrix_fields_are_validated_with_their_paths() {
    let mut s = andorra_scenario();
    s.roads.osm.as_mut().unwrap().max_snap_m = -1.0;
    s.roads.edges = small().roads.edges;
    s.roads.matrices = vec![
        ExternalMatrix {
            profile: VehicleProfile::Van,
            csv: Some("van.csv".into()),
            distance_npy: Some("d.npy".into()),
            duration_npy: None,
            site_ids: None,
        },
        ExternalMatrix {
            profile: VehicleProfile::Van,
            csv: None,
            distance_npy: Some("d.npy".into()),
            duration_npy: None,
            site_ids: Some("ids.txt".into()),
        },
        ExternalMatrix {
            profile: VehicleProfile::Truck,
            csv: Some("truck.xlsx".into()),
            distance_npy: None,
            duration_npy: None,
            site_ids: None,
        },
    ];
    let problems = validate(&s).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    for expected in [
        "roads.osm.max_snap_m",
        "roads.edges",
        "roads.matrices[0].csv",
        "roads.matrices[1].profile",
        "roads.matrices[1].duration_npy",
        "roads.matrices[2].csv",
    ] {
        assert!(paths.contains(&expected), "{expected} not in {paths:?}");
    }
}

/// Writes the routed van matrices of the small preset as a long CSV; returns its lines.
fn routed_csv(s: &Scenario) -> Vec<String> {
    let sites = stations(s);
    let travel = resolve(s).unwrap();
    let (d, t) = travel.matrices(VehicleProfile::Van, &sites).unwrap();
    let mut lines = vec!["from,to,distance_m,duration_s".to_string()];
    for (i, &a) in sites.iter().enumerate() {
        for (j, &b) in sites.iter().enumerate() {
            lines.push(format!(
                "{},{},{},{}",
                s.sites[a].id,
                s.sites[b].id,
                d.get(i, j),
                t.get(i, j)
            ));
        }
    }
    lines
}

fn with_csv(dir: &Path, lines: &[String]) -> Scenario {
    std::fs::write(dir.join("van.csv"), lines.join("\n") + "\n").unwrap();
    let mut s = small();
    s.roads.matrices = vec![ExternalMatrix {
        profile: VehicleProfile::Van,
        csv: Some("van.csv".into()),
        distance_npy: None,
        duration_npy: None,
        site_ids: None,
    }];
    s.roads.base_dir = Some(dir.to_path_buf());
    s
}

fn csv_error(dir: &Path, lines: &[String]) -> String {
    resolve(&with_csv(dir, lines)).unwrap_err().to_string()
}

#[test]
fn external_csv_matrices_replace_the_routed_ones_and_errors_name_the_place() {
    let dir = temp_dir("csv");
    let s = small();
    let mut lines = routed_csv(&s);
    // Make the external matrix differ from the routed one: 10 % longer trips.
    for line in lines.iter_mut().skip(1) {
        let f: Vec<String> = line.split(',').map(String::from).collect();
        let d: i64 = f[2].parse().unwrap();
        let t: i64 = f[3].parse().unwrap();
        *line = format!("{},{},{}.4,{}", f[0], f[1], d * 11 / 10, t * 11 / 10);
    }
    let scenario = with_csv(&dir, &lines);
    let sites = stations(&scenario);
    let travel = resolve(&scenario).unwrap();
    let (d, t) = travel.matrices(VehicleProfile::Van, &sites).unwrap();
    let (rd, rt) = travel.matrices(VehicleProfile::Truck, &sites).unwrap();
    let routed = resolve(&s).unwrap();
    let (vd, _) = routed.matrices(VehicleProfile::Van, &sites).unwrap();
    assert_eq!(d.get(0, 1), vd.get(0, 1) * 11 / 10, "read and rounded");
    assert!(t.get(1, 0) > 0);
    assert_eq!(
        (rd, rt),
        routed.matrices(VehicleProfile::Truck, &sites).unwrap(),
        "profiles without a file are routed"
    );
    // A file loaded from disk resolves its path against the scenario's folder.
    to_json_file(&scenario, &dir.join("scenario.json")).unwrap();
    let loaded = from_json_file(&dir.join("scenario.json")).unwrap();
    assert_eq!(loaded, scenario);
    assert!(resolve(&loaded).is_ok());

    let missing = csv_error(&dir, &[&lines[..5], &lines[6..]].concat());
    assert!(missing.contains("1 pair(s) missing"), "{missing}");
    let pair: Vec<&str> = lines[5].split(',').collect();
    assert!(
        missing.contains(&format!("({}, {})", pair[0], pair[1])),
        "{missing}"
    );

    let mut negative = lines.clone();
    let f: Vec<&str> = lines[7].split(',').collect();
    negative[7] = format!("{},{},-5,{}", f[0], f[1], f[3]);
    let err = csv_error(&dir, &negative);
    assert!(
        err.contains("van.csv, line 8") && err.contains("column 3"),
        "{err}"
    );
    assert!(err.contains("-5"), "{err}");

    let mut nan = lines.clone();
    nan[9] = format!("{},{},{},NaN", f[0], f[1], f[2]);
    let err = csv_error(&dir, &nan);
    assert!(
        err.contains("line 10") && err.contains("duration_s"),
        "{err}"
    );

    let mut unknown = lines.clone();
    unknown[3] = format!("nowhere,{},1,1", f[1]);
    let err = csv_error(&dir, &unknown);
    assert!(
        err.contains("line 4") && err.contains("\"nowhere\""),
        "{err}"
    );

    let mut duplicate = lines.clone();
    duplicate.push(lines[2].clone());
    let err = csv_error(&dir, &duplicate);
    assert!(err.contains("already given on line 3"), "{err}");

    let mut words = lines.clone();
    words[2] = format!("{},{},far,1", f[0], f[1]);
    let err = csv_error(&dir, &words);
    assert!(
        err.contains("line 3") && err.contains("\"far\" is not a number"),
        "{err}"
    );

    let mut header = lines.clone();
    header[0] = "from,to,metres,duration_s".into();
    let err = csv_error(&dir, &header);
    assert!(
        err.contains("line 1") && err.contains("\"distance_m\""),
        "{err}"
    );

    // A station left out entirely is named.
    let gone = &s.sites[stations(&s)[2]].id;
    let without: Vec<String> = lines
        .iter()
        .filter(|l| {
            let f: Vec<&str> = l.split(',').collect();
            f[0] != gone && f[1] != gone
        })
        .cloned()
        .collect();
    let err = csv_error(&dir, &without);
    assert!(
        err.contains("missing") && err.contains(gone.as_str()),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn write_npy(path: &Path, n: usize, values: &[f64]) {
    use npyz::WriterBuilder;
    let mut file = std::fs::File::create(path).unwrap();
    let mut w = npyz::WriteOptions::new()
        .default_dtype()
        .shape(&[n as u64, n as u64])
        .writer(&mut file)
        .begin_nd()
        .unwrap();
    w.extend(values.iter().copied()).unwrap();
    w.finish().unwrap();
}

#[test]
fn external_npy_matrices_are_read_and_checked() {
    let dir = temp_dir("npy");
    let s = small();
    let sites = stations(&s);
    let n = sites.len();
    let routed = resolve(&s).unwrap();
    let (d, t) = routed.matrices(VehicleProfile::ColdVan, &sites).unwrap();
    let flat = |m: &gongpei_core::Matrix| -> Vec<f64> {
        (0..n * n).map(|k| m.get(k / n, k % n) as f64).collect()
    };
    let ids: Vec<String> = sites.iter().map(|&i| s.sites[i].id.clone()).collect();
    let write_all = |dist: &[f64], dur: &[f64], ids: &[String], side: usize| {
        write_npy(&dir.join("d.npy"), side, dist);
        write_npy(&dir.join("t.npy"), side, dur);
        std::fs::write(dir.join("ids.txt"), ids.join("\n") + "\n").unwrap();
    };
    let mut scenario = s.clone();
    scenario.roads.matrices = vec![ExternalMatrix {
        profile: VehicleProfile::ColdVan,
        csv: None,
        distance_npy: Some("d.npy".into()),
        duration_npy: Some("t.npy".into()),
        site_ids: Some("ids.txt".into()),
    }];
    scenario.roads.base_dir = Some(dir.clone());
    write_all(&flat(&d), &flat(&t), &ids, n);
    let (ed, et) = resolve(&scenario)
        .unwrap()
        .matrices(VehicleProfile::ColdVan, &sites)
        .unwrap();
    assert_eq!((ed, et), (d.clone(), t.clone()));
    // Rows in another order are keyed by the id file.
    let mut reversed_ids = ids.clone();
    reversed_ids.reverse();
    let rev = |m: &gongpei_core::Matrix| -> Vec<f64> {
        (0..n * n)
            .map(|k| m.get(n - 1 - k / n, n - 1 - k % n) as f64)
            .collect()
    };
    write_all(&rev(&d), &rev(&t), &reversed_ids, n);
    let (ed, _) = resolve(&scenario)
        .unwrap()
        .matrices(VehicleProfile::ColdVan, &sites)
        .unwrap();
    assert_eq!(ed, d);

    // Wrong size: one site id fewer than the arrays' side.
    write_all(&flat(&d), &flat(&t), &ids[..n - 1], n);
    let err = resolve(&scenario).unwrap_err().to_string();
    assert!(err.contains("d.npy") && err.contains("shape"), "{err}");
    // Negative entry, named by position and ids.
    let mut neg = flat(&t);
    neg[1] = -3.0;
    write_all(&flat(&d), &neg, &ids, n);
    let err = resolve(&scenario).unwrap_err().to_string();
    assert!(
        err.contains("t.npy") && err.contains("entry [0, 1]"),
        "{err}"
    );
    assert!(err.contains(&ids[1]), "{err}");
    // NaN.
    let mut nan = flat(&d);
    nan[n + 2] = f64::NAN;
    write_all(&nan, &flat(&t), &ids, n);
    let err = resolve(&scenario).unwrap_err().to_string();
    assert!(err.contains("entry [1, 2]") && err.contains("NaN"), "{err}");
    // Unknown id in the id file, named by line.
    let mut unknown = ids.clone();
    unknown[4] = "atlantis".into();
    write_all(&flat(&d), &flat(&t), &unknown, n);
    let err = resolve(&scenario).unwrap_err().to_string();
    assert!(
        err.contains("ids.txt, line 5") && err.contains("atlantis"),
        "{err}"
    );
    // Not an .npy file at all.
    write_all(&flat(&d), &flat(&t), &ids, n);
    std::fs::write(dir.join("t.npy"), b"distance,duration\n1,2\n").unwrap();
    let err = resolve(&scenario).unwrap_err().to_string();
    assert!(
        err.contains("t.npy") && err.contains("not a .npy file"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
