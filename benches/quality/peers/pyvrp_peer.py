"""PyVRP (`pip install pyvrp`): hybrid genetic search, `pyvrp.solve` with `MaxRuntime(T)`, single thread.

Models CVRP and VRPTW, on the integer matrix of `instance.py` for both distance and duration, and the
variant sets (`protocol.VARIANTS`: PCVRPTW, HFVRP, VRPB), which PyVRP reads itself with `pyvrp.read` and the
set's `round_func` (`solve_file`). The time limit is PyVRP's own wall-clock stopping criterion.
"""

from __future__ import annotations

from pathlib import Path

from .instance import Instance, Solved

NAME = "pyvrp"
PACKAGE = "pyvrp"
MODELS = frozenset({"cvrp", "vrptw", "pcvrptw", "hfvrp", "vrpb"})
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


def solve_file(path: Path, kind: str, time_limit: float, seed: int) -> Solved:
    """Solves the variant-set file `path` (`kind` a key of `protocol.VARIANTS`) as `pyvrp.read` models it.
    Routes are lists of .sol client ids (location indices, depot 0); for sets whose route k is driven by
    vehicle k they are placed by vehicle (`protocol.vehicle_numbered`), empty routes included."""
    import pyvrp
    from protocol import VARIANTS, vehicle_numbered

    variant = VARIANTS[kind]
    data = pyvrp.read(path, round_func=variant.pyvrp_round_func)
    result = pyvrp.solve(data, pyvrp.stop.MaxRuntime(time_limit), seed=seed, display=False)
    typed = [(route.vehicle_type(), [act.idx + data.num_depots for act in route if act.is_client()])
             for route in result.best.routes()]
    if variant.routes_by_vehicle:
        # `pyvrp.read` names each type after the 0-based indices of its listed vehicles.
        vehicles_of_type = [[int(v) for v in vt.name.split(",")] for vt in data.vehicle_types()]
        routes = vehicle_numbered(typed, vehicles_of_type)
    else:
        routes = [visits for _, visits in typed]
    note = "" if result.is_feasible() else "PyVRP reports its best solution infeasible"
    return Solved(routes, result.cost() / variant.pyvrp_cost_scale, note)
