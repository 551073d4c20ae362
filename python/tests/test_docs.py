"""The rendered API reference (pdoc) builds without warnings and documents the public API."""

from __future__ import annotations

import importlib.util
import inspect
import pathlib
import sys

import pytest

import gongpei

DOCS = pathlib.Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.skipif(importlib.util.find_spec("pdoc") is None, reason="pdoc is not installed")
def test_api_reference_builds_without_warnings(tmp_path: pathlib.Path) -> None:
    sys.path.insert(0, str(DOCS))
    try:
        import build  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(DOCS))
    assert build.build(tmp_path) == []
    page = (tmp_path / "gongpei.html").read_text(encoding="utf-8")
    for name in ("haversine_matrix", "Model", "Scenario", "UNBOUNDED"):
        assert name in page
    assert "1152921504606846975" not in page


def test_every_public_callable_has_a_docstring_with_an_example() -> None:
    missing = []
    for name in gongpei.__all__:
        item = getattr(gongpei, name)
        if inspect.isfunction(item) and ">>>" not in (item.__doc__ or ""):
            missing.append(name)
    for cls in (gongpei.Model, gongpei.Scenario):
        for name, member in vars(cls).items():
            if name.startswith("_") or not callable(member):
                continue
            doc = inspect.getdoc(getattr(cls, name)) or ""
            if not doc:
                missing.append(f"{cls.__name__}.{name}")
    assert not missing, missing
