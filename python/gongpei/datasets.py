"""Sample benchmark instances shipped inside the package, reachable from any directory.

>>> import gongpei
>>> gongpei.datasets.names()
['A-n32-k5', 'C101', 'R101', 'X-n101-k25', 'p01', 'r101']
>>> gongpei.datasets.path("X-n101-k25").name
'X-n101-k25.vrp'
>>> gongpei.datasets.read("A-n32-k5").bks
784.0

Credits and licences: ``gongpei/data/README.md`` (installed with the package).
"""

from __future__ import annotations

import difflib
import pathlib
from typing import List

from .errors import InvalidInputError
from .instance import Instance
from .instance import read as _read

__all__ = ["names", "path", "read"]

_FOLDER = pathlib.Path(__file__).resolve().parent / "data"
_SUFFIXES = (".vrp", ".txt", ".vrpspd")


def names() -> List[str]:
    """Names of the bundled instances (file names without their suffix), sorted.

    >>> "C101" in names()
    True
    """
    return sorted(p.stem for p in _FOLDER.iterdir() if p.suffix in _SUFFIXES)


def path(name: str) -> pathlib.Path:
    """The installed file of the bundled instance ``name`` (e.g. ``"X-n101-k25"``); an unknown
    name raises :class:`gongpei.InvalidInputError` listing the closest names.

    >>> path("C101").suffix
    '.txt'
    >>> path("X-n101-k52")
    Traceback (most recent call last):
    ...
    gongpei.errors.InvalidInputError: no bundled instance 'X-n101-k52'; did you mean 'X-n101-k25'? ...
    """
    for suffix in _SUFFIXES:
        candidate = _FOLDER / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    available = names()
    close = difflib.get_close_matches(name, available, n=3)
    hint = f"did you mean {' or '.join(map(repr, close))}? " if close else ""
    raise InvalidInputError(
        f"no bundled instance {name!r}; {hint}available: {', '.join(available)}"
    )


def read(name: str, solomon_rounding: str = "truncated") -> Instance:
    """The bundled instance ``name`` read with :func:`gongpei.read` (best-known value included,
    in the file's unit, for the rounding used); ``solomon_rounding`` as there.

    >>> read("C101").bks, read("C101", solomon_rounding="exact").bks
    (827.3, 828.94)
    """
    return _read(path(name), solomon_rounding)
