"""Geography without traps: great-circle distance matrices from longitude/latitude and
travel times from speeds, so that a model built from WGS84 points gets metres and seconds
instead of Euclidean "degrees" that round to 0.

>>> import numpy as np
>>> d = haversine_matrix(np.array([[116.4074, 39.9042], [121.4737, 31.2304]]))  # Beijing, Shanghai
>>> round(float(d[0, 1]) / 1000)
1067
>>> durations_from_speed(np.array([[0.0, 36000.0]]), speed_kmh=36.0).tolist()
[[0.0, 3600.0]]
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._matrix_budget import check_matrix_size, row_blocks
from .errors import InvalidInputError

__all__ = ["EARTH_RADIUS_M", "haversine_matrix", "durations_from_speed", "looks_like_degrees"]

#: Mean Earth radius in metres (IUGG), the sphere the haversine formula measures on.
EARTH_RADIUS_M: float = 6_371_008.8


def _lonlat_array(lonlat: Any) -> "np.ndarray":
    try:
        points = np.asarray(lonlat, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise InvalidInputError(f"lonlat must be an (n, 2) array of numbers: {err}") from None
    if points.ndim != 2 or points.shape[1] != 2:
        raise InvalidInputError(f"lonlat must have shape (n, 2) (longitude, latitude), got {points.shape}")
    if not np.all(np.isfinite(points)):
        row = int(np.argwhere(~np.isfinite(points))[0][0])
        raise InvalidInputError(f"lonlat row {row}: {points[row].tolist()} is not finite")
    bad = np.argwhere((np.abs(points[:, 0]) > 180.0) | (np.abs(points[:, 1]) > 90.0))
    if bad.size:
        row = int(bad[0][0])
        raise InvalidInputError(
            f"lonlat row {row}: {points[row].tolist()} is not (longitude in [-180, 180], "
            "latitude in [-90, 90]); columns are longitude first"
        )
    return points


def haversine_matrix(lonlat: Any, detour: float = 1.0) -> "np.ndarray":
    """Great-circle distances in **metres** between rows of an ``(n, 2)`` array of WGS84
    ``(longitude, latitude)`` degrees, times ``detour`` (a road-to-crow-flight factor, e.g.
    1.3 for rural roads), as a float64 ``(n, n)`` array.

    Pass it to :meth:`gongpei.Model.set_distance_matrix` (rounded to whole metres by the
    engine), or build the model with ``Model(geometry="lonlat")`` to have it done for you.

    >>> d = haversine_matrix([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    >>> round(float(d[0, 1]), 1), round(float(d[0, 2]), 1)  # one degree on the sphere
    (111195.1, 111195.1)
    >>> float(haversine_matrix([[0, 0], [1, 0]], detour=1.3)[0, 1]) / float(d[0, 1])
    1.3
    """
    if not (np.isfinite(detour) and detour >= 1.0):
        raise InvalidInputError(f"detour = {detour!r} must be a finite factor >= 1.0")
    points = np.radians(_lonlat_array(lonlat))
    check_matrix_size(len(points), "lonlat")
    lon, lat = points[:, 0], points[:, 1]
    out = np.empty((len(points), len(points)), dtype=np.float64)
    for rows in row_blocks(len(points)):
        dlat = lat[rows, None] - lat[None, :]
        dlon = lon[rows, None] - lon[None, :]
        a = np.sin(dlat / 2) ** 2 + np.cos(lat[rows, None]) * np.cos(lat[None, :]) * np.sin(dlon / 2) ** 2
        out[rows] = 2.0 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))) * float(detour)
    return out


def durations_from_speed(distances_m: Any, speed_kmh: float) -> "np.ndarray":
    """Travel times in **seconds** for distances in metres at ``speed_kmh`` kilometres per hour
    (``seconds = metres * 3.6 / speed_kmh``), as float64.

    >>> durations_from_speed([[0, 1000]], speed_kmh=60).tolist()
    [[0.0, 60.0]]
    """
    if not (np.isfinite(speed_kmh) and speed_kmh > 0):
        raise InvalidInputError(f"speed_kmh = {speed_kmh!r} must be a positive number of km/h")
    try:
        distances = np.asarray(distances_m, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise InvalidInputError(f"distances_m must be an array of numbers: {err}") from None
    return distances * 3.6 / float(speed_kmh)


def looks_like_degrees(xy: "np.ndarray") -> bool:
    """Whether planar coordinates look like longitude/latitude degrees: all within the degree
    ranges, spread over less than 10 degrees, and not all whole numbers (benchmark grids are).

    >>> looks_like_degrees(np.array([[117.40, 40.04], [117.45, 40.10]]))
    True
    >>> looks_like_degrees(np.array([[0.0, 0.0], [3.0, 4.0]]))
    False
    """
    points = np.asarray(xy, dtype=np.float64)
    if points.ndim != 2 or points.shape[0] < 2:
        return False
    in_range = bool(np.all(np.abs(points[:, 0]) <= 180.0) and np.all(np.abs(points[:, 1]) <= 90.0))
    spread = float(np.max(np.ptp(points, axis=0)))
    fractional = bool(np.any(points != np.round(points)))
    return in_range and spread < 10.0 and fractional
