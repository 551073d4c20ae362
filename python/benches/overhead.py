"""Python overhead of a solve, measured side by side with the `gongpei` command line.

Runs the same instance, seed and iteration limit alternately through the CLI (`--json`) and
through `gongpei.solve`, several times, and reports medians: the engine's own runtime in each, the
wall time of the Python call, and the overhead of the binding (Python call wall time minus the
engine's runtime, relative to the engine's runtime). Also checks both give the same cost, and runs
one time-limited solve to see how far past the limit the Python call returns.

Usage (from the repository root, after `make test-python` built the venv and the CLI):

    .venv/bin/python python/benches/overhead.py [DATA_FOLDER] [--iterations N] [--reps R]

DATA_FOLDER defaults to ../shared/data; the instance is cvrp/X/X-n101-k25.vrp inside it (or
data/instances/X-n101-k25.vrp of the repository when that folder is absent).
"""

from __future__ import annotations

import argparse
import json
import pathlib
import platform
import statistics
import subprocess
import time

import gongpei

REPO = pathlib.Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", default=str(REPO / ".." / "shared" / "data"))
    parser.add_argument("--instance", default="cvrp/X/X-n101-k25.vrp")
    parser.add_argument("--iterations", type=int, default=1500)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(REPO / "python" / "benches" / "results" / "overhead.md"))
    args = parser.parse_args()

    path = pathlib.Path(args.data) / args.instance
    if not path.exists():
        path = REPO / "data" / "instances" / pathlib.Path(args.instance).name
    cli = REPO / "target" / "release" / "gongpei"
    instance = gongpei.read(path)

    cli_runtime, cli_wall, py_wall, py_engine, costs = [], [], [], [], set()
    for _ in range(args.reps):
        started = time.perf_counter()
        done = subprocess.run(
            [str(cli), "solve", str(path), "--seed", str(args.seed), "--json", "--quiet",
             "--max-iterations", str(args.iterations)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        cli_wall.append(time.perf_counter() - started)
        report = json.loads(done.stdout)
        cli_runtime.append(report["runtime_s"])
        costs.add(("cli", report["cost_integer"]))

        started = time.perf_counter()
        result = gongpei.solve(instance.data, seed=args.seed, max_iterations=args.iterations)
        py_wall.append(time.perf_counter() - started)
        py_engine.append(result.runtime)
        costs.add(("python", result.cost))

    started = time.perf_counter()
    limited = gongpei.solve(instance.data, seed=args.seed, time_limit=args.time_limit)
    limited_wall = time.perf_counter() - started

    med = statistics.median
    overhead = [(w - e) / e for w, e in zip(py_wall, py_engine)]
    lines = [
        f"# Python overhead on a solve ({instance.name}, {args.iterations} iterations, "
        f"seed {args.seed}, 1 thread, {args.reps} alternating runs each)",
        "",
        f"Machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}; medians in seconds.",
        "",
        "| measure | CLI | Python |",
        "|---|---|---|",
        f"| engine runtime (reported by the solve) | {med(cli_runtime):.3f} | {med(py_engine):.3f} |",
        f"| wall time (CLI: whole process; Python: the `solve` call) | {med(cli_wall):.3f} "
        f"| {med(py_wall):.3f} |",
        "",
        f"- Python call wall / CLI engine runtime: **{med(py_wall) / med(cli_runtime):.4f}**",
        f"- Binding overhead (Python call wall - its engine runtime) / engine runtime: median "
        f"**{100 * med(overhead):.3f} %** (max {100 * max(overhead):.3f} %)",
        f"- Costs: {sorted(costs)} -> "
        f"{'identical' if len({c for _, c in costs}) == 1 else 'DIFFERENT'}",
        f"- Time-limited solve ({args.time_limit:g} s): the Python call returned after "
        f"{limited_wall:.3f} s, engine runtime {limited.runtime:.3f} s "
        f"(overhead {100 * (limited_wall - limited.runtime) / limited.runtime:.3f} %)",
        "",
    ]
    text = "\n".join(lines)
    pathlib.Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
