"""Typing and documentation: stubs match the compiled module, the package type-checks, doctests pass."""

from __future__ import annotations

import doctest
import importlib
import pathlib
import subprocess
import sys

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parents[1] / "gongpei"


def _run(*args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=PACKAGE.parent
    )


def test_stubs_match_compiled_module() -> None:
    done = _run("mypy.stubtest", "gongpei._core")
    assert done.returncode == 0, done.stdout + done.stderr


def test_package_type_checks() -> None:
    done = _run("mypy", "gongpei", "tests")
    assert done.returncode == 0, done.stdout + done.stderr


def test_py_typed_marker_is_shipped() -> None:
    import gongpei

    installed = pathlib.Path(gongpei.__file__).parent
    assert (installed / "py.typed").exists()
    assert (installed / "_core.pyi").exists()


@pytest.mark.parametrize(
    "module", ["gongpei", "gongpei.errors", "gongpei._types", "gongpei.model", "gongpei.result", "gongpei.plotting",
     "gongpei.scenario", "gongpei.geo", "gongpei._numbers", "gongpei._keywords", "gongpei.datasets",
     "gongpei.instance", "gongpei.design", "gongpei._core"]
)
def test_doctests(module: str) -> None:
    failures, tried = doctest.testmod(importlib.import_module(module), optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0
