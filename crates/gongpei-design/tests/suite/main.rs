//! The design crate's integration tests, one binary: one module per design.

mod frequency;
