#!/usr/bin/env python3
"""p-median benchmark: every OR-Library instance of DATA/pmedian solved by `gongpei locate pmedian`.

For each `pmedN.txt` (sorted by N) the CLI is run with --json (and --time-limit when given); the
table compares its objective with the optimum of `bks.csv` and reports the status (proven optimal or
stopped with a gap) and time.
It writes the "p-median" section of RESULTS.md beside this script (the other sections, written
by covering_vs_spopt.py, are kept).

Usage: pmedian.py [--data ../shared/data] [--gongpei target/ci/gongpei] [--time-limit S]
                  [--threads N] [--only pmed1,pmed6] [--out benches/locate/RESULTS.md]
"""

import argparse
import csv
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
from results import replace_section  # noqa: E402


def default_binary():
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    for profile in ("ci", "release"):
        candidate = target / profile / "gongpei"
        if candidate.exists():
            return str(candidate)
    return str(target / "release" / "gongpei")


def write_table(args, rows, planned):
    """Rewrites the p-median section with the rows so far (so a long run leaves partial results)."""
    lines = [
        f"Command: `benches/locate/pmedian.py --data {args.data}"
        + (f" --time-limit {args.time_limit}" if args.time_limit else "")
        + f" --threads {args.threads}`; `gongpei locate pmedian FILE --json` per instance (exact: vertex-substitution "
        "incumbent, Lagrangian bound, reduced-cost fixing and service caps, Lagrangian branch and bound, HiGHS on the "
        "reduced sorted-distances model past 5,000 nodes; relative gap 1e-9). Time = the CLI's `seconds` (the whole "
        "solve), excluding reading the file and the all-pairs shortest paths; wall = the whole process.",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other jobs, {platform.system()}.",
        "",
        "| instance | n | p | objective | optimum | equal | status | time (s) | wall (s) |",
        "|---|---:|---:|---:|---:|:-:|---|---:|---:|",
    ]
    solved = 0
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['instance']} | | | error: {r['error'][:80]} | | no | | | |")
            continue
        equal = r["bks"] is not None and abs(r["objective"] - r["bks"]) < 0.5
        optimal = r["status"] == "optimal"
        solved += equal and optimal
        status = "optimal" if optimal else f"stopped, gap {100 * r['gap']:.3f} %"
        lines.append(
            f"| {r['instance']} | {r['vertices']} | {r['p']} | {r['objective']:.0f} | "
            f"{'' if r['bks'] is None else format(r['bks'], '.0f')} | {'yes' if equal else 'no'} | {status} | "
            f"{r['seconds']:.2f} | {r['wall']:.2f} |"
        )
    total = sum(r.get("seconds", 0.0) for r in rows)
    lines += ["", f"{solved} of {len(rows)} instances run ({planned} planned) solved to the published optimum "
              f"and proven optimal; total solver time {total:.1f} s."]
    replace_section(Path(args.out), "p-median (OR-Library)", "\n".join(lines))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--gongpei", default=default_binary())
    ap.add_argument("--time-limit", type=float, default=None)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--only", default="", help="comma-separated instance names")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args()

    folder = Path(args.data) / "pmedian"
    if not folder.is_dir():
        sys.exit(f"pmedian.py: {folder} not found (pass --data)")
    optimum = {}
    with open(folder / "bks.csv", newline="") as f:
        for row in csv.DictReader(f):
            optimum[row["instance"]] = float(row["bks"])
    files = sorted(folder.glob("pmed*.txt"), key=lambda p: int(re.sub(r"\D", "", p.stem)))
    if args.only:
        wanted = set(args.only.split(","))
        files = [f for f in files if f.stem in wanted]

    rows = []
    for path in files:
        cmd = [args.gongpei, "locate", "pmedian", str(path), "--json", "--threads", str(args.threads)]
        if args.time_limit:
            cmd += ["--time-limit", str(args.time_limit)]
        started = time.perf_counter()
        run = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if run.returncode != 0:
            print(f"{path.stem}: FAILED {run.stderr.strip()}", flush=True)
            rows.append({"instance": path.stem, "error": run.stderr.strip()})
            write_table(args, rows, len(files))
            continue
        r = json.loads(run.stdout)
        r["wall"] = wall
        r["bks"] = optimum.get(path.stem)
        rows.append(r)
        print(
            f"{path.stem}: n={r['vertices']} p={r['p']} objective={r['objective']:.0f} optimum={r['bks']} "
            f"status={r['status']} {r['seconds']:.2f}s",
            flush=True,
        )
        write_table(args, rows, len(files))

    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
