//! `gongpei roads ...` end to end on the Andorra extract (`data/osm/`, ODbL, (c) OpenStreetMap
//! contributors): the import report, the long matrix CSV, the edge export, and errors naming the
//! file, line and column.

use crate::common::{gongpei, scratch_dir};
use std::path::PathBuf;

fn osm(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/osm")
        .join(name)
        .display()
        .to_string()
}

fn temp_dir(tag: &str) -> PathBuf {
    scratch_dir("roads", tag)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn info_prints_the_import_report() {
    let out = gongpei(&["roads", "info", "--osm", &osm("andorra-20230502.osm.pbf")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(
        report.contains("18909 read") && report.contains("largest strongly connected"),
        "{report}"
    );
}

#[test]
fn matrix_writes_every_pair_of_the_sites() {
    let dir = temp_dir("matrix");
    let out_csv = dir.join("m.csv");
    let pbf = osm("andorra-20230502.osm.pbf");
    let places = osm("andorra_places.csv");
    let out = gongpei(&[
        "roads",
        "matrix",
        "--osm",
        &pbf,
        "--sites",
        &places,
        "--profile",
        "truck",
        "--out",
        out_csv.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("connector"),
        "snaps are reported"
    );
    let csv = std::fs::read_to_string(&out_csv).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "from,to,distance_m,duration_s");
    assert_eq!(lines.len(), 1 + 68 * 68);
    assert_eq!(lines[1], "n58957648,n58957648,0,0");
    let f: Vec<&str> = lines[2].split(',').collect();
    assert_eq!(f[1], "n58963219", "Andorra la Vella -> Ordino");
    let (d, t): (i64, i64) = (f[2].parse().unwrap(), f[3].parse().unwrap());
    assert!(
        (5_000..20_000).contains(&d) && (300..2_000).contains(&t),
        "{d} m {t} s"
    );
    // GCJ-02 input is converted: the same points given in GCJ-02 give the same matrix.
    let crs = gongpei_network::crs::Crs::Gcj02;
    let mut gcj = String::from("id,name,lon,lat\n");
    for line in std::fs::read_to_string(&places).unwrap().lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let n = f.len();
        let (lon, lat) = crs.from_wgs84(f[n - 3].parse().unwrap(), f[n - 2].parse().unwrap());
        gcj += &format!("{},x,{lon:.10},{lat:.10}\n", f[0]);
    }
    let gcj_csv = dir.join("gcj.csv");
    std::fs::write(&gcj_csv, gcj).unwrap();
    let gcj_out = dir.join("m_gcj.csv");
    let out = gongpei(&[
        "roads",
        "matrix",
        "--osm",
        &pbf,
        "--sites",
        gcj_csv.to_str().unwrap(),
        "--profile",
        "truck",
        "--crs",
        "gcj02",
        "--out",
        gcj_out.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&gcj_out).unwrap(), csv);
    let edges = dir.join("e.csv");
    let out = gongpei(&[
        "roads",
        "export",
        "--osm",
        &pbf,
        "--sites",
        &places,
        "--edges",
        edges.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported = std::fs::read_to_string(&edges).unwrap();
    assert!(exported.starts_with("from,to,length_m,kmh\n"));
    assert!(exported.lines().count() > 9_000);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_sites_files_name_the_line_and_column() {
    let dir = temp_dir("bad");
    let pbf = osm("andorra-20230502.osm.pbf");
    let run = |name: &str, body: &str, extra: &[&str]| {
        let path = dir.join(name);
        std::fs::write(&path, body).unwrap();
        let m = dir.join("m.csv");
        let mut args = vec![
            "roads",
            "matrix",
            "--osm",
            &pbf,
            "--sites",
            path.to_str().unwrap(),
            "--out",
            m.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let out = gongpei(&args);
        assert!(!out.status.success());
        text(&out.stderr)
    };
    let err = run("nolat.csv", "id,name,lon\na,A,1.52\n", &[]);
    assert!(
        err.contains("nolat.csv, line 1") && err.contains("\"lat\""),
        "{err}"
    );
    let err = run(
        "badnum.csv",
        "id,name,lon,lat\na,A,1.52,42.5\nb,B,east,42.5\n",
        &[],
    );
    assert!(err.contains("badnum.csv, line 3, column 3 (lon)"), "{err}");
    let err = run(
        "dup.csv",
        "id,name,lon,lat\na,A,1.52,42.5\na,B,1.53,42.5\n",
        &[],
    );
    assert!(
        err.contains("line 3, column 1") && err.contains("duplicate"),
        "{err}"
    );
    let err = run(
        "far.csv",
        "id,name,lon,lat\na,A,1.52,42.5\nparis,Paris,2.35,48.85\n",
        &[],
    );
    assert!(err.contains("paris (Paris"), "{err}");
    let err = run(
        "crs.csv",
        "id,name,lon,lat\na,A,1.52,42.5\nb,B,1.53,42.5\n",
        &["--crs", "utm"],
    );
    assert!(err.contains("utm"), "{err}");
    let err = run(
        "snap.csv",
        "id,name,lon,lat\na,A,1.52,42.5\nb,B,1.53,42.5\n",
        &["--max-snap-m", "-3"],
    );
    assert!(err.contains("-3"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
