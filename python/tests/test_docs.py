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


def _public_members(cls: type) -> "list[tuple[str, object]]":
    """The public methods and properties ``cls`` defines itself (inherited ones left out)."""
    members = []
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if callable(member) or isinstance(member, (property, classmethod, staticmethod)):
            members.append((name, getattr(cls, name)))
        elif type(member).__name__ == "getset_descriptor":  # compiled properties
            members.append((name, member))
    return members


def issubclass_of_exception(item: object) -> bool:
    """Exceptions document themselves by their name and message; they need no example."""
    return inspect.isclass(item) and issubclass(item, BaseException)


PUBLIC_CLASSES = [
    getattr(gongpei, name) for name in gongpei.__all__ if inspect.isclass(getattr(gongpei, name))
]


def test_every_public_function_class_and_method_has_an_example() -> None:
    """Functions, classes and methods of the public API show a runnable example (the doctest
    test runs them); properties at least say what they hold."""
    missing = []
    for name in gongpei.__all__:
        item = getattr(gongpei, name)
        if (inspect.isfunction(item) or inspect.isclass(item)) and not issubclass_of_exception(item):
            if ">>>" not in (inspect.getdoc(item) or ""):
                missing.append(name)
    for cls in PUBLIC_CLASSES:
        if issubclass_of_exception(cls):
            continue
        for name, member in _public_members(cls):
            doc = inspect.getdoc(member) or ""
            is_property = isinstance(inspect.getattr_static(cls, name), property) or (
                type(member).__name__ == "getset_descriptor"
            )
            if not doc or (not is_property and ">>>" not in doc):
                missing.append(f"{cls.__name__}.{name}")
    assert not missing, missing


def test_docs_state_units() -> None:
    """The classes whose figures carry units say which, so a notebook user need not guess."""
    expectations = {
        gongpei.Result: ["seconds", "metres", "CNY"],
        gongpei.Route: ["metres", "seconds", "parcels"],
        gongpei.Visit: ["seconds"],
        gongpei.Instance: ["cost_scale"],
        gongpei.Comparison: ["CNY", "km", "kg", "parcels"],
        gongpei.Scenario: ["degrees", "metres", "CNY", "parcels"],
        gongpei.ProblemData: ["metres", "seconds", "CNY", "parcels"],
    }
    for cls, words in expectations.items():
        doc = inspect.getdoc(cls) or ""
        absent = [word for word in words if word not in doc]
        assert not absent, f"{cls.__name__} docs lack {absent}"
    solve_doc = inspect.getdoc(gongpei.Instance.solve) or ""
    assert "seconds" in solve_doc and "time_limit" in solve_doc
