//! The commerce partners' replenishment as the planner sees it (快商合作): each B2B record of the
//! scenario resolved to sites, with its daily average load, and the villages whose parcels can be
//! left at a pick-up point shop.
//!
//! B2B goods are planned like parcels on the same vans: a case takes one parcel place, so a
//! delivery's load is `parcels_in = cases`, `kg_in = kg`. Every mode carries the same daily
//! average (the record's per-delivery-day quantities times `days_per_week / 7`, rounded up): the
//! partner's own vans in every mode but `commerce`, the shared last mile in `commerce`.

use std::collections::BTreeSet;

use gongpei_scenario::Scenario;

use crate::plan::Loads;
use crate::CoopError;

/// One shop's replenishment (a `commerce.replenishment` record) with its references resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct B2bDelivery {
    /// Index of the record in `commerce.replenishment`.
    pub record: usize,
    /// Site index of the shop (a village station).
    pub village: usize,
    /// Site index of the village's township centre, if any.
    pub township: Option<usize>,
    /// Site index the goods leave from (the supplier's site).
    pub supplier_site: usize,
    /// Operator of the supplier, whose own vans deliver outside the `commerce` mode.
    pub supplier_operator: String,
    /// Cases on an average day.
    pub cases: i64,
    /// Kilograms on an average day.
    pub kg: i64,
    /// Unloading time at the shop, seconds.
    pub service_s: i64,
    /// When the shop accepts deliveries (its site's opening hours), seconds after midnight.
    pub window: (i64, i64),
}

impl B2bDelivery {
    /// What the delivery drops at the shop (cases count as parcels).
    pub fn loads(&self) -> Loads {
        Loads {
            parcels_in: self.cases,
            kg_in: self.kg,
            ..Loads::default()
        }
    }

    /// Whether it moves anything on an average day.
    pub fn moves(&self) -> bool {
        self.cases + self.kg > 0
    }
}

/// The scenario's replenishment records resolved (record order), and the village sites with a
/// pick-up point shop (ascending).
pub fn resolve(scenario: &Scenario) -> Result<(Vec<B2bDelivery>, BTreeSet<usize>), CoopError> {
    let m = &scenario.commerce;
    let site_of = |id: &str, what: String| {
        scenario
            .site_index(id)
            .ok_or_else(|| CoopError::Input(format!("{what} refers to unknown site {id:?}")))
    };
    let partner = |id: &str, what: String| {
        m.partner(id)
            .ok_or_else(|| CoopError::Input(format!("{what}: unknown commerce partner {id:?}")))
    };
    let mut deliveries = Vec::new();
    for (k, r) in m.replenishment.iter().enumerate() {
        let shop = partner(&r.shop, format!("commerce.replenishment[{k}].shop"))?;
        let supplier = partner(&r.supplier, format!("commerce.replenishment[{k}].supplier"))?;
        let village = site_of(&shop.site, format!("commerce partner {}: site", shop.id))?;
        let site = &scenario.sites[village];
        let township = match &site.township {
            Some(t) => Some(site_of(t, format!("sites[{village}].township"))?),
            None => None,
        };
        deliveries.push(B2bDelivery {
            record: k,
            village,
            township,
            supplier_site: site_of(
                &supplier.site,
                format!("commerce partner {}: site", supplier.id),
            )?,
            supplier_operator: supplier.operator.clone(),
            cases: r.daily_cases(),
            kg: r.daily_kg(),
            service_s: r.service_s,
            window: site
                .opening_hours
                .map_or((0, 86_400), |h| (h.open_s, h.close_s)),
        });
    }
    let mut pickup = BTreeSet::new();
    for p in m.partners.iter().filter(|p| p.pickup_point) {
        pickup.insert(site_of(
            &p.site,
            format!("commerce partner {}: site", p.id),
        )?);
    }
    Ok((deliveries, pickup))
}

/// Service time of a carrier's demand record at a village: `service_s` door to door, or at most
/// `pickup_handover_s` where the plan leaves ambient parcels at the village's pick-up point shop
/// (the residents collect them there; chilled goods still go door to door, a shop has no cold
/// room). The checker applies the same rule from the scenario alone.
pub fn service_with_pickup(
    scenario: &Scenario,
    service_s: i64,
    chilled: bool,
    at_pickup_point: bool,
) -> i64 {
    if at_pickup_point && !chilled {
        service_s.min(scenario.commerce.pickup_handover_s)
    } else {
        service_s
    }
}
