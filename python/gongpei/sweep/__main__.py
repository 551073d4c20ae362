"""``python -m gongpei.sweep SPEC.toml --backend local|ray --out DIR``: the sweep of a TOML spec,
as ``gongpei sweep`` runs it (``gongpei sweep --backend ray`` calls this): ``DIR/checkpoint.jsonl``
(resumed when present) and ``DIR/results.csv``; for a spec with a ``[game]`` table, that variant's
coalition game: ``DIR/game.jsonl`` (resumed when present), ``game.csv``, ``allocation.csv`` and
``game.json``, and the short table on stdout."""

from __future__ import annotations

import argparse
import pathlib
import sys
from typing import List, Optional


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the command line; returns the exit status (0, or 1 with the error on stderr)."""
    from .. import _core
    from ..errors import GongpeiError
    from . import Variant, coalition_game, from_spec, run_sweep, write_results_csv

    parser = argparse.ArgumentParser(prog="python -m gongpei.sweep", description=__doc__)
    parser.add_argument("spec", type=pathlib.Path, help="sweep spec (TOML)")
    parser.add_argument("--backend", choices=["local", "ray"], default="local")
    parser.add_argument("--out", type=pathlib.Path, required=True, help="folder for checkpoint.jsonl and results.csv")
    parser.add_argument("--jobs", type=int, default=None, help="processes (local) or CPUs of a new local Ray cluster")
    parser.add_argument("--threads", type=int, default=1, help="threads of each variant")
    parser.add_argument("--max-retries", type=int, default=2, help="retries of a variant whose worker died")
    parser.add_argument("--address", default=None, help="Ray cluster address (default: RAY_ADDRESS or a new local one)")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    try:
        variants = from_spec(args.spec)
        args.out.mkdir(parents=True, exist_ok=True)
        text = args.spec.read_text(encoding="utf-8")
        game = _core.sweep_spec_game(text, str(args.spec), str(args.spec.parent.absolute()))
        if game is not None:
            variant_json, batch = game
            outcome = coalition_game(Variant.from_json(variant_json), args.backend, batch=batch, jobs=args.jobs,
                                     threads=args.threads, max_retries=args.max_retries, address=args.address,
                                     progress=not args.quiet, checkpoint=args.out / "game.jsonl")  # fmt: skip
            print(outcome.write(args.out), end="")
            if not args.quiet:
                print(f"wrote {args.out}: game.csv, allocation.csv, game.json", file=sys.stderr)
            return 0
        table = run_sweep(variants, args.backend, args.out / "checkpoint.jsonl", jobs=args.jobs, threads=args.threads,
                          max_retries=args.max_retries, address=args.address, progress=not args.quiet)  # fmt: skip
        write_results_csv(table, args.out / "results.csv")
    except (GongpeiError, ValueError, ImportError, OSError) as err:
        print(f"gongpei sweep: {err}", file=sys.stderr)
        return 1
    failed = int((table["status"] != "ok").sum())
    if not args.quiet:
        print(f"wrote {args.out / 'results.csv'}: {len(table)} variants, {failed} failed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
