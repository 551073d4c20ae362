//! Writing a comparison to disk: `compare.json` (everything, machine-readable) and
//! `compare.html` (self-contained report), plus the terminal text.

use std::path::Path;

use crate::compare::{compare, CompareOptions, Comparison};
use crate::world::World;
use crate::CoopError;

/// Reads a scenario file, runs the comparison, writes `compare.json` and `compare.html` into
/// `out_dir` (created if needed) and returns the text tables.
pub fn compare_file(
    file: &Path,
    options: &CompareOptions,
    out_dir: &Path,
) -> Result<String, CoopError> {
    let scenario = gongpei_scenario::from_json_file(file)?;
    let world = World::new(&scenario)?;
    let started = std::time::Instant::now();
    let comparison = compare(&world, options)?;
    let elapsed = started.elapsed().as_secs_f64();
    write_outputs(&world, &comparison, out_dir)?;
    let mut text = super::text(&comparison);
    text.push_str(&format!(
        "\n{} distinct engine sub-problems solved in {elapsed:.1} s; wrote {} and {}\n",
        comparison.subproblems_solved,
        out_dir.join("compare.json").display(),
        out_dir.join("compare.html").display()
    ));
    Ok(text)
}

/// Writes `compare.json` and `compare.html` into `out_dir`.
pub fn write_outputs(
    world: &World<'_>,
    comparison: &Comparison,
    out_dir: &Path,
) -> Result<(), CoopError> {
    let io = |e: std::io::Error, what: &Path| CoopError::Input(format!("{}: {e}", what.display()));
    std::fs::create_dir_all(out_dir).map_err(|e| io(e, out_dir))?;
    let json = serde_json::to_string_pretty(comparison)
        .map_err(|e| CoopError::Input(format!("JSON encoding: {e}")))?;
    let json_path = out_dir.join("compare.json");
    std::fs::write(&json_path, json + "\n").map_err(|e| io(e, &json_path))?;
    let html_path = out_dir.join("compare.html");
    std::fs::write(&html_path, super::html(world, comparison)).map_err(|e| io(e, &html_path))?;
    Ok(())
}
