"""The model's building blocks as plain dataclasses: depots, clients and vehicle types.

They mirror the engine's structs field for field, add optional coordinates ``x``/``y`` used to
build matrices and to plot, and turn into the dicts the extension module expects with
:meth:`to_core`. Fields hold what the user gave (ints, integral floats, numpy scalars, or
fractions when the model has a ``cost_scale``/``load_scale``); :meth:`to_core` converts them to
the engine's integers, naming the item and field in any error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Union

import numpy as np

from ._numbers import as_int, as_int_list

__all__ = ["UNBOUNDED", "Depot", "Client", "VehicleType", "LoadLike", "Number", "Integer"]


class _Unbounded(int):
    """The int behind :data:`UNBOUNDED`, shown by name in signatures and reprs."""

    def __repr__(self) -> str:
        return "UNBOUNDED"

    def __reduce__(self) -> Any:
        return (_unbounded, ())


def _unbounded() -> int:
    return UNBOUNDED


#: The engine's value for "no limit" (time windows, shift ends, maximum duration/distance):
#: ``(2**63 - 1) // 8``, small enough that sums of a few such values cannot overflow.
UNBOUNDED: int = _Unbounded((2**63 - 1) // 8)

#: A number the package converts to the engine's integers: ints, floats, numpy scalars.
Number = Union[int, float, "np.integer[Any]", "np.floating[Any]"]

#: An integer: a Python int or a numpy integer scalar.
Integer = Union[int, "np.integer[Any]"]

#: A load: one number (single dimension) or one number per load dimension.
LoadLike = Union[Number, Sequence[Number]]


def as_load_vector(value: LoadLike) -> List[Any]:
    """``5`` -> ``[5]``; sequences are copied into a list (entries are converted by ``to_core``)."""
    if isinstance(value, (str, bytes)):
        from .errors import InvalidInputError

        raise InvalidInputError(f"a load must be a number or a sequence of numbers, not {value!r}")
    if isinstance(value, Sequence) or hasattr(value, "__len__"):
        return list(value)  # type: ignore[arg-type]
    return [value]


#: How many feature names one problem may use (the engine keeps features as 64-bit sets).
MAX_FEATURES = 64


def feature_names(value: Any, what: str) -> List[str]:
    """A list of feature names from a name, a sequence of names, or the engine's bit set
    (an int: bit ``i`` becomes the name ``"bit i"``, as :meth:`gongpei.Model.from_data` reads it).

    >>> feature_names("cold", "features"), feature_names(0b101, "features")
    (['cold'], ['bit 0', 'bit 2'])
    """
    from .errors import InvalidInputError

    if isinstance(value, str):
        return [value]
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        bits = int(value)
        if bits < 0 or bits >= 1 << MAX_FEATURES:
            raise InvalidInputError(f"{what} = {value!r}: a bit set must fit in 64 bits")
        return [f"bit {i}" for i in range(MAX_FEATURES) if bits >> i & 1]
    names = list(value)
    for i, name in enumerate(names):
        if not isinstance(name, str) or not name:
            raise InvalidInputError(f"{what}[{i}] = {name!r}: a feature is a non-empty name")
    return names


def feature_bits(names: Sequence[str], numbering: List[str], what: str) -> int:
    """The bit set of ``names``, numbering new names at the end of ``numbering`` (bit ``i`` is
    ``numbering[i]``); more than :data:`MAX_FEATURES` names is an error naming ``what``.

    >>> numbering = ["cold"]; feature_bits(["lane", "cold"], numbering, "client 0"), numbering
    (3, ['cold', 'lane'])
    """
    bits = 0
    for name in names:
        if name not in numbering:
            if len(numbering) == MAX_FEATURES:
                from .errors import InvalidInputError

                raise InvalidInputError(
                    f"{what}: feature {name!r} would be feature {MAX_FEATURES + 1}; a problem "
                    f"may use at most {MAX_FEATURES} feature names"
                )
            numbering.append(name)
        bits |= 1 << numbering.index(name)
    return bits


@dataclass
class Depot:
    """A depot with an opening window ``[tw_early, tw_late]``.

    >>> Depot(x=0.0, y=0.0, name="hub").tw_late == UNBOUNDED
    True
    """

    x: Optional[Number] = None
    y: Optional[Number] = None
    name: str = ""
    tw_early: Number = 0
    tw_late: Number = UNBOUNDED

    def to_core(self, what: str = "depot") -> Dict[str, Any]:
        """The dict form used by :class:`gongpei.ProblemData` (times, in duration units, must be
        whole numbers; ``what`` names the depot in error messages).

        >>> Depot(x=0, y=0, tw_late=3600.0, name="hub").to_core()
        {'name': 'hub', 'tw_early': 0, 'tw_late': 3600}
        """
        return {
            "name": str(self.name),
            "tw_early": as_int(self.tw_early, f"{what}: tw_early"),
            "tw_late": as_int(self.tw_late, f"{what}: tw_late"),
        }


@dataclass
class Client:
    """A stop to serve: loads delivered and picked up, service time, time window, optionality.

    ``delivery`` and ``pickup`` are one integer per load dimension (a bare integer means one
    dimension). An optional client (``required=False``) may be skipped at the cost of ``prize``.
    ``required_features`` are feature names every vehicle type serving the client must have (see
    :attr:`VehicleType.features`); ``forbidden_vehicle_types`` are indices of vehicle types that
    may not serve it.

    >>> Client(x=1.0, y=2.0, delivery=[3, 40]).pickup
    []
    """

    x: Optional[Number] = None
    y: Optional[Number] = None
    delivery: List[Number] = field(default_factory=list)
    pickup: List[Number] = field(default_factory=list)
    service_duration: Number = 0
    tw_early: Number = 0
    tw_late: Number = UNBOUNDED
    required: bool = True
    prize: Number = 0
    name: str = ""
    required_features: List[str] = field(default_factory=list)
    forbidden_vehicle_types: List[Integer] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.delivery = as_load_vector(self.delivery)
        self.pickup = as_load_vector(self.pickup)
        self.required_features = feature_names(self.required_features, "required_features")
        self.forbidden_vehicle_types = list(self.forbidden_vehicle_types)

    def to_core(
        self,
        what: str = "client",
        cost_scale: float = 1.0,
        load_scale: float = 1.0,
        features: Optional[List[str]] = None,
    ) -> Dict[str, Any]:
        """The dict form used by :class:`gongpei.ProblemData`: loads times ``load_scale`` and
        the prize times ``cost_scale``, rounded to integers; ``features`` numbers the feature
        names (bit ``i`` is ``features[i]``, new names are appended).

        >>> Client(delivery=[1.5], prize=2.25).to_core("c", cost_scale=100, load_scale=2)["prize"]
        225
        """
        return {
            "name": str(self.name),
            "delivery": as_int_list(self.delivery, f"{what}: delivery", scale=load_scale),
            "pickup": as_int_list(self.pickup, f"{what}: pickup", scale=load_scale),
            "service_duration": as_int(self.service_duration, f"{what}: service_duration"),
            "tw_early": as_int(self.tw_early, f"{what}: tw_early"),
            "tw_late": as_int(self.tw_late, f"{what}: tw_late"),
            "required": bool(self.required),
            "prize": as_int(self.prize, f"{what}: prize", scale=cost_scale),
            "required_features": feature_bits(
                self.required_features, [] if features is None else features, what
            ),
            "forbidden_vehicle_types": [
                as_int(v, f"{what}: forbidden_vehicle_types[{i}]", minimum=0)
                for i, v in enumerate(self.forbidden_vehicle_types)
            ],
        }


@dataclass
class VehicleType:
    """``count`` identical vehicles.

    A route costs ``fixed_cost + unit_distance_cost * distance + unit_duration_cost * duration``;
    vehicles leave ``start_depot`` no earlier than ``tw_early`` and return to ``end_depot`` no
    later than ``tw_late``. ``profile`` selects the distance/duration matrix pair. ``features``
    are names of what the vehicles have (``"refrigerated"``, ``"narrow"``...): a client whose
    :attr:`Client.required_features` are not all here cannot ride them. The model numbers the
    names (at most 64) when it builds the problem.

    >>> VehicleType(count=3, capacity=[100]).unit_distance_cost
    1
    """

    count: Number = 1
    capacity: List[Number] = field(default_factory=list)
    start_depot: Number = 0
    end_depot: Number = 0
    tw_early: Number = 0
    tw_late: Number = UNBOUNDED
    max_duration: Number = UNBOUNDED
    max_distance: Number = UNBOUNDED
    fixed_cost: Number = 0
    unit_distance_cost: Number = 1
    unit_duration_cost: Number = 0
    profile: Number = 0
    name: str = ""
    features: List[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.capacity = as_load_vector(self.capacity)
        self.features = feature_names(self.features, "features")

    def to_core(
        self,
        what: str = "vehicle type",
        cost_scale: float = 1.0,
        load_scale: float = 1.0,
        features: Optional[List[str]] = None,
    ) -> Dict[str, Any]:
        """The dict form used by :class:`gongpei.ProblemData`: capacity times ``load_scale``
        and the three costs times ``cost_scale``, rounded to integers; ``features`` numbers the
        feature names as in :meth:`Client.to_core`.

        >>> VehicleType(unit_distance_cost=0.0009).to_core(cost_scale=1e6)["unit_distance_cost"]
        900
        """
        count = lambda key: as_int(getattr(self, key), f"{what}: {key}", minimum=0)  # noqa: E731
        cost = lambda key: as_int(getattr(self, key), f"{what}: {key}", scale=cost_scale)  # noqa: E731
        return {
            "name": str(self.name),
            "count": count("count"),
            "capacity": as_int_list(self.capacity, f"{what}: capacity", scale=load_scale),
            "start_depot": count("start_depot"),
            "end_depot": count("end_depot"),
            "tw_early": as_int(self.tw_early, f"{what}: tw_early"),
            "tw_late": as_int(self.tw_late, f"{what}: tw_late"),
            "max_duration": as_int(self.max_duration, f"{what}: max_duration"),
            "max_distance": as_int(self.max_distance, f"{what}: max_distance"),
            "fixed_cost": cost("fixed_cost"),
            "unit_distance_cost": cost("unit_distance_cost"),
            "unit_duration_cost": cost("unit_duration_cost"),
            "profile": count("profile"),
            "features": feature_bits(self.features, [] if features is None else features, what),
        }
