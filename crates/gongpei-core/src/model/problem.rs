//! The immutable, validated problem instance and its builder.

use super::{validate, Client, Depot, Matrix, ModelError, VehicleType};

/// A validated routing problem. Build it with [`ProblemData::builder`] or [`ProblemData::new`];
/// once built it never changes, so solvers and evaluators may rely on its invariants:
///
/// - at least one depot and one vehicle type; every matrix is `num_locations` square and
///   non-negative, and there is one distance and one duration matrix per routing profile;
/// - every client's `delivery` and `pickup`, and every vehicle's `capacity`, have exactly
///   `num_load_dims` entries (missing pickups are filled with zeros), all non-negative;
/// - every required client fits some vehicle type by load and can be reached in time by it.
///
/// ```
/// use gongpei_core::{Client, Depot, Matrix, ProblemData, VehicleType};
/// let err = ProblemData::builder()
///     .depot(Depot::default())
///     .client(Client::with_delivery(vec![-1]))
///     .vehicle_type(VehicleType::with_capacity(1, vec![10]))
///     .distance_matrix(Matrix::zeros(2))
///     .duration_matrix(Matrix::zeros(2))
///     .build()
///     .unwrap_err();
/// assert!(err.message().contains("client 0"));
/// assert!(err.message().contains("delivery[0]"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ProblemData {
    pub(super) depots: Vec<Depot>,
    pub(super) clients: Vec<Client>,
    pub(super) vehicle_types: Vec<VehicleType>,
    pub(super) distances: Vec<Matrix>,
    pub(super) durations: Vec<Matrix>,
    pub(super) num_load_dims: usize,
}

impl ProblemData {
    /// Validates the parts and builds the problem. `distances[p]` and `durations[p]` are the
    /// matrices of routing profile `p`.
    pub fn new(
        depots: Vec<Depot>,
        clients: Vec<Client>,
        vehicle_types: Vec<VehicleType>,
        distances: Vec<Matrix>,
        durations: Vec<Matrix>,
    ) -> Result<Self, ModelError> {
        let mut data = Self {
            depots,
            clients,
            vehicle_types,
            distances,
            durations,
            num_load_dims: 0,
        };
        validate::normalise_and_validate(&mut data)?;
        Ok(data)
    }

    /// A builder collecting the parts one by one.
    pub fn builder() -> ProblemBuilder {
        ProblemBuilder::default()
    }

    /// The depots, in location order.
    pub fn depots(&self) -> &[Depot] {
        &self.depots
    }

    /// The clients, in order (client `c` is location `num_depots() + c`).
    pub fn clients(&self) -> &[Client] {
        &self.clients
    }

    /// The vehicle types.
    pub fn vehicle_types(&self) -> &[VehicleType] {
        &self.vehicle_types
    }

    /// Client `c`.
    #[inline]
    pub fn client(&self, c: usize) -> &Client {
        &self.clients[c]
    }

    /// Depot `d`.
    #[inline]
    pub fn depot(&self, d: usize) -> &Depot {
        &self.depots[d]
    }

    /// Vehicle type `v`.
    #[inline]
    pub fn vehicle_type(&self, v: usize) -> &VehicleType {
        &self.vehicle_types[v]
    }

    /// Number of depots.
    #[inline]
    pub fn num_depots(&self) -> usize {
        self.depots.len()
    }

    /// Number of clients.
    #[inline]
    pub fn num_clients(&self) -> usize {
        self.clients.len()
    }

    /// Number of locations (depots plus clients).
    #[inline]
    pub fn num_locations(&self) -> usize {
        self.depots.len() + self.clients.len()
    }

    /// Number of vehicle types.
    #[inline]
    pub fn num_vehicle_types(&self) -> usize {
        self.vehicle_types.len()
    }

    /// Total number of vehicles over all types.
    pub fn num_vehicles(&self) -> usize {
        self.vehicle_types.iter().map(|v| v.count).sum()
    }

    /// Number of load dimensions.
    #[inline]
    pub fn num_load_dims(&self) -> usize {
        self.num_load_dims
    }

    /// Number of routing profiles (matrix pairs).
    #[inline]
    pub fn num_profiles(&self) -> usize {
        self.distances.len()
    }

    /// Location number of client `c`.
    #[inline(always)]
    pub fn client_location(&self, c: usize) -> usize {
        self.depots.len() + c
    }

    /// Distance matrix of profile `p`.
    #[inline(always)]
    pub fn distance_matrix(&self, p: usize) -> &Matrix {
        &self.distances[p]
    }

    /// Duration matrix of profile `p`.
    #[inline(always)]
    pub fn duration_matrix(&self, p: usize) -> &Matrix {
        &self.durations[p]
    }

    /// All distance matrices, one per profile.
    pub fn distance_matrices(&self) -> &[Matrix] {
        &self.distances
    }

    /// All duration matrices, one per profile.
    pub fn duration_matrices(&self) -> &[Matrix] {
        &self.durations
    }

    /// A copy of this problem with other vehicle types (validated again).
    pub fn with_vehicle_types(&self, vehicle_types: Vec<VehicleType>) -> Result<Self, ModelError> {
        Self::new(
            self.depots.clone(),
            self.clients.clone(),
            vehicle_types,
            self.distances.clone(),
            self.durations.clone(),
        )
    }

    /// A copy of this problem with other clients (validated again); the matrices must still fit.
    pub fn with_clients(&self, clients: Vec<Client>) -> Result<Self, ModelError> {
        Self::new(
            self.depots.clone(),
            clients,
            self.vehicle_types.clone(),
            self.distances.clone(),
            self.durations.clone(),
        )
    }
}

/// Collects depots, clients, vehicle types and matrices, then validates them in [`build`](Self::build).
#[derive(Debug, Clone, Default)]
pub struct ProblemBuilder {
    depots: Vec<Depot>,
    clients: Vec<Client>,
    vehicle_types: Vec<VehicleType>,
    distances: Vec<Matrix>,
    durations: Vec<Matrix>,
}

impl ProblemBuilder {
    /// Adds a depot (depots are numbered in the order added).
    pub fn depot(mut self, depot: Depot) -> Self {
        self.depots.push(depot);
        self
    }

    /// Adds a client (clients are numbered in the order added).
    pub fn client(mut self, client: Client) -> Self {
        self.clients.push(client);
        self
    }

    /// Adds many clients.
    pub fn clients(mut self, clients: impl IntoIterator<Item = Client>) -> Self {
        self.clients.extend(clients);
        self
    }

    /// Adds a vehicle type.
    pub fn vehicle_type(mut self, vehicle_type: VehicleType) -> Self {
        self.vehicle_types.push(vehicle_type);
        self
    }

    /// Adds the distance matrix of the next routing profile.
    pub fn distance_matrix(mut self, matrix: Matrix) -> Self {
        self.distances.push(matrix);
        self
    }

    /// Adds the duration matrix of the next routing profile.
    pub fn duration_matrix(mut self, matrix: Matrix) -> Self {
        self.durations.push(matrix);
        self
    }

    /// Validates everything and returns the problem.
    pub fn build(self) -> Result<ProblemData, ModelError> {
        ProblemData::new(
            self.depots,
            self.clients,
            self.vehicle_types,
            self.distances,
            self.durations,
        )
    }
}
