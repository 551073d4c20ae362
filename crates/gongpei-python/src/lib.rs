//! pyo3 bindings (under construction).
