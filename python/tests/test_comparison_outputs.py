"""Report outputs of a comparison in Python: routes GeoJSON along the roads, the report tables
as DataFrames, and the .xlsx workbook, matching the plans they come from."""

from __future__ import annotations

import pathlib

import pandas as pd
import pytest

import gongpei

ITERATIONS = 20  # the plumbing is under test, not plan quality


@pytest.fixture(scope="module")
def comparison() -> gongpei.Comparison:
    return gongpei.Scenario.generate("small", seed=1).compare(iterations=ITERATIONS)


def _routes(comparison: gongpei.Comparison) -> list:
    return [
        (mode["mode"], route) for mode in comparison.raw["modes"] for route in mode["plan"]["routes"]
    ]


def test_routes_geojson_has_one_line_per_route_along_the_roads(
    comparison: gongpei.Comparison,
) -> None:
    fc = comparison.routes_geojson()
    assert isinstance(fc, dict) and fc["type"] == "FeatureCollection"
    assert fc["geometry"] == "roads"
    lines = [f for f in fc["features"] if f["properties"]["kind"] == "route"]
    planned = _routes(comparison)
    assert len(lines) == len(planned)
    for feature, (mode, route) in zip(lines, planned):
        props = feature["properties"]
        assert props["mode"] == mode
        assert props["operator"] == route["operator"]
        assert props["stops"] == len(route["stops"])
        assert props["cost_cny"] == pytest.approx(route["cost"])
        coords = feature["geometry"]["coordinates"]
        # Along the roads: at least one vertex per leg, more where roads bend through sites.
        assert len(coords) >= len(route["stops"]) + 1
    sites = [f for f in fc["features"] if f["properties"]["kind"] == "site"]
    assert sum(f["properties"]["tier"] == "village_station" for f in sites) == 34
    # A copy: changing it does not change the comparison.
    fc["features"].clear()
    assert comparison.routes_geojson()["features"]


def test_tables_are_dataframes_that_add_up(comparison: gongpei.Comparison) -> None:
    tables = comparison.tables()
    assert list(tables) == comparison.table_names
    assert set(tables) >= {"modes", "carriers", "townships", "routes", "stops", "bus_loads"}
    assert "allocation" in tables  # the default compare allocates
    routes = tables["routes"]
    assert isinstance(routes, pd.DataFrame)
    assert len(routes) == len(_routes(comparison))
    assert {"distance_km", "cost_cny", "duration_h", "load_pct"} <= set(routes.columns)
    for mode in comparison.raw["modes"]:
        cost = routes.loc[routes["mode"] == mode["mode"], "cost_cny"].sum()
        assert cost == pytest.approx(sum(r["cost"] for r in mode["plan"]["routes"]))
    stops = tables["stops"]
    assert len(stops) == sum(len(r["stops"]) for _, r in _routes(comparison))
    modes = tables["modes"].set_index("mode")
    assert modes.loc["separate", "cost_cny"] == pytest.approx(
        comparison.modes().loc["separate", "cost"]
    )
    townships = tables["townships"]
    # Townships without a trunk delivery have no trunk arrival: a missing value, not "".
    assert townships.loc[townships["mode"] == "separate", "trunk_arrival_hhmm"].isna().all()
    carriers = tables["carriers"]
    assert len(carriers) == len(comparison.raw["modes"]) * len(comparison.carriers)


def test_to_excel_writes_every_table_as_a_sheet(
    comparison: gongpei.Comparison, tmp_path: pathlib.Path
) -> None:
    path = tmp_path / "report" / "tables.xlsx"
    comparison.to_excel(path)
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == comparison.table_names
    routes = comparison.table("routes")
    back = sheets["routes"]
    assert list(back.columns) == list(routes.columns)
    assert back["cost_cny"].tolist() == pytest.approx(routes["cost_cny"].tolist())
    assert back["route"].tolist() == routes["route"].tolist()


def test_output_errors_name_the_problem(
    comparison: gongpei.Comparison, tmp_path: pathlib.Path
) -> None:
    with pytest.raises(gongpei.InvalidInputError, match="unknown table 'nope'; available: modes"):
        comparison.table("nope")
    bare = gongpei.Comparison(comparison.raw)
    with pytest.raises(gongpei.InvalidInputError, match="no report outputs"):
        bare.routes_geojson()
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OSError, match="file"):
        comparison.to_excel(blocker / "tables.xlsx")
