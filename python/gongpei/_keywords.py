""""Did you mean" for mistyped keyword arguments of the public API.

Python's own error (``got an unexpected keyword argument 'time_limt'``) does not say what was
meant; :func:`suggest_keywords` checks the keywords against the signature first and names the
closest ones.

>>> @suggest_keywords
... def solve(*, time_limit=None, seed=0):
...     return time_limit
>>> solve(time_limt=5)
Traceback (most recent call last):
...
TypeError: solve() got an unexpected keyword argument 'time_limt'; did you mean 'time_limit'?
"""

from __future__ import annotations

import difflib
import functools
import inspect
from typing import Any, Callable, TypeVar

__all__ = ["suggest_keywords"]

F = TypeVar("F", bound=Callable[..., Any])


def suggest_keywords(function: F) -> F:
    """Wraps ``function`` so that an unknown keyword raises ``TypeError`` naming the closest
    accepted keywords (the call is otherwise unchanged)."""
    parameters = inspect.signature(function).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return function
    accepted = [
        name
        for name, p in parameters.items()
        if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        and name != "self"
    ]
    known = set(accepted)

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        for key in kwargs:
            if key not in known:
                close = difflib.get_close_matches(key, accepted, n=3, cutoff=0.6)
                hint = (
                    "; did you mean " + " or ".join(repr(c) for c in close) + "?"
                    if close
                    else f"; accepted: {', '.join(accepted)}"
                )
                name = function.__qualname__.replace(".__init__", "")
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}{hint}")
        return function(*args, **kwargs)

    return checked  # type: ignore[return-value]
