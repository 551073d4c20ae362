#!/usr/bin/env python3
"""Diagnostic: does gongpei's search depend on the magnitude of the model's costs? Solves HFVRP files of the
shared `hfvrp` folder twice with the same binary, seed and time limit, and checks both answers against the
original file with `gongpei check`:

- as read (`TYPE: HFVRP`: unrounded distances x 10^4, costs x 100 in the file, so one unit of the
  literature's cost is 10^6 model units);
- rescaled: a copy with coordinates and fixed costs x 100 and `TYPE: CVRP`, so gongpei rounds 100 d to the
  nearest integer and one unit of cost is 10^4 model units (distances to 0.01: the same problem up to that
  rounding).

The routes of both are re-evaluated on the original file, so the costs compare exactly. A large difference
points at absolute constants in the engine (e.g. the starting load penalty, at most 100,000 model units, and
the penalty ceiling 2^30), not at the reader.

Usage:
    python benches/quality/scale_probe.py [--data ../shared/data] [--gongpei BIN] [--time-limit 10]
        [--instances X219-HD X209-FSMFD ...] [--out FILE.md]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FACTOR = 100


def rescaled(text: str) -> str:
    """The file with coordinates and fixed costs x FACTOR and TYPE CVRP (nearest-integer distances)."""
    out, section = [], None
    for line in text.splitlines():
        tokens = line.split()
        head = tokens[0].rstrip(":").upper() if tokens else ""
        if head.endswith("_SECTION") or head == "EOF" or ":" in line:
            section = head
            out.append(re.sub(r"^(\s*TYPE\s*:\s*)HFVRP", r"\1CVRP", line))
        elif section == "NODE_COORD_SECTION" and len(tokens) == 3:
            out.append(f"{tokens[0]} {float(tokens[1]) * FACTOR:g} {float(tokens[2]) * FACTOR:g}")
        elif section == "VEHICLES_FIXED_COST_SECTION" and len(tokens) == 2:
            out.append(f"{tokens[0]} {float(tokens[1]) * FACTOR:g}")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def run(command: list[str]) -> dict:
    """A gongpei command's JSON output (exit 3, infeasible, still prints it)."""
    proc = subprocess.run(command, capture_output=True, text=True)
    try:
        return json.loads(proc.stdout)
    except json.JSONDecodeError:
        raise RuntimeError(f"{' '.join(command)}: exit {proc.returncode}: {proc.stderr.strip()}") from None


def solve_and_check(binary: Path, solve_file: Path, original: Path, sol: Path, seconds: float, seed: int) -> dict:
    """Solves `solve_file`, checks the `.sol` against `original`: the check's JSON."""
    run([str(binary), "solve", str(solve_file), "--time-limit", f"{seconds:g}", "--threads", "1",
         "--seed", str(seed), "--json", "--quiet", "--out", str(sol)])
    return run([str(binary), "check", str(original), str(sol), "--json"])


def cell(report: dict) -> str:
    """Cost and gap, or why it is not feasible."""
    if not report["feasible"]:
        problems = [p for p in report["problems"] if not p.startswith("stated cost")]
        if problems:
            return f"infeasible ({problems[0][:50]})"
    gap = report.get("gap_percent")
    return f"{report['cost']:.2f} ({gap:.2f} %)" if gap is not None else f"{report['cost']:.2f}"


def main() -> int:
    """Runs the probe and prints (and with --out writes) the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(REPO / "../shared/data"), help="benchmark data folder")
    parser.add_argument("--gongpei", default=str(REPO / "target/ci/gongpei"), help="gongpei binary")
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--instances", nargs="*", help="instance names (default: the whole hfvrp folder)")
    parser.add_argument("--out", help="write the table to this Markdown file")
    args = parser.parse_args()
    folder = Path(args.data) / "hfvrp"
    files = sorted(folder.glob("*.vrp"))
    if args.instances:
        files = [folder / f"{name}.vrp" for name in args.instances]
    missing = [f for f in files if not f.is_file()]
    if missing or not files:
        parser.error(f"not found: {', '.join(map(str, missing)) or folder}")
    lines = ["| instance | bks | as read (10^6 per cost unit) | rescaled (10^4 per cost unit) |",
             "|---|---|---|---|"]
    with tempfile.TemporaryDirectory(prefix="gongpei-scale-") as tmp:
        work = Path(tmp)
        for path in files:
            copy = work / f"{path.stem}.vrp"
            copy.write_text(rescaled(path.read_text()))
            # bks.csv beside the copy is not needed: the check against the original reports the gap.
            as_read = solve_and_check(Path(args.gongpei), path, path, work / "as_read.sol", args.time_limit,
                                      args.seed)
            scaled = solve_and_check(Path(args.gongpei), copy, path, work / "scaled.sol", args.time_limit,
                                     args.seed)
            line = f"| {path.stem} | {as_read.get('bks')} | {cell(as_read)} | {cell(scaled)} |"
            print(line, flush=True)
            lines.append(line)
    text = "\n".join(lines) + "\n"
    if args.out:
        Path(args.out).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
