"""Pickling: problem data, models and results survive a round trip (e.g. to worker processes)."""

from __future__ import annotations

import pickle

import numpy as np

import gongpei


def test_problem_data_pickles(small_model: gongpei.Model) -> None:
    small_model.set_distance_matrix(2 * small_model.data().distance_matrix(), profile=1)
    small_model.add_vehicle_type(count=1, capacity=20, profile=1, fixed_cost=7, name="truck")
    data = small_model.data()
    copy = pickle.loads(pickle.dumps(data))
    assert copy == data and copy is not data
    assert isinstance(copy, gongpei.ProblemData)
    np.testing.assert_array_equal(copy.distance_matrix(1), data.distance_matrix(1))
    assert copy.vehicle_types()[1]["name"] == "truck"


def test_result_and_model_pickle(small_model: gongpei.Model) -> None:
    result = small_model.solve(max_iterations=200, seed=3)
    copy = pickle.loads(pickle.dumps(result))
    assert copy.cost == result.cost and copy.routes == result.routes
    assert copy.data == result.data
    np.testing.assert_array_equal(copy.coordinates, result.coordinates)
    model = pickle.loads(pickle.dumps(small_model))
    assert model.data() == small_model.data()


def test_problem_data_not_equal_to_other_types(small_model: gongpei.Model) -> None:
    data = small_model.data()
    assert data != "data"
    small_model.clients[0].delivery = [5]
    assert small_model.data() != data
