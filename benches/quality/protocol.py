"""The quality benchmark's protocol: time limits, size classes and the named instance subsets.

- Time limits: `--time-limit` takes one or more comma-separated values, each either seconds (`10`, `2.5`)
  or a multiple of the number of clients written `<factor>n`, e.g. `2.4n`: 2.4 x n seconds, the limit of
  the X-set papers (Uchoa et al. 2017 and the HGS-CVRP / PyVRP benchmarks).
- Size classes by number of clients: <= 200, 201-400, 401-700, > 700.
- Subsets (`--subset NAME`): fixed lists of X instances picked by size class (README.md says why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# (label, upper bound on clients, inclusive); the last class is open-ended.
SIZE_CLASSES: tuple[tuple[str, int | None], ...] = (
    ("<=200", 200),
    ("201-400", 400),
    ("401-700", 700),
    (">700", None),
)

# Named subsets of the X set, chosen by size class. `x4` has one instance per class (for the 2.4n
# protocol, whose limits add up to about 68 minutes per solver); `x12` three per class (every >700
# instance of the shared set), for short limits.
SUBSETS: dict[str, tuple[str, ...]] = {
    "x4": ("X-n101-k25", "X-n247-k50", "X-n561-k42", "X-n801-k40"),
    "x12": (
        "X-n101-k25", "X-n148-k46", "X-n200-k36",
        "X-n247-k50", "X-n322-k28", "X-n393-k38",
        "X-n449-k29", "X-n561-k42", "X-n701-k44",
        "X-n801-k40", "X-n895-k37", "X-n1001-k43",
    ),
}


def size_class(clients: int | None) -> str:
    """The size class label of an instance with `clients` clients ("unknown" when not known)."""
    if clients is None:
        return "unknown"
    for label, upper in SIZE_CLASSES:
        if upper is None or clients <= upper:
            return label
    return SIZE_CLASSES[-1][0]


def class_labels() -> list[str]:
    """The size class labels in order, smallest first."""
    return [label for label, _ in SIZE_CLASSES]


@dataclass(frozen=True)
class TimeLimit:
    """One time limit: `seconds` fixed, or `per_client` x number of clients."""

    seconds: float | None = None
    per_client: float | None = None

    @property
    def label(self) -> str:
        """As written on the command line and in file names: `10s` or `2.4n`."""
        if self.per_client is not None:
            return f"{self.per_client:g}n"
        return f"{self.seconds:g}s"

    def for_clients(self, clients: int | None) -> float:
        """The limit in seconds for an instance with `clients` clients."""
        if self.per_client is None:
            return float(self.seconds)
        if clients is None:
            raise ValueError(f"time limit {self.label} needs the number of clients, which is not known")
        return self.per_client * clients


_PER_CLIENT = re.compile(r"^(\d+(?:\.\d*)?|\.\d+)\s*[x*]?\s*n$", re.IGNORECASE)


def parse_time_limits(text: str) -> list[TimeLimit]:
    """Parses `--time-limit`: comma-separated seconds or `<factor>n` values, e.g. "10,30,2.4n".

    Raises ValueError naming the offending value for an empty list, a non-number, a limit <= 0 or a
    repeated value."""
    limits: list[TimeLimit] = []
    for raw in text.split(","):
        value = raw.strip()
        if not value:
            raise ValueError(f"--time-limit {text!r}: empty value")
        match = _PER_CLIENT.match(value)
        try:
            limit = TimeLimit(per_client=float(match.group(1))) if match else TimeLimit(seconds=float(value))
        except ValueError:
            raise ValueError(
                f"--time-limit {text!r}: {value!r} is neither seconds (e.g. 10) nor a multiple of the "
                "number of clients (e.g. 2.4n)"
            ) from None
        amount = limit.per_client if limit.per_client is not None else limit.seconds
        if not amount > 0 or amount == float("inf"):
            raise ValueError(f"--time-limit {text!r}: {value!r} must be a positive finite number")
        if limit in limits:
            raise ValueError(f"--time-limit {text!r}: {value!r} is given twice")
        limits.append(limit)
    return limits


def count_clients(path: Path) -> int | None:
    """Clients in a benchmark file, read from its header: DIMENSION - 1 for VRPLIB (one depot), the
    customer rows but the depot's for Solomon `.txt`; None for other formats (gongpei's own report
    then gives it)."""
    try:
        text = path.read_text()
    except OSError:
        return None
    if path.suffix == ".vrp":
        match = re.search(r"^\s*DIMENSION\s*:?\s*(\d+)", text, re.MULTILINE | re.IGNORECASE)
        return int(match.group(1)) - 1 if match else None
    if path.suffix == ".txt":
        lines = [line.split() for line in text.splitlines() if line.strip()]
        at = next((i for i, t in enumerate(lines) if [w.upper() for w in t] == ["CUSTOMER"]), None)
        if at is None:
            return None
        rows = [t for t in lines[at + 2 :] if t and t[0].isdigit()]
        return len(rows) - 1 if rows else None
    return None


# The variant sets of PyVRP/Instances (shared folders `pcvrptw`, `hfvrp`, `vrpb`), read by gongpei and by
# `pyvrp.read` alike; each folder's README states the objective and rounding this table restates.
@dataclass(frozen=True)
class Variant:
    """How one variant set is run: the VRPLIB `TYPE` of its files, PyVRP's `round_func` matching the
    set's convention and the unit of PyVRP's integer cost (its cost per unit of the file's cost), the
    flags gongpei's CLI needs, whether `.sol` route k is driven by vehicle k, and what the table says."""

    vrplib_type: str
    pyvrp_round_func: str
    pyvrp_cost_scale: int
    gongpei_flags: tuple[str, ...]
    routes_by_vehicle: bool
    description: str
    # A solver whose own cost rounds each arc (PyVRP's `exact`: 1e-3) states a cost that can differ from the
    # checker's exact one by more than the checker's 0.01; up to this fraction of the cost that is rounding.
    stated_cost_rounding: float = 0.0


VARIANTS: dict[str, Variant] = {
    # DIMACS: distances and times truncated to one decimal, i.e. floor(10 d): PyVRP's `dimacs`.
    "pcvrptw": Variant("PCVRPTW", "dimacs", 10, (), False,
                       "prize collecting VRPTW: distance plus the prizes of the clients not visited, distances "
                       "and times truncated to one decimal (PyVRP `round_func=\"dimacs\"`)"),
    # Unrounded distances; PyVRP's `exact` is round(1000 d) and fixed costs x 1000, on costs x 100 in the
    # files, so its integer cost is in units of 1e-5 of the literature's.
    "hfvrp": Variant("HFVRP", "exact", 100_000, (), True,
                     "heterogeneous fleet: fixed plus unit cost x unrounded distance, costs in the literature's "
                     "units (files x 100; PyVRP `round_func=\"exact\"`, 1e-3 per arc)", 1e-5),
    # TSPLIB nint; exact halves cannot occur with integer coordinates, so numpy's half-to-even `round`
    # agrees with nint here.
    "vrpb": Variant("VRPB", "round", 1, ("--vrpb-mixed",), False,
                    "VRP with backhauls, nearest-integer distances. PyVRP solves VRPB (linehaul clients before "
                    "backhaul clients on every route, by forbidding arcs); gongpei does NOT model that rule and "
                    "solves the MIXED RELAXATION (`--vrpb-mixed`: pickups anywhere on a route), so its gaps are "
                    "those of a relaxation, not of VRPB solutions; the note says on how many routes its answer "
                    "breaks the rule"),
}


def vrplib_type(path: Path) -> str | None:
    """The `TYPE` field of a VRPLIB file's header (upper case), None when it has none."""
    try:
        text = path.read_text()
    except OSError:
        return None
    match = re.search(r"^\s*TYPE\s*:\s*(\S+)", text, re.MULTILINE | re.IGNORECASE)
    return match.group(1).upper() if match else None


def vehicle_numbered(routes: list[tuple[int, list[int]]], vehicles_of_type: list[list[int]]) -> list[list[int]]:
    """Routes placed by vehicle for `.sol` files where route k is driven by vehicle k: each `(type,
    visits)` route takes the next unused vehicle (0-based file order) of its type; the list has one
    entry per vehicle up to the last one used, empty for unused vehicles. Raises ValueError when a type
    has more routes than vehicles."""
    free = [list(vehicles) for vehicles in vehicles_of_type]
    placed: dict[int, list[int]] = {}
    for vehicle_type, visits in routes:
        if not visits:
            continue
        if not free[vehicle_type]:
            raise ValueError(f"vehicle type {vehicle_type}: more routes than its "
                             f"{len(vehicles_of_type[vehicle_type])} vehicles")
        placed[free[vehicle_type].pop(0)] = visits
    last = max(placed, default=-1)
    return [placed.get(v, []) for v in range(last + 1)]


def read_sol_routes(path: Path) -> list[list[int]]:
    """The routes of a CVRPLIB `.sol` file (client ids as written; empty routes kept)."""
    routes = []
    for line in path.read_text().splitlines():
        label, sep, rest = line.partition(":")
        if sep and label.strip().lower().startswith("route"):
            routes.append([int(t) for t in rest.split()])
    return routes


def backhaul_loads(path: Path) -> tuple[dict[int, int], dict[int, int]]:
    """Linehaul (`DEMAND_SECTION`) and backhaul (`BACKHAUL_SECTION`) loads of a VRPB file by `.sol` client
    id (node id minus one, depot at node 1)."""
    sections: dict[str, dict[int, int]] = {"DEMAND_SECTION": {}, "BACKHAUL_SECTION": {}}
    current = None
    for line in path.read_text().splitlines():
        tokens = line.split()
        if not tokens:
            continue
        word = tokens[0].rstrip(":").upper()
        if word.endswith("_SECTION") or ":" in line or word == "EOF":
            current = sections.get(word)
            continue
        if current is not None and len(tokens) >= 2:
            current[int(tokens[0]) - 1] = int(tokens[1])
    return sections["DEMAND_SECTION"], sections["BACKHAUL_SECTION"]


def precedence_violations(routes: list[list[int]], linehaul: dict[int, int], backhaul: dict[int, int]) -> list[int]:
    """The 1-based numbers of the non-empty routes that break classic VRPB: a linehaul client after a
    backhaul client, or backhaul clients only."""
    broken = []
    for number, route in enumerate((r for r in routes if r), start=1):
        kinds = "".join("b" if backhaul.get(c, 0) > 0 else "l" if linehaul.get(c, 0) > 0 else "" for c in route)
        first_backhaul = kinds.find("b")
        if "l" not in kinds or (first_backhaul >= 0 and "l" in kinds[first_backhaul:]):
            broken.append(number)
    return broken


def rounding_only(problems: list[str], stated: float | None, cost: float | None, rounding: float) -> bool:
    """True when the checker's only complaint is a stated cost off by at most `rounding` x cost (a solver's
    own per-arc rounding, `Variant.stated_cost_rounding`), so the solution itself is feasible."""
    if not problems or rounding <= 0 or stated is None or cost is None:
        return False
    return (all(p.startswith("stated cost ") for p in problems)
            and abs(stated - cost) <= rounding * abs(cost))
