//! Colours of the design maps: a green-to-red ramp for ranks (cheapest green), a qualitative
//! palette for runs and hubs, one fixed colour per visit-pattern family.

use crate::PatternFamily;

/// Ten well-separated colours (runs of a sweep, hubs of a several-hub solution).
pub(super) const PALETTE: [&str; 10] = [
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf",
];

/// The `i`-th palette colour, repeating.
pub(super) fn palette(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Rank `rank` (1 = best) of `n` on a ramp from green (best) through yellow to red (worst).
pub(super) fn rank_colour(rank: usize, n: usize) -> String {
    let t = if n <= 1 {
        0.0
    } else {
        (rank.saturating_sub(1)) as f64 / (n - 1) as f64
    };
    // Two linear segments: green #1a9850 -> yellow #fee08b -> red #d73027.
    let (a, b, u) = if t <= 0.5 {
        ((0x1a, 0x98, 0x50), (0xfe, 0xe0, 0x8b), t * 2.0)
    } else {
        ((0xfe, 0xe0, 0x8b), (0xd7, 0x30, 0x27), (t - 0.5) * 2.0)
    };
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * u).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(a.0, b.0),
        mix(a.1, b.1),
        mix(a.2, b.2)
    )
}

/// The colour of a pattern family (by its name in results), grey for an unknown name.
pub(super) fn pattern_colour(name: &str) -> &'static str {
    const BY_FAMILY: [&str; 6] = [
        "#08519c", "#3182bd", "#31a354", "#fdae6b", "#e6550d", "#a50f15",
    ];
    PatternFamily::ALL
        .iter()
        .position(|f| f.name() == name)
        .map_or("#999999", |i| BY_FAMILY[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ramp_runs_from_green_to_red() {
        assert_eq!(rank_colour(1, 5), "#1a9850");
        assert_eq!(rank_colour(3, 5), "#fee08b");
        assert_eq!(rank_colour(5, 5), "#d73027");
        assert_eq!(rank_colour(1, 1), "#1a9850");
    }

    #[test]
    fn every_family_has_its_own_colour() {
        let seen: std::collections::BTreeSet<&str> = PatternFamily::ALL
            .iter()
            .map(|f| pattern_colour(f.name()))
            .collect();
        assert_eq!(seen.len(), PatternFamily::ALL.len());
        assert_eq!(pattern_colour("fortnightly"), "#999999");
    }
}
