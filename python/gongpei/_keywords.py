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
from typing import Any, Callable, Iterable, List, Sequence, TypeVar

__all__ = ["check_keywords", "keyword_names", "suggest_keywords"]

F = TypeVar("F", bound=Callable[..., Any])


def keyword_names(function: Callable[..., Any]) -> List[str]:
    """The names ``function`` accepts as keywords, in signature order (``self`` left out).

    >>> keyword_names(lambda self, a, b=1, *, c=2: None)
    ['a', 'b', 'c']
    """
    parameters = inspect.signature(function).parameters
    return [
        name
        for name, p in parameters.items()
        if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        and name != "self"
    ]


def check_keywords(keywords: Iterable[str], accepted: Sequence[str], name: str) -> None:
    """Raises ``TypeError`` for the first of ``keywords`` not in ``accepted``, naming the
    closest accepted ones (or listing them all when none is close); ``name`` is the entry
    point named in the message. For functions that pass ``**kwargs`` on.

    >>> check_keywords(["iterations", "sed"], ["iterations", "seed", "modes"], "compare_modes")
    Traceback (most recent call last):
    ...
    TypeError: compare_modes() got an unexpected keyword argument 'sed'; did you mean 'seed'?
    """
    known = set(accepted)
    for key in keywords:
        if key not in known:
            close = difflib.get_close_matches(key, list(accepted), n=3, cutoff=0.6)
            hint = (
                "; did you mean " + " or ".join(repr(c) for c in close) + "?"
                if close
                else f"; accepted: {', '.join(accepted)}"
            )
            raise TypeError(f"{name}() got an unexpected keyword argument {key!r}{hint}")


def suggest_keywords(function: F) -> F:
    """Wraps ``function`` so that an unknown keyword raises ``TypeError`` naming the closest
    accepted keywords (the call is otherwise unchanged)."""
    parameters = inspect.signature(function).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        return function
    accepted = keyword_names(function)
    name = function.__qualname__.replace(".__init__", "")

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        check_keywords(kwargs, accepted, name)
        return function(*args, **kwargs)

    return checked  # type: ignore[return-value]
