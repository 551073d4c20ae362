#!/usr/bin/env python3
"""Checks every best-known `.sol` of the variant sets (`protocol.VARIANTS`: shared folders `pcvrptw`, `hfvrp`,
`vrpb`) with gongpei's independent checker, under each folder's convention, before the sets are benchmarked.

For each instance: `gongpei check INSTANCE.vrp INSTANCE.sol --json` (VRPB as the mixed relaxation,
`--vrpb-mixed`, plus this script's own linehaul-before-backhaul check of the routes); the solution must be
feasible, its `Cost` line accepted (in the file's unit or in PyVRP's integer unit) and the recomputed cost
equal to the folder's `bks.csv` value to 0.01. Prints one line per instance and a summary per set, writes the
summary as Markdown with `--out`, and exits 1 when any solution fails.

Usage:
    python benches/quality/check_bks.py [--data ../shared/data] [--gongpei target/ci/gongpei] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from protocol import VARIANTS, backhaul_loads, precedence_violations, read_sol_routes

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
# bks.csv quotes two decimals; the recomputed cost may differ by the rounding of that quote.
TOLERANCE = 0.01


def read_bks_csv(folder: Path) -> dict[str, float]:
    """The `bks` column of a folder's `bks.csv` by instance name."""
    lines = (folder / "bks.csv").read_text().splitlines()
    header = [c.strip() for c in lines[0].split(",")]
    at = header.index("bks")
    return {cells[0].strip(): float(cells[at]) for cells in (line.split(",") for line in lines[1:] if line.strip())}


def check_one(binary: Path, kind: str, path: Path, bks: float | None) -> tuple[bool, str]:
    """Whether the `.sol` beside `path` passes, and the line saying so."""
    sol = path.with_suffix(".sol")
    command = [str(binary), "check", str(path), str(sol), "--json", *VARIANTS[kind].gongpei_flags]
    proc = subprocess.run(command, capture_output=True, text=True)
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return False, f"{path.stem}: check failed (exit {proc.returncode}): {proc.stderr.strip()[:200]}"
    problems = list(report["problems"])
    if kind == "vrpb":
        linehaul, backhaul = backhaul_loads(path)
        broken = precedence_violations(read_sol_routes(sol), linehaul, backhaul)
        if broken:
            problems.append(f"linehaul-first rule broken on routes {broken[:5]}")
    if bks is None:
        problems.append("not in bks.csv")
    elif abs(report["cost"] - bks) > TOLERANCE:
        problems.append(f"recomputed {report['cost']} differs from bks {bks}")
    line = (f"{path.stem}: cost {report['cost']:.2f}, bks {bks}, stated {report['stated_cost']}, "
            f"{report['routes']} routes, {'ok' if not problems else 'FAILED: ' + '; '.join(problems)}")
    return not problems, line


def main() -> int:
    """Checks every set found under --data; exit status 1 when a solution fails."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(REPO / "../shared/data"), help="benchmark data folder")
    parser.add_argument("--gongpei", default=str(REPO / "target/ci/gongpei"), help="gongpei binary")
    parser.add_argument("--out", help="write the per-set summary as Markdown to this file")
    args = parser.parse_args()
    binary = Path(args.gongpei)
    if not binary.is_file():
        parser.error(f"gongpei binary {binary} not found (build it or pass --gongpei)")
    summary = ["| set | instances | passed | convention |", "|---|---|---|---|"]
    failed = 0
    for kind, variant in VARIANTS.items():
        folder = Path(args.data) / kind
        files = sorted(folder.glob("*.vrp"))
        if not files:
            print(f"{kind}: folder {folder} absent or empty, skipped")
            summary.append(f"| {kind} | 0 | folder absent | |")
            continue
        bks = read_bks_csv(folder)
        passed = 0
        for path in files:
            ok, line = check_one(binary, kind, path, bks.get(path.stem))
            passed += ok
            print(f"{kind:>8} {line}", flush=True)
        failed += len(files) - passed
        flags = " ".join(variant.gongpei_flags) or "default reading"
        summary.append(f"| {kind} | {len(files)} | {passed} | {flags}; PyVRP round_func `{variant.pyvrp_round_func}` |")
    text = "\n".join(summary) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
