//! What every CLI test module needs: the built `gongpei` binary, the bundled data and a scratch
//! folder per test.

use std::path::PathBuf;
use std::process::{Child, Command, Output};

/// Runs the `gongpei` binary under test with `args` and waits for it.
pub fn gongpei(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongpei"))
        .args(args)
        .output()
        .expect("the gongpei binary runs")
}

/// Sends `signal` (a `kill` name: `INT`, `TERM`) to a child process.
pub fn send(child: &Child, signal: &str) {
    let status = Command::new("kill")
        .args([&format!("-{signal}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} failed");
}

/// A bundled benchmark instance (`data/instances/NAME`).
pub fn bundled(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/instances")
        .join(name)
}

/// A fresh scratch folder named after the module and the test (all modules share one process,
/// so the module's name keeps their folders apart).
pub fn scratch_dir(module: &str, tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gongpei-{module}-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The shipped example scenario (`examples/scenarios/small_seed1.json`: the `small` preset,
/// seed 1; a scenario-crate test keeps it equal to the generator's output).
pub fn small_example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/scenarios/small_seed1.json")
}
