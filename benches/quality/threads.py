"""What a second core buys: gongpei with 1 and 2 threads on the same instances, alternating per
instance in one run (so both see the same machine load), every solution re-checked by the CLI's
independent checker. Writes a Markdown table (per instance gap for each thread count, means, ratio).

    python benches/quality/threads.py --data ../shared/data --set X --time-limit 30 \
        --gongpei target/release/gongpei --out benches/quality/results/X-30s-threads.md
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import time

SETS = {"X": ("cvrp/X", ".vrp")}


def solve(binary: str, path: pathlib.Path, limit: float, threads: int, seed: int) -> dict:
    out = subprocess.run(
        [binary, "solve", str(path), "--time-limit", str(limit), "--threads", str(threads),
         "--seed", str(seed), "--json", "--quiet"],
        check=False, capture_output=True, text=True,
    )
    # Exit status 3 means "solved, but the answer is infeasible": the JSON still describes it.
    if out.returncode not in (0, 3):
        raise RuntimeError(f"{path.name}, {threads} threads: exit {out.returncode}: {out.stderr}")
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default="../shared/data", help="benchmark data folder")
    parser.add_argument("--set", default="X", choices=sorted(SETS))
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--gongpei", default="target/release/gongpei")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    folder, ext = SETS[args.set]
    files = sorted(pathlib.Path(args.data, folder).glob(f"*{ext}"),
                   key=lambda p: (len(p.stem), p.stem))
    load_start = os.getloadavg()[0]
    rows = []
    for path in files:
        runs = {t: solve(args.gongpei, path, args.time_limit, t, args.seed) for t in (1, 2)}
        rows.append((path.stem, runs))
        print(path.stem, *(f"{t}t {r['gap_percent']}% ({r['iterations']} it)" for t, r in runs.items()),
              flush=True)
    load_end = os.getloadavg()[0]
    lines = [
        f"# What the second core buys: set `{args.set}`, {args.time_limit:g} s per instance",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores "
        f"(load average at start {load_start:.1f}, at end {load_end:.1f}); seed {args.seed}; "
        f"1 and 2 threads alternate per instance. Command: `python benches/quality/threads.py "
        f"--set {args.set} --time-limit {args.time_limit:g} --gongpei {args.gongpei}`.",
        "",
        "| instance | gap % 1 thread | iterations | gap % 2 threads | iterations | feasible |",
        "|---|---:|---:|---:|---:|---|",
    ]
    def gap(run: dict) -> float:
        # An infeasible answer has no gap; it counts as 100 % so it can only hurt.
        return run["gap_percent"] if run["feasible"] and run["gap_percent"] is not None else 100.0

    for name, runs in rows:
        one, two = runs[1], runs[2]
        ok = "yes" if one["feasible"] and two["feasible"] and not one["problems"] and not two["problems"] else "NO"
        lines.append(f"| {name} | {gap(one):.3f} | {one['iterations']} | "
                     f"{gap(two):.3f} | {two['iterations']} | {ok} |")
    mean1 = statistics.mean(gap(r[1]) for _, r in rows)
    mean2 = statistics.mean(gap(r[2]) for _, r in rows)
    better = sum(gap(r[2]) < gap(r[1]) for _, r in rows)
    worse = sum(gap(r[2]) > gap(r[1]) for _, r in rows)
    lines += [
        "",
        f"Mean gap: 1 thread **{mean1:.3f} %**, 2 threads **{mean2:.3f} %** "
        f"(ratio {mean2 / mean1 if mean1 else float('nan'):.2f}); 2 threads better on {better}, "
        f"worse on {worse} of {len(rows)} instances.",
        "",
    ]
    pathlib.Path(args.out).write_text("\n".join(lines))
    print("\n".join(lines[-3:]))


if __name__ == "__main__":
    main()
