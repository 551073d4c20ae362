//! Conversions between Python values and the core model.
//!
//! Depots, clients and vehicle types cross the boundary as plain `dict`s whose keys are the core
//! field names (the Python package turns its dataclasses into such dicts); matrices cross as numpy
//! arrays, read in place without an intermediate Python copy. Every extraction error names the
//! item and the field at fault.

use crate::errors::invalid_input;
use gongpei_core::{Client, Depot, Matrix, VehicleType};
use numpy::ndarray::Array2;
use numpy::{IntoPyArray, PyArray2, PyReadonlyArray2, PyUntypedArrayMethods};
use pyo3::conversion::FromPyObjectOwned;
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Reads `key` from the dict describing `what` (e.g. `client 3`), with errors naming both.
fn field<'py, T: FromPyObjectOwned<'py>>(
    item: &Bound<'py, PyDict>,
    what: &str,
    key: &str,
) -> PyResult<T> {
    let py = item.py();
    let value = item
        .get_item(key)?
        .ok_or_else(|| invalid_input(py, format!("{what}: missing field `{key}`")))?;
    value.extract::<T>().map_err(|err| {
        let err: PyErr = err.into();
        invalid_input(py, format!("{what}: field `{key}`: {}", err.value(py)))
    })
}

/// As [`field`], with `default` when the dict has no `key` (fields added after the dict form was
/// fixed, so older callers keep working).
fn field_or<'py, T: FromPyObjectOwned<'py>>(
    item: &Bound<'py, PyDict>,
    what: &str,
    key: &str,
    default: T,
) -> PyResult<T> {
    if item.contains(key)? {
        field(item, what, key)
    } else {
        Ok(default)
    }
}

/// Casts one element of a list to a dict, naming it in the error.
fn as_dict<'py>(item: &Bound<'py, PyAny>, what: &str) -> PyResult<Bound<'py, PyDict>> {
    item.cast::<PyDict>().cloned().map_err(|_| {
        invalid_input(
            item.py(),
            format!(
                "{what}: expected a dict of fields, got {}",
                item.get_type()
                    .name()
                    .map(|n| n.to_string())
                    .unwrap_or_default()
            ),
        )
    })
}

/// A depot from its dict (`name`, `tw_early`, `tw_late`).
pub fn depot_from_py(item: &Bound<'_, PyAny>, index: usize) -> PyResult<Depot> {
    let what = format!("depot {index}");
    let d = as_dict(item, &what)?;
    Ok(Depot {
        name: field(&d, &what, "name")?,
        tw_early: field(&d, &what, "tw_early")?,
        tw_late: field(&d, &what, "tw_late")?,
    })
}

/// A client from its dict (all fields of [`Client`]).
pub fn client_from_py(item: &Bound<'_, PyAny>, index: usize) -> PyResult<Client> {
    let what = format!("client {index}");
    let d = as_dict(item, &what)?;
    Ok(Client {
        name: field(&d, &what, "name")?,
        delivery: field(&d, &what, "delivery")?,
        pickup: field(&d, &what, "pickup")?,
        service_duration: field(&d, &what, "service_duration")?,
        tw_early: field(&d, &what, "tw_early")?,
        tw_late: field(&d, &what, "tw_late")?,
        required: field(&d, &what, "required")?,
        prize: field(&d, &what, "prize")?,
        required_features: field_or(&d, &what, "required_features", 0)?,
        forbidden_vehicle_types: field_or(&d, &what, "forbidden_vehicle_types", Vec::new())?,
    })
}

/// A vehicle type from its dict (all fields of [`VehicleType`]).
pub fn vehicle_type_from_py(item: &Bound<'_, PyAny>, index: usize) -> PyResult<VehicleType> {
    let what = format!("vehicle type {index}");
    let d = as_dict(item, &what)?;
    Ok(VehicleType {
        name: field(&d, &what, "name")?,
        count: field(&d, &what, "count")?,
        capacity: field(&d, &what, "capacity")?,
        start_depot: field(&d, &what, "start_depot")?,
        end_depot: field(&d, &what, "end_depot")?,
        tw_early: field(&d, &what, "tw_early")?,
        tw_late: field(&d, &what, "tw_late")?,
        max_duration: field(&d, &what, "max_duration")?,
        max_distance: field(&d, &what, "max_distance")?,
        fixed_cost: field(&d, &what, "fixed_cost")?,
        unit_distance_cost: field(&d, &what, "unit_distance_cost")?,
        unit_duration_cost: field(&d, &what, "unit_duration_cost")?,
        profile: field(&d, &what, "profile")?,
        features: field_or(&d, &what, "features", 0)?,
    })
}

/// The dict form of a depot (inverse of [`depot_from_py`]).
pub fn depot_to_py<'py>(py: Python<'py>, depot: &Depot) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("name", &depot.name)?;
    d.set_item("tw_early", depot.tw_early)?;
    d.set_item("tw_late", depot.tw_late)?;
    Ok(d)
}

/// The dict form of a client (inverse of [`client_from_py`]).
pub fn client_to_py<'py>(py: Python<'py>, client: &Client) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("name", &client.name)?;
    d.set_item("delivery", &client.delivery)?;
    d.set_item("pickup", &client.pickup)?;
    d.set_item("service_duration", client.service_duration)?;
    d.set_item("tw_early", client.tw_early)?;
    d.set_item("tw_late", client.tw_late)?;
    d.set_item("required", client.required)?;
    d.set_item("prize", client.prize)?;
    d.set_item("required_features", client.required_features)?;
    d.set_item("forbidden_vehicle_types", &client.forbidden_vehicle_types)?;
    Ok(d)
}

/// The dict form of a vehicle type (inverse of [`vehicle_type_from_py`]).
pub fn vehicle_type_to_py<'py>(
    py: Python<'py>,
    vehicle_type: &VehicleType,
) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("name", &vehicle_type.name)?;
    d.set_item("count", vehicle_type.count)?;
    d.set_item("capacity", &vehicle_type.capacity)?;
    d.set_item("start_depot", vehicle_type.start_depot)?;
    d.set_item("end_depot", vehicle_type.end_depot)?;
    d.set_item("tw_early", vehicle_type.tw_early)?;
    d.set_item("tw_late", vehicle_type.tw_late)?;
    d.set_item("max_duration", vehicle_type.max_duration)?;
    d.set_item("max_distance", vehicle_type.max_distance)?;
    d.set_item("fixed_cost", vehicle_type.fixed_cost)?;
    d.set_item("unit_distance_cost", vehicle_type.unit_distance_cost)?;
    d.set_item("unit_duration_cost", vehicle_type.unit_duration_cost)?;
    d.set_item("profile", vehicle_type.profile)?;
    d.set_item("features", vehicle_type.features)?;
    Ok(d)
}

/// A square matrix from a 2-D numpy array of `int64` or `float64`.
///
/// `int64` arrays are read in place (one copy, into the engine's own storage); `float64` arrays
/// are rounded to the nearest integer, halves away from zero (rejecting NaN and infinities).
/// `what` names the matrix in errors.
pub fn matrix_from_py(array: &Bound<'_, PyAny>, what: &str) -> PyResult<Matrix> {
    let py = array.py();
    if let Ok(ints) = array.extract::<PyReadonlyArray2<'_, i64>>() {
        let size = square_size(py, ints.shape(), what)?;
        // One copy, straight into the matrix's shared storage.
        let matrix = match row_major(&ints) {
            Some(contiguous) => Matrix::from_row_major(size, contiguous),
            None => {
                Matrix::from_row_major(size, ints.as_array().iter().copied().collect::<Vec<_>>())
            }
        };
        return matrix.map_err(|err| invalid_input(py, format!("{what}: {err}")));
    }
    if let Ok(floats) = array.extract::<PyReadonlyArray2<'_, f64>>() {
        let size = square_size(py, floats.shape(), what)?;
        let rounded = match row_major(&floats) {
            Some(contiguous) => Matrix::from_f64(size, contiguous, 1.0),
            None => {
                let copy: Vec<f64> = floats.as_array().iter().copied().collect();
                Matrix::from_f64(size, &copy, 1.0)
            }
        };
        return rounded.map_err(|err| invalid_input(py, format!("{what}: {err}")));
    }
    Err(invalid_input(
        py,
        format!("{what}: expected a 2-D numpy array of int64 or float64"),
    ))
}

/// The array's memory as a row-major slice, if it is laid out that way (a Fortran-ordered array
/// is contiguous too, but transposed, so `as_slice` alone is not enough).
fn row_major<'a, T: numpy::Element>(array: &'a PyReadonlyArray2<'_, T>) -> Option<&'a [T]> {
    if array.is_c_contiguous() {
        array.as_slice().ok()
    } else {
        None
    }
}

fn square_size(py: Python<'_>, shape: &[usize], what: &str) -> PyResult<usize> {
    match shape {
        [rows, cols] if rows == cols => Ok(*rows),
        _ => Err(invalid_input(
            py,
            format!("{what}: shape {shape:?} is not square"),
        )),
    }
}

/// A matrix as a new `int64` numpy array (the engine's storage is copied once).
pub fn matrix_to_py<'py>(py: Python<'py>, matrix: &Matrix) -> Bound<'py, PyArray2<i64>> {
    let n = matrix.size();
    Array2::from_shape_vec((n, n), matrix.as_slice().to_vec())
        .expect("a Matrix always holds size * size entries")
        .into_pyarray(py)
}

/// `value` seconds from Python as a duration; the error names the argument `name`.
pub fn seconds(py: Python<'_>, name: &str, value: f64) -> PyResult<std::time::Duration> {
    std::time::Duration::try_from_secs_f64(value).map_err(|_| {
        invalid_input(
            py,
            format!("{name} = {value} is not a finite, non-negative number of seconds"),
        )
    })
}
