//! `gongpei locate` end to end on the bundled OR-Library files: the proven optimum, JSON fields,
//! covering models, and clear errors with exit status 1.

use std::path::PathBuf;
use std::process::{Command, Output};

fn bundled(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/pmedian")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn gongpei(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongpei"))
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn pmedian_reaches_the_published_optimum() {
    let v = json(&gongpei(&[
        "locate",
        "pmedian",
        &bundled("pmed1.txt"),
        "--json",
    ]));
    assert_eq!(v["objective"], 5819.0);
    assert_eq!(v["optimum"], 5819.0);
    assert_eq!(v["status"], "optimal");
    assert_eq!(v["medians"].as_array().unwrap().len(), 5);
    assert!(v["seconds"].as_f64().unwrap() >= 0.0);
    let text = gongpei(&["locate", "pmedian", &bundled("pmed1.txt"), "--p", "3"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("objective") && text.contains("proven optimal"),
        "{text}"
    );
    assert!(
        !text.contains("optimum "),
        "the file's optimum is for p = 5 only: {text}"
    );
}

#[test]
fn covering_models_run_on_a_pmedian_file() {
    let file = bundled("pmed1.txt");
    let set = json(&gongpei(&[
        "locate", "cover", &file, "--radius", "40", "--json",
    ]));
    assert_eq!(set["model"], "set_covering");
    assert_eq!(set["covered"], 100);
    let sites = set["objective"].as_f64().unwrap() as usize;
    assert_eq!(set["sites"].as_array().unwrap().len(), sites);
    // With one site fewer than the cover needs, maximal covering leaves some vertex out; with as
    // many, it covers everything.
    let k = sites.to_string();
    let all = json(&gongpei(&[
        "locate", "cover", &file, "--radius", "40", "--k", &k, "--json",
    ]));
    assert_eq!(all["objective"], 100.0);
    let fewer = (sites - 1).to_string();
    let some = json(&gongpei(&[
        "locate", "cover", &file, "--radius", "40", "--k", &fewer, "--json",
    ]));
    assert!(some["objective"].as_f64().unwrap() < 100.0);
    assert_eq!(some["model"], "maximal_covering");
}

#[test]
fn bad_input_is_a_clear_error() {
    let out = gongpei(&["locate", "pmedian", &bundled("pmed1.txt"), "--p", "0"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pmed1.txt") && err.contains("p = 0"), "{err}");
    let out = gongpei(&["locate", "pmedian", &bundled("README.md")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("README.md:1"));
    let out = gongpei(&[
        "locate",
        "pmedian",
        &bundled("pmed1.txt"),
        "--time-limit",
        "-1",
    ]);
    assert_eq!(out.status.code(), Some(2));
}
