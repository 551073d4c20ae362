#!/usr/bin/env python3
"""Quality benchmark: gongpei vs PyVRP vs OR-Tools on public VRP instance sets.

Runs the gongpei CLI, then PyVRP, then OR-Tools (routing solver with guided local search) on the
same instances with the same time limit, one after another in one run; writes every solution as a
CVRPLIB .sol file and verifies each with `gongpei check` (the independent checker), then writes a
Markdown table (cost, gap to BKS, feasibility per solver; averages; ratio of gongpei's average gap
to PyVRP's) to benches/quality/results/.

Conventions are identical for all solvers: CVRP distances are nint-rounded Euclidean (TSPLIB
EUC_2D) or the explicit matrix; Solomon-format files use the DIMACS distance-only convention
(distances and travel times floor(10 d), times and service durations x 10), exactly as gongpei's
reader. PyVRP and OR-Tools get matrices built here from the same files; gongpei's checker then
re-evaluates every solution from the instance file, so a convention mismatch would show up as a
cost difference or infeasibility.

Usage (see README.md):
    python benches/quality/run.py [--data ../shared/data] --set X --time-limit 30 --threads 1
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Instance sets: folder under the data root, file extension, and which external solvers apply.
SETS = {
    "X": ("cvrp/X", ".vrp", True),
    "A": ("cvrp/A", ".vrp", True),
    "B": ("cvrp/B", ".vrp", True),
    "E": ("cvrp/E", ".vrp", True),
    "P": ("cvrp/P", ".vrp", True),
    "solomon": ("vrptw/solomon", ".txt", True),
    "homberger": ("vrptw/homberger", ".txt", True),
    # Formats only gongpei reads here (pickup-and-delivery, multi-depot): gongpei alone.
    "dethloff": ("vrpspd/dethloff", ".vrpspd", False),
    "montane_galvao": ("vrpspd/montane_galvao", ".vrpspd", False),
    "cordeau": ("mdvrp/cordeau", ".txt", False),
}


@dataclass
class Instance:
    """What PyVRP and OR-Tools need, built with gongpei's conventions."""

    name: str
    coords: list[tuple[float, float]]
    distance: list[list[int]]  # location 0 is the depot
    demand: list[int]
    capacity: int
    fleet: int
    unlimited_fleet: bool
    service: list[int] = field(default_factory=list)
    tw: list[tuple[int, int]] = field(default_factory=list)
    scale: int = 1


@dataclass
class Run:
    solver: str
    cost: float | None = None  # from gongpei check, in the file's unit
    routes: int | None = None
    feasible: bool = False
    runtime: float = 0.0
    note: str = ""


# ---------------------------------------------------------------------------------------------
# Instance reading (for the external solvers)


def classic_fleet(name: str) -> int | None:
    """The fixed fleet k of the classic CVRPLIB sets named like A-n32-k5 (as gongpei's reader)."""
    parts = name.split("-")
    if len(parts) == 3 and parts[0] in {"A", "B", "E", "F", "M", "P"} and parts[2].startswith("k"):
        try:
            return int(parts[2][1:])
        except ValueError:
            return None
    return None


def read_vrplib(path: Path) -> Instance:
    import numpy as np
    import vrplib

    raw = vrplib.read_instance(str(path), compute_edge_weights=False)
    name = raw.get("name", path.stem)
    dim = int(raw["dimension"])
    depot = int(raw["depot"][0])
    if depot != 0:
        raise ValueError(f"{path}: depot must be node 1")
    weight_type = str(raw.get("edge_weight_type", "")).upper()
    if weight_type == "EUC_2D":
        xy = np.asarray(raw["node_coord"], dtype=float)
        diff = xy[:, None, :] - xy[None, :, :]
        dist = np.floor(np.sqrt((diff**2).sum(axis=2)) + 0.5).astype(np.int64)
        coords = [tuple(p) for p in xy.tolist()]
    elif weight_type == "EXPLICIT":
        dist = np.asarray(raw["edge_weight"], dtype=np.int64)
        coords = [(0.0, 0.0)] * dim
    else:
        raise ValueError(f"{path}: EDGE_WEIGHT_TYPE {weight_type} not supported here")
    demand = [int(d) for d in np.asarray(raw["demand"]).reshape(dim, -1)[:, 0]]
    n_clients = dim - 1
    fixed = raw.get("vehicles") or classic_fleet(name)
    return Instance(
        name=name,
        coords=coords,
        distance=dist.tolist(),
        demand=demand,
        capacity=int(raw["capacity"]),
        fleet=int(fixed) if fixed else n_clients,
        unlimited_fleet=not fixed,
    )


def read_solomon(path: Path) -> Instance:
    """Solomon format with DIMACS truncation: floor(10 d) distances, times x 10."""
    import numpy as np

    lines = [line.split() for line in path.read_text().splitlines() if line.strip()]
    name = " ".join(lines[0])
    vehicle_at = next(i for i, t in enumerate(lines) if [w.upper() for w in t] == ["VEHICLE"])
    fleet, capacity = (int(v) for v in lines[vehicle_at + 2])
    customer_at = next(i for i, t in enumerate(lines) if [w.upper() for w in t] == ["CUSTOMER"])
    rows = [[float(v) for v in t] for t in lines[customer_at + 2 :]]
    xy = np.asarray([(r[1], r[2]) for r in rows])
    diff = xy[:, None, :] - xy[None, :, :]
    squared = (diff**2).sum(axis=2)
    # Exact for integer coordinates: sqrt is correctly rounded, so floor never errs.
    dist = np.floor(np.sqrt(100.0 * squared)).astype(np.int64)
    return Instance(
        name=name,
        coords=[tuple(p) for p in xy.tolist()],
        distance=dist.tolist(),
        demand=[int(r[3]) for r in rows],
        capacity=capacity,
        fleet=fleet,
        unlimited_fleet=False,
        service=[round(10 * r[6]) for r in rows],
        tw=[(round(10 * r[4]), round(10 * r[5])) for r in rows],
        scale=10,
    )


# ---------------------------------------------------------------------------------------------
# Solvers


def write_sol(path: Path, routes: list[list[int]], cost: float) -> None:
    """CVRPLIB .sol; clients are location indices (= .sol ids for these sets: depot first)."""
    lines = [f"Route #{k + 1}: " + " ".join(str(c) for c in r) for k, r in enumerate(routes) if r]
    lines.append(f"Cost {cost:g}")
    path.write_text("\n".join(lines) + "\n")


def solve_pyvrp(inst: Instance, time_limit: float, seed: int, out: Path) -> float:
    import numpy as np
    import pyvrp

    n = len(inst.distance)
    locations = [pyvrp.Location(x, y) for x, y in inst.coords]
    horizon = inst.tw[0][1] if inst.tw else None
    clients = []
    for i in range(1, n):
        kwargs = {}
        if inst.tw:
            kwargs = dict(service_duration=inst.service[i], tw_early=inst.tw[i][0], tw_late=inst.tw[i][1])
        clients.append(pyvrp.Client(i, delivery=[inst.demand[i]], **kwargs))
    depot = pyvrp.Depot(0, tw_early=inst.tw[0][0], tw_late=horizon) if inst.tw else pyvrp.Depot(0)
    vt_kwargs = dict(tw_early=inst.tw[0][0], tw_late=horizon) if inst.tw else {}
    vehicle = pyvrp.VehicleType(inst.fleet, capacity=[inst.capacity], **vt_kwargs)
    matrix = np.asarray(inst.distance, dtype=np.int64)
    data = pyvrp.ProblemData(locations, clients, [depot], [vehicle], [matrix], [matrix])
    start = time.perf_counter()
    result = pyvrp.solve(data, pyvrp.stop.MaxRuntime(time_limit), seed=seed, display=False)
    elapsed = time.perf_counter() - start
    routes = [[act.idx + 1 for act in route if act.is_client()] for route in result.best.routes()]
    write_sol(out, routes, result.cost() / inst.scale)
    return elapsed


def solve_ortools(inst: Instance, time_limit: float, out: Path) -> float:
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    n = len(inst.distance)
    vehicles = inst.fleet
    if inst.unlimited_fleet:
        # An unlimited fleet as OR-Tools vehicles would add n vehicles; twice the bin-packing
        # bound plus slack never binds in practice and keeps the model small.
        vehicles = min(inst.fleet, 2 * math.ceil(sum(inst.demand) / inst.capacity) + 10)
    manager = pywrapcp.RoutingIndexManager(n, vehicles, 0)
    routing = pywrapcp.RoutingModel(manager)
    dist = inst.distance

    def distance_cb(a: int, b: int) -> int:
        return dist[manager.IndexToNode(a)][manager.IndexToNode(b)]

    arc = routing.RegisterTransitCallback(distance_cb)
    routing.SetArcCostEvaluatorOfAllVehicles(arc)
    demand = inst.demand
    load = routing.RegisterUnaryTransitCallback(lambda a: demand[manager.IndexToNode(a)])
    routing.AddDimensionWithVehicleCapacity(load, 0, [inst.capacity] * vehicles, True, "Load")
    if inst.tw:
        service = inst.service

        def time_cb(a: int, b: int) -> int:
            i, j = manager.IndexToNode(a), manager.IndexToNode(b)
            return service[i] + dist[i][j]

        transit = routing.RegisterTransitCallback(time_cb)
        horizon = inst.tw[0][1]
        routing.AddDimension(transit, horizon, horizon, False, "Time")
        time_dim = routing.GetDimensionOrDie("Time")
        for node in range(1, n):
            time_dim.CumulVar(manager.NodeToIndex(node)).SetRange(*inst.tw[node])
        for v in range(vehicles):
            time_dim.CumulVar(routing.Start(v)).SetRange(*inst.tw[0])
            time_dim.CumulVar(routing.End(v)).SetRange(*inst.tw[0])
    params = pywrapcp.DefaultRoutingSearchParameters()
    strategies = routing_enums_pb2.FirstSolutionStrategy
    # Path-cheapest-arc often finds no first solution under tight time windows (R101);
    # parallel cheapest insertion is the usual choice there.
    params.first_solution_strategy = (
        strategies.PARALLEL_CHEAPEST_INSERTION if inst.tw else strategies.PATH_CHEAPEST_ARC
    )
    params.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    params.time_limit.FromMilliseconds(int(time_limit * 1000))
    start = time.perf_counter()
    solution = routing.SolveWithParameters(params)
    elapsed = time.perf_counter() - start
    if solution is None:
        raise RuntimeError("OR-Tools found no solution")
    routes = []
    for v in range(vehicles):
        index = routing.Start(v)
        route = []
        while not routing.IsEnd(index):
            node = manager.IndexToNode(index)
            if node != 0:
                route.append(node)
            index = solution.Value(routing.NextVar(index))
        routes.append(route)
    write_sol(out, routes, solution.ObjectiveValue() / inst.scale)
    return elapsed


# ---------------------------------------------------------------------------------------------
# gongpei CLI


def gongpei_json(binary: Path, args: list[str]) -> tuple[int, dict | None, str]:
    proc = subprocess.run([str(binary), *args], capture_output=True, text=True)
    try:
        return proc.returncode, json.loads(proc.stdout), proc.stderr.strip()
    except json.JSONDecodeError:
        return proc.returncode, None, proc.stderr.strip()


def verify(binary: Path, instance: Path, sol: Path, run: Run) -> None:
    code, report, err = gongpei_json(binary, ["check", str(instance), str(sol), "--json"])
    if report is None:
        run.note = f"check failed: {err}"
        return
    run.cost = report["cost"]
    run.routes = report["routes"]
    run.feasible = bool(report["feasible"])
    if report["problems"]:
        run.note = "; ".join(report["problems"])[:200]


def natural_key(path: Path) -> list:
    """Sorts X-n101 before X-n1001 and C101 before C103: digit runs compare as numbers."""
    import re

    return [int(t) if t.isdigit() else t.lower() for t in re.split(r"(\d+)", path.stem)]


def gap(cost: float | None, bks: float | None) -> float | None:
    if cost is None or bks is None or bks == 0:
        return None
    return 100.0 * (cost - bks) / bks


# ---------------------------------------------------------------------------------------------
# Report


def fmt(v: float | None, digits: int = 2) -> str:
    return "-" if v is None else f"{v:.{digits}f}"


def write_report(path: Path, args, rows: list[dict], solvers: list[str]) -> str:
    header = ["instance", "BKS"]
    for s in solvers:
        header += [f"{s} cost", f"{s} gap %", f"{s} ok"]
    out = [
        f"# Quality benchmark: set `{args.set}`, {args.time_limit:g} s per instance, "
        f"{args.threads} thread(s) for gongpei",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} cores "
        f"(load average at start {args.load_start:.1f}, at end {os.getloadavg()[0]:.1f}); seed {args.seed}; "
        f"command: `python benches/quality/run.py {' '.join(sys.argv[1:])}`.",
        f"gongpei binary built {args.binary_built} from tree {args.tree}.",
        "Costs are the independent checker's (`gongpei check`) re-evaluation of each solver's .sol file, "
        "in the file's unit; `ok` = feasible and the stated cost matches. PyVRP and OR-Tools run "
        "single-threaded.",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
    ]
    for row in rows:
        cells = [row["instance"], fmt(row["bks"], 2) if row["bks"] is not None else "-"]
        for s in solvers:
            r: Run | None = row.get(s)
            if r is None:
                cells += ["n/a", "-", "-"]
            else:
                cells += [fmt(r.cost, 2 if row["scale"] > 1 else 0), fmt(gap(r.cost, row["bks"])),
                          "yes" if r.feasible else "**no**"]
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    averages = {}
    for s in solvers:
        gaps = [gap(row[s].cost, row["bks"]) for row in rows if row.get(s) and row[s].feasible]
        gaps = [g for g in gaps if g is not None]
        ran = [row for row in rows if row.get(s)]
        feasible = sum(1 for row in ran if row[s].feasible)
        averages[s] = (statistics.fmean(gaps) if gaps else None, feasible, len(ran))
    out.append("| solver | average gap % (feasible runs) | feasible |")
    out.append("|---|---|---|")
    for s, (avg, feasible, total) in averages.items():
        out.append(f"| {s} | {fmt(avg, 3)} | {feasible}/{total} |")
    out.append("")
    g, p = averages.get("gongpei", (None,))[0], averages.get("pyvrp", (None,))[0]
    if g is not None and p is not None and p > 0:
        out.append(f"Ratio of gongpei's average gap to PyVRP's: **{g / p:.2f}** (<= 1.0 means gongpei is at least as good).")
    elif g is not None and p is not None:
        out.append(f"PyVRP's average gap is {p:.3f} %, gongpei's {g:.3f} %: no ratio (division by zero).")
    notes = [f"- {row['instance']} {s}: {row[s].note}" for row in rows for s in solvers
             if row.get(s) and row[s].note]
    if notes:
        out += ["", "Notes:", *notes]
    text = "\n".join(out) + "\n"
    path.write_text(text)
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(REPO / "../shared/data"), help="benchmark data folder")
    parser.add_argument("--set", default="X", choices=sorted(SETS), help="instance set")
    parser.add_argument("--instances", nargs="*", help="only these instance names")
    parser.add_argument("--limit", type=int, help="only the first N instances (sorted by name)")
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds per instance and solver")
    parser.add_argument("--threads", type=int, default=1, help="gongpei worker threads")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--solvers", default="gongpei,pyvrp,ortools", help="comma-separated subset")
    parser.add_argument("--gongpei", help="gongpei binary (default: build target/release/gongpei)")
    parser.add_argument("--out", default=str(REPO / "benches/quality/results"), help="results folder")
    args = parser.parse_args()
    # Other work on the machine slows whichever solver runs at that moment; the report says so.
    args.load_start = os.getloadavg()[0]

    folder, ext, external = SETS[args.set]
    data_dir = Path(args.data).resolve() / folder
    if not data_dir.is_dir():
        print(f"data folder {data_dir} not found (pass --data)", file=sys.stderr)
        return 2
    files = sorted((p for p in data_dir.iterdir() if p.suffix == ext), key=natural_key)
    if args.instances:
        files = [p for p in files if p.stem in set(args.instances)]
    if args.limit:
        files = files[: args.limit]
    if not files:
        print("no instances selected", file=sys.stderr)
        return 2
    solvers = [s for s in args.solvers.split(",") if s]
    if not external:
        solvers = [s for s in solvers if s == "gongpei"]

    binary = Path(args.gongpei) if args.gongpei else REPO / "target/release/gongpei"
    if not args.gongpei:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "gongpei-cli"], cwd=REPO, check=True)

    # Which engine produced the figures: the binary's build time and the tree's commit.
    args.binary_built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(binary.stat().st_mtime))
    tree = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=REPO, capture_output=True, text=True)
    args.tree = tree.stdout.strip() or "unknown"
    # A private copy, so a rebuild of target/ during a long run cannot change the engine mid-table.
    import shutil
    import tempfile

    frozen = Path(tempfile.mkdtemp(prefix="gongpei-quality-")) / "gongpei"
    shutil.copy2(binary, frozen)
    binary = frozen

    tag = f"{args.set}-{args.time_limit:g}s-{args.threads}t"
    out_dir = Path(args.out)
    sol_dir = out_dir / "solutions" / tag
    for s in solvers:
        (sol_dir / s).mkdir(parents=True, exist_ok=True)

    rows = []
    for path in files:
        row: dict = {"instance": path.stem, "bks": None, "scale": 1}
        for s in solvers:
            sol = sol_dir / s / f"{path.stem}.sol"
            run = Run(s)
            try:
                if s == "gongpei":
                    code, report, err = gongpei_json(binary, [
                        "solve", str(path), "--time-limit", str(args.time_limit), "--threads",
                        str(args.threads), "--seed", str(args.seed), "--json", "--quiet", "--out", str(sol)])
                    if report is None:
                        raise RuntimeError(err or f"exit {code}")
                    row["bks"] = report["bks"]
                    row["scale"] = report["cost_scale"]
                    run.runtime = report["runtime_s"]
                else:
                    inst = read_solomon(path) if ext == ".txt" else read_vrplib(path)
                    if s == "pyvrp":
                        run.runtime = solve_pyvrp(inst, args.time_limit, args.seed, sol)
                    elif s == "ortools":
                        run.runtime = solve_ortools(inst, args.time_limit, sol)
                    else:
                        raise ValueError(f"unknown solver {s}")
                verify(binary, path, sol, run)
            except Exception as e:  # a failing solver is reported in the table, not fatal
                run.note = f"failed: {e}"[:200]
            row[s] = run
            print(f"{path.stem:>12} {s:>8}: cost {fmt(run.cost)} feasible {run.feasible} "
                  f"({run.runtime:.1f} s) {run.note}", flush=True)
        rows.append(row)

    report_path = out_dir / f"{tag}.md"
    text = write_report(report_path, args, rows, solvers)
    raw = [{"instance": r["instance"], "bks": r["bks"],
            **{s: vars(r[s]) for s in solvers if r.get(s)}} for r in rows]
    (out_dir / f"{tag}.json").write_text(json.dumps(raw, indent=1) + "\n")
    print(text)
    print(f"written {report_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
