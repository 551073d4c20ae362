//! Clients: the stops to visit, with loads to deliver and pick up, service time and time window.

use crate::{Cost, Duration, Load, UNBOUNDED};

/// A client (village station, customer...). Client `c` is location `num_depots + c`.
///
/// Delivery loads are carried from the start depot to the client; pickup loads from the client to
/// the end depot, in the same vehicle (simultaneous pickup and delivery). A client that is not
/// `required` may be skipped at the price of its `prize`.
///
/// ```
/// use gongpei_core::Client;
/// let village = Client {
///     name: "Xiaying".into(),
///     pickup: vec![0, 120],          // 120 kg of produce out
///     service_duration: 300,
///     tw_early: 8 * 3600,
///     tw_late: 17 * 3600,
///     ..Client::with_delivery(vec![35, 80]) // 35 parcels, 80 kg in
/// };
/// assert!(village.required);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Client {
    /// Free-form name used in error messages and reports.
    pub name: String,
    /// Load delivered to the client, one entry per load dimension.
    pub delivery: Vec<Load>,
    /// Load picked up at the client, one entry per load dimension (empty means all zero).
    pub pickup: Vec<Load>,
    /// Time spent at the client.
    pub service_duration: Duration,
    /// Earliest start of service.
    pub tw_early: Duration,
    /// Latest start of service.
    pub tw_late: Duration,
    /// Whether the client must be visited.
    pub required: bool,
    /// Cost incurred when an optional client is not visited.
    pub prize: Cost,
    /// Vehicle features the client needs, as a bit set over [`crate::VehicleType::features`]:
    /// every bit set here must be set on the vehicle type serving the client (bit `i` means
    /// whatever feature the caller numbered `i`, e.g. refrigerated or lane-narrow). 0, the
    /// default, needs nothing.
    #[cfg_attr(feature = "serde", serde(default))]
    pub required_features: u64,
    /// Vehicle types (indices) that may not serve the client, whatever their features. Empty,
    /// the default, forbids none.
    #[cfg_attr(feature = "serde", serde(default))]
    pub forbidden_vehicle_types: Vec<usize>,
}

impl Client {
    /// A required client with the given delivery load, no time window and no service time.
    pub fn with_delivery(delivery: Vec<Load>) -> Self {
        Self {
            delivery,
            ..Self::default()
        }
    }
}

impl Default for Client {
    fn default() -> Self {
        Self {
            name: String::new(),
            delivery: Vec::new(),
            pickup: Vec::new(),
            service_duration: 0,
            tw_early: 0,
            tw_late: UNBOUNDED,
            required: true,
            prize: 0,
            required_features: 0,
            forbidden_vehicle_types: Vec::new(),
        }
    }
}
