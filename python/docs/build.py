"""Builds the rendered API reference of the ``gongpei`` package with pdoc (from the docstrings,
reStructuredText roles understood) and fails on any warning pdoc raises, so that broken
references and unparsable docstrings are caught by ``make docs`` and the test suite.

Usage: ``python python/docs/build.py --out target/docs/python``
"""

from __future__ import annotations

import argparse
import pathlib
import sys
import warnings

MODULES = ["gongpei"]  # submodules are documented from the package page


def build(out: pathlib.Path) -> list:
    """Renders the reference into ``out``; returns the warnings pdoc emitted (as text)."""
    import pdoc
    import pdoc.render

    pdoc.render.configure(docformat="restructuredtext", footer_text="gongpei (共配)")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        pdoc.pdoc(*MODULES, output_directory=out)
    return [f"{w.category.__name__}: {w.message}" for w in caught]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, required=True)
    args = parser.parse_args()
    problems = build(args.out)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"docs: {len(problems)} warnings", file=sys.stderr)
        return 1
    print(f"docs: API reference written to {args.out / 'gongpei.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
