//! Errors of reading, validating and generating scenarios; each names the file, line or JSON path.

use std::fmt;

/// One semantic problem in a scenario, at a JSON path such as `demand[12].parcels_in`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path of the offending value.
    pub path: String,
    /// What is wrong and what is expected.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Everything that can go wrong with a scenario.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// A file could not be read or written.
    #[error("{file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The JSON is malformed or does not match the format (wrong type, unknown field, ...).
    #[error("{origin}: at {path} (line {line}, column {column}): {message}")]
    Parse {
        /// File name, or `<string>`.
        origin: String,
        /// JSON path of the offending value, e.g. `demand[3].parcels_in`.
        path: String,
        /// Line of the error in the text (1-based).
        line: usize,
        /// Column of the error in the text (1-based).
        column: usize,
        /// serde's description.
        message: String,
    },
    /// The file declares a format version this build cannot read.
    #[error("{origin}: at format_version: version {found} is not supported; this build reads version {expected}")]
    Version {
        /// File name, or `<string>`.
        origin: String,
        /// Version found in the file.
        found: u64,
        /// Version this build reads.
        expected: u32,
    },
    /// The scenario parsed but is inconsistent (negative demand, dangling references, ...).
    #[error("{origin}: {} problem(s):\n{}", problems.len(), list(problems))]
    Invalid {
        /// File name, or `<scenario>`.
        origin: String,
        /// Every problem found, in document order.
        problems: Vec<Problem>,
    },
    /// A CSV file of sites is malformed.
    #[error("{origin}, line {line}: {message}")]
    Csv {
        /// File name, or `<string>`.
        origin: String,
        /// Line number (1-based, header is line 1).
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// Input data of a generator is missing or inconsistent.
    #[error("generator: {0}")]
    Generate(String),
    /// The road network of the scenario cannot be built or routed.
    #[error(transparent)]
    Network(#[from] gongpei_network::NetworkError),
    /// The OpenStreetMap roads of the scenario cannot be imported, or a site is too far from them.
    #[error(transparent)]
    Osm(#[from] gongpei_osm::OsmError),
    /// A travel matrix file (`roads.matrices`) is malformed or does not fit the scenario.
    #[error("{file}: {message}")]
    Matrix {
        /// The file.
        file: String,
        /// What is wrong, naming the line, entry or pair.
        message: String,
    },
}

fn list(problems: &[Problem]) -> String {
    problems
        .iter()
        .map(|p| format!("  {p}"))
        .collect::<Vec<_>>()
        .join("\n")
}

impl ScenarioError {
    /// The JSON paths this error points at (empty for errors without one).
    pub fn paths(&self) -> Vec<&str> {
        match self {
            ScenarioError::Parse { path, .. } => vec![path.as_str()],
            ScenarioError::Version { .. } => vec!["format_version"],
            ScenarioError::Invalid { problems, .. } => {
                problems.iter().map(|p| p.path.as_str()).collect()
            }
            _ => Vec::new(),
        }
    }
}
