"""Route plots with matplotlib (an optional dependency, imported only when plotting)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

    from .result import Result

__all__ = ["plot_routes", "layout_from_distances"]


def layout_from_distances(distances: "np.ndarray") -> "np.ndarray":
    """Planar positions whose Euclidean distances approximate ``distances`` (classical MDS on the
    symmetrised matrix). For a Euclidean instance this recovers the coordinates up to rotation,
    reflection and translation; for others it is a faithful-enough picture for a plot.

    >>> xy = np.array([[0.0, 0.0], [30.0, 0.0], [0.0, 40.0]])
    >>> d = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    >>> p = layout_from_distances(d)
    >>> bool(np.allclose(np.hypot(*(p[:, None, :] - p[None, :, :]).transpose(2, 0, 1)), d))
    True
    """
    d = np.asarray(distances, dtype=float)
    d = (d + d.T) / 2
    n = d.shape[0]
    centring = np.eye(n) - np.full((n, n), 1.0 / n)
    gram = -0.5 * centring @ (d**2) @ centring
    values, vectors = np.linalg.eigh(gram)
    top = np.argsort(values)[::-1][:2]
    return vectors[:, top] * np.sqrt(np.clip(values[top], 0.0, None))


def plot_routes(result: "Result", ax: Optional["Axes"] = None, annotate: bool = False) -> "Axes":
    """Draws depots (squares), clients (dots) and one coloured polyline per route.

    Uses the locations' coordinates when known (a model with ``x``/``y`` everywhere, or the
    coordinates of a benchmark file); otherwise
    positions are recovered from the distance matrix (:func:`layout_from_distances`, which may
    rotate or mirror the picture). With ``annotate`` each client is labelled with its name, or
    its node id in the instance file, or its index. Returns the axes so calls can be chained.
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:  # pragma: no cover - depends on the environment
        raise ImportError("plotting needs matplotlib: pip install matplotlib") from err
    if result.coordinates is not None:
        xy = np.asarray(result.coordinates, dtype=float)
    else:
        xy = layout_from_distances(result.data.distance_matrix())
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 7))
    depots = result.data.num_depots
    ax.scatter(xy[depots:, 0], xy[depots:, 1], s=12, c="0.4", zorder=3, label="clients")
    ax.scatter(xy[:depots, 0], xy[:depots, 1], s=80, c="red", marker="s", zorder=4, label="depots")
    vehicle_types = result.data.vehicle_types()
    labels = _client_labels(result)
    for r, route in enumerate(result.routes):
        vehicle = vehicle_types[route.vehicle_type]
        path = [vehicle["start_depot"], *(depots + c for c in route.clients), vehicle["end_depot"]]
        ax.plot(xy[path, 0], xy[path, 1], lw=1.2, zorder=2, label=f"route {r + 1}" if r < 10 else None)
        if annotate:
            for c in route.clients:
                ax.annotate(labels[c], xy[depots + c], fontsize=7)
    state = "feasible" if result.feasible else "infeasible"
    name = f"{result.instance.name}: " if result.instance is not None else ""
    cost = f"{result.cost_in_file_unit:g}"
    ax.set_title(f"{name}cost {cost}, {result.num_routes} routes ({state})")
    if result.coordinates is None:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("layout recovered from the distance matrix")
    ax.set_aspect("equal", adjustable="datalim")
    return ax


def _client_labels(result: "Result") -> "list[str]":
    """Client names, else the file's node ids, else 0-based indices."""
    names = [client["name"] for client in result.data.clients()]
    ids = list(result.instance.node_ids) if result.instance is not None else []
    return [
        name or (str(ids[c]) if c < len(ids) else str(c)) for c, name in enumerate(names)
    ]
