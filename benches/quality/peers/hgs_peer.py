"""HGS-CVRP (Vidal's hybrid genetic search with SWAP*) through the PyPI `hygese` package, single thread.

Models CVRP only: HGS-CVRP has capacity and an optional route-duration limit but no time windows, so
the VRPTW sets skip it. It gets the integer matrix of `instance.py` (as doubles) plus the coordinates,
which HGS-CVRP uses only for its SWAP* polar sectors; the vehicle limit is the instance's `k` for the
classic sets and HGS-CVRP's own default (a bound it derives from the demand) for an unlimited fleet.

Time limit: `AlgorithmParameters.timeLimit = T`, which HGS-CVRP measures with `clock()`, i.e. the
process's CPU time, not wall time; `nbIter` (iterations without improvement) then only triggers restarts,
so the search runs until T CPU seconds. On a loaded machine its wall time is therefore longer than T
(the report gives every solver's wall and CPU seconds).
"""

from __future__ import annotations

from .instance import Instance, Solved

NAME = "hgs"
PACKAGE = "hygese"
MODELS = frozenset({"cvrp"})
TIME_LIMIT = "`AlgorithmParameters.timeLimit` = T, measured by HGS-CVRP in process CPU time (`clock()`)"


def solve(inst: Instance, time_limit: float, seed: int) -> Solved:
    """Solves `inst` for `time_limit` CPU seconds with `seed`."""
    if inst.has_time_windows:
        raise ValueError(f"{inst.name}: HGS-CVRP does not model time windows")
    import hygese
    import numpy as np

    # hygese refuses negative coordinates; a common shift leaves the polar sectors (angles about the
    # depot) unchanged, and the distances come from the matrix anyway.
    xy = np.asarray(inst.coords, dtype=float)
    xy = xy - np.minimum(xy.min(axis=0), 0.0)
    data = {
        "x_coordinates": xy[:, 0],
        "y_coordinates": xy[:, 1],
        "distance_matrix": np.asarray(inst.distance, dtype=float),
        "demands": np.asarray(inst.demand, dtype=float),
        "vehicle_capacity": inst.capacity,
    }
    if not inst.unlimited_fleet:
        data["num_vehicles"] = inst.fleet
    params = hygese.AlgorithmParameters(timeLimit=float(time_limit), seed=int(seed))
    result = hygese.Solver(parameters=params, verbose=False).solve_cvrp(data)
    return Solved([list(r) for r in result.routes], result.cost / inst.scale)
