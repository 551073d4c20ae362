"""The GIL is released while the engine works: two threads run side by side."""

from __future__ import annotations

import threading
import time
from typing import Callable, List

import gongpei
from conftest import random_model
from gongpei import _core


def _wall_time_of(jobs: List[Callable[[], object]]) -> float:
    threads = [threading.Thread(target=job) for job in jobs]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def test_boundary_releases_the_gil() -> None:
    # Engine-independent: the worker machinery itself must let another thread run.
    one = _wall_time_of([lambda: _core._sleep_in_worker(0.5)])
    two = _wall_time_of([lambda: _core._sleep_in_worker(0.5), lambda: _core._sleep_in_worker(0.5)])
    assert one >= 0.5
    assert two < 1.5 * one, f"two waits took {two:.2f}s, one took {one:.2f}s"


def test_two_solves_at_once_take_about_the_time_of_one() -> None:
    data = random_model(60, seed=5).data()
    limit = 1.0
    results: List[gongpei.Result] = []

    def job() -> None:
        results.append(gongpei.solve(data, time_limit=limit, seed=1))

    one = _wall_time_of([job])
    assert results[0].runtime >= 0.9 * limit, (
        f"the engine stopped after {results[0].runtime:.2f}s of a {limit}s time limit"
    )
    two = _wall_time_of([job, job])
    assert two < 1.5 * one, f"two solves took {two:.2f}s, one took {one:.2f}s"
    assert all(r.feasible for r in results)


def test_python_thread_keeps_running_during_a_solve() -> None:
    data = random_model(60, seed=6).data()
    ticks = 0
    done = threading.Event()

    def counter() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.01)

    thread = threading.Thread(target=counter)
    thread.start()
    try:
        gongpei.solve(data, time_limit=0.5)
    finally:
        done.set()
        thread.join()
    assert ticks >= 20, f"the other thread ran only {ticks} times in 0.5 s"
