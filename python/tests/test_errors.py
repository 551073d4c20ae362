"""Errors: the exception hierarchy, the engine's messages and panics at the boundary."""

from __future__ import annotations

import numpy as np
import pytest

import gongpei
from gongpei import _core


def test_hierarchy() -> None:
    assert issubclass(gongpei.InvalidInputError, gongpei.GongpeiError)
    assert issubclass(gongpei.InvalidInputError, ValueError)
    assert issubclass(gongpei.InternalError, gongpei.GongpeiError)
    assert not issubclass(gongpei.InternalError, ValueError)


def test_engine_validation_message_names_item_and_field(small_model: gongpei.Model) -> None:
    small_model.add_client(x=1, y=1, delivery=-3, name="Xiaying")
    with pytest.raises(ValueError, match=r"client 3.*delivery\[0\] = -3 is negative"):
        small_model.data()


def test_wrong_types_name_the_field(small_model: gongpei.Model) -> None:
    small_model.clients[0].tw_early = 1.5
    with pytest.raises(gongpei.InvalidInputError, match="client 0: tw_early: 1.5 is not a whole"):
        small_model.data()


def test_bad_matrices() -> None:
    depot = gongpei.Depot().to_core()
    client = gongpei.Client(delivery=[1]).to_core()
    vehicle = gongpei.VehicleType(capacity=[1]).to_core()
    square = np.zeros((2, 2), dtype=np.int64)
    with pytest.raises(gongpei.InvalidInputError, match="distance matrix 0: shape \\[2, 3\\]"):
        _core.ProblemData([depot], [client], [vehicle], [np.zeros((2, 3))], [square])
    nan = np.array([[0.0, np.nan], [1.0, 0.0]])
    with pytest.raises(gongpei.InvalidInputError, match=r"duration matrix 0.*\(0, 1\)"):
        _core.ProblemData([depot], [client], [vehicle], [square], [nan])
    with pytest.raises(gongpei.InvalidInputError, match="int64 or float64"):
        _core.ProblemData([depot], [client], [vehicle], [square], ["not a matrix"])  # type: ignore[list-item]
    with pytest.raises(gongpei.InvalidInputError, match="missing field `prize`"):
        bad = dict(client)
        del bad["prize"]
        _core.ProblemData([depot], [bad], [vehicle], [square], [square])


def test_bad_solve_parameters(small_model: gongpei.Model) -> None:
    with pytest.raises(gongpei.InvalidInputError, match="threads"):
        small_model.solve(threads=0)
    with pytest.raises(gongpei.InvalidInputError, match="time_limit"):
        small_model.solve(time_limit=-1)
    with pytest.raises(gongpei.InvalidInputError, match="time_limit"):
        small_model.solve(time_limit=float("nan"))


def test_panic_becomes_internal_error() -> None:
    with pytest.raises(gongpei.InternalError, match="internal error.*boom 42"):
        _core._panic_in_worker("boom 42")
    # Every kind of panic payload becomes readable text.
    with pytest.raises(gongpei.InternalError, match="a literal panic message"):
        _core._panic_in_worker("", payload="literal")
    with pytest.raises(gongpei.InternalError, match="unknown panic payload"):
        _core._panic_in_worker("", payload="other")
    with pytest.raises(ValueError, match="payload"):
        _core._panic_in_worker("", payload="nonsense")
    # The module still works afterwards.
    assert _core._sleep_in_worker(0.01) >= 0.01
