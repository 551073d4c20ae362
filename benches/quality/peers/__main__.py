"""One peer solve in its own process: `python -m peers PEER INSTANCE TIME_LIMIT SEED OUT.sol [KIND]`.

run.py starts one such process per solve, so a peer that crashes (a C++ abort or a segfault inside its
extension) or overruns its limit ends that process only and becomes a note in the table. The process
reads the instance with `instance.read_instance` (or, for a variant set named by KIND, a key of
`protocol.VARIANTS`, lets the adapter's `solve_file` read it), solves, writes the .sol file and prints one JSON object:
`stated_cost`, `routes`, `note`, `wall_s` and `cpu_s` (user + system seconds of the solve call alone).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from protocol import VARIANTS

from . import adapter
from .instance import read_instance, write_sol


def cpu_seconds() -> float:
    """User + system CPU seconds of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str]) -> int:
    """Runs one solve; exit status 2 for bad arguments, 1 for a solver error (message on stderr)."""
    if len(argv) not in (5, 6):
        print("usage: python -m peers PEER INSTANCE TIME_LIMIT SEED OUT.sol [KIND]", file=sys.stderr)
        return 2
    name, instance, limit, seed, out = argv[:5]
    kind = argv[5] if len(argv) == 6 else None
    if kind is not None and kind not in VARIANTS:
        print(f"KIND {kind!r} must be one of {', '.join(VARIANTS)}", file=sys.stderr)
        return 2
    try:
        time_limit, seed_value = float(limit), int(seed)
    except ValueError:
        print(f"TIME_LIMIT {limit!r} must be a number and SEED {seed!r} an integer", file=sys.stderr)
        return 2
    try:
        peer = adapter(name)
        if kind is None:
            inst = read_instance(Path(instance))
            start_wall, start_cpu = time.perf_counter(), cpu_seconds()
            solved = peer.solve(inst, time_limit, seed_value)
        else:
            start_wall, start_cpu = time.perf_counter(), cpu_seconds()
            solved = peer.solve_file(Path(instance), kind, time_limit, seed_value)
        wall, cpu = time.perf_counter() - start_wall, cpu_seconds() - start_cpu
        keep_empty = kind is not None and VARIANTS[kind].routes_by_vehicle
        write_sol(Path(out), solved.routes, solved.stated_cost, keep_empty=keep_empty)
    except Exception as e:  # reported to run.py, which puts it in the table
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps({"stated_cost": solved.stated_cost, "routes": sum(1 for r in solved.routes if r),
                      "note": solved.note, "wall_s": wall, "cpu_s": cpu}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
