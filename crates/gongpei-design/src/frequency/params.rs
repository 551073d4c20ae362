//! Parameters of the weekly frequency design, with their defaults, units and validation.

use serde::Serialize;

use crate::DesignError;

/// What the weekly frequency design is asked for and how hard it searches.
///
/// ```
/// let p = gongpei_design::FrequencyParameters::default();
/// assert_eq!(p.max_wait_days, vec![1, 2, 3, 4]);
/// assert!(p.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrequencyParameters {
    /// Lead-time targets, days: the longest a parcel may wait at the station (or a pickup at the
    /// sender) before a visit; each is one point of the cost curve. A village may only get
    /// patterns whose longest gap between visits is within the target (1 = daily service).
    pub max_wait_days: Vec<i64>,
    /// Hand-over time per parcel, seconds: a visit carrying `g` days of volume stays this much
    /// longer per parcel beyond the daily volume (the stop's fixed time is paid once). Default 6,
    /// the ambient per-parcel time of the bundled generator.
    pub handover_s_per_parcel: f64,
    /// Pattern moves tried (each re-plans the days it touches) per target and mode.
    /// Default 40; 0 keeps the starting patterns.
    pub max_moves: usize,
}

impl Default for FrequencyParameters {
    fn default() -> Self {
        FrequencyParameters {
            max_wait_days: vec![1, 2, 3, 4],
            handover_s_per_parcel: 6.0,
            max_moves: 40,
        }
    }
}

impl FrequencyParameters {
    /// Checks every parameter; the error names the one at fault (`max_wait_days[1]`, ...).
    pub fn validate(&self) -> Result<(), DesignError> {
        if self.max_wait_days.is_empty() {
            return Err(DesignError::input("max_wait_days", "no lead-time target"));
        }
        for (i, &t) in self.max_wait_days.iter().enumerate() {
            if t < 1 {
                return Err(DesignError::input(
                    format!("max_wait_days[{i}]"),
                    format!("{t} days: a target must be at least 1 day (1 = daily visits)"),
                ));
            }
        }
        let h = self.handover_s_per_parcel;
        if !h.is_finite() || h < 0.0 {
            return Err(DesignError::input(
                "handover_s_per_parcel",
                format!("{h}: must be a finite number of seconds, at least 0"),
            ));
        }
        Ok(())
    }

    /// The targets in increasing order without repeats (the curve is built from the tightest).
    pub(crate) fn sorted_targets(&self) -> Vec<usize> {
        let mut t: Vec<usize> = self.max_wait_days.iter().map(|&d| d as usize).collect();
        t.sort_unstable();
        t.dedup();
        t
    }
}

/// Parses a comma-separated list of mode names (`separate,postal_express`); the error names
/// `field`.
///
/// ```
/// let modes = gongpei_design::parse_modes("postal_express,separate", "modes").unwrap();
/// assert_eq!(modes.len(), 2);
/// assert!(gongpei_design::parse_modes("", "modes").is_err());
/// ```
pub fn parse_modes(text: &str, field: &str) -> Result<Vec<gongpei_coop::Mode>, DesignError> {
    let mut modes = Vec::new();
    for name in text.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let mode: gongpei_coop::Mode = name
            .parse()
            .map_err(|e: gongpei_coop::CoopError| DesignError::input(field, e.to_string()))?;
        if !modes.contains(&mode) {
            modes.push(mode);
        }
    }
    if modes.is_empty() {
        return Err(DesignError::input(field, "no mode given"));
    }
    Ok(modes)
}
