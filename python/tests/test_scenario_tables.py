"""Scenario tables from Python: DataFrames out and back in (identical scenario), folders and
workbooks, and errors naming the table, row and column."""

from __future__ import annotations

import pathlib

import pytest

import gongpei
from gongpei.errors import InvalidInputError

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def small() -> gongpei.Scenario:
    return gongpei.Scenario.generate("small", seed=1)


def test_tables_are_dataframes_of_every_table(small: gongpei.Scenario) -> None:
    tables = small.tables()
    assert {"sites", "roads", "carriers", "depots", "demand", "vehicle_types", "costs"} <= set(
        tables
    )
    sites = tables["sites"]
    assert isinstance(sites, pd.DataFrame)
    assert len(sites) == len(small.sites)
    assert list(sites.columns[:6]) == ["id", "name", "code", "tier", "lon", "lat"]
    assert sites["lon"].tolist() == [s["lon"] for s in small.sites]  # exact floats
    costs = tables["costs"].set_index("key")
    assert costs.loc["shared_hub", "value"] == "hub"


def test_dataframes_round_trip_to_an_identical_scenario(small: gongpei.Scenario) -> None:
    back = gongpei.Scenario.from_tables(small.tables())
    assert back.to_json() == small.to_json()


def test_edited_dataframes_are_read(small: gongpei.Scenario) -> None:
    tables = small.tables()
    demand = tables["demand"]
    demand.loc[0, "parcels_in"] = 42
    back = gongpei.Scenario.from_tables(tables)
    assert back.to_dict()["demand"][0]["parcels_in"] == 42


def test_folder_and_workbook_round_trip(small: gongpei.Scenario, tmp_path: pathlib.Path) -> None:
    folder = small.to_tables(tmp_path / "tables")
    assert (pathlib.Path(folder) / "sites.csv").is_file()
    assert gongpei.Scenario.from_tables(folder).to_json() == small.to_json()
    book = small.to_tables(tmp_path / "small.xlsx", xlsx=True)
    assert book.endswith("small.xlsx")
    assert gongpei.Scenario.from_tables(book).to_json() == small.to_json()


def test_an_error_names_the_table_row_and_column(small: gongpei.Scenario) -> None:
    tables = small.tables()
    tables["demand"].loc[3, "kg_in"] = "heavy"
    tables["sites"] = tables["sites"].rename(columns={"lat": "latt"})
    with pytest.raises(InvalidInputError) as info:
        gongpei.Scenario.from_tables(tables)
    message = str(info.value)
    # DataFrame row 3 is line 5 of its CSV form (header = line 1).
    assert 'table demand, line 5, column kg_in: "heavy" is not a whole number' in message
    assert 'column latt: unknown column "latt" in table sites (did you mean "lat"?)' in message


def test_validation_problems_are_mapped_to_rows(small: gongpei.Scenario) -> None:
    tables = small.tables()
    tables["demand"].loc[0, "parcels_in"] = -5
    with pytest.raises(InvalidInputError, match=r"table demand, line 2, column parcels_in: must be >= 0"):
        gongpei.Scenario.from_tables(tables)


def test_a_missing_folder_is_an_input_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(InvalidInputError, match="no such folder or workbook"):
        gongpei.Scenario.from_tables(tmp_path / "nowhere")
