"""Coordinates of a benchmark instance's locations, read back from its text so that plots and
tables of benchmark results use the file's own geometry (the engine keeps only the matrices).

Only the coordinate block of each format is looked at: VRPLIB/LKH-3 ``NODE_COORD_SECTION``
(``id x y``), the Solomon customer table (``no x y ...``) and Cordeau's location rows
(``i x y ...`` after the header and the depot-constraint lines). Files without coordinates
(explicit matrices) give ``None``.

>>> text = "NAME: t\\nNODE_COORD_SECTION\\n1 0 0\\n2 3 4\\nDEMAND_SECTION\\n1 0\\n2 1\\nEOF\\n"
>>> file_coordinates(text, "vrplib", depot_ids=[1], client_ids=[2]).tolist()
[[0.0, 0.0], [3.0, 4.0]]
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

__all__ = ["file_coordinates"]


def _numbers(line: str) -> Optional[List[float]]:
    try:
        return [float(token) for token in line.split()]
    except ValueError:
        return None


def _vrplib_points(lines: List[str]) -> Dict[int, Tuple[float, float]]:
    points: Dict[int, Tuple[float, float]] = {}
    inside = False
    for line in lines:
        head = line.strip().split(":")[0].strip().upper()
        if head.endswith("_SECTION") or head == "EOF":
            inside = head == "NODE_COORD_SECTION"
            continue
        values = _numbers(line) if inside else None
        if values and len(values) >= 3:
            points[int(values[0])] = (values[1], values[2])
    return points


def _table_points(lines: List[str]) -> Dict[int, Tuple[float, float]]:
    points: Dict[int, Tuple[float, float]] = {}
    for line in lines:
        values = _numbers(line)
        if values and len(values) >= 3 and values[0].is_integer():
            points.setdefault(int(values[0]), (values[1], values[2]))
    return points


def file_coordinates(
    text: str, format: str, depot_ids: Sequence[int], client_ids: Sequence[int]
) -> Optional["np.ndarray"]:
    """The ``(depots + clients, 2)`` coordinates of the file's locations in model order, or
    ``None`` when the file gives none for some location."""
    lines = text.splitlines()
    if format == "vrplib":
        points = _vrplib_points(lines)
    elif format == "solomon":
        header = next((k for k, line in enumerate(lines) if "CUST" in line.upper()), None)
        points = {} if header is None else _table_points(lines[header + 1 :])
    elif format == "cordeau":
        first = _numbers(lines[0]) if lines else None
        depots = int(first[3]) if first and len(first) >= 4 else 0
        points = _table_points(lines[1 + depots :])
    else:
        return None
    ids = [*depot_ids, *client_ids]
    if not ids or any(i not in points for i in ids):
        return None
    return np.array([points[i] for i in ids], dtype=np.float64)
