//! Errors of every reader and writer: each names the file and, where there is one, the line.

use std::path::PathBuf;

/// Why a file could not be read or written.
///
/// Every variant that comes from file content names the file and the 1-based line, so a user can
/// open the file at the right place.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IoError {
    /// The file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// The content is malformed at a given line (`file:LINE: message`), or, for the few
    /// problems no line can show (an empty file), in the file as a whole
    /// (`file: whole file: message`).
    #[error("{}{}", path.display(), located(*line, message))]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line number; 0 only when no line applies (an empty file). A missing section
        /// or field points at the line where it was due (the end of the header or of the file).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The content parsed but describes an invalid problem (rejected by the model's validation);
    /// the message names the client, vehicle or field, not a line (the model is built from
    /// several sections of the file), so it says `whole file`.
    #[error("{}: whole file: invalid problem: {message}", path.display())]
    Model {
        /// The file.
        path: PathBuf,
        /// The model's explanation, naming the client, vehicle or field.
        message: String,
    },
    /// The file format could not be recognised or is not supported.
    #[error("{}: whole file: {message}", path.display())]
    Format {
        /// The file.
        path: PathBuf,
        /// What was expected.
        message: String,
    },
}

/// `:LINE: message`, or `: whole file: message` for line 0.
fn located(line: usize, message: &str) -> String {
    if line == 0 {
        format!(": whole file: {message}")
    } else {
        format!(":{line}: {message}")
    }
}

impl IoError {
    /// A parse error at `line` of `path`.
    pub fn parse(path: &std::path::Path, line: usize, message: impl Into<String>) -> Self {
        Self::Parse {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }

    /// The line the error points at, when it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Self::Parse { line, .. } if *line > 0 => Some(*line),
            _ => None,
        }
    }
}
