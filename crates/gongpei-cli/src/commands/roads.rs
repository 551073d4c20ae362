//! `gongpei roads ...`: real roads from OpenStreetMap.
//!
//! - `gongpei roads info --osm FILE.osm.pbf`: the import report (ways kept and dropped, graph
//!   size, strongly connected filter, `maxspeed` parsing);
//! - `gongpei roads matrix --osm FILE --sites SITES.csv --profile van --out M.csv
//!   [--crs wgs84|gcj02|bd09] [--max-snap-m M]`: a long CSV `from,to,distance_m,duration_s`
//!   between the sites, as a routing engine's table service gives; the snap of each site is
//!   printed to stderr;
//! - `gongpei roads export --osm FILE --sites SITES.csv --profile van --edges E.csv`: the routed
//!   graph's directed edges (`from,to,length_m,kmh`; nodes 0.. are the sites in file order), for
//!   checking the matrices with another shortest-path code.
//!
//! The sites CSV has a header with at least `id`, `name`, `lon` and `lat` (any order, other
//! columns ignored); errors name the file, line and column.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand, ValueEnum};
use gongpei_network::crs::Crs;
use gongpei_network::{Site, SiteTier, VehicleProfile};
use gongpei_osm::{RoadGraph, SnapOptions, SnappedNetwork, DEFAULT_MAX_SNAP_M};

use super::common::Failure;

/// Real roads from OpenStreetMap: import report, travel matrices, edge export.
#[derive(Debug, Args)]
pub struct RoadsArgs {
    #[command(subcommand)]
    pub command: RoadsCommand,
}

/// The `roads` subcommands.
#[derive(Debug, Subcommand)]
pub enum RoadsCommand {
    /// Print what importing an .osm.pbf file reads, keeps and drops.
    Info {
        /// OpenStreetMap extract (.osm.pbf).
        #[arg(long)]
        osm: PathBuf,
    },
    /// Write the distance/duration matrix between the sites of a CSV as a long CSV.
    Matrix {
        #[command(flatten)]
        input: SitesOnRoads,
        /// Output CSV `from,to,distance_m,duration_s` (site ids).
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the directed edges of the routed graph (sites first) as CSV.
    Export {
        #[command(flatten)]
        input: SitesOnRoads,
        /// Output CSV `from,to,length_m,kmh` (node indices; nodes 0.. are the sites).
        #[arg(long)]
        edges: PathBuf,
    },
}

/// Roads, sites and profile shared by `matrix` and `export`.
#[derive(Debug, Args)]
pub struct SitesOnRoads {
    /// OpenStreetMap extract (.osm.pbf).
    #[arg(long)]
    osm: PathBuf,
    /// Sites CSV with at least the columns id, name, lon, lat.
    #[arg(long)]
    sites: PathBuf,
    /// Vehicle profile whose speeds apply.
    #[arg(long, value_enum, default_value = "van")]
    profile: ProfileArg,
    /// Coordinate system of the sites file: wgs84, gcj02 or bd09.
    #[arg(long, default_value = "wgs84")]
    crs: String,
    /// Largest accepted distance from a site to its road, metres.
    #[arg(long, default_value_t = DEFAULT_MAX_SNAP_M)]
    max_snap_m: f64,
}

/// A vehicle profile on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    /// Light delivery van.
    Van,
    /// Trunk truck.
    Truck,
    /// Scheduled bus.
    Bus,
    /// Refrigerated van.
    ColdVan,
}

impl From<ProfileArg> for VehicleProfile {
    fn from(p: ProfileArg) -> Self {
        match p {
            ProfileArg::Van => VehicleProfile::Van,
            ProfileArg::Truck => VehicleProfile::Truck,
            ProfileArg::Bus => VehicleProfile::Bus,
            ProfileArg::ColdVan => VehicleProfile::ColdVan,
        }
    }
}

/// Runs a `roads` subcommand.
pub fn run(args: &RoadsArgs) -> Result<(), Failure> {
    match &args.command {
        RoadsCommand::Info { osm } => {
            let roads = RoadGraph::from_pbf(osm).map_err(error)?;
            super::common::print_out(&roads.report().to_string())?;
            Ok(())
        }
        RoadsCommand::Matrix { input, out } => {
            super::common::guard_output(out, &[&input.osm, &input.sites])?;
            let (ids, snapped) = snap(input)?;
            let profile = VehicleProfile::from(input.profile);
            let all: Vec<usize> = (0..ids.len()).collect();
            let m = snapped
                .network
                .router(profile)
                .matrices(&all)
                .map_err(error)?;
            let write = || -> std::io::Result<()> {
                let mut w = BufWriter::new(File::create(out)?);
                writeln!(w, "from,to,distance_m,duration_s")?;
                for (i, a) in ids.iter().enumerate() {
                    for (j, b) in ids.iter().enumerate() {
                        let (d, t) = (m.distance.get(i, j), m.duration.get(i, j));
                        writeln!(w, "{},{},{d},{t}", csv_field(a), csv_field(b))?;
                    }
                }
                w.flush()
            };
            write().map_err(|e| Failure::Error(format!("{}: {e}", out.display())))?;
            super::common::note(&format!(
                "wrote {} pairs of {} sites ({profile:?}) to {}",
                ids.len() * ids.len(),
                ids.len(),
                out.display()
            ));
            Ok(())
        }
        RoadsCommand::Export { input, edges } => {
            super::common::guard_output(edges, &[&input.osm, &input.sites])?;
            let (_, snapped) = snap(input)?;
            let write = || -> std::io::Result<()> {
                let mut w = BufWriter::new(File::create(edges)?);
                gongpei_osm::export::write_edges_csv(
                    &snapped.network,
                    input.profile.into(),
                    &mut w,
                )?;
                w.flush()
            };
            write().map_err(|e| Failure::Error(format!("{}: {e}", edges.display())))?;
            super::common::note(&format!(
                "wrote {} directed edges over {} nodes to {}",
                snapped.network.num_directed_edges(),
                snapped.network.sites().len(),
                edges.display()
            ));
            Ok(())
        }
    }
}

fn error(e: impl std::fmt::Display) -> Failure {
    Failure::Error(e.to_string())
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Imports the roads, reads the sites and snaps them; prints the snaps to stderr.
fn snap(input: &SitesOnRoads) -> Result<(Vec<String>, SnappedNetwork), Failure> {
    let crs: Crs = input
        .crs
        .parse()
        .map_err(|e| Failure::Usage(format!("--crs: {e}")))?;
    let sites = read_sites(&input.sites, crs)?;
    let ids: Vec<String> = sites.iter().map(|s| s.id.clone()).collect();
    let roads = RoadGraph::from_pbf(&input.osm).map_err(error)?;
    let options = SnapOptions {
        max_snap_m: input.max_snap_m,
    };
    let snapped = roads.snap_sites(sites, &options).map_err(error)?;
    let r = roads.report();
    super::common::note(&format!(
        "{}: {} road nodes, {} directed edges ({} ways kept)",
        r.file, r.nodes, r.directed_edges, r.ways.ways_kept
    ));
    for s in &snapped.snaps {
        super::common::note(&format!(
            "  site {}: connector {:.1} m to a {:?} road (way {})",
            s.id, s.connector_m, s.road_class, s.way_id
        ));
    }
    Ok((ids, snapped))
}

/// Reads `id,name,lon,lat` (header required, other columns ignored) into village sites in
/// WGS84, converting from `crs`.
fn read_sites(path: &Path, crs: Crs) -> Result<Vec<Site>, Failure> {
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| Failure::Error(format!("{file}: {e}")))?;
    let header = reader
        .headers()
        .map_err(|e| Failure::Error(format!("{file}, line 1: {e}")))?
        .clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                Failure::Error(format!(
                    "{file}, line 1: missing column {name:?} (the header has {})",
                    header.iter().collect::<Vec<_>>().join(", ")
                ))
            })
    };
    let (c_id, c_name, c_lon, c_lat) = (
        column("id")?,
        column("name")?,
        column("lon")?,
        column("lat")?,
    );
    let mut sites = Vec::new();
    let mut seen = HashSet::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Failure::Error(format!("{file}, line {line}: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let at = |c: usize| format!("{file}, line {line}, column {} ({})", c + 1, &header[c]);
        let id = record[c_id].to_string();
        if id.is_empty() {
            return Err(Failure::Error(format!("{}: empty site id", at(c_id))));
        }
        if !seen.insert(id.clone()) {
            return Err(Failure::Error(format!(
                "{}: duplicate site id {id:?}",
                at(c_id)
            )));
        }
        let number = |c: usize, range: f64| -> Result<f64, Failure> {
            let text = &record[c];
            match text.parse::<f64>() {
                Ok(v) if v.is_finite() && v.abs() <= range => Ok(v),
                _ => Err(Failure::Error(format!(
                    "{}: {text:?} is not a number of degrees within +-{range}",
                    at(c)
                ))),
            }
        };
        let (lon, lat) = crs.to_wgs84(number(c_lon, 180.0)?, number(c_lat, 90.0)?);
        sites.push(Site::new(
            &id,
            &record[c_name],
            SiteTier::VillageStation,
            lon,
            lat,
        ));
    }
    if sites.len() < 2 {
        return Err(Failure::Error(format!(
            "{file}: {} site(s); a matrix needs at least 2",
            sites.len()
        )));
    }
    Ok(sites)
}
