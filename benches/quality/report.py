"""Results of one quality-benchmark table and its Markdown writer.

A table is one instance set at one time limit: a `Row` per instance holding each solver's `Run` (cost as
re-evaluated by `gongpei check`, feasibility, wall and CPU seconds, a note) or the reason it was skipped.
`write_report` writes the per-instance table, then per size class (`protocol.SIZE_CLASSES`) and overall:
each solver's average gap to the BKS, the ratio of gongpei's average gap to each peer's, and gongpei's
better / equal / worse counts against each peer.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path

from protocol import class_labels, size_class

ALL = "all"
REFERENCE = "gongpei"


@dataclass
class Run:
    """One solver's result on one instance."""

    solver: str
    cost: float | None = None  # from gongpei check, in the file's unit
    routes: int | None = None
    feasible: bool = False
    runtime: float = 0.0  # wall seconds of the solve call
    cpu: float = 0.0  # CPU seconds of the solve call (user + system)
    note: str = ""


@dataclass
class Row:
    """One instance: its size, BKS, time limit and every solver's run (or why a solver did not run)."""

    instance: str
    clients: int | None
    bks: float | None
    time_limit: float
    scale: int = 1
    runs: dict[str, Run] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def size_class(self) -> str:
        """The size class label (`protocol.size_class`)."""
        return size_class(self.clients)

    def feasible_run(self, solver: str) -> Run | None:
        """`solver`'s run when it ran and the checker found it feasible."""
        run = self.runs.get(solver)
        return run if run is not None and run.feasible and run.cost is not None else None


def gap(cost: float | None, bks: float | None) -> float | None:
    """Percentage gap of `cost` to `bks` (None when either is missing or bks is 0)."""
    if cost is None or bks is None or bks == 0:
        return None
    return 100.0 * (cost - bks) / bks


def same_cost(a: float, b: float) -> bool:
    """Costs are equal up to float noise (they are integers or tenths in the file's unit)."""
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def classes_present(rows: list[Row]) -> list[str]:
    """The size classes that have rows, in order, then "all"."""
    present = {row.size_class for row in rows}
    ordered = [c for c in class_labels() if c in present]
    if "unknown" in present:
        ordered.append("unknown")
    return ordered + [ALL]


def in_class(rows: list[Row], cls: str) -> list[Row]:
    """The rows of size class `cls` ("all": every row)."""
    return list(rows) if cls == ALL else [row for row in rows if row.size_class == cls]


@dataclass
class SolverStats:
    """One solver over a group of rows: average gap of its feasible runs with a BKS, counts."""

    average_gap: float | None
    feasible: int
    ran: int


def solver_stats(rows: list[Row], solver: str) -> SolverStats:
    """Average gap (feasible runs with a BKS), feasible runs and runs of `solver` over `rows`."""
    ran = [row for row in rows if solver in row.runs]
    gaps = [gap(row.runs[solver].cost, row.bks) for row in ran if row.feasible_run(solver)]
    gaps = [g for g in gaps if g is not None]
    feasible = sum(1 for row in ran if row.feasible_run(solver))
    return SolverStats(statistics.fmean(gaps) if gaps else None, feasible, len(ran))


def gap_ratio(rows: list[Row], peer: str, reference: str = REFERENCE) -> tuple[float | None, int, str]:
    """Ratio of `reference`'s average gap to `peer`'s over the rows where both are feasible and a BKS is
    known: (ratio or None, instances paired, text for the table). Below 1 means `reference` is better."""
    pairs = []
    for row in rows:
        a, b = row.feasible_run(reference), row.feasible_run(peer)
        if a and b and row.bks:
            pairs.append((gap(a.cost, row.bks), gap(b.cost, row.bks)))
    if not pairs:
        return None, 0, "-"
    mine = statistics.fmean(p[0] for p in pairs)
    theirs = statistics.fmean(p[1] for p in pairs)
    if theirs > 0:
        return mine / theirs, len(pairs), f"{mine / theirs:.2f}"
    if mine <= 0:
        return None, len(pairs), "both 0"
    return None, len(pairs), "inf (peer at 0)"


def compare(rows: list[Row], peer: str, reference: str = REFERENCE) -> tuple[int, int, int]:
    """`reference` better / equal / worse than `peer`, over the rows where both ran: by cost where both
    are feasible; where only one is feasible, that one is better; rows where neither is are left out."""
    better = equal = worse = 0
    for row in rows:
        if reference not in row.runs or peer not in row.runs:
            continue
        a, b = row.feasible_run(reference), row.feasible_run(peer)
        if a and b:
            if same_cost(a.cost, b.cost):
                equal += 1
            elif a.cost < b.cost:
                better += 1
            else:
                worse += 1
        elif a:
            better += 1
        elif b:
            worse += 1
    return better, equal, worse


def fmt(v: float | None, digits: int = 2) -> str:
    """A number for a table cell, "-" for None."""
    return "-" if v is None else f"{v:.{digits}f}"


def _table(header: list[str], body: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cells) + " |" for cells in body]


def write_report(path: Path | None, title: str, preamble: list[str], rows: list[Row], solvers: list[str],
                 solver_notes: dict[str, str] | None = None) -> str:
    """Writes the Markdown report of one table to `path` (when given) and returns its text.

    `title` is the heading, `preamble` the lines under it (date, command, load, versions), `solvers` the
    column order (gongpei first), `solver_notes` one line per solver for the solver table (version, how
    the time limit is honoured)."""
    peers = [s for s in solvers if s != REFERENCE]
    out = [f"# {title}", "", *preamble, ""]

    if solver_notes:
        body = []
        for s in solvers:
            runs = [row.runs[s] for row in rows if s in row.runs]
            wall = fmt(statistics.fmean(r.runtime for r in runs), 1) if runs else "-"
            cpu = fmt(statistics.fmean(r.cpu for r in runs), 1) if runs else "-"
            body.append([s, solver_notes.get(s, ""), wall, cpu])
        out += ["## Solvers", ""]
        out += _table(["solver", "version, time limit", "mean wall s", "mean CPU s"], body)
        out.append("")

    out += ["## Per instance", "",
            "Cost: the checker's re-evaluation of the solver's .sol file, in the file's unit; gap to the BKS in %; "
            "`ok` = feasible and the stated cost matches; `n/a` = the solver does not model this set.", ""]
    header = ["instance", "clients", "class", "limit s", "BKS"]
    for s in solvers:
        header += [f"{s} cost", f"{s} gap %", f"{s} ok"]
    body = []
    for row in rows:
        cells = [row.instance, "-" if row.clients is None else str(row.clients), row.size_class,
                 f"{row.time_limit:g}", fmt(row.bks, 2)]
        for s in solvers:
            run = row.runs.get(s)
            if run is None:
                cells += ["n/a", "-", "-"] if s in row.skipped else ["-", "-", "-"]
            else:
                cells += [fmt(run.cost, 2 if row.scale > 1 else 0), fmt(gap(run.cost, row.bks)),
                          "yes" if run.feasible else "**no**"]
        body.append(cells)
    out += _table(header, body)
    out.append("")

    classes = classes_present(rows)
    out += ["## Average gap % per size class", "",
            "Over each solver's feasible runs (feasible / ran in brackets).", ""]
    body = []
    for cls in classes:
        group = in_class(rows, cls)
        cells = [f"{cls} ({len(group)})"]
        for s in solvers:
            st = solver_stats(group, s)
            cells.append("n/a" if st.ran == 0 else f"{fmt(st.average_gap, 3)} ({st.feasible}/{st.ran})")
        body.append(cells)
    out += _table(["class (instances)", *solvers], body)
    out.append("")

    if REFERENCE in solvers and peers:
        out += [f"## Ratio {REFERENCE} / peer of the average gap", "",
                "Over the instances where both are feasible (their number in brackets); below 1 means "
                f"{REFERENCE} is closer to the BKS.", ""]
        body = []
        for cls in classes:
            cells = [cls]
            for p in peers:
                _, paired, text = gap_ratio(in_class(rows, cls), p)
                cells.append("n/a" if paired == 0 else f"{text} ({paired})")
            body.append(cells)
        out += _table(["class", *[f"{REFERENCE} / {p}" for p in peers]], body)
        out.append("")
        out += [f"## {REFERENCE} better / equal / worse than each peer", "",
                "By checker cost where both are feasible; an instance where only one is feasible counts for "
                "that one.", ""]
        body = []
        for cls in classes:
            cells = [cls]
            for p in peers:
                group = [row for row in in_class(rows, cls) if p in row.runs]
                cells.append("n/a" if not group else "%d / %d / %d" % compare(group, p))
            body.append(cells)
        out += _table(["class", *[f"vs {p}" for p in peers]], body)
        out.append("")

    notes = [f"- {row.instance} {s}: {row.runs[s].note}" for row in rows for s in solvers
             if s in row.runs and row.runs[s].note]
    skipped: dict[str, str] = {}
    for row in rows:
        for s, reason in row.skipped.items():
            skipped.setdefault(s, reason)
    notes += [f"- {s}: not run on this set ({reason})" for s, reason in skipped.items()]
    if notes:
        out += ["## Notes", "", *notes, ""]
    text = "\n".join(out)
    if path is not None:
        path.write_text(text)
    return text
