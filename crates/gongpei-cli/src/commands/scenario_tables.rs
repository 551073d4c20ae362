//! `gongpei scenario build|tables|template`: scenarios as tables (a folder of CSV files or one
//! `.xlsx` workbook, see `gongpei_scenario::tables`).
//!
//! - `gongpei scenario build DIR_OR_XLSX [--out FILE.json]`: read, validate, check that every
//!   site is reachable by road, write the scenario JSON.
//! - `gongpei scenario tables FILE.json DIR [--xlsx]`: write a scenario as tables.
//! - `gongpei scenario template DIR [--xlsx]`: write empty tables whose comment rows explain
//!   each column.

use std::path::PathBuf;

use clap::Args;
use gongpei_scenario::model::{SiteTier, VehicleProfile};
use gongpei_scenario::network::build_network;
use gongpei_scenario::{from_json_file, tables, to_json_string};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Arguments of `scenario build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Folder of CSV tables (one TABLE.csv per table) or an .xlsx workbook (one sheet per table).
    pub tables: PathBuf,
    /// Output scenario JSON file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Arguments of `scenario tables`.
#[derive(Debug, Args)]
pub struct TablesArgs {
    /// Scenario JSON file.
    pub file: PathBuf,
    /// Output folder for the CSV files (with --xlsx: the workbook file, or a folder for NAME.xlsx).
    pub dir: PathBuf,
    /// Write one .xlsx workbook with a sheet per table instead of CSV files.
    #[arg(long)]
    pub xlsx: bool,
}

/// Arguments of `scenario template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Output folder (with --xlsx: the workbook file, or a folder for template.xlsx).
    pub dir: PathBuf,
    /// Write one .xlsx workbook instead of CSV files.
    #[arg(long)]
    pub xlsx: bool,
}

/// Runs `scenario build`.
pub fn build(args: &BuildArgs) -> Result<(), BoxError> {
    let scenario = tables::scenario_from_path(&args.tables)?;
    let net = build_network(&scenario)?;
    let sites: Vec<usize> = (0..scenario.sites.len())
        .filter(|&i| scenario.sites[i].tier != SiteTier::Junction)
        .collect();
    net.router(VehicleProfile::Van.into()).matrices(&sites)?;
    let text = to_json_string(&scenario) + "\n";
    match &args.out {
        Some(path) => {
            super::scenario::guard(path, &[&args.tables])?;
            std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            super::common::note(&format!(
                "wrote {}: valid scenario {:?}: {} sites, {} roads, {} carriers, {} demand records ({} parcels/day in), {} vehicle types, {} bus lines",
                path.display(),
                scenario.name,
                scenario.sites.len(),
                scenario.roads.edges.len(),
                scenario.carriers.len(),
                scenario.demand.len(),
                scenario.total_parcels_in(),
                scenario.vehicle_types.len(),
                scenario.bus_lines.len()
            ));
        }
        None => super::common::print_out(&text)?,
    }
    Ok(())
}

/// Runs `scenario tables`.
pub fn write_tables(args: &TablesArgs) -> Result<(), BoxError> {
    let scenario = from_json_file(&args.file)?;
    let written = if args.xlsx {
        let path = tables::workbook_path(&args.dir, &scenario.name);
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        tables::write_xlsx(&scenario, &path)?;
        path
    } else {
        tables::write_csv_dir(&scenario, &args.dir)?;
        args.dir.clone()
    };
    super::common::note(&format!(
        "wrote {}: {} tables of scenario {:?}",
        written.display(),
        tables::catalog::TABLES.len(),
        scenario.name
    ));
    Ok(())
}

/// Runs `scenario template`.
pub fn template(args: &TemplateArgs) -> Result<(), BoxError> {
    let written = tables::write_template(&args.dir, args.xlsx)?;
    super::common::note(&format!(
        "wrote {}: {} empty tables; rows starting with # explain each column and are skipped when read",
        written.display(),
        tables::catalog::TABLES.len()
    ));
    Ok(())
}
