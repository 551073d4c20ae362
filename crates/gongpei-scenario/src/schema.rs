//! The JSON Schema of the scenario format, derived from the model types with `schemars`. The
//! same schema is shipped as `schema/scenario-v1.schema.json` (a test keeps the two equal), so
//! editors and other languages can check files without this crate.

use crate::model::Scenario;

/// The JSON Schema (draft 2020-12) of [`Scenario`] files.
///
/// ```
/// let schema = gongpei_scenario::schema::json_schema();
/// assert_eq!(schema["title"], "Scenario");
/// assert!(schema["properties"]["demand"].is_object());
/// ```
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Scenario)).expect("schemas serialise")
}

/// The schema as pretty-printed text, as shipped in the repository.
pub fn json_schema_text() -> String {
    serde_json::to_string_pretty(&json_schema()).expect("schemas serialise") + "\n"
}
