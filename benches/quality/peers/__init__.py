"""Adapters for the peer solvers of the quality benchmark, one module per solver.

Each module has `NAME` (the name on the command line and in the tables), `PACKAGE` (the PyPI
distribution it needs), `MODELS` (the problem kinds it models: "cvrp", "vrptw", and the variant sets of
`protocol.VARIANTS`), `TIME_LIMIT` (how it honours the time limit, for the report) and
`solve(instance, time_limit, seed) -> Solved`; an adapter modelling a variant set also has
`solve_file(path, kind, time_limit, seed) -> Solved`, reading the file itself. They all build
their inputs from `instance.Instance`, so every peer sees the same matrix as gongpei's reader; the routes
they return are written as .sol files by run.py and re-evaluated by `gongpei check`.
"""

from __future__ import annotations

from importlib import import_module, metadata
from types import ModuleType

# In the order the tables list them.
PEERS = ("pyvrp", "ortools", "hgs", "vroom")

_MODULES = {"pyvrp": "pyvrp_peer", "ortools": "ortools_peer", "hgs": "hgs_peer", "vroom": "vroom_peer"}


def adapter(name: str) -> ModuleType:
    """The adapter module of peer `name` (one of `PEERS`); it imports its solver package only when solving."""
    if name not in _MODULES:
        raise ValueError(f"unknown peer solver {name!r}: expected one of {', '.join(PEERS)}")
    return import_module(f"{__name__}.{_MODULES[name]}")


def package_version(name: str) -> str | None:
    """The installed version of peer `name`'s package, or None when it is not installed."""
    try:
        return metadata.version(adapter(name).PACKAGE)
    except metadata.PackageNotFoundError:
        return None
