"""The :class:`Result` of a solve: cost, feasibility, routes with schedules, tables, plots, files."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Union

import numpy as np

from . import _core
from ._keywords import suggest_keywords

if TYPE_CHECKING:  # pragma: no cover - imports for type checkers only
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["Result", "Route", "Visit", "WarmStart"]


@dataclass(frozen=True)
class Visit:
    """When a vehicle reaches and serves one client, in the model's duration unit (seconds for
    ``"lonlat"`` models and road matrices): ``client`` (0-based client index), ``arrival``,
    ``service_start`` (after any ``wait`` for the window to open) and ``late`` (> 0: the time
    window was missed by that much).

    >>> import gongpei
    >>> m = gongpei.Model()
    >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, tw_early=20, service_duration=2)
    >>> _ = m.add_vehicle_type()
    >>> m.solve(max_iterations=5).routes[0].schedule[0]  # the vehicle leaves at 15, not to wait
    Visit(client=0, arrival=20, service_start=20, wait=0, late=0)
    """

    client: int
    arrival: int
    service_start: int
    wait: int
    late: int


@dataclass(frozen=True)
class Route:
    """One vehicle's route: the clients it serves (0-based client indices, in visiting order)
    and its figures. ``distance`` is in the model's distance unit (metres for ``"lonlat"`` models
    and road matrices), ``duration``, ``start_time``, ``end_time`` and ``time_warp`` (total
    lateness) in its duration unit (seconds there), ``cost`` in engine cost units (divide by
    :attr:`Result.cost_scale` for the user's currency, e.g. CNY); ``delivery``, ``pickup`` and
    ``peak_load`` hold one figure per load dimension in engine load units (e.g. parcels or kg
    times the model's ``load_scale``). ``schedule`` has one :class:`Visit` per client.

    >>> import gongpei
    >>> m = gongpei.Model()
    >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, delivery=2)
    >>> _ = m.add_vehicle_type(capacity=5, fixed_cost=7)
    >>> route = m.solve(max_iterations=5).routes[0]
    >>> route.clients, route.distance, route.cost, route.delivery
    ([0], 10, 17, [2])
    """

    vehicle_type: int
    clients: List[int]
    distance: int
    duration: int
    cost: int
    start_time: int
    end_time: int
    time_warp: int
    delivery: List[int]
    pickup: List[int]
    peak_load: List[int]
    schedule: List[Visit]

    @classmethod
    def _from_report(cls, raw: Dict[str, Any]) -> "Route":
        return cls(
            vehicle_type=raw["vehicle_type"],
            clients=list(raw["visits"]),
            distance=raw["distance"],
            duration=raw["duration"],
            cost=raw["cost"],
            start_time=raw["start_time"],
            end_time=raw["end_time"],
            time_warp=raw["time_warp"],
            delivery=list(raw["delivery"]),
            pickup=list(raw["pickup"]),
            peak_load=list(raw["peak_load"]),
            schedule=[Visit(**visit) for visit in raw["schedule"]],
        )


@dataclass(frozen=True)
class WarmStart:
    """How a solve used its ``initial_solution``: ``initial_cost`` (engine cost units, by the
    same evaluation as :attr:`Result.cost`), ``initial_feasible`` (``False``: the search started
    infeasible and repaired it) and ``fixed_routes`` (indices into the initial routes kept
    unchanged; they are the first routes of the result, in this order).

    >>> import gongpei
    >>> m = gongpei.Model(); _ = m.add_depot(x=0, y=0)
    >>> _ = m.add_client(x=3, y=4, delivery=2); _ = m.add_client(x=-3, y=4, delivery=2)
    >>> _ = m.add_vehicle_type(count=2, capacity=3)
    >>> m.solve(max_iterations=20, initial_solution=[[0, 1]]).warm_start  # load 4 > 3
    WarmStart(initial_cost=16, initial_feasible=False, fixed_routes=[])
    """

    initial_cost: int
    initial_feasible: bool
    fixed_routes: List[int]


class Result:
    """A solution with its evaluation by the engine.

    Attributes: ``cost`` (objective in engine cost units: route costs plus prizes of skipped
    optional clients; :attr:`cost_in_user_unit` divides by the cost scale, e.g. into CNY),
    ``distance`` (total, model distance unit: metres for ``"lonlat"`` models and road
    matrices), ``duration`` (total, model duration unit: seconds there),
    ``uncollected_prizes`` (engine cost units), ``feasible``, ``violations`` (one text per
    broken constraint), ``routes`` (non-empty :class:`Route` objects), ``iterations`` (search
    iterations run), ``runtime`` (seconds of wall time), ``stopped_early`` (a progress
    callback asked to stop) and ``warm_start`` (a :class:`WarmStart` when solved from an
    ``initial_solution``, else ``None``). A result can be the ``initial_solution`` of a later
    solve. Results pickle.

    >>> import gongpei
    >>> m = gongpei.Model()
    >>> _ = m.add_depot(x=0, y=0)
    >>> _ = m.add_client(x=3, y=4, delivery=1)
    >>> _ = m.add_vehicle_type(capacity=1)
    >>> r = m.solve(max_iterations=10)
    >>> r.cost, [route.clients for route in r.routes]
    (10, [[0]])
    """

    def __init__(
        self,
        data: _core.ProblemData,
        raw: Dict[str, Any],
        coordinates: Optional["np.ndarray"] = None,
        cost_scale: float = 1.0,
    ) -> None:
        self.data = data
        #: Engine cost units per user cost unit (the model's ``cost_scale``; see
        #: :attr:`cost_in_user_unit`). An instance's own scale takes precedence.
        self.cost_scale = float(cost_scale)
        self._raw = raw
        self.coordinates = None if coordinates is None else np.asarray(coordinates, dtype=float)
        self.cost: int = raw["cost"]
        self.distance: int = raw["distance"]
        self.duration: int = raw["duration"]
        self.uncollected_prizes: int = raw["uncollected_prizes"]
        self.feasible: bool = raw["feasible"]
        self.violations: List[str] = list(raw["violations"])
        self.routes: List[Route] = [
            Route._from_report(route) for route in raw["routes"] if route["visits"]
        ]
        self.iterations: int = raw.get("iterations", 0)
        self.runtime: float = raw.get("runtime", 0.0)
        self.stopped_early: bool = raw.get("stopped_by_callback", False)
        warm = raw.get("warm_start")
        #: How the ``initial_solution`` was used (``None`` without one).
        self.warm_start: Optional[WarmStart] = (
            None
            if warm is None
            else WarmStart(warm["initial_cost"], warm["initial_feasible"], list(warm["fixed_routes"]))
        )
        #: The benchmark instance solved, when the problem came from :func:`gongpei.read`.
        self.instance: Optional[_core.Instance] = None

    @classmethod
    @suggest_keywords
    def from_routes(
        cls,
        data: _core.ProblemData,
        routes: Sequence[Union[Sequence[int], "tuple[int, Sequence[int]]"]],
        coordinates: Optional["np.ndarray"] = None,
    ) -> "Result":
        """Evaluates given routes (client index lists, or ``(vehicle_type, clients)`` pairs).

        >>> import gongpei
        >>> m = gongpei.Model()
        >>> _ = m.add_depot(x=0, y=0)
        >>> _ = m.add_client(x=0, y=5, delivery=1)
        >>> _ = m.add_client(x=5, y=0, delivery=1)
        >>> _ = m.add_vehicle_type(count=2, capacity=1)
        >>> gongpei.Result.from_routes(m.data(), [[0, 1]]).violations
        ['route 0: load 2 exceeds capacity 1 in dimension 0']
        """
        pairs = []
        for route in routes:
            items: Any = route
            if len(items) == 2 and not isinstance(items[1], (int, np.integer)):
                pairs.append((int(items[0]), [int(c) for c in items[1]]))
            else:
                pairs.append((0, [int(c) for c in items]))
        return cls(data, data.evaluate(pairs), coordinates)

    def is_feasible(self) -> bool:
        """Whether no constraint is broken (the same as :attr:`feasible`).

        >>> import gongpei
        >>> m = gongpei.Model()
        >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, delivery=1)
        >>> _ = m.add_client(x=-3, y=4, delivery=1); _ = m.add_vehicle_type(count=2, capacity=1)
        >>> gongpei.Result.from_routes(m.data(), [[0, 1]]).is_feasible()  # load 2 > capacity 1
        False
        """
        return self.feasible

    @property
    def num_routes(self) -> int:
        """Number of non-empty routes (vehicles used).

        >>> import gongpei
        >>> m = gongpei.Model()
        >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4); _ = m.add_client(x=-3, y=4)
        >>> _ = m.add_vehicle_type(count=2)
        >>> m.solve(max_iterations=50).num_routes
        1
        """
        return len(self.routes)

    @property
    def _scale(self) -> float:
        return float(self.instance.cost_scale) if self.instance is not None else self.cost_scale

    @property
    def cost_in_user_unit(self) -> float:
        """The cost in the unit costs were entered in: divided by the model's ``cost_scale``, or
        by the instance's cost scale for a file read with :func:`gongpei.read`.

        >>> import gongpei
        >>> m = gongpei.Model(cost_scale=100)
        >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4)
        >>> _ = m.add_vehicle_type(fixed_cost=12.5, unit_distance_cost=0.25)
        >>> r = m.solve(max_iterations=10, seed=1)
        >>> r.cost, r.cost_in_user_unit
        (1500, 15.0)
        """
        return self.cost / self._scale

    @property
    def cost_in_file_unit(self) -> float:
        """The cost in the instance file's unit (same as :attr:`cost_in_user_unit`): for
        Solomon files, whose distances the engine holds times 10, the cost divided by 10.

        >>> import gongpei
        >>> r = gongpei.datasets.read("C101").read_solution(gongpei.datasets.path("C101").with_suffix(".sol"))
        >>> r.cost, r.cost_in_file_unit
        (8273, 827.3)
        """
        return self.cost_in_user_unit

    @property
    def gap(self) -> Optional[float]:
        """Percent (not a fraction) above the instance's best-known value, in the file's
        unit, or ``None`` when it is unknown (e.g. a :class:`gongpei.Model` solve).

        >>> import gongpei
        >>> inst = gongpei.datasets.read("A-n32-k5")
        >>> inst.read_solution(gongpei.datasets.path("A-n32-k5").with_suffix(".sol")).gap
        0.0
        """
        bks = self.instance.bks if self.instance is not None else None
        if not bks:
            return None
        return 100.0 * (self.cost_in_file_unit - bks) / bks

    def check(self) -> Dict[str, Any]:
        """Re-checks the solution with ``gongpei-io``'s independent checker (plain simulation,
        not the engine's evaluator): ``cost`` (the file's unit), ``feasible``, ``problems``...
        Needs a problem read with :func:`gongpei.read`.

        >>> import gongpei
        >>> inst = gongpei.datasets.read("A-n32-k5")
        >>> report = inst.solve(max_iterations=50).check()
        >>> report["feasible"], report["problems"]
        (True, [])
        """
        if self.instance is None:
            from .errors import InvalidInputError

            raise InvalidInputError("the independent checker needs a problem read with gongpei.read")
        return self.instance.check(self._route_pairs())

    def _route_pairs(self) -> List["tuple[int, List[int]]"]:
        return [(route.vehicle_type, route.clients) for route in self.routes]

    @property
    def statistics(self) -> Dict[str, Any]:
        """Search statistics: ``iterations`` (count), ``runtime`` (seconds of wall time) and
        ``stopped_early`` (a callback stopped the search).

        >>> import gongpei
        >>> m = gongpei.Model()
        >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4); _ = m.add_vehicle_type()
        >>> stats = m.solve(max_iterations=20).statistics
        >>> stats["iterations"], stats["stopped_early"]
        (20, False)
        """
        return {
            "iterations": self.iterations,
            "runtime": self.runtime,
            "stopped_early": self.stopped_early,
        }

    @suggest_keywords
    def to_pandas(self, table: str = "stops") -> "pd.DataFrame":
        """The solution as a table (needs pandas).

        ``table="stops"``: one row per stop (route, position, client, name and the schedule in
        duration units). ``table="routes"``: one row per route (vehicle type and name, stops,
        distance, duration, start and end times, ``cost`` in the user's unit, i.e. divided by
        the cost scale, and the delivered, picked-up and peak loads).

        >>> import gongpei
        >>> m = gongpei.Model(cost_scale=100)
        >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4, name="a")
        >>> _ = m.add_vehicle_type(fixed_cost=1.5, name="van")
        >>> r = m.solve(max_iterations=5, seed=1)
        >>> r.to_pandas("routes")[["vehicle", "stops", "distance", "cost"]].values.tolist()
        [['van', 1, 10, 11.5]]
        >>> r.to_pandas()["name"].tolist()
        ['a']
        """
        import pandas as pd

        if table == "routes":
            return self._routes_frame(pd)
        if table != "stops":
            from .errors import InvalidInputError

            raise InvalidInputError(f"table = {table!r}: expected 'stops' or 'routes'")
        names = [client["name"] for client in self.data.clients()]
        rows = []
        for r, route in enumerate(self.routes):
            for position, visit in enumerate(route.schedule):
                rows.append(
                    {
                        "route": r,
                        "vehicle_type": route.vehicle_type,
                        "position": position,
                        "client": visit.client,
                        "name": names[visit.client] if visit.client < len(names) else "",
                        "arrival": visit.arrival,
                        "service_start": visit.service_start,
                        "wait": visit.wait,
                        "late": visit.late,
                    }
                )
        columns = [
            "route", "vehicle_type", "position", "client", "name",
            "arrival", "service_start", "wait", "late",
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def _routes_frame(self, pd: Any) -> "pd.DataFrame":
        vehicle_names = [v["name"] for v in self.data.vehicle_types()]
        rows = [
            {
                "route": r,
                "vehicle_type": route.vehicle_type,
                "vehicle": vehicle_names[route.vehicle_type],
                "stops": len(route.clients),
                "distance": route.distance,
                "duration": route.duration,
                "start_time": route.start_time,
                "end_time": route.end_time,
                "time_warp": route.time_warp,
                "cost": route.cost / self._scale,
                "delivery": route.delivery,
                "pickup": route.pickup,
                "peak_load": route.peak_load,
            }
            for r, route in enumerate(self.routes)
        ]
        columns = ["route", "vehicle_type", "vehicle", "stops", "distance", "duration",
                   "start_time", "end_time", "time_warp", "cost", "delivery", "pickup",
                   "peak_load"]  # fmt: skip
        frame = pd.DataFrame(rows, columns=columns)
        frame.attrs["cost_scale"] = self._scale
        return frame

    @suggest_keywords
    def plot(self, ax: Optional["Axes"] = None, annotate: bool = False) -> "Axes":
        """Draws the routes on ``ax`` (a new figure if ``None``) and returns the axes; needs
        matplotlib. Positions are the model's or the file's coordinates (in their own unit:
        degrees for ``"lonlat"``), or a layout from the distances when there are none.
        ``annotate=True`` labels each client with its name (or index).

        >>> import gongpei, matplotlib
        >>> matplotlib.use("Agg")
        >>> r = gongpei.datasets.read("A-n32-k5").solve(max_iterations=20)
        >>> ax = r.plot(annotate=True)
        >>> len(ax.lines) >= r.num_routes
        True
        """
        from .plotting import plot_routes

        return plot_routes(self, ax=ax, annotate=annotate)

    def to_sol(self) -> str:
        """The solution in CVRPLIB ``.sol`` form.

        For a problem read from a file, clients carry the file's solution numbering and the cost
        is in the file's unit. Otherwise clients are numbered from 1 in model order (CVRPLIB
        numbers customers 1..n, the depot being node 1 of the ``.vrp`` file) and the cost is in
        engine cost units.

        >>> import gongpei
        >>> m = gongpei.Model()
        >>> _ = m.add_depot(x=0, y=0); _ = m.add_client(x=3, y=4); _ = m.add_vehicle_type()
        >>> print(m.solve(max_iterations=5).to_sol(), end="")
        Route #1: 1
        Cost 10
        """
        if self.instance is not None:
            return self.instance.solution_to_string(self._route_pairs(), self.cost)
        lines = [
            f"Route #{r + 1}: " + " ".join(str(c + 1) for c in route.clients)
            for r, route in enumerate(self.routes)
        ]
        lines.append(f"Cost {self.cost}")
        return "\n".join(lines) + "\n"

    def write(self, path: Union[str, "os.PathLike[str]"]) -> None:
        """Writes the solution to ``path`` (a file name) in CVRPLIB ``.sol`` form (see
        :meth:`to_sol`); :meth:`gongpei.Instance.read_solution` reads it back.

        >>> import gongpei, pathlib, tempfile
        >>> inst = gongpei.datasets.read("A-n32-k5")
        >>> r = inst.solve(max_iterations=20)
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.sol"
        >>> r.write(path)
        >>> inst.read_solution(path).cost == r.cost
        True
        """
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(self.to_sol())

    def __reduce__(self) -> Any:
        return (
            _rebuild_result,
            (self.data, self._raw, self.coordinates, self.instance, self.cost_scale),
        )

    def __repr__(self) -> str:
        if self.instance is not None and self.instance.bks:
            return (
                f"Result(cost={self.cost_in_file_unit:g}, gap={self.gap:.2f}%, "
                f"routes={self.num_routes}, {'feasible' if self.feasible else 'infeasible'}, "
                f"iterations={self.iterations}, runtime={self.runtime:.2f}s)"
            )
        state = "feasible" if self.feasible else f"infeasible ({len(self.violations)} violations)"
        return (
            f"Result(cost={self.cost}, routes={self.num_routes}, {state}, "
            f"iterations={self.iterations}, runtime={self.runtime:.2f}s)"
        )


def _rebuild_result(
    data: _core.ProblemData,
    raw: Dict[str, Any],
    coordinates: Optional["np.ndarray"],
    instance: Optional[_core.Instance],
    cost_scale: float = 1.0,
) -> Result:
    result = Result(data, raw, coordinates, cost_scale)
    result.instance = instance
    return result
