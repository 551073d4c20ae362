//! Visit patterns of a weekly plan: which of the 7 days a village is visited, as a 7-bit day mask
//! (bit 0 = day 0, e.g. Monday), the families of patterns a county uses (daily, six days, every
//! other day, Mon-Wed-Fri, twice a week, weekly) with all their rotations, and the longest gap
//! between visits that a lead-time target bounds.

use std::fmt;

use serde::Serialize;

/// Days of the planning cycle.
pub const DAYS: usize = 7;

/// A family of visit patterns: how many days a week and how they are spread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PatternFamily {
    /// Every day.
    Daily,
    /// Six days a week (one day off).
    SixDays,
    /// Four days a week, every other day (days 0, 2, 4, 6: no gap over two days).
    EveryOtherDay,
    /// Three days a week, Mon-Wed-Fri style (days 0, 2, 4).
    ThreeDays,
    /// Twice a week, three and four days apart (days 0, 3).
    TwoDays,
    /// Once a week.
    Weekly,
}

impl PatternFamily {
    /// Every family, most frequent first.
    pub const ALL: [PatternFamily; 6] = [
        PatternFamily::Daily,
        PatternFamily::SixDays,
        PatternFamily::EveryOtherDay,
        PatternFamily::ThreeDays,
        PatternFamily::TwoDays,
        PatternFamily::Weekly,
    ];

    /// Name used in tables and JSON.
    pub fn name(self) -> &'static str {
        match self {
            PatternFamily::Daily => "daily",
            PatternFamily::SixDays => "six_days",
            PatternFamily::EveryOtherDay => "every_other_day",
            PatternFamily::ThreeDays => "three_days",
            PatternFamily::TwoDays => "two_days",
            PatternFamily::Weekly => "weekly",
        }
    }

    /// The family's pattern starting on day 0.
    fn base_mask(self) -> u8 {
        match self {
            PatternFamily::Daily => 0b111_1111,
            PatternFamily::SixDays => 0b011_1111,
            PatternFamily::EveryOtherDay => 0b101_0101,
            PatternFamily::ThreeDays => 0b001_0101,
            PatternFamily::TwoDays => 0b000_1001,
            PatternFamily::Weekly => 0b000_0001,
        }
    }

    /// The family's distinct patterns: its base pattern shifted by 0..7 days (daily has one).
    pub fn patterns(self) -> Vec<VisitPattern> {
        let mut out: Vec<VisitPattern> = Vec::new();
        for offset in 0..DAYS as u8 {
            let mask = rotate(self.base_mask(), offset);
            if !out.iter().any(|p| p.mask == mask) {
                out.push(VisitPattern {
                    family: self,
                    offset,
                    mask,
                });
            }
        }
        out
    }
}

/// Which days of the week a village is visited.
///
/// ```
/// use gongpei_design::{PatternFamily, VisitPattern};
/// let mwf = VisitPattern::new(PatternFamily::ThreeDays, 0);
/// assert_eq!(mwf.days(), vec![0, 2, 4]);
/// assert_eq!(mwf.longest_gap(), 3); // Friday to Monday
/// assert_eq!(mwf.to_string(), "1010100");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct VisitPattern {
    /// Its family.
    pub family: PatternFamily,
    /// Days the family's base pattern is shifted by (0..7).
    pub offset: u8,
    /// Bit `d` set: visited on day `d`.
    pub mask: u8,
}

impl VisitPattern {
    /// The pattern of `family` shifted by `offset` days (taken modulo 7).
    pub fn new(family: PatternFamily, offset: u8) -> Self {
        let offset = offset % DAYS as u8;
        VisitPattern {
            family,
            offset,
            mask: rotate(family.base_mask(), offset),
        }
    }

    /// Whether day `day` (0..7) is a visit day.
    pub fn visits(&self, day: usize) -> bool {
        day < DAYS && self.mask & (1 << day) != 0
    }

    /// Visit days in order.
    pub fn days(&self) -> Vec<usize> {
        (0..DAYS).filter(|&d| self.visits(d)).collect()
    }

    /// Visits per week.
    pub fn visits_per_week(&self) -> usize {
        self.mask.count_ones() as usize
    }

    /// Days of demand a visit on `day` carries: the days since the previous visit (cyclic over
    /// the week), counting `day` itself; 0 on a day without a visit. Summed over the week this
    /// is 7, which is why weekly totals are preserved.
    pub fn accumulated_days(&self, day: usize) -> usize {
        if !self.visits(day) {
            return 0;
        }
        (1..=DAYS)
            .find(|&back| self.visits((day + DAYS - back) % DAYS))
            .unwrap_or(DAYS)
    }

    /// Longest gap between consecutive visits, cyclic over the week (1 for daily, 7 for weekly):
    /// a parcel that just missed a visit waits this many days at most.
    pub fn longest_gap(&self) -> usize {
        (0..DAYS)
            .map(|d| self.accumulated_days(d))
            .max()
            .unwrap_or(0)
    }
}

impl fmt::Display for VisitPattern {
    /// The seven days as `1` (visit) or `0`, day 0 first.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask_text(self.mask))
    }
}

/// A day mask as seven `1` (visit) or `0` characters, day 0 first.
pub(crate) fn mask_text(mask: u8) -> String {
    (0..DAYS)
        .map(|d| if mask & (1 << d) != 0 { '1' } else { '0' })
        .collect()
}

/// Every pattern whose longest gap is at most `max_wait_days`, least frequent first (then by
/// family and offset): the patterns a village may get under that lead-time target.
///
/// ```
/// let allowed = gongpei_design::allowed_patterns(1);
/// assert_eq!(allowed.len(), 1); // daily only
/// assert_eq!(gongpei_design::allowed_patterns(3).len(), 1 + 7 + 7 + 7);
/// ```
pub fn allowed_patterns(max_wait_days: usize) -> Vec<VisitPattern> {
    let mut out: Vec<VisitPattern> = PatternFamily::ALL
        .iter()
        .flat_map(|f| f.patterns())
        .filter(|p| p.longest_gap() <= max_wait_days)
        .collect();
    out.sort_by_key(|p| (p.visits_per_week(), p.family, p.offset));
    out
}

/// `mask` shifted `by` days later, wrapping over the week.
fn rotate(mask: u8, by: u8) -> u8 {
    let by = by % DAYS as u8;
    let full = (1u16 << DAYS) - 1;
    let m = mask as u16;
    (((m << by) | (m >> (DAYS as u8 - by) as u16)) & full) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rotation_wraps_over_the_week() {
        assert_eq!(rotate(0b100_0000, 1), 0b000_0001);
        assert_eq!(rotate(0b000_1001, 4), 0b001_0001);
    }

    #[test]
    fn every_family_has_its_visit_count_and_distinct_rotations() {
        for f in PatternFamily::ALL {
            let ps = f.patterns();
            let n = ps[0].visits_per_week();
            assert!(ps.iter().all(|p| p.visits_per_week() == n));
            assert_eq!(ps.len(), if f == PatternFamily::Daily { 1 } else { 7 });
            for p in &ps {
                let total: usize = (0..DAYS).map(|d| p.accumulated_days(d)).sum();
                assert_eq!(total, DAYS, "{p}");
            }
        }
    }
}
