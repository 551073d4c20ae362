"""The sweep checkpoint in Python: the JSON Lines file that ``gongpei sweep`` writes too (one
finished variant per line, keyed by id and the hash of its definition; format in
``gongpei_coop::sweep::checkpoint``). Lines are written by the Rust core (``_core.sweep_run``,
``_core.sweep_failed_line``); this module appends, reads and matches them."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Sequence, Tuple

from ..errors import InvalidInputError

Line = Dict[str, Any]


def read_checkpoint(path: "os.PathLike[str] | str") -> List[Line]:
    """Every line of the checkpoint at ``path`` as a dict (none when it does not exist). A
    last line cut short by an interruption is ignored; any other unreadable line is an error
    naming the file and line."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        return []
    lines = text.split("\n")
    complete = text.endswith("\n")
    entries: List[Line] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError as err:
            if number == len(lines) and not complete:
                continue
            raise InvalidInputError(f"{path}:{number}: not a sweep checkpoint line: {err}") from None
    return entries


def append_line(path: "os.PathLike[str] | str", line: str) -> None:
    """Appends one checkpoint line, cutting off first a last line an interruption left open."""
    try:
        with open(path, "rb+") as handle:
            data = handle.read()
            if data and not data.endswith(b"\n"):
                handle.truncate(data.rfind(b"\n") + 1)
    except FileNotFoundError:
        pass
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def split_done(keys: Sequence[Tuple[str, str]], entries: List[Line]) -> Tuple[Dict[Tuple[str, str], Line], List[int]]:
    """The finished line of each (id, hash) in ``keys`` that has one, and the indices of the
    others (to run)."""
    finished: Dict[Tuple[str, str], Line] = {}
    for entry in entries:
        if entry.get("status") == "ok":
            finished[(entry["id"], entry["hash"])] = entry
    todo = [i for i, key in enumerate(keys) if key not in finished]
    return finished, todo


def final_lines(keys: Sequence[Tuple[str, str]], entries: List[Line]) -> List[Line]:
    """The outcome of each key: its ``ok`` line, else its last failed line (keys never run are
    left out)."""
    out: List[Line] = []
    for key in keys:
        mine = [e for e in entries if (e["id"], e["hash"]) == key]
        ok = [e for e in mine if e.get("status") == "ok"]
        if ok:
            out.append(ok[-1])
        elif mine:
            out.append(mine[-1])
    return out
