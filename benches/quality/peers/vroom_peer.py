"""VROOM through the PyPI `pyvroom` package: exploration level 5 (its highest), one thread.

Models CVRP and VRPTW. VROOM takes integer matrices (uint32): the integer matrix of `instance.py` is its
duration matrix, and with the default vehicle costs (`per_hour` 3600, no fixed or per-km cost) VROOM's
cost is the sum of travel durations, i.e. the distance the checker counts; service times are the jobs'
`default_service`, time windows the jobs' and the vehicles' (the depot's window). An unlimited fleet
gets `bounded_fleet` vehicles.

Time limit: `Input.solve(timeout=T)`. VROOM stops its local search at the timeout, but it also stops
earlier once its exploration level's searches are done, so T is an upper bound on its wall time, not a
budget it spends (the report gives every solver's wall seconds). VROOM may leave jobs unassigned when it
finds no place for them: the note says how many, and the checker then rejects the solution.
"""

from __future__ import annotations

from .instance import Instance, Solved, bounded_fleet

NAME = "vroom"
PACKAGE = "pyvroom"
MODELS = frozenset({"cvrp", "vrptw"})
TIME_LIMIT = "`Input.solve(exploration_level=5, nb_threads=1, timeout=T)`: an upper bound; it stops earlier " \
    "when its searches end"
EXPLORATION_LEVEL = 5


def solve(inst: Instance, time_limit: float, seed: int) -> Solved:
    """Solves `inst` within `time_limit` seconds (VROOM is deterministic: no seed)."""
    from datetime import timedelta

    import numpy as np
    import vroom

    del seed
    matrix = np.asarray(inst.distance, dtype=np.int64)
    if matrix.min() < 0 or matrix.max() >= 2**32:
        raise ValueError(f"{inst.name}: distances outside VROOM's uint32 range")
    problem = vroom.Input()
    problem.set_durations_matrix("car", matrix.astype(np.uint32))
    vehicle_tw = {"time_window": vroom.TimeWindow(*inst.tw[0])} if inst.tw else {}
    problem.add_vehicle([
        vroom.Vehicle(v + 1, start=0, end=0, capacity=[inst.capacity], **vehicle_tw)
        for v in range(bounded_fleet(inst))
    ])
    jobs = []
    for i in range(1, len(inst.demand)):
        kwargs = {}
        if inst.tw:
            kwargs = dict(default_service=inst.service[i], time_windows=[vroom.TimeWindow(*inst.tw[i])])
        jobs.append(vroom.Job(i, location=i, delivery=[inst.demand[i]], **kwargs))
    problem.add_job(jobs)
    solution = problem.solve(
        exploration_level=EXPLORATION_LEVEL, nb_threads=1, timeout=timedelta(seconds=time_limit)
    )
    steps = solution.routes
    routes = []
    for _, group in steps[steps["type"] == "job"].groupby("vehicle_id", sort=True):
        routes.append([int(loc) for loc in group["location_index"]])
    unassigned = int(solution.summary.unassigned)
    note = f"VROOM left {unassigned} job(s) unassigned" if unassigned else ""
    return Solved(routes, float(solution.summary.cost) / inst.scale, note)
