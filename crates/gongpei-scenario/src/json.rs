//! Reading and writing scenario JSON, with errors that name the JSON path, line and column.

use std::path::Path;

use serde::Deserialize;

use crate::error::ScenarioError;
use crate::model::{Scenario, FORMAT_VERSION};
use crate::validate::validate;

/// Parses and validates a scenario from JSON text. `origin` names the text in errors. Text
/// values are read without surrounding whitespace, as the tables reader reads its cells.
///
/// ```
/// let err = gongpei_scenario::from_json_str("{\"format_version\": \"one\"}", "demo.json")
///     .unwrap_err();
/// assert!(err.to_string().contains("format_version"));
/// ```
pub fn from_json_str(text: &str, origin: &str) -> Result<Scenario, ScenarioError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let scenario: Scenario = match serde_path_to_error::deserialize(&mut de) {
        Ok(s) => s,
        Err(err) => {
            check_version(text, origin)?;
            let path = err.path().to_string();
            let inner = err.into_inner();
            return Err(ScenarioError::Parse {
                origin: origin.to_string(),
                path: if path.is_empty() {
                    ".".to_string()
                } else {
                    path
                },
                line: inner.line(),
                column: inner.column(),
                message: strip_position(&inner.to_string()),
            });
        }
    };
    // A document followed by more text (a second object, a pasted fragment) is not one
    // scenario: reading only the first part would silently drop the rest.
    if let Err(inner) = de.end() {
        return Err(ScenarioError::Parse {
            origin: origin.to_string(),
            path: ".".to_string(),
            line: inner.line(),
            column: inner.column(),
            message: format!(
                "{} (text after the end of the scenario document)",
                strip_position(&inner.to_string())
            ),
        });
    }
    if scenario.format_version != FORMAT_VERSION {
        return Err(ScenarioError::Version {
            origin: origin.to_string(),
            found: u64::from(scenario.format_version),
            expected: FORMAT_VERSION,
        });
    }
    // Surrounding whitespace is not part of a value, as in the tables (`text.rs`).
    let scenario = crate::text::trimmed(&scenario).unwrap_or(scenario);
    validate(&scenario).map_err(|problems| ScenarioError::Invalid {
        origin: origin.to_string(),
        problems,
    })?;
    Ok(scenario)
}

/// Reads, parses and validates a scenario file; records its folder in `roads.base_dir`, against
/// which the scenario's relative file paths resolve.
pub fn from_json_file(path: &Path) -> Result<Scenario, ScenarioError> {
    let text = std::fs::read_to_string(path).map_err(|source| ScenarioError::Io {
        file: path.display().to_string(),
        source,
    })?;
    let mut scenario = from_json_str(&text, &path.display().to_string())?;
    // Paths inside the scenario (OSM extract, matrix files) are relative to its folder.
    scenario.roads.base_dir = Some(match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    });
    Ok(scenario)
}

/// Serialises a scenario as pretty-printed JSON.
pub fn to_json_string(scenario: &Scenario) -> String {
    serde_json::to_string_pretty(scenario).expect("scenario types always serialise")
}

/// Writes a scenario as pretty-printed JSON.
pub fn to_json_file(scenario: &Scenario, path: &Path) -> Result<(), ScenarioError> {
    std::fs::write(path, to_json_string(scenario) + "\n").map_err(|source| ScenarioError::Io {
        file: path.display().to_string(),
        source,
    })
}

/// When the document declares another version, that is the error to report: the rest of the
/// file follows a format this build does not know.
fn check_version(text: &str, origin: &str) -> Result<(), ScenarioError> {
    #[derive(Deserialize)]
    struct VersionOnly {
        format_version: u64,
    }
    if let Ok(v) = serde_json::from_str::<VersionOnly>(text) {
        if v.format_version != u64::from(FORMAT_VERSION) {
            return Err(ScenarioError::Version {
                origin: origin.to_string(),
                found: v.format_version,
                expected: FORMAT_VERSION,
            });
        }
    }
    Ok(())
}

/// serde_json appends " at line L column C"; the error carries those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
