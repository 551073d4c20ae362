"""Units: fractional costs and loads with a documented scale, integral floats and numpy scalars
accepted, costs reported back in the user's unit."""

from __future__ import annotations

import numpy as np
import pytest

import gongpei

POINTS = [(0, 10), (10, 10), (10, 0), (5, 3), (2, 8)]


def _model(cost_scale: float, fixed: float, per_unit: float, delivery: object) -> gongpei.Model:
    model = gongpei.Model(cost_scale=cost_scale)
    model.add_depot(x=0, y=0)
    for x, y in POINTS:
        model.add_client(x=x, y=y, delivery=delivery)  # type: ignore[arg-type]
    model.add_vehicle_type(count=3, capacity=5, fixed_cost=fixed, unit_distance_cost=per_unit)
    return model


def test_float_costs_plan_like_the_scaled_integer_model() -> None:
    floats = _model(100, fixed=12.5, per_unit=0.9, delivery=2.0).solve(max_iterations=300, seed=3)
    ints = _model(1, fixed=1250, per_unit=90, delivery=2).solve(max_iterations=300, seed=3)
    assert [r.clients for r in floats.routes] == [r.clients for r in ints.routes]
    assert floats.cost == ints.cost
    assert floats.cost_in_user_unit == pytest.approx(ints.cost / 100)
    assert ints.cost_in_user_unit == ints.cost


def test_integral_floats_and_numpy_scalars_are_accepted_everywhere() -> None:
    model = gongpei.Model()
    model.add_depot(x=np.float32(0), y=np.int64(0), tw_late=np.int32(1000))
    model.add_client(x=3, y=4, delivery=np.int16(2), service_duration=60.0, tw_late=np.float64(900))
    model.add_vehicle_type(
        count=np.uint8(2), capacity=[np.int64(5)], fixed_cost=np.float64(10.0), max_duration=500.0
    )
    result = model.solve(max_iterations=np.int64(10), seed=np.uint64(7), threads=np.int8(1))
    assert result.cost == 20 and result.feasible


def test_fractions_without_a_scale_name_the_field_and_the_fix() -> None:
    model = _model(1, fixed=0, per_unit=0.9, delivery=1)
    with pytest.raises(gongpei.InvalidInputError, match=r"vehicle type 0: unit_distance_cost.*cost_scale"):
        model.data()


def test_load_scale_turns_fractional_loads_into_integers() -> None:
    model = gongpei.Model(load_scale=10)
    model.add_depot(x=0, y=0)
    model.add_client(x=3, y=4, delivery=0.5)
    model.add_vehicle_type(capacity=1.5)
    assert model.data().clients()[0]["delivery"] == [5]
    assert model.data().vehicle_types()[0]["capacity"] == [15]


@pytest.mark.parametrize("option", ["cost_scale", "load_scale", "coordinate_scale", "speed_kmh"])
@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf")])
def test_scales_must_be_positive(option: str, value: float) -> None:
    with pytest.raises(gongpei.InvalidInputError, match=option):
        gongpei.Model(**{option: value})  # type: ignore[arg-type]
