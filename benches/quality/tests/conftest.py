"""Puts benches/quality on the import path, so the tests import `protocol`, `report` and `peers` as
run.py does (run.py lives beside them and is run as a script, not as a package)."""

from __future__ import annotations

import sys
from pathlib import Path

QUALITY = Path(__file__).resolve().parents[1]
if str(QUALITY) not in sys.path:
    sys.path.insert(0, str(QUALITY))
