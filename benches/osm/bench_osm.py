"""OpenStreetMap roads benchmark: gongpei's imported graph and matrices checked against scipy,
and gongpei's import timed against pyrosm on the same extract.

Usage (from the repository root, after `cargo build --release -p gongpei-cli`)::

    python benches/osm/bench_osm.py [DATA_DIR] [--gongpei PATH] [--runs N] [--out FILE]

DATA_DIR is the shared data folder (default ``../shared/data``); the extract is
``DATA_DIR/osm/andorra-20230502.osm.pbf`` (map data (c) OpenStreetMap contributors, ODbL 1.0)
and the sites are the 68 named places of ``data/osm/andorra_places.csv``.

(a) ``gongpei roads export`` writes the routed graph's directed edges (sites first) and
``gongpei roads matrix`` the long matrix CSV; this script recomputes the integer arc weights
from the exported lengths and speeds, runs ``scipy.sparse.csgraph.dijkstra`` from every site
with the lexicographic weight time_ms * 10^8 + length_cm (exact in float64), and asserts that
every distance and duration equals gongpei's.

(b) Import time and peak memory, each command run as a whole process ``--runs`` times (after a
warm-up): ``gongpei roads info`` (read, map tags, compact graph, strongly connected part) vs
pyrosm's ``get_network("driving")`` plus ``to_graph`` (networkx). Peak memory is the child's
maximum resident set size (GNU time's ``%M``). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

ROOT = Path(__file__).resolve().parents[2]
PLACES = ROOT / "data" / "osm" / "andorra_places.csv"
GNU_TIME = "/usr/bin/time"
LEX = 10**8  # lexicographic factor: every path is shorter than 10^8 cm (1,000 km)

PYROSM_SCRIPT = """
import sys
from pyrosm import OSM
osm = OSM(sys.argv[1])
nodes, edges = osm.get_network(network_type="driving", nodes=True)
graph = osm.to_graph(nodes, edges, graph_type="networkx")
print(graph.number_of_nodes(), graph.number_of_edges())
"""


def half_up(x: np.ndarray) -> np.ndarray:
    """Rounds half away from zero (Rust's f64::round) for non-negative values."""
    return np.floor(x + 0.5)


def check_matrices(gongpei: str, pbf: Path, work: Path) -> str:
    edges_csv, matrix_csv = work / "edges.csv", work / "matrix.csv"
    common = ["--osm", str(pbf), "--sites", str(PLACES), "--profile", "van"]
    subprocess.run([gongpei, "roads", "export", *common, "--edges", str(edges_csv)], check=True,
                   capture_output=True)
    subprocess.run([gongpei, "roads", "matrix", *common, "--out", str(matrix_csv)], check=True,
                   capture_output=True)
    with open(PLACES, newline="", encoding="utf-8") as f:
        ids = [row["id"] for row in csv.DictReader(f)]
    k = len(ids)
    data = np.loadtxt(edges_csv, delimiter=",", skiprows=1)
    tail, head = data[:, 0].astype(np.int64), data[:, 1].astype(np.int64)
    length_m, kmh = data[:, 2], data[:, 3]
    time_ms = np.maximum(1.0, half_up(length_m * 3600.0 / kmh))
    length_cm = half_up(length_m * 100.0)
    weight = time_ms * LEX + length_cm
    # Parallel edges: a sparse matrix would add them up; keep the best of each pair.
    order = np.lexsort((weight, head, tail))
    tail, head, weight = tail[order], head[order], weight[order]
    first = np.ones(len(tail), dtype=bool)
    first[1:] = (tail[1:] != tail[:-1]) | (head[1:] != head[:-1])
    n = int(max(tail.max(), head.max())) + 1
    graph = csr_matrix((weight[first], (tail[first], head[first])), shape=(n, n))
    t0 = time.perf_counter()
    best = dijkstra(graph, directed=True, indices=np.arange(k))[:, :k]
    scipy_s = time.perf_counter() - t0
    assert np.isfinite(best).all(), "every place reaches every other"
    total_ms = np.floor(best / LEX)
    total_cm = best - total_ms * LEX
    duration = ((total_ms + 500) // 1000).astype(np.int64)
    distance = ((total_cm + 50) // 100).astype(np.int64)
    position = {site: i for i, site in enumerate(ids)}
    checked = 0
    with open(matrix_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            i, j = position[row["from"]], position[row["to"]]
            assert int(row["distance_m"]) == distance[i, j], (row, distance[i, j])
            assert int(row["duration_s"]) == duration[i, j], (row, duration[i, j])
            checked += 1
    assert checked == k * k
    return (f"{k} sites, {checked} pairs: gongpei = scipy.sparse.csgraph.dijkstra on the exported "
            f"graph ({n} nodes, {int(first.sum())} distinct arcs; scipy {scipy_s * 1000:.0f} ms)")


def run_once(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one whole-process run.

    The peak comes from GNU time (Debian package ``time``): a child forked from this Python
    process would count the pages of Python and numpy it starts with (about 58 MiB).
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        t0 = time.perf_counter()
        done = subprocess.run([GNU_TIME, "-f", "%M", "-o", rss.name, *cmd],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        if done.returncode != 0:
            raise RuntimeError(f"{cmd[0]} failed: {done.stderr.decode(errors='replace')[-2000:]}")
        peak_kib = float(rss.read().strip().splitlines()[-1])
    return wall, peak_kib / 1024.0


def measure(name: str, cmd: list[str], runs: int) -> dict:
    run_once(cmd)  # warm-up: file cache, Python imports compiled
    walls, peaks = zip(*(run_once(cmd) for _ in range(runs)))
    return {"name": name, "wall": statistics.median(walls), "min": min(walls),
            "max": max(walls), "rss": max(peaks)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="?", default=str(ROOT / ".." / "shared" / "data"))
    default_bin = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "gongpei"
    parser.add_argument("--gongpei", default=str(default_bin))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", help="also write the Markdown table to this file")
    args = parser.parse_args()
    pbf = Path(args.data) / "osm" / "andorra-20230502.osm.pbf"
    if not pbf.exists():
        print(f"skipped: {pbf} not found (pass the shared data folder)", file=sys.stderr)
        return 0
    if not Path(GNU_TIME).exists():
        print(f"needs GNU time at {GNU_TIME} (apt-get install time)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print("(a)", check_matrices(args.gongpei, pbf, work))
        script = work / "pyrosm_import.py"
        script.write_text(PYROSM_SCRIPT)
        rows = [
            measure("gongpei roads info", [args.gongpei, "roads", "info", "--osm", str(pbf)],
                    args.runs),
            measure("gongpei roads matrix (import, snap 68 places, 68x68 van matrix)",
                    [args.gongpei, "roads", "matrix", "--osm", str(pbf), "--sites", str(PLACES),
                     "--out", str(work / "m.csv")], args.runs),
            measure("pyrosm get_network(driving) + to_graph", [sys.executable, str(script),
                                                               str(pbf)], args.runs),
        ]
    base = rows[0]
    lines = ["| import of andorra-20230502.osm.pbf | median wall s | min-max s | peak RSS MiB "
             "| wall / gongpei | RSS / gongpei |", "|---|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['name']} | {r['wall']:.3f} | {r['min']:.3f}-{r['max']:.3f} | "
                     f"{r['rss']:.0f} | {r['wall'] / base['wall']:.1f} | "
                     f"{r['rss'] / base['rss']:.1f} |")
    table = "\n".join(lines)
    print("(b)", f"{args.runs} runs each after a warm-up")
    print(table)
    if args.out:
        Path(args.out).write_text(table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
