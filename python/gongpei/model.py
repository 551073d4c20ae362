"""The :class:`Model` builder: add depots, clients and vehicle types, give matrices, solve.

Matrices come either from numpy arrays (:meth:`Model.set_distance_matrix`,
:meth:`Model.set_duration_matrix`) or, when none is given for a routing profile, from the
locations' planar coordinates with the CVRPLIB/TSPLIB rounding::

    distance[i, j] = floor(sqrt((x_i - x_j)**2 + (y_i - y_j)**2) * coordinate_scale + 0.5)

and the duration matrix equal to the distance matrix (unit speed). Use ``coordinate_scale=10`` to
keep one decimal, as some VRPTW benchmarks do.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Union

import numpy as np
import numpy.typing as npt

from . import _core
from ._types import UNBOUNDED, Client, Depot, LoadLike, VehicleType
from .errors import InvalidInputError
from .result import Result

__all__ = ["Model", "euclidean_matrix", "solve", "DEFAULT_TIME_LIMIT"]

#: Seconds a solve runs when no time limit, iteration limit or no-improvement limit is given.
DEFAULT_TIME_LIMIT = 10.0


def euclidean_matrix(coordinates: "np.ndarray", scale: float = 1.0) -> "np.ndarray":
    """Rounded Euclidean distances between rows of an ``(n, 2)`` array, as ``int64``.

    Each entry is ``floor(hypot(dx, dy) * scale + 0.5)`` (TSPLIB ``nint``).

    >>> euclidean_matrix(np.array([[0.0, 0.0], [3.0, 4.0], [1.0, 1.0]])).tolist()
    [[0, 5, 1], [5, 0, 4], [1, 4, 0]]
    """
    xy = np.asarray(coordinates, dtype=np.float64)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise InvalidInputError(f"coordinates must have shape (n, 2), got {xy.shape}")
    if not np.all(np.isfinite(xy)):
        raise InvalidInputError("coordinates must be finite numbers")
    delta = xy[:, None, :] - xy[None, :, :]
    return np.floor(np.hypot(delta[..., 0], delta[..., 1]) * scale + 0.5).astype(np.int64)


def _depot_index(depot: Union[int, Depot], depots: List[Depot]) -> int:
    if isinstance(depot, Depot):
        for index, candidate in enumerate(depots):
            if candidate is depot:
                return index
        raise InvalidInputError(f"depot {depot!r} was not added to this model")
    return depot


def solve(
    data: _core.ProblemData,
    *,
    time_limit: Optional[float] = None,
    seed: int = 0,
    threads: int = 1,
    max_iterations: Optional[int] = None,
    max_no_improvement: Optional[int] = None,
    strategy: str = "auto",
    progress: bool = False,
    callback: Optional[Callable[[float, int, Optional[int], bool], Any]] = None,
    coordinates: Optional["np.ndarray"] = None,
) -> Result:
    """Solves a :class:`gongpei.ProblemData` and returns a :class:`gongpei.Result`.

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
    """
    if threads < 1:
        raise InvalidInputError("threads must be at least 1")
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
        )
    finally:
        if bar is not None:
            bar.close(raw)
    return Result(data, raw, coordinates=coordinates)


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
    """

    def __init__(self, coordinate_scale: float = 1.0) -> None:
        #: Multiplier applied to Euclidean distances before rounding (see the module docs).
        self.coordinate_scale = coordinate_scale
        self.depots: List[Depot] = []
        self.clients: List[Client] = []
        self.vehicle_types: List[VehicleType] = []
        self._distances: Dict[int, np.ndarray] = {}
        self._durations: Dict[int, np.ndarray] = {}

    def add_depot(
        self,
        x: Optional[float] = None,
        y: Optional[float] = None,
        *,
        name: str = "",
        tw_early: int = 0,
        tw_late: int = UNBOUNDED,
    ) -> Depot:
        """Adds a depot and returns it (pass it as ``start_depot``/``end_depot`` of a vehicle type)."""
        depot = Depot(x=x, y=y, name=name, tw_early=tw_early, tw_late=tw_late)
        self.depots.append(depot)
        return depot

    def add_client(
        self,
        x: Optional[float] = None,
        y: Optional[float] = None,
        *,
        delivery: LoadLike = 0,
        pickup: LoadLike = (),
        service_duration: int = 0,
        tw_early: int = 0,
        tw_late: int = UNBOUNDED,
        required: bool = True,
        prize: int = 0,
        name: str = "",
    ) -> Client:
        """Adds a client and returns it. Loads are an integer or one integer per dimension."""
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
        )
        self.clients.append(client)
        return client

    def add_vehicle_type(
        self,
        count: int = 1,
        capacity: LoadLike = 0,
        *,
        start_depot: Union[int, Depot] = 0,
        end_depot: Union[int, Depot, None] = None,
        tw_early: int = 0,
        tw_late: int = UNBOUNDED,
        max_duration: int = UNBOUNDED,
        max_distance: int = UNBOUNDED,
        fixed_cost: int = 0,
        unit_distance_cost: int = 1,
        unit_duration_cost: int = 0,
        profile: int = 0,
        name: str = "",
    ) -> VehicleType:
        """Adds ``count`` identical vehicles; ``end_depot`` defaults to ``start_depot``."""
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
        )
        self.vehicle_types.append(vehicle_type)
        return vehicle_type

    def set_distance_matrix(self, matrix: "npt.ArrayLike", profile: int = 0) -> None:
        """Sets the distance matrix of a routing profile (square, locations in model order).

        Integer arrays are used as given (``int64`` without a copy on the Python side); float
        arrays are rounded to the nearest integer by the engine.
        """
        self._distances[profile] = _as_matrix(matrix)

    def set_duration_matrix(self, matrix: "npt.ArrayLike", profile: int = 0) -> None:
        """Sets the duration matrix of a routing profile (defaults to the distance matrix)."""
        self._durations[profile] = _as_matrix(matrix)

    @property
    def locations(self) -> List[Union[Depot, Client]]:
        """Depots then clients: the order of matrix rows and columns."""
        return [*self.depots, *self.clients]

    def coordinates(self) -> Optional["np.ndarray"]:
        """The ``(num_locations, 2)`` coordinates, or ``None`` if some location has none."""
        points = [(loc.x, loc.y) for loc in self.locations]
        if not points or any(x is None or y is None for x, y in points):
            return None
        return np.array(points, dtype=np.float64)

    def data(self) -> _core.ProblemData:
        """Validates the model and returns the engine's :class:`gongpei.ProblemData`."""
        profiles = 1 + max(
            [v.profile for v in self.vehicle_types] + list(self._distances) + list(self._durations),
            default=0,
        )
        coordinates = self.coordinates()
        distances: List[np.ndarray] = []
        durations: List[np.ndarray] = []
        for profile in range(profiles):
            distance = self._distances.get(profile)
            if distance is None:
                if coordinates is None:
                    raise InvalidInputError(
                        f"profile {profile}: no distance matrix was set and not every location "
                        "has x and y coordinates to compute one"
                    )
                distance = euclidean_matrix(coordinates, self.coordinate_scale)
            distances.append(distance)
            durations.append(self._durations.get(profile, distance))
        return _core.ProblemData(
            [d.to_core() for d in self.depots],
            [c.to_core() for c in self.clients],
            [v.to_core() for v in self.vehicle_types],
            distances,
            durations,
        )

    def solve(
        self,
        time_limit: Optional[float] = None,
        seed: int = 0,
        threads: int = 1,
        *,
        max_iterations: Optional[int] = None,
        max_no_improvement: Optional[int] = None,
        strategy: str = "auto",
        progress: bool = False,
        callback: Optional[Callable[[float, int, Optional[int], bool], Any]] = None,
    ) -> Result:
        """Builds the problem and solves it; see :func:`gongpei.solve` for the parameters."""
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
        )

    @classmethod
    def from_data(
        cls, data: _core.ProblemData, coordinates: Optional["npt.ArrayLike"] = None
    ) -> "Model":
        """A model holding the same problem as ``data`` (for editing it), with its matrices."""
        model = cls()
        xy: List[Any] = np.asarray(coordinates).tolist() if coordinates is not None else []
        point = lambda k: (xy[k][0], xy[k][1]) if k < len(xy) else (None, None)  # noqa: E731
        for k, depot in enumerate(data.depots()):
            model.depots.append(Depot(*point(k), **depot))
        for c, client in enumerate(data.clients()):
            model.clients.append(Client(*point(data.num_depots + c), **client))
        for vehicle_type in data.vehicle_types():
            model.vehicle_types.append(VehicleType(**vehicle_type))
        for profile in range(data.num_profiles):
            model._distances[profile] = data.distance_matrix(profile)
            model._durations[profile] = data.duration_matrix(profile)
        return model

    def __repr__(self) -> str:
        return (
            f"Model(depots={len(self.depots)}, clients={len(self.clients)}, "
            f"vehicle_types={len(self.vehicle_types)})"
        )


def _as_matrix(matrix: Any) -> "np.ndarray":
    array = np.asarray(matrix)
    if np.issubdtype(array.dtype, np.integer):
        return array.astype(np.int64, copy=False)
    if np.issubdtype(array.dtype, np.floating):
        return array.astype(np.float64, copy=False)
    raise InvalidInputError(f"a matrix must hold integers or floats, not {array.dtype}")
