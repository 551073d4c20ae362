#!/usr/bin/env python3
"""Quality benchmark: gongpei vs PyVRP, OR-Tools, HGS-CVRP and VROOM on public VRP instance sets.

Runs the gongpei CLI, then each peer (adapters in `peers/`, one module per solver), on the same instances
with the same time limit, one after another in one run; writes every solution as a CVRPLIB .sol file and
verifies each with `gongpei check` (the independent checker), then writes a Markdown table per time
limit to benches/quality/results/: cost, gap to the BKS and feasibility per solver and instance, and per
size class and overall the average gap, the ratio of gongpei's average gap to each peer's and gongpei's
better / equal / worse counts (`report.py`). A peer that does not model the set (HGS-CVRP on time
windows) is skipped and the table says so; a crash, an overrun or an infeasible solution is a row note.

Conventions are identical for all solvers: CVRP distances are nint-rounded Euclidean (TSPLIB EUC_2D)
or the explicit matrix; Solomon-format files use the DIMACS distance-only convention (distances and
travel times floor(10 d), times and service durations x 10), exactly as gongpei's reader. The peers get
matrices built from the same files (`peers/instance.py`); gongpei's checker then re-evaluates every
solution from the instance file, so a convention mismatch would show up as a cost difference or
infeasibility.

Usage (see README.md):
    python benches/quality/run.py [--data ../shared/data] --set X --time-limit 10,2.4n --subset x4
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from peers import PEERS, adapter, package_version
from protocol import (
    SUBSETS,
    VARIANTS,
    TimeLimit,
    backhaul_loads,
    count_clients,
    parse_time_limits,
    precedence_violations,
    read_sol_routes,
    rounding_only,
)
from report import Row, Run, write_report

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]

# Instance sets: folder under the data root, file extension, and the problem kind the peers are given
# (None: a format only gongpei reads here, so gongpei runs alone).
SETS = {
    "X": ("cvrp/X", ".vrp", "cvrp"),
    "A": ("cvrp/A", ".vrp", "cvrp"),
    "B": ("cvrp/B", ".vrp", "cvrp"),
    "E": ("cvrp/E", ".vrp", "cvrp"),
    "P": ("cvrp/P", ".vrp", "cvrp"),
    "solomon": ("vrptw/solomon", ".txt", "vrptw"),
    "homberger": ("vrptw/homberger", ".txt", "vrptw"),
    "dethloff": ("vrpspd/dethloff", ".vrpspd", None),
    "montane_galvao": ("vrpspd/montane_galvao", ".vrpspd", None),
    "cordeau": ("mdvrp/cordeau", ".txt", None),
    # The variant sets (protocol.VARIANTS): the peers that model them read the files themselves.
    "pcvrptw": ("pcvrptw", ".vrp", "pcvrptw"),
    "hfvrp": ("hfvrp", ".vrp", "hfvrp"),
    "vrpb": ("vrpb", ".vrp", "vrpb"),
}
KIND_TEXT = {"cvrp": "CVRP", "vrptw": "time windows (VRPTW)", "pcvrptw": "prize collecting (PCVRPTW)",
             "hfvrp": "heterogeneous fleets (HFVRP)", "vrpb": "backhauls (VRPB)"}
SOLVERS = ("gongpei", *PEERS)

# A peer process still running this long after its limit (x 2 + 60 s) is killed and noted: VROOM's
# construction or OR-Tools' first solution can overrun, but not without bound.
OVERRUN_FACTOR, OVERRUN_SLACK = 2.0, 60.0


def children_cpu() -> float:
    """User + system CPU seconds of this process's finished children so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def gongpei_json(binary: Path, args: list[str]) -> tuple[int, dict | None, str]:
    """Runs the gongpei CLI; its exit status, parsed JSON output (None when there is none) and stderr."""
    proc = subprocess.run([str(binary), *args], capture_output=True, text=True)
    try:
        return proc.returncode, json.loads(proc.stdout), proc.stderr.strip()
    except json.JSONDecodeError:
        return proc.returncode, None, proc.stderr.strip()


def variant_flags(kind: str | None) -> list[str]:
    """The gongpei CLI flags a set needs (`--vrpb-mixed` for VRPB), none for the other sets."""
    return list(VARIANTS[kind].gongpei_flags) if kind in VARIANTS else []


def precedence_note(instance: Path, sol: Path) -> str:
    """For a VRPB file: on how many routes `sol` breaks linehaul-before-backhaul ('' when on none)."""
    linehaul, backhaul = backhaul_loads(instance)
    broken = precedence_violations(read_sol_routes(sol), linehaul, backhaul)
    if not broken:
        return ""
    return f"not a VRPB solution: linehaul-first rule broken on {len(broken)} routes (mixed relaxation)"


def verify(binary: Path, instance: Path, sol: Path, row: Row, run: Run, kind: str | None = None) -> None:
    """Re-evaluates `sol` with `gongpei check` and records its cost, routes, feasibility and problems;
    the row's BKS and cost scale come from the check when gongpei did not solve (or failed). VRPB is
    checked as the mixed relaxation, and whether the routes keep linehauls first is noted."""
    code, report, err = gongpei_json(binary, ["check", str(instance), str(sol), "--json",
                                              *variant_flags(kind)])
    if report is None:
        run.note = f"check failed (exit {code}): {err}"[:300]
        return
    if row.bks is None:
        row.bks = report.get("bks")
        row.scale = report.get("cost_scale", row.scale)
    run.cost = report["cost"]
    run.routes = report["routes"]
    run.feasible = bool(report["feasible"])
    variant = VARIANTS.get(kind or "")
    if variant and rounding_only(report["problems"], report.get("stated_cost"), run.cost,
                                 variant.stated_cost_rounding):
        # The routes are feasible; the solver's stated cost carries its own per-arc rounding.
        run.feasible = True
        run.note = (f"stated cost {report['stated_cost']} (the solver's per-arc rounding, within "
                    f"{variant.stated_cost_rounding:g} of the cost)")
    elif report["problems"]:
        problems = "check: " + "; ".join(report["problems"])
        run.note = f"{run.note}; {problems}" if run.note else problems
        run.note = run.note[:300]
    if kind == "vrpb" and (precedence := precedence_note(instance, sol)):
        run.note = f"{run.note}; {precedence}" if run.note else precedence


def solve_gongpei(binary: Path, path: Path, seconds: float, args, sol: Path, row: Row, run: Run,
                  kind: str | None = None) -> None:
    """gongpei CLI solve; fills the row's BKS, scale and (if the header gave none) its client count."""
    before = children_cpu()
    code, report, err = gongpei_json(binary, [
        "solve", str(path), "--time-limit", f"{seconds:g}", "--threads", str(args.threads),
        "--seed", str(args.seed), "--json", "--quiet", "--out", str(sol), *variant_flags(kind)])
    run.cpu = children_cpu() - before
    if report is None:
        raise RuntimeError(err or f"exit {code}")
    row.bks = report.get("bks")
    row.scale = report.get("cost_scale", 1)
    if row.clients is None:
        row.clients = report.get("clients")
    run.runtime = report["runtime_s"]


def solve_peer(name: str, path: Path, seconds: float, seed: int, sol: Path, run: Run,
               kind: str | None = None) -> None:
    """One peer solve in its own process (`python -m peers`), killed if it overruns by far; a variant
    set's kind is passed on, so the adapter reads the file itself."""
    deadline = OVERRUN_FACTOR * seconds + OVERRUN_SLACK
    command = [sys.executable, "-m", "peers", name, str(path), f"{seconds:g}", str(seed), str(sol),
               *([kind] if kind in VARIANTS else [])]
    try:
        proc = subprocess.run(command, cwd=HERE, capture_output=True, text=True, timeout=deadline)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"killed after {deadline:g} s (limit {seconds:g} s)") from None
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or [f"exit status {proc.returncode}"]
        raise RuntimeError(f"exit {proc.returncode}: {tail[0]}")
    answer = json.loads(proc.stdout.strip().splitlines()[-1])
    run.runtime, run.cpu, run.note = answer["wall_s"], answer["cpu_s"], answer["note"]


def solver_notes(solvers: list[str], threads: int) -> dict[str, str]:
    """One line per solver for the report: version and how it honours the time limit."""
    notes = {"gongpei": f"CLI `--time-limit T --threads {threads}` (wall clock)"}
    for s in solvers:
        if s != "gongpei":
            notes[s] = f"{adapter(s).PACKAGE} {package_version(s)}; {adapter(s).TIME_LIMIT}"
    return notes


def select_files(args, parser: argparse.ArgumentParser) -> list[Path]:
    """The instance files of the set, narrowed by --subset, --instances and --limit."""
    folder, ext, _ = SETS[args.set]
    data_dir = Path(args.data).resolve() / folder
    if not data_dir.is_dir():
        parser.error(f"data folder {data_dir} not found (pass --data)")
    files = sorted((p for p in data_dir.iterdir() if p.suffix == ext), key=natural_key)
    wanted = list(SUBSETS[args.subset]) if args.subset else args.instances
    if wanted:
        by_name = {p.stem: p for p in files}
        missing = [name for name in wanted if name not in by_name]
        if missing:
            parser.error(f"instance(s) not in {data_dir}: {', '.join(missing)}")
        files = [by_name[name] for name in wanted]
    if args.limit:
        files = files[: args.limit]
    if not files:
        parser.error("no instances selected")
    return files


def selection_label(args, files: list[Path]) -> str:
    """The file-name part that tells a narrowed run from the whole set: `-x12` for a subset, `-sel6` for
    six instances picked by --instances or --limit, nothing for the whole set (so a partial run never
    overwrites a whole-set table)."""
    if args.subset:
        return f"-{args.subset}"
    if args.instances or args.limit:
        return f"-sel{len(files)}"
    return ""


def natural_key(path: Path) -> list:
    """Sorts X-n101 before X-n1001 and C101 before C103: digit runs compare as numbers."""
    import re

    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", path.stem)]


def skip_reason(solver: str, kind: str | None) -> str | None:
    """Why `solver` does not run on a set of problem `kind` (None: it runs)."""
    if solver == "gongpei":
        return None
    if kind is None:
        return "the peers' inputs are built for CVRP and VRPTW only"
    if kind not in adapter(solver).MODELS:
        return f"{solver} does not model {KIND_TEXT[kind]}"
    return None


def run_table(limit: TimeLimit, files: list[Path], solvers: list[str], binary: Path, args,
              sol_dir: Path) -> list[Row]:
    """Every solver on every file at one time limit, alternating solvers per instance."""
    kind = SETS[args.set][2]
    rows = []
    for path in files:
        clients = count_clients(path)
        try:
            seconds = limit.for_clients(clients)
        except ValueError as e:
            seconds, limit_error = 0.0, str(e)
        else:
            limit_error = None
        row = Row(path.stem, clients, None, seconds)
        row.skipped = {s: reason for s in solvers if (reason := skip_reason(s, kind))}
        for s in solvers:
            if s in row.skipped:
                print(f"{path.stem:>12} {limit.label:>5} {s:>8}: skipped, {row.skipped[s]}", flush=True)
                continue
            if limit_error:  # a row of notes, not a silent drop
                row.runs[s] = Run(s, note=f"not run: {limit_error}")
                continue
            sol = sol_dir / s / f"{path.stem}.sol"
            sol.unlink(missing_ok=True)  # never check a stale file from an earlier run
            run = Run(s)
            try:
                if s == "gongpei":
                    solve_gongpei(binary, path, seconds, args, sol, row, run, kind)
                else:
                    solve_peer(s, path, seconds, args.seed, sol, run, kind)
                verify(binary, path, sol, row, run, kind)
            except Exception as e:  # a failing solver is a note in the table, not fatal
                run.note = f"failed: {e}"[:300]
            row.runs[s] = run
            print(f"{path.stem:>12} {limit.label:>5} {s:>8}: cost {run.cost} feasible {run.feasible} "
                  f"({run.runtime:.1f} s wall, {run.cpu:.1f} s CPU) {run.note}", flush=True)
        rows.append(row)
    return rows


def main() -> int:
    """Parses the options, runs every time limit's table and writes the reports."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(REPO / "../shared/data"), help="benchmark data folder")
    parser.add_argument("--set", default="X", choices=sorted(SETS), help="instance set")
    pick = parser.add_mutually_exclusive_group()
    pick.add_argument("--instances", nargs="*", help="only these instance names")
    pick.add_argument("--subset", choices=sorted(SUBSETS),
                      help="a fixed subset of X by size class: " + "; ".join(
                          f"{k}: {', '.join(v)}" for k, v in SUBSETS.items()))
    parser.add_argument("--limit", type=int, help="only the first N instances (sorted by name)")
    parser.add_argument("--time-limit", default="30",
                        help="seconds per instance and solver, or <factor>n (e.g. 2.4n: 2.4 s per client); "
                             "several comma-separated values give one table each, e.g. 10,30,2.4n")
    parser.add_argument("--threads", type=int, default=1, help="gongpei worker threads (the peers use 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--solvers", default=",".join(SOLVERS), help="comma-separated subset of "
                        + ",".join(SOLVERS))
    parser.add_argument("--gongpei", help="gongpei binary (default: build target/release/gongpei)")
    parser.add_argument("--out", default=str(HERE / "results"), help="results folder")
    args = parser.parse_args()

    try:
        limits = parse_time_limits(args.time_limit)
    except ValueError as e:
        parser.error(str(e))
    if args.subset and args.set != "X":
        parser.error(f"--subset {args.subset} names X instances; it needs --set X (not {args.set})")
    solvers = [s.strip() for s in args.solvers.split(",") if s.strip()]
    unknown = [s for s in solvers if s not in SOLVERS]
    if unknown:
        parser.error(f"--solvers: unknown {', '.join(unknown)} (expected some of {', '.join(SOLVERS)})")
    solvers = [s for s in SOLVERS if s in solvers]  # the tables' column order
    missing = [s for s in solvers if s != "gongpei" and package_version(s) is None]
    if missing:
        packages = " ".join(adapter(s).PACKAGE for s in missing)
        parser.error(f"peer package(s) not installed for {', '.join(missing)}: pip install {packages} "
                     "(or leave them out of --solvers)")
    files = select_files(args, parser)

    binary = Path(args.gongpei) if args.gongpei else REPO / "target/release/gongpei"
    if not args.gongpei:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "gongpei-cli"], cwd=REPO, check=True)
    # Which engine produced the figures: the binary's build time and the tree's commit.
    binary_built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(binary.stat().st_mtime))
    tree = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True)
    # A private copy, so a rebuild of target/ during a long run cannot change the engine mid-table.
    frozen = Path(tempfile.mkdtemp(prefix="gongpei-quality-")) / "gongpei"
    shutil.copy2(binary, frozen)

    out_dir = Path(args.out)
    notes = solver_notes(solvers, args.threads)
    for limit in limits:
        tag = f"{args.set}{selection_label(args, files)}-{limit.label}-{args.threads}t"
        sol_dir = out_dir / "solutions" / tag
        for s in solvers:
            (sol_dir / s).mkdir(parents=True, exist_ok=True)
        # Other work on the machine slows whichever solver runs at that moment; the report says so.
        start, load_start = time.gmtime(), os.getloadavg()
        rows = run_table(limit, files, solvers, frozen, args, sol_dir)
        load_end = os.getloadavg()
        limit_text = (f"{limit.per_client:g} s per client" if limit.per_client is not None
                      else f"{limit.seconds:g} s per instance")
        title = (f"Quality benchmark: set `{args.set}`{f' (subset `{args.subset}`)' if args.subset else ''}, "
                 f"{limit_text}, {args.threads} thread(s) for gongpei, 1 for the peers")
        preamble = [
            f"Run {time.strftime('%Y-%m-%d %H:%M UTC', start)} to "
            f"{time.strftime('%H:%M UTC', time.gmtime())} on {os.cpu_count()} cores; load average "
            f"(1/5/15 min) at start {'/'.join(f'{v:.1f}' for v in load_start)}, at end "
            f"{'/'.join(f'{v:.1f}' for v in load_end)} (the machine is shared: wall-clock solvers get less "
            f"CPU under load); seed {args.seed}; command: `python benches/quality/run.py "
            f"{' '.join(sys.argv[1:])}`.",
            f"gongpei binary built {binary_built} from tree {tree.stdout.strip() or 'unknown'}.",
            "Every solver's solution is a .sol file re-evaluated from the instance file by `gongpei check`.",
        ]
        if SETS[args.set][2] in VARIANTS:
            preamble.append(f"Set convention: {VARIANTS[SETS[args.set][2]].description}.")
        report_path = out_dir / f"{tag}.md"
        text = write_report(report_path, title, preamble, rows, solvers, notes)
        raw = [{"instance": r.instance, "clients": r.clients, "class": r.size_class, "bks": r.bks,
                "time_limit_s": r.time_limit, "skipped": r.skipped,
                **{s: vars(run) for s, run in r.runs.items()}} for r in rows]
        (out_dir / f"{tag}.json").write_text(json.dumps(raw, indent=1) + "\n")
        print(text)
        print(f"written {report_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
