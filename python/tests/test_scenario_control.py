"""Scenario work behaves like solve: Ctrl-C, progress bar, time limit, callback, optional
dependencies checked before any work, results naming their mode and effort."""

from __future__ import annotations

import sys
import time

import pytest
from test_interrupt import _interrupt_after

import gongpei


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a subprocess needs POSIX")
def test_ctrl_c_stops_compare_within_two_seconds() -> None:
    code, output, latency = _interrupt_after(
        """
        import threading
        import gongpei
        scenario = gongpei.Scenario.generate("jizhou", seed=1)
        print("READY", flush=True)
        try:
            scenario.compare(iterations=2000)
            print("FINISHED")
        except KeyboardInterrupt:
            print("INTERRUPTED", threading.active_count())
        """,
        delay=2.0,
    )
    assert "INTERRUPTED 1" in output, output  # no thread of ours left behind
    assert code == 0
    assert latency < 2.0, f"compare took {latency:.2f}s to stop after SIGINT"


def test_progress_bar_counts_subproblems(capsys: pytest.CaptureFixture[str]) -> None:
    scenario = gongpei.Scenario.generate("small", seed=1)
    seen: list = []
    comparison = scenario.compare(
        iterations=20, allocate=None, progress=True, callback=lambda t, n: seen.append(n)
    )
    err = capsys.readouterr().err
    assert "comparing" in err and "sub-problem" in err
    assert comparison.effort["iterations_per_subproblem"] == 20
    assert comparison.effort["subproblems_solved"] > 0
    assert seen == sorted(seen)


def test_time_limit_and_callback_stop_compare() -> None:
    scenario = gongpei.Scenario.generate("jizhou", seed=1)
    started = time.perf_counter()
    with pytest.raises(gongpei.StoppedError, match="time_limit of 1.0 s"):
        scenario.compare(iterations=2000, time_limit=1.0)
    assert time.perf_counter() - started < 4.0
    started = time.perf_counter()
    with pytest.raises(gongpei.StoppedError, match="callback asked to stop"):
        scenario.compare(iterations=2000, callback=lambda elapsed, solved: elapsed > 0.5)
    assert time.perf_counter() - started < 4.0


def test_exceptions_in_the_callback_propagate() -> None:
    def fail(elapsed: float, solved: int) -> None:
        raise RuntimeError("from the callback")

    with pytest.raises(RuntimeError, match="from the callback"):
        gongpei.Scenario.generate("jizhou", seed=1).compare(callback=fail)


def test_missing_pandas_is_reported_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    scenario = gongpei.Scenario.generate("jizhou", seed=1)
    monkeypatch.setitem(sys.modules, "pandas", None)
    started = time.perf_counter()
    with pytest.raises(ImportError, match="allocate needs pandas"):
        scenario.allocate("shapley")
    with pytest.raises(ImportError, match="compare_modes needs pandas"):
        scenario.compare_modes()
    assert time.perf_counter() - started < 0.5


def test_missing_tqdm_is_reported_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tqdm", None)
    with pytest.raises(ImportError, match="tqdm"):
        gongpei.Scenario.generate("small", seed=1).compare(progress=True)


def test_results_say_their_mode_and_effort() -> None:
    scenario = gongpei.Scenario.generate("small", seed=1)
    comparison = scenario.compare(iterations=10, allocate="postal_express")
    modes = comparison.modes()
    assert modes.attrs["iterations_per_subproblem"] == 10 and "note" in modes.columns
    shares = comparison.allocation("shapley")
    assert shares.attrs["mode"] == "postal_express"
    assert shares.attrs["iterations_per_subproblem"] == 10
