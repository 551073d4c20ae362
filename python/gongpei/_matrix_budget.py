"""The engine's matrix budget on the Python side: sizes beyond it are refused before anything of
size n^2 is allocated, and all-pairs matrices are computed a block of rows at a time so that the
result is the only n^2 array in memory."""

from __future__ import annotations

from typing import Iterator

from . import _core
from .errors import InvalidInputError

#: The engine's largest matrix size (a 4 GiB ``int64`` matrix: 23,170 locations).
MAX_LOCATIONS: int = _core.MAX_MATRIX_LOCATIONS

#: Entries of the temporary arrays of one block of rows (8 MB of float64 each).
_BLOCK_ENTRIES = 1 << 20


def check_matrix_size(size: int, what: str) -> None:
    """Raises :class:`gongpei.InvalidInputError` naming ``what`` when a ``size x size`` matrix
    exceeds the engine's budget.

    >>> check_matrix_size(100, "coordinates")
    >>> check_matrix_size(200_000, "coordinates")
    Traceback (most recent call last):
    ...
    gongpei.errors.InvalidInputError: coordinates: 200000 locations need a 200000 x 200000 ...
    """
    if size > MAX_LOCATIONS:
        gigabytes = size * size * 8 / 1e9
        raise InvalidInputError(
            f"{what}: {size} locations need a {size} x {size} matrix of {gigabytes:.1f} GB, above "
            f"the engine's budget of 4 GiB per matrix (at most {MAX_LOCATIONS} locations)"
        )


def row_blocks(size: int) -> Iterator[slice]:
    """Slices of rows whose ``rows x size`` temporaries stay within a few megabytes.

    >>> [(s.start, s.stop) for s in row_blocks(3)]
    [(0, 3)]
    """
    rows = max(1, _BLOCK_ENTRIES // max(size, 1))
    for start in range(0, size, rows):
        yield slice(start, min(start + rows, size))
