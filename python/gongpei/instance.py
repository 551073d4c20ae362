"""Benchmark instances: :func:`read` any format ``gongpei-io`` reads, solve, compare with the BKS.

Supported (format detected from the content): VRPLIB/CVRPLIB ``.vrp`` (A, B, E, P, X sets;
``EUC_2D`` with TSPLIB ``nint`` rounding, explicit matrices), LKH-3 ``.vrpspd`` (Dethloff,
Montane-Galvao), Solomon / Gehring-Homberger ``.txt`` (distances truncated to one decimal, cost
scale 10, or ``solomon_rounding="exact"``: unrounded, cost scale 10,000) and Cordeau MDVRP files.
Costs in the model are integers; ``cost / cost_scale`` is the cost in the file's unit.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Optional, Union

import numpy as np

from . import _core
from ._file_coordinates import file_coordinates
from .model import Model, solve
from .result import Result

__all__ = ["Instance", "read"]


class Instance:
    """A benchmark instance: the problem (``data``), ``name``, ``format``, ``rounding``,
    ``cost_scale``, the best-known value ``bks`` (file unit; from ``bks.csv`` beside the file)
    and the client numbering of ``.sol`` files. Instances pickle (with the file's text)."""

    def __init__(self, core: _core.Instance) -> None:
        self._core = core
        self.data: _core.ProblemData = core.data
        self._coordinates: Optional[np.ndarray] = None
        self._coordinates_read = False

    name = property(lambda self: self._core.name, doc="Instance name.")
    path = property(lambda self: self._core.path, doc="File it was read from.")
    format = property(lambda self: self._core.format, doc="vrplib, solomon or cordeau.")
    rounding = property(lambda self: self._core.rounding, doc="How distances became integers.")
    cost_scale = property(lambda self: self._core.cost_scale, doc="Model cost per file unit.")
    bks = property(lambda self: self._core.bks, doc="Best-known objective (file unit) or None.")
    solution_ids = property(lambda self: self._core.solution_ids, doc="Client numbers in .sol.")
    node_ids = property(
        lambda self: [*self._core.depot_node_ids, *self._core.node_ids],
        doc="Node id in the file of each location (depots first, then clients, model order).",
    )

    @property
    def coordinates(self) -> Optional["np.ndarray"]:
        """The file's ``(x, y)`` of each location (depots first, model order), or ``None`` for
        files without coordinates (explicit matrices). Plots of results use them.

        >>> import gongpei
        >>> inst = gongpei.datasets.read("A-n32-k5")
        >>> inst.coordinates[:2].tolist(), inst.node_ids[:2]
        ([[82.0, 76.0], [96.0, 44.0]], [1, 2])
        """
        if not self._coordinates_read:
            with open(self._core.path, encoding="utf-8") as handle:
                text = handle.read()
            self._coordinates = file_coordinates(
                text, self._core.format, self._core.depot_node_ids, self._core.node_ids
            )
            self._coordinates_read = True
        return self._coordinates

    def solve(
        self,
        time_limit: Optional[float] = None,
        seed: int = 0,
        threads: int = 1,
        *,
        max_iterations: Optional[int] = None,
        max_no_improvement: Optional[int] = None,
        strategy: str = "auto",
        progress: bool = False,
        callback: Optional[Callable[[float, int, Optional[int], bool], Any]] = None,
    ) -> Result:
        """Solves the instance (see :func:`gongpei.solve`); the result knows the instance, so
        it reports the cost in the file's unit, the gap to the BKS and writes proper ``.sol``."""
        result = solve(
            self.data,
            time_limit=time_limit,
            seed=seed,
            threads=threads,
            max_iterations=max_iterations,
            max_no_improvement=max_no_improvement,
            strategy=strategy,
            progress=progress,
            callback=callback,
            coordinates=self._safe_coordinates(),
        )
        result.instance = self._core
        return result

    def _safe_coordinates(self) -> Optional["np.ndarray"]:
        try:
            return self.coordinates
        except OSError:  # the file moved since it was read: plots fall back to a layout
            return None

    def read_solution(self, path: Union[str, "os.PathLike[str]"]) -> Result:
        """Reads a CVRPLIB ``.sol`` file for this instance and evaluates it."""
        routes, _stated_cost = self._core.read_solution(os.fspath(path))
        result = Result.from_routes(self.data, routes, self._safe_coordinates())
        result.instance = self._core
        return result

    def model(self) -> Model:
        """A :class:`gongpei.Model` holding this problem, for editing."""
        return Model.from_data(self.data)

    def __reduce__(self) -> Any:
        return (Instance, (self._core,))

    def __repr__(self) -> str:
        return repr(self._core)


def read(path: Union[str, "os.PathLike[str]"], solomon_rounding: str = "truncated") -> Instance:
    """Reads a benchmark instance; errors name the file and line.

    >>> import gongpei, pathlib
    >>> path = pathlib.Path(gongpei.__file__).parents[2] / "data" / "instances" / "A-n32-k5.vrp"
    >>> inst = gongpei.read(path)  # doctest: +SKIP
    >>> inst.name, inst.data.num_clients, inst.bks  # doctest: +SKIP
    ('A-n32-k5', 31, 784.0)
    """
    return Instance(_core.Instance.read(os.fspath(path), solomon_rounding))
