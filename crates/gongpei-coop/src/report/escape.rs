//! Escaping of untrusted text (site, carrier and line names come from user files) for the three
//! places the HTML report puts it: element text, attribute values, and JSON inside `<script>`.

/// Escapes text for HTML element content and double- or single-quoted attribute values.
///
/// ```
/// use gongpei_coop::report::escape::html_text;
/// assert_eq!(html_text(r#"<b a="x">'&"#), "&lt;b a=&quot;x&quot;&gt;&#39;&amp;");
/// ```
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Serialises `value` as JSON that is safe inside an HTML `<script>` element: `<`, `>` and `&`
/// become `\u003c`, `\u003e`, `\u0026` (so neither `</script>` nor `<!--` can appear), and the
/// line separators U+2028/U+2029 are escaped too. The result is still valid JSON meaning the
/// same value.
///
/// ```
/// use gongpei_coop::report::escape::script_json;
/// let json = script_json(&serde_json::json!({"name": "</script><script>alert(1)</script>"}));
/// assert!(!json.contains("</script>"));
/// let back: serde_json::Value = serde_json::from_str(&json).unwrap();
/// assert_eq!(back["name"], "</script><script>alert(1)</script>");
/// ```
pub fn script_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_escapes_only_inside_strings_in_effect() {
        // `<` can only occur inside JSON strings, where \u003c means the same character.
        let v = serde_json::json!({"a": ["<!-- x -->", "a\u{2028}b", "&amp;"]});
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
    }
}
