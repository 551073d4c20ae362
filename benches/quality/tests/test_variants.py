"""The variant sets' part of the quality benchmark (`protocol.VARIANTS`): placing routes by vehicle for HFVRP
`.sol` files, reading `.sol` routes and VRPB loads, the linehaul-before-backhaul check, and, when PyVRP is
installed, that `pyvrp.read` with each set's `round_func` prices the bundled best-known solutions at the BKS
in the unit `pyvrp_cost_scale` claims, and that one short PyVRP solve of a small HFVRP file passes
`gongpei check` with its routes numbered by vehicle. Nothing here solves a big instance."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from protocol import (
    VARIANTS,
    backhaul_loads,
    precedence_violations,
    read_sol_routes,
    rounding_only,
    vehicle_numbered,
    vrplib_type,
)

QUALITY = Path(__file__).resolve().parents[1]
REPO = QUALITY.parents[1]
BUNDLED = REPO / "data/instances"

# One bundled copy per set, its kind and its BKS (data/instances/bks.csv).
BUNDLED_BKS = [
    ("C1_10_1", "pcvrptw", 24539.1),
    ("X110-HD", "hfvrp", 15859.34),
    ("X148-HVRP", "hfvrp", 80285.27),
    ("X-n524-50-k125", "vrpb", 154156.0),
]


def test_routes_take_the_next_vehicle_of_their_type():
    # Type 0 owns vehicles 0-1, type 1 vehicles 2-4: two type-1 routes and one type-0 route.
    vehicles = [[0, 1], [2, 3, 4]]
    placed = vehicle_numbered([(1, [5, 6]), (0, [7]), (1, [8]), (0, [])], vehicles)
    assert placed == [[7], [], [5, 6], [8]]
    assert vehicle_numbered([], vehicles) == []
    with pytest.raises(ValueError, match="vehicle type 0: more routes than its 2 vehicles"):
        vehicle_numbered([(0, [1]), (0, [2]), (0, [3])], vehicles)


def test_variant_conventions_match_the_folders():
    assert {k: v.vrplib_type for k, v in VARIANTS.items()} == {
        "pcvrptw": "PCVRPTW", "hfvrp": "HFVRP", "vrpb": "VRPB"}
    for name, kind, _ in BUNDLED_BKS:
        assert vrplib_type(BUNDLED / f"{name}.vrp") == VARIANTS[kind].vrplib_type
    assert VARIANTS["vrpb"].gongpei_flags == ("--vrpb-mixed",)
    assert "MIXED RELAXATION" in VARIANTS["vrpb"].description
    assert VARIANTS["hfvrp"].routes_by_vehicle and not VARIANTS["pcvrptw"].routes_by_vehicle


def test_sol_routes_keep_empty_routes_in_place():
    routes = read_sol_routes(BUNDLED / "X110-HD.sol")
    assert len(routes) == 13
    assert routes[4] == []  # Route #5 is empty: vehicle 5 is unused
    assert routes[0] == [68, 41, 12, 58]


def test_precedence_rule_on_routes(tmp_path):
    linehaul, backhaul = {1: 3, 2: 4}, {3: 5, 4: 1}
    assert precedence_violations([[1, 2, 3, 4], [2, 3]], linehaul, backhaul) == []
    # Route 2 puts a linehaul after a backhaul; route 3 is backhauls only; empty routes are not counted.
    assert precedence_violations([[1, 3], [], [3, 2], [4, 3]], linehaul, backhaul) == [2, 3]


def test_bundled_vrpb_loads_and_its_bks_keeps_linehauls_first():
    linehaul, backhaul = backhaul_loads(BUNDLED / "X-n524-50-k125.vrp")
    assert sum(1 for v in linehaul.values() if v > 0) == 262
    assert sum(1 for v in backhaul.values() if v > 0) == 261
    assert 0 not in linehaul or linehaul[0] == 0  # the depot (.sol id 0) carries nothing
    routes = read_sol_routes(BUNDLED / "X-n524-50-k125.sol")
    assert len(routes) == 155
    assert precedence_violations(routes, linehaul, backhaul) == []
    # Reversed, a route with both kinds breaks the rule.
    mixed = next(r for r in routes if any(backhaul.get(c, 0) for c in r) and any(linehaul.get(c, 0) for c in r))
    assert precedence_violations([mixed[::-1]], linehaul, backhaul) == [1]


def need_pyvrp():
    """Skips, naming the package, when PyVRP is not installed."""
    pytest.importorskip("pyvrp", reason="pyvrp not installed (pip install pyvrp)")


@pytest.mark.parametrize(("name", "kind", "bks"), BUNDLED_BKS)
def test_pyvrp_round_func_prices_the_bks_in_the_claimed_unit(name, kind, bks):
    need_pyvrp()
    import pyvrp

    variant = VARIANTS[kind]
    data = pyvrp.read(BUNDLED / f"{name}.vrp", round_func=variant.pyvrp_round_func)
    solution = pyvrp.read_solution(BUNDLED / f"{name}.sol", data)
    assert solution.is_feasible()
    cost = solution.distance_cost() + solution.fixed_vehicle_cost() + solution.uncollected_prizes()
    # PyVRP's exact convention rounds each arc to 1e-3, so HFVRP costs agree to a few hundredths.
    assert cost / variant.pyvrp_cost_scale == pytest.approx(bks, abs=0.05)


def test_pyvrp_worker_writes_hfvrp_routes_by_vehicle(tmp_path):
    need_pyvrp()
    out = tmp_path / "X110-HD.sol"
    instance = BUNDLED / "X110-HD.vrp"
    proc = subprocess.run([sys.executable, "-m", "peers", "pyvrp", str(instance), "1", "1", str(out), "hfvrp"],
                          cwd=QUALITY, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    answer = json.loads(proc.stdout.strip().splitlines()[-1])
    routes = read_sol_routes(out)
    # Route k is vehicle k: at most the 13 listed vehicles, every one of the 109 clients once.
    assert len(routes) <= 13 and answer["routes"] == sum(1 for r in routes if r)
    assert sorted(c for r in routes for c in r) == list(range(1, 110))
    cli = os.environ.get("GONGPEI_CLI")
    if not cli:
        pytest.skip("GONGPEI_CLI not set: the .sol was not checked by gongpei")
    check = subprocess.run([cli, "check", str(instance), str(out), "--json"], capture_output=True, text=True)
    report = json.loads(check.stdout)
    assert report["feasible"], report["problems"]
    assert report["cost"] == pytest.approx(answer["stated_cost"], abs=0.05)


def test_a_stated_cost_off_by_the_solvers_rounding_only_is_accepted():
    rounding = VARIANTS["hfvrp"].stated_cost_rounding
    stated_problem = ["stated cost 66596.88 differs from the recomputed 66596.869400 by 0.010600"]
    assert rounding_only(stated_problem, 66596.88, 66596.8694, rounding)
    assert not rounding_only(stated_problem, 66606.88, 66596.8694, rounding)  # 10 off: not rounding
    assert not rounding_only(stated_problem + ["route 1: load 60 exceeds capacity 54 (dimension 0)"],
                             66596.88, 66596.8694, rounding)
    assert not rounding_only([], 1.0, 1.0, rounding)
    assert not rounding_only(stated_problem, 66596.88, 66596.8694, VARIANTS["pcvrptw"].stated_cost_rounding)
