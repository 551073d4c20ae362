"""The :class:`Model` builder: add depots, clients and vehicle types, give matrices, solve.

Matrices come either from numpy arrays (:meth:`Model.set_distance_matrix`,
:meth:`Model.set_duration_matrix`) or, for routing profile 0 when none is given, from the
locations' coordinates:

- ``geometry="planar"`` (the default): the CVRPLIB/TSPLIB rounding
  ``distance[i, j] = floor(hypot(x_i - x_j, y_i - y_j) * coordinate_scale + 0.5)``, durations
  equal to distances (unit speed). Use ``coordinate_scale=10`` to keep one decimal, as some
  VRPTW benchmarks do. Coordinates that look like longitude/latitude degrees are refused here
  (their Euclidean distances round to 0).
- ``geometry="lonlat"``: ``x`` is longitude and ``y`` latitude (WGS84 degrees); distances are
  great-circle **metres** times ``detour`` (:func:`gongpei.haversine_matrix`), durations
  **seconds** at ``speed_kmh`` (or equal to the metres without a speed).

Units and costs: the engine works in integers. Give costs in your currency with
``cost_scale`` (``Model(cost_scale=100)``: costs are entered in yuan and the engine counts fen)
and fractional loads with ``load_scale``; every cost the result reports
(:attr:`Result.cost_in_user_unit`, the route and stop tables) is divided back.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

from . import _core
from ._initial import InitialSolution, index_list, initial_routes
from ._keywords import suggest_keywords
from ._matrix_budget import check_matrix_size, row_blocks
from ._numbers import as_int, as_seed
from ._types import UNBOUNDED, Client, Depot, Integer, LoadLike, Number, VehicleType
from .errors import InvalidInputError
from .geo import durations_from_speed, haversine_matrix, looks_like_degrees
from .result import Result

__all__ = ["Model", "euclidean_matrix", "solve", "DEFAULT_TIME_LIMIT"]

#: Coordinate systems a :class:`Model` computes matrices for.
GEOMETRIES = ("planar", "lonlat")

#: Seconds a solve runs when no time limit, iteration limit or no-improvement limit is given.
DEFAULT_TIME_LIMIT = 10.0


def euclidean_matrix(coordinates: "npt.ArrayLike", scale: float = 1.0) -> "np.ndarray":
    """Rounded Euclidean distances between rows of an ``(n, 2)`` array, as ``int64``.

    Each entry is ``floor(hypot(dx, dy) * scale + 0.5)`` (TSPLIB ``nint``).

    >>> euclidean_matrix(np.array([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0]])).tolist()
    [[0, 5, 1], [5, 0, 4], [1, 4, 0]]
    """
    try:
        xy = np.asarray(coordinates, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise InvalidInputError(f"coordinates must be an (n, 2) array of numbers: {err}") from None
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise InvalidInputError(f"coordinates must have shape (n, 2), got {xy.shape}")
    if not np.all(np.isfinite(xy)):
        raise InvalidInputError("coordinates must be finite numbers")
    check_matrix_size(len(xy), "coordinates")
    out = np.empty((len(xy), len(xy)), dtype=np.int64)
    for rows in row_blocks(len(xy)):
        delta = xy[rows, None, :] - xy[None, :, :]
        out[rows] = np.floor(np.hypot(delta[..., 0], delta[..., 1]) * scale + 0.5)
    return out


def _depot_index(depot: Union[int, Depot], depots: List[Depot]) -> int:
    if isinstance(depot, Depot):
        for index, candidate in enumerate(depots):
            if candidate is depot:
                return index
        raise InvalidInputError(f"depot {depot!r} was not added to this model")
    return depot


@suggest_keywords
def solve(
    data: _core.ProblemData,
    *,
    time_limit: Optional[Number] = None,
    seed: Integer = 0,
    threads: Integer = 1,
    max_iterations: Optional[Integer] = None,
    max_no_improvement: Optional[Integer] = None,
    strategy: str = "auto",
    progress: bool = False,
    callback: Optional[Callable[[float, int, Optional[int], bool], Any]] = None,
    coordinates: Optional["np.ndarray"] = None,
    cost_scale: float = 1.0,
    initial_solution: Optional[InitialSolution] = None,
    fixed_routes: Optional[Sequence[Integer]] = None,
    pinned_clients: Optional[Sequence[Integer]] = None,
) -> Result:
    """Solves a :class:`gongpei.ProblemData` and returns a :class:`gongpei.Result`.

    Parameters: ``time_limit`` (seconds of wall time), ``seed`` (integer in ``[0, 2**64)``),
    ``threads`` (engine threads, at least 1), ``max_iterations`` and ``max_no_improvement``
    (search iterations), ``strategy``, ``progress``, ``callback``; ``coordinates`` (an
    ``(n, 2)`` array kept for plots) and ``cost_scale`` (engine cost units per user unit, used to
    report costs back) describe the problem.

    >>> import gongpei
    >>> m = gongpei.Model()
    >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4); _ = m.add_vehicle_type()
    >>> gongpei.solve(m.data(), max_iterations=10, seed=1).cost
    10

    The GIL is released while the engine runs, so other Python threads keep working (and several
    solves may run at once); Ctrl-C stops the search and raises ``KeyboardInterrupt``. With
    ``progress=True`` a tqdm bar shows the elapsed time (or iterations) and the best cost.
    ``callback(elapsed_seconds, iterations, best_cost, feasible)`` is called about ten times a
    second; returning a true value stops the search early (the result says so). A fixed
    ``seed`` and ``threads`` give the same answer every time when the search is bounded by
    iterations rather than wall time. Without any stopping criterion the search stops after
    ``DEFAULT_TIME_LIMIT`` (10) seconds, as the command line does. ``strategy`` picks the
    metaheuristic: ``"hgs"`` (hybrid genetic search), ``"ils"`` (iterated local search with late
    acceptance, whose iterations stay cheap on large instances) or ``"auto"`` (genetic search up
    to 400 clients, iterated local search above).

    ``initial_solution`` starts every search from a solution: a :class:`gongpei.Result` of an
    earlier solve (yesterday's routes) or a list of routes (client index lists, or
    ``(vehicle_type, clients)`` pairs / :class:`gongpei.Route` objects when the problem has
    several vehicle types). The answer is never worse than a feasible start, even with
    ``max_iterations=0``; an infeasible one is repaired (``result.warm_start.initial_feasible``
    says so), and clients it leaves out are inserted. ``fixed_routes`` (0-based indices into its
    routes) are kept exactly as given, their vehicles used up, and open the answer's routes in
    that order; the rest is planned around them. ``pinned_clients`` (client indices) stay in their
    route of the start: clients pinned to one route stay together (in any order, with any other
    clients, on its vehicle), those pinned to different routes apart. A start that does not fit
    the problem raises
    :class:`gongpei.InitialSolutionError` naming the route, position and client.

    >>> first = m.solve(max_iterations=10, seed=1)
    >>> again = gongpei.solve(m.data(), max_iterations=0, initial_solution=first)
    >>> again.cost <= first.cost, again.warm_start.initial_cost == first.cost
    (True, True)
    """
    initial_pairs = None
    if initial_solution is not None:
        initial_pairs = initial_routes(initial_solution, data.num_vehicle_types)
    fixed = index_list(fixed_routes, "fixed_routes", initial_solution is not None)
    pinned = index_list(pinned_clients, "pinned_clients", initial_solution is not None)
    seed = as_seed(seed)
    threads = as_int(threads, "threads", minimum=1)
    if max_iterations is not None:
        max_iterations = as_int(max_iterations, "max_iterations", minimum=0)
    if max_no_improvement is not None:
        max_no_improvement = as_int(max_no_improvement, "max_no_improvement", minimum=0)
    if time_limit is not None:
        time_limit = _seconds(time_limit, "time_limit")
    if callback is not None and not callable(callback):
        raise InvalidInputError(
            f"callback must be callable (elapsed, iterations, best_cost, feasible), "
            f"got {type(callback).__name__}"
        )
    if time_limit is None and max_iterations is None and max_no_improvement is None:
        time_limit = DEFAULT_TIME_LIMIT
    bar = None
    observer = callback
    if progress:
        from .progress import ProgressBar

        bar = ProgressBar(time_limit=time_limit, max_iterations=max_iterations)
        observer = bar.chained(callback)
    raw = None
    try:
        raw = _core.solve(
            data,
            seed=seed,
            threads=threads,
            time_limit=time_limit,
            max_iterations=max_iterations,
            max_no_improvement=max_no_improvement,
            strategy=strategy,
            callback=observer,
            initial_routes=initial_pairs,
            fixed_routes=fixed,
            pinned_clients=pinned,
        )
    finally:
        if bar is not None:
            bar.close(raw)
    return Result(data, raw, coordinates=coordinates, cost_scale=cost_scale)


def _seconds(value: Any, what: str) -> float:
    """A finite, non-negative number of seconds (ints, floats and numpy scalars)."""
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise InvalidInputError(f"{what} must be a number of seconds, got {value!r}") from None
    if not (np.isfinite(seconds) and seconds >= 0):
        raise InvalidInputError(f"{what} = {value!r} is not a finite, non-negative number of seconds")
    return seconds


def _positive(value: Any, what: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidInputError(f"{what} must be a positive number, got {value!r}") from None
    if not (np.isfinite(number) and number > 0):
        raise InvalidInputError(f"{what} = {value!r} must be a positive, finite number")
    return number


class Model:
    """Builds a routing problem step by step.

    Locations are numbered depots first, then clients, whatever the order of the ``add_*`` calls.

    >>> import gongpei
    >>> m = gongpei.Model()
    >>> hub = m.add_depot(x=0, y=0, name="hub")
    >>> for x, y in [(0, 10), (10, 10), (10, 0)]:
    ...     _ = m.add_client(x=x, y=y, delivery=4)
    >>> _ = m.add_vehicle_type(count=2, capacity=10)
    >>> result = m.solve(max_iterations=200, seed=1)
    >>> result.feasible, result.cost
    (True, 54)

    Parameters (see the module docs, "Units and costs"): ``coordinate_scale`` (multiplier of
    planar distances before rounding, > 0), ``geometry`` (``"planar"`` or ``"lonlat"``),
    ``detour`` (road-to-great-circle factor for ``"lonlat"``, >= 1), ``speed_kmh`` (km/h for
    ``"lonlat"`` durations in seconds), ``cost_scale`` (engine cost units per user cost unit)
    and ``load_scale`` (engine load units per user load unit).

    >>> m = gongpei.Model(geometry="lonlat", speed_kmh=40, cost_scale=10_000)
    >>> hub = m.add_depot(x=117.4074, y=40.0452)
    >>> _ = m.add_client(x=117.4512, y=40.0880, delivery=3)
    >>> _ = m.add_vehicle_type(capacity=10, unit_distance_cost=0.0009)  # 0.9 yuan per km
    >>> r = m.solve(max_iterations=10, seed=1)
    >>> r.distance, r.cost_in_user_unit  # metres there and back; yuan
    (12090, 10.881)
    """

    @suggest_keywords
    def __init__(
        self,
        coordinate_scale: float = 1.0,
        *,
        geometry: str = "planar",
        detour: float = 1.0,
        speed_kmh: Optional[float] = None,
        cost_scale: float = 1.0,
        load_scale: float = 1.0,
    ) -> None:
        if geometry not in GEOMETRIES:
            raise InvalidInputError(f"geometry = {geometry!r}: expected one of {GEOMETRIES}")
        #: Multiplier applied to planar distances before rounding (see the module docs).
        self.coordinate_scale = _positive(coordinate_scale, "coordinate_scale")
        #: ``"planar"`` or ``"lonlat"`` (x = longitude, y = latitude).
        self.geometry = geometry
        #: Road distance over great-circle distance (``"lonlat"`` only).
        self.detour = _positive(detour, "detour")
        if self.detour < 1.0:
            raise InvalidInputError(f"detour = {detour!r} must be at least 1.0")
        #: Travel speed in km/h for ``"lonlat"`` durations (seconds); ``None``: durations = metres.
        self.speed_kmh = None if speed_kmh is None else _positive(speed_kmh, "speed_kmh")
        #: Engine cost units per user cost unit (costs and prizes are multiplied, then rounded).
        self.cost_scale = _positive(cost_scale, "cost_scale")
        #: Engine load units per user load unit (deliveries, pickups and capacities).
        self.load_scale = _positive(load_scale, "load_scale")
        self.depots: List[Depot] = []
        self.clients: List[Client] = []
        self.vehicle_types: List[VehicleType] = []
        #: Feature names in bit order: the engine sees feature ``features[i]`` as bit ``i``.
        #: :meth:`data` appends names first used by a vehicle type, then by a client.
        self.features: List[str] = []
        self._distances: Dict[int, np.ndarray] = {}
        self._durations: Dict[int, np.ndarray] = {}

    @suggest_keywords
    def add_depot(
        self,
        x: Optional[Number] = None,
        y: Optional[Number] = None,
        *,
        name: str = "",
        tw_early: Number = 0,
        tw_late: Number = UNBOUNDED,
    ) -> Depot:
        """Adds a depot and returns it (pass it as ``start_depot``/``end_depot`` of a vehicle type).

        ``x``/``y``: planar coordinates, or longitude/latitude with ``geometry="lonlat"``;
        ``tw_early``/``tw_late``: opening window in duration units (seconds for ``"lonlat"``).

        >>> Model().add_depot(x=0, y=0, name="hub").name
        'hub'
        """
        depot = Depot(x=x, y=y, name=name, tw_early=tw_early, tw_late=tw_late)
        self.depots.append(depot)
        return depot

    @suggest_keywords
    def add_client(
        self,
        x: Optional[Number] = None,
        y: Optional[Number] = None,
        *,
        delivery: LoadLike = 0,
        pickup: LoadLike = (),
        service_duration: Number = 0,
        tw_early: Number = 0,
        tw_late: Number = UNBOUNDED,
        required: bool = True,
        prize: Number = 0,
        name: str = "",
        required_features: Union[str, Sequence[str]] = (),
        forbidden_vehicle_types: Sequence[Union[Integer, VehicleType]] = (),
    ) -> Client:
        """Adds a client and returns it.

        ``delivery``/``pickup``: one number or one per load dimension (load units, times
        ``load_scale``); ``service_duration``, ``tw_early``, ``tw_late``: duration units;
        ``required=False`` lets the search skip it, paying ``prize`` (cost units, times
        ``cost_scale``). ``required_features``: names every vehicle type serving it must list in
        its ``features`` (e.g. ``"refrigerated"``); ``forbidden_vehicle_types``: vehicle types
        (added ones, or their indices) that may not serve it.

        >>> Model().add_client(x=1, y=2, delivery=[3, 40]).delivery
        [3, 40]
        >>> Model().add_client(required_features="refrigerated").required_features
        ['refrigerated']
        """
        forbidden = [
            self._vehicle_type_index(v, f"forbidden_vehicle_types[{i}]")
            for i, v in enumerate(forbidden_vehicle_types)
        ]
        client = Client(
            x=x,
            y=y,
            delivery=delivery,  # type: ignore[arg-type]
            pickup=pickup,  # type: ignore[arg-type]
            service_duration=service_duration,
            tw_early=tw_early,
            tw_late=tw_late,
            required=required,
            prize=prize,
            name=name,
            required_features=required_features,  # type: ignore[arg-type]
            forbidden_vehicle_types=forbidden,  # type: ignore[arg-type]
        )
        self.clients.append(client)
        return client

    @suggest_keywords
    def add_vehicle_type(
        self,
        count: Number = 1,
        capacity: LoadLike = 0,
        *,
        start_depot: Union[int, Depot] = 0,
        end_depot: Union[int, Depot, None] = None,
        tw_early: Number = 0,
        tw_late: Number = UNBOUNDED,
        max_duration: Number = UNBOUNDED,
        max_distance: Number = UNBOUNDED,
        fixed_cost: Number = 0,
        unit_distance_cost: Number = 1,
        unit_duration_cost: Number = 0,
        profile: Integer = 0,
        name: str = "",
        features: Union[str, Sequence[str]] = (),
    ) -> VehicleType:
        """Adds ``count`` identical vehicles; ``end_depot`` defaults to ``start_depot``.

        ``capacity``: one number per load dimension (load units); ``tw_early``/``tw_late``
        and ``max_duration``: duration units; ``max_distance``: distance units; a route costs
        ``fixed_cost + unit_distance_cost * distance + unit_duration_cost * duration`` (cost units
        per vehicle, per distance unit and per duration unit; with ``geometry="lonlat"`` distance
        is in metres and duration in seconds, so 0.9 yuan/km is ``unit_distance_cost=0.0009``
        with ``cost_scale`` large enough, e.g. 10,000). ``profile`` selects the matrix pair.
        ``features``: names of what the vehicles have, matched against clients'
        ``required_features``.

        >>> Model().add_vehicle_type(count=2, capacity=10, fixed_cost=100).count
        2
        """
        start = _depot_index(start_depot, self.depots)
        end = start if end_depot is None else _depot_index(end_depot, self.depots)
        vehicle_type = VehicleType(
            count=count,
            capacity=capacity,  # type: ignore[arg-type]
            start_depot=start,
            end_depot=end,
            tw_early=tw_early,
            tw_late=tw_late,
            max_duration=max_duration,
            max_distance=max_distance,
            fixed_cost=fixed_cost,
            unit_distance_cost=unit_distance_cost,
            unit_duration_cost=unit_duration_cost,
            profile=profile,
            name=name,
            features=features,  # type: ignore[arg-type]
        )
        self.vehicle_types.append(vehicle_type)
        return vehicle_type

    def _vehicle_type_index(self, value: Union[Integer, VehicleType], what: str) -> int:
        """The index of an added vehicle type, or ``value`` itself as an index."""
        if isinstance(value, VehicleType):
            for k, vehicle_type in enumerate(self.vehicle_types):
                if vehicle_type is value:
                    return k
            raise InvalidInputError(f"{what}: {value!r} was not added to this model")
        return as_int(value, what, minimum=0)

    def set_distance_matrix(self, matrix: "npt.ArrayLike", profile: int = 0) -> None:
        """Sets the distance matrix of routing ``profile`` (square, locations in model order,
        in the distance unit costs are charged per: metres for road matrices from
        :meth:`gongpei.Scenario.travel_matrices` or :func:`gongpei.haversine_matrix`).

        Integer arrays are used as given (``int64`` without a copy on the Python side); float
        arrays are rounded to the nearest integer by the engine.

        >>> m = Model(); m.set_distance_matrix([[0, 7], [7, 0]]); m._distances[0].tolist()
        [[0, 7], [7, 0]]
        """
        self._distances[profile] = _as_matrix(matrix)

    def set_duration_matrix(self, matrix: "npt.ArrayLike", profile: int = 0) -> None:
        """Sets the duration matrix of routing ``profile`` (defaults to the distance matrix), in
        the duration unit of time windows and service durations (seconds for road matrices).

        >>> m = Model(); m.set_duration_matrix(np.zeros((2, 2))); m._durations[0].shape
        (2, 2)
        """
        self._durations[profile] = _as_matrix(matrix)

    @property
    def locations(self) -> List[Union[Depot, Client]]:
        """Depots then clients: the order of matrix rows and columns.

        >>> m = Model(); _ = m.add_client(x=1, y=2); _ = m.add_depot(x=0, y=0)
        >>> [type(loc).__name__ for loc in m.locations]
        ['Depot', 'Client']
        """
        return [*self.depots, *self.clients]

    def coordinates(self) -> Optional["np.ndarray"]:
        """The ``(num_locations, 2)`` coordinates (the model's coordinate unit: degrees for
        ``"lonlat"``), or ``None`` if some location has none.

        >>> m = Model(); _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4)
        >>> m.coordinates().tolist()
        [[0.0, 0.0], [3.0, 4.0]]
        """
        points = [(loc.x, loc.y) for loc in self.locations]
        if not points or any(x is None or y is None for x, y in points):
            return None
        return np.array(points, dtype=np.float64)

    def data(self) -> _core.ProblemData:
        """Validates the model and returns the engine's :class:`gongpei.ProblemData`.

        >>> m = Model(); _ = m.add_depot(x=100, y=100); _ = m.add_client(x=100.2, y=100.1)
        >>> _ = m.add_vehicle_type()
        >>> m.data()
        Traceback (most recent call last):
        ...
        gongpei.errors.InvalidInputError: every distance between distinct locations is 0 ...
        """
        check_matrix_size(len(self.locations), "model (depots and clients)")
        used = {v.profile for v in self.vehicle_types} | {0}
        profiles = 1 + max(
            [as_int(p, "profile", minimum=0) for p in used]
            + list(self._distances)
            + list(self._durations),
        )
        for k, vehicle_type in enumerate(self.vehicle_types):
            profile = as_int(vehicle_type.profile, f"vehicle type {k}: profile", minimum=0)
            if profile != 0 and profile not in self._distances:
                raise InvalidInputError(
                    f"vehicle type {k} uses profile {profile}, which has no distance matrix; set "
                    f"one with set_distance_matrix(matrix, profile={profile}) (profiles with a "
                    f"matrix: {sorted(self._distances) or 'none'}; coordinates only give profile 0)"
                )
        distances: List[np.ndarray] = []
        durations: List[np.ndarray] = []
        for profile in range(profiles):
            distance = self._distances.get(profile)
            duration = self._durations.get(profile)
            if distance is None and profile == 0:
                distance, computed = self._matrices_from_coordinates()
                duration = computed if duration is None else duration
            if distance is None:
                raise InvalidInputError(
                    f"profile {profile} has no distance matrix but a higher profile has one; "
                    f"set one with set_distance_matrix(matrix, profile={profile})"
                )
            distances.append(distance)
            durations.append(distance if duration is None else duration)
        _refuse_all_zero(distances, self)
        numbering = list(self.features)
        vehicle_types = [
            v.to_core(f"vehicle type {k}", self.cost_scale, self.load_scale, numbering)
            for k, v in enumerate(self.vehicle_types)
        ]
        offered = {name for v in self.vehicle_types for name in v.features}
        for k, client in enumerate(self.clients):
            missing = [f for f in client.required_features if f not in offered]
            if missing:
                raise InvalidInputError(
                    f"client {k}{f' ({client.name!r})' if client.name else ''}: required feature "
                    f"{missing[0]!r} is on no vehicle type (features offered: "
                    f"{sorted(offered) or 'none'})"
                )
        clients = [
            c.to_core(f"client {k}", self.cost_scale, self.load_scale, numbering)
            for k, c in enumerate(self.clients)
        ]
        self.features = numbering
        return _core.ProblemData(
            [d.to_core(f"depot {k}") for k, d in enumerate(self.depots)],
            clients,
            vehicle_types,
            distances,
            durations,
        )

    def _matrices_from_coordinates(self) -> "tuple[np.ndarray, Optional[np.ndarray]]":
        """Profile 0's distance (and, for lon/lat with a speed, duration) from coordinates."""
        coordinates = self.coordinates()
        if coordinates is None:
            raise InvalidInputError(
                "profile 0: no distance matrix was set and not every location has x and y "
                "coordinates to compute one"
            )
        if self.geometry == "lonlat":
            metres = np.rint(haversine_matrix(coordinates, self.detour))
            if self.speed_kmh is None:
                return metres.astype(np.int64), None
            seconds = np.rint(durations_from_speed(metres, self.speed_kmh))
            return metres.astype(np.int64), seconds.astype(np.int64)
        if self.coordinate_scale == 1.0 and looks_like_degrees(coordinates):
            raise InvalidInputError(
                "the coordinates look like longitude/latitude degrees (all within a few "
                "degrees, fractional), whose planar distances would round to almost 0; use "
                "gongpei.Model(geometry='lonlat') for great-circle metres, or set a matrix with "
                "set_distance_matrix(gongpei.haversine_matrix(model.coordinates())); for truly "
                "planar coordinates give coordinate_scale"
            )
        return euclidean_matrix(coordinates, self.coordinate_scale), None

    @suggest_keywords
    def solve(
        self,
        time_limit: Optional[Number] = None,
        seed: Integer = 0,
        threads: Integer = 1,
        *,
        max_iterations: Optional[Integer] = None,
        max_no_improvement: Optional[Integer] = None,
        strategy: str = "auto",
        progress: bool = False,
        callback: Optional[Callable[[float, int, Optional[int], bool], Any]] = None,
        initial_solution: Optional[InitialSolution] = None,
        fixed_routes: Optional[Sequence[Integer]] = None,
        pinned_clients: Optional[Sequence[Integer]] = None,
    ) -> Result:
        """Builds the problem and solves it; see :func:`gongpei.solve` for the parameters
        (``initial_solution``, ``fixed_routes`` and ``pinned_clients`` start from earlier routes
        and keep some of them or some clients in them).

        >>> m = Model(); _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4)
        >>> _ = m.add_vehicle_type(); m.solve(max_iterations=10, seed=1).cost
        10
        """
        return solve(
            self.data(),
            time_limit=time_limit,
            seed=seed,
            threads=threads,
            max_iterations=max_iterations,
            max_no_improvement=max_no_improvement,
            strategy=strategy,
            progress=progress,
            callback=callback,
            coordinates=self.coordinates(),
            cost_scale=self.cost_scale,
            initial_solution=initial_solution,
            fixed_routes=fixed_routes,
            pinned_clients=pinned_clients,
        )

    @classmethod
    def from_data(
        cls, data: _core.ProblemData, coordinates: Optional["npt.ArrayLike"] = None
    ) -> "Model":
        """A model holding the same problem as ``data`` (for editing it), with its matrices.

        >>> m = Model(); _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4)
        >>> _ = m.add_vehicle_type(); Model.from_data(m.data()).data() == m.data()
        True
        """
        model = cls()
        xy: List[Any] = np.asarray(coordinates).tolist() if coordinates is not None else []
        point = lambda k: (xy[k][0], xy[k][1]) if k < len(xy) else (None, None)  # noqa: E731
        for k, depot in enumerate(data.depots()):
            model.depots.append(Depot(*point(k), **depot))
        for c, client in enumerate(data.clients()):
            model.clients.append(Client(*point(data.num_depots + c), **client))
        for vehicle_type in data.vehicle_types():
            model.vehicle_types.append(VehicleType(**vehicle_type))
        # The engine keeps bits only: bit i comes back as the name "bit i", numbered i again.
        used = 0
        for item in [*data.clients(), *data.vehicle_types()]:
            used |= item.get("required_features", 0) | item.get("features", 0)
        model.features = [f"bit {i}" for i in range(used.bit_length())]
        for profile in range(data.num_profiles):
            model._distances[profile] = data.distance_matrix(profile)
            model._durations[profile] = data.duration_matrix(profile)
        return model

    def __repr__(self) -> str:
        return (
            f"Model(depots={len(self.depots)}, clients={len(self.clients)}, "
            f"vehicle_types={len(self.vehicle_types)})"
        )


def _refuse_all_zero(distances: List["np.ndarray"], model: "Model") -> None:
    """A problem whose distinct locations are all 0 apart (in every profile) is almost surely
    a unit mistake (degrees, kilometres rounded to integers): a silent cost-0 answer is refused."""
    n = len(model.depots) + len(model.clients)
    if n < 2:
        return
    off_diagonal = ~np.eye(n, dtype=bool)
    for matrix in distances:
        array = np.asarray(matrix)
        if array.shape != (n, n) or np.any(np.rint(array[off_diagonal]) != 0):
            return
    raise InvalidInputError(
        f"every distance between distinct locations is 0 ({n} locations, "
        f"coordinate_scale={model.coordinate_scale:g}); the coordinates are too close for "
        "integer distances: give coordinate_scale (e.g. 1000), use Model(geometry='lonlat') for "
        "longitude/latitude, or set a distance matrix in finer units"
    )


def _as_matrix(matrix: Any) -> "np.ndarray":
    try:
        array = np.asarray(matrix)
    except (TypeError, ValueError) as err:
        raise InvalidInputError(f"a matrix must be a square array of numbers: {err}") from None
    if np.issubdtype(array.dtype, np.integer):
        return array.astype(np.int64, copy=False)
    if np.issubdtype(array.dtype, np.floating):
        return array.astype(np.float64, copy=False)
    raise InvalidInputError(f"a matrix must hold integers or floats, not {array.dtype}")
