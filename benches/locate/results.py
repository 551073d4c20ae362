"""Writes one `## section` of benches/locate/RESULTS.md, keeping the others, so that each
benchmark script of this folder can be re-run on its own."""

from pathlib import Path

HEADER = (
    "# Location benchmarks\n\n"
    "Written by `benches/locate/pmedian.py` and `benches/locate/covering_vs_spopt.py` (each replaces its own "
    "section). The models are in `crates/gongpei-locate`.\n"
)


def replace_section(path: Path, title: str, body: str) -> None:
    """Replaces (or appends) the section `## title` of the Markdown file at `path`."""
    text = path.read_text() if path.exists() else HEADER
    marker = f"## {title}\n"
    section = f"{marker}\n{body.strip()}\n"
    if marker in text:
        start = text.index(marker)
        rest = text[start + len(marker):]
        end = rest.find("\n## ")
        tail = "" if end < 0 else rest[end + 1:]
        text = text[:start] + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text)
