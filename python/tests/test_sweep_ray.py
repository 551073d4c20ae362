"""gongpei.sweep on a real Ray cluster (a local one of 2 CPUs, started once for this file): 20
small-preset variants give the same rows as the local backend, a task whose worker dies is
retried or reported as a failed row, a checkpointed sweep resumes after an interruption, and
the coalition game's tasks give the local table. Skipped, saying why, when ray is missing
(`make test` installs it)."""

from __future__ import annotations

import os
import pathlib
import sys
from typing import Any, Iterator, List

import pytest

from gongpei import sweep

ray = pytest.importorskip("ray", reason="the Ray tests need ray (pip install 'gongpei[ray]'; make test installs it)")

import sweep_faults  # noqa: E402

QUICK = {"iterations": 0, "allocate": "none", "modes": ["postal_express"]}


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pathlib.Path]:
    """A local Ray cluster of 2 CPUs; its workers inherit the fault tasks' settings."""
    marker_dir = tmp_path_factory.mktemp("ray-faults")
    os.environ[sweep_faults.DIES_ONCE] = "v03"
    os.environ[sweep_faults.MARKER] = str(marker_dir / "died")
    os.environ[sweep_faults.ALWAYS_DIES] = "v05"
    # The fault module is shipped by value: Ray workers need not find the tests folder.
    ray.cloudpickle.register_pickle_by_value(sweep_faults)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": {"PYTHONPATH": os.pathsep.join(sys.path)}})  # fmt: skip
    try:
        yield marker_dir
    finally:
        ray.shutdown()
        for name in (sweep_faults.DIES_ONCE, sweep_faults.MARKER, sweep_faults.ALWAYS_DIES):
            os.environ.pop(name, None)


def twenty() -> List[sweep.Variant]:
    return sweep.grid(sweep.preset("small"), {"seed": [1, 2, 3, 4], "demand_scale": [0.5, 0.75, 1.0, 1.25, 1.5]},
                      common=QUICK)  # fmt: skip


def kpis(table: Any) -> List[Any]:
    return table.drop(columns=["seconds", "attempts"]).to_dict("records")


def test_twenty_variants_equal_the_local_backend(cluster: pathlib.Path) -> None:
    vs = twenty()
    on_ray = sweep.run_sweep(vs, backend="ray", progress=False)
    local = sweep.run_sweep(vs, backend="local", jobs=2, progress=False)
    assert len(on_ray) == 20 and set(on_ray["status"]) == {"ok"}
    assert kpis(on_ray) == kpis(local)


def test_a_dying_worker_is_retried_or_reported(cluster: pathlib.Path) -> None:
    vs = sweep.grid(sweep.preset("small"), {"seed": [1, 2, 3, 4, 5, 6]}, common=QUICK, prefix="v0")
    table = sweep.run_sweep(vs, backend="ray", max_retries=1, progress=False, task=sweep_faults.dying_task)
    by_id = table.set_index("id")
    assert (cluster / "died").exists(), "v03's first worker should have died"
    assert by_id.loc["v03", "status"] == "ok"
    assert by_id.loc["v05", "status"] == "failed"
    assert "died" in by_id.loc["v05", "error"] or "Worker" in by_id.loc["v05", "error"]
    assert len(table) == 6 and (by_id.drop(index="v05")["status"] == "ok").all()


def test_a_checkpointed_sweep_resumes(cluster: pathlib.Path, tmp_path: pathlib.Path) -> None:
    vs = twenty()[:6]
    checkpoint = tmp_path / "checkpoint.jsonl"
    # The interrupted run: only its first three variants reached the checkpoint.
    sweep.run_sweep(vs[:3], backend="ray", checkpoint=checkpoint, progress=False)
    with open(checkpoint, "a") as handle:
        handle.write('{"id": "v03", "hash": "')  # a line cut by the interruption
    resumed = sweep.run_sweep(vs, backend="ray", checkpoint=checkpoint, progress=False)
    assert len(sweep.read_checkpoint(checkpoint)) == 6
    assert list(resumed["id"]) == [v.id for v in vs] and set(resumed["status"]) == {"ok"}


def test_the_coalition_game_on_ray_equals_local(cluster: pathlib.Path) -> None:
    variant = sweep.Variant("game", sweep.preset("small"), changes={"iterations": 0, "allocate": "postal_express"})
    on_ray = sweep.coalition_game(variant, backend="ray", batch=8, progress=False)
    local = sweep.coalition_game(variant, backend="local", jobs=2, batch=32, progress=False)
    assert on_ray.costs == local.costs
    assert on_ray.raw == local.raw
