"""The functions a sweep runs in its workers (processes or Ray tasks), importable by name so
that spawned processes and Ray workers find them. Each takes and returns plain text (variant,
setup and checkpoint lines as JSON), so nothing but strings crosses to a worker."""

from __future__ import annotations

from typing import List, Optional, Tuple

from .. import _core


def run_task(variant_json: str, threads: int = 1, base_json: Optional[str] = None) -> str:
    """Runs one variant; returns its checkpoint line (a finished row or the error)."""
    return _core.sweep_run(variant_json, threads, base_json)


def game_setup_task(variant_json: str, threads: int = 1, base_json: Optional[str] = None) -> str:
    """Plans what the variant's coalition costs need; returns the game's setup (JSON)."""
    return _core.sweep_game_setup(variant_json, threads, base_json)


def coalition_task(
    variant_json: str, setup_json: str, masks: List[int], threads: int = 1, base_json: Optional[str] = None
) -> List[Tuple[int, float, float]]:
    """c(S) of a batch of coalitions (bitmasks), each with the seconds its plan took."""
    return _core.sweep_coalition_costs(variant_json, setup_json, masks, threads, base_json)
