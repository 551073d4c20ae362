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

__all__ = ["GongpeiError", "InvalidInputError", "InternalError"]


class GongpeiError(Exception):
    """Base class of every gongpei error."""


class InvalidInputError(GongpeiError, ValueError):
    """The input is invalid; the message names the item, field, file or line at fault."""


class InternalError(GongpeiError):
    """The engine failed unexpectedly (a Rust panic caught at the boundary); please report it."""
