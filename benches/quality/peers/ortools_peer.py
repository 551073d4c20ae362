"""OR-Tools (`pip install ortools`): the routing solver with guided local search, single thread.

Models CVRP and VRPTW. First solution by path-cheapest-arc for CVRP and by parallel cheapest insertion
for VRPTW, where path-cheapest-arc often finds none (R101). The time limit is the routing solver's own
`time_limit` search parameter (wall clock). An unlimited fleet gets `bounded_fleet` vehicles.
"""

from __future__ import annotations

from .instance import Instance, Solved, bounded_fleet

NAME = "ortools"
PACKAGE = "ortools"
MODELS = frozenset({"cvrp", "vrptw"})
TIME_LIMIT = "routing search parameter `time_limit` = T (wall clock)"


def solve(inst: Instance, time_limit: float, seed: int) -> Solved:
    """Solves `inst` for `time_limit` seconds (OR-Tools' local search is deterministic: no seed)."""
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    del seed
    n = len(inst.distance)
    vehicles = bounded_fleet(inst)
    manager = pywrapcp.RoutingIndexManager(n, vehicles, 0)
    routing = pywrapcp.RoutingModel(manager)
    dist = inst.distance

    def distance_cb(a: int, b: int) -> int:
        return dist[manager.IndexToNode(a)][manager.IndexToNode(b)]

    arc = routing.RegisterTransitCallback(distance_cb)
    routing.SetArcCostEvaluatorOfAllVehicles(arc)
    demand = inst.demand
    load = routing.RegisterUnaryTransitCallback(lambda a: demand[manager.IndexToNode(a)])
    routing.AddDimensionWithVehicleCapacity(load, 0, [inst.capacity] * vehicles, True, "Load")
    if inst.tw:
        service = inst.service

        def time_cb(a: int, b: int) -> int:
            i, j = manager.IndexToNode(a), manager.IndexToNode(b)
            return service[i] + dist[i][j]

        transit = routing.RegisterTransitCallback(time_cb)
        horizon = inst.tw[0][1]
        routing.AddDimension(transit, horizon, horizon, False, "Time")
        time_dim = routing.GetDimensionOrDie("Time")
        for node in range(1, n):
            time_dim.CumulVar(manager.NodeToIndex(node)).SetRange(*inst.tw[node])
        for v in range(vehicles):
            time_dim.CumulVar(routing.Start(v)).SetRange(*inst.tw[0])
            time_dim.CumulVar(routing.End(v)).SetRange(*inst.tw[0])
    params = pywrapcp.DefaultRoutingSearchParameters()
    strategies = routing_enums_pb2.FirstSolutionStrategy
    params.first_solution_strategy = (
        strategies.PARALLEL_CHEAPEST_INSERTION if inst.tw else strategies.PATH_CHEAPEST_ARC
    )
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(time_limit * 1000))
    solution = routing.SolveWithParameters(params)
    if solution is None:
        raise RuntimeError("OR-Tools found no solution")
    routes = []
    for v in range(vehicles):
        index = routing.Start(v)
        route = []
        while not routing.IsEnd(index):
            node = manager.IndexToNode(index)
            if node != 0:
                route.append(node)
            index = solution.Value(routing.NextVar(index))
        routes.append(route)
    return Solved(routes, solution.ObjectiveValue() / inst.scale)
