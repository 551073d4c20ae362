"""Scenario API: presets, JSON files, mode comparison, cost allocation, maps, errors, pickling."""

from __future__ import annotations

import json
import pathlib
import pickle

import pytest
from conftest import REPO

import gongpei

ITERATIONS = 50  # small engine budget: these tests check the plumbing, not plan quality
KEEP = {"china_post", "zto"}


@pytest.fixture(scope="module")
def scenario() -> gongpei.Scenario:
    """The small preset cut down to two carriers, so the allocation game has 3 coalitions."""
    data = gongpei.Scenario.generate("small", seed=1).to_dict()
    carriers = {c["id"] for c in data["carriers"]}
    data["carriers"] = [c for c in data["carriers"] if c["id"] in KEEP]
    data["demand"] = [d for d in data["demand"] if d["carrier"] in KEEP]
    data["vehicle_types"] = [
        v for v in data["vehicle_types"] if v["operator"] not in carriers - KEEP
    ]
    data["name"] = "small-two-carriers"
    return gongpei.Scenario.from_json_str(json.dumps(data))


@pytest.fixture(scope="module")
def comparison(scenario: gongpei.Scenario) -> gongpei.Comparison:
    return scenario.compare(iterations=ITERATIONS)


def test_generate_is_deterministic() -> None:
    scenario = gongpei.Scenario.generate("small", seed=1)
    assert gongpei.Scenario.generate("small", seed=1).to_json() == scenario.to_json()
    assert gongpei.Scenario.generate("small", seed=2).to_json() != scenario.to_json()
    assert scenario.name == "small"
    assert any(site["tier"] == "district_hub" for site in scenario.sites)


def test_compare_modes_table(scenario: gongpei.Scenario, comparison: gongpei.Comparison) -> None:
    table = scenario.compare_modes(iterations=ITERATIONS)
    assert table.equals(comparison.modes())  # served from the cache
    assert list(table.index) == ["separate", "postal_express", "transport_postal", "combined"]
    assert table.loc["separate", "saving"] == 0
    assert table["feasible"].all()
    assert (table["cost"] > 0).all() and (table["vehicles"] > 0).all()
    total = table.loc["separate", "cost"] - table.loc["combined", "cost"]
    assert table.loc["combined", "saving"] == pytest.approx(total)


def test_shapley_allocation(scenario: gongpei.Scenario, comparison: gongpei.Comparison) -> None:
    shares = scenario.allocate(method="shapley", iterations=ITERATIONS)
    assert shares.attrs["rule"] == "shapley"
    assert shares["share"].sum() == pytest.approx(shares.attrs["joint_cost"])
    assert list(shares.index) == comparison.carriers == ["china_post", "zto"]
    standalone = shares["standalone"]
    # Two players: the Shapley value splits the joint saving equally.
    saving = standalone.sum() - shares.attrs["joint_cost"]
    assert shares["saving"].tolist() == pytest.approx([saving / 2, saving / 2])
    assert (shares["share"] > 0).all()
    proportional = scenario.allocate(method="proportional_volume", iterations=ITERATIONS)
    assert proportional["share"].sum() == pytest.approx(shares.attrs["joint_cost"])
    with pytest.raises(gongpei.InvalidInputError, match="unknown allocation method"):
        scenario.allocate(method="nucleolus", iterations=ITERATIONS)


def test_unknown_mode_and_preset_are_input_errors(
    scenario: gongpei.Scenario, comparison: gongpei.Comparison
) -> None:
    with pytest.raises(gongpei.InvalidInputError, match="unknown mode"):
        scenario.compare(modes=["teleport"], iterations=ITERATIONS)
    with pytest.raises(gongpei.InvalidInputError, match="unknown preset"):
        gongpei.Scenario.generate("atlantis")
    with pytest.raises(gongpei.InvalidInputError, match="was not planned"):
        comparison.plan("teleport")


def test_bad_json_names_path_and_line(scenario: gongpei.Scenario, tmp_path: pathlib.Path) -> None:
    data = scenario.to_dict()
    data["demand"][3]["parcels_in"] = "many"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data, indent=1))
    with pytest.raises(ValueError, match=r"bad\.json.*demand\[3\]\.parcels_in.*line"):
        gongpei.Scenario.from_json(path)
    with pytest.raises(gongpei.GongpeiError, match="missing.json"):
        gongpei.Scenario.from_json(tmp_path / "missing.json")


def test_json_round_trip_and_bundled_example(scenario: gongpei.Scenario, tmp_path: pathlib.Path) -> None:
    path = tmp_path / "s.json"
    scenario.to_json(path)
    assert gongpei.Scenario.from_json(path).to_json() == scenario.to_json()
    copy = gongpei.Scenario.from_json(path)
    assert copy.name == "small-two-carriers"
    bundled = REPO / "examples" / "scenarios" / "small_seed1.json"
    assert gongpei.Scenario.from_json(bundled).name == "small"


def test_scenario_pickles(scenario: gongpei.Scenario) -> None:
    copy = pickle.loads(pickle.dumps(scenario))
    assert copy.to_json() == scenario.to_json()


def test_map_plot(scenario: gongpei.Scenario, comparison: gongpei.Comparison) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = scenario.plot()
    assert ax.get_xlabel() == "longitude"
    ax = scenario.plot(mode="combined", comparison=comparison)
    assert len(ax.lines) == len(comparison.plan("combined")["routes"])
    plt.close("all")
