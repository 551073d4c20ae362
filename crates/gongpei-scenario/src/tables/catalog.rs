//! Every table of a scenario and every column, with its documentation: the one place to edit
//! when the scenario model gains a field (a scalar field is one [`Column`] line here).
//!
//! Row order matters where the model keeps lists in order: stops of a bus line are in driving
//! order, runs, depots and every other table keep the order of their rows.

use crate::model::{RoadClass, SiteTier, VehicleProfile};
use serde::Serialize;

use super::spec::{crs_names, Column, Kind, Need, Shape, TableSpec, Target};
use crate::model::{
    CarrierKind, CommerceKind, Echelon, ExistingFacility, ModeScope, SubsidyBasis, Temperature,
};

use Kind::{Bool, Float, Int, Ref, Seconds, Text};
use Need::{Group, Optional, Required};

fn names<T: Serialize>(values: &[T]) -> Vec<String> {
    values
        .iter()
        .filter_map(|v| match serde_json::to_value(v) {
            Ok(serde_json::Value::String(s)) => Some(s),
            _ => None,
        })
        .collect()
}

fn tiers() -> Vec<String> {
    names(&SiteTier::ALL)
}
fn classes() -> Vec<String> {
    names(&RoadClass::ALL)
}
fn profiles() -> Vec<String> {
    names(&VehicleProfile::ALL)
}
fn carrier_kinds() -> Vec<String> {
    names(&[CarrierKind::Postal, CarrierKind::Express])
}
fn temperatures() -> Vec<String> {
    names(&[Temperature::Ambient, Temperature::Chilled])
}
fn mode_scopes() -> Vec<String> {
    ModeScope::names()
}
fn subsidy_bases() -> Vec<String> {
    SubsidyBasis::names()
}
fn existing_facilities() -> Vec<String> {
    names(&ExistingFacility::ALL)
}
fn commerce_kinds() -> Vec<String> {
    names(&CommerceKind::ALL)
}
fn echelons() -> Vec<String> {
    names(&[Echelon::Direct, Echelon::Trunk, Echelon::LastMile])
}

/// `sites`: every place of the network.
pub const SITES: TableSpec = TableSpec {
    name: "sites",
    doc: "One row per site: district hub, carrier depot, township centre, village station, bus stop or road junction.",
    required: true,
    shape: Shape::Rows(&[
        Column::new("id", Text, Required, "Unique site id (official NBS code for divisions, e.g. 120119001001)"),
        Column::new("name", Text, Required, "Name, e.g. 官庄镇 or 西井峪村委会"),
        Column::new("code", Text, Optional, "Official division code (NBS 统计用区划代码), if the site is a division"),
        Column::new("tier", Kind::Enum(tiers), Required, "Role of the site"),
        Column::new("lon", Float, Required, "Longitude, degrees (in the coordinate system of column crs)"),
        Column::new("lat", Float, Required, "Latitude, degrees (in the coordinate system of column crs)"),
        Column::new("crs", Kind::Enum(crs_names), Optional, "Coordinate system of lon/lat, one for the whole table (default: metadata key sites_crs, else wgs84); converted to WGS84").unmapped(),
        Column::new("township", Ref(Target::Site), Optional, "Id of the township centre a village station (or bus stop) belongs to; required for villages"),
        Column::new("open_s", Seconds, Group, "Opening time (with close_s); always open if both empty").at("opening_hours.open_s"),
        Column::new("close_s", Seconds, Group, "Closing time (with open_s)").at("opening_hours.close_s"),
        Column::new("handling_capacity_parcels", Int, Optional, "Parcels per day the site can sort or hand over; unlimited if empty"),
        Column::new("synthetic_position", Bool, Optional, "true when the position was generated rather than taken from a source"),
        Column::new("existing_facility", Kind::Enum(existing_facilities), Optional, "Building a village station can be upgraded in: village_committee (村委会), supply_coop (供销社) or shop; none if empty"),
    ]),
    unique: &["id"],
};

/// `roads`: road segments.
pub const ROADS: TableSpec = TableSpec {
    name: "roads",
    doc: "One row per road segment between two sites. Without this table travel is straight-line distance times detour_factor (table road_settings).",
    required: false,
    shape: Shape::Rows(&[
        Column::new("from", Ref(Target::Site), Required, "Site id at one end"),
        Column::new("to", Ref(Target::Site), Required, "Site id at the other end"),
        Column::new("length_m", Float, Required, "Length along the road, metres (> 0)"),
        Column::new("class", Kind::Enum(classes), Required, "Functional road class (sets the speeds)"),
        Column::new("one_way", Bool, Optional, "true when the segment can only be driven from `from` to `to`"),
    ]),
    unique: &[],
};

/// Speed columns of `speeds`, one per road class in [`RoadClass::ALL`] order.
pub const SPEED_CLASS_COLUMNS: [&str; 5] = [
    "expressway",
    "national_provincial",
    "county",
    "village",
    "mountain",
];

/// `speeds`: km/h per vehicle profile and road class.
pub const SPEEDS: TableSpec = TableSpec {
    name: "speeds",
    doc: "One row per vehicle profile: its speed in km/h on each road class. A missing row or empty cell keeps the built-in default speed.",
    required: false,
    shape: Shape::Rows(&[
        Column::new("profile", Kind::Enum(profiles), Required, "Vehicle profile").unmapped(),
        Column::new("expressway", Float, Optional, "km/h on expressways (高速公路)").unmapped(),
        Column::new("national_provincial", Float, Optional, "km/h on national and provincial highways (国道/省道)").unmapped(),
        Column::new("county", Float, Optional, "km/h on county roads (县道)").unmapped(),
        Column::new("village", Float, Optional, "km/h on village roads (村道)").unmapped(),
        Column::new("mountain", Float, Optional, "km/h on mountain roads (山区道路)").unmapped(),
    ]),
    unique: &["profile"],
};

/// `road_settings`: scalar settings of the road network.
pub const ROAD_SETTINGS: TableSpec = TableSpec {
    name: "road_settings",
    doc: "Settings of the road network, one key per row.",
    required: false,
    shape: Shape::KeyValue {
        root: "roads",
        keys: &[
            Column::new("detour_factor", Float, Optional, "Road distance / straight-line distance when there is no roads table (>= 1; default 1.3)"),
            Column::new("fallback_class", Kind::Enum(classes), Optional, "Road class whose speeds apply without a roads table (default county)"),
        ],
    },
    unique: &[],
};

/// `carriers`: parcel carriers.
pub const CARRIERS: TableSpec = TableSpec {
    name: "carriers",
    doc: "One row per carrier (China Post and the express companies); its depots are in table depots.",
    required: true,
    shape: Shape::Rows(&[
        Column::new("id", Text, Required, "Unique carrier id, e.g. china_post, zto (not `shared`)"),
        Column::new("name", Text, Required, "Display name, e.g. 中国邮政"),
        Column::new("kind", Kind::Enum(carrier_kinds), Required, "Postal operator or express company"),
        Column::new("volume_share", Float, Optional, "Assumed share of the district's parcels (0..1), informative only"),
    ]),
    unique: &["id"],
};

/// `depots`: the carriers' depots.
pub const DEPOTS: TableSpec = TableSpec {
    name: "depots",
    doc: "One row per depot of a carrier, in the carrier's order (its first depot first). Every carrier needs at least one.",
    required: true,
    shape: Shape::Rows(&[
        Column::new("carrier", Ref(Target::Carrier), Required, "Carrier id").unmapped(),
        Column::new("site", Ref(Target::Site), Required, "Site id of the depot").unmapped(),
    ]),
    unique: &["carrier", "site"],
};

/// `demand`: daily flows per village, carrier and temperature.
pub const DEMAND: TableSpec = TableSpec {
    name: "demand",
    doc: "One row per (village, carrier, temperature): the carrier's daily parcels into and out of the village.",
    required: true,
    shape: Shape::Rows(&[
        Column::new("village", Ref(Target::Site), Required, "Site id of a village station"),
        Column::new("carrier", Ref(Target::Carrier), Required, "Carrier id"),
        Column::new("temperature", Kind::Enum(temperatures), Optional, "Temperature class (default ambient)"),
        Column::new("parcels_in", Int, Required, "Parcels delivered into the village per day"),
        Column::new("kg_in", Int, Required, "Kilograms delivered into the village per day"),
        Column::new("parcels_out", Int, Optional, "Parcels picked up from the village per day (default 0)"),
        Column::new("kg_out", Int, Optional, "Kilograms picked up per day (default 0)"),
        Column::new("service_s", Seconds, Optional, "Service time at the village for this record (default 0)"),
        Column::new("window_start_s", Seconds, Group, "Earliest service start (with window_end_s); the site's opening hours if both empty").at("time_window.start_s"),
        Column::new("window_end_s", Seconds, Group, "Latest service start (with window_start_s)").at("time_window.end_s"),
    ]),
    unique: &["village", "carrier", "temperature"],
};

/// `vehicle_types`: every operator's vehicles.
pub const VEHICLE_TYPES: TableSpec = TableSpec {
    name: "vehicle_types",
    doc: "One row per vehicle type of a carrier or of the shared cooperation fleet.",
    required: true,
    shape: Shape::Rows(&[
        Column::new("id", Text, Required, "Unique id, e.g. zto_van"),
        Column::new("operator", Ref(Target::Operator), Required, "Carrier id owning the vehicles, shared, or the operator of a commerce partner (its own delivery vans)"),
        Column::new("echelon", Kind::Enum(echelons), Required, "Leg served: direct (depot-villages), trunk (hub-township centres), last_mile (township centre-villages)"),
        Column::new("profile", Kind::Enum(profiles), Required, "Routing profile (speeds and travel matrix)"),
        Column::new("count", Int, Required, "Vehicles per base (per depot, at the hub, or per township centre)"),
        Column::new("capacity_parcels", Int, Required, "Capacity in parcels"),
        Column::new("capacity_kg", Int, Required, "Capacity in kilograms"),
        Column::new("refrigerated", Bool, Optional, "Can carry chilled goods (default false)"),
        Column::new("fixed_cost_per_day", Float, Required, "Cost per vehicle used per day, yuan"),
        Column::new("cost_per_km", Float, Required, "Cost per km driven, yuan"),
        Column::new("cost_per_hour", Float, Required, "Cost per hour on duty, yuan"),
        Column::new("max_shift_s", Seconds, Required, "Maximum shift length"),
        Column::new("shift_start_s", Seconds, Optional, "Earliest departure from the base (default 07:00)"),
        Column::new("base", Ref(Target::Site), Optional, "Fixed base site, overriding the operator's depots / hub / township centres"),
    ]),
    unique: &["id"],
};

/// `bus_lines`: scheduled bus lines with spare luggage capacity.
pub const BUS_LINES: TableSpec = TableSpec {
    name: "bus_lines",
    doc: "One row per bus line and direction; its stops are in table bus_stops, its runs in bus_runs.",
    required: false,
    shape: Shape::Rows(&[
        Column::new("id", Text, Required, "Unique line id, e.g. ccT3"),
        Column::new("name", Text, Required, "Display name"),
        Column::new("operator", Text, Required, "Bus company operating the line"),
        Column::new("spare_parcels_per_run", Int, Required, "Parcels the luggage space takes per run"),
        Column::new("spare_kg_per_run", Int, Required, "Kilograms the luggage space takes per run"),
        Column::new("fee_per_parcel", Float, Required, "Fee paid to the bus company per parcel, yuan"),
        Column::new("fee_per_kg", Float, Optional, "Fee per kilogram carried, yuan, added to the per-parcel fee (default 0)"),
        Column::new("handover", Ref(Target::Site), Optional, "Stop where vans hand parcels to this line (default: the end stop shared by most lines)"),
        Column::new("chilled_allowed", Bool, Optional, "Chilled goods may ride (default false)"),
        Column::new("handling_cost_per_parcel", Float, Optional, "Operator's own cost of loading and unloading one parcel, yuan (default 0.1)"),
        Column::new("handover_cost_per_stop", Float, Optional, "Operator's cost of a run's stop where parcels are loaded or unloaded, yuan (default 2)"),
        Column::new("fuel_cost_per_kg", Float, Optional, "Operator's extra fuel per kilogram carried on a run, yuan (default 0.01)"),
    ]),
    unique: &["id"],
};

/// `bus_stops`: the stops of each bus line in driving order.
pub const BUS_STOPS: TableSpec = TableSpec {
    name: "bus_stops",
    doc: "One row per stop of a bus line, in driving order (at least two per line).",
    required: false,
    shape: Shape::Rows(&[
        Column::new("line", Ref(Target::BusLine), Required, "Bus line id").unmapped(),
        Column::new("site", Ref(Target::Site), Required, "Site id of the stop").unmapped(),
        Column::new(
            "offset_s",
            Seconds,
            Required,
            "Arrival time after the run's departure (0 at the first stop, never decreasing)",
        )
        .unmapped(),
    ]),
    unique: &[],
};

/// `bus_runs`: the timetable of each bus line.
pub const BUS_RUNS: TableSpec = TableSpec {
    name: "bus_runs",
    doc: "One row per run of a bus line: its departure from the first stop.",
    required: false,
    shape: Shape::Rows(&[
        Column::new("line", Ref(Target::BusLine), Required, "Bus line id").unmapped(),
        Column::new(
            "departure_s",
            Seconds,
            Required,
            "Departure from the first stop, time of day",
        ),
    ]),
    unique: &[],
};

/// `costs`: cost and operating parameters.
pub const COSTS: TableSpec = TableSpec {
    name: "costs",
    doc: "Cost and operating parameters of the cooperation modes, one key per row.",
    required: true,
    shape: Shape::KeyValue {
        root: "costs",
        keys: &[
            Column::new(
                "currency",
                Text,
                Need::Default("CNY"),
                "Currency of every amount",
            ),
            Column::new(
                "shared_hub",
                Ref(Target::Site),
                Required,
                "Site id of the shared district hub (邮快合作 hand-over)",
            ),
            Column::new(
                "cold_store",
                Ref(Target::Site),
                Required,
                "Site id of the cold store where chilled pickups must arrive",
            ),
            Column::new(
                "hub_handling_per_parcel",
                Float,
                Required,
                "Handling cost per parcel sorted at the shared hub, yuan",
            ),
            Column::new(
                "township_handling_per_parcel",
                Float,
                Required,
                "Handling cost per parcel cross-docked at a township centre, yuan",
            ),
            Column::new(
                "township_handling_s",
                Seconds,
                Required,
                "Time at a township centre between trunk arrival and last-mile departure",
            ),
            Column::new(
                "hub_sorting_s",
                Seconds,
                Required,
                "Time at the hub to sort all parcels before the first trunk leaves",
            ),
            Column::new(
                "bus_transfer_s_per_parcel",
                Seconds,
                Required,
                "Extra handling time per parcel loaded on or off a bus",
            ),
            Column::new(
                "max_chilled_duration_s",
                Seconds,
                Required,
                "Maximum time from a chilled pickup to the cold store",
            ),
            Column::new(
                "day_end_s",
                Seconds,
                Required,
                "Time of day by which all deliveries should be done",
            ),
            Column::new(
                "village_station_commission_per_parcel",
                Float,
                Optional,
                "Commission the carriers pay a village station's keeper per parcel in or out, yuan (default 0.3)",
            ),
        ],
    },
    unique: &[],
};

/// `emissions`: CO2 factors.
pub const EMISSIONS: TableSpec = TableSpec {
    name: "emissions",
    doc: "One row per vehicle profile: its CO2 emission factor. A profile without a row counts 0.",
    required: false,
    shape: Shape::Rows(&[
        Column::new("profile", Kind::Enum(profiles), Required, "Vehicle profile"),
        Column::new("kg_per_km", Float, Required, "kg CO2 per vehicle-km"),
    ]),
    unique: &["profile"],
};

/// `finance`: how capital turns into a daily charge, and the county's budget.
pub const FINANCE: TableSpec = TableSpec {
    name: "finance",
    doc: "Investment and subsidy settings (投资与补贴), one key per row; facilities and subsidies are in their own tables.",
    required: false,
    shape: Shape::KeyValue {
        root: "finance",
        keys: &[
            Column::new(
                "interest_rate",
                Float,
                Optional,
                "Yearly interest rate of the capital recovery factor (default 0: straight-line amortisation)",
            ),
            Column::new(
                "operating_days_per_year",
                Float,
                Optional,
                "Operating days per year over which a year's capital charge is spread (default 365)",
            ),
            Column::new(
                "county_budget_per_day",
                Float,
                Optional,
                "Most the county pays per day over all subsidies, yuan (default unlimited)",
            ),
        ],
    },
    unique: &[],
};

/// `facilities`: what the network's facilities cost to build and run.
pub const FACILITIES: TableSpec = TableSpec {
    name: "facilities",
    doc: "One row per facility (sorting centre, township centre upgrade, village stations, pre-cooling store): its investment, life and running cost, carried by the modes that need it.",
    required: false,
    shape: Shape::Rows(&[
        Column::new("name", Text, Required, "What it is, e.g. sorting centre"),
        Column::new("site", Ref(Target::Site), Optional, "Site where it stands, if one site"),
        Column::new("modes", Kind::Enum(mode_scopes), Required, "Modes that need it: all, separate, postal_express, transport_postal, combined, pooled (邮快合作, combined and 快商合作 commerce), bus (交邮合作 and combined), cooperative (all but separate)"),
        Column::new("units", Int, Optional, "How many (e.g. village stations); capital and running cost are per unit (default 1)"),
        Column::new("capital_yuan", Float, Required, "Investment per unit, yuan"),
        Column::new("life_years", Float, Required, "Economic life, years (> 0)"),
        Column::new("operating_per_day", Float, Optional, "Running cost per unit and operating day, yuan (default 0)"),
    ]),
    unique: &[],
};

/// `subsidies`: what the county pays.
pub const SUBSIDIES: TableSpec = TableSpec {
    name: "subsidies",
    doc: "One row per subsidy the county pays (补贴), on parcels, villages served, facilities or a share of capital.",
    required: false,
    shape: Shape::Rows(&[
        Column::new("name", Text, Required, "What it is, e.g. 邮快合作 per-parcel subsidy"),
        Column::new("basis", Kind::Enum(subsidy_bases), Required, "per_parcel, per_village_served, per_facility (per day) or capital_share"),
        Column::new("amount", Float, Required, "Yuan per unit of the basis, or a fraction 0..1 for capital_share"),
        Column::new("modes", Kind::Enum(mode_scopes), Required, "Modes that receive it (as in table facilities)"),
    ]),
    unique: &[],
};

/// `commerce`: the pick-up rule of the commerce section (快商合作).
pub const COMMERCE: TableSpec = TableSpec {
    name: "commerce",
    doc: "Settings of the commerce partners (快商合作), one key per row; partners and replenishment are in their own tables.",
    required: false,
    shape: Shape::KeyValue {
        root: "commerce",
        keys: &[Column::new(
            "pickup_handover_s",
            Seconds,
            Optional,
            "Hand-over time of one carrier's parcels at a pick-up point shop, replacing the door-to-door service time where larger (default 60)",
        )],
    },
    unique: &[],
};

/// `commerce_partners`: supply co-op outlets, village shops and 邮乐购 stations.
pub const COMMERCE_PARTNERS: TableSpec = TableSpec {
    name: "commerce_partners",
    doc: "One row per commerce partner (快商合作): a supply co-op outlet (供销社), village shop or 邮乐购 station.",
    required: false,
    shape: Shape::Rows(&[
        Column::new("id", Text, Required, "Unique partner id, e.g. coop_dc"),
        Column::new("name", Text, Required, "Name, e.g. 蓟州区供销社配送中心"),
        Column::new("kind", Kind::Enum(commerce_kinds), Required, "supply_coop, village_shop or ylg_station"),
        Column::new("site", Ref(Target::Site), Required, "Site where it stands (a village station for shops)"),
        Column::new("operator", Text, Required, "Enterprise operating it; its own vans are the vehicle types with this operator"),
        Column::new("pickup_point", Bool, Optional, "Shops: residents' parcels are left here in 快商合作 (default false)"),
    ]),
    unique: &["id"],
};

/// `commerce_replenishment`: B2B deliveries to shops.
pub const COMMERCE_REPLENISHMENT: TableSpec = TableSpec {
    name: "commerce_replenishment",
    doc: "One row per (shop, supplier): the B2B replenishment of a shop, per delivery day.",
    required: false,
    shape: Shape::Rows(&[
        Column::new(
            "shop",
            Text,
            Required,
            "Partner id of the shop (village_shop or ylg_station)",
        ),
        Column::new(
            "supplier",
            Text,
            Required,
            "Partner id of the supply co-op the goods leave from",
        ),
        Column::new(
            "cases",
            Int,
            Required,
            "Cases per delivery day (a case takes one parcel place)",
        ),
        Column::new("kg", Int, Required, "Kilograms per delivery day"),
        Column::new(
            "days_per_week",
            Int,
            Optional,
            "Delivery days per week, 1 to 7 (default 7)",
        ),
        Column::new(
            "service_s",
            Seconds,
            Optional,
            "Unloading time at the shop (default 0)",
        ),
    ]),
    unique: &["shop", "supplier"],
};

/// `metadata`: name and provenance.
pub const METADATA: TableSpec = TableSpec {
    name: "metadata",
    doc: "Name and provenance of the scenario, one key per row.",
    required: true,
    shape: Shape::KeyValue {
        root: "",
        keys: &[
            Column::new(
                "name",
                Text,
                Required,
                "Short scenario name, e.g. jizhou (names output files)",
            ),
            Column::new(
                "format_version",
                Int,
                Need::Default("1"),
                "Scenario format version",
            ),
            Column::new(
                "description",
                Text,
                Need::Default(""),
                "Free-text description",
            )
            .at("metadata.description"),
            Column::new(
                "coordinate_system",
                Text,
                Need::Default("WGS84"),
                "Coordinate system of the scenario's positions (sites are converted to WGS84)",
            )
            .at("metadata.coordinate_system"),
            Column::new(
                "sites_crs",
                Kind::Enum(crs_names),
                Optional,
                "Coordinate system of the sites table when it has no crs column (default wgs84)",
            )
            .unmapped(),
            Column::new(
                "district_code",
                Text,
                Group,
                "Official code of the district (with district_name), e.g. 120119",
            )
            .at("metadata.district.code"),
            Column::new(
                "district_name",
                Text,
                Group,
                "Official name of the district (with district_code), e.g. 蓟州区",
            )
            .at("metadata.district.name"),
            Column::new(
                "generator",
                Text,
                Optional,
                "Generator and preset that produced the scenario, if generated",
            )
            .at("metadata.generator"),
            Column::new("seed", Int, Optional, "Seed of the generator, if generated")
                .at("metadata.seed"),
        ],
    },
    unique: &[],
};

/// `sources`: data sources and licences.
pub const SOURCES: TableSpec = TableSpec {
    name: "sources",
    doc: "One row per data source, with its licence (attribution as required).",
    required: false,
    shape: Shape::Rows(&[
        Column::new("key", Text, Required, "Short key, e.g. vonng2016"),
        Column::new("title", Text, Required, "What it is and where it lives"),
        Column::new("licence", Text, Required, "Licence, e.g. CC BY 4.0"),
        Column::new(
            "used_for",
            Text,
            Required,
            "Which parts of the scenario use it",
        ),
    ]),
    unique: &[],
};

/// `synthetic`: generated parts.
pub const SYNTHETIC: TableSpec = TableSpec {
    name: "synthetic",
    doc: "One row per part of the scenario that was generated rather than taken from a source.",
    required: false,
    shape: Shape::Rows(&[
        Column::new("part", Text, Required, "Which part, e.g. roads, demand"),
        Column::new("method", Text, Required, "How it was generated"),
    ]),
    unique: &[],
};

/// Every table, in the order files are documented and sheets are written.
pub const TABLES: [TableSpec; 22] = [
    METADATA,
    SOURCES,
    SYNTHETIC,
    SITES,
    ROADS,
    SPEEDS,
    ROAD_SETTINGS,
    CARRIERS,
    DEPOTS,
    DEMAND,
    VEHICLE_TYPES,
    BUS_LINES,
    BUS_STOPS,
    BUS_RUNS,
    COSTS,
    EMISSIONS,
    FINANCE,
    FACILITIES,
    SUBSIDIES,
    COMMERCE,
    COMMERCE_PARTNERS,
    COMMERCE_REPLENISHMENT,
];

/// The table called `name`.
pub fn table(name: &str) -> Option<&'static TableSpec> {
    TABLES.iter().find(|t| t.name == name)
}
