//! SIGINT and SIGTERM during planning commands (issue 13, item 4): `scenario compare` and
//! every `design` question (frequency, site, cover, cold) are signalled while they search far beyond what the test waits for; the
//! first signal hurries the planning, so the command still prints its tables and writes every
//! output, marked hurried, and exits 130 (SIGINT) or 143 (SIGTERM); a second signal ends the
//! process at once with the same convention.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{scratch_dir, send, small_example};

/// Generous for a loaded 2-core machine: the hurried finish takes about a second idle.
const FINISH_WITHIN: Duration = Duration::from_secs(20);

fn spawn(args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_gongpei"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the gongpei binary runs")
}

/// Starts `args`, lets it work for `after`, sends `signal` and waits: the output and the time
/// from the signal to the end.
fn signalled(args: &[&str], after: Duration, signal: &str) -> (Output, Duration) {
    let child = spawn(args);
    std::thread::sleep(after);
    send(&child, signal);
    let sent = Instant::now();
    let out = child.wait_with_output().unwrap();
    (out, sent.elapsed())
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json_file(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{} was not written: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn hurried_comparison(signal: &str, code: i32) {
    let dir = scratch_dir("interrupted", &format!("compare-{signal}"));
    let out_dir = dir.join("out");
    let small = small_example();
    // A million iterations per sub-problem: minutes of search, so only the signal ends it.
    let args = [
        "scenario",
        "compare",
        small.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--iterations",
        "1000000",
    ];
    let (out, took) = signalled(&args, Duration::from_millis(1500), signal);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(took < FINISH_WITHIN, "{signal}: finished {took:?} after it");
    assert_eq!(out.status.code(), Some(code), "{signal}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(&format!("interrupted by SIG{signal}")),
        "{stderr}"
    );
    // The printed tables: the hurried line, the mode table with every mode.
    assert!(stdout.contains("HURRIED (interrupted)"), "{stdout}");
    assert!(stdout.contains("cost CNY"), "{stdout}");
    for mode in [
        "separate",
        "postal_express",
        "transport_postal",
        "combined",
        "express_pool",
        "express_pool_single",
        "commerce",
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with(&format!("{mode} "))),
            "{mode} missing: {stdout}"
        );
    }
    // Every output written and readable, saying it is hurried.
    let compare = json_file(&out_dir.join("compare.json"));
    assert_eq!(compare["hurried"], true, "{}", compare["hurried"]);
    assert!(compare["subproblems_hurried"].as_u64().unwrap() > 0);
    let modes = compare["modes"].as_array().unwrap();
    assert_eq!(modes.len(), 7);
    for m in modes {
        assert_eq!(m["feasible"], true, "{}: {}", m["mode"], m["check"]);
        assert_eq!(m["plan"]["hurried"], true, "{}", m["mode"]);
    }
    assert!(compare["allocation"].is_object());
    let routes = json_file(&out_dir.join("routes.geojson"));
    assert_eq!(routes["type"], "FeatureCollection");
    assert!(!routes["features"].as_array().unwrap().is_empty());
    let html = std::fs::read_to_string(out_dir.join("compare.html")).unwrap();
    assert!(html.contains("Hurried (interrupted)"));
    assert!(
        std::fs::metadata(out_dir.join("tables.xlsx"))
            .unwrap()
            .len()
            > 0
    );
    let csv_files = std::fs::read_dir(out_dir.join("tables")).unwrap().count();
    assert!(csv_files > 0);
}

#[test]
fn sigint_hurries_a_comparison_which_is_written_and_exits_130() {
    hurried_comparison("INT", 130);
}

#[test]
fn sigterm_hurries_a_comparison_which_is_written_and_exits_143() {
    hurried_comparison("TERM", 143);
}

#[test]
fn a_second_signal_ends_a_hurried_comparison_at_once_with_its_code() {
    let dir = scratch_dir("interrupted", "twice");
    let small = small_example();
    let out_dir = dir.join("out");
    let child = spawn(&[
        "scenario",
        "compare",
        small.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
        "--iterations",
        "1000000",
    ]);
    std::thread::sleep(Duration::from_millis(1500));
    send(&child, "INT");
    // The hurried finish takes about a second (construction-only plans and the outputs); the
    // second signal comes well within it.
    std::thread::sleep(Duration::from_millis(20));
    send(&child, "TERM");
    let sent = Instant::now();
    let out = child.wait_with_output().unwrap();
    assert!(sent.elapsed() < FINISH_WITHIN, "{:?}", sent.elapsed());
    // The second signal's code (SIGTERM), not the first's.
    assert_eq!(out.status.code(), Some(143), "{}", text(&out.stderr));
    assert!(!out_dir.join("compare.html").exists());
}

#[test]
fn sigterm_hurries_a_frequency_design_which_is_written_and_exits_143() {
    let dir = scratch_dir("interrupted", "frequency");
    let small = small_example();
    let json = dir.join("frequency.json");
    let html = dir.join("frequency.html");
    // 200 iterations per sub-problem and 40 moves per target: minutes of planning.
    let args = [
        "design",
        "frequency",
        small.to_str().unwrap(),
        "--iterations",
        "200",
        "--out",
        json.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ];
    let (out, took) = signalled(&args, Duration::from_millis(2000), "TERM");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(took < FINISH_WITHIN, "finished {took:?} after the signal");
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    assert!(stderr.contains("interrupted by SIGTERM"), "{stderr}");
    assert!(stdout.contains("HURRIED (interrupted)"), "{stdout}");
    assert!(stdout.contains("Weeks by target and mode"), "{stdout}");
    let study = json_file(&json);
    assert_eq!(study["hurried"], true);
    // Every target and mode is still there, each week checked, some planned hurried.
    let targets = study["targets"].as_array().unwrap();
    assert_eq!(targets.len(), 4);
    let weeks: Vec<&serde_json::Value> = targets
        .iter()
        .flat_map(|t| t["modes"].as_array().unwrap())
        .collect();
    assert_eq!(weeks.len(), 8);
    assert!(weeks.iter().any(|w| w["hurried"] == true));
    for w in &weeks {
        assert_eq!(w["feasible"], true, "{}", w["violations"]);
        assert_eq!(w["days"].as_array().unwrap().len(), 7);
    }
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("HURRIED (interrupted)"));
}

/// `design QUESTION` on the small example at a million iterations per sub-problem, SIGTERM
/// after `after`: the answer is still printed as JSON, marked hurried, and the exit is 143.
fn hurried_design(question: &str, extra: &[&str], after: Duration) -> serde_json::Value {
    let small = small_example();
    let mut args = vec![
        "design",
        question,
        small.to_str().unwrap(),
        "--iterations",
        "1000000",
        "--json",
        "--quiet",
    ];
    args.extend_from_slice(extra);
    let (out, took) = signalled(&args, after, "TERM");
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(
        took < FINISH_WITHIN,
        "{question}: finished {took:?} after the signal"
    );
    assert_eq!(out.status.code(), Some(143), "{question}: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{question}: {e}: {stdout}"))
}

#[test]
fn sigterm_hurries_the_site_cover_and_cold_designs_which_still_answer() {
    let site = hurried_design(
        "site",
        &["--hubs", "2", "--shortlist", "2"],
        Duration::from_millis(2000),
    );
    assert_eq!(site["hurried"], true, "{site}");
    let cover = hurried_design("cover", &["--radius-km", "2"], Duration::from_millis(2000));
    assert_eq!(cover["hurried"], true, "{cover}");
    let cold = hurried_design("cold", &[], Duration::from_millis(2000));
    let text = cold.to_string();
    assert!(text.contains("\"hurried\":true"), "{text}");
}
