//! Reachability check before computing matrices: every site must reach, and be reached from,
//! every other. Sites outside the strongly connected component holding the most of them are
//! reported all at once, so a data error is fixed in one round rather than one site at a time.

use petgraph::algo::kosaraju_scc;

use crate::error::{NetworkError, UnreachableSite};
use crate::graph::RoadNetwork;

/// Checks that the `targets` are mutually reachable by road.
pub(crate) fn check_mutually_reachable(
    net: &RoadNetwork,
    targets: &[usize],
) -> Result<(), NetworkError> {
    if targets.len() < 2 || net.uses_fallback() {
        return Ok(());
    }
    // Kosaraju runs with an explicit stack: recursion would overflow worker threads on big graphs.
    let components = kosaraju_scc(net.graph());
    let mut component_of = vec![usize::MAX; net.sites().len()];
    for (c, nodes) in components.iter().enumerate() {
        for n in nodes {
            component_of[n.index()] = c;
        }
    }
    // Largest component by number of targets; ties go to the one holding the earliest target.
    let mut count = vec![0usize; components.len()];
    let mut first = vec![usize::MAX; components.len()];
    for (k, &t) in targets.iter().enumerate() {
        let c = component_of[t];
        count[c] += 1;
        first[c] = first[c].min(k);
    }
    let main = (0..components.len())
        .filter(|&c| count[c] > 0)
        .max_by_key(|&c| (count[c], std::cmp::Reverse(first[c])))
        .expect("at least one target");
    let mut seen = std::collections::HashSet::new();
    let sites: Vec<UnreachableSite> = targets
        .iter()
        .filter(|&&t| component_of[t] != main && seen.insert(t))
        .map(|&t| UnreachableSite {
            index: t,
            id: net.sites()[t].id.clone(),
            name: net.sites()[t].name.clone(),
        })
        .collect();
    if sites.is_empty() {
        Ok(())
    } else {
        Err(NetworkError::Unreachable {
            sites,
            main_component: count[main],
        })
    }
}
