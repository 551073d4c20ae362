"""The Model builder: locations, matrices from numpy or coordinates, validation messages."""

from __future__ import annotations

import numpy as np
import pytest

import gongpei


def test_small_model_solves_to_optimum(small_model: gongpei.Model) -> None:
    result = small_model.solve(max_iterations=500, seed=1)
    assert result.feasible and result.violations == []
    assert result.cost == 54
    assert sorted(c for route in result.routes for c in route.clients) == [0, 1, 2]
    assert all(route.vehicle_type == 0 for route in result.routes)


def test_euclidean_rounding_is_nint_with_scale() -> None:
    xy = np.array([[0.0, 0.0], [1.0, 1.0], [0.25, 0.0], [0.35, 0.0]])
    m = gongpei.euclidean_matrix(xy)
    assert m.dtype == np.int64
    assert m[0, 1] == 1  # sqrt(2) = 1.414 -> 1
    assert m[0, 2] == 0 and m[0, 3] == 0
    scaled = gongpei.euclidean_matrix(xy, scale=10)
    assert scaled[0, 1] == 14 and scaled[0, 2] == 3 and scaled[0, 3] == 4  # 2.5 rounds up
    with pytest.raises(gongpei.InvalidInputError, match="shape"):
        gongpei.euclidean_matrix(np.zeros((3, 3)))


def test_coordinate_scale_changes_matrix(small_model: gongpei.Model) -> None:
    small_model.coordinate_scale = 10
    assert small_model.data().distance_matrix()[0, 2] == 141
    assert small_model.solve(max_iterations=200).cost == 541  # 100 + 141 + 100 + 200


def test_explicit_int_and_float_matrices() -> None:
    model = gongpei.Model()
    model.add_depot()
    model.add_client(delivery=1)
    model.add_client(delivery=1)
    model.add_vehicle_type(count=1, capacity=2)
    dist = np.array([[0, 3, 4], [3, 0, 5], [4, 5, 0]], dtype=np.int32)
    model.set_distance_matrix(dist)
    data = model.data()
    np.testing.assert_array_equal(data.distance_matrix(), dist)
    np.testing.assert_array_equal(data.duration_matrix(), dist)  # defaults to distances
    assert model.solve(max_iterations=100).cost == 12

    model.set_distance_matrix(dist.astype(float) + 0.4)
    model.set_duration_matrix(np.full((3, 3), 2.5))
    data = model.data()
    assert data.distance_matrix()[0, 1] == 3
    assert data.duration_matrix()[0, 1] == 3  # halves round away from zero


def test_non_contiguous_and_fortran_matrices_are_read_correctly() -> None:
    base = np.arange(36, dtype=np.int64).reshape(6, 6) * 0 + np.abs(
        np.subtract.outer(np.arange(6), np.arange(6))
    )
    model = gongpei.Model()
    model.add_depot()
    model.add_client(delivery=1)
    model.add_client(delivery=1)
    model.add_vehicle_type(capacity=5)
    strided = base[::2, ::2]
    assert not strided.flags.c_contiguous
    model.set_distance_matrix(strided)
    np.testing.assert_array_equal(model.data().distance_matrix(), strided)
    fortran = np.asfortranarray(np.array([[0, 1, 2], [7, 0, 3], [8, 9, 0]]))
    model.set_distance_matrix(fortran)
    np.testing.assert_array_equal(model.data().distance_matrix(), fortran)


def test_depots_by_object_and_multi_depot() -> None:
    model = gongpei.Model()
    west = model.add_depot(x=0, y=0, name="west")
    east = model.add_depot(x=100, y=0, name="east")
    model.add_client(x=1, y=0, delivery=1)
    model.add_client(x=99, y=0, delivery=1)
    model.add_vehicle_type(count=1, capacity=5, start_depot=west)
    model.add_vehicle_type(count=1, capacity=5, start_depot=east)
    assert model.vehicle_types[1].start_depot == 1 and model.vehicle_types[1].end_depot == 1
    result = model.solve(max_iterations=300)
    assert result.feasible
    assert result.cost == 4
    with pytest.raises(gongpei.InvalidInputError, match="not added"):
        model.add_vehicle_type(start_depot=gongpei.Depot())


def test_multi_dimensional_loads_pickups_and_time_windows() -> None:
    model = gongpei.Model()
    model.add_depot(x=0, y=0)
    model.add_client(x=0, y=10, delivery=[2, 30], pickup=[0, 50], tw_early=20, tw_late=40,
                     service_duration=5)  # fmt: skip
    model.add_vehicle_type(count=1, capacity=[5, 100])
    result = model.solve(max_iterations=50)
    assert result.feasible
    (route,) = result.routes
    assert route.delivery == [2, 30] and route.pickup == [0, 50]
    (visit,) = route.schedule
    assert visit.arrival >= 10 and visit.service_start == max(20, visit.arrival)
    assert route.end_time == visit.service_start + 5 + 10


def test_missing_matrix_without_coordinates_is_reported() -> None:
    model = gongpei.Model()
    model.add_depot()
    model.add_client(delivery=1)
    model.add_vehicle_type(capacity=1)
    with pytest.raises(gongpei.InvalidInputError, match="no distance matrix"):
        model.data()


def test_from_data_round_trip(small_model: gongpei.Model) -> None:
    data = small_model.data()
    copy = gongpei.Model.from_data(data, coordinates=small_model.coordinates())
    assert copy.data() == data
    assert copy.clients[1].name == "b" and copy.clients[1].x == 10
    assert copy.solve(max_iterations=100).cost == small_model.solve(max_iterations=100).cost


def test_problem_data_accessors(small_model: gongpei.Model) -> None:
    data = small_model.data()
    assert (data.num_depots, data.num_clients, data.num_locations) == (1, 3, 4)
    assert (data.num_vehicle_types, data.num_vehicles, data.num_load_dims) == (1, 2, 1)
    assert data.num_profiles == 1
    assert data.clients()[0]["delivery"] == [4] and data.clients()[0]["pickup"] == [0]
    assert data.depots()[0]["name"] == "hub"
    assert data.vehicle_types()[0]["name"] == "van"
    assert "num_clients=3" in repr(data)
    with pytest.raises(gongpei.InvalidInputError, match="profile 3"):
        data.distance_matrix(3)


def test_solve_without_stopping_criterion_uses_the_default_time_limit(
    small_model: gongpei.Model, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gongpei.model

    monkeypatch.setattr(gongpei.model, "DEFAULT_TIME_LIMIT", 0.3)
    result = small_model.solve()
    assert 0.25 <= result.runtime < 5 and result.cost == 54
