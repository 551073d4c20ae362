"""PyVRP (`pip install pyvrp`): hybrid genetic search, `pyvrp.solve` with `MaxRuntime(T)`, single thread.

Models CVRP and VRPTW. The time limit is PyVRP's own wall-clock stopping criterion. The matrix is the
integer matrix of `instance.py` for both distance and duration.
"""

from __future__ import annotations

from .instance import Instance, Solved

NAME = "pyvrp"
PACKAGE = "pyvrp"
MODELS = frozenset({"cvrp", "vrptw"})
TIME_LIMIT = "`pyvrp.stop.MaxRuntime(T)`: wall clock, checked between iterations"


def solve(inst: Instance, time_limit: float, seed: int) -> Solved:
    """Solves `inst` for `time_limit` seconds with `seed`."""
    import numpy as np
    import pyvrp

    n = len(inst.distance)
    locations = [pyvrp.Location(x, y) for x, y in inst.coords]
    horizon = inst.tw[0][1] if inst.tw else None
    clients = []
    for i in range(1, n):
        kwargs = {}
        if inst.tw:
            kwargs = dict(service_duration=inst.service[i], tw_early=inst.tw[i][0], tw_late=inst.tw[i][1])
        clients.append(pyvrp.Client(i, delivery=[inst.demand[i]], **kwargs))
    depot = pyvrp.Depot(0, tw_early=inst.tw[0][0], tw_late=horizon) if inst.tw else pyvrp.Depot(0)
    vt_kwargs = dict(tw_early=inst.tw[0][0], tw_late=horizon) if inst.tw else {}
    vehicle = pyvrp.VehicleType(inst.fleet, capacity=[inst.capacity], **vt_kwargs)
    matrix = np.asarray(inst.distance, dtype=np.int64)
    data = pyvrp.ProblemData(locations, clients, [depot], [vehicle], [matrix], [matrix])
    result = pyvrp.solve(data, pyvrp.stop.MaxRuntime(time_limit), seed=seed, display=False)
    routes = [[act.idx + 1 for act in route if act.is_client()] for route in result.best.routes()]
    note = "" if result.is_feasible() else "PyVRP reports its best solution infeasible"
    return Solved(routes, result.cost() / inst.scale, note)
