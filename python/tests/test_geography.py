"""Geography without traps: haversine metres, speeds to seconds, degree coordinates refused
without a matrix, all-zero distances refused, road matrices of a scenario."""

from __future__ import annotations

import math

import numpy as np
import pytest

import gongpei

# Beijing Tiananmen and Shanghai People's Square (WGS84): ~1,067 km apart on the sphere.
BEIJING = (116.3975, 39.9087)
SHANGHAI = (121.4737, 31.2304)


def test_haversine_reference_values() -> None:
    d = gongpei.haversine_matrix([BEIJING, SHANGHAI, (0.0, 0.0), (180.0, 0.0), (0.0, 90.0)])
    assert d.dtype == np.float64 and d.shape == (5, 5)
    assert np.allclose(np.diag(d), 0.0) and np.allclose(d, d.T)
    # Reference by an independent formula (spherical law of cosines) on the same sphere.
    lon1, lat1, lon2, lat2 = map(math.radians, (*BEIJING, *SHANGHAI))
    central = math.acos(
        math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    )
    assert d[0, 1] == pytest.approx(central * 6_371_008.8, rel=1e-9)
    assert 1_066_000 < d[0, 1] < 1_069_000
    # Half the equator and a quarter meridian.
    assert d[2, 3] == pytest.approx(math.pi * 6_371_008.8)
    assert d[2, 4] == pytest.approx(math.pi / 2 * 6_371_008.8)
    assert gongpei.haversine_matrix([BEIJING, SHANGHAI], detour=1.25)[0, 1] == pytest.approx(
        1.25 * d[0, 1]
    )


@pytest.mark.parametrize(
    "bad, words",
    [([[200.0, 0.0], [0.0, 0.0]], "row 0"), ([[0.0, 0.0, 1.0]], "shape"), ([[0, float("nan")]], "finite")],
)
def test_haversine_rejects_bad_points(bad: object, words: str) -> None:
    with pytest.raises(gongpei.InvalidInputError, match=words):
        gongpei.haversine_matrix(bad)
    with pytest.raises(gongpei.InvalidInputError, match="detour"):
        gongpei.haversine_matrix([BEIJING, SHANGHAI], detour=0.5)


def test_durations_from_speed() -> None:
    seconds = gongpei.durations_from_speed(np.array([[0.0, 30_000.0]]), speed_kmh=60)
    assert seconds.tolist() == [[0.0, 1800.0]]
    with pytest.raises(gongpei.InvalidInputError, match="speed_kmh"):
        gongpei.durations_from_speed([[1.0]], speed_kmh=0)


def _lonlat_model(**options: object) -> gongpei.Model:
    model = gongpei.Model(**options)  # type: ignore[arg-type]
    model.add_depot(x=117.4074, y=40.0452, name="hub")
    for k, (lon, lat) in enumerate([(117.4512, 40.0880), (117.3300, 40.1100), (117.5000, 39.9900)]):
        model.add_client(x=lon, y=lat, delivery=1, name=f"v{k}")
    model.add_vehicle_type(count=2, capacity=2)
    return model


def test_degree_coordinates_without_a_matrix_are_an_error_naming_the_fix() -> None:
    with pytest.raises(gongpei.InvalidInputError, match="longitude/latitude.*geometry='lonlat'"):
        _lonlat_model().solve(max_iterations=10)


def test_lonlat_geometry_gives_metres_and_seconds() -> None:
    model = _lonlat_model(geometry="lonlat", speed_kmh=36, detour=1.2)
    data = model.data()
    expected = np.rint(1.2 * gongpei.haversine_matrix(model.coordinates()))
    assert np.array_equal(data.distance_matrix(), expected.astype(np.int64))
    assert np.array_equal(data.duration_matrix(), np.rint(expected / 10).astype(np.int64))
    result = model.solve(max_iterations=50, seed=1)
    assert result.feasible and result.distance > 10_000


def test_all_zero_distances_are_refused() -> None:
    model = gongpei.Model()
    model.add_depot(x=100.0, y=100.0)  # not degrees (latitude > 90), yet all 0 when rounded
    model.add_client(x=100.2, y=100.1, delivery=1)
    model.add_vehicle_type(capacity=1)
    with pytest.raises(gongpei.InvalidInputError, match="every distance .* is 0"):
        model.data()
    model.set_distance_matrix(np.zeros((2, 2)))
    with pytest.raises(gongpei.InvalidInputError, match="every distance"):
        model.solve(max_iterations=1)
    model.coordinate_scale = 1000
    model._distances.clear()
    assert model.data().distance_matrix()[0, 1] == 224


def test_scenario_road_matrices_reach_python() -> None:
    scenario = gongpei.Scenario.generate("small", seed=1)
    hub = next(s["id"] for s in scenario.sites if s["tier"] == "district_hub")
    villages = [s["id"] for s in scenario.sites if s["tier"] == "village_station"][:3]
    ids, metres, seconds = scenario.travel_matrices([hub, *villages], profile="van")
    assert ids == [hub, *villages]
    assert metres.dtype == np.int64 and metres.shape == (4, 4)
    assert np.all(np.diag(metres) == 0) and np.all(metres[~np.eye(4, dtype=bool)] > 0)
    # Roads are never shorter than the great circle between the same points.
    lonlat = [(s["lon"], s["lat"]) for key in ids for s in scenario.sites if s["id"] == key]
    crow = gongpei.haversine_matrix(lonlat)
    assert np.all(metres >= np.floor(crow * 0.999))
    assert np.all(seconds[~np.eye(4, dtype=bool)] > 0)
    with pytest.raises(gongpei.InvalidInputError, match="not a site"):
        scenario.travel_matrices(["nowhere"])
    with pytest.raises(gongpei.InvalidInputError, match="profile"):
        scenario.travel_matrices([hub], profile="rocket")
