//! Writing a comparison to disk: `compare.json` (everything, machine-readable), `routes.geojson`
//! (routes along the roads, bus loads, sites), `tables/*.csv` and `tables.xlsx` (modes, carriers,
//! townships, routes, stops, bus loads, allocation) and `compare.html` (self-contained report
//! with the interactive map), plus the terminal text.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::leaflet::TileSource;
use super::model::ReportModel;
use super::table::{write_csv_files, write_xlsx};
use crate::compare::{compare_with, CompareOptions, Comparison};
use crate::planner::{PlanControl, Planner};
use crate::world::World;
use crate::CoopError;

/// Options of the written report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Web-map tile background for the HTML map (None: no tiles, fully offline).
    pub tiles: Option<TileSource>,
}

/// Reads a scenario file, runs the comparison, writes every output into `out_dir` (created if
/// needed, see [`write_outputs`]) and returns the text tables.
pub fn compare_file(
    file: &Path,
    options: &CompareOptions,
    out_dir: &Path,
) -> Result<String, CoopError> {
    compare_file_with(file, options, &ReportOptions::default(), out_dir)
}

/// [`compare_file`] with report options (e.g. a tile background).
pub fn compare_file_with(
    file: &Path,
    options: &CompareOptions,
    report: &ReportOptions,
    out_dir: &Path,
) -> Result<String, CoopError> {
    compare_file_watched(file, options, report, out_dir, None)
}

/// [`compare_file_with`] planned through `control` (when given), so that another thread can
/// stop the comparison or hurry it: a hurried comparison is still written and returned, marked
/// `hurried` in `compare.json`, on the pages and in the text.
pub fn compare_file_watched(
    file: &Path,
    options: &CompareOptions,
    report: &ReportOptions,
    out_dir: &Path,
    control: Option<Arc<PlanControl>>,
) -> Result<String, CoopError> {
    let scenario = gongpei_scenario::from_json_file(file)?;
    let world = World::new(&scenario)?;
    let started = std::time::Instant::now();
    let planner = match control {
        Some(c) => Planner::with_control(&world, c),
        None => Planner::new(&world),
    };
    let comparison = compare_with(&planner, options)?;
    let elapsed = started.elapsed().as_secs_f64();
    let written = write_outputs_with(&world, &comparison, report, out_dir)?;
    let mut text = super::text(&comparison);
    text.push_str(&format!(
        "\n{} distinct engine sub-problems solved{} in {elapsed:.1} s; wrote {}\n",
        comparison.subproblems_solved,
        if comparison.hurried {
            format!(
                " (and {} hurried, not cached)",
                comparison.subproblems_hurried
            )
        } else {
            String::new()
        },
        written
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    ));
    Ok(text)
}

/// Writes every output of `comparison` into `out_dir` with default options.
pub fn write_outputs(
    world: &World<'_>,
    comparison: &Comparison,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, CoopError> {
    write_outputs_with(world, comparison, &ReportOptions::default(), out_dir)
}

/// Writes `compare.json`, `routes.geojson`, `tables/<table>.csv`, `tables.xlsx` and
/// `compare.html` into `out_dir`; returns the paths written (the CSV folder as one).
pub fn write_outputs_with(
    world: &World<'_>,
    comparison: &Comparison,
    report: &ReportOptions,
    out_dir: &Path,
) -> Result<Vec<PathBuf>, CoopError> {
    let io = |e: std::io::Error, what: &Path| CoopError::Input(format!("{}: {e}", what.display()));
    std::fs::create_dir_all(out_dir).map_err(|e| io(e, out_dir))?;
    let model = ReportModel::build(world, comparison)?;
    let json = serde_json::to_string_pretty(comparison)
        .map_err(|e| CoopError::Input(format!("JSON encoding: {e}")))?;
    let json_path = out_dir.join("compare.json");
    std::fs::write(&json_path, json + "\n").map_err(|e| io(e, &json_path))?;
    let geojson_path = out_dir.join("routes.geojson");
    let geojson = serde_json::to_string(&super::geojson::routes_geojson(&model))
        .map_err(|e| CoopError::Input(format!("GeoJSON encoding: {e}")))?;
    std::fs::write(&geojson_path, geojson + "\n").map_err(|e| io(e, &geojson_path))?;
    let tables = super::tables::tables(&model);
    let csv_dir = out_dir.join("tables");
    write_csv_files(&tables, &csv_dir)?;
    let xlsx_path = out_dir.join("tables.xlsx");
    write_xlsx(&tables, &xlsx_path)?;
    let html_path = out_dir.join("compare.html");
    let page = super::html(world, comparison, &model, report.tiles.as_ref());
    std::fs::write(&html_path, page).map_err(|e| io(e, &html_path))?;
    Ok(vec![json_path, geojson_path, csv_dir, xlsx_path, html_path])
}
