"""Route plots with matplotlib (an optional dependency, imported only when plotting)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

import numpy as np

from .errors import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .result import Result

__all__ = ["plot_routes"]


def plot_routes(result: "Result", ax: Optional["Axes"] = None, annotate: bool = False) -> "Axes":
    """Draws depots (squares), clients (dots) and one coloured polyline per route.

    Needs the locations' coordinates (a model with ``x``/``y`` everywhere, or an instance file
    with coordinates). Returns the axes so calls can be chained.
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("plotting needs matplotlib: pip install matplotlib") from err
    if result.coordinates is None:
        raise InvalidInputError("cannot plot: the problem has no coordinates")
    xy = np.asarray(result.coordinates, dtype=float)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 7))
    depots = result.data.num_depots
    ax.scatter(xy[depots:, 0], xy[depots:, 1], s=12, c="0.4", zorder=3, label="clients")
    ax.scatter(xy[:depots, 0], xy[:depots, 1], s=80, c="red", marker="s", zorder=4, label="depots")
    vehicle_types = result.data.vehicle_types()
    for r, route in enumerate(result.routes):
        vehicle = vehicle_types[route.vehicle_type]
        path = [vehicle["start_depot"], *(depots + c for c in route.clients), vehicle["end_depot"]]
        ax.plot(xy[path, 0], xy[path, 1], lw=1.2, zorder=2, label=f"route {r + 1}" if r < 10 else None)
        if annotate:
            for c in route.clients:
                ax.annotate(str(c), xy[depots + c], fontsize=7)
    state = "feasible" if result.feasible else "infeasible"
    ax.set_title(f"cost {result.cost}, {result.num_routes} routes ({state})")
    ax.set_aspect("equal", adjustable="datalim")
    return ax
