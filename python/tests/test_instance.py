"""Reading benchmark instances through gongpei-io: formats, BKS, .sol files, checker, errors."""

from __future__ import annotations

import pathlib
import pickle

import pytest

import gongpei
from conftest import DATA

INSTANCES = DATA / "instances"


@pytest.mark.parametrize(
    ("file", "fmt", "clients", "scale"),
    [
        ("A-n32-k5.vrp", "vrplib", 31, 1),
        ("E-n13-k4.vrp", "vrplib", 12, 1),
        ("C101.txt", "solomon", 100, 10),
        ("CON3-0.vrpspd", "vrplib", 50, 10_000),
        ("p01.txt", "cordeau", 50, 10_000),
    ],
)
def test_read_every_format(file: str, fmt: str, clients: int, scale: int) -> None:
    instance = gongpei.read(INSTANCES / file)
    assert instance.format == fmt
    assert instance.data.num_clients == clients
    assert instance.cost_scale == scale
    assert instance.bks is not None and instance.bks > 0
    assert file.split(".")[0] in repr(instance)


def test_solomon_exact_rounding() -> None:
    exact = gongpei.read(INSTANCES / "C101.txt", solomon_rounding="exact")
    assert exact.cost_scale == 10_000 and exact.rounding == "exact"
    with pytest.raises(gongpei.InvalidInputError, match="truncated"):
        gongpei.read(INSTANCES / "C101.txt", solomon_rounding="rounded")


def test_shipped_solution_matches_bks_and_checker() -> None:
    instance = gongpei.read(INSTANCES / "A-n32-k5.vrp")
    shipped = instance.read_solution(INSTANCES / "A-n32-k5.sol")
    assert shipped.feasible
    assert shipped.cost_in_file_unit == instance.bks == 784
    assert shipped.gap == 0
    independent = shipped.check()
    assert independent["feasible"] and independent["cost"] == shipped.cost


def test_solve_write_and_read_back(tmp_path: pathlib.Path) -> None:
    instance = gongpei.read(INSTANCES / "P-n16-k8.vrp")
    result = instance.solve(max_iterations=300, seed=1)
    assert result.feasible and result.gap is not None and result.gap >= 0
    assert result.check()["cost"] == result.cost
    path = tmp_path / "out.sol"
    result.write(path)
    text = path.read_text()
    assert text.splitlines()[-1] == f"Cost {result.cost}"
    again = instance.read_solution(path)
    assert again.cost == result.cost and again.routes == result.routes


def test_scaled_cost_in_file_unit() -> None:
    instance = gongpei.read(INSTANCES / "C101.txt")
    result = instance.solve(max_iterations=200, seed=1)
    assert result.cost_in_file_unit == result.cost / 10
    assert result.to_sol().splitlines()[-1] == f"Cost {result.cost // 10}.{result.cost % 10}"


def test_instances_and_their_results_pickle() -> None:
    instance = gongpei.read(INSTANCES / "E-n13-k4.vrp")
    copy = pickle.loads(pickle.dumps(instance))
    assert copy.data == instance.data and copy.bks == instance.bks
    result = instance.solve(max_iterations=100)
    again = pickle.loads(pickle.dumps(result))
    assert again.gap == result.gap and again.to_sol() == result.to_sol()


def test_malformed_files_name_file_and_line(tmp_path: pathlib.Path) -> None:
    text = (INSTANCES / "A-n32-k5.vrp").read_text().splitlines()
    demand = [line.strip() for line in text].index("DEMAND_SECTION")
    text[demand + 2] = "2 nineteen"
    bad = tmp_path / "bad.vrp"
    bad.write_text("\n".join(text) + "\n")
    with pytest.raises(ValueError, match=rf"bad\.vrp:{demand + 3}: .*nineteen"):
        gongpei.read(bad)
    with pytest.raises(gongpei.GongpeiError, match="nothing-here.vrp"):
        gongpei.read(tmp_path / "nothing-here.vrp")
    (tmp_path / "binary.vrp").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(gongpei.InvalidInputError, match="UTF-8"):
        gongpei.read(tmp_path / "binary.vrp")


def test_plot_of_instance_without_coordinates_in_model() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    result = gongpei.read(INSTANCES / "A-n32-k5.vrp").solve(max_iterations=100)
    ax = result.plot()
    assert "A-n32-k5" in ax.get_title() and len(ax.lines) == result.num_routes
    plt.close("all")


@pytest.mark.parametrize("strategy", ["hgs", "ils", "auto"])
def test_every_strategy_solves_to_a_checked_feasible_solution(strategy: str) -> None:
    instance = gongpei.read(INSTANCES / "A-n32-k5.vrp")
    first = instance.solve(max_iterations=400, seed=3, strategy=strategy)
    again = instance.solve(max_iterations=400, seed=3, strategy=strategy)
    assert first.feasible and first.check()["cost"] == first.cost
    assert first.cost == again.cost
    assert first.gap is not None and first.gap < 5


def test_unknown_strategy_is_rejected_by_name() -> None:
    instance = gongpei.read(INSTANCES / "A-n32-k5.vrp")
    with pytest.raises(gongpei.InvalidInputError, match="strategy"):
        instance.solve(max_iterations=10, strategy="tabu")
