//! Error mapping at the Python boundary.
//!
//! The exception classes live in the pure-Python module `gongpei.errors` (so that
//! `InvalidInputError` can subclass both `GongpeiError` and `ValueError`); this module looks them up
//! when an error is raised and wraps Rust panics so none escapes as anything but a `GongpeiError`.

use gongpei_core::InitialSolutionError;
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyType;
use std::any::Any;

/// The exception classes of `gongpei.errors` that Rust code raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// Bad input: a field, matrix or file content that fails validation (`ValueError` subclass).
    InvalidInput,
    /// Something went wrong inside the engine (including a caught panic).
    Internal,
    /// Long work was stopped by its time limit or callback before it completed.
    Stopped,
}

impl ErrorClass {
    fn python_name(self) -> &'static str {
        match self {
            Self::InvalidInput => "InvalidInputError",
            Self::Internal => "InternalError",
            Self::Stopped => "StoppedError",
        }
    }
}

/// Builds an exception of the given class carrying `message` (the Rust error text).
///
/// Falls back to `RuntimeError` only if `gongpei.errors` cannot be imported, which means the
/// package is broken; the message then says so.
pub fn new_error(py: Python<'_>, class: ErrorClass, message: impl Into<String>) -> PyErr {
    let message = message.into();
    let exception_type = py
        .import("gongpei.errors")
        .and_then(|module| module.getattr(class.python_name()))
        .and_then(|object| object.cast_into::<PyType>().map_err(PyErr::from));
    match exception_type {
        Ok(exception_type) => PyErr::from_type(exception_type, message),
        Err(import_error) => PyRuntimeError::new_err(format!(
            "{message} (and gongpei.errors could not be imported: {import_error})"
        )),
    }
}

/// An `InvalidInputError` with the given text.
pub fn invalid_input(py: Python<'_>, message: impl Into<String>) -> PyErr {
    new_error(py, ErrorClass::InvalidInput, message)
}

/// A `gongpei.errors.InitialSolutionError` for an initial solution that does not fit the
/// problem: the message (0-based routes and positions, as Python indexes), with `route`,
/// `position` and `client` attributes where the error has them (else `None`).
pub fn initial_solution_error(py: Python<'_>, error: &InitialSolutionError) -> PyErr {
    use InitialSolutionError as E;
    let (route, position, client) = match *error {
        E::UnknownClient {
            route,
            position,
            client,
            ..
        }
        | E::DuplicateClient {
            route,
            position,
            client,
            ..
        }
        | E::PinnedBarred {
            route,
            position,
            client,
            ..
        } => (Some(route), Some(position), Some(client)),
        E::UnknownVehicleType { route, .. } | E::TooManyRoutes { route, .. } => {
            (Some(route), None, None)
        }
        E::UnknownPinnedClient { client, .. }
        | E::PinnedNotVisited { client }
        | E::PinnedTwice { client } => (None, None, Some(client)),
        E::UnknownFixedRoute { index: route, .. }
        | E::FixedTwice { route }
        | E::EmptyFixedRoute { route } => (Some(route), None, None),
        _ => (None, None, None),
    };
    let message = error.to_string();
    let exception_type = py
        .import("gongpei.errors")
        .and_then(|module| module.getattr("InitialSolutionError"))
        .and_then(|object| object.cast_into::<PyType>().map_err(PyErr::from));
    match exception_type {
        Ok(exception_type) => PyErr::from_type(exception_type, (message, route, position, client)),
        Err(import_error) => PyRuntimeError::new_err(format!(
            "{message} (and gongpei.errors could not be imported: {import_error})"
        )),
    }
}

/// Renders a panic payload (the value given to `panic!`) as text.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "unknown panic payload".to_owned()
    }
}

/// The `InternalError` raised in place of a Rust panic.
pub fn from_panic(py: Python<'_>, payload: &(dyn Any + Send)) -> PyErr {
    new_error(
        py,
        ErrorClass::Internal,
        format!(
            "internal error in the gongpei engine (please report it): {}",
            panic_message(payload)
        ),
    )
}

/// Runs `work` and turns a panic inside it into an `InternalError`.
pub fn catch_panic<T>(py: Python<'_>, work: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(payload) => Err(from_panic(py, payload.as_ref())),
    }
}

/// Runs `work` (typically with the GIL released) and maps its outcome: an error text becomes an
/// `InvalidInputError`, a panic an `InternalError`. `py` is only used once the work is over.
pub fn detached_result<T>(
    py: Python<'_>,
    outcome: std::thread::Result<Result<T, String>>,
) -> PyResult<T> {
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(message)) => Err(invalid_input(py, message)),
        Err(payload) => Err(from_panic(py, payload.as_ref())),
    }
}
