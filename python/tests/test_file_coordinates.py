"""Benchmark results keep their meaning: the file's coordinates and node ids travel with the
instance and its results, and plots draw them."""

from __future__ import annotations

import numpy as np
import pytest

import gongpei


@pytest.mark.parametrize("name", ["A-n32-k5", "X-n101-k25"])
def test_vrplib_coordinates_give_the_instance_distances(name: str) -> None:
    inst = gongpei.datasets.read(name)
    assert inst.coordinates is not None
    assert np.array_equal(gongpei.euclidean_matrix(inst.coordinates), inst.data.distance_matrix())
    assert len(inst.node_ids) == inst.data.num_locations and inst.node_ids[0] == 1


@pytest.mark.parametrize("name, depot", [("C101", (40.0, 50.0)), ("p01", (20.0, 20.0)), ("r101", (35.0, 35.0))])
def test_other_formats_read_their_coordinates(name: str, depot: tuple) -> None:
    inst = gongpei.datasets.read(name)
    assert inst.coordinates is not None
    assert inst.coordinates.shape == (inst.data.num_locations, 2)
    assert tuple(inst.coordinates[0]) == depot


def test_plots_of_benchmark_results_use_the_file_coordinates() -> None:
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    inst = gongpei.datasets.read("A-n32-k5")
    result = inst.solve(max_iterations=20, seed=1)
    assert inst.coordinates is not None and result.coordinates is not None
    assert np.array_equal(result.coordinates, inst.coordinates)
    ax = result.plot(annotate=True)
    clients = ax.collections[0].get_offsets()
    assert np.array_equal(np.asarray(clients), inst.coordinates[1:])
    labels = {text.get_text() for text in ax.texts}
    names = [client["name"] for client in inst.data.clients()]
    assert labels == set(names) and names[0] == f"node {inst.node_ids[1]}"  # not 0-based indices
    assert "recovered" not in ax.get_xlabel()
