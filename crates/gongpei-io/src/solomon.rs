//! Reader for Solomon and Gehring-Homberger VRPTW `.txt` files.
//!
//! Layout: a name line, a `VEHICLE` block (`NUMBER CAPACITY` header, then the two values), a
//! `CUSTOMER` block (a header line, then `id x y demand ready due service` rows; row 0 is the depot,
//! whose due date closes the horizon). Two conventions (see [`Rounding`]):
//! - [`Rounding::TruncatedOneDecimal`] (default): distances and travel times `floor(10 d)`, times
//!   and service durations multiplied by 10; cost scale 10 (the DIMACS / CVRPLIB distance-only
//!   convention of `bks_dist_only` and the shipped `.sol` files).
//! - [`Rounding::Exact`]: unrounded distances, times scaled by [`crate::EXACT_SCALE`] (the
//!   hierarchical convention of the SINTEF solutions).

use crate::instance::{coordinate_distance, Format, Instance, Rounding, EXACT_SCALE};
use crate::text::{count, real, scaled, Text};
use crate::IoError;
use gongpei_core::{Client, Depot, Matrix, ProblemData, VehicleType};

/// Parses Solomon-format text into an [`Instance`].
pub(crate) fn parse(text: &Text, rounding: Rounding) -> Result<Instance, IoError> {
    let scale = match rounding {
        Rounding::TruncatedOneDecimal => 10,
        Rounding::Exact => EXACT_SCALE,
        other => {
            return Err(IoError::Format {
                path: text.path.clone(),
                message: format!(
                    "Solomon files support truncated or exact rounding, not {other:?}"
                ),
            })
        }
    };
    let nonempty: Vec<usize> = (0..text.lines.len())
        .filter(|&i| !text.lines[i].trim().is_empty())
        .collect();
    let name = nonempty
        .first()
        .map(|&i| text.lines[i].trim().to_string())
        .ok_or_else(|| text.err_file("empty file"))?;
    let find = |word: &str| {
        nonempty
            .iter()
            .position(|&i| text.lines[i].trim().eq_ignore_ascii_case(word))
    };
    let vehicle_at = find("VEHICLE")
        .ok_or_else(|| text.err_at_end("missing VEHICLE block (the file ends here)"))?;
    let customer_at = find("CUSTOMER")
        .ok_or_else(|| text.err_at_end("missing CUSTOMER block (the file ends here)"))?;
    // VEHICLE, header (NUMBER CAPACITY), values.
    let values_line = *nonempty
        .get(vehicle_at + 2)
        .filter(|_| vehicle_at + 2 < customer_at)
        .ok_or_else(|| {
            text.err(
                nonempty[vehicle_at],
                "VEHICLE block lacks its `NUMBER CAPACITY` values",
            )
        })?;
    let tokens: Vec<&str> = text.lines[values_line].split_whitespace().collect();
    if tokens.len() != 2 {
        return Err(text.err(
            values_line,
            "expected two values: vehicle number and capacity",
        ));
    }
    let fleet = count(text, values_line, tokens[0], "vehicle number")?;
    let capacity = count(text, values_line, tokens[1], "vehicle capacity")? as i64;

    // CUSTOMER, header, rows.
    let mut rows = Vec::new();
    for &i in nonempty.iter().skip(customer_at + 2) {
        let tokens: Vec<&str> = text.lines[i].split_whitespace().collect();
        if tokens.len() != 7 {
            return Err(text.err(
                i,
                format!(
                    "customer row needs 7 values (id x y demand ready due service), found {}",
                    tokens.len()
                ),
            ));
        }
        let mut vals = [0f64; 7];
        const WHAT: [&str; 7] = [
            "customer number",
            "x",
            "y",
            "demand",
            "ready time",
            "due date",
            "service time",
        ];
        for k in 0..7 {
            vals[k] = real(text, i, tokens[k], WHAT[k])?;
        }
        if vals[0] != rows.len() as f64 {
            return Err(text.err(
                i,
                format!(
                    "customer number {} out of sequence, expected {}",
                    tokens[0],
                    rows.len()
                ),
            ));
        }
        if vals[3] < 0.0 || vals[3].fract() != 0.0 {
            return Err(text.err(
                i,
                format!("demand {} must be a non-negative integer", tokens[3]),
            ));
        }
        rows.push((i, vals));
    }
    if rows.len() < 2 {
        return Err(text.err(
            nonempty[customer_at],
            "CUSTOMER block needs the depot (row 0) and at least one customer",
        ));
    }
    if let Err(e) = Matrix::check_size(rows.len()) {
        // Point at the first row beyond the budget: the file is valid up to there.
        return Err(text.err(
            rows[Matrix::MAX_SIZE].0,
            format!("CUSTOMER block of {} rows: {}", rows.len(), e.message()),
        ));
    }
    let coords: Vec<(f64, f64)> = rows.iter().map(|(_, v)| (v[1], v[2])).collect();
    let n = coords.len();
    let matrix = Matrix::from_fn(n, |a, b| {
        coordinate_distance(rounding, coords[a], coords[b])
    });
    let t = |(line, v): &(usize, [f64; 7]), k: usize, what: &str| {
        scaled(text, *line, v[k], scale as f64, what)
    };
    let depot = Depot {
        name: "depot 0".into(),
        tw_early: t(&rows[0], 4, "depot ready time")?,
        tw_late: t(&rows[0], 5, "depot due date")?,
    };
    let mut clients = Vec::with_capacity(n - 1);
    for row in &rows[1..] {
        clients.push(Client {
            name: format!("customer {}", row.1[0]),
            delivery: vec![row.1[3] as i64],
            pickup: vec![0],
            service_duration: t(row, 6, "service time")?,
            tw_early: t(row, 4, "ready time")?,
            tw_late: t(row, 5, "due date")?,
            ..Client::default()
        });
    }
    let data = ProblemData::builder()
        .depot(depot)
        .clients(clients)
        .vehicle_type(VehicleType {
            name: "vehicle".into(),
            // More vehicles than customers are never needed; the cap keeps a typo cheap.
            ..VehicleType::with_capacity(fleet.min(n - 1), vec![capacity])
        })
        .distance_matrix(matrix.clone())
        .duration_matrix(matrix)
        .build()
        .map_err(|e| IoError::Model {
            path: text.path.clone(),
            message: e.to_string(),
        })?;
    let ids: Vec<u64> = (1..n as u64).collect();
    Ok(Instance {
        name,
        format: Format::Solomon,
        rounding,
        data,
        cost_scale: scale,
        solution_ids: ids.clone(),
        node_ids: ids,
        depot_node_ids: vec![0],
        listed_vehicle_types: Vec::new(),
        integer_cost_scale: None,
    })
}
