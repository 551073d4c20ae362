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
