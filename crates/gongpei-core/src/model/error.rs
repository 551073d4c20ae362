//! Errors raised while validating a problem: each names the item and the field at fault.

use std::fmt;

/// What kind of modelling mistake a [`ModelError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ModelErrorKind {
    /// A quantity that must be non-negative is negative.
    Negative,
    /// A vector has the wrong number of entries (load dimensions, matrix size).
    Dimension,
    /// An index (depot, profile) refers to nothing.
    Reference,
    /// A window or interval is empty (`early > late`).
    EmptyWindow,
    /// A client cannot be served by any vehicle type (load or time).
    Unservable,
    /// The problem has no depot, no vehicle type or no matrix.
    Missing,
    /// A value is not a finite number or lies outside the representable range.
    NotFinite,
    /// The problem needs more memory than the documented budget (see
    /// [`crate::Matrix::MAX_BYTES`]).
    TooLarge,
}

/// A validation error that names the offending item and field, e.g.
/// `client 17 ("Dongzhao"): delivery[0] = -3 is negative`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    kind: ModelErrorKind,
    message: String,
}

impl ModelError {
    pub(crate) fn new(kind: ModelErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// The category of the mistake.
    pub fn kind(&self) -> ModelErrorKind {
        self.kind
    }

    /// The human-readable explanation, naming the item and field.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ModelError {}
