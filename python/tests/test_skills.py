"""Client-vehicle compatibility from Python: vehicle ``features`` and clients'
``required_features`` (names, numbered into the engine's bit sets by the Model),
``forbidden_vehicle_types``; errors naming the client; the evaluator's violation text; the
round trip through ProblemData and pickling."""

from __future__ import annotations

import pickle

import pytest

import gongpei


def _model() -> gongpei.Model:
    m = gongpei.Model()
    m.add_depot(x=0, y=0)
    for k in range(12):
        m.add_client(
            x=(k * 37) % 50,
            y=(k * 11) % 40,
            delivery=2,
            required_features=["refrigerated"] if k % 3 == 0 else [],
            name=f"village {k}",
        )
    m.add_vehicle_type(count=3, capacity=20, fixed_cost=10, name="van")
    m.add_vehicle_type(
        count=2, capacity=10, fixed_cost=40, features=["refrigerated", "narrow"], name="cold"
    )
    return m


def test_clients_needing_a_feature_ride_only_vehicles_that_have_it() -> None:
    m = _model()
    m.clients[4].forbidden_vehicle_types = [0]
    result = m.solve(max_iterations=200, seed=2)
    assert result.feasible, result.violations
    cold = {c for r in result.routes if r.vehicle_type == 1 for c in r.clients}
    assert {0, 3, 6, 9, 4} <= cold
    assert m.features == ["refrigerated", "narrow"]
    data = m.data()
    assert data.vehicle_types()[1]["features"] == 0b11
    assert data.clients()[0]["required_features"] == 0b01
    assert data.clients()[4]["forbidden_vehicle_types"] == [0]


def test_a_required_feature_no_vehicle_has_is_an_error_naming_the_client() -> None:
    m = _model()
    m.add_client(x=3, y=3, required_features="crane", name="quarry")
    named = r"client 12 \('quarry'\): required feature 'crane'"
    with pytest.raises(gongpei.InvalidInputError, match=named):
        m.data()
    m.clients[-1].required_features = []
    m.clients[-1].forbidden_vehicle_types = [0, 1]
    unservable = "client 12.*cannot be served by any vehicle type"
    with pytest.raises(gongpei.InvalidInputError, match=unservable):
        m.data()


def test_the_evaluator_names_an_incompatible_assignment() -> None:
    data = _model().data()
    result = gongpei.Result.from_routes(data, [[0, 1, 2]])
    assert not result.feasible
    assert "route 0: client 0 on vehicle type 0 lacks feature 0 (bits 0x1)" in result.violations


def test_round_trip_and_pickle_keep_the_bits() -> None:
    data = _model().data()
    again = gongpei.Model.from_data(data)
    assert again.vehicle_types[1].features == ["bit 0", "bit 1"]
    assert again.data() == data
    assert pickle.loads(pickle.dumps(data)) == data


def test_forbidden_vehicle_types_accept_the_added_type() -> None:
    m = _model()
    van = m.vehicle_types[0]
    client = m.add_client(x=1, y=1, forbidden_vehicle_types=[van])
    assert client.forbidden_vehicle_types == [0]
    with pytest.raises(gongpei.InvalidInputError, match="was not added"):
        m.add_client(x=1, y=1, forbidden_vehicle_types=[gongpei.VehicleType()])
