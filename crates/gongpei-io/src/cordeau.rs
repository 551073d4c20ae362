//! Reader for Cordeau's MDVRP files (p01-p23).
//!
//! Layout: `type m n t` (type 2 = MDVRP; m vehicles per depot; n customers; t depots); t lines
//! `D Q` (maximum route duration, 0 = none; capacity); n customer lines `i x y d q ...` (service
//! duration d, demand q; the rest is visit-pattern data unused by the MDVRP); t depot lines
//! `i x y ...`. Distances are unrounded Euclidean scaled by [`crate::EXACT_SCALE`]; each depot gets
//! one vehicle type of m vehicles starting and ending there. Customers keep their file numbers in
//! `.sol` files.

use crate::instance::{coordinate_distance, Format, Instance, Rounding, EXACT_SCALE};
use crate::text::{count, real, scaled, Text};
use crate::IoError;
use gongpei_core::{Client, Depot, Matrix, ProblemData, VehicleType, UNBOUNDED};

/// Parses Cordeau-format text into an [`Instance`].
pub(crate) fn parse(text: &Text) -> Result<Instance, IoError> {
    let mut lines = (0..text.lines.len()).filter(|&i| !text.lines[i].trim().is_empty());
    let mut next = |what: &str, min_tokens: usize| -> Result<(usize, Vec<&str>), IoError> {
        let i = lines
            .next()
            .ok_or_else(|| text.err_at_end(format!("file ends before {what}")))?;
        let tokens: Vec<&str> = text.lines[i].split_whitespace().collect();
        if tokens.len() < min_tokens {
            return Err(text.err(
                i,
                format!(
                    "{what}: expected at least {min_tokens} values, found {}",
                    tokens.len()
                ),
            ));
        }
        Ok((i, tokens))
    };
    let (hl, header) = next("the `type m n t` header", 4)?;
    let kind = count(text, hl, header[0], "problem type")?;
    if kind != 2 {
        return Err(text.err(hl, format!("problem type {kind} is not an MDVRP (type 2)")));
    }
    let per_depot = count(text, hl, header[1], "vehicles per depot")?;
    let n = count(text, hl, header[2], "number of customers")?;
    let t = count(text, hl, header[3], "number of depots")?;
    if n == 0 || t == 0 || per_depot == 0 {
        return Err(text.err(hl, "vehicles, customers and depots must all be positive"));
    }
    if n.saturating_add(t.saturating_mul(2)).saturating_add(1) > text.lines.len() {
        // t limit lines + n customer lines + t depot lines must all be there.
        return Err(text.err(
            hl,
            format!("{n} customers and {t} depots need more lines than the file has"),
        ));
    }
    if let Err(e) = Matrix::check_size(n.saturating_add(t)) {
        return Err(text.err(hl, format!("{n} customers and {t} depots: {}", e.message())));
    }
    let scale = EXACT_SCALE as f64;
    let mut limits = Vec::with_capacity(t);
    for k in 0..t {
        let (i, v) = next(&format!("depot limit line {}", k + 1), 2)?;
        let duration = real(text, i, v[0], "maximum route duration")?;
        let capacity = count(text, i, v[1], "vehicle capacity")? as i64;
        if duration < 0.0 {
            return Err(text.err(i, "maximum route duration is negative"));
        }
        let max_duration = if duration == 0.0 {
            UNBOUNDED
        } else {
            scaled(text, i, duration, scale, "maximum route duration")?
        };
        limits.push((max_duration, capacity));
    }
    let mut coords = Vec::with_capacity(n + t);
    let mut clients = Vec::with_capacity(n);
    let mut ids = Vec::with_capacity(n);
    for k in 0..n {
        let (i, v) = next(&format!("customer {}", k + 1), 5)?;
        let id = count(text, i, v[0], "customer number")?;
        if id != k + 1 {
            return Err(text.err(
                i,
                format!("customer number {id} out of sequence, expected {}", k + 1),
            ));
        }
        coords.push((real(text, i, v[1], "x")?, real(text, i, v[2], "y")?));
        let service = real(text, i, v[3], "service duration")?;
        clients.push(Client {
            name: format!("customer {id}"),
            delivery: vec![count(text, i, v[4], "demand")? as i64],
            service_duration: scaled(text, i, service, scale, "service duration")?,
            ..Client::default()
        });
        ids.push(id as u64);
    }
    let mut depot_coords = Vec::with_capacity(t);
    let mut depot_ids = Vec::with_capacity(t);
    for k in 0..t {
        let (i, v) = next(&format!("depot {}", k + 1), 3)?;
        let id = count(text, i, v[0], "depot number")?;
        depot_coords.push((real(text, i, v[1], "x")?, real(text, i, v[2], "y")?));
        depot_ids.push(id as u64);
    }
    // Locations: depots first, then customers.
    let all: Vec<(f64, f64)> = depot_coords.iter().chain(coords.iter()).copied().collect();
    let matrix = Matrix::from_fn(n + t, |a, b| {
        coordinate_distance(Rounding::Exact, all[a], all[b])
    });
    let mut builder = ProblemData::builder();
    for (k, id) in depot_ids.iter().enumerate() {
        builder = builder
            .depot(Depot {
                name: format!("depot {id}"),
                ..Depot::default()
            })
            .vehicle_type(VehicleType {
                name: format!("depot {id}"),
                start_depot: k,
                end_depot: k,
                max_duration: limits[k].0,
                // More vehicles than customers are never needed; the cap keeps a typo cheap.
                ..VehicleType::with_capacity(per_depot.min(n), vec![limits[k].1])
            });
    }
    let data = builder
        .clients(clients)
        .distance_matrix(matrix.clone())
        .duration_matrix(matrix)
        .build()
        .map_err(|e| IoError::Model {
            path: text.path.clone(),
            message: e.to_string(),
        })?;
    let name = crate::vrplib::stem(text);
    Ok(Instance {
        name,
        format: Format::Cordeau,
        rounding: Rounding::Exact,
        data,
        cost_scale: EXACT_SCALE,
        solution_ids: ids.clone(),
        node_ids: ids,
        depot_node_ids: depot_ids,
        listed_vehicle_types: Vec::new(),
        integer_cost_scale: None,
    })
}
