//! Export of a network's directed edges as CSV, so that an independent shortest-path code
//! (scipy, networkx, a test's own Dijkstra) can recompute the matrices on the same graph.

use std::io::Write;

use gongpei_network::{RoadNetwork, VehicleProfile};

/// Writes `from,to,length_m,kmh` for every directed edge (node indices; `kmh` is the speed of
/// `profile` on the edge: its class speed capped by its limit). Lengths and speeds are written
/// with Rust's shortest round-trip formatting, so a reader gets the exact same `f64`s.
///
/// The router's arc weights follow from these two numbers: time in integer milliseconds
/// `max(1, round(length_m * 3600 / kmh))` and length in integer centimetres
/// `round(length_m * 100)` (rounding half away from zero).
pub fn write_edges_csv(
    network: &RoadNetwork,
    profile: VehicleProfile,
    mut out: impl Write,
) -> std::io::Result<()> {
    writeln!(out, "from,to,length_m,kmh")?;
    for v in 0..network.sites().len() {
        for (to, road) in network.roads_from(v) {
            let kmh = road.kmh(network.speeds(), profile);
            writeln!(out, "{v},{to},{},{kmh}", road.length_m)?;
        }
    }
    Ok(())
}
