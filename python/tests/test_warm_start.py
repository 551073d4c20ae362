"""Warm starts from Python: ``initial_solution=`` (an earlier Result or a list of routes),
``fixed_routes=`` and ``pinned_clients=`` on gongpei.solve, Model.solve and Instance.solve; typed errors naming the route,
position and client; never worse than a feasible start; deterministic."""

from __future__ import annotations

import pickle

import pytest

import gongpei
from conftest import random_model


def test_a_result_restarts_no_worse_and_says_how_it_started() -> None:
    model = random_model(60, seed=3, capacity=40)
    first = model.solve(max_iterations=20, seed=1)
    assert first.feasible and first.warm_start is None
    again = model.solve(max_iterations=0, seed=2, initial_solution=first)
    assert again.feasible and again.cost <= first.cost
    assert again.warm_start == gongpei.WarmStart(first.cost, True, [])
    # Plain lists of client indices work too, and the answer is the same for the same seed.
    routes = [route.clients for route in first.routes]
    a = gongpei.solve(model.data(), max_iterations=300, seed=4, initial_solution=routes)
    b = gongpei.solve(model.data(), max_iterations=300, seed=4, initial_solution=routes)
    assert [r.clients for r in a.routes] == [r.clients for r in b.routes]
    assert a.cost <= first.cost
    assert pickle.loads(pickle.dumps(a)).warm_start == a.warm_start


def test_fixed_routes_come_back_unchanged() -> None:
    model = random_model(40, seed=5, capacity=40)
    first = model.solve(max_iterations=30, seed=1)
    keep = [first.routes[2].clients, first.routes[0].clients]
    result = model.solve(max_iterations=200, seed=1, initial_solution=first, fixed_routes=[2, 0])
    assert result.feasible
    assert [r.clients for r in result.routes[:2]] == keep
    others = {c for r in result.routes[2:] for c in r.clients}
    assert not others & set(keep[0] + keep[1])
    assert result.warm_start is not None and result.warm_start.fixed_routes == [2, 0]


def test_an_infeasible_start_is_repaired() -> None:
    model = random_model(30, seed=7, capacity=40)
    everyone = [list(range(30))]
    result = model.solve(max_iterations=100, initial_solution=everyone)
    assert result.feasible
    assert result.warm_start is not None and not result.warm_start.initial_feasible


def test_bad_starts_raise_typed_errors_naming_route_position_and_client() -> None:
    model = random_model(10, seed=1)
    with pytest.raises(gongpei.InitialSolutionError) as caught:
        model.solve(max_iterations=5, initial_solution=[[0, 1], [2, 1]])
    e = caught.value
    assert (e.route, e.position, e.client) == (1, 1, 1)
    assert str(e) == "route 1, position 1: client 1 is already visited by route 0, position 1"
    assert isinstance(e, gongpei.InvalidInputError) and isinstance(e, ValueError)
    with pytest.raises(gongpei.InitialSolutionError, match=r"client 10 does not exist") as caught:
        model.solve(max_iterations=5, initial_solution=[[0], [3, 10]])
    assert (caught.value.route, caught.value.position, caught.value.client) == (1, 1, 10)
    with pytest.raises(gongpei.InitialSolutionError, match=r"route 0, position 1: client: -2"):
        model.solve(max_iterations=5, initial_solution=[[0, -2]])
    with pytest.raises(gongpei.InitialSolutionError, match="no such route"):
        model.solve(max_iterations=5, initial_solution=[[0]], fixed_routes=[3])
    with pytest.raises(gongpei.InitialSolutionError, match="needs initial_solution"):
        model.solve(max_iterations=5, fixed_routes=[0])
    with pytest.raises(gongpei.InitialSolutionError, match="on no route") as caught:
        model.solve(max_iterations=5, initial_solution=[[0, 1]], pinned_clients=[1, 4])
    assert caught.value.client == 4
    with pytest.raises(gongpei.InitialSolutionError, match="a gongpei.Result or a list"):
        model.solve(max_iterations=5, initial_solution=7)  # type: ignore[arg-type]
    # Several vehicle types: a bare client list does not say which one drives.
    model.add_vehicle_type(count=1, capacity=100, name="truck")
    with pytest.raises(gongpei.InitialSolutionError, match="2 vehicle types") as caught:
        model.solve(max_iterations=5, initial_solution=[(1, [0, 1]), [2]])
    assert caught.value.route == 1
    with pytest.raises(gongpei.InitialSolutionError, match="one route more of vehicle type 1"):
        model.solve(max_iterations=5, initial_solution=[(1, [0]), (1, [2])])
    ok = model.solve(max_iterations=50, initial_solution=[(1, [0, 1, 2])], fixed_routes=[0])
    assert ok.routes[0].vehicle_type == 1 and ok.routes[0].clients == [0, 1, 2]


def test_an_instance_restarts_from_its_solution_file() -> None:
    inst = gongpei.datasets.read("A-n32-k5")
    best = inst.read_solution(gongpei.datasets.path("A-n32-k5").with_suffix(".sol"))
    result = inst.solve(max_iterations=0, initial_solution=best, fixed_routes=[1])
    assert result.cost == best.cost and result.gap == 0
    assert result.routes[0].clients == best.routes[1].clients


def test_pinned_clients_stay_together() -> None:
    model = random_model(40, seed=9, capacity=40)
    # A poor start (clients in index order, five a route), so the search has to move things.
    start = [list(range(k, k + 5)) for k in range(0, 40, 5)]
    start_cost = gongpei.Result.from_routes(model.data(), start).cost
    together, apart = [0, 2, 4], 5
    result = model.solve(
        max_iterations=300, seed=1, initial_solution=start, pinned_clients=together + [apart]
    )
    assert result.feasible and result.cost < start_cost
    home = {c: k for k, r in enumerate(result.routes) for c in r.clients}
    assert len({home[c] for c in together}) == 1
    assert home[apart] != home[together[0]]
