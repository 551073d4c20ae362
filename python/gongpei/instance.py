"""Benchmark instances: :func:`read` any format ``gongpei-io`` reads, solve, compare with the BKS.

Supported (format detected from the content): VRPLIB/CVRPLIB ``.vrp`` (A, B, E, P, X sets;
``EUC_2D`` with TSPLIB ``nint`` rounding, explicit matrices), LKH-3 ``.vrpspd`` (Dethloff,
Montane-Galvao), Solomon / Gehring-Homberger ``.txt`` (distances truncated to one decimal, cost
scale 10, or ``solomon_rounding="exact"``: unrounded, cost scale 10,000) and Cordeau MDVRP files.
Costs in the model are integers; ``cost / cost_scale`` is the cost in the file's unit.
"""

from __future__ import annotations

import os
from typing import Any, Callable, Optional, Sequence, Union

import numpy as np

from . import _core
from ._file_coordinates import file_coordinates
from ._initial import InitialSolution
from ._keywords import suggest_keywords
from .model import Model, solve
from .result import Result

__all__ = ["Instance", "read"]


class Instance:
    """A benchmark instance: the problem (``data``), ``name``, ``format``, ``rounding``,
    ``cost_scale`` (engine cost units per file unit: 1 for VRPLIB, 10 for truncated Solomon
    distances), the best-known value ``bks`` (file unit; from ``bks.csv`` beside the file)
    and the client numbering of ``.sol`` files. Distances and durations are the file's own
    (dimensionless for the classic sets) times ``cost_scale``. Instances pickle (with the
    file's text).

    >>> import gongpei
    >>> inst = gongpei.datasets.read("C101")
    >>> inst.name, inst.format, inst.cost_scale, inst.bks, inst.data.num_clients
    ('C101', 'solomon', 10, 827.3, 100)
    """

    def __init__(self, core: _core.Instance) -> None:
        self._core = core
        self.data: _core.ProblemData = core.data
        self._coordinates: Optional[np.ndarray] = None
        self._coordinates_read = False

    name = property(lambda self: self._core.name, doc="Instance name (the file name without its suffix, or its NAME field).")
    path = property(lambda self: self._core.path, doc="Path of the file it was read from.")
    format = property(lambda self: self._core.format, doc="File format: ``vrplib``, ``solomon`` or ``cordeau``.")
    rounding = property(lambda self: self._core.rounding, doc="How the file's distances became integers (e.g. ``nint``, ``truncated``, ``exact``).")
    cost_scale = property(lambda self: self._core.cost_scale, doc="Engine cost units per file unit (divide engine costs by it).")
    bks = property(lambda self: self._core.bks, doc="Best-known objective in the file's unit (from ``bks.csv``), or ``None``.")
    solution_ids = property(lambda self: self._core.solution_ids, doc="The number of each client (model order) in ``.sol`` files.")
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

    @suggest_keywords
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
        initial_solution: Optional[InitialSolution] = None,
        fixed_routes: Optional[Sequence[int]] = None,
        pinned_clients: Optional[Sequence[int]] = None,
    ) -> Result:
        """Solves the instance; the result knows the instance, so it reports the cost in the
        file's unit, the gap to the BKS (percent) and writes proper ``.sol`` files.

        Parameters are those of :func:`gongpei.solve`: ``time_limit`` (seconds of wall time),
        ``seed`` (integer in ``[0, 2**64)``), ``threads`` (worker threads, each an independent
        search), ``max_iterations`` and ``max_no_improvement`` (iteration counts), ``strategy``,
        ``progress`` (a tqdm bar) and ``callback(elapsed_seconds, iterations, best_cost,
        feasible)`` (a true return stops the search), ``initial_solution`` (an earlier
        :class:`gongpei.Result`, e.g. of :meth:`read_solution`, or a list of routes),
        ``fixed_routes`` (indices of its routes kept unchanged) and ``pinned_clients`` (client
        indices kept in their route). A mistyped keyword names the closest one.

        >>> import gongpei
        >>> inst = gongpei.datasets.read("A-n32-k5")
        >>> r = inst.solve(max_iterations=200, seed=1)
        >>> r.feasible, r.gap is not None and r.gap >= 0
        (True, True)
        >>> inst.solve(max_iteration=5)
        Traceback (most recent call last):
        ...
        TypeError: Instance.solve() got an unexpected keyword argument 'max_iteration'; did you mean 'max_iterations'...
        """
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
            initial_solution=initial_solution,
            fixed_routes=fixed_routes,
            pinned_clients=pinned_clients,
        )
        result.instance = self._core
        return result

    def _safe_coordinates(self) -> Optional["np.ndarray"]:
        try:
            return self.coordinates
        except OSError:  # the file moved since it was read: plots fall back to a layout
            return None

    def read_solution(self, path: Union[str, "os.PathLike[str]"]) -> Result:
        """Reads a CVRPLIB ``.sol`` file (``path``) for this instance and evaluates it with
        the engine; errors name the file and line.

        >>> import gongpei
        >>> inst = gongpei.datasets.read("A-n32-k5")
        >>> r = inst.read_solution(gongpei.datasets.path("A-n32-k5").with_suffix(".sol"))
        >>> r.cost_in_file_unit, r.num_routes, r.feasible
        (784.0, 5, True)
        """
        routes, _stated_cost = self._core.read_solution(os.fspath(path))
        result = Result.from_routes(self.data, routes, self._safe_coordinates())
        result.instance = self._core
        return result

    def model(self) -> Model:
        """A :class:`gongpei.Model` holding this problem, for editing (units as in
        :attr:`data`: the file's distances times :attr:`cost_scale`).

        >>> import gongpei
        >>> m = gongpei.datasets.read("A-n32-k5").model()
        >>> _ = m.add_vehicle_type(count=1, capacity=100)
        >>> m.data().num_vehicle_types
        2
        """
        return Model.from_data(self.data)

    def __reduce__(self) -> Any:
        return (Instance, (self._core,))

    def __repr__(self) -> str:
        return repr(self._core)


@suggest_keywords
def read(path: Union[str, "os.PathLike[str]"], solomon_rounding: str = "truncated") -> Instance:
    """Reads the benchmark instance at ``path`` (format detected from the content); errors
    name the file and line. ``solomon_rounding``: ``"truncated"`` (distances truncated to one
    decimal, cost scale 10, as the Solomon literature) or ``"exact"`` (unrounded, cost scale
    10,000); other formats ignore it.

    >>> import gongpei
    >>> inst = gongpei.read(gongpei.datasets.path("A-n32-k5"))
    >>> inst.name, inst.data.num_clients, inst.bks
    ('A-n32-k5', 31, 784.0)
    >>> gongpei.read(gongpei.datasets.path("C101"), solomon_rounding="exact").cost_scale
    10000
    """
    return Instance(_core.Instance.read(os.fspath(path), solomon_rounding))
