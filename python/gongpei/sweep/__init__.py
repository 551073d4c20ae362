"""Scenario sweeps and coalition games, on local processes or a Ray cluster.

A :class:`Variant` is a base scenario (a bundled preset with its generator seed, or a scenario
file), an engine seed and parameter changes keyed by name (``demand_scale``,
``demand_scale.CARRIER``, ``township_demand_scale.TOWNSHIP``, ``bus_fee[.LINE]``,
``bus_spare_parcels[.LINE]``, ``bus_spare_kg[.LINE]``, ``fleet_count.TYPE``,
``hub_handling_per_parcel``, ``township_handling_per_parcel``, ``modes``, ``allocate``,
``rules``, ``iterations``, ``clients_per_step``, ``strategy``, ``coalition_iterations``,
``coalition_strategy``, ``permutations``). The Rust core defines what each change does, the
variant's hash and its flat row of KPIs, the same as ``gongpei sweep SPEC.toml``.
:func:`run_sweep` runs each variant as its own task and returns one DataFrame; with
``checkpoint=PATH`` every finished variant is appended to a JSON Lines file (the CLI's format),
and a later call resumes from it. :func:`coalition_game` computes an allocation game's c(S) as
one task per batch of coalitions, then every allocation rule from the full table.

>>> from gongpei import sweep
>>> variants = sweep.grid(sweep.preset("small"), {"demand_scale": [1.0, 1.5]},
...                       common={"iterations": 0, "allocate": "none", "modes": ["postal_express"]})
>>> [v.id for v in variants], variants[1].changes["demand_scale"]
(['v0', 'v1'], 1.5)
>>> table = sweep.run_sweep(variants, jobs=1, progress=False)
>>> list(table["status"]), bool((table["postal_express.cost"] > 0).all())
(['ok', 'ok'], True)

Scripts that use the local backend need the ``if __name__ == "__main__":`` guard of
multiprocessing's spawn start method; notebooks do not.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import pathlib
import time
from dataclasses import dataclass, field
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
)

from .. import _core
from ..errors import InvalidInputError
from ._backends import Outcome, run_local, run_ray
from ._checkpoint import append_line, final_lines, read_checkpoint, split_done
from ._tasks import coalition_task, game_setup_task, run_task

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "Game",
    "Variant",
    "coalition_game",
    "file",
    "from_spec",
    "grid",
    "preset",
    "read_checkpoint",
    "run_sweep",
    "write_results_csv",
]

PathLike = Union[str, "os.PathLike[str]"]


def preset(name: str, seed: int = 1) -> Dict[str, Any]:
    """The base of a variant that starts from a bundled preset (``"small"``, ``"jizhou"``)
    generated with ``seed``; workers generate it themselves.

    >>> preset("small", 2)
    {'preset': 'small', 'seed': 2}
    """
    return {"preset": name, "seed": seed}


def file(path: PathLike) -> Dict[str, Any]:
    """The base of a variant that starts from a scenario JSON file (made absolute; the Ray
    backend ships its text to the workers).

    >>> file("/data/jizhou.json")
    {'file': '/data/jizhou.json'}
    """
    return {"file": str(pathlib.Path(path).absolute())}


@dataclass(frozen=True)
class Variant:
    """One scenario variant: ``base`` (:func:`preset` or :func:`file`) with ``changes``
    applied, planned with engine ``seed``. Picklable plain data; :attr:`hash` keys it in a
    checkpoint with its ``id``.

    >>> v = Variant("peak", preset("small"), seed=1, changes={"demand_scale": 1.5})
    >>> v.hash == Variant.from_json(v.to_json()).hash, len(v.hash)
    (True, 16)
    """

    id: str
    base: Mapping[str, Any]
    seed: int = 1
    changes: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        """The canonical JSON form the Rust core reads (checked: an unknown field or a base
        naming neither or both of preset and file raises :class:`gongpei.InvalidInputError`).

        >>> Variant("a", preset("small")).to_json()
        '{"id":"a","base":{"preset":"small","seed":1},"seed":1,"changes":{}}'
        """
        text = json.dumps({"id": self.id, "base": dict(self.base), "seed": self.seed,
                           "changes": dict(self.changes)})  # fmt: skip
        return _core.sweep_variant_json(text)

    @classmethod
    def from_json(cls, text: str) -> "Variant":
        """The variant of a JSON text (as written in checkpoints and by :meth:`to_json`).

        >>> Variant.from_json('{"id": "a", "base": {"preset": "small"}, "seed": 3}').seed
        3
        """
        data = json.loads(_core.sweep_variant_json(text))
        return cls(data["id"], data["base"], data["seed"], data["changes"])

    @property
    def hash(self) -> str:
        """Hash of the definition (base, seed, changes; not the id), as the CLI computes it.

        >>> Variant("a", preset("small")).hash == Variant("b", preset("small")).hash
        True
        """
        return _core.sweep_variant_hash(self.to_json())


def grid(
    base: Mapping[str, Any],
    axes: Mapping[str, Sequence[Any]],
    *,
    common: Optional[Mapping[str, Any]] = None,
    prefix: str = "v",
) -> List[Variant]:
    """Every combination of the values in ``axes`` (change key -> values; the key ``seed``
    sets the engine seed), each with the ``common`` changes, the last axis varying fastest;
    ids ``prefix`` + index.

    >>> vs = grid(preset("small"), {"seed": [1, 2], "bus_fee": [0.5, 1.0]}, common={"iterations": 0})
    >>> [(v.id, v.seed, v.changes["bus_fee"]) for v in vs]
    [('v0', 1, 0.5), ('v1', 1, 1.0), ('v2', 2, 0.5), ('v3', 2, 1.0)]
    """
    keys = list(axes)
    out = []
    for index, values in enumerate(itertools.product(*(axes[k] for k in keys))):
        changes = dict(common or {})
        seed = int(changes.pop("seed", 1))
        for key, value in zip(keys, values):
            if key == "seed":
                seed = int(value)
            else:
                changes[key] = value
        out.append(Variant(f"{prefix}{index}", dict(base), seed, changes))
    return out


def from_spec(path: PathLike) -> List[Variant]:
    """The variants of a TOML sweep spec (the file ``gongpei sweep`` reads), checked against
    the base scenario: a change that does not fit it raises :class:`gongpei.InvalidInputError`
    naming the spec key.

    >>> import pathlib, tempfile
    >>> spec = pathlib.Path(tempfile.mkdtemp()) / "s.toml"
    >>> _ = spec.write_text('[base]\\npreset = "small"\\n[grid]\\ndemand_scale = [1.0, 2.0]\\n')
    >>> [v.changes for v in from_spec(spec)]
    [{'demand_scale': 1.0}, {'demand_scale': 2.0}]
    """
    path = pathlib.Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InvalidInputError(f"{path}: {err.strerror or err}") from None
    folder = str(path.parent.absolute())
    return [Variant.from_json(v) for v in _core.sweep_expand(text, str(path), folder)]


def _shared_base(variants: Sequence[Variant]) -> Optional[str]:
    """The text of the variants' one base file, for Ray workers that may not have it."""
    files = {v.base.get("file") for v in variants}
    if len(files) != 1 or None in files:
        return None
    (only,) = files
    return pathlib.Path(str(only)).read_text(encoding="utf-8")


def _outcomes(
    backend: str, task: Callable[..., Any], args: List[Tuple[Any, ...]], *, jobs: Optional[int], threads: int,
    max_retries: int, address: Optional[str], shared: Optional[str],
) -> Iterator[Outcome]:  # fmt: skip
    if threads < 1 or (jobs is not None and jobs < 1):
        raise InvalidInputError("threads and jobs must be at least 1")
    if backend == "local":
        workers = jobs or max(1, (os.cpu_count() or 1) // threads)
        return run_local(task, args, min(workers, max(1, len(args))), max_retries)
    if backend == "ray":
        return run_ray(task, args, threads, max_retries, address, jobs, shared)
    raise InvalidInputError(f"unknown backend {backend!r}; expected 'local' or 'ray'")


def _bar(total: int, initial: int, show: bool, what: str) -> Any:
    if not show:
        return None
    from ..progress import _tqdm_class

    return _tqdm_class()(total=total, initial=initial, unit="variant" if what == "sweep" else "batch", desc=what)


def run_sweep(
    variants: Sequence[Variant],
    backend: str = "local",
    checkpoint: Optional[PathLike] = None,
    *,
    jobs: Optional[int] = None,
    threads: int = 1,
    max_retries: int = 2,
    address: Optional[str] = None,
    progress: bool = True,
    task: Callable[[str, int, Optional[str]], str] = run_task,
) -> "pd.DataFrame":
    """Runs every variant as its own task and returns one row per variant: ``id``,
    ``status`` (``ok`` or ``failed``), ``error``, ``seconds``, ``attempts``, the parameters
    (``base``, ``seed``, each change) and every KPI (``MODE.cost``, ``MODE.saving_pct``,
    ``MODE.vehicle_km``, ..., ``allocation.RULE.CARRIER``), the columns of ``results.csv``.

    ``backend="local"``: ``jobs`` spawned processes (default: cores / ``threads``);
    ``backend="ray"``: Ray tasks of ``threads`` CPUs on the cluster at ``address`` (or a running
    one, or a new local one of ``jobs`` CPUs). Each variant's comparison runs on ``threads``
    threads (default 1, so that the machine is not oversubscribed; results do not depend on it).
    A variant whose worker dies is retried ``max_retries`` times, then reported as a failed
    row with the error; none is lost. With ``checkpoint``, finished variants are appended to
    that JSON Lines file and variants already finished there (same id and definition) are not
    run again, so an interrupted sweep resumes; the CLI reads and writes the same file.
    ``task`` is the function run per variant (``gongpei.sweep._tasks.run_task``); a
    replacement must be importable by the workers.

    >>> v = Variant("one", preset("small"), changes={"iterations": 0, "allocate": "none", "modes": []})
    >>> run_sweep([v], jobs=1, progress=False).loc[0, "separate.feasible"]
    True
    """
    import pandas as pd

    variants = list(variants)
    keys = [(v.id, v.hash) for v in variants]
    if len(set(v.id for v in variants)) != len(variants):
        raise InvalidInputError("variant ids must be unique within a sweep")
    jsons = [v.to_json() for v in variants]
    entries = read_checkpoint(checkpoint) if checkpoint is not None else []
    finished, todo = split_done(keys, entries)
    collected: List[Dict[str, Any]] = list(entries)
    bar = _bar(len(variants), len(variants) - len(todo), progress, "sweep")
    shared = _shared_base(variants) if backend == "ray" else None
    args = [(jsons[i], threads) for i in todo]
    started = time.perf_counter()
    try:
        for outcome in _outcomes(backend, task, args, jobs=jobs, threads=threads, max_retries=max_retries,
                                 address=address, shared=shared):  # fmt: skip
            index = todo[outcome.position]
            if outcome.ok:
                line = str(outcome.value)
                if outcome.attempts > 1:
                    data = json.loads(line)
                    data["attempts"] = outcome.attempts
                    line = json.dumps(data, ensure_ascii=False)
            else:
                line = _core.sweep_failed_line(jsons[index], str(outcome.value), outcome.attempts,
                                               time.perf_counter() - started)  # fmt: skip
            if checkpoint is not None:
                append_line(checkpoint, line)
            collected.append(json.loads(line))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    rows = [json.loads(_core.sweep_table_row(json.dumps(e, ensure_ascii=False)))
            for e in final_lines(keys, collected)]  # fmt: skip
    return pd.DataFrame(rows)


def write_results_csv(table: "pd.DataFrame", path: PathLike) -> None:
    """Writes a sweep's table as ``gongpei sweep`` writes ``results.csv`` (numbers and booleans
    as JSON writes them, empty cells for missing values).

    >>> import pandas as pd, tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "r.csv"
    >>> write_results_csv(pd.DataFrame([{"id": "a", "ok": True, "x": None}]), out)
    >>> out.read_text().splitlines()
    ['id,ok,x', 'a,true,']
    """
    import math

    def cell(value: Any) -> str:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return ""
        if isinstance(value, str):
            return value
        if hasattr(value, "item"):
            value = value.item()
        return json.dumps(value)

    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(list(table.columns))
        for record in table.itertuples(index=False):
            writer.writerow([cell(v) for v in record])


class Game:
    """The outcome of :func:`coalition_game`: ``raw`` is the allocation (every rule's shares
    with its core check, as in a comparison's ``allocation``), ``setup`` what c(S) rested on,
    ``costs`` every coalition's cost by bitmask and ``seconds`` the wall time of its plan.

    >>> g = coalition_game(Variant("g", preset("small"), changes={"iterations": 0}), jobs=1, progress=False)
    >>> list(g.shares().columns)[:2], g.shares().shape[0] == len(g.setup["carriers"])
    (['shapley', 'proportional_volume'], True)
    """

    def __init__(
        self,
        raw: Dict[str, Any],
        setup: Dict[str, Any],
        costs: Dict[int, float],
        seconds: Optional[Dict[int, float]] = None,
        variant: Optional[Variant] = None,
        setup_seconds: float = 0.0,
    ) -> None:
        self.raw = raw
        self.setup = setup
        self.costs = costs
        self.seconds = seconds if seconds is not None else {m: 0.0 for m in costs}
        self.variant = variant
        self.setup_seconds = setup_seconds

    def shares(self) -> "pd.DataFrame":
        """Each rule's share per carrier (CNY per day), one column per rule.

        >>> g = coalition_game(Variant("g", preset("small"), changes={"iterations": 0}), jobs=1, progress=False)
        >>> abs(g.shares()["shapley"].sum() - g.raw["joint_cost"]) < 1e-6
        True
        """
        import pandas as pd

        carriers = self.raw["carriers"]
        return pd.DataFrame({rule["rule"]: rule["shares"] for rule, _ in self.raw["rules"]}, index=carriers)

    def coalitions(self) -> "pd.DataFrame":
        """One row per coalition: ``mask``, ``members``, ``cost`` and ``seconds``.

        >>> g = coalition_game(Variant("g", preset("small"), changes={"iterations": 0}), jobs=1, progress=False)
        >>> len(g.coalitions()) == 2 ** len(g.setup["carriers"]) - 1
        True
        """
        import pandas as pd

        carriers = self.setup["carriers"]
        rows = [{"mask": m, "members": "+".join(c for i, c in enumerate(carriers) if m >> i & 1), "cost": cost,
                 "seconds": self.seconds.get(m, 0.0)} for m, cost in sorted(self.costs.items())]  # fmt: skip
        return pd.DataFrame(rows)

    def write(self, folder: PathLike) -> str:
        """Writes ``game.csv``, ``allocation.csv`` and ``game.json`` into ``folder`` (created when
        missing), the files ``gongpei sweep`` writes for a spec with a ``[game]`` table, and
        returns the short table it prints.

        >>> import pathlib, tempfile
        >>> g = coalition_game(Variant("g", preset("small"), changes={"iterations": 0}), jobs=1, progress=False)
        >>> out = pathlib.Path(tempfile.mkdtemp())
        >>> g.write(out).splitlines()[0]
        'postal_express game of variant g: 6 carriers, 63 coalitions'
        """
        if self.variant is None:
            raise InvalidInputError("this game does not know its variant; make it with coalition_game")
        pathlib.Path(folder).mkdir(parents=True, exist_ok=True)
        costs = [(m, c, self.seconds.get(m, 0.0)) for m, c in sorted(self.costs.items())]
        return _core.sweep_game_write(str(folder), self.variant.to_json(), json.dumps(self.setup),
                                      self.setup_seconds, costs)  # fmt: skip


def coalition_game(
    variant: Variant,
    backend: str = "local",
    *,
    batch: int = 8,
    jobs: Optional[int] = None,
    threads: int = 1,
    max_retries: int = 2,
    address: Optional[str] = None,
    progress: bool = True,
    checkpoint: Optional[PathLike] = None,
) -> Game:
    """The allocation game of ``variant``'s ``allocate`` mode (default ``postal_express``):
    one task plans what every c(S) needs, then every coalition's cost is computed in tasks of
    ``batch`` coalitions (on ``backend``, as in :func:`run_sweep`), then every allocation rule
    from the full table, the Shapley value exact whatever the number of carriers (up to 20).
    The costs equal those of ``Scenario.compare`` with the same settings. A batch whose worker
    died on every attempt, or that failed, raises :class:`gongpei.GongpeiError`. With
    ``checkpoint``, the setup and each finished batch are appended to that JSON Lines file
    (the ``game.jsonl`` of ``gongpei sweep``) and what it already holds for this variant is
    not planned again, so an interrupted game resumes; the CLI reads and writes the same file.

    >>> g = coalition_game(Variant("g", preset("small"), changes={"iterations": 0}), jobs=1, progress=False)
    >>> g.raw["mode"], round(sum(g.shares()["shapley"]) - g.raw["joint_cost"], 6)
    ('postal_express', 0.0)
    """
    from ..errors import GongpeiError

    if batch < 1:
        raise InvalidInputError("batch must be at least 1")
    text = variant.to_json()
    shared = _shared_base([variant]) if backend == "ray" else None
    options: Dict[str, Any] = dict(jobs=jobs, threads=threads, max_retries=max_retries, address=address, shared=shared)

    def only(outcomes: Iterator[Outcome], what: str) -> List[Outcome]:
        done = list(outcomes)
        failed = [o for o in done if not o.ok]
        if failed:
            raise GongpeiError(f"{what} failed: {failed[0].value}")
        return done

    costs: Dict[int, float] = {}
    seconds: Dict[int, float] = {}
    done_setup: Optional[Tuple[str, float]] = None
    if checkpoint is not None:
        done_setup, done_costs = _core.sweep_game_progress(str(checkpoint), text)
        for m, c, t in done_costs:
            costs[int(m)], seconds[int(m)] = float(c), float(t)
    if done_setup is not None:
        setup_json, setup_seconds = done_setup
    else:
        started = time.perf_counter()
        (setup_outcome,) = only(_outcomes(backend, game_setup_task, [(text, threads)], **options), "game setup")
        setup_json, setup_seconds = str(setup_outcome.value), time.perf_counter() - started
        if checkpoint is not None:
            append_line(checkpoint, _core.sweep_game_line(text, setup=setup_json, setup_seconds=setup_seconds))
    setup = json.loads(setup_json)
    players = len(setup["carriers"])
    if players > 20:
        raise InvalidInputError(f"a full coalition table is for at most 20 carriers; this game has {players}")
    masks = [m for m in range(1, 1 << players) if m not in costs]
    batches = [masks[i : i + batch] for i in range(0, len(masks), batch)]
    bar = _bar(len(batches), 0, progress, "coalitions")
    try:
        args = [(text, setup_json, b, threads) for b in batches]
        for outcome in _outcomes(backend, coalition_task, args, **options) if batches else iter(()):
            if not outcome.ok:
                raise GongpeiError(f"coalition batch {outcome.position} failed: {outcome.value}")
            timed = [(int(m), float(c), float(t)) for m, c, t in outcome.value]
            if checkpoint is not None:
                append_line(checkpoint, _core.sweep_game_line(text, costs=timed))
            for m, c, t in timed:
                costs[m], seconds[m] = c, t
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    raw = json.loads(_core.sweep_allocate_table(setup_json, sorted(costs.items())))
    return Game(raw, setup, costs, seconds, variant, setup_seconds)
