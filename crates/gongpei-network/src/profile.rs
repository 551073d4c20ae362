//! Road classes and vehicle profiles: how fast each kind of vehicle moves on each kind of road.

/// Functional class of a road segment, from fastest to slowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RoadClass {
    /// Expressway (高速公路).
    Expressway,
    /// National or provincial highway (国道/省道).
    NationalProvincial,
    /// County road (县道).
    County,
    /// Village road (村道), typically narrow and paved.
    Village,
    /// Mountain road: steep and winding (山区道路).
    Mountain,
}

impl RoadClass {
    /// All classes, fastest first.
    pub const ALL: [RoadClass; 5] = [
        RoadClass::Expressway,
        RoadClass::NationalProvincial,
        RoadClass::County,
        RoadClass::Village,
        RoadClass::Mountain,
    ];

    /// Position in [`RoadClass::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The kind of vehicle a travel matrix is computed for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VehicleProfile {
    /// Light delivery van (面包车/轻型厢式车).
    Van,
    /// Trunk truck (中型货车) for hub - township runs.
    Truck,
    /// Scheduled bus.
    Bus,
    /// Refrigerated van (冷藏车).
    ColdVan,
}

impl VehicleProfile {
    /// All profiles.
    pub const ALL: [VehicleProfile; 4] = [
        VehicleProfile::Van,
        VehicleProfile::Truck,
        VehicleProfile::Bus,
        VehicleProfile::ColdVan,
    ];

    /// Position in [`VehicleProfile::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Speeds in km/h per vehicle profile and road class.
///
/// ```
/// use gongpei_network::{RoadClass, SpeedTable, VehicleProfile};
/// let speeds = SpeedTable::default();
/// assert!(speeds.kmh(VehicleProfile::Van, RoadClass::Mountain)
///     < speeds.kmh(VehicleProfile::Van, RoadClass::County));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SpeedTable {
    /// km/h of a van on expressway, national/provincial, county, village, mountain roads.
    pub van: [f64; 5],
    /// km/h of a truck on the same classes.
    pub truck: [f64; 5],
    /// km/h of a bus on the same classes (including stops on the way).
    pub bus: [f64; 5],
    /// km/h of a refrigerated van on the same classes.
    pub cold_van: [f64; 5],
}

impl Default for SpeedTable {
    /// Typical rural speeds in North China plain and Yanshan foothills (planning values, not measured).
    fn default() -> Self {
        SpeedTable {
            van: [90.0, 60.0, 45.0, 30.0, 20.0],
            truck: [80.0, 50.0, 40.0, 25.0, 15.0],
            bus: [70.0, 40.0, 32.0, 22.0, 15.0],
            cold_van: [85.0, 55.0, 42.0, 28.0, 18.0],
        }
    }
}

impl SpeedTable {
    /// Speed of `profile` on `class`, km/h.
    pub fn kmh(&self, profile: VehicleProfile, class: RoadClass) -> f64 {
        let row = match profile {
            VehicleProfile::Van => &self.van,
            VehicleProfile::Truck => &self.truck,
            VehicleProfile::Bus => &self.bus,
            VehicleProfile::ColdVan => &self.cold_van,
        };
        row[class.index()]
    }

    /// Checks that every speed is finite and positive; the error names the offending entry.
    pub fn validate(&self) -> Result<(), String> {
        for profile in VehicleProfile::ALL {
            for class in RoadClass::ALL {
                let v = self.kmh(profile, class);
                if !(v.is_finite() && v > 0.0) {
                    return Err(format!(
                        "speed of {profile:?} on {class:?} roads is {v}; it must be a positive number"
                    ));
                }
            }
        }
        Ok(())
    }
}
