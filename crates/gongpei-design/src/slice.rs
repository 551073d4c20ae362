//! A slice of a large district for a design study: the demand of some townships only, with every
//! site, road and fleet kept, so a question that plans many days (the weekly frequency design)
//! can be asked of one township first.

use std::collections::BTreeSet;

use gongpei_scenario::Scenario;

use crate::DesignError;

/// Keeps only the demand records of villages whose township is one of `townships` (township
/// centre site ids); an empty list keeps everything. Unknown ids are refused by name.
///
/// ```
/// let mut s = gongpei_scenario::generate::generate(
///     gongpei_scenario::generate::Preset::Small, 1).unwrap();
/// let township = s.sites.iter().find_map(|site| site.township.clone()).unwrap();
/// let before = s.demand.len();
/// gongpei_design::keep_township_demand(&mut s, &[township]).unwrap();
/// assert_eq!(s.demand.len(), before); // the small preset is one township
/// let e = gongpei_design::keep_township_demand(&mut s, &["nowhere".into()]).unwrap_err();
/// assert!(e.to_string().starts_with("townships: "));
/// ```
pub fn keep_township_demand(
    scenario: &mut Scenario,
    townships: &[String],
) -> Result<(), DesignError> {
    if townships.is_empty() {
        return Ok(());
    }
    let known: BTreeSet<&str> = scenario
        .sites
        .iter()
        .filter_map(|s| s.township.as_deref())
        .collect();
    if let Some(t) = townships.iter().find(|t| !known.contains(t.as_str())) {
        return Err(DesignError::input(
            "townships",
            format!("{t:?} is not the township of any site in the scenario"),
        ));
    }
    let keep: BTreeSet<&str> = townships.iter().map(String::as_str).collect();
    let kept_villages: BTreeSet<String> = scenario
        .sites
        .iter()
        .filter(|s| s.township.as_deref().is_some_and(|t| keep.contains(t)))
        .map(|s| s.id.clone())
        .collect();
    scenario
        .demand
        .retain(|d| kept_villages.contains(&d.village));
    Ok(())
}
