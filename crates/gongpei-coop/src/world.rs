//! The routing world of one scenario: the road network, travel matrices between every site that
//! matters (per vehicle profile), the demand flattened into [`Flow`]s (flow `k` is demand
//! record `k`) and the commerce partners' replenishment (see [`crate::commerce`]).

use std::collections::{BTreeSet, HashMap};

use gongpei_core::Matrix;
use gongpei_network::RoadNetwork;
use gongpei_scenario::model::{SiteTier, VehicleProfile};
use gongpei_scenario::{Scenario, Temperature};

use crate::commerce::B2bDelivery;
use crate::CoopError;

/// One carrier's daily flows at one village for one temperature class (a scenario demand record
/// with its references resolved).
#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    /// Index of the demand record in the scenario.
    pub record: usize,
    /// Site index of the village.
    pub village: usize,
    /// Site index of the village's township centre, if it has one.
    pub township: Option<usize>,
    /// Carrier index.
    pub carrier: usize,
    /// Site index of the carrier's depot the flow passes through (the carrier's depot nearest to
    /// the village by road; its only depot in the usual case).
    pub depot: usize,
    /// Whether the goods are chilled.
    pub chilled: bool,
    /// Parcels in.
    pub parcels_in: i64,
    /// Kilograms in.
    pub kg_in: i64,
    /// Parcels out (produce, returns).
    pub parcels_out: i64,
    /// Kilograms out.
    pub kg_out: i64,
    /// Service time at the village, seconds.
    pub service_s: i64,
    /// Service window at the village, seconds after midnight.
    pub window: (i64, i64),
}

/// Scenario, network and matrices, shared read-only by every mode and coalition.
pub struct World<'s> {
    /// The scenario.
    pub scenario: &'s Scenario,
    /// Its road network (site `i` = `scenario.sites[i]`).
    pub network: RoadNetwork,
    /// Demand flows: `flows[k]` is `scenario.demand[k]` resolved. Records with no volume at all
    /// stay in the list (so indices are record indices) but no plan visits them.
    pub flows: Vec<Flow>,
    /// B2B replenishment of the commerce partners' shops (`replenishment[j]` is
    /// `scenario.commerce.replenishment[j]` resolved, with its daily average).
    pub replenishment: Vec<B2bDelivery>,
    /// Village sites with a pick-up point shop (快商合作 leaves their ambient parcels there).
    pub pickup_villages: BTreeSet<usize>,
    /// Site index of the shared hub.
    pub hub: usize,
    /// Site index of the cold store.
    pub cold_store: usize,
    /// Sites with matrices, and their position in the matrices.
    matrix_index: HashMap<usize, usize>,
    profiles: Vec<(VehicleProfile, Matrix, Matrix)>,
}

impl<'s> World<'s> {
    /// Builds the network, resolves the demand and computes the travel matrices of every
    /// non-junction site for every vehicle profile the scenario's fleets use.
    pub fn new(scenario: &'s Scenario) -> Result<Self, CoopError> {
        if let Err(problems) = gongpei_scenario::validate(scenario) {
            return Err(gongpei_scenario::ScenarioError::Invalid {
                origin: scenario.name.clone(),
                problems,
            }
            .into());
        }
        let travel = gongpei_scenario::travel::resolve(scenario)?;
        let network = travel.network.clone();
        let find = |id: &str, what: &str| {
            scenario
                .site_index(id)
                .ok_or_else(|| CoopError::Input(format!("{what} refers to unknown site {id:?}")))
        };
        let hub = find(&scenario.costs.shared_hub, "costs.shared_hub")?;
        let cold_store = find(&scenario.costs.cold_store, "costs.cold_store")?;
        let mut flows = Vec::new();
        for (k, d) in scenario.demand.iter().enumerate() {
            let village = find(&d.village, &format!("demand[{k}].village"))?;
            let carrier = scenario.carrier_index(&d.carrier).ok_or_else(|| {
                CoopError::Input(format!(
                    "demand[{k}].carrier: unknown carrier {:?}",
                    d.carrier
                ))
            })?;
            let site = &scenario.sites[village];
            let township = match &site.township {
                Some(t) => Some(find(t, &format!("sites[{village}].township"))?),
                None => None,
            };
            let window = match (d.time_window, site.opening_hours) {
                (Some(w), _) => (w.start_s, w.end_s),
                (None, Some(h)) => (h.open_s, h.close_s),
                (None, None) => (0, 86_400),
            };
            flows.push(Flow {
                record: k,
                village,
                township,
                carrier,
                depot: hub,
                chilled: d.temperature == Temperature::Chilled,
                parcels_in: d.parcels_in,
                kg_in: d.kg_in,
                parcels_out: d.parcels_out,
                kg_out: d.kg_out,
                service_s: d.service_s,
                window,
            });
        }
        let (matrix_index, profiles) = travel_matrices(scenario, &travel)?;
        let (replenishment, pickup_villages) = crate::commerce::resolve(scenario)?;
        let mut world = Self {
            scenario,
            network,
            flows,
            replenishment,
            pickup_villages,
            hub,
            cold_store,
            matrix_index,
            profiles,
        };
        world.assign_depots()?;
        Ok(world)
    }

    /// The same world over `scenario`, a variant of this world's scenario that differs only in
    /// its bus lines' fees, costs and timetables (the fee range re-plans 交邮合作 at other fees):
    /// the network, flows and travel matrices are shared, not recomputed (the matrices share
    /// their storage). A variant with other sites, demand, carriers or vehicle types is refused,
    /// since the shared figures would then be wrong for it.
    pub fn with_scenario<'t>(&self, scenario: &'t Scenario) -> Result<World<'t>, CoopError> {
        let same = scenario.sites == self.scenario.sites
            && scenario.demand == self.scenario.demand
            && scenario.carriers == self.scenario.carriers
            && scenario.vehicle_types == self.scenario.vehicle_types
            && scenario.commerce == self.scenario.commerce
            && scenario.bus_lines.len() == self.scenario.bus_lines.len();
        if !same {
            return Err(CoopError::Input(format!(
                "scenario {:?}: a world can only be reused for a variant with the same sites, demand, carriers, vehicle types, commerce and number of bus lines",
                scenario.name
            )));
        }
        if let Err(problems) = gongpei_scenario::validate(scenario) {
            return Err(gongpei_scenario::ScenarioError::Invalid {
                origin: scenario.name.clone(),
                problems,
            }
            .into());
        }
        Ok(World {
            scenario,
            network: self.network.clone(),
            flows: self.flows.clone(),
            hub: self.hub,
            cold_store: self.cold_store,
            matrix_index: self.matrix_index.clone(),
            profiles: self.profiles.clone(),
            replenishment: self.replenishment.clone(),
            pickup_villages: self.pickup_villages.clone(),
        })
    }

    /// Each flow passes through its carrier's depot nearest to the village (by road distance of
    /// the first profile with matrices); a carrier without depots uses the hub.
    fn assign_depots(&mut self) -> Result<(), CoopError> {
        let Some(profile) = self.profiles.first().map(|p| p.0) else {
            return Ok(());
        };
        let mut depots: Vec<Vec<usize>> = Vec::new();
        for c in &self.scenario.carriers {
            depots.push(
                c.depots
                    .iter()
                    .map(|d| self.site(d, &format!("carrier {}: depots", c.id)))
                    .collect::<Result<_, _>>()?,
            );
        }
        for k in 0..self.flows.len() {
            let f = &self.flows[k];
            let mut best = (i64::MAX, self.hub);
            for &d in &depots[f.carrier] {
                let (m, _) = self.leg(profile, d, f.village)?;
                if m < best.0 {
                    best = (m, d);
                }
            }
            self.flows[k].depot = best.1;
        }
        Ok(())
    }

    /// Number of carriers.
    pub fn num_carriers(&self) -> usize {
        self.scenario.carriers.len()
    }

    /// Carrier ids, in scenario order.
    pub fn carrier_names(&self) -> Vec<String> {
        self.scenario
            .carriers
            .iter()
            .map(|c| c.id.clone())
            .collect()
    }

    /// Site index of a site id, with the referring field named on error.
    pub fn site(&self, id: &str, what: &str) -> Result<usize, CoopError> {
        self.scenario
            .site_index(id)
            .ok_or_else(|| CoopError::Input(format!("{what} refers to unknown site {id:?}")))
    }

    /// (distance m, duration s) from site `a` to site `b` for `profile`.
    pub fn leg(
        &self,
        profile: VehicleProfile,
        a: usize,
        b: usize,
    ) -> Result<(i64, i64), CoopError> {
        let (_, d, t) = self
            .profiles
            .iter()
            .find(|(p, _, _)| *p == profile)
            .ok_or_else(|| {
                CoopError::Input(format!(
                    "no vehicle type uses profile {profile:?}; no matrix for it"
                ))
            })?;
        let (i, j) = (self.matrix_pos(a)?, self.matrix_pos(b)?);
        Ok((d.get(i, j), t.get(i, j)))
    }

    fn matrix_pos(&self, site: usize) -> Result<usize, CoopError> {
        self.matrix_index.get(&site).copied().ok_or_else(|| {
            CoopError::Input(format!(
                "site {:?} is a junction or unknown and has no travel times",
                self.scenario.sites.get(site).map_or("?", |s| s.id.as_str())
            ))
        })
    }

    /// Sub-matrices (distance, duration) of `profile` over the listed sites, in that order.
    pub fn sub_matrices(
        &self,
        profile: VehicleProfile,
        sites: &[usize],
    ) -> Result<(Matrix, Matrix), CoopError> {
        let (_, d, t) = self
            .profiles
            .iter()
            .find(|(p, _, _)| *p == profile)
            .ok_or_else(|| CoopError::Input(format!("no matrix for profile {profile:?}")))?;
        let pos = sites
            .iter()
            .map(|&s| self.matrix_pos(s))
            .collect::<Result<Vec<_>, _>>()?;
        Ok((
            Matrix::from_fn(sites.len(), |i, j| d.get(pos[i], pos[j])),
            Matrix::from_fn(sites.len(), |i, j| t.get(pos[i], pos[j])),
        ))
    }

    /// Display name of a site.
    pub fn site_name(&self, site: usize) -> &str {
        &self.scenario.sites[site].name
    }

    /// Cost per km and per hour of a scenario vehicle type (zero for an unknown id).
    pub fn unit_costs(&self, vehicle_type: &str) -> (f64, f64) {
        self.scenario
            .vehicle_types
            .iter()
            .find(|v| v.id == vehicle_type)
            .map_or((0.0, 0.0), |s| (s.cost_per_km, s.cost_per_hour))
    }
}

/// Position of each site in the matrices, and (profile, distance, duration) per profile.
type Matrices = (HashMap<usize, usize>, Vec<(VehicleProfile, Matrix, Matrix)>);

/// The travel matrices of every non-junction site for every vehicle profile the scenario's fleets
/// use: the one place where the world's travel times come from.
fn travel_matrices(
    scenario: &Scenario,
    travel: &gongpei_scenario::travel::Travel,
) -> Result<Matrices, CoopError> {
    let sites: Vec<usize> = (0..scenario.sites.len())
        .filter(|&i| scenario.sites[i].tier != SiteTier::Junction)
        .collect();
    let matrix_index = sites.iter().enumerate().map(|(k, &s)| (s, k)).collect();
    let mut wanted: Vec<VehicleProfile> =
        scenario.vehicle_types.iter().map(|v| v.profile).collect();
    wanted.sort();
    wanted.dedup();
    let mut profiles = Vec::new();
    for p in wanted {
        let (distance, duration) = travel.matrices(p, &sites)?;
        profiles.push((p, distance, duration));
    }
    Ok((matrix_index, profiles))
}
