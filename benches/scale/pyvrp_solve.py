#!/usr/bin/env python3
"""Solves a VRPLIB instance with PyVRP for a fixed time on one thread and writes its best
solution as a CVRPLIB .sol file (checked afterwards by `gongpei check`), printing one JSON line.

    benches/.venv/bin/python benches/scale/pyvrp_solve.py INSTANCE --time-limit 300 --out p.sol
"""

import argparse
import json
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("instance")
    parser.add_argument("--time-limit", type=float, default=300.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    try:
        import pyvrp
        from pyvrp.stop import MaxRuntime
    except ImportError:
        print("pyvrp is not installed (pip install pyvrp into benches/.venv)", file=sys.stderr)
        return 2

    started = time.perf_counter()
    # EUC_2D distances rounded to the nearest integer, the CVRPLIB X convention gongpei uses.
    data = pyvrp.read(args.instance, round_func="round")
    read_s = time.perf_counter() - started
    result = pyvrp.solve(
        data, stop=MaxRuntime(args.time_limit), seed=args.seed, collect_stats=False
    )
    best = result.best
    with open(args.out, "w", encoding="ascii") as f:
        for k, route in enumerate(best.routes(), start=1):
            # A client activity's `idx` counts clients from 0; its location index (depots first)
            # is node id - 1, the client numbering of CVRPLIB .sol files.
            ids = [str(data.num_depots + a.idx) for a in route if a.is_client()]
            f.write(f"Route #{k}: " + " ".join(ids) + "\n")
        f.write(f"Cost {best.distance()}\n")
    print(
        json.dumps(
            {
                "solver": "pyvrp",
                "version": getattr(pyvrp, "__version__", "0.14.1"),
                "cost": best.distance(),
                "feasible": best.is_feasible(),
                "routes": best.num_routes(),
                "iterations": result.num_iterations,
                "read_s": round(read_s, 3),
                "runtime_s": round(result.runtime, 3),
            }
        )
    )
    return 0 if best.is_feasible() else 1


if __name__ == "__main__":
    sys.exit(main())
