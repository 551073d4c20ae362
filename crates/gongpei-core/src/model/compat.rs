//! Client-vehicle compatibility ("skills"), the one rule every part of the crate asks: a client
//! may ride a vehicle type when the type has every feature the client requires
//! ([`Client::required_features`](crate::Client::required_features) is a subset of
//! [`VehicleType::features`](crate::VehicleType::features), both bit sets) and the client does
//! not forbid the type ([`Client::forbidden_vehicle_types`](crate::Client::forbidden_vehicle_types)).
//! Validation, the evaluator and the search (`SearchData::allowed`) all go through
//! [`ProblemData::incompatibility`].

use super::ProblemData;

/// Why a client may not ride a vehicle type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Incompatibility {
    /// The type lacks these required feature bits.
    MissingFeatures(u64),
    /// The client lists the type among its forbidden vehicle types.
    Forbidden,
}

impl std::fmt::Display for Incompatibility {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MissingFeatures(bits) => {
                let names: Vec<String> = (0..64)
                    .filter(|i| bits >> i & 1 == 1)
                    .map(|i| i.to_string())
                    .collect();
                let plural = if names.len() == 1 { "" } else { "s" };
                write!(
                    f,
                    "lacks feature{plural} {} (bits {bits:#x})",
                    names.join(", ")
                )
            }
            Self::Forbidden => f.write_str("is forbidden by the client"),
        }
    }
}

impl ProblemData {
    /// Why client `client` may not ride vehicle type `vehicle_type`, or `None` when it may.
    /// Missing features are reported before a forbidden type. Indices out of range answer
    /// `None` (the evaluator reports those separately).
    pub fn incompatibility(&self, client: usize, vehicle_type: usize) -> Option<Incompatibility> {
        let c = self.clients().get(client)?;
        let vt = self.vehicle_types().get(vehicle_type)?;
        let missing = c.required_features & !vt.features;
        if missing != 0 {
            return Some(Incompatibility::MissingFeatures(missing));
        }
        if c.forbidden_vehicle_types.contains(&vehicle_type) {
            return Some(Incompatibility::Forbidden);
        }
        None
    }

    /// Whether client `client` may ride vehicle type `vehicle_type` (see
    /// [`Self::incompatibility`]).
    pub fn can_serve(&self, vehicle_type: usize, client: usize) -> bool {
        self.incompatibility(client, vehicle_type).is_none()
    }

    /// Whether any client requires a feature or forbids a vehicle type (when not, every client
    /// may ride every type and the search skips the checks).
    pub fn has_restrictions(&self) -> bool {
        self.clients()
            .iter()
            .any(|c| c.required_features != 0 || !c.forbidden_vehicle_types.is_empty())
    }
}
