"""Times one sweep spec on the local and the Ray backend side by side and writes RESULTS.md.

The two runs go at the same time, each pinned to its own core with ``taskset`` (the local backend
with ``--jobs 1`` on one core, the Ray backend with a new one-CPU local cluster, all of Ray's
processes included, on the other), so both see the same machine load and the ratio of their wall
times is what the backend costs, not what the rest of the machine did. Each finished variant's own
time comes from the checkpoint (``seconds``), which gives the per-task figures a cluster estimate
needs. The rows of the two backends are compared (same variants and seeds: same KPIs).

    python benches/sweep/time_backends.py --gongpei target/ci/gongpei --python .venv/bin/python

The Python interpreter must have ``gongpei`` (the same build as the CLI) and ``ray`` installed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any, Dict, List, Tuple

HERE = pathlib.Path(__file__).resolve().parent

# Row fields that legitimately differ between two runs of the same variant.
VOLATILE = {"seconds", "attempts"}


def load_average() -> str:
    """The 1/5/15-minute load averages, for the table's machine column."""
    try:
        return " / ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def start(name: str, command: List[str], core: int, log: pathlib.Path) -> Tuple[subprocess.Popen, float]:
    """Starts ``command`` pinned to ``core``; returns the process and its start time."""
    pinned = ["taskset", "-c", str(core)] + command if shutil.which("taskset") else command
    print(f"{name}: {' '.join(pinned)}", file=sys.stderr)
    handle = log.open("w")
    return subprocess.Popen(pinned, stdout=handle, stderr=subprocess.STDOUT), time.monotonic()


def read_checkpoint(path: pathlib.Path) -> Dict[str, Dict[str, Any]]:
    """The last line of each variant id in a checkpoint."""
    lines: Dict[str, Dict[str, Any]] = {}
    for text in path.read_text().splitlines():
        if text.strip():
            entry = json.loads(text)
            lines[entry["id"]] = entry
    return lines


def row_of(entry: Dict[str, Any]) -> Any:
    """The KPI row of a checkpoint line without the fields that vary run to run."""
    row = entry.get("row")
    if isinstance(row, dict):
        return {k: v for k, v in row.items() if k not in VOLATILE}
    return row


def summary(entries: Dict[str, Dict[str, Any]]) -> Dict[str, float]:
    """Median, minimum, maximum and sum of the task times, and the count of ok variants."""
    seconds = [float(e["seconds"]) for e in entries.values() if e.get("status") == "ok"]
    return {
        "ok": len(seconds),
        "failed": sum(1 for e in entries.values() if e.get("status") != "ok"),
        "median": statistics.median(seconds) if seconds else math.nan,
        "min": min(seconds, default=math.nan),
        "max": max(seconds, default=math.nan),
        "sum": sum(seconds),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spec", type=pathlib.Path, default=HERE / "jizhou100.toml")
    parser.add_argument("--gongpei", type=pathlib.Path, default=pathlib.Path("target/ci/gongpei"))
    parser.add_argument("--python", default=sys.executable, help="interpreter with gongpei and ray")
    parser.add_argument("--work", type=pathlib.Path, default=None, help="folder for the two runs' outputs")
    parser.add_argument("--out", type=pathlib.Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()

    work = args.work or pathlib.Path(tempfile.mkdtemp(prefix="gongpei-sweep-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    for name in ("local", "ray"):
        shutil.rmtree(work / name, ignore_errors=True)
    gongpei = str(args.gongpei.resolve())
    spec = str(args.spec.resolve())
    env_note = load_average()
    runs = {
        "local": [gongpei, "sweep", spec, "--backend", "local", "--jobs", "1", "--out", str(work / "local"), "--quiet"],
        "ray": [gongpei, "sweep", spec, "--backend", "ray", "--jobs", "1", "--python", args.python,
                "--out", str(work / "ray"), "--quiet"],  # fmt: skip
    }
    os.environ.pop("RAY_ADDRESS", None)  # a new one-CPU local cluster, never a running one
    started = {name: start(name, cmd, core, work / f"{name}.log") for core, (name, cmd) in enumerate(runs.items())}
    walls: Dict[str, float] = {}
    codes: Dict[str, int] = {}
    for name, (process, t0) in started.items():
        codes[name] = process.wait()
        walls[name] = time.monotonic() - t0
        print(f"{name}: exit {codes[name]} after {walls[name]:.0f} s", file=sys.stderr)
    if any(codes.values()):
        for name in runs:
            print(f"--- {name}.log ---\n{(work / f'{name}.log').read_text()[-3000:]}", file=sys.stderr)
        return 1

    entries = {name: read_checkpoint(work / name / "checkpoint.jsonl") for name in runs}
    stats = {name: summary(entries[name]) for name in runs}
    same_ids = set(entries["local"]) == set(entries["ray"])
    differing = [i for i in entries["local"] if row_of(entries["local"][i]) != row_of(entries["ray"].get(i, {}))]
    ratio = walls["ray"] / walls["local"]
    overhead = (walls["ray"] - stats["ray"]["sum"]) / max(stats["ray"]["ok"], 1)
    median_task = statistics.median([stats["local"]["median"], stats["ray"]["median"]])

    lines = [
        "# Sweep backends side by side",
        "",
        f"Spec `{args.spec.name}` ({len(entries['local'])} variants), written by `time_backends.py` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}. The two runs went at the same time, each pinned "
        "to one core (`taskset`): the local backend with `--jobs 1`, the Ray backend on a new one-CPU local "
        f"cluster (Ray's own processes on the same core). Load average at the start: {env_note} (2-core machine).",
        "",
        "| backend | variants ok | failed | wall time | per task, median (min-max) | sum of task times |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for name in runs:
        s = stats[name]
        lines.append(
            f"| {name} | {s['ok']} | {s['failed']} | {walls[name]:.0f} s | {s['median']:.1f} s "
            f"({s['min']:.1f}-{s['max']:.1f}) | {s['sum']:.0f} s |"
        )
    lines += [
        "",
        f"- Ray / local wall time: **{ratio:.2f}**. Ray's time beyond its tasks' own: "
        f"{walls['ray'] - stats['ray']['sum']:.0f} s in all, {overhead:.2f} s per variant (cluster start, "
        "scheduling, shipping rows back).",
        f"- Same variants on both: {'yes' if same_ids else 'NO'}; rows that differ (KPIs, ignoring "
        f"`seconds` and `attempts`): {len(differing)}{' (' + ', '.join(differing[:5]) + ')' if differing else ''}.",
        f"- Expected wall time on N nodes of c cores (one task per core): about ceil({len(entries['local'])} / "
        f"(N c)) x {median_task:.1f} s (the median task here) plus the cluster's start; for 8 cores "
        f"{math.ceil(len(entries['local']) / 8) * median_task:.0f} s, for 32 cores "
        f"{math.ceil(len(entries['local']) / 32) * median_task:.0f} s, for 100 cores "
        f"{math.ceil(len(entries['local']) / 100) * median_task:.0f} s.",
        "",
    ]
    args.out.write_text("\n".join(lines))
    print("\n".join(lines))
    return 1 if differing or not same_ids else 0


if __name__ == "__main__":
    sys.exit(main())
