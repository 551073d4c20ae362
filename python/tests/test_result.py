"""Result: routes and schedules, pandas table, plot, CVRPLIB .sol output, evaluation of given routes."""

from __future__ import annotations

import pathlib

import gongpei


def test_schedule_is_consistent(small_model: gongpei.Model) -> None:
    result = small_model.solve(max_iterations=300)
    dist = small_model.data().distance_matrix()
    for route in result.routes:
        assert [v.client for v in route.schedule] == route.clients
        path = [0, *(1 + c for c in route.clients), 0]
        assert route.distance == sum(dist[a, b] for a, b in zip(path, path[1:]))
        assert route.schedule[0].arrival == route.start_time + dist[0, 1 + route.clients[0]]
    assert result.distance == sum(route.distance for route in result.routes)
    assert result.num_routes == len(result.routes) == 2
    assert result.statistics.keys() == {"iterations", "runtime", "stopped_early"}
    assert "cost=54" in repr(result)


def test_to_pandas(small_model: gongpei.Model) -> None:
    result = small_model.solve(max_iterations=300)
    frame = result.to_pandas()
    assert len(frame) == 3
    assert sorted(frame["name"]) == ["a", "b", "c"]
    assert list(frame.columns[:4]) == ["route", "vehicle_type", "position", "client"]
    assert (frame["late"] == 0).all()


def test_plot_returns_axes(small_model: gongpei.Model) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = small_model.solve(max_iterations=300)
    fig, ax = plt.subplots()
    assert result.plot(ax=ax) is ax
    assert len(ax.lines) == result.num_routes
    assert "cost 54" in ax.get_title()
    plt.close(fig)
    ax2 = result.plot(annotate=True)
    assert ax2 is not None
    plt.close("all")


def test_plot_without_coordinates_uses_a_layout_from_distances() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    model = gongpei.Model()
    model.add_depot()
    model.add_client(delivery=1)
    model.add_client(delivery=1)
    model.add_vehicle_type(capacity=1, count=2)
    model.set_distance_matrix([[0, 3, 4], [3, 0, 5], [4, 5, 0]])
    ax = model.solve(max_iterations=10).plot()
    assert "distance matrix" in ax.get_xlabel()
    plt.close("all")


def test_write_cvrplib_sol(small_model: gongpei.Model, tmp_path: pathlib.Path) -> None:
    result = small_model.solve(max_iterations=300)
    path = tmp_path / "small.sol"
    result.write(path)
    lines = path.read_text().splitlines()
    assert lines[-1] == "Cost 54"
    routes = [[int(t) - 1 for t in line.split(":")[1].split()] for line in lines[:-1]]
    assert all(line.startswith(f"Route #{k + 1}: ") for k, line in enumerate(lines[:-1]))
    assert routes == [route.clients for route in result.routes]
    again = gongpei.Result.from_routes(small_model.data(), routes)
    assert again.cost == 54 and again.feasible


def test_from_routes_reports_violations(small_model: gongpei.Model) -> None:
    data = small_model.data()
    bad = gongpei.Result.from_routes(data, [[0, 1, 2]])
    assert not bad.feasible and not bad.is_feasible()
    assert bad.violations == ["route 0: load 12 exceeds capacity 10 in dimension 0"]
    missing = gongpei.Result.from_routes(data, [(0, [0])])
    assert any("client 1 is not visited" in v for v in missing.violations)
    unknown = gongpei.Result.from_routes(data, [(0, [7])])
    assert any("client 7 does not exist" in v for v in unknown.violations)
