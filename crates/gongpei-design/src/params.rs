//! Checks shared by the parameter structs of the design modules.

use crate::DesignError;

/// A cost, capacity or count given as a number: finite and not negative, else an error naming
/// `field`.
pub(crate) fn check_cost(field: &str, value: f64) -> Result<(), DesignError> {
    if value.is_finite() && value >= 0.0 {
        Ok(())
    } else {
        Err(DesignError::input(
            field,
            format!("must be a finite number >= 0, found {value}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_and_nan_are_refused_by_name() {
        assert!(check_cost("a.b", 0.0).is_ok());
        for bad in [-0.5, f64::NAN, f64::INFINITY] {
            let e = check_cost("a.b", bad).unwrap_err().to_string();
            assert!(e.starts_with("a.b: "), "{e}");
        }
    }
}
