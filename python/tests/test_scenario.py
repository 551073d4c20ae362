"""Scenario API: presets, JSON files, mode comparison, cost allocation, maps, errors, pickling."""

from __future__ import annotations

import json
import pathlib
import pickle

import pytest

import gongpei
from conftest import REPO

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
    assert list(table.index) == [
        "separate",
        "postal_express",
        "transport_postal",
        "combined",
        "express_pool",
        "express_pool_single",
        "commerce",
    ]
    assert table.loc["separate", "saving"] == 0
    # Every mode carries the same B2B replenishment of the commerce partners' shops.
    assert table["b2b_cases"].nunique() == 1 and table.loc["commerce", "b2b_cases"] > 0
    assert table.loc["commerce", "commerce_own_cost"] < table.loc["separate", "commerce_own_cost"]
    assert table["feasible"].all()
    assert (table["cost"] > 0).all() and (table["vehicles"] > 0).all()
    total = table.loc["separate", "cost"] - table.loc["combined", "cost"]
    assert table.loc["combined", "saving"] == pytest.approx(total)


def test_stakeholders_add_up_to_the_system_cost(comparison: gongpei.Comparison) -> None:
    frame = comparison.stakeholders()
    # The preset has commerce partners: they pay for their B2B goods beside the carriers.
    assert set(frame["kind"]) == {"carrier", "bus_operator", "station_keepers", "commerce_partners", "county"}
    partners = frame[frame["kind"] == "commerce_partners"].set_index("mode")
    assert (partners["parcels"] > 0).all() and (partners["cost"] > 0).all()
    assert (partners["income"] == 0).all()
    for mode, rows in frame.groupby("mode"):
        assert rows["net_cost"].sum() == pytest.approx(rows["system_cost"].iloc[0]), mode
        carriers = rows[rows["kind"] == "carrier"]
        assert list(carriers["stakeholder"]) == comparison.carriers
    # Station keepers earn the commission on every parcel the carriers move.
    one = comparison.stakeholders("separate")
    keepers = one[one["kind"] == "station_keepers"].iloc[0]
    assert keepers["income"] == pytest.approx(0.3 * keepers["parcels"])
    assert keepers["parcels"] == one[one["kind"] == "carrier"]["parcels"].sum()
    with pytest.raises(gongpei.InvalidInputError, match="no mode 'bus'"):
        comparison.stakeholders("bus")


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
    # Two players: nucleolus and least core are the same standard solution as Shapley.
    for method in ("nucleolus", "least_core"):
        other = scenario.allocate(method=method, iterations=ITERATIONS)
        assert other.attrs["rule"] == method
        assert other["saving"].tolist() == pytest.approx([saving / 2, saving / 2])
        assert other.attrs["least_core_epsilon"] == pytest.approx(-saving / 2)
        assert other.attrs["core_empty"] is bool(saving < 0)
    with pytest.raises(gongpei.InvalidInputError, match="unknown allocation method"):
        scenario.allocate(method="kernel", iterations=ITERATIONS)


def test_unknown_mode_and_preset_are_input_errors(
    scenario: gongpei.Scenario, comparison: gongpei.Comparison
) -> None:
    with pytest.raises(gongpei.InvalidInputError, match="unknown mode"):
        scenario.compare(modes=["teleport"], iterations=ITERATIONS)
    with pytest.raises(gongpei.InvalidInputError, match="unknown preset"):
        gongpei.Scenario.generate("atlantis")
    with pytest.raises(gongpei.InvalidInputError, match="was not planned"):
        comparison.plan("teleport")


def test_bus_choice_is_a_keyword_and_joint_is_never_worse(scenario: gongpei.Scenario) -> None:
    # Both bus modes honour the choice: 交邮合作 and combined (邮快合作 + 交邮合作).
    costs = {}
    for choice in ("greedy", "joint"):
        c = scenario.compare(
            iterations=0, modes=["transport_postal", "combined"], allocate=None, bus_choice=choice
        )
        assert c.effort["bus_choice"] == choice
        costs[choice] = c.modes().loc[["transport_postal", "combined"], "cost"]
        assert c.modes().loc["combined", "feasible"], choice
    for mode in ("transport_postal", "combined"):
        assert costs["joint"][mode] <= costs["greedy"][mode] + 1e-6, (mode, costs)
    with pytest.raises(gongpei.InvalidInputError, match="bus_choice"):
        scenario.compare(iterations=0, bus_choice="random")


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


def test_generate_any_district_from_its_folder() -> None:
    scenario = gongpei.Scenario.generate(division=REPO / "data/districts/pinggu", seed=1)
    data = scenario.to_dict()
    assert scenario.name == "110117-平谷区"
    assert data["metadata"]["district"] == {"code": "110117", "name": "平谷区"}
    assert sum(s["tier"] == "village_station" for s in data["sites"]) == 309
    text = scenario.to_json()
    for word in ("蓟州", "jizhou", "120119"):
        assert word not in text.lower()


def test_generate_takes_a_calibration_dict_or_file(tmp_path: pathlib.Path) -> None:
    folder = REPO / "data/districts/handmade"
    base = gongpei.Scenario.generate(division=folder, seed=1)
    more = gongpei.Scenario.generate(
        division=folder, seed=1, calibration={"parcels_per_day": 4000, "bus_lines": 1}
    )
    assert more.to_dict()["metadata"]["district"]["name"] == "样例县"
    parcels = lambda s: sum(d["parcels_in"] for d in s.to_dict()["demand"])  # noqa: E731
    assert parcels(more) > 10 * parcels(base)
    path = tmp_path / "calibration.json"
    path.write_text('{"parcels_per_day": 4000, "bus_lines": 1}', encoding="utf-8")
    assert gongpei.Scenario.generate(division=folder, seed=1, calibration=path).to_json() == more.to_json()
    defaults = gongpei.Scenario.default_calibration()
    assert defaults["parcels_per_day"] is None and defaults["bus_lines"] == 5
    assert gongpei.Scenario.default_calibration("jizhou")["parcels_per_day"] == 3200


def test_generate_errors_name_the_place(tmp_path: pathlib.Path) -> None:
    with pytest.raises(gongpei.errors.InvalidInputError, match="unknown_field"):
        gongpei.Scenario.generate(
            division=REPO / "data/districts/handmade", calibration={"unknown_field": 1}
        )
    for name in ("district.csv", "townships.csv"):
        (tmp_path / name).write_text(
            (REPO / "data/districts/handmade" / name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / "villages.csv").write_text(
        "code,name,township_code,lon,lat,coord_system\n1,甲村,990101999,,,\n", encoding="utf-8"
    )
    with pytest.raises(gongpei.errors.InvalidInputError, match=r"villages.csv, line 2: column township_code"):
        gongpei.Scenario.generate(division=tmp_path)
    with pytest.raises(gongpei.errors.InvalidInputError, match="either a preset or a division"):
        gongpei.Scenario.generate("small", division=tmp_path)


def test_fee_ranges_of_the_bus_lines() -> None:
    small = gongpei.Scenario.generate("small", seed=1)
    c = small.compare(iterations=0, modes=["transport_postal"], allocate=None, fee_range=True)
    ranges = c.fee_ranges()
    assert list(ranges.index) == [line["id"] for line in json.loads(small.to_json())["bus_lines"]]
    carrying = ranges[ranges["parcels"] > 0]
    assert (carrying["min_fee_per_parcel"] <= carrying["max_fee_per_parcel"] + 1e-9).all()
    assert (ranges["plans"] >= 1).all()
    plain = small.compare(iterations=0, modes=["transport_postal"], allocate=None)
    with pytest.raises(gongpei.InvalidInputError, match="fee_range=True"):
        plain.fee_ranges()
    with pytest.raises(gongpei.InvalidInputError, match="fee_range must be True or False"):
        small.compare(iterations=0, modes=["transport_postal"], allocate=None, fee_range="yes")  # type: ignore[arg-type]
