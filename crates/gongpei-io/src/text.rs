//! Line-and-token access to a text file, so every parser reports file and line on bad input.

use crate::IoError;
use std::path::{Path, PathBuf};

/// A file's text split into lines, with the path kept for error messages.
pub(crate) struct Text {
    pub path: PathBuf,
    pub lines: Vec<String>,
}

impl Text {
    /// Reads a file; invalid UTF-8 is replaced rather than rejected (the formats are ASCII and a
    /// stray byte is then reported where it breaks a number).
    pub fn read(path: &Path) -> Result<Self, IoError> {
        let bytes = std::fs::read(path).map_err(|source| IoError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Self::from_str(path, &String::from_utf8_lossy(&bytes)))
    }

    /// Wraps text already in memory (tests, detection). A UTF-8 byte-order mark at the start
    /// (written by some Windows editors) is accepted and dropped.
    pub fn from_str(path: &Path, text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Self {
            path: path.to_path_buf(),
            lines: text
                .lines()
                .map(|l| l.trim_end_matches('\r').to_string())
                .collect(),
        }
    }

    /// An error at 0-based line index `index`.
    pub fn err(&self, index: usize, message: impl Into<String>) -> IoError {
        IoError::parse(&self.path, index + 1, message)
    }

    /// An error about the file as a whole, for when no line can show it (an empty file).
    pub fn err_file(&self, message: impl Into<String>) -> IoError {
        IoError::parse(&self.path, 0, message)
    }

    /// An error about something missing: it points at the last non-blank line, where the
    /// file ended without it (or at the whole file when it has no text at all).
    pub fn err_at_end(&self, message: impl Into<String>) -> IoError {
        match self.lines.iter().rposition(|l| !l.trim().is_empty()) {
            Some(last) => self.err(last, message),
            None => self.err_file(message),
        }
    }
}

/// Parses a token as an integer, naming `what` and the line on failure.
pub(crate) fn int(text: &Text, index: usize, token: &str, what: &str) -> Result<i64, IoError> {
    token.parse::<i64>().map_err(|_| {
        text.err(
            index,
            format!("{what}: expected an integer, found `{token}`"),
        )
    })
}

/// Parses a token as a finite number, naming `what` and the line on failure.
pub(crate) fn real(text: &Text, index: usize, token: &str, what: &str) -> Result<f64, IoError> {
    match token.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(text.err(index, format!("{what}: expected a number, found `{token}`"))),
    }
}

/// Parses a token as a non-negative integer that fits in `usize`.
pub(crate) fn count(text: &Text, index: usize, token: &str, what: &str) -> Result<usize, IoError> {
    token.parse::<usize>().map_err(|_| {
        text.err(
            index,
            format!("{what}: expected a non-negative integer, found `{token}`"),
        )
    })
}

/// Converts a real to the nearest integer after scaling, rejecting values out of `i64` range.
pub(crate) fn scaled(
    text: &Text,
    index: usize,
    value: f64,
    scale: f64,
    what: &str,
) -> Result<i64, IoError> {
    let v = (value * scale).round();
    if v.is_finite() && v.abs() < 4.0e15 {
        Ok(v as i64)
    } else {
        Err(text.err(index, format!("{what}: value {value} is out of range")))
    }
}
