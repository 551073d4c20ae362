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

__all__ = ["GongpeiError", "InvalidInputError", "InternalError", "StoppedError"]


class GongpeiError(Exception):
    """Base class of every gongpei error."""


class InvalidInputError(GongpeiError, ValueError):
    """The input is invalid; the message names the item, field, file or line at fault."""


class InternalError(GongpeiError):
    """The engine failed unexpectedly (a Rust panic caught at the boundary); please report it."""


class StoppedError(GongpeiError):
    """Scenario work (:meth:`gongpei.Scenario.compare`) was stopped by its ``time_limit`` or its
    callback before it completed; the message says how far it got. A comparison has no useful
    partial answer (every mode needs all its sub-problems), so nothing is returned."""
