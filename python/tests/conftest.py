"""Shared fixtures: small reproducible models and the repository's paths."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess

import numpy as np
import pytest

import gongpei

REPO = pathlib.Path(__file__).resolve().parents[2]
DATA = REPO / "data"


def random_model(num_clients: int, seed: int = 0, capacity: int = 50) -> gongpei.Model:
    """A CVRP on integer coordinates in a 100 x 100 square, depot in the middle."""
    rng = np.random.default_rng(seed)
    model = gongpei.Model()
    model.add_depot(x=50, y=50, name="depot")
    for k in range(num_clients):
        x, y = rng.integers(0, 101, size=2)
        model.add_client(x=float(x), y=float(y), delivery=int(rng.integers(1, 11)), name=f"c{k}")
    vehicles = max(2, 2 * (num_clients * 6) // capacity)
    model.add_vehicle_type(count=vehicles, capacity=capacity)
    return model


@pytest.fixture
def small_model() -> gongpei.Model:
    """Three clients on a 10 x 10 square, two vehicles of capacity 10 (optimum 54)."""
    model = gongpei.Model()
    model.add_depot(x=0, y=0, name="hub")
    for name, (x, y) in zip("abc", [(0, 10), (10, 10), (10, 0)]):
        model.add_client(x=x, y=y, delivery=4, name=name)
    model.add_vehicle_type(count=2, capacity=10, name="van")
    return model


@pytest.fixture(scope="session")
def cli() -> pathlib.Path:
    """The `gongpei` binary: `GONGPEI_CLI` (as `make test` sets, to the binary built with the
    extension's profile), else the release build, built if needed (cargo is needed to build the
    package anyway)."""
    given = os.environ.get("GONGPEI_CLI")
    if given:
        binary = pathlib.Path(given)
        assert binary.exists(), f"GONGPEI_CLI={given} does not exist"
        return binary
    binary = REPO / "target" / "release" / ("gongpei.exe" if os.name == "nt" else "gongpei")
    if not binary.exists():
        cargo = shutil.which("cargo")
        assert cargo, "cargo is needed to build the gongpei command line"
        subprocess.run([cargo, "build", "--release", "-p", "gongpei-cli"], cwd=REPO, check=True)
    return binary
