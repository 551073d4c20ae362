//! Fleets listed vehicle by vehicle, as in PyVRP's VRPLIB dialect (HFVRP files): `VEHICLES : N`
//! with `CAPACITY_SECTION`, `VEHICLES_FIXED_COST_SECTION` and `VEHICLES_UNIT_DISTANCE_COST_SECTION`,
//! each of rows `vehicle-id value` for ids `1..=N`. A section left out gives every vehicle the
//! `CAPACITY` field, no fixed cost or a unit cost of 1.
//!
//! The engine thinks in vehicle types with a count, so consecutive vehicles with identical rows
//! become one type; the type of every listed vehicle is kept, because the `.sol` files of these
//! sets number routes by vehicle (route `k` is driven by vehicle `k`).

use crate::text::{count, int, real, scaled, Text};
use crate::vrplib::{indexed_rows, Section};
use crate::IoError;
use gongpei_core::VehicleType;
use std::collections::BTreeMap;

/// The per-vehicle sections of the dialect.
pub(crate) const SECTIONS: [&str; 3] = [
    "CAPACITY_SECTION",
    "VEHICLES_FIXED_COST_SECTION",
    "VEHICLES_UNIT_DISTANCE_COST_SECTION",
];

/// The listed vehicles grouped into types.
pub(crate) struct ListedFleet {
    /// One type per run of consecutive identical vehicles, in file order.
    pub types: Vec<VehicleType>,
    /// The type of each listed vehicle, in file order.
    pub type_of_vehicle: Vec<usize>,
}

/// True when the file lists its vehicles one by one.
pub(crate) fn is_listed(sections: &BTreeMap<String, Section>) -> bool {
    SECTIONS.iter().any(|s| sections.contains_key(*s))
}

/// What the rest of the file says about every vehicle.
pub(crate) struct FleetContext {
    /// `VEHICLES` and its 0-based line.
    pub vehicles: (usize, usize),
    /// `CAPACITY` and its line, when given (needed without `CAPACITY_SECTION`).
    pub capacity: Option<(usize, i64)>,
    /// Model units per file distance unit: fixed costs are in the file's distance-cost unit, so
    /// they are scaled like distances.
    pub distance_scale: i64,
    /// The route distance limit of every vehicle (model units).
    pub max_distance: i64,
}

/// One vehicle's row values.
#[derive(Clone, Copy, PartialEq)]
struct Vehicle {
    capacity: i64,
    fixed_cost: i64,
    unit_distance_cost: i64,
}

/// Reads the per-vehicle sections and groups the vehicles into types.
pub(crate) fn read(
    text: &Text,
    sections: &BTreeMap<String, Section>,
    context: &FleetContext,
) -> Result<ListedFleet, IoError> {
    let (vehicles_line, n) = context.vehicles;
    if n == 0 {
        return Err(text.err(vehicles_line, "VEHICLES must be positive"));
    }
    if n > text.lines.len() {
        // Every vehicle needs a row of its own in each section: a typo, not a big fleet.
        return Err(text.err(
            vehicles_line,
            format!(
                "VEHICLES {n} exceeds the {} lines of the file, which lists every vehicle",
                text.lines.len()
            ),
        ));
    }
    let mut vehicles = vec![
        Vehicle {
            capacity: 0,
            fixed_cost: 0,
            unit_distance_cost: 1,
        };
        n
    ];
    match sections.get("CAPACITY_SECTION") {
        Some(section) => {
            let rows = indexed_rows(text, section, "CAPACITY_SECTION", n, "vehicle", 1)?;
            for (v, (line, vals)) in rows.into_iter().enumerate() {
                let c = int(text, line, &vals[0], "vehicle capacity")?;
                if c < 0 {
                    return Err(text.err(line, format!("vehicle capacity {c} is negative")));
                }
                vehicles[v].capacity = c;
            }
        }
        None => {
            let (_, capacity) = context.capacity.ok_or_else(|| {
                text.err(
                    vehicles_line,
                    "the vehicles have no capacity: give CAPACITY or a CAPACITY_SECTION",
                )
            })?;
            vehicles.iter_mut().for_each(|v| v.capacity = capacity);
        }
    }
    if let Some(section) = sections.get("VEHICLES_FIXED_COST_SECTION") {
        let rows = indexed_rows(
            text,
            section,
            "VEHICLES_FIXED_COST_SECTION",
            n,
            "vehicle",
            1,
        )?;
        for (v, (line, vals)) in rows.into_iter().enumerate() {
            let cost = real(text, line, &vals[0], "vehicle fixed cost")?;
            if cost < 0.0 {
                return Err(text.err(line, format!("vehicle fixed cost {cost} is negative")));
            }
            vehicles[v].fixed_cost = scaled(
                text,
                line,
                cost,
                context.distance_scale as f64,
                "vehicle fixed cost",
            )?;
        }
    }
    if let Some(section) = sections.get("VEHICLES_UNIT_DISTANCE_COST_SECTION") {
        let name = "VEHICLES_UNIT_DISTANCE_COST_SECTION";
        let rows = indexed_rows(text, section, name, n, "vehicle", 1)?;
        for (v, (line, vals)) in rows.into_iter().enumerate() {
            // An integer: the cost of a route is unit x (integer) distance in model units.
            let unit = count(text, line, &vals[0], "vehicle unit distance cost")?;
            vehicles[v].unit_distance_cost = i64::try_from(unit).map_err(|_| {
                text.err(
                    line,
                    format!("vehicle unit distance cost {unit} is out of range"),
                )
            })?;
        }
    }
    Ok(group(&vehicles, context.max_distance))
}

/// Consecutive identical vehicles become one type named after their file ids.
fn group(vehicles: &[Vehicle], max_distance: i64) -> ListedFleet {
    let mut types: Vec<VehicleType> = Vec::new();
    let mut type_of_vehicle = Vec::with_capacity(vehicles.len());
    let mut first = 0;
    for v in 0..vehicles.len() {
        let last_of_run = v + 1 == vehicles.len() || vehicles[v + 1] != vehicles[v];
        type_of_vehicle.push(types.len());
        if last_of_run {
            let vehicle = vehicles[v];
            let name = if first == v {
                format!("vehicle {}", v + 1)
            } else {
                format!("vehicles {}-{}", first + 1, v + 1)
            };
            types.push(VehicleType {
                name,
                max_distance,
                fixed_cost: vehicle.fixed_cost,
                unit_distance_cost: vehicle.unit_distance_cost,
                ..VehicleType::with_capacity(v + 1 - first, vec![vehicle.capacity])
            });
            first = v + 1;
        }
    }
    ListedFleet {
        types,
        type_of_vehicle,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_consecutive_vehicles_form_one_type() {
        let a = Vehicle {
            capacity: 10,
            fixed_cost: 5,
            unit_distance_cost: 1,
        };
        let b = Vehicle { capacity: 20, ..a };
        // a a b a: the last `a` is not consecutive with the first two, so it is a type of its own.
        let fleet = group(&[a, a, b, a], 100);
        assert_eq!(fleet.type_of_vehicle, vec![0, 0, 1, 2]);
        let counts: Vec<usize> = fleet.types.iter().map(|t| t.count).collect();
        assert_eq!(counts, vec![2, 1, 1]);
        assert_eq!(fleet.types[0].name, "vehicles 1-2");
        assert_eq!(fleet.types[2].name, "vehicle 4");
        assert_eq!(fleet.types[1].capacity, vec![20]);
        assert_eq!(fleet.types[0].max_distance, 100);
    }
}
