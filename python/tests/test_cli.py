"""Python and the `gongpei` command line give the same answer for the same instance and seed."""

from __future__ import annotations

import json
import pathlib
import subprocess

import pytest

import gongpei
from conftest import DATA

INSTANCES = DATA / "instances"


@pytest.mark.parametrize(
    ("file", "threads"),
    [("A-n32-k5.vrp", 1), ("P-n22-k8.vrp", 1), ("C101.txt", 1), ("p01.txt", 1), ("X-n101-k25.vrp", 2)],
)
def test_same_cost_as_cli(cli: pathlib.Path, file: str, threads: int) -> None:
    path = INSTANCES / file
    iterations = 300
    done = subprocess.run(
        [str(cli), "solve", str(path), "--seed", "7", "--threads", str(threads),
         "--max-iterations", str(iterations), "--json", "--quiet"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    from_cli = json.loads(done.stdout)
    result = gongpei.read(path).solve(seed=7, threads=threads, max_iterations=iterations)
    assert result.cost == from_cli["cost_integer"]
    assert result.feasible == from_cli["feasible"]
    assert result.num_routes == from_cli["routes"]
