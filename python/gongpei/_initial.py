"""The ``initial_solution=``, ``fixed_routes=`` and ``pinned_clients=`` of the solve functions,
checked for shape and
converted to the engine's ``(vehicle_type, clients)`` pairs; the engine checks the rest (unknown
or repeated clients, fleet sizes) and raises :class:`gongpei.InitialSolutionError`."""

from __future__ import annotations

import numbers
from typing import Any, List, Optional, Sequence, Tuple, Union

import numpy as np

from .errors import InitialSolutionError

# At run time too (result.py does not import this module), so that the alias below resolves for
# the API reference as well as for type checkers.
from .result import Result, Route

#: What ``initial_solution=`` accepts: a :class:`gongpei.Result` of an earlier solve, or routes,
#: each a :class:`gongpei.Route`, a list of client indices (single vehicle type) or a
#: ``(vehicle_type, clients)`` pair.
InitialSolution = Union[Result, Sequence[Union[Route, Sequence[int], Tuple[int, Sequence[int]]]]]


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


def index_list(values: Any, what: str, given: bool) -> List[int]:
    """``fixed_routes`` or ``pinned_clients`` (named ``what``) as 0-based indices (``[]`` for
    ``None``); they need a start.

    >>> index_list([2, 0], "fixed_routes", True)
    [2, 0]
    >>> index_list([1], "pinned_clients", False)
    Traceback (most recent call last):
    ...
    gongpei.errors.InitialSolutionError: pinned_clients needs initial_solution: it names its routes or clients
    """
    if values is None:
        return []
    if not given:
        raise InitialSolutionError(
            f"{what} needs initial_solution: it names its routes or clients"
        )
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        raise InitialSolutionError(
            f"{what} must be a list of indices, got {type(values).__name__}"
        )
    return [_index(v, f"{what}[{k}]", None) for k, v in enumerate(values)]
