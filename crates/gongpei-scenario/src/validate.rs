//! Semantic validation of a parsed scenario: every reference resolves, every quantity is in
//! range. Each problem names the JSON path of the offending value.

use std::collections::{HashMap, HashSet};

use crate::model::SiteTier;

use crate::error::Problem;
use crate::model::{
    CommerceKind, Echelon, Roads, Scenario, SubsidyBasis, Temperature, FORMAT_VERSION,
    SHARED_OPERATOR,
};

/// Latest time of day accepted anywhere (two days, so overnight runs can be expressed).
const MAX_TIME_S: i64 = 2 * 86_400;

/// Largest money amount (CNY per item: a day's fixed cost, per km, per hour, per parcel) and
/// per-km factor accepted. Far above any real tariff; the planner works in integer micro-yuan
/// summed over thousands of legs, which larger values (1e308) would overflow.
const MAX_MONEY: f64 = 1.0e6;

/// A number as a user would write it: huge values in exponent form (`1e308`, not 309 digits).
fn readable(value: f64) -> String {
    if value.is_finite() && value.abs() < 1.0e9 {
        format!("{value}")
    } else {
        format!("{value:e}")
    }
}

/// Collects problems with their JSON paths.
struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn non_negative_int(&mut self, path: String, value: i64) {
        if value < 0 {
            self.fail(path, format!("must be >= 0, found {value}"));
        }
    }

    fn non_negative_money(&mut self, path: String, value: f64) {
        if !(value.is_finite() && (0.0..=MAX_MONEY).contains(&value)) {
            self.fail(
                path,
                format!(
                    "must be a finite number >= 0 and <= {MAX_MONEY:.0}, found {}",
                    readable(value)
                ),
            );
        }
    }

    fn time_of_day(&mut self, path: String, value: i64) {
        if !(0..=MAX_TIME_S).contains(&value) {
            self.fail(
                path,
                format!("must be a time in seconds between 0 and {MAX_TIME_S}, found {value}"),
            );
        }
    }

    fn unique_ids<'a>(&mut self, list: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if id.trim().is_empty() {
                self.fail(format!("{list}[{i}].id"), "must not be empty");
            } else if !seen.insert(id) {
                self.fail(format!("{list}[{i}].id"), format!("duplicate id {id:?}"));
            } else {
                self.row_key(format!("{list}[{i}].id"), id);
            }
        }
    }

    /// A value that opens a row in the tables form (an id; a facility's, a subsidy's, a source's
    /// or a synthetic part's name) must not start with `#`, which marks a comment row there: the
    /// scenario must mean the same in both forms.
    fn row_key(&mut self, path: String, value: &str) {
        if value.trim_start().starts_with('#') {
            self.fail(
                path,
                format!("{value:?} starts with '#', which marks a comment row in the tables form; rename it"),
            );
        }
    }
}

/// Checks a parsed scenario; returns every problem found, in document order.
///
/// ```
/// use gongpei_scenario::{generate, validate};
/// let mut scenario = generate::generate(generate::Preset::Small, 1).unwrap();
/// scenario.demand[0].parcels_in = -3;
/// let problems = validate(&scenario).unwrap_err();
/// assert_eq!(problems[0].path, "demand[0].parcels_in");
/// ```
pub fn validate(s: &Scenario) -> Result<(), Vec<Problem>> {
    let mut c = Checker {
        problems: Vec::new(),
    };
    if s.format_version != FORMAT_VERSION {
        c.fail(
            "format_version",
            format!(
                "version {} is not supported; expected {FORMAT_VERSION}",
                s.format_version
            ),
        );
    }

    c.unique_ids("sites", s.sites.iter().map(|x| x.id.as_str()));
    let tiers: HashMap<&str, SiteTier> = s.sites.iter().map(|x| (x.id.as_str(), x.tier)).collect();
    let site_ref =
        |c: &mut Checker, path: String, id: &str, wanted: Option<SiteTier>| match tiers.get(id) {
            None => c.fail(path, format!("refers to unknown site {id:?}")),
            Some(&tier) => {
                if let Some(w) = wanted {
                    if tier != w {
                        c.fail(
                            path,
                            format!(
                                "site {id:?} is a {}, expected a {}",
                                tier.as_str(),
                                w.as_str()
                            ),
                        );
                    }
                }
            }
        };

    for (i, site) in s.sites.iter().enumerate() {
        let p = format!("sites[{i}]");
        if !(site.lon.is_finite() && (-180.0..=180.0).contains(&site.lon)) {
            c.fail(
                format!("{p}.lon"),
                format!("longitude {} is not in [-180, 180]", site.lon),
            );
        }
        if !(site.lat.is_finite() && (-90.0..=90.0).contains(&site.lat)) {
            c.fail(
                format!("{p}.lat"),
                format!("latitude {} is not in [-90, 90]", site.lat),
            );
        }
        if let Some(t) = &site.township {
            site_ref(
                &mut c,
                format!("{p}.township"),
                t,
                Some(SiteTier::TownshipCentre),
            );
        } else if site.tier == SiteTier::VillageStation {
            c.fail(
                format!("{p}.township"),
                "a village station must name its township centre",
            );
        }
        if let Some(h) = site.opening_hours {
            c.time_of_day(format!("{p}.opening_hours.open_s"), h.open_s);
            c.time_of_day(format!("{p}.opening_hours.close_s"), h.close_s);
            if h.open_s > h.close_s {
                c.fail(format!("{p}.opening_hours"), "open_s is after close_s");
            }
        }
        if let Some(cap) = site.handling_capacity_parcels {
            c.non_negative_int(format!("{p}.handling_capacity_parcels"), cap);
        }
        if site.existing_facility.is_some() && site.tier != SiteTier::VillageStation {
            c.fail(
                format!("{p}.existing_facility"),
                format!(
                    "only a village station can have an existing facility to upgrade, this site is a {}",
                    site.tier.as_str()
                ),
            );
        }
    }

    if let Err(msg) = gongpei_network::SpeedTable::from(s.roads.speeds_kmh.clone()).validate() {
        c.fail("roads.speeds_kmh", msg);
    }
    if !(s.roads.detour_factor.is_finite() && s.roads.detour_factor >= 1.0) {
        c.fail(
            "roads.detour_factor",
            format!("must be a number >= 1, found {}", s.roads.detour_factor),
        );
    }
    for (i, e) in s.roads.edges.iter().enumerate() {
        let p = format!("roads.edges[{i}]");
        site_ref(&mut c, format!("{p}.from"), &e.from, None);
        site_ref(&mut c, format!("{p}.to"), &e.to, None);
        if e.from == e.to {
            c.fail(format!("{p}.to"), "a road must join two different sites");
        }
        if !(e.length_m.is_finite() && e.length_m > 0.0 && e.length_m < 1.0e7) {
            c.fail(
                format!("{p}.length_m"),
                format!(
                    "must be a positive length below 10,000 km, found {}",
                    e.length_m
                ),
            );
        }
    }

    road_sources(&mut c, &s.roads);
    for (i, x) in s.metadata.sources.iter().enumerate() {
        c.row_key(format!("metadata.sources[{i}].key"), &x.key);
    }
    for (i, x) in s.metadata.synthetic.iter().enumerate() {
        c.row_key(format!("metadata.synthetic[{i}].part"), &x.part);
    }

    c.unique_ids("carriers", s.carriers.iter().map(|x| x.id.as_str()));
    let carriers: HashSet<&str> = s.carriers.iter().map(|x| x.id.as_str()).collect();
    if carriers.contains(SHARED_OPERATOR) {
        let i = s
            .carriers
            .iter()
            .position(|x| x.id == SHARED_OPERATOR)
            .unwrap_or(0);
        c.fail(
            format!("carriers[{i}].id"),
            format!("{SHARED_OPERATOR:?} is reserved for the shared fleet"),
        );
    }
    for (i, carrier) in s.carriers.iter().enumerate() {
        if carrier.depots.is_empty() {
            c.fail(
                format!("carriers[{i}].depots"),
                "a carrier needs at least one depot",
            );
        }
        for (k, d) in carrier.depots.iter().enumerate() {
            site_ref(&mut c, format!("carriers[{i}].depots[{k}]"), d, None);
        }
        if let Some(share) = carrier.volume_share {
            if !(share.is_finite() && (0.0..=1.0).contains(&share)) {
                c.fail(
                    format!("carriers[{i}].volume_share"),
                    format!("must be in [0, 1], found {share}"),
                );
            }
        }
    }

    let mut seen_demand = HashMap::new();
    for (i, d) in s.demand.iter().enumerate() {
        let p = format!("demand[{i}]");
        site_ref(
            &mut c,
            format!("{p}.village"),
            &d.village,
            Some(SiteTier::VillageStation),
        );
        if !carriers.contains(d.carrier.as_str()) {
            c.fail(
                format!("{p}.carrier"),
                format!("refers to unknown carrier {:?}", d.carrier),
            );
        }
        c.non_negative_int(format!("{p}.parcels_in"), d.parcels_in);
        c.non_negative_int(format!("{p}.kg_in"), d.kg_in);
        c.non_negative_int(format!("{p}.parcels_out"), d.parcels_out);
        c.non_negative_int(format!("{p}.kg_out"), d.kg_out);
        c.non_negative_int(format!("{p}.service_s"), d.service_s);
        if let Some(tw) = d.time_window {
            c.time_of_day(format!("{p}.time_window.start_s"), tw.start_s);
            c.time_of_day(format!("{p}.time_window.end_s"), tw.end_s);
            if tw.start_s > tw.end_s {
                c.fail(format!("{p}.time_window"), "start_s is after end_s");
            }
        }
        let key = (d.village.as_str(), d.carrier.as_str(), d.temperature);
        if let Some(first) = seen_demand.insert(key, i) {
            c.fail(
                p,
                format!(
                    "same village, carrier and temperature as demand[{first}]; merge the records"
                ),
            );
        }
    }

    c.unique_ids(
        "vehicle_types",
        s.vehicle_types.iter().map(|x| x.id.as_str()),
    );
    for (i, v) in s.vehicle_types.iter().enumerate() {
        let p = format!("vehicle_types[{i}]");
        let commerce_operator = s.commerce.is_operator(&v.operator);
        if v.operator != SHARED_OPERATOR
            && !carriers.contains(v.operator.as_str())
            && !commerce_operator
        {
            c.fail(
                format!("{p}.operator"),
                format!(
                    "refers to unknown carrier {:?} (or use \"{SHARED_OPERATOR}\", or the operator of a commerce partner)",
                    v.operator
                ),
            );
        }
        if commerce_operator && v.echelon != Echelon::Direct {
            c.fail(
                format!("{p}.echelon"),
                "a commerce partner's own vans deliver directly: echelon must be \"direct\"",
            );
        }
        if v.operator != SHARED_OPERATOR && v.echelon != Echelon::Direct && v.base.is_none() {
            c.fail(
                format!("{p}.echelon"),
                "trunk and last-mile vehicles belong to the shared fleet unless they name a base",
            );
        }
        if v.capacity_parcels <= 0 {
            c.fail(
                format!("{p}.capacity_parcels"),
                format!("must be > 0, found {}", v.capacity_parcels),
            );
        }
        if v.capacity_kg <= 0 {
            c.fail(
                format!("{p}.capacity_kg"),
                format!("must be > 0, found {}", v.capacity_kg),
            );
        }
        c.non_negative_money(format!("{p}.fixed_cost_per_day"), v.fixed_cost_per_day);
        c.non_negative_money(format!("{p}.cost_per_km"), v.cost_per_km);
        c.non_negative_money(format!("{p}.cost_per_hour"), v.cost_per_hour);
        if v.max_shift_s <= 0 {
            c.fail(
                format!("{p}.max_shift_s"),
                format!("must be > 0, found {}", v.max_shift_s),
            );
        }
        c.time_of_day(format!("{p}.shift_start_s"), v.shift_start_s);
        if let Some(b) = &v.base {
            site_ref(&mut c, format!("{p}.base"), b, None);
        }
    }
    for (i, carrier) in s.carriers.iter().enumerate() {
        let has_demand = s.demand.iter().any(|d| d.carrier == carrier.id);
        let has_fleet = s
            .vehicle_types
            .iter()
            .any(|v| v.operator == carrier.id && v.echelon == Echelon::Direct && v.count > 0);
        if has_demand && !has_fleet {
            c.fail(
                format!("carriers[{i}]"),
                format!(
                    "carrier {:?} has demand but no direct vehicle type",
                    carrier.id
                ),
            );
        }
        // Chilled goods ride only refrigerated vehicles: a carrier whose own plan (`separate`)
        // would have to put them in an ambient van is rejected rather than planned infeasibly.
        let first_chilled = s
            .demand
            .iter()
            .position(|d| d.carrier == carrier.id && d.temperature == Temperature::Chilled);
        let has_cold_fleet = s.vehicle_types.iter().any(|v| {
            v.operator == carrier.id
                && v.echelon == Echelon::Direct
                && v.refrigerated
                && v.count > 0
        });
        if let (Some(k), false) = (first_chilled, has_cold_fleet) {
            c.fail(
                format!("demand[{k}].temperature"),
                format!(
                    "carrier {:?} (carriers[{i}]) has chilled demand but no refrigerated direct vehicle type; add one to vehicle_types with operator {:?}, echelon \"direct\", refrigerated: true and count > 0",
                    carrier.id, carrier.id
                ),
            );
        }
    }
    // The pooled modes carry every carrier's chilled goods in the shared refrigerated fleet.
    let has_shared_fleet = s
        .vehicle_types
        .iter()
        .any(|v| v.operator == SHARED_OPERATOR);
    let has_shared_cold = s
        .vehicle_types
        .iter()
        .any(|v| v.operator == SHARED_OPERATOR && v.refrigerated && v.count > 0);
    if let (true, false, Some(k)) = (
        has_shared_fleet,
        has_shared_cold,
        s.demand
            .iter()
            .position(|d| d.temperature == Temperature::Chilled),
    ) {
        c.fail(
            "vehicle_types",
            format!(
                "demand[{k}] is chilled but the shared fleet has no refrigerated vehicle type (operator \"{SHARED_OPERATOR}\", refrigerated: true, count > 0), so the pooled modes could not carry it"
            ),
        );
    }

    c.unique_ids("bus_lines", s.bus_lines.iter().map(|x| x.id.as_str()));
    for (i, line) in s.bus_lines.iter().enumerate() {
        let p = format!("bus_lines[{i}]");
        if line.stops.len() < 2 {
            c.fail(format!("{p}.stops"), "a bus line needs at least two stops");
        }
        for (k, stop) in line.stops.iter().enumerate() {
            site_ref(&mut c, format!("{p}.stops[{k}]"), stop, None);
        }
        if line.stop_offsets_s.len() != line.stops.len() {
            c.fail(
                format!("{p}.stop_offsets_s"),
                format!(
                    "has {} entries but the line has {} stops",
                    line.stop_offsets_s.len(),
                    line.stops.len()
                ),
            );
        }
        if line.stop_offsets_s.first().is_some_and(|&o| o != 0) {
            c.fail(
                format!("{p}.stop_offsets_s[0]"),
                "the first offset must be 0",
            );
        }
        for k in 1..line.stop_offsets_s.len() {
            if line.stop_offsets_s[k] < line.stop_offsets_s[k - 1] {
                c.fail(
                    format!("{p}.stop_offsets_s[{k}]"),
                    "offsets must not decrease",
                );
            }
        }
        for (k, run) in line.runs.iter().enumerate() {
            c.time_of_day(format!("{p}.runs[{k}].departure_s"), run.departure_s);
        }
        c.non_negative_int(
            format!("{p}.spare_parcels_per_run"),
            line.spare_parcels_per_run,
        );
        c.non_negative_int(format!("{p}.spare_kg_per_run"), line.spare_kg_per_run);
        c.non_negative_money(format!("{p}.fee_per_parcel"), line.fee_per_parcel);
        c.non_negative_money(format!("{p}.fee_per_kg"), line.fee_per_kg);
        c.non_negative_money(
            format!("{p}.handling_cost_per_parcel"),
            line.handling_cost_per_parcel,
        );
        c.non_negative_money(
            format!("{p}.handover_cost_per_stop"),
            line.handover_cost_per_stop,
        );
        c.non_negative_money(format!("{p}.fuel_cost_per_kg"), line.fuel_cost_per_kg);
        if let Some(h) = &line.handover {
            // A stop of the line is a known site (checked above), so one message covers both.
            if !line.stops.contains(h) {
                c.fail(
                    format!("{p}.handover"),
                    format!("{h:?} is not a stop of the line"),
                );
            }
        }
    }

    let k = &s.costs;
    site_ref(&mut c, "costs.shared_hub".into(), &k.shared_hub, None);
    site_ref(&mut c, "costs.cold_store".into(), &k.cold_store, None);
    c.non_negative_money(
        "costs.village_station_commission_per_parcel".into(),
        k.village_station_commission_per_parcel,
    );
    c.non_negative_money(
        "costs.hub_handling_per_parcel".into(),
        k.hub_handling_per_parcel,
    );
    c.non_negative_money(
        "costs.township_handling_per_parcel".into(),
        k.township_handling_per_parcel,
    );
    c.non_negative_int("costs.township_handling_s".into(), k.township_handling_s);
    c.non_negative_int("costs.hub_sorting_s".into(), k.hub_sorting_s);
    c.non_negative_int(
        "costs.bus_transfer_s_per_parcel".into(),
        k.bus_transfer_s_per_parcel,
    );
    if k.max_chilled_duration_s <= 0 {
        c.fail("costs.max_chilled_duration_s", "must be > 0");
    }
    c.time_of_day("costs.day_end_s".into(), k.day_end_s);
    // A day that ends before a van leaves leaves nothing to deliver in: the pooled modes
    // would plan every feeder late.
    if let Some((i, v)) = s
        .vehicle_types
        .iter()
        .enumerate()
        .filter(|(_, v)| v.count > 0)
        .min_by_key(|(_, v)| v.shift_start_s)
    {
        if k.day_end_s <= v.shift_start_s {
            c.fail(
                "costs.day_end_s",
                format!(
                    "the day ends at {} s, not after the first shift starts (vehicle_types[{i}].shift_start_s = {} s)",
                    k.day_end_s, v.shift_start_s
                ),
            );
        }
    }
    if s.demand.is_empty() {
        c.fail(
            "demand",
            "lists no demand record: there is nothing to deliver or compare",
        );
    }
    for (i, e) in k.co2_kg_per_km.iter().enumerate() {
        c.non_negative_money(format!("costs.co2_kg_per_km[{i}].kg_per_km"), e.kg_per_km);
    }
    finance(&mut c, s);
    commerce(&mut c, s);

    if c.problems.is_empty() {
        Ok(())
    } else {
        Err(c.problems)
    }
}

/// Largest investment accepted for one facility, yuan (far above a county's sorting centre).
const MAX_CAPITAL: f64 = 1.0e11;

/// The `finance` section: amounts in range, lives and rates usable, sites known.
fn finance(c: &mut Checker, s: &Scenario) {
    let f = &s.finance;
    if !(f.interest_rate.is_finite() && (0.0..1.0).contains(&f.interest_rate)) {
        c.fail(
            "finance.interest_rate",
            format!(
                "must be a yearly rate >= 0 and < 1, found {}",
                readable(f.interest_rate)
            ),
        );
    }
    if !(f.operating_days_per_year.is_finite()
        && f.operating_days_per_year >= 1.0
        && f.operating_days_per_year <= 366.0)
    {
        c.fail(
            "finance.operating_days_per_year",
            format!(
                "must be between 1 and 366, found {}",
                readable(f.operating_days_per_year)
            ),
        );
    }
    if let Some(b) = f.county_budget_per_day {
        c.non_negative_money("finance.county_budget_per_day".into(), b);
    }
    for (i, x) in f.facilities.iter().enumerate() {
        let p = format!("finance.facilities[{i}]");
        if x.name.trim().is_empty() {
            c.fail(format!("{p}.name"), "must not be blank");
        }
        c.row_key(format!("{p}.name"), &x.name);
        if let Some(site) = x.site.as_ref().filter(|id| s.site_index(id).is_none()) {
            c.fail(
                format!("{p}.site"),
                format!("refers to unknown site {site:?}"),
            );
        }
        if !(x.capital_yuan.is_finite() && (0.0..=MAX_CAPITAL).contains(&x.capital_yuan)) {
            c.fail(
                format!("{p}.capital_yuan"),
                format!(
                    "must be a finite number >= 0 and <= {MAX_CAPITAL:e}, found {}",
                    readable(x.capital_yuan)
                ),
            );
        }
        if !(x.life_years.is_finite() && x.life_years > 0.0 && x.life_years <= 200.0) {
            c.fail(
                format!("{p}.life_years"),
                format!(
                    "must be > 0 and <= 200 years, found {}",
                    readable(x.life_years)
                ),
            );
        }
        c.non_negative_money(format!("{p}.operating_per_day"), x.operating_per_day);
        if x.units == 0 {
            c.fail(format!("{p}.units"), "must be at least 1");
        }
    }
    for (i, x) in f.subsidies.iter().enumerate() {
        let p = format!("finance.subsidies[{i}]");
        if x.name.trim().is_empty() {
            c.fail(format!("{p}.name"), "must not be blank");
        }
        c.row_key(format!("{p}.name"), &x.name);
        if x.basis == SubsidyBasis::CapitalShare {
            if !(x.amount.is_finite() && (0.0..=1.0).contains(&x.amount)) {
                c.fail(
                    format!("{p}.amount"),
                    format!(
                        "a capital share must be a fraction between 0 and 1, found {}",
                        readable(x.amount)
                    ),
                );
            }
        } else {
            c.non_negative_money(format!("{p}.amount"), x.amount);
        }
    }
}

/// A path field: present, not blank, with the expected file extension.
fn file_field(c: &mut Checker, path: String, value: &str, extension: &str) {
    if value.trim().is_empty() {
        c.fail(
            path,
            format!("must name a {extension} file").replace("a  ", "a "),
        );
    } else if !value.to_ascii_lowercase().ends_with(extension) {
        c.fail(path, format!("{value:?} is not a {extension} file"));
    }
}

/// The OpenStreetMap source and the external matrices (their files are read and checked when
/// the scenario's travel is resolved, see `crate::travel`).
fn road_sources(c: &mut Checker, roads: &Roads) {
    if let Some(osm) = &roads.osm {
        file_field(c, "roads.osm.file".into(), &osm.file, ".pbf");
        if !(osm.max_snap_m.is_finite() && osm.max_snap_m >= 0.0) {
            c.fail(
                "roads.osm.max_snap_m",
                format!(
                    "must be a distance >= 0 in metres, found {}",
                    osm.max_snap_m
                ),
            );
        }
        if !roads.edges.is_empty() {
            c.fail(
                "roads.edges",
                "must be empty when roads.osm is given: the roads come from the extract",
            );
        }
    }
    let mut seen = HashMap::new();
    for (i, m) in roads.matrices.iter().enumerate() {
        let p = format!("roads.matrices[{i}]");
        if let Some(first) = seen.insert(m.profile, i) {
            c.fail(
                format!("{p}.profile"),
                format!(
                    "second matrix for profile {:?} (the first is roads.matrices[{first}])",
                    m.profile
                ),
            );
        }
        let npy = [
            ("distance_npy", &m.distance_npy, ".npy"),
            ("duration_npy", &m.duration_npy, ".npy"),
            ("site_ids", &m.site_ids, ""),
        ];
        let npy_given = npy.iter().any(|(_, v, _)| v.is_some());
        match (&m.csv, npy_given) {
            (Some(_), true) => c.fail(
                format!("{p}.csv"),
                "give either csv or distance_npy + duration_npy + site_ids, not both",
            ),
            (None, false) => c.fail(
                p.clone(),
                "needs csv, or distance_npy + duration_npy + site_ids",
            ),
            (Some(csv), false) => file_field(c, format!("{p}.csv"), csv, ".csv"),
            (None, true) => {
                for (field, value, extension) in npy {
                    match value {
                        None => c.fail(
                            format!("{p}.{field}"),
                            "missing: .npy matrices need distance_npy, duration_npy and site_ids",
                        ),
                        Some(v) => file_field(c, format!("{p}.{field}"), v, extension),
                    }
                }
            }
        }
    }
}

/// The `commerce` section: partner ids unique, sites known (shops at village stations),
/// replenishment between a shop and a supply co-op with quantities in range, and every supplier's
/// operator with a direct van to deliver on its own (the baseline of every other mode).
fn commerce(c: &mut Checker, s: &Scenario) {
    let m = &s.commerce;
    c.unique_ids(
        "commerce.partners",
        m.partners.iter().map(|x| x.id.as_str()),
    );
    c.non_negative_int("commerce.pickup_handover_s".into(), m.pickup_handover_s);
    for (i, partner) in m.partners.iter().enumerate() {
        let p = format!("commerce.partners[{i}]");
        if partner.name.trim().is_empty() {
            c.fail(format!("{p}.name"), "must not be blank");
        }
        if partner.operator.trim().is_empty() {
            c.fail(
                format!("{p}.operator"),
                "must name the operating enterprise",
            );
        } else if partner.operator == SHARED_OPERATOR
            || s.carrier_index(&partner.operator).is_some()
        {
            c.fail(
                format!("{p}.operator"),
                format!(
                    "{:?} is a carrier or the shared fleet; a commerce partner's operator runs its own vans",
                    partner.operator
                ),
            );
        }
        match s.sites.iter().find(|x| x.id == partner.site) {
            None => c.fail(
                format!("{p}.site"),
                format!("refers to unknown site {:?}", partner.site),
            ),
            Some(site) if partner.kind.is_shop() && site.tier != SiteTier::VillageStation => c
                .fail(
                    format!("{p}.site"),
                    format!(
                        "a shop stands at a village station, site {:?} is a {}",
                        partner.site,
                        site.tier.as_str()
                    ),
                ),
            Some(_) => {}
        }
        if partner.pickup_point && !partner.kind.is_shop() {
            c.fail(
                format!("{p}.pickup_point"),
                "only a village shop or a 邮乐购 station can be a parcel pick-up point",
            );
        }
    }
    let mut seen = HashMap::new();
    for (i, r) in m.replenishment.iter().enumerate() {
        let p = format!("commerce.replenishment[{i}]");
        match m.partner(&r.shop) {
            None => c.fail(
                format!("{p}.shop"),
                format!("refers to unknown commerce partner {:?}", r.shop),
            ),
            Some(shop) if !shop.kind.is_shop() => c.fail(
                format!("{p}.shop"),
                format!(
                    "partner {:?} is a supply_coop; replenishment goes to a village_shop or ylg_station",
                    r.shop
                ),
            ),
            Some(_) => {}
        }
        match m.partner(&r.supplier) {
            None => c.fail(
                format!("{p}.supplier"),
                format!("refers to unknown commerce partner {:?}", r.supplier),
            ),
            Some(supplier) if supplier.kind != CommerceKind::SupplyCoop => c.fail(
                format!("{p}.supplier"),
                format!("partner {:?} is a shop, not a supply_coop", r.supplier),
            ),
            Some(supplier) => {
                let has_van = s.vehicle_types.iter().any(|v| {
                    v.operator == supplier.operator
                        && v.echelon == Echelon::Direct
                        && v.count > 0
                        && !v.refrigerated
                });
                if !has_van {
                    c.fail(
                        format!("{p}.supplier"),
                        format!(
                            "supplier {:?} has no van of its own: add a vehicle type with operator {:?}, echelon \"direct\", count > 0 (it delivers on its own in every mode but 快商合作)",
                            r.supplier, supplier.operator
                        ),
                    );
                }
            }
        }
        c.non_negative_int(format!("{p}.cases"), r.cases);
        c.non_negative_int(format!("{p}.kg"), r.kg);
        c.non_negative_int(format!("{p}.service_s"), r.service_s);
        if !(1..=7).contains(&r.days_per_week) {
            c.fail(
                format!("{p}.days_per_week"),
                format!("must be 1 to 7 days, found {}", r.days_per_week),
            );
        }
        if let Some(first) = seen.insert((r.shop.as_str(), r.supplier.as_str()), i) {
            c.fail(
                p,
                format!(
                    "same shop and supplier as commerce.replenishment[{first}]; merge the records"
                ),
            );
        }
    }
}
