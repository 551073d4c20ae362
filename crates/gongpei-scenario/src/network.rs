//! Turning a scenario into the routing world: a `gongpei_network::RoadNetwork` whose site `i` is
//! `scenario.sites[i]`, with the scenario's roads, speeds and no-road fallback.

use std::collections::HashMap;

use crate::model::OpeningHours;
use geo::Point;
use gongpei_network::{RoadNetwork, Site};

use crate::error::ScenarioError;
use crate::model::{Roads, Scenario, SiteSpec};

/// Builds the road network of a scenario. Site `i` of the network is `scenario.sites[i]`.
///
/// ```
/// use gongpei_network::VehicleProfile;
/// use gongpei_scenario::model::SiteTier;
/// let s = gongpei_scenario::generate::generate(gongpei_scenario::generate::Preset::Small, 3).unwrap();
/// let net = gongpei_scenario::network::build_network(&s).unwrap();
/// let villages: Vec<usize> = (0..s.sites.len())
///     .filter(|&i| s.sites[i].tier == SiteTier::VillageStation)
///     .collect();
/// let m = net.router(VehicleProfile::Van).matrices(&villages).unwrap();
/// assert_eq!(m.distance.size(), villages.len());
/// ```
pub fn build_network(scenario: &Scenario) -> Result<RoadNetwork, ScenarioError> {
    network_from_parts(&scenario.sites, &scenario.roads)
}

/// Builds a road network from sites and roads (references must resolve).
pub fn network_from_parts(sites: &[SiteSpec], roads: &Roads) -> Result<RoadNetwork, ScenarioError> {
    let index: HashMap<&str, usize> = sites
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let lookup = |path: String, id: &str| {
        index
            .get(id)
            .copied()
            .ok_or_else(|| ScenarioError::Invalid {
                origin: "<scenario>".into(),
                problems: vec![crate::Problem {
                    path,
                    message: format!("refers to unknown site {id:?}"),
                }],
            })
    };
    let mut list = Vec::with_capacity(sites.len());
    for (i, s) in sites.iter().enumerate() {
        let township = match &s.township {
            Some(t) => Some(lookup(format!("sites[{i}].township"), t)?),
            None => None,
        };
        list.push(Site {
            id: s.id.clone(),
            name: s.name.clone(),
            tier: s.tier.into(),
            point: Point::new(s.lon, s.lat),
            opening_hours: s.opening_hours.unwrap_or(OpeningHours::ALWAYS).into(),
            township,
        });
    }
    let mut net = RoadNetwork::new(list)?;
    net.set_speeds(roads.speeds_kmh.clone().into())?;
    net.set_fallback(roads.detour_factor, roads.fallback_class.into())?;
    for (i, e) in roads.edges.iter().enumerate() {
        let a = lookup(format!("roads.edges[{i}].from"), &e.from)?;
        let b = lookup(format!("roads.edges[{i}].to"), &e.to)?;
        net.add_road(a, b, e.length_m, e.class.into(), e.one_way)?;
    }
    Ok(net)
}
