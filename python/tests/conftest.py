"""Shared fixtures: small reproducible models and the repository's paths."""

from __future__ import annotations

import pathlib

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
