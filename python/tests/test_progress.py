"""Progress: the callback sees snapshots, can stop the search, and its exceptions propagate."""

from __future__ import annotations

from typing import List, Optional, Tuple

import pytest

import gongpei
from conftest import random_model


def test_callback_receives_progress_and_can_stop() -> None:
    data = random_model(80, seed=3).data()
    seen: List[Tuple[float, int, Optional[int], bool]] = []

    def callback(elapsed: float, iterations: int, best: Optional[int], feasible: bool) -> bool:
        seen.append((elapsed, iterations, best, feasible))
        return elapsed > 0.3

    result = gongpei.solve(data, time_limit=30, callback=callback)
    assert result.stopped_early and result.statistics["stopped_early"]
    assert result.runtime < 5
    assert seen and all(isinstance(s[1], int) for s in seen)
    assert [s[0] for s in seen] == sorted(s[0] for s in seen)


def test_callback_exception_propagates() -> None:
    data = random_model(80, seed=4).data()

    class Boom(Exception):
        pass

    def callback(elapsed: float, iterations: int, best: Optional[int], feasible: bool) -> None:
        raise Boom("from the callback")

    with pytest.raises(Boom, match="from the callback"):
        gongpei.solve(data, time_limit=30, callback=callback)


def test_tqdm_progress_bar(capsys: pytest.CaptureFixture[str]) -> None:
    model = random_model(40, seed=7)
    result = model.solve(time_limit=0.5, progress=True)
    assert result.feasible
    err = capsys.readouterr().err
    assert "solving" in err and "s" in err
    model.solve(max_iterations=200, progress=True)
    assert "solving" in capsys.readouterr().err


def test_callback_machinery_without_the_engine() -> None:
    from gongpei import _core

    seen: List[Tuple[float, int, Optional[int], bool]] = []

    def stop_after_a_few(elapsed: float, iterations: int, best: Optional[int], ok: bool) -> bool:
        seen.append((elapsed, iterations, best, ok))
        return len(seen) >= 3

    spent = _core._sleep_in_worker(30, stop_after_a_few)
    assert len(seen) == 3 and spent < 5
    assert all(best == iterations for _, iterations, best, _ in seen)

    def fail(elapsed: float, iterations: int, best: Optional[int], ok: bool) -> None:
        raise RuntimeError("callback failed")

    with pytest.raises(RuntimeError, match="callback failed"):
        _core._sleep_in_worker(30, fail)
