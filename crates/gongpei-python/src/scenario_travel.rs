//! Road travel of a scenario for Python: the travel matrices the planner uses between named
//! sites, and the reachability check `gongpei scenario validate` applies, run when a scenario is
//! loaded so that Python accepts exactly what the command line accepts.

use gongpei_coop::world::World;
use gongpei_core::Matrix;
use gongpei_scenario::model::{SiteTier, VehicleProfile};
use gongpei_scenario::network::build_network;
use gongpei_scenario::Scenario;

/// A profile from its scenario name (`van`, `truck`, `bus`, `cold_van`).
pub fn parse_profile(name: &str) -> Result<VehicleProfile, String> {
    serde_json::from_value(serde_json::Value::String(name.to_owned())).map_err(|_| {
        format!("profile {name:?} is not one of \"van\", \"truck\", \"bus\", \"cold_van\"")
    })
}

/// Distance (metres) and duration (seconds) matrices of `profile` between the sites `ids`
/// (every non-junction site when `None`), as the cooperation planner sees them (road graph or
/// the scenario's external matrices). Returns the site ids in matrix order too.
pub fn travel_matrices(
    scenario: &Scenario,
    ids: Option<&[String]>,
    profile: &str,
) -> Result<(Vec<String>, Matrix, Matrix), String> {
    let profile = parse_profile(profile)?;
    let indices: Vec<usize> = match ids {
        Some(ids) => ids
            .iter()
            .map(|id| {
                scenario.site_index(id).ok_or_else(|| {
                    format!("site {id:?} is not a site of scenario {:?}", scenario.name)
                })
            })
            .collect::<Result<_, _>>()?,
        None => (0..scenario.sites.len())
            .filter(|&i| scenario.sites[i].tier != SiteTier::Junction)
            .collect(),
    };
    let world = World::new(scenario).map_err(|err| err.to_string())?;
    let (distance, duration) = world
        .sub_matrices(profile, &indices)
        .map_err(|err| format!("{err} (the scenario's fleets use no {profile:?} vehicle)"))?;
    let names = indices
        .iter()
        .map(|&i| scenario.sites[i].id.clone())
        .collect();
    Ok((names, distance, duration))
}

/// Every non-junction site must be reachable by road from every other (as `gongpei scenario
/// validate` requires); the error names the unreachable pair.
pub fn check_reachable(scenario: &Scenario) -> Result<(), String> {
    let network = build_network(scenario).map_err(|err| err.to_string())?;
    let sites: Vec<usize> = (0..scenario.sites.len())
        .filter(|&i| scenario.sites[i].tier != SiteTier::Junction)
        .collect();
    network
        .router(VehicleProfile::Van.into())
        .matrices(&sites)
        .map(|_| ())
        .map_err(|err| format!("scenario {:?}: road network: {err}", scenario.name))
}
