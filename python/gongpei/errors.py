"""Exceptions raised by gongpei.

Every error the package raises derives from :class:`GongpeiError`. Mistakes in the input (a negative
demand, a non-square matrix, an unreadable instance file) raise :class:`InvalidInputError`, which is
also a :class:`ValueError`; the message is the engine's own text and names the item and field at
fault. A bug inside the Rust engine (a panic) raises :class:`InternalError` instead of crashing.

>>> import gongpei
>>> issubclass(gongpei.InvalidInputError, ValueError)
True
"""

from __future__ import annotations

from typing import Any, Optional, Tuple

__all__ = [
    "GongpeiError",
    "InvalidInputError",
    "InitialSolutionError",
    "InternalError",
    "StoppedError",
]


class GongpeiError(Exception):
    """Base class of every gongpei error."""


class InvalidInputError(GongpeiError, ValueError):
    """The input is invalid; the message names the item, field, file or line at fault."""


class InitialSolutionError(InvalidInputError):
    """An ``initial_solution`` (or its ``fixed_routes``) does not fit the problem: an unknown
    client or vehicle type, a client visited twice, more routes of a type than its vehicles.
    ``route`` and ``position`` (0-based indices into the given routes and the route's clients)
    and ``client`` say where, when the error has them (else ``None``).

    >>> import gongpei
    >>> m = gongpei.Model(); _ = m.add_depot(x=0, y=0)
    >>> _ = m.add_client(x=3, y=4); _ = m.add_client(x=6, y=8); _ = m.add_vehicle_type()
    >>> try:
    ...     m.solve(max_iterations=5, initial_solution=[[0, 1, 0]])
    ... except gongpei.InitialSolutionError as e:
    ...     print(e.route, e.position, e.client, "|", e)
    0 2 0 | route 0, position 2: client 0 is already visited by route 0, position 0
    """

    def __init__(
        self,
        message: str,
        route: Optional[int] = None,
        position: Optional[int] = None,
        client: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.route = route
        self.position = position
        self.client = client

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), self.route, self.position, self.client))


class InternalError(GongpeiError):
    """The engine failed unexpectedly (a Rust panic caught at the boundary); please report it."""


class StoppedError(GongpeiError):
    """Scenario work (:meth:`gongpei.Scenario.compare`) was stopped by its ``time_limit`` or its
    callback before it completed; the message says how far it got. A comparison has no useful
    partial answer (every mode needs all its sub-problems), so nothing is returned."""
