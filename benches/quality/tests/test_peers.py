"""Each peer adapter on tiny instances: every client served once, capacity and time windows kept, the
stated cost equal to the routes' cost on the given matrix; the one-solve worker (`python -m peers`) and,
when a gongpei binary is at hand, its .sol file through `gongpei check`. A test whose peer package is not
installed is skipped and says which package is missing (`pytest -rs` lists the reasons)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
from peers import PEERS, adapter, package_version
from peers.instance import Instance, bounded_fleet, write_sol

QUALITY = Path(__file__).resolve().parents[1]
REPO = QUALITY.parents[1]


def need(name: str) -> None:
    """Skips the test, naming the package, when peer `name` (or numpy) is not installed."""
    pytest.importorskip("numpy", reason="numpy not installed (the peer adapters build arrays)")
    package = adapter(name).PACKAGE
    if package_version(name) is None:
        pytest.skip(f"peer {name}: package {package} not installed (pip install {package})")


def grid_instance(with_tw: bool) -> Instance:
    """Eight clients on two rings around a depot at (50, 50); capacity 10 for demands of 3, so at least
    three routes; with time windows, the outer ring opens only after the inner ring can be served."""
    coords = [(50.0, 50.0)]
    for k in range(8):
        radius = 10.0 if k % 2 == 0 else 30.0
        angle = 2 * math.pi * k / 8
        coords.append((round(50 + radius * math.cos(angle)), round(50 + radius * math.sin(angle))))
    dist = [[math.floor(math.hypot(a[0] - b[0], a[1] - b[1]) + 0.5) for b in coords] for a in coords]
    inst = Instance(name="grid8", coords=coords, distance=dist, demand=[0] + [3] * 8, capacity=10,
                    fleet=8, unlimited_fleet=not with_tw)
    if with_tw:
        inst.fleet = 4
        inst.service = [0] + [5] * 8
        inst.tw = [(0, 400)] + [(0, 200) if k % 2 == 0 else (60, 300) for k in range(8)]
    return inst


def check_routes(inst: Instance, routes: list[list[int]], stated_cost: float) -> None:
    """Every client once, loads within capacity, time windows kept, stated cost = cost on the matrix."""
    visited = sorted(c for r in routes for c in r)
    assert visited == list(range(1, len(inst.demand)))
    cost = 0
    for route in (r for r in routes if r):
        assert sum(inst.demand[c] for c in route) <= inst.capacity
        path = [0, *route, 0]
        cost += sum(inst.distance[a][b] for a, b in zip(path, path[1:]))
        if inst.tw:
            t = inst.tw[0][0]
            for a, b in zip(path, path[1:]):
                t = max(t + inst.service[a] + inst.distance[a][b], inst.tw[b][0])
                assert t <= inst.tw[b][1], f"route {route} reaches {b} at {t}, after {inst.tw[b][1]}"
    assert len([r for r in routes if r]) <= (bounded_fleet(inst) if inst.unlimited_fleet else inst.fleet)
    assert stated_cost == pytest.approx(cost / inst.scale)


@pytest.mark.parametrize("name", PEERS)
def test_peer_solves_a_small_cvrp(name):
    need(name)
    inst = grid_instance(with_tw=False)
    solved = adapter(name).solve(inst, 1.0, 1)
    check_routes(inst, solved.routes, solved.stated_cost)
    assert solved.note == ""


@pytest.mark.parametrize("name", [p for p in PEERS if "vrptw" in adapter(p).MODELS])
def test_peer_solves_a_small_vrptw(name):
    need(name)
    inst = grid_instance(with_tw=True)
    solved = adapter(name).solve(inst, 1.0, 1)
    check_routes(inst, solved.routes, solved.stated_cost)


def test_hgs_models_cvrp_only():
    assert adapter("hgs").MODELS == {"cvrp"}
    need("hgs")
    with pytest.raises(ValueError, match="does not model time windows"):
        adapter("hgs").solve(grid_instance(with_tw=True), 1.0, 1)


def test_unknown_peer_is_named():
    with pytest.raises(ValueError, match="unknown peer solver 'lkh'"):
        adapter("lkh")


def test_sol_file_numbers_routes_and_keeps_the_cost(tmp_path):
    sol = tmp_path / "a.sol"
    write_sol(sol, [[1, 2], [], [3]], 1234567.5)
    assert sol.read_text() == "Route #1: 1 2\nRoute #2: 3\nCost 1234567.5\n"


def write_vrp(path: Path, inst: Instance) -> None:
    """`inst` as a VRPLIB EUC_2D file (its matrix is the nint-rounded Euclidean one)."""
    lines = [f"NAME : {inst.name}", "TYPE : CVRP", f"DIMENSION : {len(inst.coords)}",
             "EDGE_WEIGHT_TYPE : EUC_2D", f"CAPACITY : {inst.capacity}", "NODE_COORD_SECTION"]
    lines += [f"{i + 1} {x:g} {y:g}" for i, (x, y) in enumerate(inst.coords)]
    lines += ["DEMAND_SECTION", *[f"{i + 1} {d}" for i, d in enumerate(inst.demand)]]
    lines += ["DEPOT_SECTION", "1", "-1", "EOF"]
    path.write_text("\n".join(lines) + "\n")


def gongpei_binary() -> Path | None:
    """The CLI the tests may use: $GONGPEI_CLI, else a built target/release or target/ci binary."""
    for candidate in (os.environ.get("GONGPEI_CLI"), REPO / "target/release/gongpei", REPO / "target/ci/gongpei"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


@pytest.mark.parametrize("name", PEERS)
def test_worker_writes_a_sol_the_checker_accepts(tmp_path, name):
    need(name)
    pytest.importorskip("vrplib", reason="vrplib not installed (the worker reads VRPLIB files with it)")
    inst = grid_instance(with_tw=False)
    vrp, sol = tmp_path / "grid8.vrp", tmp_path / "grid8.sol"
    write_vrp(vrp, inst)
    proc = subprocess.run([sys.executable, "-m", "peers", name, str(vrp), "1", "1", str(sol)],
                          cwd=QUALITY, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout)
    assert set(answer) == {"stated_cost", "routes", "note", "wall_s", "cpu_s"}
    assert answer["wall_s"] > 0 and answer["cpu_s"] > 0
    text = sol.read_text()
    assert text.count("Route #") == answer["routes"] and text.endswith(f"Cost {answer['stated_cost']:.12g}\n")
    binary = gongpei_binary()
    if binary is None:
        pytest.skip("no gongpei binary (set GONGPEI_CLI or build target/release/gongpei) for the check")
    check = subprocess.run([str(binary), "check", str(vrp), str(sol), "--json"], capture_output=True, text=True)
    report = json.loads(check.stdout)
    assert report["feasible"] and report["problems"] == []
    assert report["cost"] == pytest.approx(answer["stated_cost"])


def test_worker_reports_bad_arguments_and_errors(tmp_path):
    usage = subprocess.run([sys.executable, "-m", "peers", "vroom"], cwd=QUALITY, capture_output=True, text=True)
    assert usage.returncode == 2 and "usage: python -m peers" in usage.stderr
    bad = subprocess.run([sys.executable, "-m", "peers", "vroom", "x.vrp", "ten", "1", "x.sol"], cwd=QUALITY,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "TIME_LIMIT 'ten' must be a number" in bad.stderr
    missing = subprocess.run([sys.executable, "-m", "peers", "lkh", str(tmp_path / "x.vrp"), "1", "1",
                              str(tmp_path / "x.sol")], cwd=QUALITY, capture_output=True, text=True)
    assert missing.returncode == 1 and "unknown peer solver 'lkh'" in missing.stderr


def test_run_turns_a_peer_crash_and_an_overrun_into_errors(tmp_path, monkeypatch):
    """run.py's `solve_peer` raises (and `run_table` then writes the message as the row's note) when
    the worker fails or overruns; neither needs a peer package installed."""
    import run
    from report import Run

    with pytest.raises(RuntimeError, match=r"exit 1: \w+Error"):
        run.solve_peer("vroom", tmp_path / "missing.vrp", 1.0, 1, tmp_path / "a.sol", Run("vroom"))
    # A deadline shorter than the interpreter's start: the worker is killed and that is the error.
    monkeypatch.setattr(run, "OVERRUN_FACTOR", 0.0)
    monkeypatch.setattr(run, "OVERRUN_SLACK", 0.001)
    with pytest.raises(RuntimeError, match=r"killed after 0.001 s \(limit 1 s\)"):
        run.solve_peer("vroom", tmp_path / "missing.vrp", 1.0, 1, tmp_path / "a.sol", Run("vroom"))
