//! A mode's plan for one coalition: every vehicle route with its stops and times, every parcel
//! load put on a bus run, the township release times, and the costs.

use gongpei_scenario::model::VehicleProfile;
use serde::Serialize;

/// Which leg of the chain a route serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Leg {
    /// A carrier's own depot -> villages -> depot route (`separate`).
    Direct,
    /// Hub -> township centres (first echelon).
    Trunk,
    /// Township centre -> villages (second echelon).
    LastMile,
    /// Refrigerated route from the cold store (chilled flows).
    Cold,
    /// Pooled modes: a shared vehicle collecting the carriers' parcels at their depots for the
    /// hub (and the cold store) and bringing their produce back, before the hub sorts.
    Feeder,
}

/// Loads moved at one stop.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Loads {
    /// Parcels dropped.
    pub parcels_in: i64,
    /// Kilograms dropped.
    pub kg_in: i64,
    /// Parcels collected.
    pub parcels_out: i64,
    /// Kilograms collected.
    pub kg_out: i64,
    /// Chilled parcels dropped.
    pub chilled_in: i64,
    /// Chilled parcels collected.
    pub chilled_out: i64,
}

impl Loads {
    /// Adds another load.
    pub fn add(&mut self, o: &Loads) {
        self.parcels_in += o.parcels_in;
        self.kg_in += o.kg_in;
        self.parcels_out += o.parcels_out;
        self.kg_out += o.kg_out;
        self.chilled_in += o.chilled_in;
        self.chilled_out += o.chilled_out;
    }
}

/// One stop of a route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stop {
    /// Site index.
    pub site: usize,
    /// Arrival time, seconds after midnight.
    pub arrival_s: i64,
    /// Start of service (after waiting).
    pub service_start_s: i64,
    /// End of service: the vehicle leaves (or, at a township centre, has unloaded).
    pub departure_s: i64,
    /// Flows (indices into `World::flows`, i.e. scenario demand records) fully served here;
    /// empty for trunk, feeder and cold-store stops, which move volume rather than flows.
    pub flows: Vec<usize>,
    /// B2B replenishment records (indices into `commerce.replenishment`) delivered here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replenishment: Vec<usize>,
    /// What is dropped and collected (a B2B case counts as a parcel).
    pub loads: Loads,
}

/// One vehicle's day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlannedRoute {
    /// Leg served.
    pub leg: Leg,
    /// Vehicle type id of the scenario.
    pub vehicle: String,
    /// Operator (carrier id or `shared`).
    pub operator: String,
    /// Routing profile.
    pub profile: VehicleProfile,
    /// Base the vehicle leaves.
    pub start_site: usize,
    /// Base it returns to.
    pub end_site: usize,
    /// Departure, seconds after midnight.
    pub start_s: i64,
    /// Return.
    pub end_s: i64,
    /// Distance driven, metres.
    pub distance_m: i64,
    /// Time on duty, seconds.
    pub duration_s: i64,
    /// Fixed + distance + time cost, yuan.
    pub cost: f64,
    /// Capacity in parcels and kilograms, and chilled parcels.
    pub capacity: [i64; 3],
    /// Stops, in order.
    pub stops: Vec<Stop>,
}

impl PlannedRoute {
    /// Sites in driving order: the start base, every stop, the end base.
    pub fn site_path(&self) -> Vec<usize> {
        std::iter::once(self.start_site)
            .chain(self.stops.iter().map(|s| s.site))
            .chain(std::iter::once(self.end_site))
            .collect()
    }
}

/// Parcels riding one bus run to (or from) one stop.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BusAssignment {
    /// Bus line id.
    pub line: String,
    /// Index of the run in the line's timetable.
    pub run: usize,
    /// Departure of the run from its first stop.
    pub departure_s: i64,
    /// Site where the parcels are loaded.
    pub board_site: usize,
    /// Site where they are unloaded.
    pub alight_site: usize,
    /// When the bus reaches the unloading site.
    pub arrival_s: i64,
    /// Flows carried (all of their inbound parcels, or all of their outbound ones).
    pub flows: Vec<usize>,
    /// Whether this is the inbound (to village) or outbound (produce back) direction.
    pub inbound: bool,
    /// Parcels carried.
    pub parcels: i64,
    /// Kilograms carried.
    pub kg: i64,
    /// Fee paid, yuan.
    pub fee: f64,
}

/// When a township's last-mile routes may leave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TownshipRelease {
    /// Township centre site.
    pub township: usize,
    /// Last arrival of its trunk deliveries (None when nothing comes by trunk).
    pub trunk_arrival_s: Option<i64>,
    /// Earliest departure of its last-mile routes (trunk arrival + handling).
    pub release_s: i64,
    /// Parcels handled at the centre (in + out).
    pub handled_parcels: i64,
}

/// A complete plan of one mode for one coalition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// Mode name.
    pub mode: String,
    /// Carrier indices in the coalition.
    pub carriers: Vec<usize>,
    /// Flows (indices into `World::flows`) the plan must serve.
    pub flows: Vec<usize>,
    /// B2B replenishment records (indices into `commerce.replenishment`) the plan carries: all
    /// of them in plans of every carrier (the same B2B demand in every mode), none in the
    /// allocation game's smaller coalitions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replenishment: Vec<usize>,
    /// 快商合作: ambient parcels of villages with a pick-up point shop are left at the shop
    /// (service time at most `commerce.pickup_handover_s` per demand record).
    #[serde(default)]
    pub pickup_at_shops: bool,
    /// Vehicle routes.
    pub routes: Vec<PlannedRoute>,
    /// Bus loads.
    pub bus: Vec<BusAssignment>,
    /// Township release times (two-echelon modes).
    pub townships: Vec<TownshipRelease>,
    /// Hub and township handling cost, yuan.
    pub handling_cost: f64,
    /// Pooled modes: when the hub has sorted everything (the last feeder's return plus
    /// `hub_sorting_s`); trunk, cold and hub-direct routes leave no earlier.
    pub hub_sorted_s: Option<i64>,
    /// Constraints the engine could not satisfy, by sub-problem (empty for a feasible plan).
    pub engine_violations: Vec<String>,
    /// Whether some of its sub-problems were solved hurried ([`crate::PlanControl::request_hurry`]):
    /// a search stopped at its best so far or a construction-only solution, so its figures come
    /// from a shortened search (still checked like every plan).
    pub hurried: bool,
    /// 快快合作 (`express_pool` modes): who leads where and how the lead search went.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leads: Option<LeadChoice>,
}

/// The lead carrier of one pooled area of an express pool (快快合作).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaLead {
    /// Township centre site of the area (None: the villages without a township).
    pub township: Option<usize>,
    /// Carrier index of the lead, whose vans serve every pooled carrier's ambient parcels there.
    pub lead: usize,
    /// Ambient parcels (in + out) of the pooled carriers in the area.
    pub parcels: i64,
}

/// The day's cost of one lead assignment and how many constraints its plan breaks.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AssignmentScore {
    /// Whole plan cost, yuan a day (China Post and the cold chain included; the commerce
    /// partners' own replenishment runs, added to a plan of every carrier, not).
    pub cost: f64,
    /// Engine violations of the plan (0: feasible by the engine).
    pub violations: usize,
    /// Parcels plus kilograms beyond what the leads' vans can carry (0 when every lead has
    /// enough vans); the search lowers this first, then violations, then cost.
    pub shortfall: i64,
}

/// Who leads where in an express pool, and the search that chose it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadChoice {
    /// One lead per pooled area, areas in site order (villages without a township last).
    pub areas: Vec<AreaLead>,
    /// The assignment the search starts from: each area led by its carrier with most parcels.
    pub majority: AssignmentScore,
    /// The best single lead for the whole district (every candidate carrier tried).
    pub single_lead: Option<usize>,
    /// Its score.
    pub single: AssignmentScore,
    /// The chosen assignment's score (never worse than `majority` or `single`).
    pub chosen: AssignmentScore,
    /// Lead assignments priced (each re-plans only the lead fleets a move changes).
    pub evaluations: usize,
    /// Improving moves applied (one area's lead changed each).
    pub moves: usize,
    /// Whether the search stopped at its evaluation limit rather than at a local optimum.
    pub stopped_at_limit: bool,
}

impl Plan {
    /// Route cost, yuan (feeder routes included).
    pub fn route_cost(&self) -> f64 {
        self.routes.iter().map(|r| r.cost).sum()
    }

    /// Cost of the feeder routes (carrier depots <-> hub), yuan.
    pub fn feeder_cost(&self) -> f64 {
        self.routes
            .iter()
            .filter(|r| r.leg == Leg::Feeder)
            .map(|r| r.cost)
            .sum()
    }

    /// A plan in which no sub-problem reported a broken constraint (the independent check in
    /// [`crate::check`] is the authority).
    pub fn engine_feasible(&self) -> bool {
        self.engine_violations.is_empty()
    }

    /// Bus fees, yuan.
    pub fn bus_fees(&self) -> f64 {
        self.bus.iter().map(|b| b.fee).sum()
    }

    /// Total daily cost: routes + bus fees + handling, yuan.
    pub fn total_cost(&self) -> f64 {
        self.route_cost() + self.bus_fees() + self.handling_cost
    }
}
