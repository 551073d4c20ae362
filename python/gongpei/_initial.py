"""The ``initial_solution=`` and ``fixed_routes=`` of the solve functions, checked for shape and
converted to the engine's ``(vehicle_type, clients)`` pairs; the engine checks the rest (unknown
or repeated clients, fleet sizes) and raises :class:`gongpei.InitialSolutionError`."""

from __future__ import annotations

import numbers
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Tuple, Union

import numpy as np

from .errors import InitialSolutionError

if TYPE_CHECKING:  # pragma: no cover - imports for type checkers only
    from .result import Result, Route

#: What ``initial_solution=`` accepts: a :class:`gongpei.Result` of an earlier solve, or routes,
#: each a :class:`gongpei.Route`, a list of client indices (single vehicle type) or a
#: ``(vehicle_type, clients)`` pair.
InitialSolution = Union[
    "Result", Sequence[Union["Route", Sequence[int], Tuple[int, Sequence[int]]]]
]


def _index(
    value: Any, what: str, route: Optional[int], position: Optional[int] = None
) -> int:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Integral, np.integer)):
        raise InitialSolutionError(
            f"{what}: expected a non-negative integer, got {type(value).__name__} {value!r}",
            route,
            position,
        )
    if value < 0:
        raise InitialSolutionError(f"{what}: {value} is negative", route, position)
    return int(value)


def initial_routes(solution: Any, num_vehicle_types: int) -> List[Tuple[int, List[int]]]:
    """``solution`` as ``(vehicle_type, clients)`` pairs; errors name the route (0-based).

    >>> initial_routes([[2, 0], (1, [1])], 2)
    Traceback (most recent call last):
    ...
    gongpei.errors.InitialSolutionError: route 0: the problem has 2 vehicle types, so give the route as a (vehicle_type, clients) pair or a gongpei.Route
    >>> initial_routes([[2, 0], (0, [1])], 1)
    [(0, [2, 0]), (0, [1])]
    """
    from .result import Result, Route

    if isinstance(solution, Result):
        return [(r.vehicle_type, list(r.clients)) for r in solution.routes]
    if isinstance(solution, (str, bytes)) or not isinstance(solution, Sequence):
        raise InitialSolutionError(
            "initial_solution must be a gongpei.Result or a list of routes, "
            f"got {type(solution).__name__}"
        )
    pairs = []
    for r, route in enumerate(solution):
        if isinstance(route, Route):
            vehicle_type, clients = route.vehicle_type, route.clients
        elif (
            isinstance(route, tuple)
            and len(route) == 2
            and not isinstance(route[1], (numbers.Integral, np.integer))
        ):
            vehicle_type = _index(route[0], f"route {r}: vehicle type", r)
            clients = route[1]
        elif num_vehicle_types > 1:
            raise InitialSolutionError(
                f"route {r}: the problem has {num_vehicle_types} vehicle types, so give the route "
                "as a (vehicle_type, clients) pair or a gongpei.Route",
                r,
            )
        else:
            vehicle_type, clients = 0, route
        if isinstance(clients, (str, bytes)) or not isinstance(clients, (Sequence, np.ndarray)):
            raise InitialSolutionError(
                f"route {r}: expected a list of client indices, got {type(clients).__name__}", r
            )
        visits = [
            _index(c, f"route {r}, position {p}: client", r, p) for p, c in enumerate(clients)
        ]
        pairs.append((vehicle_type, visits))
    return pairs


def fixed_route_indices(fixed_routes: Any, given: bool) -> List[int]:
    """``fixed_routes`` as 0-based route indices (``[]`` for ``None``); needs a start.

    >>> fixed_route_indices([2, 0], True)
    [2, 0]
    """
    if fixed_routes is None:
        return []
    if not given:
        raise InitialSolutionError(
            "fixed_routes needs initial_solution: the fixed routes are routes of it"
        )
    if isinstance(fixed_routes, (str, bytes)) or not isinstance(
        fixed_routes, (Sequence, np.ndarray)
    ):
        raise InitialSolutionError(
            f"fixed_routes must be a list of route indices, got {type(fixed_routes).__name__}"
        )
    return [_index(f, f"fixed_routes[{k}]", None) for k, f in enumerate(fixed_routes)]
