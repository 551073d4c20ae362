//! Fleets, bus lines and cost parameters of the generated scenarios (planning values typical of
//! county-level delivery in North China in the early 2020s; synthetic, see the metadata).

use crate::model::VehicleProfile;
use geo::{Distance, Haversine, Point};
use gongpei_network::RoadNetwork;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::calibration::Calibration;
use super::geometry::Projection;
use crate::error::ScenarioError;
use crate::model::{
    BusLine, BusRun, CostParameters, Demand, Echelon, Emission, Facility, Finance, ModeScope,
    SiteSpec, Subsidy, SubsidyBasis, Temperature, VehicleTypeSpec, SHARED_OPERATOR,
};

fn van(id: &str, operator: &str, echelon: Echelon, count: u32) -> VehicleTypeSpec {
    VehicleTypeSpec {
        id: id.to_string(),
        operator: operator.to_string(),
        echelon,
        profile: VehicleProfile::Van,
        count,
        capacity_parcels: VAN_CAPACITY_PARCELS,
        capacity_kg: 700,
        refrigerated: false,
        fixed_cost_per_day: 220.0,
        cost_per_km: 0.9,
        cost_per_hour: 30.0,
        max_shift_s: 10 * 3600,
        shift_start_s: 8 * 3600,
        base: None,
    }
}

fn cold_van(id: &str, operator: &str, echelon: Echelon, count: u32) -> VehicleTypeSpec {
    VehicleTypeSpec {
        profile: VehicleProfile::ColdVan,
        capacity_parcels: COLD_VAN_CAPACITY_PARCELS,
        capacity_kg: 500,
        refrigerated: true,
        fixed_cost_per_day: 320.0,
        cost_per_km: 1.3,
        cost_per_hour: 32.0,
        ..van(id, operator, echelon, count)
    }
}

/// Vehicle types: each carrier's vans (and cold vans where it runs cold chain), plus the shared
/// fleet (trunk trucks at the hub, last-mile vans per township centre, a shared cold van).
///
/// `division_townships` is the number of township-level units of the whole division list (a
/// preset of part of it keeps the district's trunk fleet) and `township_parcels` the pooled
/// daily parcels (the larger of in and out) of each generated township.
pub fn vehicle_types(
    calibration: &Calibration,
    demand: &[Demand],
    division_townships: usize,
    township_parcels: &[i64],
) -> Vec<VehicleTypeSpec> {
    let mut out = Vec::new();
    let cold = |stops: usize, pickups: usize, parcels: i64| {
        cold_van_count(calibration, stops, pickups, parcels)
    };
    let chilled_parcels = |records: &mut dyn Iterator<Item = &Demand>| {
        let (inbound, outbound) =
            records.fold((0, 0), |(i, o), d| (i + d.parcels_in, o + d.parcels_out));
        i64::max(inbound, outbound)
    };
    for c in &calibration.carriers {
        let parcels: i64 = demand
            .iter()
            .filter(|d| d.carrier == c.id)
            .map(|d| d.parcels_in.max(d.parcels_out))
            .sum();
        let stops = demand
            .iter()
            .filter(|d| d.carrier == c.id && d.temperature == Temperature::Ambient)
            .count() as i64;
        // Fleets are sized for peaks: enough vans for the volume `van_volume_headroom` times
        // over, and for the village stops at `village_stops_per_van` per shift (in the hills
        // time binds before capacity does), plus spares. Unused vans cost nothing.
        let per_van = i64::from(calibration.village_stops_per_van);
        let spare = i64::from(calibration.spare_vans);
        let by_volume = (calibration.van_volume_headroom * parcels as f64
            / VAN_CAPACITY_PARCELS as f64)
            .floor() as i64;
        let count = (by_volume + spare)
            .max((stops + per_van - 1) / per_van + spare)
            .clamp(2, i64::from(calibration.max_vans_per_carrier.max(2)))
            as u32;
        out.push(van(&format!("{}_van", c.id), &c.id, Echelon::Direct, count));
        if c.cold_chain {
            let own: Vec<&Demand> = demand
                .iter()
                .filter(|d| d.carrier == c.id && d.temperature == Temperature::Chilled)
                .collect();
            out.push(cold_van(
                &format!("{}_cold_van", c.id),
                &c.id,
                Echelon::Direct,
                cold(
                    own.len(),
                    own.iter().filter(|d| d.parcels_out > 0).count(),
                    chilled_parcels(&mut own.iter().copied()),
                ),
            ));
        }
    }
    // Trunk trucks: one per `townships_per_trunk_truck` township-level units of the district, and
    // enough for the pooled volume `van_volume_headroom` times over, plus one.
    let pooled = {
        let (inbound, outbound) = demand
            .iter()
            .fold((0, 0), |(i, o), d| (i + d.parcels_in, o + d.parcels_out));
        i64::max(inbound, outbound)
    };
    let trucks = division_townships
        .div_ceil(calibration.townships_per_trunk_truck as usize)
        .max(
            (calibration.van_volume_headroom * pooled as f64 / TRUCK_CAPACITY_PARCELS as f64).ceil()
                as usize
                + 1,
        ) as u32;
    // Last-mile vans per township centre: the calibration's count, or enough to carry the
    // busiest township's pooled parcels in one trip each.
    let busiest = township_parcels.iter().copied().max().unwrap_or(0);
    let last_mile = calibration
        .last_mile_vans_per_township
        .max((busiest.max(0) as u64).div_ceil(LAST_MILE_CAPACITY_PARCELS as u64) as u32);
    out.push(VehicleTypeSpec {
        profile: VehicleProfile::Truck,
        capacity_parcels: TRUCK_CAPACITY_PARCELS,
        capacity_kg: 5000,
        fixed_cost_per_day: 450.0,
        cost_per_km: 1.6,
        cost_per_hour: 40.0,
        shift_start_s: 7 * 3600,
        ..van(
            "shared_trunk_truck",
            SHARED_OPERATOR,
            Echelon::Trunk,
            trucks,
        )
    });
    out.push(VehicleTypeSpec {
        capacity_parcels: LAST_MILE_CAPACITY_PARCELS,
        capacity_kg: 600,
        fixed_cost_per_day: 180.0,
        cost_per_km: 0.8,
        cost_per_hour: 28.0,
        max_shift_s: 9 * 3600,
        shift_start_s: 9 * 3600,
        ..van(
            "shared_last_mile_van",
            SHARED_OPERATOR,
            Echelon::LastMile,
            last_mile,
        )
    });
    // The shared cold vans serve one pooled stop per village with chilled flows.
    let mut chilled_villages: Vec<(&str, bool)> = Vec::new();
    for d in demand
        .iter()
        .filter(|d| d.temperature == Temperature::Chilled)
    {
        match chilled_villages.iter_mut().find(|(v, _)| *v == d.village) {
            Some(entry) => entry.1 |= d.parcels_out > 0,
            None => chilled_villages.push((&d.village, d.parcels_out > 0)),
        }
    }
    out.push(cold_van(
        "shared_cold_van",
        SHARED_OPERATOR,
        Echelon::Direct,
        cold(
            chilled_villages.len(),
            chilled_villages.iter().filter(|(_, out)| *out).count(),
            chilled_parcels(
                &mut demand
                    .iter()
                    .filter(|d| d.temperature == Temperature::Chilled),
            ),
        ),
    ));
    out
}

/// Refrigerated vans an operator keeps for `stops` chilled village stops of which `pickups`
/// collect chilled produce.
///
/// Sized like a dispatcher would: a cold van covers about `cold_stops_per_van` scattered
/// village stops in a shift, and chilled pickups must reach the cold store within the cold-chain
/// limit, which confines them to the last hours of the shift, where a van manages about
/// `cold_pickups_per_van`, and the chilled `parcels` (the larger of in and out) must fit
/// `van_volume_headroom` times over; one spare van on top. Vans that are not needed cost
/// nothing (the fixed cost is per vehicle used), so the count is an availability, not a plan.
pub fn cold_van_count(
    calibration: &Calibration,
    stops: usize,
    pickups: usize,
    parcels: i64,
) -> u32 {
    if stops == 0 {
        return 1;
    }
    let by_volume = (calibration.van_volume_headroom * parcels as f64
        / COLD_VAN_CAPACITY_PARCELS as f64)
        .ceil() as usize;
    let needed = stops
        .div_ceil(calibration.cold_stops_per_van as usize)
        .max(pickups.div_ceil(calibration.cold_pickups_per_van as usize))
        .max(by_volume);
    (needed + 1) as u32
}

/// Parcels an ambient van carries.
pub const VAN_CAPACITY_PARCELS: i64 = 180;
/// Parcels a refrigerated van carries.
pub const COLD_VAN_CAPACITY_PARCELS: i64 = 80;
/// Parcels a trunk truck carries.
pub const TRUCK_CAPACITY_PARCELS: i64 = 1200;
/// Parcels a shared last-mile van carries.
pub const LAST_MILE_CAPACITY_PARCELS: i64 = 150;

/// Cost parameters; the hub is also the cold store.
pub fn costs(hub_id: &str) -> CostParameters {
    CostParameters {
        currency: "CNY".into(),
        shared_hub: hub_id.to_string(),
        cold_store: hub_id.to_string(),
        hub_handling_per_parcel: 0.15,
        township_handling_per_parcel: 0.20,
        township_handling_s: 1800,
        hub_sorting_s: 3600,
        bus_transfer_s_per_parcel: 10,
        max_chilled_duration_s: 4 * 3600,
        day_end_s: 19 * 3600,
        village_station_commission_per_parcel: crate::model::DEFAULT_VILLAGE_STATION_COMMISSION,
        co2_kg_per_km: vec![
            Emission {
                profile: VehicleProfile::Van,
                kg_per_km: 0.24,
            },
            Emission {
                profile: VehicleProfile::Truck,
                kg_per_km: 0.55,
            },
            Emission {
                profile: VehicleProfile::ColdVan,
                kg_per_km: 0.31,
            },
            // A scheduled bus runs anyway: carrying parcels adds (almost) nothing.
            Emission {
                profile: VehicleProfile::Bus,
                kg_per_km: 0.0,
            },
        ],
    }
}

/// Assumed investment and subsidies of the plan's network (planning values, not the county's
/// budget: a file from a real county replaces them): the district sorting centre and the
/// township centres' upgrades serve the pooled modes; every mode needs the village stations.
pub fn finance(hub_id: &str, townships: usize, villages: usize) -> Finance {
    let units = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    Finance {
        interest_rate: 0.04,
        operating_days_per_year: 365.0,
        county_budget_per_day: None,
        facilities: vec![
            Facility {
                name: "区级快递物流分拨中心 (district sorting centre: building and sorting line)".into(),
                site: Some(hub_id.to_string()),
                modes: ModeScope::Pooled,
                units: 1,
                capital_yuan: 12_000_000.0,
                life_years: 20.0,
                operating_per_day: 800.0,
            },
            Facility {
                name: "乡镇寄递物流综合服务站 (township centre upgrade: cross-dock, shelves, scanners)".into(),
                site: None,
                modes: ModeScope::Pooled,
                units: units(townships),
                capital_yuan: 150_000.0,
                life_years: 10.0,
                operating_per_day: 50.0,
            },
            Facility {
                name: "村级寄递物流综合服务站 (village station in a host shop or 村委会: shelves, scanner, sign)".into(),
                site: None,
                modes: ModeScope::All,
                units: units(villages),
                capital_yuan: 15_000.0,
                life_years: 8.0,
                operating_per_day: 0.0,
            },
        ],
        subsidies: vec![
            Subsidy {
                name: "邮快合作 per-parcel subsidy (shared last mile)".into(),
                basis: SubsidyBasis::PerParcel,
                amount: 0.10,
                modes: ModeScope::Pooled,
            },
            Subsidy {
                name: "village station operating subsidy".into(),
                basis: SubsidyBasis::PerFacility,
                amount: 1.0,
                modes: ModeScope::All,
            },
            Subsidy {
                name: "county share of the network's capital (补贴资金由区财政局落实)".into(),
                basis: SubsidyBasis::CapitalShare,
                amount: 0.3,
                modes: ModeScope::Pooled,
            },
        ],
    }
}

/// Bus lines from the bus station to far townships, one per direction pair, chosen in distinct
/// compass directions; each continues into up to three villages of its end township.
///
/// `townships` are site indices of township centres, `villages_of(t)` the villages of one.
/// Where the bus lines start and what they may reach.
pub struct BusNetwork<'a> {
    /// The scenario's road network.
    pub net: &'a RoadNetwork,
    /// All sites.
    pub sites: &'a [SiteSpec],
    /// Site index of the bus station.
    pub bus_station: usize,
    /// Site indices of the township centres.
    pub townships: &'a [usize],
    /// Site indices of a township centre's villages.
    pub villages_of: &'a dyn Fn(usize) -> Vec<usize>,
}

/// Bus lines from the bus station to far townships (see [`BusNetwork`]); `short_name` is the
/// district's short name for line names.
pub fn bus_lines(
    network: &BusNetwork<'_>,
    calibration: &Calibration,
    projection: &Projection,
    short_name: &str,
    rng: &mut ChaCha8Rng,
) -> Result<Vec<BusLine>, ScenarioError> {
    let BusNetwork {
        net,
        sites,
        bus_station,
        townships,
        villages_of,
    } = *network;
    let max_lines = calibration.bus_lines;
    let aspect = projection.aspect();
    let router = net.router(VehicleProfile::Bus.into());
    let origin = Point::new(sites[bus_station].lon, sites[bus_station].lat);
    let mut candidates: Vec<(usize, f64, f64)> = townships
        .iter()
        .map(|&t| {
            let p = Point::new(sites[t].lon, sites[t].lat);
            let bearing = (p.y() - origin.y()).atan2((p.x() - origin.x()) * aspect);
            (t, Haversine.distance(origin, p), bearing)
        })
        .collect();
    candidates.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut ends: Vec<(usize, f64)> = Vec::new();
    for (t, _, bearing) in candidates {
        let apart = ends.iter().all(|&(_, b)| {
            let d = (bearing - b).rem_euclid(std::f64::consts::TAU);
            d.min(std::f64::consts::TAU - d) > 50f64.to_radians()
        });
        if apart && ends.len() < max_lines {
            ends.push((t, bearing));
        }
    }
    let operator = calibration
        .bus_operator
        .clone()
        .unwrap_or_else(|| format!("{short_name}公交 (assumed operator)"));
    let mut lines = Vec::new();
    for (k, &(end, _)) in ends.iter().enumerate() {
        let path = router.path(bus_station, end)?;
        let mut stops: Vec<usize> = path
            .sites
            .iter()
            .copied()
            .filter(|&s| s == bus_station || townships.contains(&s))
            .collect();
        // Continue through the end township's villages in nearest-neighbour order, like a
        // 村村通 line serving a valley: up to `villages_per_bus_line`, so that in a small
        // township the bus reaches every village and a van need not go there at all.
        let mut rest = villages_of(end);
        let mut here = end;
        for _ in 0..calibration.villages_per_bus_line {
            let Some(pos) = (0..rest.len()).min_by_key(|&i| {
                router
                    .path(here, rest[i])
                    .map_or(i64::MAX, |p| p.distance_m)
            }) else {
                break;
            };
            here = rest.swap_remove(pos);
            stops.push(here);
        }
        let mut offsets = vec![0i64];
        for w in stops.windows(2) {
            let leg = router.path(w[0], w[1])?;
            offsets.push(offsets.last().copied().unwrap_or(0) + leg.duration_s + 60);
        }
        let total = *offsets.last().unwrap_or(&0);
        let first = 6 * 3600 + rng.random_range(0..4) * 600;
        let headway = rng.random_range(5..9) * 1200;
        let runs_out: Vec<BusRun> = (0..)
            .map(|i| first + i * headway)
            .take_while(|&t| t <= 18 * 3600)
            .map(|departure_s| BusRun { departure_s })
            .collect();
        let runs_back: Vec<BusRun> = runs_out
            .iter()
            .map(|r| BusRun {
                departure_s: r.departure_s + total + 900,
            })
            .collect();
        let end_name = &sites[end].name;
        let spare = rng.random_range(3..7) * 10;
        let mk = |dir: &str, stops: Vec<usize>, runs: Vec<BusRun>, offsets: Vec<i64>| BusLine {
            id: format!("bus{}_{dir}", k + 1),
            name: format!(
                "{short_name} - {end_name} line {} ({dir}, synthetic route)",
                k + 1
            ),
            operator: operator.clone(),
            stops: stops.iter().map(|&s| sites[s].id.clone()).collect(),
            stop_offsets_s: offsets,
            runs,
            spare_parcels_per_run: spare,
            spare_kg_per_run: spare * 8,
            fee_per_parcel: 1.0,
            fee_per_kg: 0.0,
            handover: None,
            chilled_allowed: false,
            handling_cost_per_parcel: crate::model::DEFAULT_HANDLING_COST_PER_PARCEL,
            handover_cost_per_stop: crate::model::DEFAULT_HANDOVER_COST_PER_STOP,
            fuel_cost_per_kg: crate::model::DEFAULT_FUEL_COST_PER_KG,
        };
        let back_stops: Vec<usize> = stops.iter().rev().copied().collect();
        let back_offsets: Vec<i64> = offsets.iter().rev().map(|&o| total - o).collect();
        lines.push(mk("out", stops, runs_out, offsets));
        lines.push(mk("back", back_stops, runs_back, back_offsets));
    }
    Ok(lines)
}
