"""Ctrl-C (SIGINT) stops a solve promptly and raises KeyboardInterrupt."""

from __future__ import annotations

import os
import pathlib
import signal
import subprocess
import sys
import textwrap
import time

import pytest

TESTS = pathlib.Path(__file__).resolve().parent

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a subprocess needs POSIX")


def _interrupt_after(script: str, delay: float = 1.0) -> "tuple[int, str, float]":
    """Starts `script`, waits until it prints READY, sends SIGINT after `delay` seconds and
    returns (exit code, output, seconds from the signal to the process's end)."""
    # A child started from a background job (CI, `make test &`) inherits SIGINT as ignored, and Python
    # then installs no KeyboardInterrupt handler; restore the interactive default a user has.
    prologue = "import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n"
    proc = subprocess.Popen(
        [sys.executable, "-c", prologue + textwrap.dedent(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=TESTS,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "READY"
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    signalled = time.perf_counter()
    output, _ = proc.communicate(timeout=60)
    return proc.returncode, output, time.perf_counter() - signalled


def test_ctrl_c_interrupts_the_worker_machinery() -> None:
    code, output, latency = _interrupt_after(
        """
        from gongpei import _core
        print("READY", flush=True)
        try:
            _core._sleep_in_worker(60)
        except KeyboardInterrupt:
            print("INTERRUPTED")
        """
    )
    assert "INTERRUPTED" in output, output
    assert code == 0 and latency < 1.0


def test_ctrl_c_stops_a_long_solve() -> None:
    code, output, latency = _interrupt_after(
        """
        import time
        from conftest import random_model
        data = random_model(200, seed=2).data()
        print("READY", flush=True)
        started = time.perf_counter()
        try:
            import gongpei
            gongpei.solve(data, time_limit=60, seed=1)
            print("FINISHED", time.perf_counter() - started)
        except KeyboardInterrupt:
            print("INTERRUPTED")
        """
    )
    assert "INTERRUPTED" in output, output
    assert code == 0
    assert latency < 2.0, f"the solve took {latency:.2f}s to stop after SIGINT"
