"""The progress bar's total: how many articles the inputs hold, when that is cheap to know.

Files and folders are counted as ``read_sources`` walks them (a JSON Lines file by its
non-blank lines); a URL, a feed or standard input makes the total unknown, and the bar then
counts without an ETA. The count reads bytes only, never parses: on a slow disk it costs one
pass over the JSONL files, small beside extracting them.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spotrep.ingest.files import SUFFIXES


def expected_articles(sources: Iterable[str]) -> int | None:
    """The number of articles in these files and folders, or None if one is not local."""
    total = 0
    for raw in sources:
        if raw == "-" or "://" in raw:
            return None
        path = Path(raw)
        if path.is_dir():
            files = (p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES
                     and p.is_file() and p.name.lower() != "readme.md")
            total += sum(_articles_in(p) for p in files)
        else:
            total += _articles_in(path)
    return total


def _articles_in(path: Path) -> int:
    if path.suffix.lower() != ".jsonl":
        return 1
    try:
        with path.open("rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return 1  # reading it will fail, as one item
