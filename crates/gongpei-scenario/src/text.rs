//! The scenario's one rule for text: surrounding whitespace is not part of a value. The tables
//! reader trims every cell (spreadsheets keep stray spaces invisible), so the JSON reader trims
//! every string too, and an id, a name or a reference means the same in both forms.

use serde_json::Value;

use crate::model::Scenario;

/// `scenario` with every string value trimmed, or `None` when none has surrounding whitespace
/// (the common case, which then costs one walk and no rebuild).
pub(crate) fn trimmed(scenario: &Scenario) -> Option<Scenario> {
    let mut value = serde_json::to_value(scenario).ok()?;
    if !trim_strings(&mut value) {
        return None;
    }
    // Trimming keeps every string a string, so the same types read it back; should that ever
    // fail, the untrimmed scenario is kept rather than a wrong one returned.
    serde_json::from_value(value).ok()
}

/// Trims every string inside `value`; true when one changed.
fn trim_strings(value: &mut Value) -> bool {
    match value {
        Value::String(text) => {
            let kept = text.trim();
            if kept.len() == text.len() {
                return false;
            }
            *text = kept.to_string();
            true
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |changed, item| trim_strings(item) | changed),
        Value::Object(fields) => fields
            .values_mut()
            .fold(false, |changed, field| trim_strings(field) | changed),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_strings_are_trimmed_and_reported() {
        let mut value = serde_json::json!({"a": [" x", "y"], "b": {"c": "z\t"}, "d": 1});
        assert!(trim_strings(&mut value));
        assert_eq!(
            value,
            serde_json::json!({"a": ["x", "y"], "b": {"c": "z"}, "d": 1})
        );
        assert!(!trim_strings(&mut value));
    }
}
