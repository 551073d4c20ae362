"""The model's building blocks as plain dataclasses: depots, clients and vehicle types.

They mirror the engine's structs field for field (all quantities are integers in units of your
choice), add optional planar coordinates ``x``/``y`` used to build matrices and to plot, and turn
into the dicts the extension module expects with :meth:`to_core`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Union

__all__ = ["UNBOUNDED", "Depot", "Client", "VehicleType", "LoadLike"]

#: The engine's value for "no limit" (time windows, shift ends, maximum duration/distance).
UNBOUNDED: int = (2**63 - 1) // 8

#: A load: one integer (single dimension) or one integer per load dimension.
LoadLike = Union[int, Sequence[int]]


def as_load_vector(value: LoadLike) -> List[int]:
    """``5`` -> ``[5]``; sequences are copied into a list (their entries are checked by the engine)."""
    if isinstance(value, (str, bytes)):
        raise TypeError(f"a load must be an integer or a sequence of integers, not {value!r}")
    if isinstance(value, Sequence) or hasattr(value, "__len__"):
        return list(value)  # type: ignore[arg-type]
    return [value]


@dataclass
class Depot:
    """A depot with an opening window ``[tw_early, tw_late]``.

    >>> Depot(x=0.0, y=0.0, name="hub").tw_late == UNBOUNDED
    True
    """

    x: Optional[float] = None
    y: Optional[float] = None
    name: str = ""
    tw_early: int = 0
    tw_late: int = UNBOUNDED

    def to_core(self) -> Dict[str, Any]:
        """The dict form used by :class:`gongpei.ProblemData`."""
        return {"name": self.name, "tw_early": self.tw_early, "tw_late": self.tw_late}


@dataclass
class Client:
    """A stop to serve: loads delivered and picked up, service time, time window, optionality.

    ``delivery`` and ``pickup`` are one integer per load dimension (a bare integer means one
    dimension). An optional client (``required=False``) may be skipped at the cost of ``prize``.

    >>> Client(x=1.0, y=2.0, delivery=[3, 40]).pickup
    []
    """

    x: Optional[float] = None
    y: Optional[float] = None
    delivery: List[int] = field(default_factory=list)
    pickup: List[int] = field(default_factory=list)
    service_duration: int = 0
    tw_early: int = 0
    tw_late: int = UNBOUNDED
    required: bool = True
    prize: int = 0
    name: str = ""

    def __post_init__(self) -> None:
        self.delivery = as_load_vector(self.delivery)
        self.pickup = as_load_vector(self.pickup)

    def to_core(self) -> Dict[str, Any]:
        """The dict form used by :class:`gongpei.ProblemData`."""
        return {
            "name": self.name,
            "delivery": self.delivery,
            "pickup": self.pickup,
            "service_duration": self.service_duration,
            "tw_early": self.tw_early,
            "tw_late": self.tw_late,
            "required": self.required,
            "prize": self.prize,
        }


@dataclass
class VehicleType:
    """``count`` identical vehicles.

    A route costs ``fixed_cost + unit_distance_cost * distance + unit_duration_cost * duration``;
    vehicles leave ``start_depot`` no earlier than ``tw_early`` and return to ``end_depot`` no
    later than ``tw_late``. ``profile`` selects the distance/duration matrix pair.

    >>> VehicleType(count=3, capacity=[100]).unit_distance_cost
    1
    """

    count: int = 1
    capacity: List[int] = field(default_factory=list)
    start_depot: int = 0
    end_depot: int = 0
    tw_early: int = 0
    tw_late: int = UNBOUNDED
    max_duration: int = UNBOUNDED
    max_distance: int = UNBOUNDED
    fixed_cost: int = 0
    unit_distance_cost: int = 1
    unit_duration_cost: int = 0
    profile: int = 0
    name: str = ""

    def __post_init__(self) -> None:
        self.capacity = as_load_vector(self.capacity)

    def to_core(self) -> Dict[str, Any]:
        """The dict form used by :class:`gongpei.ProblemData`."""
        return {
            "name": self.name,
            "count": self.count,
            "capacity": self.capacity,
            "start_depot": self.start_depot,
            "end_depot": self.end_depot,
            "tw_early": self.tw_early,
            "tw_late": self.tw_late,
            "max_duration": self.max_duration,
            "max_distance": self.max_distance,
            "fixed_cost": self.fixed_cost,
            "unit_distance_cost": self.unit_distance_cost,
            "unit_duration_cost": self.unit_duration_cost,
            "profile": self.profile,
        }
