//! One cell of a table, its parsing by column kind into the value of the scenario's JSON form,
//! and back. Numbers are written in their shortest exact form, so reading gives the same `f64`.

use serde_json::{Number, Value};

use super::spec::Kind;

/// A cell as read from (or written to) a CSV file, a sheet or a DataFrame.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text (every CSV cell is text).
    Text(String),
    /// A whole number.
    Int(i64),
    /// A decimal number.
    Float(f64),
    /// A spreadsheet boolean.
    Bool(bool),
    /// A spreadsheet time or date-time, as a (fractional) number of days.
    Days(f64),
}

impl Cell {
    /// True when the cell holds nothing (or only spaces).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, as a user would read it (integral numbers without a decimal point).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) => format_float(*f),
            Cell::Bool(b) => b.to_string(),
            Cell::Days(d) => format_float(*d),
        }
    }

    /// The cell of a JSON value produced by serialising the scenario.
    pub fn from_value(value: &Value) -> Cell {
        match value {
            Value::Null => Cell::Empty,
            Value::Bool(b) => Cell::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => Cell::Int(i),
                // Above i64: kept as digits so no precision is lost.
                (None, Some(u), _) => Cell::Text(u.to_string()),
                (_, _, Some(f)) => Cell::Float(f),
                _ => Cell::Text(n.to_string()),
            },
            Value::String(s) => Cell::Text(s.clone()),
            other => Cell::Text(other.to_string()),
        }
    }
}

/// Shortest text that parses back to exactly `f` (Rust's `Display` of `f64`, which never uses
/// an exponent).
pub fn format_float(f: f64) -> String {
    format!("{f}")
}

/// Parses a non-empty cell as `kind`; the error says what was expected.
pub fn parse(kind: Kind, cell: &Cell) -> Result<Value, String> {
    match kind {
        Kind::Text | Kind::Ref(_) => Ok(Value::String(cell.text())),
        Kind::Int => parse_int(cell),
        Kind::Float => parse_float(cell),
        Kind::Bool => parse_bool(cell),
        Kind::Seconds => parse_seconds(cell),
        Kind::Enum(values) => {
            let text = cell.text();
            let allowed = values();
            if allowed.iter().any(|v| *v == text) {
                Ok(Value::String(text))
            } else {
                Err(format!(
                    "{text:?} is not allowed; expected one of {}{}",
                    allowed.join(", "),
                    super::error::did_you_mean(&text, allowed.iter().map(String::as_str))
                ))
            }
        }
    }
}

fn parse_int(cell: &Cell) -> Result<Value, String> {
    let whole = |f: f64| -> Option<Value> {
        (f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15).then(|| Value::from(f as i64))
    };
    match cell {
        Cell::Int(i) => Ok(Value::from(*i)),
        Cell::Float(f) => whole(*f).ok_or_else(|| format!("{} is not a whole number", cell.text())),
        _ => {
            let text = cell.text();
            if let Ok(i) = text.parse::<i64>() {
                Ok(Value::from(i))
            } else if let Ok(u) = text.parse::<u64>() {
                Ok(Value::from(u))
            } else {
                text.parse::<f64>()
                    .ok()
                    .and_then(whole)
                    .ok_or_else(|| format!("{text:?} is not a whole number"))
            }
        }
    }
}

fn parse_float(cell: &Cell) -> Result<Value, String> {
    let f = match cell {
        Cell::Int(i) => *i as f64,
        Cell::Float(f) => *f,
        _ => {
            let text = cell.text();
            text.parse::<f64>()
                .map_err(|_| format!("{text:?} is not a number"))?
        }
    };
    Number::from_f64(f)
        .map(Value::Number)
        .ok_or_else(|| format!("{} is not a finite number", cell.text()))
}

fn parse_bool(cell: &Cell) -> Result<Value, String> {
    match cell {
        Cell::Bool(b) => Ok(Value::Bool(*b)),
        Cell::Int(0) => Ok(Value::Bool(false)),
        Cell::Int(1) => Ok(Value::Bool(true)),
        Cell::Float(f) if *f == 0.0 => Ok(Value::Bool(false)),
        Cell::Float(f) if *f == 1.0 => Ok(Value::Bool(true)),
        _ => {
            let text = cell.text();
            match text.to_lowercase().as_str() {
                "true" | "yes" | "y" | "1" | "是" => Ok(Value::Bool(true)),
                "false" | "no" | "n" | "0" | "否" => Ok(Value::Bool(false)),
                _ => Err(format!("{text:?} is not true or false")),
            }
        }
    }
}

fn parse_seconds(cell: &Cell) -> Result<Value, String> {
    if let Cell::Days(d) = cell {
        let s = (d * 86_400.0).round();
        return if s.is_finite() && s.abs() < 1.0e12 {
            Ok(Value::from(s as i64))
        } else {
            Err(format!("{d} is not a time"))
        };
    }
    let text = cell.text();
    if text.contains(':') {
        let parts: Vec<&str> = text.split(':').collect();
        let numbers: Option<Vec<i64>> = parts.iter().map(|p| p.trim().parse().ok()).collect();
        match numbers.as_deref() {
            Some(&[h, m]) if h >= 0 && (0..60).contains(&m) => Ok(Value::from(h * 3600 + m * 60)),
            Some(&[h, m, s]) if h >= 0 && (0..60).contains(&m) && (0..60).contains(&s) => {
                Ok(Value::from(h * 3600 + m * 60 + s))
            }
            _ => Err(format!(
                "{text:?} is not a time; expected seconds or HH:MM or HH:MM:SS"
            )),
        }
    } else {
        parse_int(cell)
            .map_err(|_| format!("{text:?} is not a whole number of seconds (or HH:MM, HH:MM:SS)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_round_trip_exactly_through_their_text() {
        for f in [
            0.1,
            1.0 / 3.0,
            117.40829612345678,
            1e-12,
            9.87654321e15,
            -0.5,
            90.0,
        ] {
            let text = format_float(f);
            let back = parse(Kind::Float, &Cell::Text(text.clone())).unwrap();
            assert_eq!(back.as_f64(), Some(f), "{text}");
        }
    }

    #[test]
    fn times_accept_seconds_and_clock_text() {
        let s = |t: &str| parse(Kind::Seconds, &Cell::Text(t.into()));
        assert_eq!(s("28800").unwrap(), Value::from(28_800));
        assert_eq!(s("08:00").unwrap(), Value::from(28_800));
        assert_eq!(s("8:00:30").unwrap(), Value::from(28_830));
        assert!(s("8h").is_err() && s("8:75").is_err());
        assert_eq!(
            parse(Kind::Seconds, &Cell::Days(1.0 / 3.0)).unwrap(),
            Value::from(28_800)
        );
    }

    #[test]
    fn integers_accept_integral_decimals_only() {
        assert_eq!(
            parse(Kind::Int, &Cell::Text("3.0".into())).unwrap(),
            Value::from(3)
        );
        assert!(parse(Kind::Int, &Cell::Text("3.5".into())).is_err());
        assert_eq!(
            parse(Kind::Int, &Cell::Text("18446744073709551615".into())).unwrap(),
            Value::from(u64::MAX)
        );
    }
}
