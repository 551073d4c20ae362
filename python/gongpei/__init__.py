"""gongpei (共配, "shared delivery"): vehicle routing and shared rural parcel delivery planning.

A Rust engine with a Python front. Build a :class:`Model` (or :func:`read` a benchmark instance),
:meth:`~Model.solve` it and inspect the :class:`Result`:

>>> import gongpei
>>> m = gongpei.Model()
>>> _ = m.add_depot(x=0, y=0)
>>> _ = m.add_client(x=0, y=5, delivery=1)
>>> _ = m.add_client(x=5, y=0, delivery=1)
>>> _ = m.add_vehicle_type(count=1, capacity=2)
>>> m.solve(max_iterations=100).cost
17
"""

from __future__ import annotations

from . import _core, datasets, design
from ._core import ProblemData, engine_threads
from ._types import UNBOUNDED, Client, Depot, VehicleType
from .errors import (
    GongpeiError,
    InitialSolutionError,
    InternalError,
    InvalidInputError,
    StoppedError,
)
from .geo import durations_from_speed, haversine_matrix
from .instance import Instance, read
from .model import Model, euclidean_matrix, solve
from .result import Result, Route, Visit, WarmStart
from .scenario import Comparison, Scenario

__version__: str = _core.__version__

__all__ = [
    "UNBOUNDED",
    "Client",
    "Comparison",
    "Depot",
    "GongpeiError",
    "InitialSolutionError",
    "Instance",
    "InternalError",
    "InvalidInputError",
    "Model",
    "ProblemData",
    "Result",
    "Route",
    "Scenario",
    "StoppedError",
    "VehicleType",
    "Visit",
    "WarmStart",
    "datasets",
    "design",
    "durations_from_speed",
    "engine_threads",
    "euclidean_matrix",
    "haversine_matrix",
    "read",
    "solve",
]
