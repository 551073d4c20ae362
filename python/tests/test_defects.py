"""Regression tests of the Python defects found by hostile probing (issue 13 item 5)."""

from __future__ import annotations

import json

import numpy as np
import pytest

import gongpei


def _tiny() -> gongpei.Model:
    model = gongpei.Model()
    model.add_depot(x=0, y=0)
    model.add_client(x=3, y=4, delivery=1)
    model.add_vehicle_type(capacity=1)
    return model


@pytest.mark.parametrize("seed", [-1, -(2**70), 2**64, 1.5, "1"])
def test_bad_seeds_are_named_errors_not_overflow(seed: object) -> None:
    with pytest.raises(gongpei.InvalidInputError, match="seed"):
        _tiny().solve(max_iterations=1, seed=seed)  # type: ignore[arg-type]


def test_largest_seed_is_accepted() -> None:
    assert _tiny().solve(max_iterations=1, seed=2**64 - 1).feasible


def test_numpy_errors_do_not_leak() -> None:
    model = _tiny()
    with pytest.raises(gongpei.InvalidInputError, match="matrix"):
        model.set_distance_matrix([[0, 1], [2]])
    with pytest.raises(gongpei.InvalidInputError, match="coordinates"):
        gongpei.euclidean_matrix([[0, 0], [1]])
    with pytest.raises(gongpei.InvalidInputError, match="matrix"):
        model.set_distance_matrix(np.array([["a", "b"], ["c", "d"]]))


@pytest.mark.parametrize("value", [1e300, np.uint64(2**64 - 1), 2**63])
def test_huge_values_are_too_large_not_negative(value: object) -> None:
    model = _tiny()
    model.clients[0].delivery = [value]  # type: ignore[list-item]
    with pytest.raises(gongpei.InvalidInputError, match="client 0: delivery.*too large") as err:
        model.data()
    assert "negative" not in str(err.value)


def test_a_profile_without_a_matrix_is_refused() -> None:
    model = _tiny()
    model.add_vehicle_type(capacity=1, profile=5)
    with pytest.raises(gongpei.InvalidInputError, match="vehicle type 1 uses profile 5"):
        model.data()


@pytest.mark.parametrize("scale", [0, -2, float("nan")])
def test_coordinate_scale_must_be_positive(scale: float) -> None:
    with pytest.raises(gongpei.InvalidInputError, match="coordinate_scale"):
        gongpei.Model(coordinate_scale=scale)


def test_a_non_callable_callback_is_refused() -> None:
    with pytest.raises(gongpei.InvalidInputError, match="callback must be callable"):
        _tiny().solve(max_iterations=1, callback=42)  # type: ignore[arg-type]
    with pytest.raises(gongpei.InvalidInputError, match="callback must be callable"):
        gongpei.Scenario.generate("small").compare(callback="no")  # type: ignore[arg-type]


def test_a_disconnected_road_graph_is_refused_as_the_cli_does() -> None:
    data = gongpei.Scenario.generate("small", seed=1).to_dict()
    village = next(s["id"] for s in data["sites"] if s["tier"] == "village_station")
    edges = data["roads"]["edges"]
    data["roads"]["edges"] = [e for e in edges if village not in (e["from"], e["to"])]
    assert len(data["roads"]["edges"]) < len(edges)
    with pytest.raises(gongpei.InvalidInputError, match="road network"):
        gongpei.Scenario.from_json_str(json.dumps(data))


def test_mistyped_keywords_suggest_the_right_one() -> None:
    with pytest.raises(TypeError, match="did you mean 'time_limit'"):
        _tiny().solve(time_limt=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="did you mean 'delivery'"):
        gongpei.Model().add_client(x=0, y=0, delivry=3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="did you mean 'iterations'"):
        gongpei.Scenario.generate("small").compare(iteration=5)  # type: ignore[call-arg]


def test_unbounded_defaults_show_by_name() -> None:
    import inspect

    assert "tw_late: 'Number' = UNBOUNDED" in str(inspect.signature(gongpei.Model.add_client))
    assert repr(gongpei.UNBOUNDED) == "UNBOUNDED" and gongpei.UNBOUNDED == (2**63 - 1) // 8
