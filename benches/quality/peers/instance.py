"""The instance every peer solver is given, read from the benchmark files with gongpei's conventions.

CVRP (`.vrp`, VRPLIB): TSPLIB `EUC_2D` rounding `nint(sqrt(dx^2 + dy^2))` or the explicit matrix; the fleet is
unlimited for X and `k` for the classic A/B/E/F/M/P sets named like `A-n32-k5`, as gongpei's reader.
Solomon / Gehring-Homberger (`.txt`): the DIMACS distance-only convention, distances and travel times
`floor(10 d)`, ready/due/service times x 10, the file's fleet (25 vehicles for Solomon).

Also the `.sol` writer shared by the peers and the fleet bound for solvers that need explicit vehicles.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Instance:
    """What the peer solvers need, built with gongpei's conventions (location 0 is the depot)."""

    name: str
    coords: list[tuple[float, float]]
    distance: list[list[int]]
    demand: list[int]
    capacity: int
    fleet: int
    unlimited_fleet: bool
    service: list[int] = field(default_factory=list)
    tw: list[tuple[int, int]] = field(default_factory=list)
    scale: int = 1

    @property
    def clients(self) -> int:
        """Number of clients (every location but the depot)."""
        return len(self.demand) - 1

    @property
    def has_time_windows(self) -> bool:
        """True for the VRPTW sets (Solomon format)."""
        return bool(self.tw)


@dataclass
class Solved:
    """A peer's answer: routes of location indices (depot left out), its own cost, an optional note."""

    routes: list[list[int]]
    stated_cost: float
    note: str = ""


def classic_fleet(name: str) -> int | None:
    """The fixed fleet k of the classic CVRPLIB sets named like A-n32-k5 (as gongpei's reader)."""
    parts = name.split("-")
    if len(parts) == 3 and parts[0] in {"A", "B", "E", "F", "M", "P"} and parts[2].startswith("k"):
        try:
            return int(parts[2][1:])
        except ValueError:
            return None
    return None


def bounded_fleet(inst: Instance) -> int:
    """Vehicles to give a solver that needs them listed: the instance's fleet when it is fixed; for an
    unlimited fleet twice the bin-packing bound plus 10, which never binds in practice and keeps the model
    small (listing one vehicle per client would not change the optimum but slows OR-Tools and VROOM)."""
    if not inst.unlimited_fleet:
        return inst.fleet
    return min(inst.fleet, 2 * math.ceil(sum(inst.demand) / inst.capacity) + 10)


def read_vrplib(path: Path) -> Instance:
    """A VRPLIB CVRP file (`EUC_2D` or `EXPLICIT` weights, depot at node 1)."""
    import numpy as np
    import vrplib

    raw = vrplib.read_instance(str(path), compute_edge_weights=False)
    name = raw.get("name", path.stem)
    dim = int(raw["dimension"])
    depot = int(raw["depot"][0])
    if depot != 0:
        raise ValueError(f"{path}: DEPOT_SECTION must name node 1, found node {depot + 1}")
    weight_type = str(raw.get("edge_weight_type", "")).upper()
    if weight_type == "EUC_2D":
        xy = np.asarray(raw["node_coord"], dtype=float)
        diff = xy[:, None, :] - xy[None, :, :]
        dist = np.floor(np.sqrt((diff**2).sum(axis=2)) + 0.5).astype(np.int64)
        coords = [tuple(p) for p in xy.tolist()]
    elif weight_type == "EXPLICIT":
        dist = np.asarray(raw["edge_weight"], dtype=np.int64)
        coords = [(0.0, 0.0)] * dim
    else:
        raise ValueError(f"{path}: EDGE_WEIGHT_TYPE {weight_type} not supported here")
    demand = [int(d) for d in np.asarray(raw["demand"]).reshape(dim, -1)[:, 0]]
    fixed = raw.get("vehicles") or classic_fleet(name)
    return Instance(
        name=name,
        coords=coords,
        distance=dist.tolist(),
        demand=demand,
        capacity=int(raw["capacity"]),
        fleet=int(fixed) if fixed else dim - 1,
        unlimited_fleet=not fixed,
    )


def read_solomon(path: Path) -> Instance:
    """Solomon format with DIMACS truncation: floor(10 d) distances, times x 10."""
    import numpy as np

    lines = [line.split() for line in path.read_text().splitlines() if line.strip()]
    name = " ".join(lines[0])
    try:
        vehicle_at = next(i for i, t in enumerate(lines) if [w.upper() for w in t] == ["VEHICLE"])
        customer_at = next(i for i, t in enumerate(lines) if [w.upper() for w in t] == ["CUSTOMER"])
    except StopIteration:
        raise ValueError(f"{path}: no VEHICLE or CUSTOMER section") from None
    fleet, capacity = (int(v) for v in lines[vehicle_at + 2])
    rows = [[float(v) for v in t] for t in lines[customer_at + 2 :]]
    xy = np.asarray([(r[1], r[2]) for r in rows])
    diff = xy[:, None, :] - xy[None, :, :]
    squared = (diff**2).sum(axis=2)
    # Exact for integer coordinates: sqrt is correctly rounded, so floor never errs.
    dist = np.floor(np.sqrt(100.0 * squared)).astype(np.int64)
    return Instance(
        name=name,
        coords=[tuple(p) for p in xy.tolist()],
        distance=dist.tolist(),
        demand=[int(r[3]) for r in rows],
        capacity=capacity,
        fleet=fleet,
        unlimited_fleet=False,
        service=[round(10 * r[6]) for r in rows],
        tw=[(round(10 * r[4]), round(10 * r[5])) for r in rows],
        scale=10,
    )


def read_instance(path: Path) -> Instance:
    """The reader for the file's format: `.txt` is Solomon, everything else VRPLIB."""
    return read_solomon(path) if path.suffix == ".txt" else read_vrplib(path)


def write_sol(path: Path, routes: list[list[int]], cost: float, keep_empty: bool = False) -> None:
    """CVRPLIB .sol; clients are location indices (= .sol ids for these sets: depot first). With
    `keep_empty` every route is written, empty ones too, so `Route #k` is the k-th entry (sets where
    route k is driven by vehicle k)."""
    kept = routes if keep_empty else [r for r in routes if r]
    lines = [f"Route #{k + 1}: " + " ".join(str(c) for c in r) for k, r in enumerate(kept)]
    lines.append(f"Cost {cost:.12g}")
    path.write_text("\n".join(lines) + "\n")
