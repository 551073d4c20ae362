"""Sweep tasks that kill their worker (``os._exit``), for the tests of retries and failure rows.
The variant ids they kill and the marker file of "dies once" come from environment variables,
which spawned processes and Ray workers inherit."""

from __future__ import annotations

import json
import os
import pathlib
from typing import Optional

from gongpei.sweep._tasks import run_task

#: Id of a variant whose worker dies on its first attempt only.
DIES_ONCE = "GONGPEI_TEST_DIES_ONCE"
#: File created by that first attempt.
MARKER = "GONGPEI_TEST_DIE_MARKER"
#: Id of a variant whose worker dies on every attempt.
ALWAYS_DIES = "GONGPEI_TEST_ALWAYS_DIES"


def dying_task(variant_json: str, threads: int = 1, base_json: Optional[str] = None) -> str:
    """``run_task``, except that the worker process exits at once for the variants named above."""
    variant = json.loads(variant_json)["id"]
    if variant == os.environ.get(ALWAYS_DIES):
        os._exit(3)
    if variant == os.environ.get(DIES_ONCE):
        marker = pathlib.Path(os.environ[MARKER])
        if not marker.exists():
            marker.write_text("died once\n")
            os._exit(3)
    return run_task(variant_json, threads, base_json)
